/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "hub-spoke-topology.h"

#include "ns3/abort.h"
#include "ns3/channel.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/string.h"

namespace ns3
{

namespace
{

const Ipv4Mask SITE_MASK("255.255.255.0");
const Ipv4Mask ACCESS_MASK("255.255.255.252");

/// \returns \p links with \p rate and \p delay
PointToPointHelper
MakeLinks(const std::string& rate, const std::string& delay)
{
    PointToPointHelper links;
    links.SetDeviceAttribute("DataRate", StringValue(rate));
    links.SetChannelAttribute("Delay", StringValue(delay));
    return links;
}

/// Adds \p device to its node's IPv4 with \p address / \p mask and brings it up.
/// Directly, not with Ipv4AddressHelper, whose global duplicate check is not needed for a
/// plan that cannot collide.
void
AddInterface(Ptr<NetDevice> device, Ipv4Address address, Ipv4Mask mask)
{
    Ptr<Ipv4> ipv4 = device->GetNode()->GetObject<Ipv4>();
    int32_t index = ipv4->AddInterface(device);
    ipv4->AddAddress(index, Ipv4InterfaceAddress(address, mask));
    ipv4->SetUp(index);
}

/// \returns the interface of \p device on its node
uint32_t
InterfaceOf(Ptr<NetDevice> device)
{
    return device->GetNode()->GetObject<Ipv4>()->GetInterfaceForDevice(device);
}

} // namespace

HubSpokeTopology::HubSpokeTopology(uint32_t spokes,
                                   bool withHosts,
                                   const std::string& linkRate,
                                   const std::string& linkDelay)
    : HubSpokeTopology(spokes, withHosts, linkRate, linkDelay, linkRate, linkDelay)
{
}

HubSpokeTopology::HubSpokeTopology(uint32_t spokes,
                                   bool withHosts,
                                   const std::string& accessRate,
                                   const std::string& accessDelay,
                                   const std::string& lanRate,
                                   const std::string& lanDelay)
    : m_spokes(spokes)
    , m_withHosts(withHosts)
    , m_graph(MakeLinks(accessRate, accessDelay))
{
    NS_ABORT_MSG_UNLESS(spokes >= 1 && spokes <= MAX_SPOKES,
                        "spokes=" << spokes << " is out of range: expected 1 to " << MAX_SPOKES);
    // Vertices: 0 the hub, 1..N the spokes, then N+1 the hub's host and N+2.. the spokes'.
    // Edges in that order too: the access links first, then the LANs.
    TopologyGraph star(withHosts ? 2 * spokes + 2 : spokes + 1);
    for (uint32_t i = 0; i < spokes; ++i)
    {
        boost::add_edge(0, i + 1, star);
    }
    if (withHosts)
    {
        for (uint32_t site = 0; site <= spokes; ++site)
        {
            boost::add_edge(site, spokes + 1 + site, star);
        }
    }
    m_nodes = m_graph.Install(star);
    // The graph helper makes every link alike: the LANs get their own rate and delay after.
    const std::vector<NetDeviceContainer>& edges = m_graph.GetLinks();
    for (size_t e = spokes; e < edges.size(); ++e)
    {
        for (uint32_t end = 0; end < 2; ++end)
        {
            edges[e].Get(end)->SetAttribute("DataRate", StringValue(lanRate));
        }
        edges[e].Get(0)->GetChannel()->SetAttribute("Delay", StringValue(lanDelay));
    }

    InternetStackHelper internet;
    internet.SetIpv6StackInstall(false);
    internet.Install(m_nodes);

    const std::vector<NetDeviceContainer>& links = m_graph.GetLinks();
    for (uint32_t i = 0; i < spokes; ++i)
    {
        AddInterface(links[i].Get(0), AccessAddress(i, 1), ACCESS_MASK);
        AddInterface(links[i].Get(1), AccessAddress(i, 2), ACCESS_MASK);
    }
    Ipv4StaticRoutingHelper routing;
    // The hub's public address: on its loopback (a /32 adds no route), a host route on each
    // spoke.
    Hub()->GetObject<Ipv4>()->AddAddress(0,
                                         Ipv4InterfaceAddress(HubAddress(), Ipv4Mask::GetOnes()));
    for (uint32_t i = 0; i < spokes; ++i)
    {
        routing.GetStaticRouting(Spoke(i)->GetObject<Ipv4>())
            ->AddHostRouteTo(HubAddress(), AccessAddress(i, 1), InterfaceOf(links[i].Get(1)));
    }
    for (uint32_t site = 0; site <= spokes; ++site)
    {
        Ipv4Address gatewayAddress(SiteSubnet(site).Get() + 1);
        if (withHosts)
        {
            const NetDeviceContainer& lan = links[spokes + site];
            AddInterface(lan.Get(0), gatewayAddress, SITE_MASK);
            AddInterface(lan.Get(1), Ipv4Address(SiteSubnet(site).Get() + 2), SITE_MASK);
            routing.GetStaticRouting(lan.Get(1)->GetNode()->GetObject<Ipv4>())
                ->SetDefaultRoute(gatewayAddress, InterfaceOf(lan.Get(1)));
        }
        else
        {
            // Interface 0 is the loopback; a /32 adds no route.
            m_nodes.Get(site)->GetObject<Ipv4>()->AddAddress(
                0, Ipv4InterfaceAddress(gatewayAddress, Ipv4Mask::GetOnes()));
        }
    }
}

Ipv4Address
HubSpokeTopology::SiteSubnet(uint32_t index)
{
    return Ipv4Address(Ipv4Address("10.0.0.0").Get() + (index << 8));
}

Ipv4Address
HubSpokeTopology::HubAddress()
{
    return Ipv4Address("100.127.255.254");
}

Ipv4Address
HubSpokeTopology::AccessAddress(uint32_t i, uint32_t end)
{
    return Ipv4Address(Ipv4Address("100.64.0.0").Get() + 4 * i + end);
}

uint32_t
HubSpokeTopology::GetSpokeCount() const
{
    return m_spokes;
}

Ptr<Node>
HubSpokeTopology::Hub() const
{
    return m_nodes.Get(0);
}

Ptr<Node>
HubSpokeTopology::Spoke(uint32_t i) const
{
    NS_ABORT_MSG_UNLESS(i < m_spokes, "no spoke " << i);
    return m_nodes.Get(i + 1);
}

NodeContainer
HubSpokeTopology::Spokes() const
{
    NodeContainer spokes;
    for (uint32_t i = 0; i < m_spokes; ++i)
    {
        spokes.Add(m_nodes.Get(i + 1));
    }
    return spokes;
}

Ptr<Node>
HubSpokeTopology::HubHost() const
{
    return m_withHosts ? m_nodes.Get(m_spokes + 1) : nullptr;
}

Ptr<Node>
HubSpokeTopology::SpokeHost(uint32_t i) const
{
    NS_ABORT_MSG_UNLESS(i < m_spokes, "no spoke " << i);
    return m_withHosts ? m_nodes.Get(m_spokes + 2 + i) : nullptr;
}

Ipv4Address
HubSpokeTopology::HubSubnetAddress() const
{
    return Ipv4Address(SiteSubnet(0).Get() + (m_withHosts ? 2 : 1));
}

Ipv4Address
HubSpokeTopology::SpokeSubnetAddress(uint32_t i) const
{
    NS_ABORT_MSG_UNLESS(i < m_spokes, "no spoke " << i);
    return Ipv4Address(SiteSubnet(i + 1).Get() + (m_withHosts ? 2 : 1));
}

IpsecTunnelEnd
HubSpokeTopology::HubEnd(uint32_t i) const
{
    NS_ABORT_MSG_UNLESS(i < m_spokes, "no spoke " << i);
    return {Hub(), HubAddress(), SiteSubnet(0), SITE_MASK};
}

IpsecTunnelEnd
HubSpokeTopology::SpokeEnd(uint32_t i) const
{
    return {Spoke(i), AccessAddress(i, 2), SiteSubnet(i + 1), SITE_MASK};
}

NetDeviceContainer
HubSpokeTopology::AccessLink(uint32_t i) const
{
    NS_ABORT_MSG_UNLESS(i < m_spokes, "no spoke " << i);
    return m_graph.GetLinks()[i];
}

PointToPointHelper&
HubSpokeTopology::Links()
{
    return m_graph.Links();
}

void
HubSpokeTopology::RouteInClear()
{
    Ipv4StaticRoutingHelper routing;
    Ptr<Ipv4StaticRouting> hub = routing.GetStaticRouting(Hub()->GetObject<Ipv4>());
    for (uint32_t i = 0; i < m_spokes; ++i)
    {
        const NetDeviceContainer& link = m_graph.GetLinks()[i];
        hub->AddNetworkRouteTo(
            SiteSubnet(i + 1), SITE_MASK, AccessAddress(i, 2), InterfaceOf(link.Get(0)));
        routing.GetStaticRouting(Spoke(i)->GetObject<Ipv4>())
            ->AddNetworkRouteTo(
                SiteSubnet(0), SITE_MASK, AccessAddress(i, 1), InterfaceOf(link.Get(1)));
    }
}

} // namespace ns3
