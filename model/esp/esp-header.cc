/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "esp-header.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(EspHeader);

TypeId
EspHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::EspHeader")
                            .SetParent<Header>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<EspHeader>();
    return tid;
}

TypeId
EspHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
EspHeader::GetSerializedSize() const
{
    return SIZE;
}

void
EspHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU32(m_spi);
    start.WriteHtonU32(m_seq);
}

uint32_t
EspHeader::Deserialize(Buffer::Iterator start)
{
    m_spi = start.ReadNtohU32();
    m_seq = start.ReadNtohU32();
    return SIZE;
}

void
EspHeader::Print(std::ostream& os) const
{
    os << "ESP spi=0x" << std::hex << m_spi << std::dec << " seq=" << m_seq;
}

void
EspHeader::SetSpi(uint32_t spi)
{
    m_spi = spi;
}

uint32_t
EspHeader::GetSpi() const
{
    return m_spi;
}

void
EspHeader::SetSequenceNumber(uint32_t seq)
{
    m_seq = seq;
}

uint32_t
EspHeader::GetSequenceNumber() const
{
    return m_seq;
}

} // namespace ns3
