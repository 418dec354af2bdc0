/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "graph-topology-helper.h"

#include "ns3/abort.h"

namespace ns3
{

GraphTopologyHelper::GraphTopologyHelper(const PointToPointHelper& links)
    : m_links(links)
{
}

NodeContainer
GraphTopologyHelper::Install(const TopologyGraph& graph)
{
    NodeContainer nodes;
    nodes.Create(boost::num_vertices(graph));
    Install(graph, nodes);
    return nodes;
}

void
GraphTopologyHelper::Install(const TopologyGraph& graph, const NodeContainer& nodes)
{
    NS_ABORT_MSG_UNLESS(nodes.GetN() == boost::num_vertices(graph),
                        "the graph has " << boost::num_vertices(graph) << " vertices but "
                                         << nodes.GetN() << " nodes were given");
    m_devices.reserve(m_devices.size() + boost::num_edges(graph));
    for (auto [edge, end] = boost::edges(graph); edge != end; ++edge)
    {
        m_devices.push_back(m_links.Install(nodes.Get(boost::source(*edge, graph)),
                                            nodes.Get(boost::target(*edge, graph))));
    }
}

const std::vector<NetDeviceContainer>&
GraphTopologyHelper::GetLinks() const
{
    return m_devices;
}

PointToPointHelper&
GraphTopologyHelper::Links()
{
    return m_links;
}

} // namespace ns3
