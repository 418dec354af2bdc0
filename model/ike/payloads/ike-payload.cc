/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-payload.h"

#include "ike-auth-payload.h"
#include "ike-delete-payload.h"
#include "ike-id-payload.h"
#include "ike-ke-payload.h"
#include "ike-nonce-payload.h"
#include "ike-notify-payload.h"
#include "ike-raw-payload.h"
#include "ike-sa-payload.h"
#include "ike-ts-payload.h"
#include "ike-vendor-id-payload.h"
#include "ike-wire.h"

#include "ns3/log.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkePayload");

IkePayload::IkePayload(IkePayloadType type)
    : m_type(type)
    , m_critical(false)
{
}

IkePayload::~IkePayload() = default;

IkePayloadType
IkePayload::GetType() const
{
    return m_type;
}

void
IkePayload::SetType(IkePayloadType type)
{
    m_type = type;
}

bool
IkePayload::IsCritical() const
{
    return m_critical;
}

void
IkePayload::SetCritical(bool critical)
{
    m_critical = critical;
}

uint32_t
IkePayload::GetSerializedSize() const
{
    Bytes body;
    DoSerializeBody(body);
    return HEADER_SIZE + body.size();
}

void
IkePayload::Serialize(IkePayloadType next, Bytes& out) const
{
    size_t start = out.size();
    IkeWireWriter writer(out);
    writer.U8(static_cast<uint8_t>(next));
    writer.U8(m_critical ? IKE_PAYLOAD_CRITICAL : 0);
    writer.U16(0); // Payload Length, patched below
    DoSerializeBody(out);
    size_t length = out.size() - start;
    if (length > HEADER_SIZE + MAX_BODY_SIZE)
    {
        out.resize(start);
        throw std::length_error("IkePayload::Serialize: " + ns3::ToString(m_type) + " payload of "
                                + std::to_string(length)
                                + " octets; Payload Length is at most 65535");
    }
    writer.PatchU16(start + 2, static_cast<uint16_t>(length));
}

Bytes
IkePayload::SerializeBody() const
{
    Bytes body;
    DoSerializeBody(body);
    return body;
}

IkeParseStatus
IkePayload::DeserializeBody(const uint8_t* body, size_t size)
{
    NS_LOG_FUNCTION(this << ns3::ToString(m_type) << size);
    return DoDeserializeBody(body, size);
}

IkePayloadType
IkePayload::SerializeChain(const std::vector<const IkePayload*>& payloads,
                           IkePayloadType after,
                           Bytes& out)
{
    for (size_t i = 0; i < payloads.size(); ++i)
    {
        payloads[i]->Serialize(i + 1 < payloads.size() ? payloads[i + 1]->GetType() : after, out);
    }
    return payloads.empty() ? after : payloads.front()->GetType();
}

std::string
IkePayload::ToString() const
{
    std::ostringstream os;
    Print(os);
    return os.str();
}

IkeParseStatus
IkePayload::Fail(IkeParseError error, const std::string& what) const
{
    return IkeParseStatus(error, ns3::ToString(m_type) + " payload: " + what, m_type);
}

std::unique_ptr<IkePayload>
IkePayload::Create(IkePayloadType type)
{
    switch (type)
    {
        case IkePayloadType::SA:
            return std::make_unique<IkeSaPayload>();
        case IkePayloadType::KE:
            return std::make_unique<IkeKePayload>();
        case IkePayloadType::IDI:
        case IkePayloadType::IDR:
            return std::make_unique<IkeIdPayload>(type);
        case IkePayloadType::AUTH:
            return std::make_unique<IkeAuthPayload>();
        case IkePayloadType::NONCE:
            return std::make_unique<IkeNoncePayload>();
        case IkePayloadType::NOTIFY:
            return std::make_unique<IkeNotifyPayload>();
        case IkePayloadType::DELETE:
            return std::make_unique<IkeDeletePayload>();
        case IkePayloadType::VENDOR_ID:
            return std::make_unique<IkeVendorIdPayload>();
        case IkePayloadType::TSI:
        case IkePayloadType::TSR:
            return std::make_unique<IkeTsPayload>(type);
        default:
            return std::make_unique<IkeRawPayload>(type);
    }
}

std::ostream&
operator<<(std::ostream& os, const IkePayload& payload)
{
    payload.Print(os);
    return os;
}

} // namespace ns3
