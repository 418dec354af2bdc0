/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// ipsec-calibrate (tools/): a quick run writes a profile that ProfileCpuCostModel loads, with
// stage costs anchored on B1; bad options stop it with a named message and exit code 2.

#include "test-utilities.h"

#include "ns3/cipher-suite.h"
#include "ns3/nstime.h"
#include "ns3/profile-cpu-cost-model.h"
#include "ns3/test.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

using namespace ns3;

namespace
{

/// \return the path of the calibration tool in the build tree
std::string
ToolPath()
{
    return ipsectest::ToolPath("ipsec-calibrate");
}

/// \return true if \p text contains \p part
bool
Contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

class CalibrateProfileTestCase : public TestCase
{
  public:
    CalibrateProfileTestCase()
        : TestCase(
            "a quick run writes a loadable profile, anchored at the given rate for RECEIVE + "
            "ESP_ENCRYPT with aes128gcm16 at 1500 B, and says where it wrote it")
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = ipsectest::MakeTempDirectory("ipsec-calibrate");
        std::string path = dir + "/profile.json";
        std::string output;
        int status = ipsectest::RunCommand(ToolPath()
                                               + " --sizes=64,1024,256 --suites=aes128gcm16,"
                                                 "aes256-sha256 --repetitions=1 --minBatchMs=1"
                                                 // A loose anchor (10 us per packet): one
                                                 // noisy 1 ms batch must not exceed it.
                                                 " --anchorPps=100000"
                                                 " --output="
                                               + path,
                                           output);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "exit code; output: " << output);
        NS_TEST_ASSERT_MSG_EQ(Contains(output, "wrote " + path), true, "says where: " << output);

        std::string text = ipsectest::ReadFile(path);
        nlohmann::json profile = nlohmann::json::parse(text, nullptr, false);
        NS_TEST_ASSERT_MSG_EQ(profile.is_discarded(), false, "a JSON profile: '" << text << "'");
        if (profile.is_discarded())
        {
            return; // the runner continues after a failed assertion; the rest needs a profile
        }
        NS_TEST_ASSERT_MSG_EQ(profile["format"].get<std::string>(), "ns3-ipsec-cpu-profile", "");
        NS_TEST_ASSERT_MSG_EQ(profile["suites"].size(), 2, "the two suites asked for");
        const auto& curve = profile["suites"]["aes256-sha256"]["decrypt"];
        NS_TEST_ASSERT_MSG_EQ(curve.size(), 3, "three sizes");
        NS_TEST_ASSERT_MSG_EQ(curve[0]["bytes"].get<uint32_t>(), 64, "sorted sizes");
        NS_TEST_ASSERT_MSG_EQ(curve[2]["bytes"].get<uint32_t>(), 1024, "sorted sizes");
        NS_TEST_ASSERT_MSG_GT(curve[2]["ns"].get<double>(), 0, "a positive time");
        NS_TEST_ASSERT_MSG_EQ(profile["stages_ns"]["receive"].get<double>(), 1000, "linear");

        Ptr<ProfileCpuCostModel> model = CreateObject<ProfileCpuCostModel>();
        model->Load(path);
        CipherSuite gcm = CipherSuite::FromKeyword("aes128gcm16");
        Time total = model->GetServiceTime(CpuStage::RECEIVE, 1500, nullptr)
                     + model->GetServiceTime(CpuStage::ESP_ENCRYPT, 1500, &gcm);
        // 1 / 100 kpps = 10000 ns; the stage time is rounded to 0.1 ns in the file.
        NS_TEST_ASSERT_MSG_EQ_TOL(total.GetNanoSeconds(), 10000, 1, "anchored");
        Time decrypt = model->GetServiceTime(CpuStage::RECEIVE, 1500, nullptr)
                       + model->GetServiceTime(CpuStage::ESP_DECRYPT, 1500, &gcm);
        NS_TEST_ASSERT_MSG_EQ_TOL(decrypt.GetNanoSeconds(), 10000, 1, "decrypt anchored too");
    }
};

class CalibrateOptionsTestCase : public TestCase
{
  public:
    CalibrateOptionsTestCase()
        : TestCase("bad options stop ipsec-calibrate with exit code 2 and a named message")
    {
    }

  private:
    void DoRun() override
    {
        struct Case
        {
            std::string options;  //!< command-line options
            std::string expected; //!< part of the message
        };

        std::vector<Case> cases = {
            {"--sizes=64,abc", "--sizes: 'abc' is not a packet size"},
            {"--sizes=0,64", "--sizes: '0' is not a packet size"},
            {"--sizes=64,64", "expected at least two different sizes"},
            {"--suites=aes128gcm16,des", "\"des\""},
            {"--repetitions=0", "--repetitions=0 is out of range"},
            {"--minBatchMs=0", "--minBatchMs=0 is out of range"},
            {"--suites=aes256gcm16", "--anchorSuite=aes128gcm16 must be one of the measured"},
            {"--anchorPps=0", "--anchorPps must be positive"},
        };
        for (const auto& c : cases)
        {
            std::string output;
            int status = ipsectest::RunCommand(ToolPath() + " " + c.options, output);
            NS_TEST_ASSERT_MSG_EQ(status, 2, c.options << ": exit code; output: " << output);
            NS_TEST_ASSERT_MSG_EQ(Contains(output, c.expected),
                                  true,
                                  c.options << ": expected '" << c.expected << "' in: " << output);
        }
    }
};

class CalibrateTestSuite : public TestSuite
{
  public:
    CalibrateTestSuite()
        : TestSuite("ipsec-calibrate", UNIT)
    {
        AddTestCase(new CalibrateProfileTestCase, TestCase::QUICK);
        AddTestCase(new CalibrateOptionsTestCase, TestCase::QUICK);
    }
};

CalibrateTestSuite g_calibrateTestSuite;

} // namespace
