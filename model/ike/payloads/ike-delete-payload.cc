/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-delete-payload.h"

#include "ike-wire.h"

#include "ns3/log.h"

#include <cstdio>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeDeletePayload");

IkeDeletePayload::IkeDeletePayload()
    : IkePayload(IkePayloadType::DELETE)
    , m_protocol(IkeProtocolId::IKE)
{
}

IkeDeletePayload::IkeDeletePayload(IkeProtocolId protocol, std::vector<uint32_t> spis)
    : IkePayload(IkePayloadType::DELETE)
    , m_protocol(protocol)
    , m_spis(std::move(spis))
{
    if (protocol != IkeProtocolId::ESP && protocol != IkeProtocolId::AH)
    {
        throw std::invalid_argument("IkeDeletePayload: protocol " + ns3::ToString(protocol)
                                    + " with SPIs; expected ESP or AH (the IKE SA has none)");
    }
    if (m_spis.size() > 65535)
    {
        throw std::invalid_argument("IkeDeletePayload: more than 65535 SPIs");
    }
}

IkeProtocolId
IkeDeletePayload::GetProtocolId() const
{
    return m_protocol;
}

const std::vector<uint32_t>&
IkeDeletePayload::GetSpis() const
{
    return m_spis;
}

bool
IkeDeletePayload::IsIkeSa() const
{
    return m_protocol == IkeProtocolId::IKE;
}

std::unique_ptr<IkePayload>
IkeDeletePayload::Clone() const
{
    return std::make_unique<IkeDeletePayload>(*this);
}

void
IkeDeletePayload::Print(std::ostream& os) const
{
    os << "D(" << ns3::ToString(m_protocol);
    for (uint32_t spi : m_spis)
    {
        char text[16];
        std::snprintf(text, sizeof(text), " 0x%08x", spi);
        os << text;
    }
    os << ")";
}

void
IkeDeletePayload::DoSerializeBody(Bytes& out) const
{
    IkeWireWriter writer(out);
    writer.U8(static_cast<uint8_t>(m_protocol));
    writer.U8(IsIkeSa() ? 0 : 4);
    writer.U16(static_cast<uint16_t>(m_spis.size()));
    for (uint32_t spi : m_spis)
    {
        writer.U32(spi);
    }
}

IkeParseStatus
IkeDeletePayload::DoDeserializeBody(const uint8_t* body, size_t size)
{
    if (size < FIXED_SIZE)
    {
        return Fail(IkeParseError::PAYLOAD_TOO_SHORT,
                    "body of " + std::to_string(size) + " octets; at least 4 expected");
    }
    IkeWireReader reader(body, size);
    uint8_t protocol = 0;
    uint8_t spiSize = 0;
    uint16_t count = 0;
    reader.U8(protocol);
    reader.U8(spiSize);
    reader.U16(count);
    m_protocol = static_cast<IkeProtocolId>(protocol);
    m_spis.clear();
    switch (m_protocol)
    {
        case IkeProtocolId::IKE:
            if (spiSize != 0 || count != 0)
            {
                return Fail(IkeParseError::MALFORMED_PAYLOAD,
                            "IKE SA delete with SPI Size " + std::to_string(spiSize) + " and "
                                + std::to_string(count) + " SPIs; 0 and 0 expected");
            }
            break;
        case IkeProtocolId::AH:
        case IkeProtocolId::ESP:
            if (spiSize != 4)
            {
                return Fail(IkeParseError::MALFORMED_PAYLOAD,
                            "SPI Size " + std::to_string(spiSize) + " for "
                                + ns3::ToString(m_protocol) + "; 4 expected");
            }
            break;
        default:
            return Fail(IkeParseError::MALFORMED_PAYLOAD,
                        "unknown Protocol ID " + std::to_string(protocol));
    }
    if (reader.Remaining() != static_cast<size_t>(count) * spiSize)
    {
        return Fail(IkeParseError::MALFORMED_PAYLOAD,
                    std::to_string(count) + " SPIs of " + std::to_string(spiSize)
                        + " octets announced, " + std::to_string(reader.Remaining())
                        + " octets present");
    }
    for (uint16_t i = 0; i < count; ++i)
    {
        uint32_t spi = 0;
        reader.U32(spi);
        m_spis.push_back(spi);
    }
    return IkeParseStatus();
}

} // namespace ns3
