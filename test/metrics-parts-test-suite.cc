/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// MetricsParts: the processes' parts of a distributed run's results join into one document;
// a value reported by two processes is refused with its JSON pointer.

#include "ns3/metrics-parts.h"
#include "ns3/test.h"

#include <stdexcept>

using namespace ns3;

namespace
{

/**
 * \ingroup ipsec-tests
 * Disjoint parts join key by key, at any depth, in any order.
 */
class MetricsPartsJoinTestCase : public TestCase
{
  public:
    MetricsPartsJoinTestCase()
        : TestCase("disjoint parts join key by key, whatever their order")
    {
    }

  private:
    void DoRun() override
    {
        nlohmann::json rank0 = nlohmann::json::parse(
            R"({"pairs": {"0": {"offered_to_b": 5, "ike_sa_established": true}},
                "sites": {"gw0": {"esp": {"sas": [1, 2]}}}})");
        nlohmann::json rank1 = nlohmann::json::parse(
            R"({"pairs": {"0": {"received_at_b": 4}, "1": {"child_sas": 3}},
                "sites": {"gw1": {"cores": 2}}, "ike": {"gw1": {"connections": 1}}})");
        nlohmann::json expected = nlohmann::json::parse(
            R"({"pairs": {"0": {"offered_to_b": 5, "ike_sa_established": true,
                                "received_at_b": 4},
                          "1": {"child_sas": 3}},
                "sites": {"gw0": {"esp": {"sas": [1, 2]}}, "gw1": {"cores": 2}},
                "ike": {"gw1": {"connections": 1}}})");
        nlohmann::json forward = nlohmann::json::object();
        MetricsParts::Merge(forward, rank0);
        MetricsParts::Merge(forward, rank1);
        NS_TEST_EXPECT_MSG_EQ(forward.dump(), expected.dump(), "0 then 1");
        nlohmann::json backward = nlohmann::json::object();
        MetricsParts::Merge(backward, rank1);
        MetricsParts::Merge(backward, rank0);
        NS_TEST_EXPECT_MSG_EQ(backward.dump(), expected.dump(), "1 then 0");
        nlohmann::json empty;
        MetricsParts::Merge(empty, rank1);
        NS_TEST_EXPECT_MSG_EQ(empty.dump(), rank1.dump(), "into nothing: the part itself");
    }
};

/**
 * \ingroup ipsec-tests
 * A value in two parts (two processes counting for one node) is an error naming it, numbers
 * included: they are not summed.
 */
class MetricsPartsOverlapTestCase : public TestCase
{
  public:
    MetricsPartsOverlapTestCase()
        : TestCase("a value in two parts is refused with its path, numbers not summed")
    {
    }

  private:
    void DoRun() override
    {
        struct Overlap
        {
            std::string second;
            std::string path;
        };

        for (const Overlap& o :
             {Overlap{R"({"pairs": {"0": {"offered_to_b": 5}}})", "/pairs/0/offered_to_b"},
              Overlap{R"({"pairs": {"0": {"offered_to_b": {"x": 1}}}})", "/pairs/0/offered_to_b"},
              Overlap{R"({"pairs": 1})", "/pairs"}})
        {
            nlohmann::json whole
                = nlohmann::json::parse(R"({"pairs": {"0": {"offered_to_b": 5}}})");
            std::string message;
            try
            {
                MetricsParts::Merge(whole, nlohmann::json::parse(o.second));
            }
            catch (const std::invalid_argument& e)
            {
                message = e.what();
            }
            NS_TEST_EXPECT_MSG_EQ(message,
                                  "metrics part: " + o.path
                                      + " is reported by two processes: expected each value from "
                                        "the one process that runs its node",
                                  o.second);
        }
    }
};

/**
 * \ingroup ipsec-tests
 * Joining the parts of a distributed run's results.
 */
class MetricsPartsTestSuite : public TestSuite
{
  public:
    MetricsPartsTestSuite()
        : TestSuite("ipsec-metrics-parts", UNIT)
    {
        AddTestCase(new MetricsPartsJoinTestCase, TestCase::QUICK);
        AddTestCase(new MetricsPartsOverlapTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
MetricsPartsTestSuite g_metricsPartsTestSuite;

} // namespace
