/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The vpn-mesh example end to end: every talking pair's IKE SA and per-CPU Child SAs up and
// its traffic delivered, on a generated topology and on one read from a DOT file with a router;
// the topology written beside metrics.json reads back; same seed, same files; another run,
// another graph; bad options and bad files refused with exit 2.

#include "test-utilities.h"

#include "ns3/network-graph-reader.h"
#include "ns3/test.h"

#include <nlohmann/json.hpp>

#include <filesystem>

using namespace ns3;
using namespace ns3::ipsectest;

namespace
{

/// Runs vpn-mesh with \p args into \p dir; \returns its metrics.json (null if it failed)
nlohmann::json
RunVpnMesh(const std::string& dir, const std::string& args, std::string& output)
{
    int status
        = RunCommand(ExamplePath("vpn-mesh") + " --quiet --outputDir=" + dir + " " + args, output);
    if (status != 0)
    {
        return nullptr;
    }
    return nlohmann::json::parse(ReadFile(dir + "/metrics.json"), nullptr, false);
}

class VpnMeshGeneratedTestCase : public TestCase
{
  public:
    VpnMeshGeneratedTestCase(const std::string& topology)
        : TestCase("vpn-mesh on " + topology
                   + ": every pair's SAs up, traffic delivered, topology written")
        , m_topology(topology)
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-vpn-mesh");
        std::string args = "--topology=" + m_topology
                           + " --sites=6 --pairs=5 --cpus=2 --flows=2 --packetsPerSecond=20"
                             " --duration=2.5 --RngRun=2";
        std::string output;
        nlohmann::json metrics = RunVpnMesh(dir, args, output);
        NS_TEST_ASSERT_MSG_EQ(metrics.is_object(), true, "ran: " << output);
        CheckPairs(metrics, 5, 2);
        NS_TEST_EXPECT_MSG_EQ(metrics["results"]["topology"]["sites"], 6, "sites");
        // The topology as run: 6 gateways and the 6 hosts the example added, connected.
        NetworkGraph dot = NetworkGraphReader::Read(dir + "/topology.dot");
        NetworkGraph graphml = NetworkGraphReader::Read(dir + "/topology.graphml");
        NS_TEST_EXPECT_MSG_EQ(dot.IsEquivalent(graphml), true, "both files: one topology");
        NS_TEST_EXPECT_MSG_EQ(dot.NodesWith(NetworkRole::GATEWAY).size(), 6, "gateways");
        NS_TEST_EXPECT_MSG_EQ(dot.NodesWith(NetworkRole::HOST).size(), 6, "hosts");
        NS_TEST_EXPECT_MSG_EQ(
            dot.GetLinkCount(), metrics["results"]["topology"]["links"], "links as reported");
        NS_TEST_EXPECT_MSG_EQ(dot.IsConnected(), true, "connected");

        // Same seed: byte-identical outputs. The written topology, given back, runs the same.
        std::string text = ReadFile(dir + "/metrics.json");
        std::string graphText = ReadFile(dir + "/topology.dot");
        RunVpnMesh(dir, args, output);
        NS_TEST_EXPECT_MSG_EQ((ReadFile(dir + "/metrics.json") == text), true, "same metrics");
        NS_TEST_EXPECT_MSG_EQ((ReadFile(dir + "/topology.dot") == graphText), true, "same graph");
        std::string again = dir + "/again";
        nlohmann::json reloaded
            = RunVpnMesh(again,
                         "--graph=" + dir
                             + "/topology.graphml --pairs=5 --flows=2"
                               " --packetsPerSecond=20 --duration=2.5 --RngRun=2",
                         output);
        NS_TEST_ASSERT_MSG_EQ(reloaded.is_object(), true, "ran from its own file: " << output);
        NS_TEST_EXPECT_MSG_EQ((ReadFile(again + "/topology.dot") == graphText),
                              true,
                              "nothing added to a complete topology");
        CheckPairs(reloaded, 5, 2);
        if (m_topology != "mesh" && m_topology != "hub-spoke")
        {
            RunVpnMesh(dir, "--topology=" + m_topology + " --sites=6 --pairs=5 --RngRun=3", output);
            NS_TEST_EXPECT_MSG_EQ(
                (ReadFile(dir + "/topology.dot") != graphText), true, "another run, another graph");
        }
        std::filesystem::remove_all(dir);
    }

    /// Every one of \p pairs pairs up with its group (fallback + one SA per initiator core of
    /// \p cores), and all of its traffic delivered.
    void CheckPairs(const nlohmann::json& metrics, uint64_t pairs, uint64_t cores)
    {
        const nlohmann::json& results = metrics["results"];
        NS_TEST_ASSERT_MSG_EQ(results["pairs"].size(), pairs, "pairs");
        for (const auto& pair : results["pairs"])
        {
            std::string name = pair["a"].get<std::string>() + "-" + pair["b"].get<std::string>();
            NS_TEST_EXPECT_MSG_EQ(pair["ike_sa_established"], true, name);
            NS_TEST_EXPECT_MSG_EQ(pair["child_sas"], cores + 1, name << ": fallback + per CPU");
            NS_TEST_EXPECT_MSG_EQ(pair["per_resource_sas"], cores + 1, name);
            NS_TEST_EXPECT_MSG_GT(pair["sent_packets"].get<uint64_t>(), 0, name);
            NS_TEST_EXPECT_MSG_EQ(pair["delivered_packets"], pair["sent_packets"], name);
            NS_TEST_EXPECT_MSG_EQ(pair["lost_packets"], 0, name);
        }
        const nlohmann::json& totals = results["totals"];
        NS_TEST_EXPECT_MSG_EQ(totals["pairs_established"], pairs, "all up");
        NS_TEST_EXPECT_MSG_EQ(totals["delivered_packets"], totals["sent_packets"], "all through");
        uint64_t sent = 0;
        uint64_t delivered = 0;
        for (const auto& [name, site] : results["sites"].items())
        {
            sent += site["sent_packets"].get<uint64_t>();
            delivered += site["delivered_packets"].get<uint64_t>();
        }
        NS_TEST_EXPECT_MSG_EQ(sent, totals["sent_packets"].get<uint64_t>(), "per-site sums");
        NS_TEST_EXPECT_MSG_EQ(delivered, totals["delivered_packets"].get<uint64_t>(), "");
        NS_TEST_EXPECT_MSG_EQ(results["ike"]["total"]["ike_sas"]["established"].get<uint64_t>(),
                              2 * pairs,
                              "IKE SAs (both ends)");
    }

    std::string m_topology;
};

/// A DOT file with a router between the sites, different cores per gateway and a host given.
class VpnMeshFileTestCase : public TestCase
{
  public:
    VpnMeshFileTestCase()
        : TestCase("vpn-mesh on a DOT file with a router: every pair up through it")
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-vpn-mesh-file");
        WriteFile(dir + "/net.dot",
                  "graph net {\n"
                  "  r [role=router];\n"
                  "  a [role=gateway, cores=1]; b [role=gateway, cores=2];"
                  " c [role=gateway, cores=4];\n"
                  "  pc [role=host];\n"
                  "  pc -- a [rate=\"1Gbps\", delay=\"1ms\"];\n"
                  "  a -- r [rate=\"100Mbps\", delay=\"5ms\"];"
                  " b -- r [rate=\"100Mbps\", delay=\"5ms\"];\n"
                  "  c -- r [rate=\"50Mbps\", delay=\"20ms\"];\n"
                  "}\n");
        std::string output;
        nlohmann::json metrics = RunVpnMesh(
            dir,
            "--graph=" + dir + "/net.dot --pairs=0 --packetsPerSecond=20 --duration=2.5",
            output);
        NS_TEST_ASSERT_MSG_EQ(metrics.is_object(), true, "ran: " << output);
        const nlohmann::json& results = metrics["results"];
        NS_TEST_EXPECT_MSG_EQ(results["topology"]["routers"], 1, "the router");
        NS_TEST_EXPECT_MSG_EQ(results["topology"]["hosts"], 3, "pc and two added hosts");
        NS_TEST_ASSERT_MSG_EQ(results["pairs"].size(), 3, "every pair of 3 sites");
        for (const auto& pair : results["pairs"])
        {
            std::string a = pair["a"];
            uint64_t cores = results["sites"][a]["cores"];
            NS_TEST_EXPECT_MSG_EQ(pair["ike_sa_established"], true, a);
            NS_TEST_EXPECT_MSG_EQ(pair["child_sas"], cores + 1, a << ": its cores' group");
            NS_TEST_EXPECT_MSG_GT(pair["delivered_packets"].get<uint64_t>(), 0, a);
            NS_TEST_EXPECT_MSG_EQ(pair["lost_packets"], 0, a);
        }
        NS_TEST_EXPECT_MSG_EQ(results["sites"]["c"]["cores"], 4, "cores from the file");
        std::filesystem::remove_all(dir);
    }
};

/// \returns \p args without the folder placeholder (a test name may not hold '/')
std::string
Named(std::string args)
{
    for (size_t at; (at = args.find("DIR/")) != std::string::npos;)
    {
        args.erase(at, 4);
    }
    return args;
}

class VpnMeshBadOptionTestCase : public TestCase
{
  public:
    VpnMeshBadOptionTestCase(const std::string& args, const std::string& expected)
        : TestCase("vpn-mesh refuses " + Named(args))
        , m_args(args)
        , m_expected(expected)
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-vpn-mesh-bad");
        WriteFile(dir + "/bad.dot", "graph g { a [role=gateway]; b [role=gateway, cores=1]; }");
        WriteFile(dir + "/split.dot",
                  "graph g { a [role=gateway, cores=1]; b [role=gateway, cores=1]; }");
        std::string args = m_args;
        for (size_t at; (at = args.find("DIR")) != std::string::npos;)
        {
            args.replace(at, 3, dir);
        }
        std::string output;
        int status = RunCommand(
            ExamplePath("vpn-mesh") + " " + args + " --outputDir=" + dir + "/out", output);
        NS_TEST_EXPECT_MSG_EQ(status, 2, "exit 2: " << output);
        NS_TEST_EXPECT_MSG_NE(output.find(m_expected), std::string::npos, output);
        NS_TEST_EXPECT_MSG_EQ(std::filesystem::exists(dir + "/out/metrics.json"), false, "");
        std::filesystem::remove_all(dir);
    }

    std::string m_args;
    std::string m_expected;
};

/**
 * \ingroup ipsec-tests
 * The vpn-mesh example.
 */
class VpnMeshTestSuite : public TestSuite
{
  public:
    VpnMeshTestSuite()
        : TestSuite("ipsec-vpn-mesh", SYSTEM)
    {
        for (const char* topology : {"erdos-renyi", "small-world", "plod", "mesh", "hub-spoke"})
        {
            AddTestCase(new VpnMeshGeneratedTestCase(topology), TestCase::QUICK);
        }
        AddTestCase(new VpnMeshFileTestCase, TestCase::QUICK);
        std::vector<std::pair<std::string, std::string>> bad = {
            {"--topology=ring", "--topology=ring is not valid"},
            {"--sites=1", "--sites=1 is out of range"},
            {"--topology=erdos-renyi --probability=1", "--probability=1"},
            {"--topology=small-world --neighbours=3", "--neighbours=3"},
            {"--topology=plod --alpha=0", "--alpha=0"},
            {"--cpus=0", "--cpus=0"},
            {"--wanRate=fast", "--wanRate=fast"},
            {"--sites=4 --pairs=7", "--pairs=7 is out of range"},
            {"--flows=0", "--flows=0"},
            {"--graph=DIR/bad.dot", "node 'a': cores is missing"},
            {"--graph=DIR/split.dot", "2 connected components"},
            {"--graph=DIR/none.graphml", "cannot be read"},
        };
        for (const auto& [args, expected] : bad)
        {
            AddTestCase(new VpnMeshBadOptionTestCase(args, expected), TestCase::QUICK);
        }
    }
};

VpnMeshTestSuite g_vpnMeshTestSuite;

} // namespace
