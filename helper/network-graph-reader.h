/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_NETWORK_GRAPH_READER_H
#define IPSEC_NETWORK_GRAPH_READER_H

#include "network-graph.h"

#include <istream>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Reads a NetworkGraph from GraphML (boost::read_graphml) or Graphviz DOT
 * (boost::read_graphviz, an undirected "graph"). Node attributes: role (gateway, host or
 * router), cores (gateways: 1 to 1024), name (optional: a DOT node's name is its id, a GraphML
 * node's defaults to n<index>, as boost::write_graphml numbers them); edge attributes: rate (an
 * ns-3 data rate) and delay (an ns-3 time). Other attributes (labels, layout) are ignored, and
 * GraphML attributes may have any declared type. Edges keep the file's order, and so do
 * GraphML nodes; Boost's DOT reader orders nodes by name. In DOT, a value that starts with a
 * digit and has a unit must be quoted (rate="1Gbps"): DOT would read rate=1Gbps as 1 and an
 * attribute Gbps, which the reader refuses.
 *
 * Every error is a std::invalid_argument that names the source, the node or edge, the
 * attribute and what was expected, e.g. "net.dot: node 'b': cores='many' is not a whole number:
 * expected 1 to 1024 for a gateway".
 */
class NetworkGraphReader
{
  public:
    /**
     * \param in GraphML text
     * \param source the file it came from, for messages
     * \returns the graph, validated (NetworkGraph::Validate)
     */
    static NetworkGraph ReadGraphml(std::istream& in, const std::string& source = "GraphML");

    /**
     * \param in DOT text of an undirected graph
     * \param source the file it came from, for messages
     * \returns the graph, validated (NetworkGraph::Validate)
     */
    static NetworkGraph ReadGraphviz(std::istream& in, const std::string& source = "DOT");

    /**
     * \param path a file ending in .graphml or .xml (GraphML), .dot or .gv (DOT)
     * \returns the graph, validated
     * \throws std::invalid_argument if the file cannot be read, its name has another ending, or
     *         its contents are not a valid topology
     */
    static NetworkGraph Read(const std::string& path);

    /// \returns whether \p path names GraphML (by its ending)
    static bool IsGraphml(const std::string& path);
    /// \returns whether \p path names DOT (by its ending)
    static bool IsGraphviz(const std::string& path);
};

} // namespace ns3

#endif // IPSEC_NETWORK_GRAPH_READER_H
