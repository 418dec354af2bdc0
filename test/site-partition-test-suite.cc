/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Sites split over the processes of a distributed run: SitePartition's blocks (hosts with their
// gateway, routers with the nearest), SiteGraphTopology's SystemIds, links between processes
// and their lookahead check, NodeLocality, and IkeHelper starting daemons only on this
// process's gateways. Runs in one process: nodes of other SystemIds are simply not local.

#include "ns3/cpu-helper.h"
#include "ns3/ike-helper.h"
#include "ns3/ipsec-helper.h"
#include "ns3/node-locality.h"
#include "ns3/simulator.h"
#include "ns3/site-graph-topology.h"
#include "ns3/site-partition.h"
#include "ns3/test.h"

#include <algorithm>
#include <stdexcept>

using namespace ns3;

namespace
{

/**
 * gw0 - gw1 - r - gw2 - gw3 in a line (r a router nearer gw2 on a tie broken by search
 * order), each gateway with a host; underlay links of \p delay.
 */
NetworkGraph
Line(const std::string& delay)
{
    NetworkGraph graph;
    uint32_t gw0 = graph.AddNode({"gw0", NetworkRole::GATEWAY, 2});
    uint32_t gw1 = graph.AddNode({"gw1", NetworkRole::GATEWAY, 2});
    uint32_t r = graph.AddNode({"r", NetworkRole::ROUTER, 0});
    uint32_t gw2 = graph.AddNode({"gw2", NetworkRole::GATEWAY, 2});
    uint32_t gw3 = graph.AddNode({"gw3", NetworkRole::GATEWAY, 2});
    graph.AddLink(gw0, gw1, {"100Mbps", delay});
    graph.AddLink(gw1, r, {"100Mbps", delay});
    graph.AddLink(r, gw2, {"100Mbps", delay});
    graph.AddLink(gw2, gw3, {"100Mbps", delay});
    for (uint32_t gw : {gw0, gw1, gw2, gw3})
    {
        uint32_t host = graph.AddNode({graph.GetNode(gw).name + "-h", NetworkRole::HOST, 0});
        graph.AddLink(gw, host, {"1Gbps", "0ms"});
    }
    return graph;
}

/**
 * \ingroup ipsec-tests
 * SitePartition::Assign: contiguous blocks of sites, hosts with their gateway, the router with
 * the gateway the search reaches first, and the bad process counts refused.
 */
class SitePartitionAssignTestCase : public TestCase
{
  public:
    SitePartitionAssignTestCase()
        : TestCase("blocks of sites; hosts follow their gateway; routers the nearest")
    {
    }

  private:
    void DoRun() override
    {
        NetworkGraph graph = Line("5ms");
        std::vector<uint32_t> one = SitePartition::Assign(graph, 1);
        NS_TEST_EXPECT_MSG_EQ(std::count(one.begin(), one.end(), 0), graph.GetNodeCount(), "1");
        std::vector<uint32_t> two = SitePartition::Assign(graph, 2);
        // Nodes: gw0 gw1 r gw2 gw3 h0 h1 h2 h3.
        std::vector<uint32_t> expected{0, 0, 0, 1, 1, 0, 0, 1, 1};
        NS_TEST_EXPECT_MSG_EQ((two == expected), true, "2 processes: sites 0-1 and 2-3");
        std::vector<uint32_t> three = SitePartition::Assign(graph, 3);
        // Sites k * 3 / 4: 0, 0, 1, 2; the router is one hop from gw1 and from gw2, and the
        // search, in site order, reaches it from gw1 first.
        expected = {0, 0, 0, 1, 2, 0, 0, 1, 2};
        NS_TEST_EXPECT_MSG_EQ((three == expected), true, "3 processes");
        std::vector<uint32_t> four = SitePartition::Assign(graph, 4);
        expected = {0, 1, 1, 2, 3, 0, 1, 2, 3};
        NS_TEST_EXPECT_MSG_EQ((four == expected), true, "one process per site");
        for (uint32_t bad : {0u, 5u})
        {
            bool refused = false;
            try
            {
                SitePartition::Assign(graph, bad);
            }
            catch (const std::invalid_argument& e)
            {
                refused = std::string(e.what()).find("processes for 4 sites") != std::string::npos;
            }
            NS_TEST_EXPECT_MSG_EQ(refused, true, bad << " processes are refused by name");
        }
    }
};

/**
 * \ingroup ipsec-tests
 * SiteGraphTopology over 2 processes: each node's SystemId, the links between processes,
 * NodeLocality of the nodes, and IkeHelper's daemons started only here.
 */
class SiteGraphTopologySystemsTestCase : public TestCase
{
  public:
    SiteGraphTopologySystemsTestCase()
        : TestCase("SystemIds, links between processes, local nodes, daemons started here only")
    {
    }

  private:
    void DoRun() override
    {
        NS_TEST_EXPECT_MSG_EQ(NodeLocality::IsDistributed(), false, "the default simulator");
        SiteGraphTopology topology(Line("5ms"), "1Gbps", "1ms", 2);
        for (uint32_t k = 0; k < 4; ++k)
        {
            uint32_t system = k < 2 ? 0 : 1;
            NS_TEST_EXPECT_MSG_EQ(topology.GetSystemId(k), system, "site " << k);
            NS_TEST_EXPECT_MSG_EQ(topology.Gateway(k)->GetSystemId(), system, "its gateway");
            NS_TEST_EXPECT_MSG_EQ(topology.Host(k)->GetSystemId(), system, "and its host");
            NS_TEST_EXPECT_MSG_EQ(NodeLocality::IsLocal(topology.Gateway(k)),
                                  (system == 0),
                                  "only process 0's nodes are local to this process");
        }
        NS_TEST_EXPECT_MSG_EQ(topology.GetCrossSystemLinkCount(), 1, "r - gw2 only");

        CpuHelper cpus;
        cpus.Install(topology.Gateways());
        IpsecHelper ipsec;
        ipsec.Install(topology.Gateways());
        IkeHelper ike;
        IkeTunnel tunnel = ike.Install(topology.End(1), topology.End(2));
        NS_TEST_EXPECT_MSG_EQ(topology.Gateway(1)->GetNApplications(), 1, "started here");
        NS_TEST_EXPECT_MSG_EQ(
            topology.Gateway(2)->GetNApplications(), 0, "another process runs gw2's daemon");
        NS_TEST_EXPECT_MSG_EQ(tunnel.responder->GetNode(), topology.Gateway(2), "configured");
        NS_TEST_EXPECT_MSG_EQ(tunnel.responder->GetConnectionCount(), 1, "with its connection");
        Simulator::Destroy();
    }
};

/**
 * \ingroup ipsec-tests
 * A link between processes without delay leaves the engine no lookahead: refused by name.
 */
class SiteGraphTopologyLookaheadTestCase : public TestCase
{
  public:
    SiteGraphTopologyLookaheadTestCase()
        : TestCase("a link between processes with zero delay is refused")
    {
    }

  private:
    void DoRun() override
    {
        std::string message;
        try
        {
            SiteGraphTopology topology(Line("0ms"), "1Gbps", "1ms", 2);
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        NS_TEST_EXPECT_MSG_NE(message.find("edge 'r' -- 'gw2' joins processes 0 and 1 with delay "
                                           "0ms: expected a delay above zero"),
                              std::string::npos,
                              message);
        // In one process nothing crosses, so no lookahead is needed.
        SiteGraphTopology single(Line("0ms"), "1Gbps", "1ms", 1);
        NS_TEST_EXPECT_MSG_EQ(single.GetCrossSystemLinkCount(), 0, "one process");
        Simulator::Destroy();
    }
};

/**
 * \ingroup ipsec-tests
 * Sites over the processes of a distributed run.
 */
class SitePartitionTestSuite : public TestSuite
{
  public:
    SitePartitionTestSuite()
        : TestSuite("ipsec-site-partition", UNIT)
    {
        AddTestCase(new SitePartitionAssignTestCase, TestCase::QUICK);
        AddTestCase(new SiteGraphTopologySystemsTestCase, TestCase::QUICK);
        AddTestCase(new SiteGraphTopologyLookaheadTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
SitePartitionTestSuite g_sitePartitionTestSuite;

} // namespace
