/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "five-tuple-rss-hash-input.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FiveTupleRssHashInput");

NS_OBJECT_ENSURE_REGISTERED(FiveTupleRssHashInput);

TypeId
FiveTupleRssHashInput::GetTypeId()
{
    static TypeId tid = TypeId("ns3::FiveTupleRssHashInput")
                            .SetParent<RssHashInput>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<FiveTupleRssHashInput>();
    return tid;
}

FiveTupleRssHashInput::FiveTupleRssHashInput() = default;

FiveTupleRssHashInput::~FiveTupleRssHashInput() = default;

uint8_t*
FiveTupleRssHashInput::DoAppendLayer4(const RssPacketHead& head, uint8_t* out) const
{
    if (head.tuple.protocol == PROTOCOL_TCP || head.tuple.protocol == PROTOCOL_UDP)
    {
        out = AppendU16(out, head.tuple.sourcePort);
        out = AppendU16(out, head.tuple.destinationPort);
    }
    return out;
}

} // namespace ns3
