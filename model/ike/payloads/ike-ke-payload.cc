/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-ke-payload.h"

#include "ike-wire.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeKePayload");

IkeKePayload::IkeKePayload()
    : IkePayload(IkePayloadType::KE)
    , m_group(0)
{
}

IkeKePayload::IkeKePayload(uint16_t group, Bytes data)
    : IkePayload(IkePayloadType::KE)
    , m_group(group)
    , m_data(std::move(data))
{
}

IkeKePayload::IkeKePayload(DhGroup group, Bytes data)
    : IkeKePayload(static_cast<uint16_t>(group), std::move(data))
{
}

uint16_t
IkeKePayload::GetGroup() const
{
    return m_group;
}

void
IkeKePayload::SetGroup(uint16_t group)
{
    m_group = group;
}

const Bytes&
IkeKePayload::GetData() const
{
    return m_data;
}

void
IkeKePayload::SetData(Bytes data)
{
    m_data = std::move(data);
}

std::unique_ptr<IkePayload>
IkeKePayload::Clone() const
{
    return std::make_unique<IkeKePayload>(*this);
}

void
IkeKePayload::Print(std::ostream& os) const
{
    os << "KE(" << IkeTransformIdToString(IkeTransformType::DH, m_group) << ", " << m_data.size()
       << " octets)";
}

void
IkeKePayload::DoSerializeBody(Bytes& out) const
{
    IkeWireWriter writer(out);
    writer.U16(m_group);
    writer.Zeros(2);
    writer.Append(m_data);
}

IkeParseStatus
IkeKePayload::DoDeserializeBody(const uint8_t* body, size_t size)
{
    // No group has an empty public value.
    if (size < FIXED_SIZE + 1)
    {
        return Fail(IkeParseError::PAYLOAD_TOO_SHORT,
                    "body of " + std::to_string(size) + " octets; at least 5 expected");
    }
    IkeWireReader reader(body, size);
    reader.U16(m_group);
    reader.Skip(2);
    reader.Take(reader.Remaining(), m_data);
    return IkeParseStatus();
}

} // namespace ns3
