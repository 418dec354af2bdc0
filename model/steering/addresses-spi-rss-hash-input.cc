/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "addresses-spi-rss-hash-input.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("AddressesSpiRssHashInput");

NS_OBJECT_ENSURE_REGISTERED(AddressesSpiRssHashInput);

TypeId
AddressesSpiRssHashInput::GetTypeId()
{
    static TypeId tid = TypeId("ns3::AddressesSpiRssHashInput")
                            .SetParent<RssHashInput>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<AddressesSpiRssHashInput>();
    return tid;
}

AddressesSpiRssHashInput::AddressesSpiRssHashInput() = default;

AddressesSpiRssHashInput::~AddressesSpiRssHashInput() = default;

uint8_t*
AddressesSpiRssHashInput::DoAppendLayer4(const RssPacketHead& head, uint8_t* out) const
{
    if (head.tuple.protocol == PROTOCOL_ESP)
    {
        out = AppendU32(out, head.spi);
    }
    return out;
}

} // namespace ns3
