/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "gateway-pair-topology.h"

#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/string.h"

namespace ns3
{

namespace
{
const Ipv4Mask LAN_MASK("255.255.255.0");
} // namespace

GatewayPairTopology::GatewayPairTopology(const std::string& linkRate, const std::string& linkDelay)
    : GatewayPairTopology(linkRate, linkDelay, linkRate, linkDelay)
{
}

GatewayPairTopology::GatewayPairTopology(const std::string& accessRate,
                                         const std::string& accessDelay,
                                         const std::string& wanRate,
                                         const std::string& wanDelay)
{
    m_nodes.Create(4);
    PointToPointHelper access;
    access.SetDeviceAttribute("DataRate", StringValue(accessRate));
    access.SetChannelAttribute("Delay", StringValue(accessDelay));
    m_links.SetDeviceAttribute("DataRate", StringValue(wanRate));
    m_links.SetChannelAttribute("Delay", StringValue(wanDelay));
    // In this order, so that node and device indices (and so pcap names) stay as they were.
    NetDeviceContainer lanA = access.Install(Host1(), Gateway1());
    m_wan = m_links.Install(Gateway1(), Gateway2());
    NetDeviceContainer lanB = access.Install(Gateway2(), Host2());
    m_lan = NetDeviceContainer(lanA.Get(1), lanB.Get(0));

    InternetStackHelper internet;
    internet.SetIpv6StackInstall(false);
    internet.Install(m_nodes);
    Ipv4AddressHelper addresses;
    addresses.SetBase("10.1.0.0", LAN_MASK);
    m_lanA = addresses.Assign(lanA);
    addresses.SetBase("172.16.0.0", "255.255.255.252");
    m_wanIf = addresses.Assign(m_wan);
    addresses.SetBase("10.2.0.0", LAN_MASK);
    m_lanB = addresses.Assign(lanB);

    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(Host1()->GetObject<Ipv4>())->SetDefaultRoute(m_lanA.GetAddress(1), 1);
    routing.GetStaticRouting(Host2()->GetObject<Ipv4>())->SetDefaultRoute(m_lanB.GetAddress(0), 1);
}

Ptr<Node>
GatewayPairTopology::Host1() const
{
    return m_nodes.Get(0);
}

Ptr<Node>
GatewayPairTopology::Gateway1() const
{
    return m_nodes.Get(1);
}

Ptr<Node>
GatewayPairTopology::Gateway2() const
{
    return m_nodes.Get(2);
}

Ptr<Node>
GatewayPairTopology::Host2() const
{
    return m_nodes.Get(3);
}

NodeContainer
GatewayPairTopology::Gateways() const
{
    return NodeContainer(Gateway1(), Gateway2());
}

Ipv4Address
GatewayPairTopology::Host1Address() const
{
    return m_lanA.GetAddress(0);
}

Ipv4Address
GatewayPairTopology::Host2Address() const
{
    return m_lanB.GetAddress(1);
}

NetDeviceContainer
GatewayPairTopology::WanDevices() const
{
    return m_wan;
}

NetDeviceContainer
GatewayPairTopology::LanDevices() const
{
    return m_lan;
}

PointToPointHelper&
GatewayPairTopology::Links()
{
    return m_links;
}

std::vector<std::string>
GatewayPairTopology::EnableWanPcap(const std::string& directory, const std::string& prefix)
{
    m_links.EnablePcap(directory + "/" + prefix, m_wan);
    std::vector<std::string> names;
    for (uint32_t i = 0; i < m_wan.GetN(); ++i)
    {
        Ptr<NetDevice> device = m_wan.Get(i);
        names.push_back(prefix + "-" + std::to_string(device->GetNode()->GetId()) + "-"
                        + std::to_string(device->GetIfIndex()) + ".pcap");
    }
    return names;
}

IpsecTunnelEnd
GatewayPairTopology::End1() const
{
    return {Gateway1(), m_wanIf.GetAddress(0), Ipv4Address("10.1.0.0"), LAN_MASK};
}

IpsecTunnelEnd
GatewayPairTopology::End2() const
{
    return {Gateway2(), m_wanIf.GetAddress(1), Ipv4Address("10.2.0.0"), LAN_MASK};
}

void
GatewayPairTopology::RouteInClear()
{
    Ipv4StaticRoutingHelper routing;
    for (uint32_t i : {0u, 1u})
    {
        Ptr<Ipv4> ipv4 = m_wan.Get(i)->GetNode()->GetObject<Ipv4>();
        uint32_t wanInterface = ipv4->GetInterfaceForDevice(m_wan.Get(i));
        Ipv4Address remoteLan(i == 0 ? "10.2.0.0" : "10.1.0.0");
        routing.GetStaticRouting(ipv4)->AddNetworkRouteTo(
            remoteLan, LAN_MASK, m_wanIf.GetAddress(1 - i), wanInterface);
    }
}

} // namespace ns3
