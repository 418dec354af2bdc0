/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "addresses-rss-hash-input.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("AddressesRssHashInput");

NS_OBJECT_ENSURE_REGISTERED(AddressesRssHashInput);

TypeId
AddressesRssHashInput::GetTypeId()
{
    static TypeId tid = TypeId("ns3::AddressesRssHashInput")
                            .SetParent<RssHashInput>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<AddressesRssHashInput>();
    return tid;
}

AddressesRssHashInput::AddressesRssHashInput() = default;

AddressesRssHashInput::~AddressesRssHashInput() = default;

uint8_t*
AddressesRssHashInput::DoAppendLayer4(const RssPacketHead& head, uint8_t* out) const
{
    return out;
}

} // namespace ns3
