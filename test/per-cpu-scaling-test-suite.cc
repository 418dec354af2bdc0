/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The shape that makes RFC 9611 worth having, on short runs of the per-cpu-sa-scaling example:
// with 8 cores, per-CPU SAs reach at least 6 times their 1-core goodput, while a single SA
// shared by all cores stays below 1.5 times its own (its receiver decrypts on one core).

#include "test-utilities.h"

#include "ns3/test.h"

#include <nlohmann/json.hpp>

#include <filesystem>

using namespace ns3;
using namespace ns3::ipsectest;

namespace
{

class PerCpuScalingTestCase : public TestCase
{
  public:
    PerCpuScalingTestCase()
        : TestCase("8 cores: per-cpu >= 6x its 1-core goodput, single < 1.5x")
    {
    }

  private:
    nlohmann::json Run(uint32_t cpus, const std::string& mode)
    {
        std::string dir = MakeTempDirectory("ipsec-scaling");
        std::string output;
        int status = RunCommand(ExamplePath("per-cpu-sa-scaling")
                                    + " --cpus=" + std::to_string(cpus) + " --saMode=" + mode
                                    + " --flows=64 --duration=0.01 --outputDir=" + dir,
                                output);
        NS_TEST_EXPECT_MSG_EQ(status, 0, "ran: " << output);
        nlohmann::json metrics = nlohmann::json::parse(ReadFile(dir + "/metrics.json"));
        std::filesystem::remove_all(dir);
        return metrics["results"];
    }

    void DoRun() override
    {
        double perCpu1 = Run(1, "per-cpu")["goodput_bps"];
        nlohmann::json perCpu8 = Run(8, "per-cpu");
        double single1 = Run(1, "single")["goodput_bps"];
        nlohmann::json single8 = Run(8, "single");
        double perCpuRatio = perCpu8["goodput_bps"].get<double>() / perCpu1;
        double singleRatio = single8["goodput_bps"].get<double>() / single1;
        std::cout << "per-cpu 8/1 = " << perCpuRatio << ", single 8/1 = " << singleRatio
                  << std::endl;
        NS_TEST_EXPECT_MSG_GT(perCpu1, 1e9, "one core moves more than 1 Gb/s");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(perCpuRatio, 6.0, "per-CPU SAs scale");
        NS_TEST_EXPECT_MSG_LT(singleRatio, 1.5, "a single SA does not");
        // Per-CPU SAs came from acquires: IpsecTunnelHelper installs the fallback SA, so there
        // is no ordinary acquire; PerCpuSaSelection raises one per core that encrypts without
        // an SA of its own (the data plane holds further ones for that CPU until it is
        // answered). gw1's LAN NIC spreads the 64 flows over all 8 cores: exactly 8. gw2 sends
        // nothing back (UDP), so it raises none.
        NS_TEST_EXPECT_MSG_EQ(perCpu8["gateways"]["gw1"]["acquires_raised"].get<uint64_t>(),
                              8,
                              "one acquire per sending core");
        NS_TEST_EXPECT_MSG_EQ(perCpu8["gateways"]["gw2"]["acquires_raised"].get<uint64_t>(),
                              0,
                              "the receiving gateway sends nothing");
        NS_TEST_EXPECT_MSG_EQ(perCpu8["acquires_answered"].get<uint64_t>(), 8, "all answered");
    }
};

class PerCpuScalingTestSuite : public TestSuite
{
  public:
    PerCpuScalingTestSuite()
        : TestSuite("ipsec-per-cpu-scaling", SYSTEM)
    {
        AddTestCase(new PerCpuScalingTestCase, TestCase::QUICK);
    }
};

PerCpuScalingTestSuite g_perCpuScalingTestSuite;

} // namespace
