/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The example as a user meets it: bad options stop it with a message naming the value and a
// non-zero exit, and the same seed gives byte-identical outputs.

#include "test-utilities.h"

#include "ns3/test.h"

#include <filesystem>

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
    }
};

ExampleTestSuite g_exampleTestSuite;

} // namespace
