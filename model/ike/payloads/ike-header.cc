/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-header.h"

#include "ns3/log.h"

#include <cstdio>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeHeader");

NS_OBJECT_ENSURE_REGISTERED(IkeHeader);

IkeHeader::IkeHeader()
    : m_initiatorSpi(0)
    , m_responderSpi(0)
    , m_nextPayload(IkePayloadType::NONE)
    , m_version(IKE_VERSION)
    , m_exchangeType(IkeExchangeType::IKE_SA_INIT)
    , m_flags(0)
    , m_messageId(0)
    , m_length(SIZE)
{
}

TypeId
IkeHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeHeader")
                            .SetParent<Header>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IkeHeader>();
    return tid;
}

TypeId
IkeHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
IkeHeader::GetSerializedSize() const
{
    return SIZE;
}

void
IkeHeader::Serialize(Buffer::Iterator start) const
{
    uint8_t bytes[SIZE];
    Write(bytes);
    start.Write(bytes, SIZE);
}

uint32_t
IkeHeader::Deserialize(Buffer::Iterator start)
{
    uint8_t bytes[SIZE];
    start.Read(bytes, SIZE);
    Read(bytes);
    return SIZE;
}

void
IkeHeader::Print(std::ostream& os) const
{
    char spis[48];
    std::snprintf(spis,
                  sizeof(spis),
                  "%016llx_i %016llx_r",
                  static_cast<unsigned long long>(m_initiatorSpi),
                  static_cast<unsigned long long>(m_responderSpi));
    os << spis << " " << ns3::ToString(m_exchangeType) << " "
       << (IsResponse() ? "response" : "request") << " " << m_messageId
       << (IsInitiator() ? " [I]" : "") << " length " << m_length;
}

void
IkeHeader::Write(uint8_t* out) const
{
    for (int i = 0; i < 8; ++i)
    {
        out[i] = static_cast<uint8_t>(m_initiatorSpi >> (56 - 8 * i));
        out[8 + i] = static_cast<uint8_t>(m_responderSpi >> (56 - 8 * i));
    }
    out[16] = static_cast<uint8_t>(m_nextPayload);
    out[17] = m_version;
    out[18] = static_cast<uint8_t>(m_exchangeType);
    out[19] = m_flags;
    for (int i = 0; i < 4; ++i)
    {
        out[20 + i] = static_cast<uint8_t>(m_messageId >> (24 - 8 * i));
        out[24 + i] = static_cast<uint8_t>(m_length >> (24 - 8 * i));
    }
}

void
IkeHeader::Read(const uint8_t* data)
{
    m_initiatorSpi = 0;
    m_responderSpi = 0;
    for (int i = 0; i < 8; ++i)
    {
        m_initiatorSpi = (m_initiatorSpi << 8) | data[i];
        m_responderSpi = (m_responderSpi << 8) | data[8 + i];
    }
    m_nextPayload = static_cast<IkePayloadType>(data[16]);
    m_version = data[17];
    m_exchangeType = static_cast<IkeExchangeType>(data[18]);
    m_flags = data[19];
    m_messageId = 0;
    m_length = 0;
    for (int i = 0; i < 4; ++i)
    {
        m_messageId = (m_messageId << 8) | data[20 + i];
        m_length = (m_length << 8) | data[24 + i];
    }
}

void
IkeHeader::SetInitiatorSpi(uint64_t spi)
{
    m_initiatorSpi = spi;
}

uint64_t
IkeHeader::GetInitiatorSpi() const
{
    return m_initiatorSpi;
}

void
IkeHeader::SetResponderSpi(uint64_t spi)
{
    m_responderSpi = spi;
}

uint64_t
IkeHeader::GetResponderSpi() const
{
    return m_responderSpi;
}

void
IkeHeader::SetNextPayload(IkePayloadType type)
{
    m_nextPayload = type;
}

IkePayloadType
IkeHeader::GetNextPayload() const
{
    return m_nextPayload;
}

void
IkeHeader::SetVersion(uint8_t version)
{
    m_version = version;
}

uint8_t
IkeHeader::GetVersion() const
{
    return m_version;
}

uint8_t
IkeHeader::GetMajorVersion() const
{
    return m_version >> 4;
}

uint8_t
IkeHeader::GetMinorVersion() const
{
    return m_version & 0x0f;
}

void
IkeHeader::SetExchangeType(IkeExchangeType type)
{
    m_exchangeType = type;
}

IkeExchangeType
IkeHeader::GetExchangeType() const
{
    return m_exchangeType;
}

void
IkeHeader::SetFlags(uint8_t flags)
{
    m_flags = flags;
}

uint8_t
IkeHeader::GetFlags() const
{
    return m_flags;
}

void
IkeHeader::SetInitiator(bool initiator)
{
    m_flags = initiator ? (m_flags | IKE_FLAG_INITIATOR) : (m_flags & ~IKE_FLAG_INITIATOR);
}

bool
IkeHeader::IsInitiator() const
{
    return (m_flags & IKE_FLAG_INITIATOR) != 0;
}

void
IkeHeader::SetResponse(bool response)
{
    m_flags = response ? (m_flags | IKE_FLAG_RESPONSE) : (m_flags & ~IKE_FLAG_RESPONSE);
}

bool
IkeHeader::IsResponse() const
{
    return (m_flags & IKE_FLAG_RESPONSE) != 0;
}

bool
IkeHeader::GetVersionFlag() const
{
    return (m_flags & IKE_FLAG_VERSION) != 0;
}

void
IkeHeader::SetMessageId(uint32_t id)
{
    m_messageId = id;
}

uint32_t
IkeHeader::GetMessageId() const
{
    return m_messageId;
}

void
IkeHeader::SetLength(uint32_t length)
{
    m_length = length;
}

uint32_t
IkeHeader::GetLength() const
{
    return m_length;
}

bool
IkeHeader::operator==(const IkeHeader& other) const
{
    return m_initiatorSpi == other.m_initiatorSpi && m_responderSpi == other.m_responderSpi
           && m_nextPayload == other.m_nextPayload && m_version == other.m_version
           && m_exchangeType == other.m_exchangeType && m_flags == other.m_flags
           && m_messageId == other.m_messageId && m_length == other.m_length;
}

} // namespace ns3
