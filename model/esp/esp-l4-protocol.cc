/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "esp-l4-protocol.h"

#include "ipsec-data-plane.h"

#include "ns3/ipv4-header.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EspL4Protocol");

NS_OBJECT_ENSURE_REGISTERED(EspL4Protocol);

TypeId
EspL4Protocol::GetTypeId()
{
    static TypeId tid = TypeId("ns3::EspL4Protocol")
                            .SetParent<IpL4Protocol>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<EspL4Protocol>();
    return tid;
}

void
EspL4Protocol::SetDataPlane(Ptr<IpsecDataPlane> dataPlane)
{
    m_dataPlane = dataPlane;
}

int
EspL4Protocol::GetProtocolNumber() const
{
    return PROT_NUMBER;
}

IpL4Protocol::RxStatus
EspL4Protocol::Receive(Ptr<Packet> p,
                       const Ipv4Header& header,
                       Ptr<Ipv4Interface> incomingInterface)
{
    m_dataPlane->ReceiveEsp(p, header.GetSource(), header.GetDestination());
    return RX_OK;
}

IpL4Protocol::RxStatus
EspL4Protocol::Receive(Ptr<Packet> p,
                       const Ipv6Header& header,
                       Ptr<Ipv6Interface> incomingInterface)
{
    NS_LOG_LOGIC("ESP over IPv6 is not modelled yet; packet ignored");
    return RX_ENDPOINT_UNREACH;
}

void
EspL4Protocol::SetDownTarget(DownTargetCallback cb)
{
    m_downTarget = cb;
}

void
EspL4Protocol::SetDownTarget6(DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
}

IpL4Protocol::DownTargetCallback
EspL4Protocol::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
EspL4Protocol::GetDownTarget6() const
{
    return m_downTarget6;
}

void
EspL4Protocol::DoDispose()
{
    m_dataPlane = nullptr;
    IpL4Protocol::DoDispose();
}

} // namespace ns3
