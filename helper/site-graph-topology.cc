/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "site-graph-topology.h"

#include "ns3/abort.h"
#include "ns3/channel.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/nstime.h"
#include "ns3/string.h"

#include <array>
#include <deque>
#include <stdexcept>
#include <tuple>

namespace ns3
{

namespace
{

const Ipv4Mask SITE_MASK("255.255.255.0");
const Ipv4Mask LINK_MASK("255.255.255.252");

/// \returns site \p k's /24
Ipv4Address
SiteSubnet(uint32_t k)
{
    return Ipv4Address(Ipv4Address("10.0.0.0").Get() + (k << 8));
}

/// Adds \p device to its node's IPv4 with \p address / \p mask and brings it up.
void
AddInterface(Ptr<NetDevice> device, Ipv4Address address, Ipv4Mask mask)
{
    Ptr<Ipv4> ipv4 = device->GetNode()->GetObject<Ipv4>();
    int32_t index = ipv4->AddInterface(device);
    ipv4->AddAddress(index, Ipv4InterfaceAddress(address, mask));
    ipv4->SetUp(index);
}

} // namespace

SiteGraphTopology::SiteGraphTopology(const NetworkGraph& graph,
                                     const std::string& lanRate,
                                     const std::string& lanDelay,
                                     uint32_t systems)
    : m_graph(graph)
{
    Complete(lanRate, lanDelay);
    m_graph.Validate();
    m_system = SitePartition::Assign(m_graph, systems);
    for (uint32_t e = 0; e < m_graph.GetLinkCount(); ++e)
    {
        auto [a, b] = m_graph.GetEnds(e);
        if (m_system[a] == m_system[b])
        {
            continue;
        }
        m_crossSystemLinks++;
        // The engine's lookahead: a process may run ahead of another by this delay only.
        if (!Time(m_graph.GetLink(e).delay).IsStrictlyPositive())
        {
            throw std::invalid_argument(
                m_graph.DescribeLink(e) + " joins processes " + std::to_string(m_system[a])
                + " and " + std::to_string(m_system[b]) + " with delay " + m_graph.GetLink(e).delay
                + ": expected a delay above zero (the MPI lookahead)");
        }
    }
    for (uint32_t v = 0; v < m_graph.GetNodeCount(); ++v)
    {
        m_nodes.Add(CreateObject<Node>(m_system[v]));
    }

    GraphTopologyHelper links{PointToPointHelper()};
    links.Install(m_graph.Structure(), m_nodes);
    const std::vector<NetDeviceContainer>& devices = links.GetLinks();
    for (uint32_t e = 0; e < m_graph.GetLinkCount(); ++e)
    {
        for (uint32_t end = 0; end < 2; ++end)
        {
            devices[e].Get(end)->SetAttribute("DataRate", StringValue(m_graph.GetLink(e).rate));
        }
        devices[e].Get(0)->GetChannel()->SetAttribute("Delay",
                                                      StringValue(m_graph.GetLink(e).delay));
    }

    InternetStackHelper internet;
    internet.SetIpv6StackInstall(false);
    internet.Install(m_nodes);

    std::vector<bool> isLan(m_graph.GetLinkCount(), false);
    for (uint32_t lan : m_lans)
    {
        isLan[lan] = true;
    }
    // Underlay links: a /30 each, in link order; the first one of a gateway gives its outer
    // address.
    std::vector<Ipv4Address> firstAddress(m_graph.GetNodeCount());
    std::vector<bool> hasAddress(m_graph.GetNodeCount(), false);
    uint32_t underlay = 0;
    // The underlay as adjacency lists, for the routes: (neighbour, link, this node's end).
    std::vector<std::vector<std::tuple<uint32_t, uint32_t, uint32_t>>> neighbours(
        m_graph.GetNodeCount());
    std::vector<std::array<Ipv4Address, 2>> linkAddress(m_graph.GetLinkCount());
    for (uint32_t e = 0; e < m_graph.GetLinkCount(); ++e)
    {
        if (isLan[e])
        {
            continue;
        }
        NS_ABORT_MSG_UNLESS(underlay < (1u << 20), "more than 2^20 underlay links");
        auto [a, b] = m_graph.GetEnds(e);
        uint32_t ends[2] = {a, b};
        for (uint32_t end = 0; end < 2; ++end)
        {
            Ipv4Address address(Ipv4Address("100.64.0.0").Get() + 4 * underlay + end + 1);
            AddInterface(devices[e].Get(end), address, LINK_MASK);
            neighbours[ends[end]].push_back({ends[1 - end], e, end});
            linkAddress[e][end] = address;
            if (!hasAddress[ends[end]])
            {
                firstAddress[ends[end]] = address;
                hasAddress[ends[end]] = true;
            }
            if (m_graph.GetNode(ends[end]).role == NetworkRole::GATEWAY)
            {
                m_wanDevices.Add(devices[e].Get(end));
            }
        }
        underlay++;
    }
    Ipv4StaticRoutingHelper routing;
    for (uint32_t k = 0; k < m_gateways.size(); ++k)
    {
        if (!hasAddress[m_gateways[k]])
        {
            throw std::invalid_argument("node '" + GetSiteName(k)
                                        + "': a gateway without a link to the underlay: expected "
                                          "a link to another gateway or a router");
        }
        m_outer.push_back(firstAddress[m_gateways[k]]);
        // A file may name the LAN's ends either way round.
        uint32_t gatewayEnd = m_graph.GetEnds(m_lans[k]).first == m_gateways[k] ? 0 : 1;
        Ptr<NetDevice> gatewayDevice = devices[m_lans[k]].Get(gatewayEnd);
        Ptr<NetDevice> hostDevice = devices[m_lans[k]].Get(1 - gatewayEnd);
        Ipv4Address gatewayAddress(SiteSubnet(k).Get() + 1);
        AddInterface(gatewayDevice, gatewayAddress, SITE_MASK);
        AddInterface(hostDevice, HostAddress(k), SITE_MASK);
        m_lanDevices.Add(gatewayDevice);
        Ptr<Ipv4> host = hostDevice->GetNode()->GetObject<Ipv4>();
        routing.GetStaticRouting(host)->SetDefaultRoute(gatewayAddress,
                                                        host->GetInterfaceForDevice(hostDevice));
    }
    // Underlay routes: a host route to each gateway's outer address on every gateway and router,
    // along a shortest path in hops (a breadth-first search from the gateway, ties broken by
    // link order), as OSPF with unit costs would. Only outer addresses cross the underlay, so
    // a node holds one route per site, where ns-3's global routing would hold one per link
    // and walk them all for every packet.
    for (uint32_t k = 0; k < m_gateways.size(); ++k)
    {
        std::vector<bool> seen(m_graph.GetNodeCount(), false);
        std::deque<uint32_t> queue{m_gateways[k]};
        seen[m_gateways[k]] = true;
        while (!queue.empty())
        {
            uint32_t w = queue.front();
            queue.pop_front();
            for (auto [u, e, wEnd] : neighbours[w])
            {
                if (seen[u])
                {
                    continue;
                }
                seen[u] = true;
                queue.push_back(u);
                // u reaches the gateway through w, over link e.
                Ptr<NetDevice> device = devices[e].Get(1 - wEnd);
                Ptr<Ipv4> ipv4 = device->GetNode()->GetObject<Ipv4>();
                routing.GetStaticRouting(ipv4)->AddHostRouteTo(
                    m_outer[k], linkAddress[e][wEnd], ipv4->GetInterfaceForDevice(device));
            }
        }
    }
}

void
SiteGraphTopology::Complete(const std::string& lanRate, const std::string& lanDelay)
{
    std::vector<uint32_t> component = m_graph.Components();
    uint32_t components = 0;
    for (uint32_t c : component)
    {
        components = std::max(components, c + 1);
    }
    if (components > 1)
    {
        throw std::invalid_argument(
            "the topology has " + std::to_string(components)
            + " connected components: expected one, so that every site reaches every other");
    }
    m_gateways = m_graph.NodesWith(NetworkRole::GATEWAY);
    if (m_gateways.size() < 2 || m_gateways.size() > MAX_SITES)
    {
        throw std::invalid_argument("the topology has " + std::to_string(m_gateways.size())
                                    + " gateways: expected 2 to " + std::to_string(MAX_SITES));
    }
    std::vector<std::vector<uint32_t>> linksOf(m_graph.GetNodeCount());
    for (uint32_t e = 0; e < m_graph.GetLinkCount(); ++e)
    {
        auto [a, b] = m_graph.GetEnds(e);
        linksOf[a].push_back(e);
        linksOf[b].push_back(e);
    }
    std::vector<uint32_t> siteOf(m_graph.GetNodeCount(), UINT32_MAX);
    for (uint32_t k = 0; k < m_gateways.size(); ++k)
    {
        siteOf[m_gateways[k]] = k;
    }
    m_hosts.assign(m_gateways.size(), UINT32_MAX);
    m_lans.assign(m_gateways.size(), UINT32_MAX);
    for (uint32_t h : m_graph.NodesWith(NetworkRole::HOST))
    {
        const std::string name = "node '" + m_graph.GetNode(h).name + "': ";
        if (linksOf[h].size() != 1)
        {
            throw std::invalid_argument(name + "a host with " + std::to_string(linksOf[h].size())
                                        + " links: expected one, to its gateway");
        }
        auto [a, b] = m_graph.GetEnds(linksOf[h][0]);
        uint32_t gateway = a == h ? b : a;
        if (siteOf[gateway] == UINT32_MAX)
        {
            throw std::invalid_argument(name + "a host linked to '" + m_graph.GetNode(gateway).name
                                        + "', a " + ToString(m_graph.GetNode(gateway).role)
                                        + ": expected a gateway");
        }
        if (m_hosts[siteOf[gateway]] != UINT32_MAX)
        {
            throw std::invalid_argument(name + "a second host of gateway '"
                                        + m_graph.GetNode(gateway).name
                                        + "': expected one host per gateway");
        }
        m_hosts[siteOf[gateway]] = h;
        m_lans[siteOf[gateway]] = linksOf[h][0];
    }
    for (uint32_t k = 0; k < m_gateways.size(); ++k)
    {
        if (m_hosts[k] == UINT32_MAX)
        {
            m_hosts[k] = m_graph.AddNode(
                {m_graph.GetNode(m_gateways[k]).name + "-host", NetworkRole::HOST, 0});
            m_lans[k] = m_graph.AddLink(m_gateways[k], m_hosts[k], {lanRate, lanDelay});
        }
    }
}

const NetworkGraph&
SiteGraphTopology::GetGraph() const
{
    return m_graph;
}

uint32_t
SiteGraphTopology::GetSiteCount() const
{
    return m_gateways.size();
}

std::string
SiteGraphTopology::GetSiteName(uint32_t k) const
{
    return m_graph.GetNode(m_gateways.at(k)).name;
}

Ptr<Node>
SiteGraphTopology::Gateway(uint32_t k) const
{
    return m_nodes.Get(m_gateways.at(k));
}

Ptr<Node>
SiteGraphTopology::Host(uint32_t k) const
{
    return m_nodes.Get(m_hosts.at(k));
}

Ipv4Address
SiteGraphTopology::HostAddress(uint32_t k) const
{
    return Ipv4Address(SiteSubnet(k).Get() + 2);
}

uint32_t
SiteGraphTopology::GetCores(uint32_t k) const
{
    return m_graph.GetNode(m_gateways.at(k)).cores;
}

IpsecTunnelEnd
SiteGraphTopology::End(uint32_t k) const
{
    return {Gateway(k), m_outer.at(k), SiteSubnet(k), SITE_MASK};
}

NodeContainer
SiteGraphTopology::Gateways() const
{
    NodeContainer gateways;
    for (uint32_t v : m_gateways)
    {
        gateways.Add(m_nodes.Get(v));
    }
    return gateways;
}

NetDeviceContainer
SiteGraphTopology::LanDevices() const
{
    return m_lanDevices;
}

NetDeviceContainer
SiteGraphTopology::WanDevices() const
{
    return m_wanDevices;
}

Ptr<Node>
SiteGraphTopology::NodeOf(uint32_t v) const
{
    return m_nodes.Get(v);
}

uint32_t
SiteGraphTopology::GetSystemId(uint32_t k) const
{
    return m_system.at(m_gateways.at(k));
}

uint32_t
SiteGraphTopology::GetCrossSystemLinkCount() const
{
    return m_crossSystemLinks;
}

} // namespace ns3
