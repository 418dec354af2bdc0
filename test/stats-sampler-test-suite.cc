/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The timeseries of metrics.json (StatsSampler, --statsInterval): one value per interval in
// every array, intervals that add up to the run's totals (ESP packets, inner bytes, drops by
// reason, IKE exchanges and rekeys, core busy time), the same document for the same seed, and
// a run that does not change when it is observed.

#include "test-utilities.h"

#include "ns3/test.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

using namespace ns3;
using namespace ns3::ipsectest;

namespace
{

/// \returns the sum of the numbers of \p array
double
Sum(const nlohmann::json& array)
{
    double sum = 0;
    for (const auto& value : array)
    {
        sum += value.get<double>();
    }
    return sum;
}

/// \returns the sum of the counts of the object \p counts
double
SumValues(const nlohmann::json& counts)
{
    double sum = 0;
    for (const auto& [name, value] : counts.items())
    {
        sum += value.get<double>();
    }
    return sum;
}

/// Runs \p example with \p args into a new directory; \returns its metrics.json (text).
std::string
RunExample(const std::string& example, const std::string& args, const std::string& dir)
{
    std::string output;
    int status
        = RunCommand(ExamplePath(example) + " --quiet " + args + " --outputDir=" + dir, output);
    if (status != 0)
    {
        std::cerr << output;
        return "";
    }
    return ReadFile(dir + "/metrics.json");
}

/**
 * ikev2-per-cpu with rekeys, 2 cores and series every 0.25 s: lengths, totals, determinism,
 * and the same results as without series.
 */
class PerCpuSeriesTestCase : public TestCase
{
  public:
    PerCpuSeriesTestCase()
        : TestCase("ikev2-per-cpu: 10 samples in 2.5 s, sums equal the totals, same seed same "
                   "document, results unchanged by sampling")
    {
    }

  private:
    /// Checks one gateway's series against its totals.
    void CheckGateway(const std::string& name,
                      const nlohmann::json& series,
                      const nlohmann::json& gateway,
                      const nlohmann::json& daemon,
                      double interval,
                      size_t samples)
    {
        for (const auto& [quantity, values] : series.items())
        {
            if (quantity == "drops_packets")
            {
                continue;
            }
            if (quantity.rfind("core_", 0) == 0)
            {
                NS_TEST_EXPECT_MSG_EQ(values.size(), 2u, name << " " << quantity << ": 2 cores");
                for (const auto& core : values)
                {
                    NS_TEST_EXPECT_MSG_EQ(core.size(), samples, name << " " << quantity);
                }
                continue;
            }
            NS_TEST_EXPECT_MSG_EQ(values.size(), samples, name << " " << quantity);
        }
        NS_TEST_EXPECT_MSG_EQ(Sum(series["esp_sent_packets"]),
                              gateway["esp_sent"].get<double>(),
                              name << ": ESP packets sent");
        NS_TEST_EXPECT_MSG_EQ(Sum(series["esp_received_packets"]),
                              gateway["esp_received"].get<double>(),
                              name << ": ESP packets received");
        NS_TEST_EXPECT_MSG_EQ_TOL(Sum(series["goodput_out_bps"]) * interval / 8,
                                  gateway["esp_sent_inner_bytes"].get<double>(),
                                  1e-6 * gateway["esp_sent_inner_bytes"].get<double>() + 1e-6,
                                  name << ": inner bytes out");
        NS_TEST_EXPECT_MSG_EQ_TOL(Sum(series["goodput_in_bps"]) * interval / 8,
                                  gateway["esp_received_inner_bytes"].get<double>(),
                                  1e-6 * gateway["esp_received_inner_bytes"].get<double>() + 1e-6,
                                  name << ": inner bytes in");
        for (const auto& [reason, total] : gateway["drops"].items())
        {
            double sampled = series["drops_packets"].contains(reason)
                                 ? Sum(series["drops_packets"][reason])
                                 : 0;
            NS_TEST_EXPECT_MSG_EQ(sampled, total.get<double>(), name << ": drops " << reason);
        }
        NS_TEST_EXPECT_MSG_EQ(Sum(series["ike_exchanges"]),
                              SumValues(daemon["exchanges"]["initiated"])
                                  + SumValues(daemon["exchanges"]["responded"]),
                              name << ": IKE exchanges");
        NS_TEST_EXPECT_MSG_EQ(Sum(series["child_sa_rekeys"]),
                              daemon["child_sas"]["rekeys"].get<double>(),
                              name << ": Child SA rekeys");
        NS_TEST_EXPECT_MSG_EQ(Sum(series["ike_sa_rekeys"]),
                              daemon["ike_sas"]["rekeys"].get<double>(),
                              name << ": IKE SA rekeys");
        uint64_t outbound = 0;
        for (const auto& sa : gateway["sas"])
        {
            outbound += sa["direction"] == "out" ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(series["child_sas_installed"].back().get<uint64_t>(),
                              outbound,
                              name << ": Child SAs at the end");
        for (size_t c = 0; c < 2; ++c)
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(Sum(series["core_utilization"][c]) * interval,
                                      gateway["cores"][c]["busy_s"].get<double>(),
                                      1e-9,
                                      name << ": core " << c << " busy time");
        }
    }

    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-stats-sampler");
        const std::string args = "--cpus=2 --flows=4 --flowInterval=0.3 --flowRate=200kbps "
                                 "--rekeyTime=1 --duration=2.5 --pcap=false";
        std::string text = RunExample("ikev2-per-cpu", args + " --statsInterval=0.25", dir);
        NS_TEST_ASSERT_MSG_NE(text, "", "ran");
        nlohmann::json metrics = nlohmann::json::parse(text);
        const nlohmann::json& results = metrics["results"];
        const nlohmann::json& series = results["timeseries"];
        NS_TEST_EXPECT_MSG_EQ(series["interval_s"].get<double>(), 0.25, "interval");
        NS_TEST_ASSERT_MSG_EQ(series["t_s"].size(), 10u, "duration / interval samples");
        for (size_t k = 0; k < 10; ++k)
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(
                series["t_s"][k].get<double>(), 0.25 * (k + 1), 1e-12, "end of interval " << k);
        }
        for (const char* gw : {"gw1", "gw2"})
        {
            CheckGateway(gw,
                         series["gateways"][gw],
                         results["gateways"][gw],
                         results["ike"]["daemons"][gw],
                         0.25,
                         10);
        }
        // The run had what the series are for: traffic, rekeys, more than one SA at a time.
        NS_TEST_EXPECT_MSG_GT(Sum(series["gateways"]["gw1"]["child_sa_rekeys"]), 0, "rekeys");
        NS_TEST_EXPECT_MSG_GT(Sum(series["gateways"]["gw1"]["esp_sent_packets"]), 0, "traffic");

        std::string again = RunExample("ikev2-per-cpu", args + " --statsInterval=0.25", dir);
        NS_TEST_EXPECT_MSG_EQ((again == text), true, "same seed, byte-identical document");

        // Observing the run changes nothing in it.
        std::string plain = RunExample("ikev2-per-cpu", args, dir);
        NS_TEST_ASSERT_MSG_NE(plain, "", "ran without series");
        nlohmann::json unobserved = nlohmann::json::parse(plain)["results"];
        NS_TEST_EXPECT_MSG_EQ(unobserved.contains("timeseries"), false, "off by default");
        nlohmann::json observed = results;
        observed.erase("timeseries");
        NS_TEST_EXPECT_MSG_EQ((observed == unobserved), true, "same results with and without");
        std::filesystem::remove_all(dir);
    }
};

/**
 * rekey-storm with-initial, whose delete-first recreations make the hub drop packets as
 * bad_spi: the hub's series show the drops and the rekeys, and add up to the totals.
 */
class RekeyStormSeriesTestCase : public TestCase
{
  public:
    RekeyStormSeriesTestCase()
        : TestCase("rekey-storm with-initial: the hub's bad_spi drops and rekeys per interval "
                   "add up to the totals")
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-stats-sampler-storm");
        std::string text = RunExample("rekey-storm",
                                      "--spokes=6 --rampUp=1 --rekeyTime=2 --duration=6 "
                                      "--packetsPerSecond=100 --rekeyPolicy=with-initial "
                                      "--statsInterval=0.5",
                                      dir);
        NS_TEST_ASSERT_MSG_NE(text, "", "ran");
        const nlohmann::json run = nlohmann::json::parse(text)["results"]["runs"]["with-initial"];
        const nlohmann::json& hub = run["timeseries"]["gateways"]["hub"];
        NS_TEST_EXPECT_MSG_EQ(run["timeseries"]["t_s"].size(), 12u, "6 s / 0.5 s");
        double badSpi = run["traffic"]["data_plane_drops"]["bad_spi"].get<double>();
        NS_TEST_EXPECT_MSG_GT(badSpi, 0, "with-initial drops at the hub");
        NS_TEST_ASSERT_MSG_EQ(hub["drops_packets"].contains("bad_spi"), true, "bad_spi series");
        NS_TEST_EXPECT_MSG_EQ(Sum(hub["drops_packets"]["bad_spi"]), badSpi, "all at the hub");
        NS_TEST_EXPECT_MSG_EQ(Sum(hub["child_sa_rekeys"]),
                              run["hub"]["child_rekeys"].get<double>(),
                              "the hub's rekeys");
        NS_TEST_EXPECT_MSG_EQ(hub["core_utilization"].size(), 8u, "8 hub cores");
        std::filesystem::remove_all(dir);
    }
};

/// The run length is not a multiple of the interval: the last partial interval is left out.
class PartialIntervalTestCase : public TestCase
{
  public:
    PartialIntervalTestCase()
        : TestCase("esp-gateway-tunnel, 0.21 s every 0.02 s: 10 whole intervals, packets in them")
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-stats-sampler-partial");
        // 0.1 s idle, 0.01 s of traffic, 0.1 s to drain: the run is 0.21 s.
        std::string text = RunExample(
            "esp-gateway-tunnel", "--duration=0.01 --rate=10Mbps --statsInterval=0.02", dir);
        NS_TEST_ASSERT_MSG_NE(text, "", "ran");
        nlohmann::json results = nlohmann::json::parse(text)["results"];
        const nlohmann::json& series = results["timeseries"];
        NS_TEST_EXPECT_MSG_EQ(series["t_s"].size(), 10u, "floor(0.21 / 0.02)");
        NS_TEST_EXPECT_MSG_EQ_TOL(series["t_s"].back().get<double>(), 0.2, 1e-12, "last");
        const nlohmann::json& gw1 = series["gateways"]["gw1"];
        NS_TEST_EXPECT_MSG_EQ(Sum(gw1["esp_sent_packets"]),
                              results["gateways"]["gw1"]["esp_sent"].get<double>(),
                              "all traffic is before 0.2 s");
        NS_TEST_EXPECT_MSG_EQ(gw1["esp_sent_packets"][4].get<double>(), 0, "idle before 0.1 s");
        NS_TEST_EXPECT_MSG_GT(gw1["esp_sent_packets"][5].get<double>(), 0, "traffic at 0.1 s");
        NS_TEST_EXPECT_MSG_EQ(gw1.contains("core_utilization"), false, "no CPUs, no cores");
        NS_TEST_EXPECT_MSG_EQ(gw1.contains("ike_exchanges"), false, "no IKE");
        std::filesystem::remove_all(dir);
    }
};

/// A bad --statsInterval stops every example before it simulates, naming the value.
class BadIntervalTestCase : public TestCase
{
  public:
    BadIntervalTestCase(const std::string& example,
                        const std::string& args,
                        const std::string& expected)
        : TestCase(example + " refuses " + args)
        , m_example(example)
        , m_args(args)
        , m_expected(expected)
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-stats-bad");
        std::string output;
        int status
            = RunCommand(ExamplePath(m_example) + " " + m_args + " --outputDir=" + dir, output);
        NS_TEST_EXPECT_MSG_EQ(status, 2, "exit code 2: " << output);
        NS_TEST_EXPECT_MSG_NE(output.find(m_expected), std::string::npos, output);
        NS_TEST_EXPECT_MSG_EQ(std::filesystem::exists(dir + "/metrics.json"), false, "no run");
        std::filesystem::remove_all(dir);
    }

    std::string m_example;
    std::string m_args;
    std::string m_expected;
};

class StatsSamplerTestSuite : public TestSuite
{
  public:
    StatsSamplerTestSuite()
        : TestSuite("ipsec-stats-sampler", SYSTEM)
    {
        AddTestCase(new PerCpuSeriesTestCase, TestCase::QUICK);
        AddTestCase(new RekeyStormSeriesTestCase, TestCase::QUICK);
        AddTestCase(new PartialIntervalTestCase, TestCase::QUICK);
        AddTestCase(new BadIntervalTestCase(
                        "ikev2-per-cpu", "--statsInterval=-1", "--statsInterval=-1 is not valid"),
                    TestCase::QUICK);
        AddTestCase(new BadIntervalTestCase("ikev2-gateway-tunnel",
                                            "--duration=3 --statsInterval=5",
                                            "at most the run's 3 simulated seconds"),
                    TestCase::QUICK);
        AddTestCase(new BadIntervalTestCase("per-cpu-sa-scaling",
                                            "--statsInterval=1e-9",
                                            "--statsInterval=1e-09 is not valid"),
                    TestCase::QUICK);
        AddTestCase(new BadIntervalTestCase(
                        "rekey-storm", "--statsInterval=-0.5", "--statsInterval=-0.5 is not valid"),
                    TestCase::QUICK);
    }
};

StatsSamplerTestSuite g_statsSamplerTestSuite;

} // namespace
