/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-vendor-id-payload.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeVendorIdPayload");

IkeVendorIdPayload::IkeVendorIdPayload()
    : IkePayload(IkePayloadType::VENDOR_ID)
{
}

IkeVendorIdPayload::IkeVendorIdPayload(Bytes vendorId)
    : IkePayload(IkePayloadType::VENDOR_ID)
    , m_vendorId(std::move(vendorId))
{
}

const Bytes&
IkeVendorIdPayload::GetVendorId() const
{
    return m_vendorId;
}

void
IkeVendorIdPayload::SetVendorId(Bytes vendorId)
{
    m_vendorId = std::move(vendorId);
}

std::unique_ptr<IkePayload>
IkeVendorIdPayload::Clone() const
{
    return std::make_unique<IkeVendorIdPayload>(*this);
}

void
IkeVendorIdPayload::Print(std::ostream& os) const
{
    os << "V(" << BytesToHex(m_vendorId) << ")";
}

void
IkeVendorIdPayload::DoSerializeBody(Bytes& out) const
{
    out.insert(out.end(), m_vendorId.begin(), m_vendorId.end());
}

IkeParseStatus
IkeVendorIdPayload::DoDeserializeBody(const uint8_t* body, size_t size)
{
    m_vendorId.assign(body, body + size);
    return IkeParseStatus();
}

} // namespace ns3
