/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rss-hash-input.h"

#include "addresses-rss-hash-input.h"
#include "addresses-spi-rss-hash-input.h"
#include "five-tuple-rss-hash-input.h"
#include "toeplitz-hash.h"
#include "udp-five-tuple-rss-hash-input.h"

#include "ns3/log.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RssHashInput");

NS_OBJECT_ENSURE_REGISTERED(RssHashInput);

// GetTypeId registers on first call, so these are safe during static initialisation.
const TypeId RssHashInput::FIVE_TUPLE = FiveTupleRssHashInput::GetTypeId();
const TypeId RssHashInput::ADDRESSES = AddressesRssHashInput::GetTypeId();
const TypeId RssHashInput::ADDRESSES_SPI = AddressesSpiRssHashInput::GetTypeId();
const TypeId RssHashInput::UDP_FIVE_TUPLE = UdpFiveTupleRssHashInput::GetTypeId();

namespace
{
/// keyword -> TypeId name of each variant; the one place that knows both.
const std::pair<const char*, const char*> KEYWORDS[] = {
    {"inner", "ns3::FiveTupleRssHashInput"},
    {"outer", "ns3::AddressesRssHashInput"},
    {"outer-spi", "ns3::AddressesSpiRssHashInput"},
    {"udp", "ns3::UdpFiveTupleRssHashInput"},
};
} // namespace

TypeId
RssHashInput::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RssHashInput").SetParent<Object>().SetGroupName("Ipsec");
    return tid;
}

RssHashInput::RssHashInput() = default;

RssHashInput::~RssHashInput() = default;

uint32_t
RssHashInput::Hash(const std::vector<uint8_t>& key, const RssPacketHead& head) const
{
    uint8_t bytes[8 + MAX_LAYER4_BYTES];
    uint8_t* end = AppendU32(bytes, head.tuple.source.Get());
    end = AppendU32(end, head.tuple.destination.Get());
    if (head.l4Readable)
    {
        end = DoAppendLayer4(head, end);
    }
    return ToeplitzHash::Compute(key.data(), key.size(), bytes, end - bytes);
}

uint8_t*
RssHashInput::AppendU32(uint8_t* out, uint32_t x)
{
    *out++ = static_cast<uint8_t>(x >> 24);
    *out++ = static_cast<uint8_t>(x >> 16);
    *out++ = static_cast<uint8_t>(x >> 8);
    *out++ = static_cast<uint8_t>(x);
    return out;
}

uint8_t*
RssHashInput::AppendU16(uint8_t* out, uint16_t x)
{
    *out++ = static_cast<uint8_t>(x >> 8);
    *out++ = static_cast<uint8_t>(x);
    return out;
}

TypeId
RssHashInput::LookupKeyword(const std::string& keyword)
{
    for (const auto& [name, typeName] : KEYWORDS)
    {
        if (keyword == name)
        {
            return TypeId::LookupByName(typeName);
        }
    }
    throw std::invalid_argument("unknown RSS hash input \"" + keyword
                                + "\"; expected one of inner, outer, outer-spi, udp");
}

std::string
RssHashInput::GetKeyword(TypeId tid)
{
    for (const auto& [name, typeName] : KEYWORDS)
    {
        if (tid.GetName() == typeName)
        {
            return name;
        }
    }
    return tid.GetName();
}

} // namespace ns3
