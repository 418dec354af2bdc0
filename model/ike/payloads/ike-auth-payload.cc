/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-auth-payload.h"

#include "ike-wire.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeAuthPayload");

IkeAuthPayload::IkeAuthPayload()
    : IkePayload(IkePayloadType::AUTH)
    , m_method(IkeAuthMethod::SHARED_KEY_MIC)
{
}

IkeAuthPayload::IkeAuthPayload(IkeAuthMethod method, Bytes data)
    : IkePayload(IkePayloadType::AUTH)
    , m_method(method)
    , m_data(std::move(data))
{
}

IkeAuthMethod
IkeAuthPayload::GetMethod() const
{
    return m_method;
}

void
IkeAuthPayload::SetMethod(IkeAuthMethod method)
{
    m_method = method;
}

const Bytes&
IkeAuthPayload::GetData() const
{
    return m_data;
}

void
IkeAuthPayload::SetData(Bytes data)
{
    m_data = std::move(data);
}

std::unique_ptr<IkePayload>
IkeAuthPayload::Clone() const
{
    return std::make_unique<IkeAuthPayload>(*this);
}

void
IkeAuthPayload::Print(std::ostream& os) const
{
    os << "AUTH(" << ns3::ToString(m_method) << ", " << m_data.size() << " octets)";
}

void
IkeAuthPayload::DoSerializeBody(Bytes& out) const
{
    IkeWireWriter writer(out);
    writer.U8(static_cast<uint8_t>(m_method));
    writer.Zeros(3);
    writer.Append(m_data);
}

IkeParseStatus
IkeAuthPayload::DoDeserializeBody(const uint8_t* body, size_t size)
{
    if (size < FIXED_SIZE)
    {
        return Fail(IkeParseError::PAYLOAD_TOO_SHORT,
                    "body of " + std::to_string(size) + " octets; at least 4 expected");
    }
    IkeWireReader reader(body, size);
    uint8_t method = 0;
    reader.U8(method);
    reader.Skip(3);
    reader.Take(reader.Remaining(), m_data);
    m_method = static_cast<IkeAuthMethod>(method);
    return IkeParseStatus();
}

} // namespace ns3
