/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef UDP_FIVE_TUPLE_RSS_HASH_INPUT_H
#define UDP_FIVE_TUPLE_RSS_HASH_INPUT_H

#include "rss-hash-input.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief RSS hash input "udp": addresses plus UDP ports (ESP in UDP spreads by source port); TCP
 * hashes on the addresses.
 */
class UdpFiveTupleRssHashInput : public RssHashInput
{
  public:
    static TypeId GetTypeId();
    UdpFiveTupleRssHashInput();
    ~UdpFiveTupleRssHashInput() override;

  protected:
    uint8_t* DoAppendLayer4(const RssPacketHead& head, uint8_t* out) const override;
};

} // namespace ns3

#endif // UDP_FIVE_TUPLE_RSS_HASH_INPUT_H
