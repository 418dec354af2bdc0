/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-notify-payload.h"

#include "ike-wire.h"

#include "ns3/log.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeNotifyPayload");

IkeNotifyPayload::IkeNotifyPayload()
    : IkePayload(IkePayloadType::NOTIFY)
    , m_protocol(IkeProtocolId::NONE)
    , m_type(static_cast<IkeNotifyType>(0))
{
}

IkeNotifyPayload::IkeNotifyPayload(IkeNotifyType type, Bytes data)
    : IkeNotifyPayload(type, IkeProtocolId::NONE, {}, std::move(data))
{
}

IkeNotifyPayload::IkeNotifyPayload(IkeNotifyType type,
                                   IkeProtocolId protocol,
                                   Bytes spi,
                                   Bytes data)
    : IkePayload(IkePayloadType::NOTIFY)
    , m_protocol(protocol)
    , m_type(type)
{
    SetSpi(std::move(spi));
    m_data = std::move(data);
}

IkeNotifyPayload
IkeNotifyPayload::UnsupportedCriticalPayload(IkePayloadType payloadType)
{
    return IkeNotifyPayload(IkeNotifyType::UNSUPPORTED_CRITICAL_PAYLOAD,
                            Bytes{static_cast<uint8_t>(payloadType)});
}

IkeNotifyPayload
IkeNotifyPayload::InvalidKePayload(uint16_t group)
{
    Bytes data;
    IkeWireWriter(data).U16(group);
    return IkeNotifyPayload(IkeNotifyType::INVALID_KE_PAYLOAD, data);
}

IkeNotifyPayload
IkeNotifyPayload::RekeySa(uint32_t espSpi)
{
    Bytes spi;
    IkeWireWriter(spi).U32(espSpi);
    return IkeNotifyPayload(IkeNotifyType::REKEY_SA, IkeProtocolId::ESP, spi);
}

IkeNotifyPayload
IkeNotifyPayload::SetWindowSize(uint32_t windowSize)
{
    Bytes data;
    IkeWireWriter(data).U32(windowSize);
    return IkeNotifyPayload(IkeNotifyType::SET_WINDOW_SIZE, data);
}

IkeNotifyPayload
IkeNotifyPayload::SaResourceInfo(Bytes resourceId)
{
    return IkeNotifyPayload(IkeNotifyType::SA_RESOURCE_INFO, std::move(resourceId));
}

IkeNotifyPayload
IkeNotifyPayload::TsMaxQueue()
{
    return IkeNotifyPayload(IkeNotifyType::TS_MAX_QUEUE);
}

IkeNotifyType
IkeNotifyPayload::GetNotifyType() const
{
    return m_type;
}

void
IkeNotifyPayload::SetNotifyType(IkeNotifyType type)
{
    m_type = type;
}

bool
IkeNotifyPayload::IsError() const
{
    return IsErrorNotify(m_type);
}

IkeProtocolId
IkeNotifyPayload::GetProtocolId() const
{
    return m_protocol;
}

void
IkeNotifyPayload::SetProtocolId(IkeProtocolId protocol)
{
    m_protocol = protocol;
}

const Bytes&
IkeNotifyPayload::GetSpi() const
{
    return m_spi;
}

void
IkeNotifyPayload::SetSpi(Bytes spi)
{
    if (spi.size() > 255)
    {
        throw std::invalid_argument("IkeNotifyPayload: SPI of " + std::to_string(spi.size())
                                    + " octets; SPI Size is one octet");
    }
    m_spi = std::move(spi);
}

uint32_t
IkeNotifyPayload::GetSpi32() const
{
    uint32_t spi = 0;
    if (m_spi.size() == 4)
    {
        IkeWireReader(m_spi.data(), m_spi.size()).U32(spi);
    }
    return spi;
}

const Bytes&
IkeNotifyPayload::GetData() const
{
    return m_data;
}

void
IkeNotifyPayload::SetData(Bytes data)
{
    m_data = std::move(data);
}

std::unique_ptr<IkePayload>
IkeNotifyPayload::Clone() const
{
    return std::make_unique<IkeNotifyPayload>(*this);
}

void
IkeNotifyPayload::Print(std::ostream& os) const
{
    os << "N(" << ns3::ToString(m_type);
    if (!m_spi.empty())
    {
        os << ", " << ns3::ToString(m_protocol) << " SPI 0x" << BytesToHex(m_spi);
    }
    if (!m_data.empty())
    {
        os << ", data " << BytesToHex(m_data);
    }
    os << ")";
}

void
IkeNotifyPayload::DoSerializeBody(Bytes& out) const
{
    IkeWireWriter writer(out);
    writer.U8(static_cast<uint8_t>(m_protocol));
    writer.U8(static_cast<uint8_t>(m_spi.size()));
    writer.U16(static_cast<uint16_t>(m_type));
    writer.Append(m_spi);
    writer.Append(m_data);
}

IkeParseStatus
IkeNotifyPayload::DoDeserializeBody(const uint8_t* body, size_t size)
{
    if (size < FIXED_SIZE)
    {
        return Fail(IkeParseError::PAYLOAD_TOO_SHORT,
                    "body of " + std::to_string(size) + " octets; at least 4 expected");
    }
    IkeWireReader reader(body, size);
    uint8_t protocol = 0;
    uint8_t spiSize = 0;
    uint16_t type = 0;
    reader.U8(protocol);
    reader.U8(spiSize);
    reader.U16(type);
    m_protocol = static_cast<IkeProtocolId>(protocol);
    m_type = static_cast<IkeNotifyType>(type);
    if (protocol > static_cast<uint8_t>(IkeProtocolId::ESP))
    {
        return Fail(IkeParseError::MALFORMED_PAYLOAD,
                    "unknown Protocol ID " + std::to_string(protocol));
    }
    if (!reader.Take(spiSize, m_spi))
    {
        return Fail(IkeParseError::MALFORMED_PAYLOAD,
                    "SPI Size " + std::to_string(spiSize) + " exceeds the "
                        + std::to_string(reader.Remaining()) + " octets left");
    }
    reader.Take(reader.Remaining(), m_data);

    // Fixed data lengths, as strongSwan checks them.
    int expected = -1;
    switch (m_type)
    {
        case IkeNotifyType::INVALID_KE_PAYLOAD:
            expected = 2;
            break;
        case IkeNotifyType::NAT_DETECTION_SOURCE_IP:
        case IkeNotifyType::NAT_DETECTION_DESTINATION_IP:
            expected = 20; // SHA-1
            break;
        case IkeNotifyType::IPCOMP_SUPPORTED:
            expected = 3;
            break;
        case IkeNotifyType::INVALID_SYNTAX:
        case IkeNotifyType::INVALID_MAJOR_VERSION:
        case IkeNotifyType::NO_PROPOSAL_CHOSEN:
            expected = 0;
            break;
        default:
            break;
    }
    if (expected >= 0 && m_data.size() != static_cast<size_t>(expected))
    {
        return Fail(IkeParseError::MALFORMED_PAYLOAD,
                    ns3::ToString(m_type) + " with " + std::to_string(m_data.size())
                        + " octets of data; " + std::to_string(expected) + " expected");
    }
    return IkeParseStatus();
}

} // namespace ns3
