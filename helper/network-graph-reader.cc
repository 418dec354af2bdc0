/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "network-graph-reader.h"

#include <boost/graph/graphml.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/make_shared.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace ns3
{

namespace
{

/// A node or an edge as the file gives it: every attribute as text.
struct RawElement
{
    std::map<std::string, std::string> attributes; //!< by name
};

using RawGraph
    = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, RawElement, RawElement>;

/// \returns \p value (any type boost::read_graphml or read_graphviz puts) as text
std::string
AsText(const boost::any& value)
{
    if (const auto* s = boost::any_cast<std::string>(&value))
    {
        return *s;
    }
    std::ostringstream os;
    if (const auto* b = boost::any_cast<bool>(&value))
    {
        os << (*b ? "true" : "false");
    }
    else if (const auto* i = boost::any_cast<int>(&value))
    {
        os << *i;
    }
    else if (const auto* l = boost::any_cast<long>(&value))
    {
        os << *l;
    }
    else if (const auto* f = boost::any_cast<float>(&value))
    {
        os << *f;
    }
    else if (const auto* d = boost::any_cast<double>(&value))
    {
        os << *d;
    }
    return os.str();
}

/**
 * \brief A dynamic property map that keeps every value of one attribute as text in the node's
 * or edge's RawElement. The reader makes one for each attribute it meets, whatever its name
 * and declared type, so that a file's attributes need not be known in advance and a GraphML
 * "int" fares as well as a "string".
 */
template<typename Key>
class TextPropertyMap : public boost::dynamic_property_map
{
  public:
    TextPropertyMap(RawGraph& graph, const std::string& name)
        : m_graph(graph)
        , m_name(name)
    {
    }

    boost::any get(const boost::any& key) override
    {
        return get_string(key);
    }

    std::string get_string(const boost::any& key) override
    {
        const auto& attributes = m_graph[boost::any_cast<Key>(key)].attributes;
        auto it = attributes.find(m_name);
        return it == attributes.end() ? "" : it->second;
    }

    void put(const boost::any& key, const boost::any& value) override
    {
        m_graph[boost::any_cast<Key>(key)].attributes[m_name] = AsText(value);
    }

    const std::type_info& key() const override
    {
        return typeid(Key);
    }

    const std::type_info& value() const override
    {
        return typeid(std::string);
    }

  private:
    RawGraph& m_graph;  //!< where the values go
    std::string m_name; //!< the attribute
};

/// \returns properties that keep every node and edge attribute of \p graph as text, and drop
/// the graph's own (e.g. rankdir)
boost::dynamic_properties
CollectEverything(RawGraph& graph)
{
    return boost::dynamic_properties(
        [&graph](const std::string& name,
                 const boost::any& key,
                 const boost::any&) -> boost::shared_ptr<boost::dynamic_property_map>
        {
            if (key.type() == typeid(RawGraph::vertex_descriptor))
            {
                return boost::make_shared<TextPropertyMap<RawGraph::vertex_descriptor>>(graph,
                                                                                        name);
            }
            if (key.type() == typeid(RawGraph::edge_descriptor))
            {
                return boost::make_shared<TextPropertyMap<RawGraph::edge_descriptor>>(graph, name);
            }
            return nullptr;
        });
}

/// \returns the attribute \p name of \p element, empty if absent
std::string
Attribute(const RawElement& element, const std::string& name)
{
    auto it = element.attributes.find(name);
    return it == element.attributes.end() ? "" : it->second;
}

/**
 * \brief Refuses what DOT makes of an unquoted number with a unit: rate=1Gbps is the ID 1 and
 * then the ID Gbps, an attribute without value ("true"), so rate would silently be 1 bit/s.
 * \param element the node or edge, for the message
 */
void
CheckDotUnits(const RawElement& raw, const std::string& element)
{
    static const std::regex unit("[kKMGT]?i?(bps|b/s|Bps|B/s)|y|d|h|min|s|ms|us|ns|ps|fs");
    for (const auto& [name, value] : raw.attributes)
    {
        if (value == "true" && std::regex_match(name, unit))
        {
            throw std::invalid_argument(element + ": a bare '" + name
                                        + "': DOT splits an unquoted value such as rate=1Gbps into "
                                          "1 and Gbps: expected it quoted, e.g. rate=\"1Gbps\"");
        }
    }
}

/// \returns \p text as cores of gateway \p node
uint32_t
ParseCores(const std::string& node, const std::string& text)
{
    const std::string expected = "expected 1 to 1024 for a gateway";
    if (text.empty())
    {
        throw std::invalid_argument("node '" + node + "': cores is missing: " + expected);
    }
    if (text.find_first_not_of("0123456789") != std::string::npos || text.size() > 9)
    {
        throw std::invalid_argument("node '" + node + "': cores='" + text
                                    + "' is not a whole number: " + expected);
    }
    return std::stoul(text); // NetworkGraph::Validate checks the range
}

/// \returns \p raw as a NetworkGraph; \p idAttribute names the node's name if it has none
NetworkGraph
Convert(const RawGraph& raw, const std::string& idAttribute)
{
    NetworkGraph graph;
    for (uint32_t v = 0; v < boost::num_vertices(raw); ++v)
    {
        NetworkNode node;
        node.name = Attribute(raw[v], "name");
        if (node.name.empty())
        {
            node.name
                = idAttribute.empty() ? "n" + std::to_string(v) : Attribute(raw[v], idAttribute);
        }
        std::string role = Attribute(raw[v], "role");
        if (role.empty())
        {
            throw std::invalid_argument("node '" + node.name
                                        + "': role is missing: expected gateway, host or router");
        }
        try
        {
            node.role = NetworkRoleFromString(role);
        }
        catch (const std::invalid_argument&)
        {
            throw std::invalid_argument("node '" + node.name + "': role='" + role
                                        + "' is not valid: expected gateway, host or router");
        }
        // Cores matter for gateways only; other nodes' (e.g. 0, as the writer puts) are ignored.
        if (node.role == NetworkRole::GATEWAY)
        {
            node.cores = ParseCores(node.name, Attribute(raw[v], "cores"));
        }
        if (!idAttribute.empty())
        {
            CheckDotUnits(raw[v], "node '" + node.name + "'");
        }
        graph.AddNode(node);
    }
    for (auto [edge, end] = boost::edges(raw); edge != end; ++edge)
    {
        NetworkLink link{Attribute(raw[*edge], "rate"), Attribute(raw[*edge], "delay")};
        uint32_t e = graph.AddLink(boost::source(*edge, raw), boost::target(*edge, raw), link);
        if (!idAttribute.empty())
        {
            CheckDotUnits(raw[*edge], graph.DescribeLink(e));
        }
        if (link.rate.empty())
        {
            throw std::invalid_argument(graph.DescribeLink(e)
                                        + ": rate is missing: expected a data rate, e.g. 100Mbps");
        }
        if (link.delay.empty())
        {
            throw std::invalid_argument(graph.DescribeLink(e)
                                        + ": delay is missing: expected a time, e.g. 1ms");
        }
    }
    graph.Validate();
    return graph;
}

/// Runs \p read, and gives any error the source's name (and says what went wrong for a
/// syntax error).
template<typename Read>
NetworkGraph
WithSource(const std::string& source, const std::string& format, Read read)
{
    try
    {
        return read();
    }
    catch (const std::invalid_argument& e)
    {
        throw std::invalid_argument(source + ": " + e.what());
    }
    catch (const std::exception& e)
    {
        throw std::invalid_argument(source + ": not a valid " + format + " topology: " + e.what());
    }
}

/// \returns whether \p path ends in one of \p endings
bool
EndsWith(const std::string& path, std::initializer_list<const char*> endings)
{
    for (std::string ending : endings)
    {
        if (path.size() >= ending.size()
            && path.compare(path.size() - ending.size(), ending.size(), ending) == 0)
        {
            return true;
        }
    }
    return false;
}

} // namespace

NetworkGraph
NetworkGraphReader::ReadGraphml(std::istream& in, const std::string& source)
{
    return WithSource(source,
                      "GraphML",
                      [&in]()
                      {
                          RawGraph raw;
                          boost::dynamic_properties properties = CollectEverything(raw);
                          boost::read_graphml(in, raw, properties);
                          return Convert(raw, "");
                      });
}

NetworkGraph
NetworkGraphReader::ReadGraphviz(std::istream& in, const std::string& source)
{
    return WithSource(source,
                      "DOT",
                      [&in]()
                      {
                          RawGraph raw;
                          boost::dynamic_properties properties = CollectEverything(raw);
                          if (!boost::read_graphviz(in, raw, properties, "node_id"))
                          {
                              throw std::invalid_argument("not a valid DOT graph");
                          }
                          return Convert(raw, "node_id");
                      });
}

bool
NetworkGraphReader::IsGraphml(const std::string& path)
{
    return EndsWith(path, {".graphml", ".xml"});
}

bool
NetworkGraphReader::IsGraphviz(const std::string& path)
{
    return EndsWith(path, {".dot", ".gv"});
}

NetworkGraph
NetworkGraphReader::Read(const std::string& path)
{
    if (!IsGraphml(path) && !IsGraphviz(path))
    {
        throw std::invalid_argument(path
                                    + ": unknown format: expected a name ending in .graphml or "
                                      ".xml (GraphML), .dot or .gv (Graphviz DOT)");
    }
    std::ifstream in(path);
    if (!in)
    {
        throw std::invalid_argument(path + ": cannot be read");
    }
    return IsGraphml(path) ? ReadGraphml(in, path) : ReadGraphviz(in, path);
}

} // namespace ns3
