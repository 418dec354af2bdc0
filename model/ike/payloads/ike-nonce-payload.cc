/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-nonce-payload.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeNoncePayload");

IkeNoncePayload::IkeNoncePayload()
    : IkePayload(IkePayloadType::NONCE)
{
}

IkeNoncePayload::IkeNoncePayload(Bytes nonce)
    : IkePayload(IkePayloadType::NONCE)
    , m_nonce(std::move(nonce))
{
}

const Bytes&
IkeNoncePayload::GetNonce() const
{
    return m_nonce;
}

void
IkeNoncePayload::SetNonce(Bytes nonce)
{
    m_nonce = std::move(nonce);
}

std::unique_ptr<IkePayload>
IkeNoncePayload::Clone() const
{
    return std::make_unique<IkeNoncePayload>(*this);
}

void
IkeNoncePayload::Print(std::ostream& os) const
{
    os << "Nonce(" << m_nonce.size() << " octets)";
}

void
IkeNoncePayload::DoSerializeBody(Bytes& out) const
{
    out.insert(out.end(), m_nonce.begin(), m_nonce.end());
}

IkeParseStatus
IkeNoncePayload::DoDeserializeBody(const uint8_t* body, size_t size)
{
    // strongSwan's nonce_payload verify() refuses the same range.
    if (size < MIN_NONCE_SIZE)
    {
        return Fail(IkeParseError::PAYLOAD_TOO_SHORT,
                    "nonce of " + std::to_string(size) + " octets; 16 to 256 expected");
    }
    if (size > MAX_NONCE_SIZE)
    {
        return Fail(IkeParseError::MALFORMED_PAYLOAD,
                    "nonce of " + std::to_string(size) + " octets; 16 to 256 expected");
    }
    m_nonce.assign(body, body + size);
    return IkeParseStatus();
}

} // namespace ns3
