/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ADDRESSES_RSS_HASH_INPUT_H
#define ADDRESSES_RSS_HASH_INPUT_H

#include "rss-hash-input.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief RSS hash input "outer": the source and destination address only (all ESP of one gateway
 * pair on one queue).
 */
class AddressesRssHashInput : public RssHashInput
{
  public:
    static TypeId GetTypeId();
    AddressesRssHashInput();
    ~AddressesRssHashInput() override;

  protected:
    uint8_t* DoAppendLayer4(const RssPacketHead& head, uint8_t* out) const override;
};

} // namespace ns3

#endif // ADDRESSES_RSS_HASH_INPUT_H
