/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FIVE_TUPLE_RSS_HASH_INPUT_H
#define FIVE_TUPLE_RSS_HASH_INPUT_H

#include "rss-hash-input.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief RSS hash input "inner": addresses plus TCP/UDP ports, as a cleartext-side NIC hashes.
 */
class FiveTupleRssHashInput : public RssHashInput
{
  public:
    static TypeId GetTypeId();
    FiveTupleRssHashInput();
    ~FiveTupleRssHashInput() override;

  protected:
    uint8_t* DoAppendLayer4(const RssPacketHead& head, uint8_t* out) const override;
};

} // namespace ns3

#endif // FIVE_TUPLE_RSS_HASH_INPUT_H
