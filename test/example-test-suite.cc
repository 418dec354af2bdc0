/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The example as a user meets it: bad options stop it with a message naming the value and a
// non-zero exit, and the same seed gives byte-identical outputs.

#include "test-utilities.h"

#include "ns3/test.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <set>

using namespace ns3;
using namespace ns3::ipsectest;

namespace
{

class BadOptionTestCase : public TestCase
{
  public:
    BadOptionTestCase(const std::string& option, const std::string& expected)
        : TestCase("esp-gateway-tunnel refuses " + option)
        , m_option(option)
        , m_expected(expected)
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-bad-option");
        std::string output;
        int status = RunCommand(
            ExamplePath("esp-gateway-tunnel") + " " + m_option + " --outputDir=" + dir, output);
        NS_TEST_EXPECT_MSG_NE(status, 0, "non-zero exit");
        NS_TEST_EXPECT_MSG_NE(output.find(m_expected),
                              std::string::npos,
                              "message names the value and what is accepted: " << output);
        NS_TEST_EXPECT_MSG_EQ(
            std::filesystem::exists(dir + "/metrics.json"), false, "stopped before simulating");
        std::filesystem::remove_all(dir);
    }

    std::string m_option;
    std::string m_expected;
};

class DeterminismTestCase : public TestCase
{
  public:
    DeterminismTestCase()
        : TestCase("same seed and run: byte-identical metrics.json and esp_sa; another run differs")
    {
    }

  private:
    void Run(const std::string& dir, const std::string& args)
    {
        std::string output;
        int status
            = RunCommand(ExamplePath("esp-gateway-tunnel")
                             + " --duration=0.05 --rate=20Mbps --outputDir=" + dir + " " + args,
                         output);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "ran: " << output);
    }

    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-determinism");
        Run(dir, "--RngRun=3");
        std::string metrics = ReadFile(dir + "/metrics.json");
        std::string keys = ReadFile(dir + "/esp_sa");
        Run(dir, "--RngRun=3");
        NS_TEST_EXPECT_MSG_EQ((ReadFile(dir + "/metrics.json") == metrics), true, "metrics");
        NS_TEST_EXPECT_MSG_EQ((ReadFile(dir + "/esp_sa") == keys), true, "keys");
        NS_TEST_EXPECT_MSG_NE(metrics.find("\"schema_version\": 1"), std::string::npos, "schema");
        NS_TEST_EXPECT_MSG_NE(metrics.find("\"run\": 3"), std::string::npos, "run recorded");
        Run(dir, "--RngRun=4");
        NS_TEST_EXPECT_MSG_EQ((ReadFile(dir + "/esp_sa") != keys), true, "other run, other keys");
        std::filesystem::remove_all(dir);
    }
};

/**
 * ikev2-per-cpu with small parameters: it runs, writes every output it names, its metrics.json
 * holds the ESP and IKE parts with the Child SAs of the flows' cores and their rekeys, and the
 * same seed gives the same file.
 */
class IkePerCpuExampleTestCase : public TestCase
{
  public:
    IkePerCpuExampleTestCase()
        : TestCase("ikev2-per-cpu: outputs, IKE metrics, per-CPU Child SAs, same seed same file")
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-ikev2-per-cpu");
        std::string command = ExamplePath("ikev2-per-cpu")
                              + " --cpus=2 --flows=4 --flowInterval=0.3 --flowRate=200kbps"
                                " --rekeyTime=1 --duration=2.5 --outputDir="
                              + dir;
        std::string output;
        int status = RunCommand(command, output);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "ran: " << output);
        std::string text = ReadFile(dir + "/metrics.json");
        nlohmann::json metrics = nlohmann::json::parse(text, nullptr, false);
        NS_TEST_ASSERT_MSG_EQ(metrics.is_discarded(), false, "metrics.json parses");
        NS_TEST_EXPECT_MSG_EQ(metrics["example"], "ikev2-per-cpu", "example");
        const nlohmann::json& results = metrics["results"];
        NS_TEST_ASSERT_MSG_EQ(results.contains("ike"), true, "IKE part");
        NS_TEST_ASSERT_MSG_EQ(results["gateways"].contains("gw1"), true, "ESP part");
        NS_TEST_EXPECT_MSG_EQ(results["ike"]["daemons"]["gw1"]["ike_sas"]["established"], 1, "");
        NS_TEST_EXPECT_MSG_GT(results["delivered_packets"].get<uint64_t>(), 0, "traffic");
        NS_TEST_EXPECT_MSG_EQ(results["child_sas"].size(),
                              results["ike"]["daemons"]["gw1"]["child_sas"]["installed"],
                              "a timeline entry per Child SA gw1 installed");
        for (const auto& name : metrics["outputs"]["pcap"])
        {
            NS_TEST_EXPECT_MSG_EQ(
                std::filesystem::exists(dir + "/" + name.get<std::string>()), true, name);
        }
        NS_TEST_EXPECT_MSG_EQ(metrics["outputs"]["pcap"].size(), 2, "both ends of the WAN");
        NS_TEST_EXPECT_MSG_NE(ReadFile(dir + "/ikev2_decryption_table"), "", "IKE keys");
        NS_TEST_EXPECT_MSG_NE(ReadFile(dir + "/esp_sa"), "", "ESP keys");
        CheckFeatures(results);
        status = RunCommand(command, output);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "ran again: " << output);
        NS_TEST_EXPECT_MSG_EQ((ReadFile(dir + "/metrics.json") == text), true, "same seed");
        std::filesystem::remove_all(dir);
    }

    /// What RFC 9611 and Child SA rekeying add to the run.
    void CheckFeatures(const nlohmann::json& results)
    {
        const nlohmann::json& gw1 = results["ike"]["daemons"]["gw1"];
        // The group of 2 cores: the fallback SA and one per core, 3 SAs that are not rekeys,
        // for CPUs none, 0 and 1 (4 flows over 2 cores: both send).
        std::set<int64_t> groupCpus;
        uint64_t group = 0;
        for (const auto& child : results["child_sas"])
        {
            if (child["rekey_of"].is_null())
            {
                group++;
                groupCpus.insert(child["cpu"].is_null() ? -1 : child["cpu"].get<int64_t>());
            }
        }
        NS_TEST_EXPECT_MSG_EQ(group, 3, "fallback plus one SA per core");
        NS_TEST_EXPECT_MSG_EQ((groupCpus == std::set<int64_t>{-1, 0, 1}), true, "CPUs none, 0, 1");
        uint64_t rekeys = gw1["child_sas"]["rekeys"].get<uint64_t>();
        NS_TEST_EXPECT_MSG_GT(rekeys, 0, "rekeys");
        // Every SA of the group and each successor is per-resource: 3 + the rekeys.
        NS_TEST_EXPECT_MSG_EQ(
            gw1["per_resource"]["sas"].get<uint64_t>(), 3 + rekeys, "per-CPU SAs");
        NS_TEST_EXPECT_MSG_EQ(gw1["child_sas"]["installed"].get<uint64_t>(), 3 + rekeys, "");
        // Each rekey of 3 SAs replaced one (their successors are not yet deleted at the end).
        NS_TEST_EXPECT_MSG_EQ(gw1["child_sas"]["deleted"], rekeys, "each rekeyed SA deleted");
        NS_TEST_EXPECT_MSG_EQ(results["flows_started"], 4, "every flow started");
        NS_TEST_EXPECT_MSG_EQ(results["lost_packets"], 0, "make-before-break rekeys lose nothing");
        NS_TEST_EXPECT_MSG_EQ(
            results["delivered_packets"], results["offered_packets"], "all delivered");
    }
};

/**
 * rekey-storm with a few spokes and both policies: both runs reported, spokes up, rekeys at the
 * hub, and the comparison printed.
 */
class RekeyStormExampleTestCase : public TestCase
{
  public:
    RekeyStormExampleTestCase()
        : TestCase("rekey-storm: both rekey policies on 6 spokes, rekeys and hub load reported")
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-rekey-storm");
        std::string output;
        int status = RunCommand(ExamplePath("rekey-storm")
                                    + " --spokes=6 --rampUp=1 --rekeyTime=2 --duration=6"
                                      " --packetsPerSecond=100 --rekeyPolicy=both --outputDir="
                                    + dir,
                                output);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "ran: " << output);
        NS_TEST_EXPECT_MSG_NE(output.find("comparison"), std::string::npos, output);
        nlohmann::json metrics
            = nlohmann::json::parse(ReadFile(dir + "/metrics.json"), nullptr, false);
        NS_TEST_ASSERT_MSG_EQ(metrics.is_discarded(), false, "metrics.json parses");
        for (const char* policy : {"individual", "with-initial"})
        {
            const nlohmann::json& run = metrics["results"]["runs"][policy];
            NS_TEST_ASSERT_MSG_EQ(run.is_object(), true, policy);
            NS_TEST_EXPECT_MSG_EQ(run["spokes_established"], 6, policy);
            NS_TEST_EXPECT_MSG_GT(
                run["hub"]["ike"]["child_sas"]["rekeys"].get<uint64_t>(), 0, policy);
            NS_TEST_EXPECT_MSG_GT(run["hub"]["control_plane_cpu_s"].get<double>(), 0.0, policy);
            NS_TEST_EXPECT_MSG_GT(
                run["hub"]["rekey_exchanges_per_s_peak"].get<uint64_t>(), 0, policy);
            NS_TEST_EXPECT_MSG_EQ(run["traffic"]["delivered_packets"].get<uint64_t>()
                                      + run["traffic"]["lost_packets"].get<uint64_t>(),
                                  run["traffic"]["sent_packets"].get<uint64_t>(),
                                  policy << ": each datagram delivered or lost");
            NS_TEST_EXPECT_MSG_LT_OR_EQ(run["hub"]["rekey_exchanges_per_s_peak"].get<uint64_t>(),
                                        run["hub"]["rekey_exchanges"].get<uint64_t>(),
                                        policy << ": the peak second is part of the total");
            NS_TEST_EXPECT_MSG_EQ(run["ike"]["total"]["daemons"], 7, "hub and spokes");
        }
        CompareRekeyPolicies(metrics["results"]["runs"]["individual"],
                             metrics["results"]["runs"]["with-initial"]);
        std::filesystem::remove_all(dir);
    }

    /// What must differ between the two rekey policies of one run, and what must not.
    void CompareRekeyPolicies(const nlohmann::json& individual, const nlohmann::json& withInitial)
    {
        // The traffic does not depend on the policy.
        NS_TEST_EXPECT_MSG_EQ(individual["traffic"]["sent_packets"],
                              withInitial["traffic"]["sent_packets"],
                              "same traffic");
        NS_TEST_EXPECT_MSG_EQ(
            individual["traffic"]["sent_packets"], 3600, "6 spokes x 2 x 100/s x 3 s");
        // individual rekeys make-before-break: nothing lost, nothing dropped.
        NS_TEST_EXPECT_MSG_EQ(individual["traffic"]["lost_packets"], 0, "individual loses nothing");
        for (const auto& [reason, count] : individual["traffic"]["data_plane_drops"].items())
        {
            NS_TEST_EXPECT_MSG_EQ(count, 0, "individual: no " << reason << " drops");
        }
        // with-initial recreates the additional SAs delete-first: the hub drops what a spoke
        // sent on the old per-CPU SA while its Delete was in flight, as an SPI it no longer
        // has (bad_spi, XfrmInNoStates); the spoke always had the fallback SA, so no no_sa.
        const nlohmann::json& drops = withInitial["traffic"]["data_plane_drops"];
        uint64_t lost = withInitial["traffic"]["lost_packets"].get<uint64_t>();
        NS_TEST_EXPECT_MSG_GT(lost, 0, "with-initial loses packets around its rekeys");
        NS_TEST_EXPECT_MSG_EQ(drops["bad_spi"].get<uint64_t>(), lost, "every loss is a bad_spi");
        NS_TEST_EXPECT_MSG_EQ(drops["no_sa"], 0, "the fallback carried the CPU meanwhile");
        // Both rekey; with-initial rekeys only the initial SA of each group of 3 (fallback and
        // one per spoke core) with REKEY_SA, individual all 3: about 3 times as many, give or
        // take one SA per spoke whose rekey falls after the end.
        uint64_t rekeysIndividual = individual["hub"]["child_rekeys"].get<uint64_t>();
        uint64_t rekeysWithInitial = withInitial["hub"]["child_rekeys"].get<uint64_t>();
        NS_TEST_EXPECT_MSG_GT(rekeysWithInitial, 0, "with-initial rekeys the initial SAs");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(
            std::abs(int64_t(rekeysIndividual) - 3 * int64_t(rekeysWithInitial)),
            6,
            "individual: 3 REKEY_SA per with-initial one");
        // ...but the hub makes about as many new SAs with either (each SA is replaced once
        // per lifetime, by a rekey or by a recreation): within 10 %.
        double exchangesIndividual = individual["hub"]["rekey_exchanges"].get<double>();
        double exchangesWithInitial = withInitial["hub"]["rekey_exchanges"].get<double>();
        NS_TEST_EXPECT_MSG_GT(exchangesIndividual, 0, "rekey exchanges");
        NS_TEST_EXPECT_MSG_EQ_TOL(
            exchangesWithInitial, exchangesIndividual, 0.1 * exchangesIndividual, "as many SAs");
    }
};

/// A bad option of \p example stops it with a message naming the value.
class IkeExampleBadOptionTestCase : public TestCase
{
  public:
    IkeExampleBadOptionTestCase(const std::string& example,
                                const std::string& option,
                                const std::string& expected)
        : TestCase(example + " refuses " + option)
        , m_example(example)
        , m_option(option)
        , m_expected(expected)
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-bad-option");
        std::string output;
        int status
            = RunCommand(ExamplePath(m_example) + " " + m_option + " --outputDir=" + dir, output);
        NS_TEST_EXPECT_MSG_EQ(status, 2, "exit code 2: " << output);
        NS_TEST_EXPECT_MSG_NE(output.find(m_expected), std::string::npos, output);
        NS_TEST_EXPECT_MSG_EQ(std::filesystem::exists(dir + "/metrics.json"), false, "no run");
        std::filesystem::remove_all(dir);
    }

    std::string m_example;
    std::string m_option;
    std::string m_expected;
};

/**
 * An example's link option changes what it measures: \p example runs with \p args, then with
 * \p args and \p option; \p measure reads the figure from the output or metrics.json, and
 * \p check judges the pair (before, after).
 */
class LinkOptionTestCase : public TestCase
{
  public:
    using Measure = std::function<double(const std::string& output, const nlohmann::json& metrics)>;
    using Check = std::function<bool(double before, double after)>;

    LinkOptionTestCase(const std::string& example,
                       const std::string& args,
                       const std::string& option,
                       const std::string& expected,
                       Measure measure,
                       Check check)
        : TestCase(example + " " + option + ": " + expected)
        , m_example(example)
        , m_args(args)
        , m_option(option)
        , m_measure(measure)
        , m_check(check)
    {
    }

  private:
    double Run(const std::string& extra)
    {
        std::string dir = MakeTempDirectory("ipsec-link-option");
        std::string output;
        int status = RunCommand(
            ExamplePath(m_example) + " " + m_args + " " + extra + " --outputDir=" + dir, output);
        NS_TEST_EXPECT_MSG_EQ(status, 0, "ran: " << output);
        nlohmann::json metrics;
        if (std::filesystem::exists(dir + "/metrics.json"))
        {
            metrics = nlohmann::json::parse(ReadFile(dir + "/metrics.json"));
        }
        std::filesystem::remove_all(dir);
        return m_measure(output, metrics);
    }

    void DoRun() override
    {
        double before = Run("");
        double after = Run(m_option);
        NS_TEST_EXPECT_MSG_EQ(
            m_check(before, after), true, GetName() << ": " << before << " -> " << after);
    }

    std::string m_example;
    std::string m_args;
    std::string m_option;
    Measure m_measure;
    Check m_check;
};

/// \returns results.<field> of \p metrics
double
ResultOf(const nlohmann::json& metrics, const std::string& field)
{
    return metrics["results"][field].get<double>();
}

/// \returns the number after "setup_ms=" in \p output
double
SetupMilliseconds(const std::string& output)
{
    size_t at = output.find("setup_ms=");
    return at == std::string::npos ? -1 : std::stod(output.substr(at + 9));
}

class ExampleTestSuite : public TestSuite
{
  public:
    ExampleTestSuite()
        : TestSuite("ipsec-examples", SYSTEM)
    {
        AddTestCase(new BadOptionTestCase("--algorithm=aes512gcm", "aes512gcm"), TestCase::QUICK);
        AddTestCase(new BadOptionTestCase("--algorithm=aes512gcm", "aes128gcm16"), TestCase::QUICK);
        AddTestCase(new BadOptionTestCase("--replayWindow=5000", "--replayWindow=5000"),
                    TestCase::QUICK);
        AddTestCase(new BadOptionTestCase("--replayWindow=5000", "32 to 4096"), TestCase::QUICK);
        AddTestCase(new BadOptionTestCase("--rate=-5Mbps", "--rate=-5Mbps"), TestCase::QUICK);
        AddTestCase(new BadOptionTestCase("--cryptoMode=fast", "'fast'"), TestCase::QUICK);
        AddTestCase(new BadOptionTestCase("--packetSize=5", "--packetSize=5"), TestCase::QUICK);
        AddTestCase(new BadOptionTestCase("--duration=-1", "--duration"), TestCase::QUICK);
        AddTestCase(new DeterminismTestCase, TestCase::QUICK);
        AddTestCase(new IkePerCpuExampleTestCase, TestCase::QUICK);
        AddTestCase(new RekeyStormExampleTestCase, TestCase::QUICK);
        AddTestCase(new IkeExampleBadOptionTestCase(
                        "ikev2-per-cpu", "--rekeyPolicy=sometimes", "individual or with-initial"),
                    TestCase::QUICK);
        AddTestCase(new IkeExampleBadOptionTestCase("rekey-storm", "--spokes=0", "--spokes=0"),
                    TestCase::QUICK);
        // Every example's links are options: a bad one is refused naming it...
        for (const auto& [example, option] : std::vector<std::pair<std::string, std::string>>{
                 {"esp-gateway-tunnel", "--wanRate=fast"},
                 {"esp-gateway-tunnel", "--lanDelay=-1ms"},
                 {"ikev2-gateway-tunnel", "--wanDelay=1parsec"},
                 {"ikev2-per-cpu", "--wanRate=0bps"},
                 {"per-cpu-sa-scaling", "--lanRate=-1Gbps"},
                 {"rekey-storm", "--accessDelay=-5ms"},
                 {"rekey-storm", "--lanRate=fast"}})
        {
            AddTestCase(new IkeExampleBadOptionTestCase(example, option, option), TestCase::QUICK);
        }
        // ...and a changed one changes what the example measures.
        auto lower = [](double before, double after) { return after <= 0.8 * before; };
        auto higher = [](double before, double after) { return after >= 1.2 * before; };
        // 100 Mb/s offered through a 50 Mb/s WAN link: goodput drops by about a third (the
        // queue drains after the sources stop).
        AddTestCase(new LinkOptionTestCase(
                        "esp-gateway-tunnel",
                        "--duration=0.2 --rate=100Mbps",
                        "--wanRate=50Mbps",
                        "a slower WAN link lowers goodput",
                        [](const std::string&, const nlohmann::json& m)
                        { return ResultOf(m, "goodput_bps"); },
                        lower),
                    TestCase::QUICK);
        // IKE_SA_INIT and IKE_AUTH are two round trips over the WAN link: 20 ms more each way
        // is exactly 80 ms more setup (the CPU costs do not change).
        AddTestCase(new LinkOptionTestCase(
                        "ikev2-gateway-tunnel",
                        "--duration=3",
                        "--wanDelay=21ms",
                        "two round trips of 20 ms more: setup 80 ms longer",
                        [](const std::string& out, const nlohmann::json&)
                        { return SetupMilliseconds(out); },
                        [](double before, double after)
                        { return before > 0 && after - before == 80.0; }),
                    TestCase::QUICK);
        // 4 flows of 200 kb/s through a 500 kb/s WAN link.
        AddTestCase(new LinkOptionTestCase(
                        "ikev2-per-cpu",
                        "--cpus=2 --flows=4 --flowInterval=0.3 --flowRate=200kbps --rekeyTime=1"
                        " --duration=2.5 --pcap=false",
                        "--wanRate=500kbps",
                        "a slower WAN link lowers goodput",
                        [](const std::string&, const nlohmann::json& m)
                        { return ResultOf(m, "goodput_bps"); },
                        lower),
                    TestCase::QUICK);
        // 12 Gb/s offered through a 5 Gb/s WAN link queues: the median one-way delay grows.
        AddTestCase(new LinkOptionTestCase(
                        "per-cpu-sa-scaling",
                        "--cpus=2 --duration=0.002",
                        "--wanRate=5Gbps",
                        "a slower WAN link raises latency",
                        [](const std::string&, const nlohmann::json& m)
                        { return m["results"]["latency"]["p50_us"].get<double>(); },
                        higher),
                    TestCase::QUICK);
        // with-initial loses what a spoke sends during its Delete's round trip over the access
        // link: a longer access link loses more.
        AddTestCase(new LinkOptionTestCase(
                        "rekey-storm",
                        "--spokes=6 --rampUp=1 --rekeyTime=2 --duration=6 --packetsPerSecond=100"
                        " --rekeyPolicy=with-initial",
                        "--accessDelay=20ms",
                        "longer hub-spoke links lose more around delete-first recreations",
                        [](const std::string&, const nlohmann::json& m) {
                            return m["results"]["runs"]["with-initial"]["traffic"]["lost_packets"]
                                .get<double>();
                        },
                        higher),
                    TestCase::QUICK);
    }
};

ExampleTestSuite g_exampleTestSuite;

} // namespace
