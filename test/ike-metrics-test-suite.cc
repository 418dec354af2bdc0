/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The "ike" part of metrics.json (IkeMetrics): on a pair of 2-core gateways (IKE crypto costs
// core time) whose initiator guesses the wrong DH group (INVALID_KE_PAYLOAD) and loses its
// first IKE_AUTH request (a retransmission), every field is present and equals the daemons'
// counters, the total is their sum, and the same seed gives byte-identical JSON.

#include "ns3/cpu-helper.h"
#include "ns3/error-model.h"
#include "ns3/gateway-pair-topology.h"
#include "ns3/ike-helper.h"
#include "ns3/ike-metrics.h"
#include "ns3/ipsec-helper.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>

using namespace ns3;

namespace
{

/// What one run of the scenario leaves: the JSON and copies of the daemons' counters.
struct ScenarioResult
{
    nlohmann::json ike;       //!< IkeMetrics::Ike of gw1 and gw2
    IkeStatistics initiator;  //!< gw1's counters
    IkeStatistics responder;  //!< gw2's counters
    uint32_t connections1{0}; //!< gw1's connections
    bool established{false};  //!< whether gw1's IKE SA came up
};

/**
 * Runs the scenario for 30 s: proposals X25519 then ECP-256 on gw1, only ECP-256 on gw2, and
 * gw2 loses the third datagram it receives (the first IKE_AUTH request).
 */
ScenarioResult
RunScenario()
{
    GatewayPairTopology topology("100Mbps", "1ms");
    CpuHelper cpus; // so that IKE crypto costs core time (control_plane_cpu_s)
    cpus.SetCpuAttribute("Cores", UintegerValue(2));
    cpus.Install(topology.Gateways());
    IpsecHelper ipsec;
    ipsec.Install(topology.Gateways());
    ipsec.AssignStreams(topology.Gateways(), 10);
    IkeHelper helper;
    CipherSuite gcm = CipherSuite::FromKeyword("aes128gcm16");
    helper.SetIkeProposals({IkeSuite{gcm, PrfAlgorithm::HMAC_SHA2_256, DhGroup::CURVE25519},
                            IkeSuite{gcm, PrfAlgorithm::HMAC_SHA2_256, DhGroup::ECP_256}});
    IkeTunnel tunnel = helper.Install(topology.End1(), topology.End2());
    helper.AssignStreams(20);
    IkePeerConfig responderConfig = tunnel.responder->GetConfig();
    responderConfig.ikeProposals = {IkeSuite{gcm, PrfAlgorithm::HMAC_SHA2_256, DhGroup::ECP_256}};
    tunnel.responder->SetConnection(0, responderConfig);
    Ptr<ReceiveListErrorModel> loss = CreateObject<ReceiveListErrorModel>();
    loss->SetList({2});
    topology.WanDevices().Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(loss));

    Simulator::Stop(Seconds(30));
    Simulator::Run();
    ScenarioResult result;
    result.ike = IkeMetrics::Ike({{"gw1", tunnel.initiator}, {"gw2", tunnel.responder}});
    result.initiator = tunnel.initiator->GetStatistics();
    result.responder = tunnel.responder->GetStatistics();
    result.connections1 = tunnel.initiator->GetConnectionCount();
    result.established = tunnel.initiator->IsEstablished();
    Simulator::Destroy();
    return result;
}

/// \returns counts[name], 0 if absent
uint64_t
CountOf(const std::map<std::string, uint64_t>& counts, const std::string& name)
{
    auto it = counts.find(name);
    return it == counts.end() ? 0 : it->second;
}

/**
 * \ingroup ipsec-tests
 * Every field of the per-daemon and total objects against the counters.
 */
class IkeMetricsFieldsTestCase : public TestCase
{
  public:
    IkeMetricsFieldsTestCase()
        : TestCase("fields present and equal to the daemons' counters; total is their sum")
    {
    }

  private:
    /// Checks \p json (one daemon's object or the total) against \p s.
    void CheckAgainst(const nlohmann::json& json, const IkeStatistics& s, const std::string& who)
    {
        for (const char* key : {"ike_sas",
                                "child_sas",
                                "exchanges",
                                "retransmissions",
                                "cached_responses",
                                "errors",
                                "drops",
                                "drops_total",
                                "collisions",
                                "per_resource",
                                "liveness_checks",
                                "cookies_sent",
                                "invalid_cookies",
                                "nat_detected",
                                "control_plane_cpu_s",
                                "connections"})
        {
            NS_TEST_ASSERT_MSG_EQ(json.contains(key), true, who << " has " << key);
        }
        NS_TEST_EXPECT_MSG_EQ(
            json["ike_sas"]["established"].get<uint64_t>(), s.ikeSasEstablished, who);
        NS_TEST_EXPECT_MSG_EQ(json["ike_sas"]["failed"].get<uint64_t>(), s.ikeSasFailed, who);
        NS_TEST_EXPECT_MSG_EQ(json["ike_sas"]["rekeys"].get<uint64_t>(), s.ikeSaRekeys, who);
        NS_TEST_EXPECT_MSG_EQ(
            json["child_sas"]["installed"].get<uint64_t>(), s.childSasInstalled, who);
        NS_TEST_EXPECT_MSG_EQ(json["child_sas"]["deleted"].get<uint64_t>(), s.childSasDeleted, who);
        NS_TEST_EXPECT_MSG_EQ(json["child_sas"]["rekeys"].get<uint64_t>(), s.childSaRekeys, who);
        NS_TEST_EXPECT_MSG_EQ(json["retransmissions"].get<uint64_t>(), s.retransmissions, who);
        NS_TEST_EXPECT_MSG_EQ(json["cached_responses"].get<uint64_t>(), s.cachedResponses, who);
        NS_TEST_EXPECT_MSG_EQ(
            json["collisions"]["child_rekey"].get<uint64_t>(), s.childRekeyCollisions, who);
        NS_TEST_EXPECT_MSG_EQ(
            json["collisions"]["ike_rekey"].get<uint64_t>(), s.ikeRekeyCollisions, who);
        NS_TEST_EXPECT_MSG_EQ(
            json["collisions"]["delete"].get<uint64_t>(), s.deleteCollisions, who);
        NS_TEST_EXPECT_MSG_EQ(json["per_resource"]["sas"].get<uint64_t>(), s.perResourceSas, who);
        NS_TEST_EXPECT_MSG_EQ(
            json["per_resource"]["regular_fallbacks"].get<uint64_t>(), s.regularFallbacks, who);
        NS_TEST_EXPECT_MSG_EQ(
            json["per_resource"]["ts_max_queue_sent"].get<uint64_t>(), s.tsMaxQueueSent, who);
        NS_TEST_EXPECT_MSG_EQ(json["per_resource"]["ts_max_queue_received"].get<uint64_t>(),
                              s.tsMaxQueueReceived,
                              who);
        NS_TEST_EXPECT_MSG_EQ(json["liveness_checks"].get<uint64_t>(), s.livenessChecks, who);
        NS_TEST_EXPECT_MSG_EQ(json["cookies_sent"].get<uint64_t>(), s.cookiesSent, who);
        NS_TEST_EXPECT_MSG_EQ(json["invalid_cookies"].get<uint64_t>(), s.invalidCookies, who);
        NS_TEST_EXPECT_MSG_EQ(json["nat_detected"].get<uint64_t>(), s.natDetected, who);
        NS_TEST_EXPECT_MSG_EQ_TOL(
            json["control_plane_cpu_s"].get<double>(), s.cpuSeconds, 1e-12, who);
        for (const char* type : {"IKE_SA_INIT", "IKE_AUTH", "CREATE_CHILD_SA", "INFORMATIONAL"})
        {
            NS_TEST_EXPECT_MSG_EQ(json["exchanges"]["initiated"][type].get<uint64_t>(),
                                  CountOf(s.exchangesInitiated, type),
                                  who << " initiated " << type);
            NS_TEST_EXPECT_MSG_EQ(json["exchanges"]["responded"][type].get<uint64_t>(),
                                  CountOf(s.exchangesResponded, type),
                                  who << " responded " << type);
        }
        for (const auto& [name, count] : s.errorsSent)
        {
            NS_TEST_EXPECT_MSG_EQ(json["errors"]["sent"][name].get<uint64_t>(), count, who << name);
        }
        NS_TEST_EXPECT_MSG_EQ(json["errors"]["sent"].size(), s.errorsSent.size(), who);
        for (const auto& [name, count] : s.errorsReceived)
        {
            NS_TEST_EXPECT_MSG_EQ(
                json["errors"]["received"][name].get<uint64_t>(), count, who << name);
        }
        NS_TEST_EXPECT_MSG_EQ(json["errors"]["received"].size(), s.errorsReceived.size(), who);
        NS_TEST_EXPECT_MSG_EQ(json["drops"].size(), s.drops.size(), who);
        for (const char* which : {"ike_sas", "child_sas"})
        {
            const std::vector<double>& seconds
                = std::string(which) == "ike_sas" ? s.ikeSetupSeconds : s.childSetupSeconds;
            const nlohmann::json& latency = json[which]["setup_latency"];
            // count, mean, min, p50, p90, p99, p99.9, max and the histogram (DelayStatistics)
            NS_TEST_ASSERT_MSG_EQ(latency.get<nlohmann::json::object_t>().size(), 9, "summary");
            NS_TEST_EXPECT_MSG_EQ(latency["histogram"]["counts"].size() + 1,
                                  latency["histogram"]["bin_edges_us"].size(),
                                  who << which << " a count per bin");
            NS_TEST_EXPECT_MSG_EQ(latency["count"].get<size_t>(), seconds.size(), who << which);
            if (!seconds.empty())
            {
                double max = *std::max_element(seconds.begin(), seconds.end());
                NS_TEST_EXPECT_MSG_EQ_TOL(
                    latency["max_us"].get<double>(), max * 1e6, 0.001, who << which << " max");
            }
        }
    }

    void DoRun() override
    {
        ScenarioResult r = RunScenario();
        NS_TEST_ASSERT_MSG_EQ(r.established, true, "the IKE SA came up");
        const nlohmann::json& ike = r.ike;
        NS_TEST_ASSERT_MSG_EQ(ike.contains("total"), true, "total");
        NS_TEST_ASSERT_MSG_EQ(ike.contains("daemons"), true, "daemons");
        NS_TEST_ASSERT_MSG_EQ(ike["daemons"].contains("gw1"), true, "gw1");
        NS_TEST_ASSERT_MSG_EQ(ike["daemons"].contains("gw2"), true, "gw2");
        CheckAgainst(ike["daemons"]["gw1"], r.initiator, "gw1");
        CheckAgainst(ike["daemons"]["gw2"], r.responder, "gw2");
        IkeStatistics sum;
        IkeMetrics::Accumulate(sum, r.initiator);
        IkeMetrics::Accumulate(sum, r.responder);
        CheckAgainst(ike["total"], sum, "total");
        NS_TEST_EXPECT_MSG_EQ(ike["total"]["daemons"].get<uint32_t>(), 2, "two daemons");
        NS_TEST_EXPECT_MSG_EQ(ike["total"]["connections"].get<uint32_t>(), 2, "two connections");
        NS_TEST_EXPECT_MSG_EQ(ike["daemons"]["gw1"]["connections"].get<uint32_t>(),
                              r.connections1,
                              "gw1's connections");

        // The scenario's events, so that a counter that stopped counting fails here too.
        NS_TEST_EXPECT_MSG_EQ(ike["daemons"]["gw1"]["retransmissions"].get<uint64_t>(),
                              1,
                              "the lost IKE_AUTH request was resent");
        NS_TEST_EXPECT_MSG_EQ(ike["daemons"]["gw2"]["errors"]["sent"]["INVALID_KE_PAYLOAD"],
                              1,
                              "gw2 asked for its group");
        NS_TEST_EXPECT_MSG_EQ(ike["daemons"]["gw1"]["errors"]["received"]["INVALID_KE_PAYLOAD"],
                              1,
                              "gw1 was asked for another group");
        NS_TEST_EXPECT_MSG_EQ(ike["total"]["ike_sas"]["established"].get<uint64_t>(),
                              2,
                              "both ends authenticated the IKE SA");
        NS_TEST_EXPECT_MSG_EQ(ike["daemons"]["gw1"]["exchanges"]["initiated"]["IKE_AUTH"], 1, "");
        NS_TEST_EXPECT_MSG_EQ(ike["daemons"]["gw2"]["exchanges"]["responded"]["IKE_AUTH"], 1, "");
        NS_TEST_EXPECT_MSG_EQ(
            ike["daemons"]["gw1"]["ike_sas"]["setup_latency"]["count"], 1, "one setup latency");
        // Two IKE_SA_INIT round trips, the lost IKE_AUTH's 4 s timeout and its round trip.
        double setupUs = ike["daemons"]["gw1"]["ike_sas"]["setup_latency"]["mean_us"];
        NS_TEST_EXPECT_MSG_GT(setupUs, 4e6, "setup includes the retransmission timeout");
        NS_TEST_EXPECT_MSG_LT(setupUs, 4.1e6, "and a few round trips");
        NS_TEST_EXPECT_MSG_GT(ike["daemons"]["gw2"]["control_plane_cpu_s"].get<double>(),
                              0.0,
                              "the responder's IKE crypto took core time");
        NS_TEST_EXPECT_MSG_EQ(ike["total"]["child_sas"]["installed"].get<uint64_t>(),
                              2,
                              "one Child SA pair on each end");
    }
};

/**
 * \ingroup ipsec-tests
 * Two runs with the same seed: the same octets.
 */
class IkeMetricsDeterminismTestCase : public TestCase
{
  public:
    IkeMetricsDeterminismTestCase()
        : TestCase("same seed: byte-identical JSON, keys sorted")
    {
    }

  private:
    void DoRun() override
    {
        std::string first = RunScenario().ike.dump(2);
        std::string second = RunScenario().ike.dump(2);
        NS_TEST_EXPECT_MSG_EQ(first, second, "byte-identical");
        NS_TEST_EXPECT_MSG_LT(first.find("\"child_sas\""), first.find("\"ike_sas\""), "sorted");
    }
};

/**
 * \ingroup ipsec-tests
 * Counters() and CountersFrom() carry a daemon's counters to another process losslessly: the
 * scenario's counters read back give the same "ike" JSON, and Total() of their sum is Ike()'s.
 */
class IkeMetricsCountersTestCase : public TestCase
{
  public:
    IkeMetricsCountersTestCase()
        : TestCase("Counters round trip: same JSON, and Total() of the sum is Ike()'s total")
    {
    }

  private:
    void DoRun() override
    {
        ScenarioResult r = RunScenario();
        // Through text, as between processes.
        IkeStatistics initiator = IkeMetrics::CountersFrom(
            nlohmann::json::parse(IkeMetrics::Counters(r.initiator).dump()));
        IkeStatistics responder = IkeMetrics::CountersFrom(
            nlohmann::json::parse(IkeMetrics::Counters(r.responder).dump()));
        NS_TEST_EXPECT_MSG_EQ(IkeMetrics::Statistics(initiator).dump(),
                              IkeMetrics::Statistics(r.initiator).dump(),
                              "the initiator's counters survive the trip");
        NS_TEST_EXPECT_MSG_EQ(IkeMetrics::Counters(responder).dump(),
                              IkeMetrics::Counters(r.responder).dump(),
                              "the responder's too, latencies and maps included");
        IkeStatistics total;
        IkeMetrics::Accumulate(total, initiator);
        IkeMetrics::Accumulate(total, responder);
        nlohmann::json joined
            = IkeMetrics::Total(total, r.ike["total"]["connections"].get<uint64_t>(), 2);
        NS_TEST_EXPECT_MSG_EQ(joined.dump(), r.ike["total"].dump(), "the same total as Ike()");
    }
};

/**
 * \ingroup ipsec-tests
 * The "ike" part of metrics.json.
 */
class IkeMetricsTestSuite : public TestSuite
{
  public:
    IkeMetricsTestSuite()
        : TestSuite("ipsec-ike-metrics", UNIT)
    {
        AddTestCase(new IkeMetricsFieldsTestCase, TestCase::QUICK);
        AddTestCase(new IkeMetricsDeterminismTestCase, TestCase::QUICK);
        AddTestCase(new IkeMetricsCountersTestCase, TestCase::QUICK);
    }
};

IkeMetricsTestSuite g_ikeMetricsTestSuite;

} // namespace
