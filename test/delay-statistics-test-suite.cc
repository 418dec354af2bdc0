/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// DelayStatistics, the distribution behind every latency of metrics.json (per-packet, IKE SA
// and Child SA setup): exact nearest-rank percentiles, and a histogram whose fixed log-spaced
// bins count each delay once, in the bin its value falls in.

#include "ns3/delay-statistics.h"
#include "ns3/test.h"

#include <numeric>

using namespace ns3;

namespace
{

/// 1..1000 us, added in a scrambled order: every percentile is a known delay.
class PercentilesTestCase : public TestCase
{
  public:
    PercentilesTestCase()
        : TestCase("1 to 1000 us: p50 500, p90 900, p99 990, p99.9 999, min, max, mean")
    {
    }

  private:
    void DoRun() override
    {
        DelayStatistics delays;
        for (int i = 0; i < 1000; ++i)
        {
            delays.Add(MicroSeconds(1 + (i * 367) % 1000)); // 367 is prime to 1000
        }
        nlohmann::json json = delays.ToJson();
        NS_TEST_EXPECT_MSG_EQ(json["count"], 1000, "count");
        NS_TEST_EXPECT_MSG_EQ(json["min_us"].get<double>(), 1.0, "min");
        NS_TEST_EXPECT_MSG_EQ(json["p50_us"].get<double>(), 500.0, "median");
        NS_TEST_EXPECT_MSG_EQ(json["p90_us"].get<double>(), 900.0, "p90");
        NS_TEST_EXPECT_MSG_EQ(json["p99_us"].get<double>(), 990.0, "p99");
        NS_TEST_EXPECT_MSG_EQ(json["p99_9_us"].get<double>(), 999.0, "p99.9");
        NS_TEST_EXPECT_MSG_EQ(json["max_us"].get<double>(), 1000.0, "max");
        NS_TEST_EXPECT_MSG_EQ_TOL(json["mean_us"].get<double>(), 500.5, 1e-9, "mean");
    }
};

/// A tail that the mean hides: 999 fast delays and one slow one.
class TailTestCase : public TestCase
{
  public:
    TailTestCase()
        : TestCase("one slow delay in 1000 shows at p99.9 and in its own bin, not at p99")
    {
    }

  private:
    void DoRun() override
    {
        DelayStatistics delays;
        for (int i = 0; i < 999; ++i)
        {
            delays.Add(MicroSeconds(10));
        }
        delays.Add(Seconds(2));
        nlohmann::json json = delays.ToJson();
        NS_TEST_EXPECT_MSG_EQ(json["p99_us"].get<double>(), 10.0, "p99 is fast");
        NS_TEST_EXPECT_MSG_EQ(json["p99_9_us"].get<double>(), 10.0, "p99.9: rank 999 of 1000");
        NS_TEST_EXPECT_MSG_EQ(json["max_us"].get<double>(), 2e6, "max is the slow one");
        const nlohmann::json& h = json["histogram"];
        std::vector<double> edges = h["bin_edges_us"];
        std::vector<uint64_t> counts = h["counts"];
        NS_TEST_ASSERT_MSG_EQ(counts.size() + 1, edges.size(), "one count per bin");
        for (size_t i = 0; i < counts.size(); ++i)
        {
            uint64_t expected = 0;
            if (edges[i] == 10.0)
            {
                expected = 999; // [10, 20) us
            }
            else if (edges[i] == 2e6)
            {
                expected = 1; // [2, 5) s
            }
            NS_TEST_EXPECT_MSG_EQ(counts[i], expected, "bin from " << edges[i] << " us");
        }
        NS_TEST_EXPECT_MSG_EQ(h["overflow"], 0, "nothing beyond 1000 s");
    }
};

/// The bin edges: fixed, increasing, 1-2-5 per decade from 0 to 1e9 us; edges belong to the
/// bin they start; beyond the last edge is overflow; empty statistics are zeros.
class BinsTestCase : public TestCase
{
  public:
    BinsTestCase()
        : TestCase("bins: 0 then 1-2-5 steps to 1e9 us, lower edge inclusive, overflow, empty")
    {
    }

  private:
    void DoRun() override
    {
        const std::vector<double>& edges = DelayStatistics::BinEdgesMicroseconds();
        NS_TEST_ASSERT_MSG_EQ(edges.size(), 29u, "0, 9 decades of 1-2-5, 1e9");
        NS_TEST_EXPECT_MSG_EQ(edges.front(), 0.0, "first edge");
        NS_TEST_EXPECT_MSG_EQ(edges[1], 1.0, "1 us");
        NS_TEST_EXPECT_MSG_EQ(edges[2], 2.0, "2 us");
        NS_TEST_EXPECT_MSG_EQ(edges[3], 5.0, "5 us");
        NS_TEST_EXPECT_MSG_EQ(edges.back(), 1e9, "1000 s");
        for (size_t i = 1; i < edges.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_GT(edges[i], edges[i - 1], "increasing");
        }
        DelayStatistics delays;
        delays.Add(NanoSeconds(999)); // [0, 1) us
        delays.Add(MicroSeconds(1));  // [1, 2) us: the lower edge is in
        delays.Add(MicroSeconds(5));  // [5, 10) us
        delays.Add(Seconds(1000));    // overflow: at the last edge
        delays.Add(NanoSeconds(-5));  // negative: first bin
        nlohmann::json h = delays.ToJson()["histogram"];
        std::vector<uint64_t> counts = h["counts"];
        NS_TEST_EXPECT_MSG_EQ(counts[0], 2, "[0, 1) us and the negative one");
        NS_TEST_EXPECT_MSG_EQ(counts[1], 1, "[1, 2) us");
        NS_TEST_EXPECT_MSG_EQ(counts[2], 0, "[2, 5) us");
        NS_TEST_EXPECT_MSG_EQ(counts[3], 1, "[5, 10) us");
        NS_TEST_EXPECT_MSG_EQ(h["overflow"], 1, "1000 s");
        NS_TEST_EXPECT_MSG_EQ(std::accumulate(counts.begin(), counts.end(), uint64_t{0}) + 1,
                              5,
                              "each delay counted once");

        nlohmann::json empty = DelayStatistics().ToJson();
        NS_TEST_EXPECT_MSG_EQ(empty["count"], 0, "empty");
        NS_TEST_EXPECT_MSG_EQ(empty["p99_9_us"].get<double>(), 0.0, "zeros when empty");
        NS_TEST_EXPECT_MSG_EQ(empty["histogram"]["bin_edges_us"].size(), 29u, "same edges");
        std::vector<uint64_t> none = empty["histogram"]["counts"];
        NS_TEST_EXPECT_MSG_EQ(std::accumulate(none.begin(), none.end(), uint64_t{0}), 0, "empty");
    }
};

class DelayStatisticsTestSuite : public TestSuite
{
  public:
    DelayStatisticsTestSuite()
        : TestSuite("ipsec-delay-statistics", UNIT)
    {
        AddTestCase(new PercentilesTestCase, TestCase::QUICK);
        AddTestCase(new TailTestCase, TestCase::QUICK);
        AddTestCase(new BinsTestCase, TestCase::QUICK);
    }
};

DelayStatisticsTestSuite g_delayStatisticsTestSuite;

} // namespace
