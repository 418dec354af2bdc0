/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "udp-five-tuple-rss-hash-input.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("UdpFiveTupleRssHashInput");

NS_OBJECT_ENSURE_REGISTERED(UdpFiveTupleRssHashInput);

TypeId
UdpFiveTupleRssHashInput::GetTypeId()
{
    static TypeId tid = TypeId("ns3::UdpFiveTupleRssHashInput")
                            .SetParent<RssHashInput>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<UdpFiveTupleRssHashInput>();
    return tid;
}

UdpFiveTupleRssHashInput::UdpFiveTupleRssHashInput() = default;

UdpFiveTupleRssHashInput::~UdpFiveTupleRssHashInput() = default;

uint8_t*
UdpFiveTupleRssHashInput::DoAppendLayer4(const RssPacketHead& head, uint8_t* out) const
{
    if (head.tuple.protocol == PROTOCOL_UDP)
    {
        out = AppendU16(out, head.tuple.sourcePort);
        out = AppendU16(out, head.tuple.destinationPort);
    }
    return out;
}

} // namespace ns3
