/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// doc/metrics.schema.json against the code: every example, run with small options (and with
// its timeseries on), writes a metrics.json that the schema accepts; and the validator really
// validates: documents with a field missing, of the wrong type, unknown or with another
// schema_version are refused, each with the path of what is wrong.

#include "test-utilities.h"

#include "ns3/test.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>

using namespace ns3;
using namespace ns3::ipsectest;

namespace
{

/// Runs \p example with \p args and validates its metrics.json against the schema.
class ExampleSchemaTestCase : public TestCase
{
  public:
    ExampleSchemaTestCase(const std::string& example, const std::string& args)
        : TestCase(example + " " + args + ": metrics.json follows the schema")
        , m_example(example)
        , m_args(args)
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-metrics-schema");
        std::string output;
        int status = RunCommand(
            ExamplePath(m_example) + " --quiet " + m_args + " --outputDir=" + dir, output);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "ran: " << output);
        std::string errors;
        status = ValidateJson(dir + "/metrics.json", MetricsSchemaPath(), errors);
        NS_TEST_EXPECT_MSG_EQ(status, 0, "valid: " << errors);
        nlohmann::json metrics = nlohmann::json::parse(ReadFile(dir + "/metrics.json"));
        NS_TEST_EXPECT_MSG_EQ(metrics["example"], m_example, "the example names itself");
        bool series = m_args.find("--statsInterval") != std::string::npos;
        bool hasSeries = metrics.dump().find("\"timeseries\"") != std::string::npos;
        NS_TEST_EXPECT_MSG_EQ(hasSeries, series, "a timeseries exactly when asked for");
        std::filesystem::remove_all(dir);
    }

    std::string m_example;
    std::string m_args;
};

/**
 * A document the schema accepts, then broken one way at a time: each must be refused, and the
 * error must name the place, so that a validator that accepts anything fails this test.
 */
class RejectsBrokenTestCase : public TestCase
{
  public:
    RejectsBrokenTestCase()
        : TestCase("the validator refuses a missing, mistyped or unknown field and another "
                   "schema_version, naming the place")
    {
    }

  private:
    using Break = std::function<void(nlohmann::json&)>;

    /// Validates \p document broken by \p breakIt; expects refusal mentioning \p expected.
    void Expect(const nlohmann::json& document,
                const std::string& what,
                const Break& breakIt,
                const std::string& expected)
    {
        nlohmann::json broken = document;
        breakIt(broken);
        std::string path = m_dir + "/broken.json";
        WriteFile(path, broken.dump(2));
        std::string errors;
        int status = ValidateJson(path, MetricsSchemaPath(), errors);
        NS_TEST_EXPECT_MSG_EQ(status, 1, what << ": refused (" << errors << ")");
        NS_TEST_EXPECT_MSG_NE(errors.find(expected), std::string::npos, what << ": " << errors);
    }

    void DoRun() override
    {
        m_dir = MakeTempDirectory("ipsec-metrics-schema-broken");
        std::string output;
        int status
            = RunCommand(ExamplePath("ikev2-gateway-tunnel")
                             + " --quiet --duration=3 --statsInterval=1 --outputDir=" + m_dir,
                         output);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "ran: " << output);
        std::string errors;
        status = ValidateJson(m_dir + "/metrics.json", MetricsSchemaPath(), errors);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "the original is valid: " << errors);
        nlohmann::json document = nlohmann::json::parse(ReadFile(m_dir + "/metrics.json"));

        Expect(
            document,
            "no results.gateways.gw1.esp_sent",
            [](nlohmann::json& d) { d["results"]["gateways"]["gw1"].erase("esp_sent"); },
            "'esp_sent' is a required property");
        Expect(
            document,
            "no run",
            [](nlohmann::json& d) { d.erase("run"); },
            "'run' is a required property");
        Expect(
            document,
            "a string for a count",
            [](nlohmann::json& d) { d["results"]["delivered_packets"] = "ten"; },
            "results/delivered_packets");
        Expect(
            document,
            "a negative count",
            [](nlohmann::json& d) { d["results"]["ike"]["total"]["retransmissions"] = -1; },
            "results/ike/total/retransmissions");
        Expect(
            document,
            "an unknown field",
            [](nlohmann::json& d) { d["results"]["surprise"] = 1; },
            "'surprise' was unexpected");
        Expect(
            document,
            "schema_version 2",
            [](nlohmann::json& d) { d["schema_version"] = 2; },
            "schema_version");
        Expect(
            document,
            "a latency without p99.9",
            [](nlohmann::json& d)
            { d["results"]["ike"]["total"]["ike_sas"]["setup_latency"].erase("p99_9_us"); },
            "'p99_9_us' is a required property");
        Expect(
            document,
            "a drop reason missing",
            [](nlohmann::json& d) { d["results"]["gateways"]["gw2"]["drops"].erase("bad_spi"); },
            "'bad_spi' is a required property");
        Expect(
            document,
            "a timeseries of strings",
            [](nlohmann::json& d)
            { d["results"]["timeseries"]["gateways"]["gw1"]["esp_sent_packets"][0] = "x"; },
            "results/timeseries/gateways/gw1/esp_sent_packets/0");
        std::filesystem::remove_all(m_dir);
    }

    std::string m_dir;
};

class MetricsSchemaTestSuite : public TestSuite
{
  public:
    MetricsSchemaTestSuite()
        : TestSuite("ipsec-metrics-schema", SYSTEM)
    {
        AddTestCase(new RejectsBrokenTestCase, TestCase::QUICK);
        AddTestCase(new ExampleSchemaTestCase("esp-gateway-tunnel", "--duration=0.01"),
                    TestCase::QUICK);
        AddTestCase(new ExampleSchemaTestCase("esp-gateway-tunnel",
                                              "--duration=0.01 --statsInterval=0.01 --pcap=1"),
                    TestCase::QUICK);
        AddTestCase(new ExampleSchemaTestCase("ikev2-gateway-tunnel",
                                              "--duration=3 --statsInterval=0.5 --pcap=1"),
                    TestCase::QUICK);
        AddTestCase(
            new ExampleSchemaTestCase("ikev2-gateway-tunnel", "--duration=3 --responderPsk=other"),
            TestCase::QUICK);
        AddTestCase(new ExampleSchemaTestCase("ikev2-per-cpu",
                                              "--cpus=2 --flows=4 --flowInterval=0.3 "
                                              "--flowRate=200kbps --rekeyTime=1 --duration=2.5 "
                                              "--pcap=false --statsInterval=0.25"),
                    TestCase::QUICK);
        AddTestCase(new ExampleSchemaTestCase("per-cpu-sa-scaling",
                                              "--cpus=2 --flows=8 --duration=0.002 "
                                              "--statsInterval=0.001"),
                    TestCase::QUICK);
        AddTestCase(new ExampleSchemaTestCase("rekey-storm",
                                              "--spokes=3 --rampUp=1 --rekeyTime=2 --duration=4 "
                                              "--rekeyPolicy=both --statsInterval=0.5"),
                    TestCase::QUICK);
        AddTestCase(new ExampleSchemaTestCase("vpn-mesh",
                                              "--sites=5 --pairs=4 --packetsPerSecond=20 "
                                              "--duration=2.5 --statsInterval=0.5"),
                    TestCase::QUICK);
    }
};

MetricsSchemaTestSuite g_metricsSchemaTestSuite;

} // namespace
