/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_NETWORK_GRAPH_H
#define IPSEC_NETWORK_GRAPH_H

#include "graph-topology-helper.h"

#include <boost/graph/adjacency_list.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/// \ingroup ipsec
/// What a node of a NetworkGraph is.
enum class NetworkRole
{
    GATEWAY, //!< an IPsec gateway: a site's edge, with CPUs
    HOST,    //!< an end host on a gateway's LAN
    ROUTER,  //!< a plain IPv4 router of the underlay
};

/// \returns "gateway", "host" or "router"
std::string ToString(NetworkRole role);

/**
 * \returns the role named \p keyword
 * \throws std::invalid_argument if it is none of "gateway", "host", "router"
 */
NetworkRole NetworkRoleFromString(const std::string& keyword);

/// \ingroup ipsec
/// \brief A node of a NetworkGraph.
struct NetworkNode
{
    std::string name;                       //!< unique in its graph
    NetworkRole role{NetworkRole::GATEWAY}; //!< what it is
    uint32_t cores{0};                      //!< a gateway's cores (1 or more); 0 for others
};

/// \ingroup ipsec
/// \brief A point-to-point link of a NetworkGraph.
struct NetworkLink
{
    std::string rate;  //!< ns-3 data rate, e.g. "1Gbps"
    std::string delay; //!< ns-3 time, e.g. "5ms"
};

/**
 * \ingroup ipsec
 * \brief A topology as a value: named nodes with a role (and cores for gateways) and
 * point-to-point links with a rate and a delay, in a Boost.Graph adjacency list, so that it can
 * be generated (NetworkGraphGenerator), read and written (NetworkGraphReader,
 * NetworkGraphWriter) and compared before anything of ns-3 exists. Node v and link e keep the
 * order they were added in, so that ns-3 node and link numbering follows the graph.
 */
class NetworkGraph
{
  public:
    /// The graph: undirected, vertices and edges in vectors, bundled properties.
    using Graph = boost::
        adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, NetworkNode, NetworkLink>;

    NetworkGraph() = default;
    /// Copies \p other; the copy's link index points into its own edges.
    NetworkGraph(const NetworkGraph& other);
    /// Copies \p other; the copy's link index points into its own edges.
    NetworkGraph& operator=(const NetworkGraph& other);

    /// \returns the new node's index
    uint32_t AddNode(const NetworkNode& node);
    /// \returns the new link's index; \p a and \p b are node indices
    uint32_t AddLink(uint32_t a, uint32_t b, const NetworkLink& link);

    /// \returns the number of nodes
    uint32_t GetNodeCount() const;
    /// \returns the number of links
    uint32_t GetLinkCount() const;
    /// \param v a node index \returns the node
    const NetworkNode& GetNode(uint32_t v) const;
    /// \param v a node index \returns the node, to change it
    NetworkNode& GetNode(uint32_t v);
    /// \param e a link index \returns the link
    const NetworkLink& GetLink(uint32_t e) const;
    /// \param e a link index \returns its two nodes, in the order they were given
    std::pair<uint32_t, uint32_t> GetEnds(uint32_t e) const;
    /// \param v a node index \returns the links that end at it, in link order
    std::vector<uint32_t> GetLinksOf(uint32_t v) const;
    /// \returns the index of the node named \p name, or GetNodeCount() if none is
    uint32_t FindNode(const std::string& name) const;
    /// \returns the indices of the nodes with \p role, in node order
    std::vector<uint32_t> NodesWith(NetworkRole role) const;
    /// \returns "edge 'a' -- 'b'", for messages
    std::string DescribeLink(uint32_t e) const;

    /// \returns whether every node can reach every other (true for none or one node)
    bool IsConnected() const;
    /// \returns the connected component of each node (0 .. count - 1, numbered in node order)
    std::vector<uint32_t> Components() const;

    /**
     * \brief Checks what ns-3 needs: unique, non-empty names; 1 to 1024 cores on each
     * gateway; a positive data rate and a delay of zero or more on each link; no link from a
     * node to itself.
     * \throws std::invalid_argument naming the node or link, the attribute and what is expected
     */
    void Validate() const;

    /// \returns the structure alone, for GraphTopologyHelper
    TopologyGraph Structure() const;
    /// \returns the Boost graph, e.g. for Boost.Graph algorithms and property maps
    const Graph& GetGraph() const;

    /// Same nodes and links (order included) with the same attributes.
    bool operator==(const NetworkGraph& other) const;
    /**
     * \returns whether \p other has the same nodes (by name, with role and cores) and the same
     * links (between the same names, with rate and delay), in any order: the same topology,
     * e.g. as read back from DOT, which orders nodes by name
     */
    bool IsEquivalent(const NetworkGraph& other) const;

  private:
    /// Rebuilds m_edges from the graph's edge list (in insertion order).
    void IndexLinks();

    Graph m_graph;                               //!< nodes and links
    std::vector<Graph::edge_descriptor> m_edges; //!< by link index (adjacency_list has none);
                                                 //!< into m_graph, so a copy re-indexes
};

} // namespace ns3

#endif // IPSEC_NETWORK_GRAPH_H
