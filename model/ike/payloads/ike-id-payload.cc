/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-id-payload.h"

#include "ike-wire.h"

#include "ns3/log.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeIdPayload");

namespace
{

/**
 * \param type a payload type
 * \returns type if it is IDI or IDR
 * \throws std::invalid_argument otherwise
 */
IkePayloadType
CheckIdType(IkePayloadType type)
{
    if (type != IkePayloadType::IDI && type != IkePayloadType::IDR)
    {
        throw std::invalid_argument("IkeIdPayload: payload type " + ToString(type)
                                    + "; expected IDi (35) or IDr (36)");
    }
    return type;
}

} // namespace

IkeIdPayload::IkeIdPayload(IkePayloadType payloadType)
    : IkePayload(CheckIdType(payloadType))
    , m_idType(IkeIdType::ID_KEY_ID)
{
}

IkeIdPayload::IkeIdPayload(IkePayloadType payloadType, IkeIdType idType, Bytes data)
    : IkePayload(CheckIdType(payloadType))
    , m_idType(idType)
    , m_data(std::move(data))
{
}

IkeIdPayload
IkeIdPayload::FromIpv4(IkePayloadType payloadType, Ipv4Address address)
{
    Bytes data;
    IkeWireWriter(data).U32(address.Get());
    return IkeIdPayload(payloadType, IkeIdType::ID_IPV4_ADDR, data);
}

IkeIdPayload
IkeIdPayload::FromFqdn(IkePayloadType payloadType, const std::string& fqdn)
{
    return IkeIdPayload(payloadType, IkeIdType::ID_FQDN, Bytes(fqdn.begin(), fqdn.end()));
}

IkeIdPayload
IkeIdPayload::FromRfc822(IkePayloadType payloadType, const std::string& email)
{
    return IkeIdPayload(payloadType, IkeIdType::ID_RFC822_ADDR, Bytes(email.begin(), email.end()));
}

IkeIdPayload
IkeIdPayload::FromKeyId(IkePayloadType payloadType, Bytes keyId)
{
    return IkeIdPayload(payloadType, IkeIdType::ID_KEY_ID, std::move(keyId));
}

IkeIdType
IkeIdPayload::GetIdType() const
{
    return m_idType;
}

const Bytes&
IkeIdPayload::GetData() const
{
    return m_data;
}

Ipv4Address
IkeIdPayload::GetIpv4Address() const
{
    uint32_t address = 0;
    if (m_idType == IkeIdType::ID_IPV4_ADDR)
    {
        IkeWireReader(m_data.data(), m_data.size()).U32(address);
    }
    return Ipv4Address(address);
}

std::string
IkeIdPayload::GetText() const
{
    if (m_idType == IkeIdType::ID_FQDN || m_idType == IkeIdType::ID_RFC822_ADDR)
    {
        return std::string(m_data.begin(), m_data.end());
    }
    return "";
}

std::string
IkeIdPayload::GetIdentity() const
{
    switch (m_idType)
    {
        case IkeIdType::ID_IPV4_ADDR:
        {
            std::ostringstream os;
            os << GetIpv4Address();
            return os.str();
        }
        case IkeIdType::ID_FQDN:
        case IkeIdType::ID_RFC822_ADDR:
            return GetText();
        default:
            return "0x" + BytesToHex(m_data);
    }
}

bool
IkeIdPayload::SameIdentity(const IkeIdPayload& other) const
{
    return m_idType == other.m_idType && m_data == other.m_data;
}

std::unique_ptr<IkePayload>
IkeIdPayload::Clone() const
{
    return std::make_unique<IkeIdPayload>(*this);
}

void
IkeIdPayload::Print(std::ostream& os) const
{
    os << ns3::ToString(GetType()) << "(" << ns3::ToString(m_idType) << " " << GetIdentity() << ")";
}

void
IkeIdPayload::DoSerializeBody(Bytes& out) const
{
    IkeWireWriter writer(out);
    writer.U8(static_cast<uint8_t>(m_idType));
    writer.Zeros(3);
    writer.Append(m_data);
}

IkeParseStatus
IkeIdPayload::DoDeserializeBody(const uint8_t* body, size_t size)
{
    if (size < FIXED_SIZE)
    {
        return Fail(IkeParseError::PAYLOAD_TOO_SHORT,
                    "body of " + std::to_string(size) + " octets; at least 4 expected");
    }
    IkeWireReader reader(body, size);
    uint8_t idType = 0;
    reader.U8(idType);
    reader.Skip(3);
    reader.Take(reader.Remaining(), m_data);
    m_idType = static_cast<IkeIdType>(idType);
    if (idType == 0)
    {
        return Fail(IkeParseError::MALFORMED_PAYLOAD, "ID Type 0 is reserved");
    }
    if (m_idType == IkeIdType::ID_IPV4_ADDR && m_data.size() != 4)
    {
        return Fail(IkeParseError::MALFORMED_PAYLOAD,
                    "ID_IPV4_ADDR of " + std::to_string(m_data.size()) + " octets; 4 expected");
    }
    if (m_idType == IkeIdType::ID_IPV6_ADDR && m_data.size() != 16)
    {
        return Fail(IkeParseError::MALFORMED_PAYLOAD,
                    "ID_IPV6_ADDR of " + std::to_string(m_data.size()) + " octets; 16 expected");
    }
    return IkeParseStatus();
}

} // namespace ns3
