/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ADDRESSES_SPI_RSS_HASH_INPUT_H
#define ADDRESSES_SPI_RSS_HASH_INPUT_H

#include "rss-hash-input.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief RSS hash input "outer-spi": addresses plus the SPI of ESP (protocol 50) packets, so that
 * SAs spread over the queues.
 */
class AddressesSpiRssHashInput : public RssHashInput
{
  public:
    static TypeId GetTypeId();
    AddressesSpiRssHashInput();
    ~AddressesSpiRssHashInput() override;

  protected:
    uint8_t* DoAppendLayer4(const RssPacketHead& head, uint8_t* out) const override;
};

} // namespace ns3

#endif // ADDRESSES_SPI_RSS_HASH_INPUT_H
