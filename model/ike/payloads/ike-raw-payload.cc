/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-raw-payload.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeRawPayload");

IkeRawPayload::IkeRawPayload(IkePayloadType type, Bytes body)
    : IkePayload(type)
    , m_body(std::move(body))
{
}

const Bytes&
IkeRawPayload::GetBody() const
{
    return m_body;
}

void
IkeRawPayload::SetBody(Bytes body)
{
    m_body = std::move(body);
}

bool
IkeRawPayload::IsUnknown() const
{
    return !IsRfc7296PayloadType(GetType());
}

std::unique_ptr<IkePayload>
IkeRawPayload::Clone() const
{
    return std::make_unique<IkeRawPayload>(*this);
}

void
IkeRawPayload::Print(std::ostream& os) const
{
    os << ns3::ToString(GetType()) << "(" << (IsCritical() ? "critical, " : "") << m_body.size()
       << " octets)";
}

void
IkeRawPayload::DoSerializeBody(Bytes& out) const
{
    out.insert(out.end(), m_body.begin(), m_body.end());
}

IkeParseStatus
IkeRawPayload::DoDeserializeBody(const uint8_t* body, size_t size)
{
    m_body.assign(body, body + size);
    return IkeParseStatus();
}

} // namespace ns3
