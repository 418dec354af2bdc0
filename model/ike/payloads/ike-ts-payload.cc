/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-ts-payload.h"

#include "ike-wire.h"

#include "ns3/log.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeTsPayload");

namespace
{

/**
 * \param type a payload type
 * \returns type if it is TSI or TSR
 * \throws std::invalid_argument otherwise
 */
IkePayloadType
CheckTsType(IkePayloadType type)
{
    if (type != IkePayloadType::TSI && type != IkePayloadType::TSR)
    {
        throw std::invalid_argument("IkeTsPayload: payload type " + ToString(type)
                                    + "; expected TSi (44) or TSr (45)");
    }
    return type;
}

/// \param address an IPv4 address \returns its 4 octets
Bytes
Ipv4Bytes(Ipv4Address address)
{
    Bytes bytes;
    IkeWireWriter(bytes).U32(address.Get());
    return bytes;
}

/// \param bytes 4 octets \returns the IPv4 address
Ipv4Address
Ipv4FromBytes(const Bytes& bytes)
{
    uint32_t value = 0;
    IkeWireReader(bytes.data(), bytes.size()).U32(value);
    return Ipv4Address(value);
}

} // namespace

IkeTrafficSelector
IkeTrafficSelector::FromTrafficSelector(const TrafficSelector& selector)
{
    IkeTrafficSelector ts;
    ts.type = IkeTsType::TS_IPV4_ADDR_RANGE;
    ts.protocol = selector.protocol;
    ts.startPort = selector.startPort;
    ts.endPort = selector.endPort;
    ts.startAddress = Ipv4Bytes(selector.startAddress);
    ts.endAddress = Ipv4Bytes(selector.endAddress);
    return ts;
}

bool
IkeTrafficSelector::IsIpv4() const
{
    return type == IkeTsType::TS_IPV4_ADDR_RANGE && startAddress.size() == 4
           && endAddress.size() == 4;
}

TrafficSelector
IkeTrafficSelector::ToTrafficSelector() const
{
    if (!IsIpv4())
    {
        throw std::logic_error("IkeTrafficSelector::ToTrafficSelector: " + ns3::ToString(type)
                               + " is not an IPv4 selector");
    }
    TrafficSelector selector;
    selector.startAddress = Ipv4FromBytes(startAddress);
    selector.endAddress = Ipv4FromBytes(endAddress);
    selector.protocol = protocol;
    selector.startPort = startPort;
    selector.endPort = endPort;
    return selector;
}

std::string
IkeTrafficSelector::ToString() const
{
    if (IsIpv4())
    {
        return ToTrafficSelector().ToString();
    }
    std::ostringstream os;
    os << ns3::ToString(type) << " " << BytesToHex(startAddress) << "-" << BytesToHex(endAddress)
       << " proto " << unsigned(protocol) << " ports " << startPort << "-" << endPort;
    return os.str();
}

bool
IkeTrafficSelector::operator==(const IkeTrafficSelector& other) const
{
    return type == other.type && protocol == other.protocol && startPort == other.startPort
           && endPort == other.endPort && startAddress == other.startAddress
           && endAddress == other.endAddress;
}

IkeTsPayload::IkeTsPayload(IkePayloadType payloadType)
    : IkePayload(CheckTsType(payloadType))
{
}

IkeTsPayload::IkeTsPayload(IkePayloadType payloadType, std::vector<IkeTrafficSelector> selectors)
    : IkePayload(CheckTsType(payloadType))
    , m_selectors(std::move(selectors))
{
    if (m_selectors.size() > 255)
    {
        throw std::invalid_argument("IkeTsPayload: " + std::to_string(m_selectors.size())
                                    + " selectors; Number of TSs is one octet");
    }
    for (const auto& ts : m_selectors)
    {
        size_t addressSize = ts.type == IkeTsType::TS_IPV4_ADDR_RANGE ? 4 : 16;
        if ((ts.type != IkeTsType::TS_IPV4_ADDR_RANGE && ts.type != IkeTsType::TS_IPV6_ADDR_RANGE)
            || ts.startAddress.size() != addressSize || ts.endAddress.size() != addressSize)
        {
            throw std::invalid_argument("IkeTsPayload: selector " + ts.ToString()
                                        + " has a type or address size RFC 7296 lacks");
        }
    }
}

IkeTsPayload
IkeTsPayload::FromTrafficSelectors(IkePayloadType payloadType,
                                   const std::vector<TrafficSelector>& selectors)
{
    std::vector<IkeTrafficSelector> ts;
    for (const auto& selector : selectors)
    {
        ts.push_back(IkeTrafficSelector::FromTrafficSelector(selector));
    }
    return IkeTsPayload(payloadType, ts);
}

const std::vector<IkeTrafficSelector>&
IkeTsPayload::GetSelectors() const
{
    return m_selectors;
}

std::vector<TrafficSelector>
IkeTsPayload::GetIpv4Selectors() const
{
    std::vector<TrafficSelector> selectors;
    for (const auto& ts : m_selectors)
    {
        if (ts.IsIpv4())
        {
            selectors.push_back(ts.ToTrafficSelector());
        }
    }
    return selectors;
}

std::unique_ptr<IkePayload>
IkeTsPayload::Clone() const
{
    return std::make_unique<IkeTsPayload>(*this);
}

void
IkeTsPayload::Print(std::ostream& os) const
{
    os << ns3::ToString(GetType()) << "(";
    for (size_t i = 0; i < m_selectors.size(); ++i)
    {
        os << (i == 0 ? "" : ", ") << m_selectors[i].ToString();
    }
    os << ")";
}

void
IkeTsPayload::DoSerializeBody(Bytes& out) const
{
    IkeWireWriter writer(out);
    writer.U8(static_cast<uint8_t>(m_selectors.size()));
    writer.Zeros(3);
    for (const auto& ts : m_selectors)
    {
        writer.U8(static_cast<uint8_t>(ts.type));
        writer.U8(ts.protocol);
        writer.U16(static_cast<uint16_t>(8 + ts.startAddress.size() + ts.endAddress.size()));
        writer.U16(ts.startPort);
        writer.U16(ts.endPort);
        writer.Append(ts.startAddress);
        writer.Append(ts.endAddress);
    }
}

IkeParseStatus
IkeTsPayload::DoDeserializeBody(const uint8_t* body, size_t size)
{
    if (size < FIXED_SIZE + IkeTrafficSelector::IPV4_SIZE)
    {
        return Fail(IkeParseError::PAYLOAD_TOO_SHORT,
                    "body of " + std::to_string(size) + " octets; at least 20 expected");
    }
    IkeWireReader reader(body, size);
    uint8_t count = 0;
    reader.U8(count);
    reader.Skip(3);
    m_selectors.clear();
    if (count == 0)
    {
        return Fail(IkeParseError::MALFORMED_PAYLOAD, "Number of TSs is 0");
    }
    for (unsigned i = 0; i < count; ++i)
    {
        std::string where = "selector " + std::to_string(i + 1) + ": ";
        IkeTrafficSelector ts;
        uint8_t type = 0;
        uint16_t length = 0;
        if (!reader.U8(type) || !reader.U8(ts.protocol) || !reader.U16(length))
        {
            return Fail(IkeParseError::MALFORMED_PAYLOAD,
                        where + "missing; " + std::to_string(count) + " announced");
        }
        ts.type = static_cast<IkeTsType>(type);
        size_t addressSize;
        switch (ts.type)
        {
            case IkeTsType::TS_IPV4_ADDR_RANGE:
                addressSize = 4;
                break;
            case IkeTsType::TS_IPV6_ADDR_RANGE:
                addressSize = 16;
                break;
            default:
                return Fail(IkeParseError::MALFORMED_PAYLOAD,
                            where + "unknown TS Type " + std::to_string(type));
        }
        if (length != 8 + 2 * addressSize)
        {
            return Fail(IkeParseError::MALFORMED_PAYLOAD,
                        where + "Selector Length " + std::to_string(length) + " for "
                            + ns3::ToString(ts.type) + "; " + std::to_string(8 + 2 * addressSize)
                            + " expected");
        }
        if (!reader.U16(ts.startPort) || !reader.U16(ts.endPort)
            || !reader.Take(addressSize, ts.startAddress)
            || !reader.Take(addressSize, ts.endAddress))
        {
            return Fail(IkeParseError::MALFORMED_PAYLOAD,
                        where + "Selector Length reaches past the payload");
        }
        // RFC 4301 OPAQUE ports are Start 65535, End 0; any other inverted range is invalid.
        if (ts.startPort > ts.endPort && !(ts.startPort == 65535 && ts.endPort == 0))
        {
            return Fail(IkeParseError::MALFORMED_PAYLOAD,
                        where + "Start Port " + std::to_string(ts.startPort) + " above End Port "
                            + std::to_string(ts.endPort));
        }
        m_selectors.push_back(ts);
    }
    if (reader.Remaining() != 0)
    {
        return Fail(IkeParseError::MALFORMED_PAYLOAD,
                    std::to_string(reader.Remaining()) + " octets after the "
                        + std::to_string(count) + " announced selectors");
    }
    return IkeParseStatus();
}

} // namespace ns3
