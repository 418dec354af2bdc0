/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// NetworkGraph and its reader, writer and generators: GraphML and DOT files read with their
// attributes, every bad attribute refused with a message naming it, generated graphs of the
// expected size, connected, reproducible per run and different between runs, and a write-read
// round trip.

#include "test-utilities.h"

#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/network-graph-generator.h"
#include "ns3/network-graph-reader.h"
#include "ns3/network-graph-writer.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/site-graph-topology.h"
#include "ns3/test.h"

#include <filesystem>
#include <sstream>

using namespace ns3;
using namespace ns3::ipsectest;

namespace
{

/// Three gateways in a line through a router, one with its host: as a user writes it, with
/// attributes the reader ignores (labels, layout) and cores as a GraphML int.
const std::string GOOD_GRAPHML = R"(<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="k0" for="node" attr.name="name" attr.type="string"/>
  <key id="k1" for="node" attr.name="role" attr.type="string"/>
  <key id="k2" for="node" attr.name="cores" attr.type="int"/>
  <key id="k3" for="edge" attr.name="rate" attr.type="string"/>
  <key id="k4" for="edge" attr.name="delay" attr.type="string"/>
  <key id="k5" for="node" attr.name="label" attr.type="string"/>
  <graph id="G" edgedefault="undirected">
    <node id="a"><data key="k0">paris</data><data key="k1">gateway</data>
      <data key="k2">4</data><data key="k5">HQ</data></node>
    <node id="b"><data key="k0">core</data><data key="k1">router</data></node>
    <node id="c"><data key="k0">lyon</data><data key="k1">gateway</data><data key="k2">2</data></node>
    <node id="d"><data key="k0">lyon-pc</data><data key="k1">host</data></node>
    <edge source="a" target="b"><data key="k3">1Gbps</data><data key="k4">2ms</data></edge>
    <edge source="b" target="c"><data key="k3">100Mbps</data><data key="k4">10ms</data></edge>
    <edge source="c" target="d"><data key="k3">10Gbps</data><data key="k4">0ms</data></edge>
  </graph>
</graphml>
)";

/// The same topology in DOT; node names are the DOT ids; values with units quoted, as DOT
/// needs.
const std::string GOOD_DOT = R"(graph vpn {
  rankdir=LR;
  paris [role=gateway, cores=4, label="HQ"];
  core [role=router, shape=box];
  lyon [role=gateway, cores="2"];
  "lyon-pc" [role=host];
  paris -- core [rate="1Gbps", delay="2ms"];
  core -- lyon [rate="100Mbps", delay="10ms", color=red];
  lyon -- "lyon-pc" [rate="10Gbps", delay="0ms"];
}
)";

class ReadGoodFilesTestCase : public TestCase
{
  public:
    ReadGoodFilesTestCase()
        : TestCase("GraphML and DOT files: nodes, roles, cores, links, rates, delays")
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-topology-read");
        WriteFile(dir + "/vpn.graphml", GOOD_GRAPHML);
        WriteFile(dir + "/vpn.dot", GOOD_DOT);
        CheckGoodGraph(NetworkGraphReader::Read(dir + "/vpn.graphml"));
        CheckGoodGraph(NetworkGraphReader::Read(dir + "/vpn.dot"));
        NetworkGraph fromGraphml = NetworkGraphReader::Read(dir + "/vpn.graphml");
        NetworkGraph fromDot = NetworkGraphReader::Read(dir + "/vpn.dot");
        NS_TEST_EXPECT_MSG_EQ(fromGraphml.IsEquivalent(fromDot), true, "the same topology");
        NS_TEST_EXPECT_MSG_EQ(fromGraphml.GetNode(0).name, "paris", "GraphML: the file's order");
        NS_TEST_EXPECT_MSG_EQ(fromDot.GetNode(0).name, "core", "DOT: Boost orders by name");
        // Without names, GraphML nodes are n0, n1, ... (as boost::write_graphml numbers them).
        std::string unnamed = R"(<?xml version="1.0"?>
<graphml><key id="r" for="node" attr.name="role" attr.type="string"/>
<key id="c" for="node" attr.name="cores" attr.type="string"/>
<key id="t" for="edge" attr.name="rate" attr.type="string"/>
<key id="d" for="edge" attr.name="delay" attr.type="string"/>
<graph edgedefault="undirected">
<node id="x"><data key="r">gateway</data><data key="c">1</data></node>
<node id="y"><data key="r">gateway</data><data key="c">1</data></node>
<edge source="x" target="y"><data key="t">1Mbps</data><data key="d">1ms</data></edge>
</graph></graphml>)";
        std::istringstream in(unnamed);
        NetworkGraph graph = NetworkGraphReader::ReadGraphml(in);
        NS_TEST_EXPECT_MSG_EQ(graph.GetNode(1).name, "n1", "default name");
        std::filesystem::remove_all(dir);
    }

    /// Checks \p graph is GOOD_GRAPHML's (and GOOD_DOT's) topology.
    void CheckGoodGraph(const NetworkGraph& graph)
    {
        NS_TEST_ASSERT_MSG_EQ(graph.GetNodeCount(), 4, "nodes");
        NS_TEST_ASSERT_MSG_EQ(graph.GetLinkCount(), 3, "links");
        const char* names[] = {"paris", "core", "lyon", "lyon-pc"};
        NetworkRole roles[]
            = {NetworkRole::GATEWAY, NetworkRole::ROUTER, NetworkRole::GATEWAY, NetworkRole::HOST};
        uint32_t cores[] = {4, 0, 2, 0};
        uint32_t index[4];
        for (uint32_t i = 0; i < 4; ++i)
        {
            index[i] = graph.FindNode(names[i]);
            NS_TEST_ASSERT_MSG_LT(index[i], 4, names[i]);
            NS_TEST_EXPECT_MSG_EQ((graph.GetNode(index[i]).role == roles[i]), true, names[i]);
            NS_TEST_EXPECT_MSG_EQ(graph.GetNode(index[i]).cores, cores[i], names[i]);
        }
        const char* rates[] = {"1Gbps", "100Mbps", "10Gbps"};
        const char* delays[] = {"2ms", "10ms", "0ms"};
        for (uint32_t e = 0; e < 3; ++e)
        {
            // Links in the file's order, ends as written: paris-core, core-lyon, lyon-lyon-pc.
            NS_TEST_EXPECT_MSG_EQ((graph.GetEnds(e) == std::make_pair(index[e], index[e + 1])),
                                  true,
                                  "ends of link " << e);
            NS_TEST_EXPECT_MSG_EQ(graph.GetLink(e).rate, rates[e], "rate");
            NS_TEST_EXPECT_MSG_EQ(graph.GetLink(e).delay, delays[e], "delay");
        }
        NS_TEST_EXPECT_MSG_EQ(graph.IsConnected(), true, "connected");
    }
};

/// One bad file: read, it must fail with a message holding each expected part.
class BadFileTestCase : public TestCase
{
  public:
    BadFileTestCase(const std::string& name,
                    const std::string& contents,
                    const std::vector<std::string>& expected)
        : TestCase("refused with a named error: " + name)
        , m_name(name)
        , m_contents(contents)
        , m_expected(expected)
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-topology-bad");
        std::string path = dir + "/" + m_name;
        if (!m_contents.empty())
        {
            WriteFile(path, m_contents);
        }
        std::string message;
        try
        {
            NetworkGraphReader::Read(path);
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        NS_TEST_ASSERT_MSG_NE(message, "", "refused");
        NS_TEST_EXPECT_MSG_EQ(message.rfind(path, 0), 0, "names the file first: " << message);
        for (const std::string& part : m_expected)
        {
            NS_TEST_EXPECT_MSG_NE(
                message.find(part), std::string::npos, "'" << part << "' in: " << message);
        }
        std::filesystem::remove_all(dir);
    }

    std::string m_name;
    std::string m_contents;
    std::vector<std::string> m_expected;
};

/// \returns a one-edge DOT graph with \p a, \p b and \p edge as attribute lists
std::string
Dot(const std::string& a, const std::string& b, const std::string& edge)
{
    return "graph g {\n  a [" + a + "];\n  b [" + b + "];\n  a -- b [" + edge + "];\n}\n";
}

/// \returns a one-edge GraphML graph: nodes a and b with \p a and \p b data, the edge \p edge
std::string
Graphml(const std::string& a, const std::string& b, const std::string& edge)
{
    return R"(<?xml version="1.0"?>
<graphml><key id="name" for="node" attr.name="name" attr.type="string"/>
<key id="role" for="node" attr.name="role" attr.type="string"/>
<key id="cores" for="node" attr.name="cores" attr.type="int"/>
<key id="rate" for="edge" attr.name="rate" attr.type="string"/>
<key id="delay" for="edge" attr.name="delay" attr.type="string"/>
<graph edgedefault="undirected">
<node id="a">)"
           + a + R"(</node><node id="b">)" + b + R"(</node>
<edge source="a" target="b">)"
           + edge + "</edge></graph></graphml>\n";
}

const std::string GW = "role=gateway, cores=2";
const std::string LINK = "rate=\"1Gbps\", delay=\"1ms\"";

/// \returns GraphML data elements for a node named \p name with \p more
std::string
Data(const std::string& name, const std::string& more)
{
    return "<data key=\"name\">" + name + "</data>" + more;
}

const std::string GW_DATA = "<data key=\"role\">gateway</data><data key=\"cores\">2</data>";
const std::string LINK_DATA = "<data key=\"rate\">1Gbps</data><data key=\"delay\">1ms</data>";

class TopologyRoundTripTestCase : public TestCase
{
  public:
    TopologyRoundTripTestCase()
        : TestCase("write GraphML and DOT, read back: the same graph and attributes")
    {
    }

  private:
    void DoRun() override
    {
        NetworkGraphGenerator generator;
        generator.SetCores(3);
        generator.SetLink("50Mbps", "7ms");
        generator.AssignStreams(1);
        NetworkGraph graph = generator.ErdosRenyi(20, 0.2);
        // All roles and names that DOT must quote.
        uint32_t router = graph.AddNode({"router 1", NetworkRole::ROUTER, 0});
        uint32_t host = graph.AddNode({"site0-host", NetworkRole::HOST, 0});
        graph.AddLink(router, 3, {"1Gbps", "500us"});
        graph.AddLink(0, host, {"10Gbps", "0s"});
        std::string dir = MakeTempDirectory("ipsec-topology-round-trip");
        for (const std::string name : {"/t.graphml", "/t.dot"})
        {
            NetworkGraphWriter::Write(graph, dir + name);
            NetworkGraph back = NetworkGraphReader::Read(dir + name);
            NS_TEST_EXPECT_MSG_EQ(back.IsEquivalent(graph), true, name << ": same topology");
            NS_TEST_EXPECT_MSG_NE(back.FindNode("router 1"), back.GetNodeCount(), name);
            // GraphML keeps the order too; DOT comes back ordered by name.
            bool graphml = name == "/t.graphml";
            NS_TEST_EXPECT_MSG_EQ((back == graph), graphml, name << ": order");
            // Written and read again, the same bytes: the file is a fixed point.
            NetworkGraphWriter::Write(back, dir + name);
            std::string text = ReadFile(dir + name);
            NetworkGraphWriter::Write(NetworkGraphReader::Read(dir + name), dir + name);
            NS_TEST_EXPECT_MSG_EQ((ReadFile(dir + name) == text), true, name << ": stable");
        }
        std::filesystem::remove_all(dir);
    }
};

/// \returns the graph \p make draws with run \p run, stream 7
template<typename Make>
NetworkGraph
WithRun(uint64_t run, Make make)
{
    uint64_t saved = RngSeedManager::GetRun();
    RngSeedManager::SetRun(run);
    NetworkGraphGenerator generator;
    generator.AssignStreams(7);
    NetworkGraph graph = make(generator);
    RngSeedManager::SetRun(saved);
    return graph;
}

class GeneratorTestCase : public TestCase
{
  public:
    GeneratorTestCase()
        : TestCase("generators: sizes, connected, same run same graph, other run other graph")
    {
    }

  private:
    void DoRun() override
    {
        NetworkGraphGenerator generator;
        generator.SetCores(8);
        generator.SetLink("1Gbps", "3ms");
        NetworkGraph hub = generator.HubSpoke(10);
        NS_TEST_EXPECT_MSG_EQ(hub.GetNodeCount(), 10, "hub and 9 spokes");
        NS_TEST_EXPECT_MSG_EQ(hub.GetLinkCount(), 9, "one link per spoke");
        NS_TEST_EXPECT_MSG_EQ(hub.GetLinksOf(0).size(), 9, "all at the hub");
        NS_TEST_EXPECT_MSG_EQ(hub.GetNode(9).name, "site9", "names");
        NS_TEST_EXPECT_MSG_EQ(hub.GetNode(9).cores, 8, "cores");
        NS_TEST_EXPECT_MSG_EQ(hub.GetLink(3).rate, "1Gbps", "rate");
        NS_TEST_EXPECT_MSG_EQ(hub.GetLink(3).delay, "3ms", "delay");
        NetworkGraph mesh = generator.FullMesh(12);
        NS_TEST_EXPECT_MSG_EQ(mesh.GetLinkCount(), 12 * 11 / 2, "every pair");
        NS_TEST_EXPECT_MSG_EQ(mesh.GetLinksOf(5).size(), 11, "to every other");
        // A ring lattice without rewiring: n k / 2 links, each site with k.
        NetworkGraph ring = generator.SmallWorld(30, 4, 0.0);
        NS_TEST_EXPECT_MSG_EQ(ring.GetLinkCount(), 60, "n k / 2");
        NS_TEST_EXPECT_MSG_EQ(ring.GetLinksOf(17).size(), 4, "k per site");
        NS_TEST_EXPECT_MSG_EQ(generator.GetJoinLinkCount(), 0, "already connected");

        // Sparse G(n, p): many components before the joins, one after, C - 1 joins.
        NetworkGraph sparse = generator.ErdosRenyi(200, 0.004);
        NS_TEST_EXPECT_MSG_EQ(sparse.IsConnected(), true, "joined");
        NS_TEST_EXPECT_MSG_GT(generator.GetJoinLinkCount(), 10, "many components joined");
        NetworkGraph dense = generator.ErdosRenyi(200, 0.1);
        // p n (n - 1) / 2 = 1990 expected; binomial sd ~ 42.
        NS_TEST_EXPECT_MSG_GT(dense.GetLinkCount(), 1790, "about p n (n - 1) / 2");
        NS_TEST_EXPECT_MSG_LT(dense.GetLinkCount(), 2190, "about p n (n - 1) / 2");
        NetworkGraph plod = generator.Plod(300, 2.0, 30.0);
        NS_TEST_EXPECT_MSG_EQ(plod.GetNodeCount(), 300, "sites");
        NS_TEST_EXPECT_MSG_EQ(plod.IsConnected(), true, "joined");
        NetworkGraph world = generator.SmallWorld(100, 6, 0.2);
        NS_TEST_EXPECT_MSG_EQ(world.IsConnected(), true, "joined");
        NS_TEST_EXPECT_MSG_LT(world.GetLinkCount(), 301, "at most n k / 2 (+ joins)");
        NS_TEST_EXPECT_MSG_GT(world.GetLinkCount(), 280, "few rewirings collide");
        for (const NetworkGraph* graph : {&hub, &mesh, &ring, &sparse, &dense, &plod, &world})
        {
            graph->Validate();
            for (uint32_t e = 0; e < graph->GetLinkCount(); ++e)
            {
                NS_TEST_EXPECT_MSG_NE(graph->GetEnds(e).first, graph->GetEnds(e).second, "loop");
            }
        }
        // A copy indexes its own links: they outlive the original.
        NetworkGraph copy;
        {
            NetworkGraph original = generator.FullMesh(5);
            copy = original;
            NetworkGraph again(original);
            original = NetworkGraph();
            NS_TEST_EXPECT_MSG_EQ((again == copy), true, "copies alike");
        }
        NS_TEST_EXPECT_MSG_EQ(copy.GetLinkCount(), 10, "copied links");
        NS_TEST_EXPECT_MSG_EQ(copy.GetLink(9).rate, "1Gbps", "copied link attributes");
        NS_TEST_EXPECT_MSG_EQ((copy.GetEnds(9) == std::make_pair(3u, 4u)), true, "copied ends");
        CheckRuns("erdos-renyi", [](NetworkGraphGenerator& g) { return g.ErdosRenyi(60, 0.05); });
        CheckRuns("small-world", [](NetworkGraphGenerator& g) { return g.SmallWorld(60, 4, 0.3); });
        CheckRuns("plod", [](NetworkGraphGenerator& g) { return g.Plod(60, 1.5, 10.0); });
    }

    /// Same run: same graph; another run: another graph.
    template<typename Make>
    void CheckRuns(const std::string& name, Make make)
    {
        NetworkGraph first = WithRun(3, make);
        NS_TEST_EXPECT_MSG_EQ((WithRun(3, make) == first), true, name << ": same run");
        NS_TEST_EXPECT_MSG_EQ((WithRun(4, make) == first), false, name << ": other run");
    }
};

/**
 * SiteGraphTopology on a small graph: hosts added where missing, addresses by site, and the
 * underlay routes along the shortest path in hops; graphs it cannot build are refused by name.
 */
class SiteGraphTopologyTestCase : public TestCase
{
  public:
    SiteGraphTopologyTestCase()
        : TestCase("SiteGraphTopology: hosts added, site addresses, shortest-path underlay routes")
    {
    }

  private:
    /// \returns the next hop of \p node towards \p destination (0.0.0.0 if none)
    Ipv4Address NextHop(Ptr<Node> node, Ipv4Address destination)
    {
        Ipv4Header header;
        header.SetDestination(destination);
        Socket::SocketErrno error;
        Ptr<Ipv4Route> route = node->GetObject<Ipv4>()->GetRoutingProtocol()->RouteOutput(
            Create<Packet>(), header, nullptr, error);
        return route ? route->GetGateway() : Ipv4Address::GetAny();
    }

    void DoRun() override
    {
        // a - r - b in two hops; a - c - d - b in three. b comes with its own host.
        NetworkGraph graph;
        NetworkLink link{"100Mbps", "1ms"};
        uint32_t a = graph.AddNode({"a", NetworkRole::GATEWAY, 2});
        uint32_t r = graph.AddNode({"r", NetworkRole::ROUTER, 0});
        uint32_t b = graph.AddNode({"b", NetworkRole::GATEWAY, 4});
        uint32_t c = graph.AddNode({"c", NetworkRole::GATEWAY, 1});
        uint32_t d = graph.AddNode({"d", NetworkRole::ROUTER, 0});
        uint32_t h = graph.AddNode({"b-pc", NetworkRole::HOST, 0});
        graph.AddLink(a, c, link); // link 0: a .1, c .2
        graph.AddLink(c, d, link); // 1
        graph.AddLink(d, b, link); // 2
        graph.AddLink(a, r, link); // 3: a .13, r .14
        graph.AddLink(r, b, link); // 4: r .17, b .18
        graph.AddLink(h, b, link); // b's LAN, host first
        {
            SiteGraphTopology topology(graph, "1Gbps", "0ms");
            const NetworkGraph& built = topology.GetGraph();
            NS_TEST_ASSERT_MSG_EQ(topology.GetSiteCount(), 3, "a, b, c");
            NS_TEST_EXPECT_MSG_EQ(built.NodesWith(NetworkRole::HOST).size(), 3, "two added");
            NS_TEST_EXPECT_MSG_NE(built.FindNode("a-host"), built.GetNodeCount(), "a's host");
            NS_TEST_EXPECT_MSG_EQ(built.FindNode("b-host"), built.GetNodeCount(), "b had one");
            NS_TEST_EXPECT_MSG_EQ(built.GetLink(built.GetLinkCount() - 1).rate, "1Gbps", "LAN");
            NS_TEST_EXPECT_MSG_EQ(topology.GetCores(1), 4, "b's cores");
            NS_TEST_EXPECT_MSG_EQ(topology.End(1).subnet, Ipv4Address("10.0.1.0"), "site 1");
            NS_TEST_EXPECT_MSG_EQ(topology.HostAddress(1), Ipv4Address("10.0.1.2"), "host");
            NS_TEST_EXPECT_MSG_EQ(topology.Host(1), topology.NodeOf(h), "b's own host");
            NS_TEST_EXPECT_MSG_EQ(topology.End(0).outerAddress,
                                  Ipv4Address("100.64.0.1"),
                                  "a: its first underlay link");
            NS_TEST_EXPECT_MSG_EQ(topology.End(1).outerAddress, Ipv4Address("100.64.0.10"), "b");
            NS_TEST_EXPECT_MSG_EQ(topology.WanDevices().GetN(), 6, "gateways' underlay ends");
            NS_TEST_EXPECT_MSG_EQ(topology.LanDevices().GetN(), 3, "gateways' LAN ends");
            // a to b: through r (2 hops), not c and d (3).
            NS_TEST_EXPECT_MSG_EQ(NextHop(topology.Gateway(0), topology.End(1).outerAddress),
                                  Ipv4Address("100.64.0.14"),
                                  "a -> r -> b");
            NS_TEST_EXPECT_MSG_EQ(NextHop(topology.NodeOf(r), topology.End(1).outerAddress),
                                  Ipv4Address("100.64.0.18"),
                                  "r -> b");
            NS_TEST_EXPECT_MSG_EQ(NextHop(topology.NodeOf(d), topology.End(0).outerAddress),
                                  Ipv4Address("100.64.0.5"),
                                  "d -> c -> a (2 hops; through b and r, 3)");
            NS_TEST_EXPECT_MSG_EQ(NextHop(topology.Host(0), Ipv4Address("10.0.2.2")),
                                  Ipv4Address("10.0.0.1"),
                                  "a host's default route: its gateway");
        }
        Simulator::Destroy();

        // Shapes it cannot build.
        NetworkGraph routerHost;
        routerHost.AddNode({"g1", NetworkRole::GATEWAY, 1});
        routerHost.AddNode({"g2", NetworkRole::GATEWAY, 1});
        routerHost.AddNode({"rr", NetworkRole::ROUTER, 0});
        routerHost.AddNode({"pc", NetworkRole::HOST, 0});
        routerHost.AddLink(0, 2, link);
        routerHost.AddLink(1, 2, link);
        routerHost.AddLink(3, 2, link);
        NetworkGraph twoHosts;
        twoHosts.AddNode({"g1", NetworkRole::GATEWAY, 1});
        twoHosts.AddNode({"g2", NetworkRole::GATEWAY, 1});
        twoHosts.AddNode({"p1", NetworkRole::HOST, 0});
        twoHosts.AddNode({"p2", NetworkRole::HOST, 0});
        twoHosts.AddLink(0, 1, link);
        twoHosts.AddLink(0, 2, link);
        twoHosts.AddLink(3, 0, link);
        NetworkGraph oneGateway;
        oneGateway.AddNode({"g1", NetworkRole::GATEWAY, 1});
        NetworkGraph split;
        split.AddNode({"g1", NetworkRole::GATEWAY, 1});
        split.AddNode({"g2", NetworkRole::GATEWAY, 1});
        std::vector<std::pair<NetworkGraph, std::string>> bad = {
            {routerHost, "node 'pc': a host linked to 'rr', a router: expected a gateway"},
            {twoHosts, "node 'p2': a second host of gateway 'g1': expected one host per gateway"},
            {oneGateway, "1 gateways: expected 2 to 65536"},
            {split, "2 connected components: expected one"},
        };
        for (const auto& [shape, expected] : bad)
        {
            std::string message;
            try
            {
                SiteGraphTopology topology(shape, "1Gbps", "0ms");
            }
            catch (const std::invalid_argument& e)
            {
                message = e.what();
            }
            NS_TEST_EXPECT_MSG_NE(message.find(expected), std::string::npos, message);
            Simulator::Destroy();
        }
    }
};

/**
 * \ingroup ipsec-tests
 * NetworkGraph, NetworkGraphReader, NetworkGraphWriter and NetworkGraphGenerator.
 */
class TopologyGraphTestSuite : public TestSuite
{
  public:
    TopologyGraphTestSuite()
        : TestSuite("ipsec-topology-graph", UNIT)
    {
        AddTestCase(new ReadGoodFilesTestCase, TestCase::QUICK);
        const std::string A = "<data key=\"name\">a</data>";
        const std::string B = "<data key=\"name\">b</data>";
        std::vector<std::tuple<std::string, std::string, std::vector<std::string>>> bad = {
            {"no-role.dot", Dot("cores=2", GW, LINK), {"node 'a'", "role is missing", "gateway"}},
            {"bad-role.dot",
             Dot("role=switch", GW, LINK),
             {"node 'a'", "role='switch' is not valid", "expected gateway, host or router"}},
            {"no-cores.dot",
             Dot("role=gateway", GW, LINK),
             {"node 'a'", "cores is missing", "1 to 1024"}},
            {"bad-cores.dot",
             Dot("role=gateway, cores=many", GW, LINK),
             {"node 'a'", "cores='many' is not a whole number", "1 to 1024"}},
            {"zero-cores.dot",
             Dot(GW, "role=gateway, cores=0", LINK),
             {"node 'b'", "cores=0 is out of range", "1 to 1024"}},
            {"no-rate.dot",
             Dot(GW, GW, "delay=\"1ms\""),
             {"edge 'a' -- 'b'", "rate is missing", "100Mbps"}},
            {"bad-rate.dot",
             Dot(GW, GW, "rate=fast, delay=\"1ms\""),
             {"edge 'a' -- 'b'", "rate='fast' is not a positive data rate", "100Mbps"}},
            {"zero-rate.dot",
             Dot(GW, GW, "rate=\"0bps\", delay=\"1ms\""),
             {"edge 'a' -- 'b'", "rate='0bps'"}},
            {"no-delay.dot",
             Dot(GW, GW, "rate=\"1Gbps\""),
             {"edge 'a' -- 'b'", "delay is missing", "1ms"}},
            {"bad-delay.dot",
             Dot(GW, GW, "rate=\"1Gbps\", delay=soon"),
             {"edge 'a' -- 'b'", "delay='soon' is not a time of zero or more", "1ms"}},
            {"negative-delay.dot",
             Dot(GW, GW, "rate=\"1Gbps\", delay=\"-1ms\""),
             {"edge 'a' -- 'b'", "delay='-1ms'"}},
            {"unquoted.dot",
             Dot(GW, GW, "rate=1Gbps, delay=\"1ms\""),
             {"edge 'a' -- 'b'", "a bare 'Gbps'", "rate=\"1Gbps\""}},
            {"loop.dot",
             "graph g { a [" + GW + "]; a -- a [" + LINK + "]; }",
             {"edge 'a' -- 'a'", "from a node to itself"}},
            {"directed.dot",
             "digraph g { a [" + GW + "]; b [" + GW + "]; a -> b [" + LINK + "]; }",
             {"not a valid DOT topology"}},
            {"syntax.dot", "graph g { a -- ", {"not a valid DOT topology"}},
            {"no-role.graphml",
             Graphml(A + "<data key=\"cores\">2</data>", B + GW_DATA, LINK_DATA),
             {"node 'a'", "role is missing"}},
            {"bad-cores.graphml",
             Graphml(A + "<data key=\"role\">gateway</data><data key=\"cores\">2000</data>",
                     B + GW_DATA,
                     LINK_DATA),
             {"node 'a'", "cores=2000 is out of range", "1 to 1024"}},
            {"bad-rate.graphml",
             Graphml(A + GW_DATA,
                     B + GW_DATA,
                     "<data key=\"rate\">1 Gbps</data><data key=\"delay\">1ms</data>"),
             {"edge 'a' -- 'b'", "rate='1 Gbps'"}},
            {"no-delay.graphml",
             Graphml(A + GW_DATA, B + GW_DATA, "<data key=\"rate\">1Gbps</data>"),
             {"edge 'a' -- 'b'", "delay is missing"}},
            {"same-name.graphml",
             Graphml(A + GW_DATA, A + GW_DATA, LINK_DATA),
             {"node 'a'", "name is used twice"}},
            {"syntax.graphml", "<graphml><graph>", {"not a valid GraphML topology"}},
            {"topology.txt", "a -- b", {"unknown format", ".graphml", ".dot"}},
            {"missing.dot", "", {"cannot be read"}},
        };
        for (const auto& [name, contents, expected] : bad)
        {
            AddTestCase(new BadFileTestCase(name, contents, expected), TestCase::QUICK);
        }
        AddTestCase(new TopologyRoundTripTestCase, TestCase::QUICK);
        AddTestCase(new GeneratorTestCase, TestCase::QUICK);
        AddTestCase(new SiteGraphTopologyTestCase, TestCase::QUICK);
    }
};

TopologyGraphTestSuite g_topologyGraphTestSuite;

} // namespace
