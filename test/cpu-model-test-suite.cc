/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// CpuModel (a node's cores) and CpuHelper: attribute ranges, core creation, per-node cost
// models, metrics.

#include "ns3/cpu-helper.h"
#include "ns3/cpu-model.h"
#include "ns3/double.h"
#include "ns3/linear-cpu-cost-model.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <iostream>
#include <sstream>
#include <string>

using namespace ns3;

namespace
{

/// Captures what is written to std::cerr while it lives.
class CerrCapture
{
  public:
    CerrCapture()
        : m_old(std::cerr.rdbuf(m_buffer.rdbuf()))
    {
    }

    ~CerrCapture()
    {
        std::cerr.rdbuf(m_old);
    }

    /// \return what was written so far
    std::string Text() const
    {
        return m_buffer.str();
    }

  private:
    std::ostringstream m_buffer; //!< the capture
    std::streambuf* m_old;       //!< std::cerr's own buffer
};

/// \return true if \p text contains \p part
bool
Contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

class CpuModelCoresTestCase : public TestCase
{
  public:
    CpuModelCoresTestCase()
        : TestCase("cores exist right after CreateObject + SetAttribute + AggregateObject, with "
                   "their index, the node id and the backlog limit")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Node> node = CreateObject<Node>();
        Ptr<CpuModel> cpu = CreateObject<CpuModel>();
        NS_TEST_ASSERT_MSG_EQ(cpu->GetNCores(), 1, "default: one core");
        NS_TEST_ASSERT_MSG_EQ(cpu->GetApplicationCore(), 0, "default application core");
        NS_TEST_ASSERT_MSG_EQ(cpu->GetBacklogLimit(), 1000, "default backlog");
        cpu->SetAttribute("Cores", UintegerValue(6));
        cpu->SetAttribute("BacklogLimit", UintegerValue(64));
        cpu->SetAttribute("ApplicationCore", UintegerValue(5));
        node->AggregateObject(cpu);
        NS_TEST_ASSERT_MSG_EQ(node->GetObject<CpuModel>(), cpu, "aggregated");
        NS_TEST_ASSERT_MSG_EQ(cpu->GetNCores(), 6, "six cores");
        NS_TEST_ASSERT_MSG_EQ(cpu->GetCores().size(), 6, "six core objects");
        for (uint32_t i = 0; i < 6; ++i)
        {
            Ptr<CpuCore> core = cpu->GetCore(i);
            NS_TEST_ASSERT_MSG_NE(core, nullptr, "core " << i);
            NS_TEST_ASSERT_MSG_EQ(core->GetIndex(), i, "index");
            NS_TEST_ASSERT_MSG_EQ(core->GetNodeId(), node->GetId(), "node id");
            NS_TEST_ASSERT_MSG_EQ(core->GetBacklogLimit(), 64, "backlog limit");
        }
        NS_TEST_ASSERT_MSG_NE(cpu->GetCore(0), cpu->GetCore(1), "distinct cores");
        NS_TEST_ASSERT_MSG_EQ(cpu->GetApplicationCore(), 5, "application core");
        NS_TEST_ASSERT_MSG_NE(DynamicCast<LinearCpuCostModel>(cpu->GetCostModel()),
                              nullptr,
                              "default cost model is linear");

        // The backlog limit may change later and reaches every core.
        cpu->SetAttribute("BacklogLimit", UintegerValue(5));
        NS_TEST_ASSERT_MSG_EQ(cpu->GetCore(3)->GetBacklogLimit(), 5, "new limit applied");

        // Cores created before aggregation learn the node id when aggregated.
        Ptr<CpuModel> early = CreateObject<CpuModel>();
        early->SetAttribute("Cores", UintegerValue(2));
        NS_TEST_ASSERT_MSG_EQ(early->GetCore(1)->GetNodeId(), Simulator::NO_CONTEXT, "no node");
        Ptr<Node> other = CreateObject<Node>();
        other->AggregateObject(early);
        NS_TEST_ASSERT_MSG_EQ(early->GetCore(1)->GetNodeId(), other->GetId(), "node id later");
        Simulator::Destroy();
    }
};

class CpuModelRangeTestCase : public TestCase
{
  public:
    CpuModelRangeTestCase()
        : TestCase("Cores outside 1 to 4096 and changes after creation are refused with a "
                   "message naming the value and the range")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<CpuModel> cpu = CreateObject<CpuModel>();
        {
            CerrCapture capture;
            NS_TEST_ASSERT_MSG_EQ(
                cpu->SetAttributeFailSafe("Cores", UintegerValue(0)), false, "0 cores refused");
            NS_TEST_ASSERT_MSG_EQ(Contains(capture.Text(),
                                           "Cores: 0 is out of range: expected 1 to "
                                           "4096"),
                                  true,
                                  "message: " << capture.Text());
        }
        {
            CerrCapture capture;
            NS_TEST_ASSERT_MSG_EQ(cpu->SetAttributeFailSafe("Cores", UintegerValue(4097)),
                                  false,
                                  "4097 cores refused");
            NS_TEST_ASSERT_MSG_EQ(Contains(capture.Text(), "4097 is out of range"),
                                  true,
                                  "message: " << capture.Text());
        }
        NS_TEST_ASSERT_MSG_EQ(cpu->GetNCores(), 1, "unchanged by refused values");
        NS_TEST_ASSERT_MSG_EQ(
            cpu->SetAttributeFailSafe("Cores", UintegerValue(4096)), true, "4096 accepted");
        NS_TEST_ASSERT_MSG_EQ(cpu->GetCores().size(), 4096, "4096 cores");
        NS_TEST_ASSERT_MSG_EQ(cpu->GetCore(4095)->GetIndex(), 4095, "last core");
        {
            CerrCapture capture;
            NS_TEST_ASSERT_MSG_EQ(cpu->SetAttributeFailSafe("Cores", UintegerValue(8)),
                                  false,
                                  "no change once the cores exist");
            NS_TEST_ASSERT_MSG_EQ(Contains(capture.Text(), "cannot change from 4096 to 8"),
                                  true,
                                  "message: " << capture.Text());
        }
        NS_TEST_ASSERT_MSG_EQ(cpu->SetAttributeFailSafe("Cores", UintegerValue(4096)),
                              true,
                              "setting the same value is fine");
        // The range is also checked where helpers and Config take values (ObjectFactory and
        // SetDefault validate with the same checker).
        TypeId::AttributeInformation info;
        CpuModel::GetTypeId().LookupAttributeByName("Cores", &info);
        CerrCapture capture;
        NS_TEST_ASSERT_MSG_EQ(info.checker->Check(UintegerValue(0)), false, "checker refuses 0");
        NS_TEST_ASSERT_MSG_EQ(info.checker->Check(UintegerValue(256)), true, "256 fine");
        Simulator::Destroy();
    }
};

class CpuHelperTestCase : public TestCase
{
  public:
    CpuHelperTestCase()
        : TestCase("CpuHelper installs CPUs with a cost model per node; Metrics reports every "
                   "core")
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(2);
        CpuHelper helper;
        helper.SetCpuAttribute("Cores", UintegerValue(3));
        helper.SetCpuAttribute("BacklogLimit", UintegerValue(1));
        helper.SetCostModel("ns3::LinearCpuCostModel", "Frequency", DoubleValue(2e9));
        std::vector<Ptr<CpuModel>> cpus = helper.Install(nodes);
        NS_TEST_ASSERT_MSG_EQ(cpus.size(), 2, "one per node");
        for (uint32_t n = 0; n < 2; ++n)
        {
            NS_TEST_ASSERT_MSG_EQ(nodes.Get(n)->GetObject<CpuModel>(), cpus[n], "aggregated");
            NS_TEST_ASSERT_MSG_EQ(cpus[n]->GetNCores(), 3, "cores");
            NS_TEST_ASSERT_MSG_EQ(cpus[n]->GetCore(2)->GetNodeId(), nodes.Get(n)->GetId(), "id");
            Ptr<LinearCpuCostModel> cost = DynamicCast<LinearCpuCostModel>(cpus[n]->GetCostModel());
            NS_TEST_ASSERT_MSG_NE(cost, nullptr, "linear");
            NS_TEST_ASSERT_MSG_EQ(cost->GetFrequency(), 2e9, "attribute passed");
        }
        NS_TEST_ASSERT_MSG_NE(cpus[0]->GetCostModel(), cpus[1]->GetCostModel(), "not shared");

        // Core 1 of node 0: 2 us + 1 us of work, one job dropped at the backlog.
        Ptr<CpuCore> core = cpus[0]->GetCore(1);
        core->Enqueue(MicroSeconds(2), Callback<void>());
        core->Enqueue(MicroSeconds(1), Callback<void>());
        core->Enqueue(MicroSeconds(1), Callback<void>());
        Simulator::Stop(MicroSeconds(10));
        Simulator::Run();
        nlohmann::json metrics = CpuHelper::Metrics(cpus[0], MicroSeconds(10));
        NS_TEST_ASSERT_MSG_EQ(metrics.is_array(), true, "array");
        NS_TEST_ASSERT_MSG_EQ(metrics.size(), 3, "one entry per core");
        NS_TEST_ASSERT_MSG_EQ(metrics[1]["core"].get<uint32_t>(), 1, "core number");
        NS_TEST_ASSERT_MSG_EQ(metrics[1]["utilization"].get<double>(), 0.3, "3 of 10 us");
        NS_TEST_ASSERT_MSG_EQ_TOL(metrics[1]["busy_s"].get<double>(), 3e-6, 1e-15, "busy");
        NS_TEST_ASSERT_MSG_EQ(metrics[1]["jobs"].get<uint64_t>(), 2, "jobs");
        NS_TEST_ASSERT_MSG_EQ(metrics[1]["backlog_drops"].get<uint64_t>(), 1, "drops");
        NS_TEST_ASSERT_MSG_EQ(metrics[0]["utilization"].get<double>(), 0.0, "idle core");
        NS_TEST_ASSERT_MSG_EQ(metrics[2]["jobs"].get<uint64_t>(), 0, "idle core");
        Simulator::Destroy();
    }
};

class CpuModelTestSuite : public TestSuite
{
  public:
    CpuModelTestSuite()
        : TestSuite("ipsec-cpu-model", UNIT)
    {
        AddTestCase(new CpuModelCoresTestCase, TestCase::QUICK);
        AddTestCase(new CpuModelRangeTestCase, TestCase::QUICK);
        AddTestCase(new CpuHelperTestCase, TestCase::QUICK);
    }
};

CpuModelTestSuite g_cpuModelTestSuite;

} // namespace
