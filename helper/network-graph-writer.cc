/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "network-graph-writer.h"

#include "network-graph-reader.h"

#include <boost/graph/graphml.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/property_map/transform_value_property_map.hpp>

#include <fstream>
#include <stdexcept>

namespace ns3
{

namespace
{

/// \returns the properties the reader knows, of \p graph, all as text
boost::dynamic_properties
Properties(const NetworkGraph::Graph& graph)
{
    // Text, not numbers, for cores: a GraphML "string" key for each attribute, as a user writes
    // one by hand, and the same form in DOT.
    boost::dynamic_properties properties;
    // Read-only maps throughout: the adaptor would try to write through a const graph's own.
    auto text = [](const std::string& value) { return value; };
    properties.property(
        "name",
        boost::make_transform_value_property_map(text, boost::get(&NetworkNode::name, graph)));
    properties.property(
        "role",
        boost::make_transform_value_property_map([](NetworkRole role) { return ToString(role); },
                                                 boost::get(&NetworkNode::role, graph)));
    properties.property("cores",
                        boost::make_transform_value_property_map(
                            [](uint32_t cores) { return std::to_string(cores); },
                            boost::get(&NetworkNode::cores, graph)));
    properties.property(
        "rate",
        boost::make_transform_value_property_map(text, boost::get(&NetworkLink::rate, graph)));
    properties.property(
        "delay",
        boost::make_transform_value_property_map(text, boost::get(&NetworkLink::delay, graph)));
    return properties;
}

} // namespace

void
NetworkGraphWriter::WriteGraphml(std::ostream& out, const NetworkGraph& graph)
{
    boost::write_graphml(out, graph.GetGraph(), Properties(graph.GetGraph()), true);
}

void
NetworkGraphWriter::WriteGraphviz(std::ostream& out, const NetworkGraph& graph)
{
    boost::write_graphviz_dp(out, graph.GetGraph(), Properties(graph.GetGraph()), "name");
}

void
NetworkGraphWriter::Write(const NetworkGraph& graph, const std::string& path)
{
    if (!NetworkGraphReader::IsGraphml(path) && !NetworkGraphReader::IsGraphviz(path))
    {
        throw std::invalid_argument(path
                                    + ": unknown format: expected a name ending in .graphml or "
                                      ".xml (GraphML), .dot or .gv (Graphviz DOT)");
    }
    std::ofstream out(path);
    if (NetworkGraphReader::IsGraphml(path))
    {
        WriteGraphml(out, graph);
    }
    else
    {
        WriteGraphviz(out, graph);
    }
    out.close();
    if (!out)
    {
        throw std::runtime_error("cannot write " + path);
    }
}

} // namespace ns3
