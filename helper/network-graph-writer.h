/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_NETWORK_GRAPH_WRITER_H
#define IPSEC_NETWORK_GRAPH_WRITER_H

#include "network-graph.h"

#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Writes a NetworkGraph as GraphML (boost::write_graphml) or Graphviz DOT
 * (boost::write_graphviz_dp) with the attributes NetworkGraphReader reads (name, role, cores;
 * rate, delay), so that the topology a run used can be drawn, kept beside its metrics.json and
 * given back to a later run. Hosts and routers are written with cores 0.
 */
class NetworkGraphWriter
{
  public:
    /// Writes \p graph to \p out as GraphML (nodes n0, n1, ... in node order).
    static void WriteGraphml(std::ostream& out, const NetworkGraph& graph);
    /// Writes \p graph to \p out as an undirected DOT graph, each node named by its name.
    static void WriteGraphviz(std::ostream& out, const NetworkGraph& graph);
    /**
     * \brief Writes \p graph to \p path, as GraphML or DOT by its ending (as
     * NetworkGraphReader::Read).
     * \throws std::invalid_argument for another ending, std::runtime_error if it cannot write
     */
    static void Write(const NetworkGraph& graph, const std::string& path);
};

} // namespace ns3

#endif // IPSEC_NETWORK_GRAPH_WRITER_H
