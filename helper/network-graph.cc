/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "network-graph.h"

#include "option-checks.h"

#include "ns3/abort.h"

#include <boost/graph/connected_components.hpp>

#include <set>
#include <stdexcept>
#include <tuple>

namespace ns3
{

std::string
ToString(NetworkRole role)
{
    switch (role)
    {
        case NetworkRole::GATEWAY:
            return "gateway";
        case NetworkRole::HOST:
            return "host";
        case NetworkRole::ROUTER:
            return "router";
    }
    return "unknown";
}

NetworkRole
NetworkRoleFromString(const std::string& keyword)
{
    for (NetworkRole role : {NetworkRole::GATEWAY, NetworkRole::HOST, NetworkRole::ROUTER})
    {
        if (keyword == ToString(role))
        {
            return role;
        }
    }
    throw std::invalid_argument("'" + keyword
                                + "' is not a role: expected gateway, host or router");
}

NetworkGraph::NetworkGraph(const NetworkGraph& other)
    : m_graph(other.m_graph)
{
    IndexLinks();
}

NetworkGraph&
NetworkGraph::operator=(const NetworkGraph& other)
{
    if (this != &other)
    {
        m_graph = other.m_graph;
        IndexLinks();
    }
    return *this;
}

void
NetworkGraph::IndexLinks()
{
    // An undirected adjacency_list keeps its edges in one list, in the order they were added,
    // and copies them in that order.
    m_edges.clear();
    m_edges.reserve(boost::num_edges(m_graph));
    for (auto [edge, end] = boost::edges(m_graph); edge != end; ++edge)
    {
        m_edges.push_back(*edge);
    }
}

uint32_t
NetworkGraph::AddNode(const NetworkNode& node)
{
    return boost::add_vertex(node, m_graph);
}

uint32_t
NetworkGraph::AddLink(uint32_t a, uint32_t b, const NetworkLink& link)
{
    NS_ABORT_MSG_UNLESS(a < GetNodeCount() && b < GetNodeCount(),
                        "link " << a << " -- " << b << ": no such node (" << GetNodeCount()
                                << " nodes)");
    m_edges.push_back(boost::add_edge(a, b, link, m_graph).first);
    return m_edges.size() - 1;
}

uint32_t
NetworkGraph::GetNodeCount() const
{
    return boost::num_vertices(m_graph);
}

uint32_t
NetworkGraph::GetLinkCount() const
{
    return m_edges.size();
}

const NetworkNode&
NetworkGraph::GetNode(uint32_t v) const
{
    NS_ABORT_MSG_UNLESS(v < GetNodeCount(), "no node " << v);
    return m_graph[v];
}

NetworkNode&
NetworkGraph::GetNode(uint32_t v)
{
    NS_ABORT_MSG_UNLESS(v < GetNodeCount(), "no node " << v);
    return m_graph[v];
}

const NetworkLink&
NetworkGraph::GetLink(uint32_t e) const
{
    NS_ABORT_MSG_UNLESS(e < GetLinkCount(), "no link " << e);
    return m_graph[m_edges[e]];
}

std::pair<uint32_t, uint32_t>
NetworkGraph::GetEnds(uint32_t e) const
{
    NS_ABORT_MSG_UNLESS(e < GetLinkCount(), "no link " << e);
    return {boost::source(m_edges[e], m_graph), boost::target(m_edges[e], m_graph)};
}

std::vector<uint32_t>
NetworkGraph::GetLinksOf(uint32_t v) const
{
    std::vector<uint32_t> links;
    for (uint32_t e = 0; e < GetLinkCount(); ++e)
    {
        auto [a, b] = GetEnds(e);
        if (a == v || b == v)
        {
            links.push_back(e);
        }
    }
    return links;
}

uint32_t
NetworkGraph::FindNode(const std::string& name) const
{
    for (uint32_t v = 0; v < GetNodeCount(); ++v)
    {
        if (m_graph[v].name == name)
        {
            return v;
        }
    }
    return GetNodeCount();
}

std::vector<uint32_t>
NetworkGraph::NodesWith(NetworkRole role) const
{
    std::vector<uint32_t> nodes;
    for (uint32_t v = 0; v < GetNodeCount(); ++v)
    {
        if (m_graph[v].role == role)
        {
            nodes.push_back(v);
        }
    }
    return nodes;
}

std::string
NetworkGraph::DescribeLink(uint32_t e) const
{
    auto [a, b] = GetEnds(e);
    return "edge '" + m_graph[a].name + "' -- '" + m_graph[b].name + "'";
}

std::vector<uint32_t>
NetworkGraph::Components() const
{
    std::vector<uint32_t> component(GetNodeCount());
    if (!component.empty())
    {
        // Numbered by a depth-first search from node 0 upwards: component 0 holds node 0.
        boost::connected_components(m_graph, component.data());
    }
    return component;
}

bool
NetworkGraph::IsConnected() const
{
    for (uint32_t c : Components())
    {
        if (c != 0)
        {
            return false;
        }
    }
    return true;
}

void
NetworkGraph::Validate() const
{
    std::set<std::string> names;
    for (uint32_t v = 0; v < GetNodeCount(); ++v)
    {
        const NetworkNode& node = m_graph[v];
        if (node.name.empty())
        {
            throw std::invalid_argument("node " + std::to_string(v)
                                        + ": name is empty: expected a unique name");
        }
        if (!names.insert(node.name).second)
        {
            throw std::invalid_argument("node '" + node.name
                                        + "': name is used twice: expected a unique name");
        }
        if (node.role == NetworkRole::GATEWAY && (node.cores < 1 || node.cores > 1024))
        {
            throw std::invalid_argument("node '" + node.name
                                        + "': cores=" + std::to_string(node.cores)
                                        + " is out of range: expected 1 to 1024 for a gateway");
        }
    }
    for (uint32_t e = 0; e < GetLinkCount(); ++e)
    {
        const NetworkLink& link = GetLink(e);
        auto [a, b] = GetEnds(e);
        if (a == b)
        {
            throw std::invalid_argument(DescribeLink(e)
                                        + ": a link from a node to itself: expected two nodes");
        }
        // optioncheck's parsers, with their messages reworded for a graph attribute.
        try
        {
            optioncheck::PositiveDataRate("rate", link.rate);
        }
        catch (const std::invalid_argument&)
        {
            throw std::invalid_argument(DescribeLink(e) + ": rate='" + link.rate
                                        + "' is not a positive data rate: expected e.g. 100Mbps");
        }
        try
        {
            optioncheck::NonNegativeTime("delay", link.delay);
        }
        catch (const std::invalid_argument&)
        {
            throw std::invalid_argument(DescribeLink(e) + ": delay='" + link.delay
                                        + "' is not a time of zero or more: expected e.g. 1ms");
        }
    }
}

TopologyGraph
NetworkGraph::Structure() const
{
    TopologyGraph structure(GetNodeCount());
    for (uint32_t e = 0; e < GetLinkCount(); ++e)
    {
        auto [a, b] = GetEnds(e);
        boost::add_edge(a, b, structure);
    }
    return structure;
}

const NetworkGraph::Graph&
NetworkGraph::GetGraph() const
{
    return m_graph;
}

bool
NetworkGraph::operator==(const NetworkGraph& other) const
{
    if (GetNodeCount() != other.GetNodeCount() || GetLinkCount() != other.GetLinkCount())
    {
        return false;
    }
    for (uint32_t v = 0; v < GetNodeCount(); ++v)
    {
        const NetworkNode& x = GetNode(v);
        const NetworkNode& y = other.GetNode(v);
        if (x.name != y.name || x.role != y.role || x.cores != y.cores)
        {
            return false;
        }
    }
    for (uint32_t e = 0; e < GetLinkCount(); ++e)
    {
        if (GetEnds(e) != other.GetEnds(e) || GetLink(e).rate != other.GetLink(e).rate
            || GetLink(e).delay != other.GetLink(e).delay)
        {
            return false;
        }
    }
    return true;
}

bool
NetworkGraph::IsEquivalent(const NetworkGraph& other) const
{
    using NodeKey = std::tuple<std::string, NetworkRole, uint32_t>;
    using LinkKey = std::tuple<std::string, std::string, std::string, std::string>;
    auto describe = [](const NetworkGraph& g)
    {
        std::multiset<NodeKey> nodes;
        for (uint32_t v = 0; v < g.GetNodeCount(); ++v)
        {
            nodes.insert({g.GetNode(v).name, g.GetNode(v).role, g.GetNode(v).cores});
        }
        std::multiset<LinkKey> links;
        for (uint32_t e = 0; e < g.GetLinkCount(); ++e)
        {
            auto [a, b] = g.GetEnds(e);
            std::string x = g.GetNode(a).name;
            std::string y = g.GetNode(b).name;
            links.insert({std::min(x, y), std::max(x, y), g.GetLink(e).rate, g.GetLink(e).delay});
        }
        return std::make_pair(nodes, links);
    };
    return describe(*this) == describe(other);
}

} // namespace ns3
