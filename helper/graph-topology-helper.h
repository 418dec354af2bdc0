/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef GRAPH_TOPOLOGY_HELPER_H
#define GRAPH_TOPOLOGY_HELPER_H

#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/point-to-point-helper.h"

#include <boost/graph/adjacency_list.hpp>

#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * The graph a topology is drawn from: one vertex per node, one edge per link. Vertices and
 * edges are kept in vectors, so vertex v is node v of the container the helper returns, and
 * edges are visited in the order they were added.
 */
using TopologyGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

/**
 * \ingroup ipsec
 * \brief Turns a Boost.Graph graph into ns-3 nodes and point-to-point links, so that
 * topologies for large studies can be generated (or read, e.g. with boost::read_graphviz) as
 * graphs. Addresses and routes are the caller's: a generic rule for them would be wrong for
 * most topologies and slow for large ones (see HubSpokeTopology).
 */
class GraphTopologyHelper
{
  public:
    /// \param links the helper that makes each link (rate, delay, queue)
    explicit GraphTopologyHelper(const PointToPointHelper& links);

    /**
     * \brief Creates one node per vertex and one point-to-point link per edge.
     * \param graph the topology
     * \returns the nodes, node v for vertex v
     */
    NodeContainer Install(const TopologyGraph& graph);

    /**
     * \brief Creates one point-to-point link per edge between existing nodes.
     * \param graph the topology
     * \param nodes node v for vertex v (as many nodes as vertices)
     */
    void Install(const TopologyGraph& graph, const NodeContainer& nodes);

    /// \returns the devices of each edge, in edge order: (source's, target's)
    const std::vector<NetDeviceContainer>& GetLinks() const;

    /// \returns the link helper, e.g. to enable pcap
    PointToPointHelper& Links();

  private:
    PointToPointHelper m_links;                //!< makes the links
    std::vector<NetDeviceContainer> m_devices; //!< per edge
};

} // namespace ns3

#endif // GRAPH_TOPOLOGY_HELPER_H
