/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// CpuCore: service and queueing arithmetic, FIFO order, backlog drops, Continue, GetCurrent.

#include "ns3/cpu-core.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// One completed job: its name and when its done callback ran.
struct Completion
{
    std::string name; //!< the job
    Time at;          //!< completion time
};

/// Collects completions in the order they happen.
class Recorder
{
  public:
    /// \return a done callback that records \p name
    Callback<void> Done(const std::string& name)
    {
        return Callback<void>([this, name]() { m_log.push_back({name, Simulator::Now()}); });
    }

    /// \return the completions so far
    const std::vector<Completion>& Log() const
    {
        return m_log;
    }

  private:
    std::vector<Completion> m_log; //!< completions in order
};

class CpuCoreFifoTestCase : public TestCase
{
  public:
    CpuCoreFifoTestCase()
        : TestCase("jobs of known times finish at the exact expected times, in FIFO order")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<CpuCore> core = CreateObject<CpuCore>();
        Recorder rec;
        // Three jobs at t = 0: served back to back.
        NS_TEST_ASSERT_MSG_EQ(core->Enqueue(MicroSeconds(1), rec.Done("a")), true, "a");
        NS_TEST_ASSERT_MSG_EQ(core->Enqueue(MicroSeconds(2), rec.Done("b")), true, "b");
        NS_TEST_ASSERT_MSG_EQ(core->Enqueue(MicroSeconds(3), rec.Done("c")), true, "c");
        NS_TEST_ASSERT_MSG_EQ(core->GetQueueLength(), 2, "a in service, b and c wait");
        // A job that arrives while c is served waits for it; one that arrives after an idle
        // gap starts at once.
        Simulator::Schedule(MicroSeconds(4),
                            [&]() { core->Enqueue(NanoSeconds(500), rec.Done("d")); });
        Simulator::Schedule(MicroSeconds(10),
                            [&]() { core->Enqueue(MicroSeconds(2), rec.Done("e")); });
        Simulator::Run();

        std::vector<Completion> expected = {{"a", MicroSeconds(1)},
                                            {"b", MicroSeconds(3)},
                                            {"c", MicroSeconds(6)},
                                            {"d", NanoSeconds(6500)},
                                            {"e", MicroSeconds(12)}};
        NS_TEST_ASSERT_MSG_EQ(rec.Log().size(), expected.size(), "every job completed");
        for (size_t i = 0; i < expected.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(rec.Log()[i].name, expected[i].name, "FIFO order at " << i);
            NS_TEST_ASSERT_MSG_EQ(rec.Log()[i].at, expected[i].at, "time of " << expected[i].name);
        }
        NS_TEST_ASSERT_MSG_EQ(core->GetJobsServed(), 5, "jobs served");
        NS_TEST_ASSERT_MSG_EQ(core->GetBusyTime(), NanoSeconds(8500), "busy = sum of services");
        NS_TEST_ASSERT_MSG_EQ(core->GetBacklogDrops(), 0, "no drops");
        NS_TEST_ASSERT_MSG_EQ(core->GetQueueLength(), 0, "empty at the end");
        Simulator::Destroy();
    }
};

class CpuCoreUtilizationTestCase : public TestCase
{
  public:
    CpuCoreUtilizationTestCase()
        : TestCase("busy time counts the elapsed part of the job in service; utilization is "
                   "busy time over the interval, exactly")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<CpuCore> core = CreateObject<CpuCore>();
        core->Enqueue(MicroSeconds(1), Callback<void>());
        core->Enqueue(MicroSeconds(2), Callback<void>());
        std::vector<Time> busy;
        std::vector<bool> serving;
        for (Time t : {NanoSeconds(500), NanoSeconds(2500), MicroSeconds(5)})
        {
            Simulator::Schedule(t,
                                [&]()
                                {
                                    busy.push_back(core->GetBusyTime());
                                    serving.push_back(core->IsBusy());
                                });
        }
        Simulator::Stop(MicroSeconds(8));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(busy.size(), 3, "three samples");
        NS_TEST_ASSERT_MSG_EQ(busy[0], NanoSeconds(500), "half of the first job");
        NS_TEST_ASSERT_MSG_EQ(busy[1], NanoSeconds(2500), "first job + 1.5 us of the second");
        NS_TEST_ASSERT_MSG_EQ(busy[2], MicroSeconds(3), "both jobs, then idle");
        NS_TEST_ASSERT_MSG_EQ(serving[1], true, "busy at 2.5 us");
        NS_TEST_ASSERT_MSG_EQ(serving[2], false, "idle at 5 us");
        NS_TEST_ASSERT_MSG_EQ(core->GetUtilization(MicroSeconds(8)), 3000.0 / 8000.0, "3 of 8 us");
        NS_TEST_ASSERT_MSG_EQ(core->GetUtilization(MicroSeconds(3)), 1.0, "fully busy");
        Simulator::Destroy();
    }
};

class CpuCoreBacklogTestCase : public TestCase
{
  public:
    CpuCoreBacklogTestCase()
        : TestCase("drops exactly at BacklogLimit waiting jobs, counted and traced")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<CpuCore> core = CreateObject<CpuCore>();
        core->SetAttribute("BacklogLimit", UintegerValue(3));
        uint32_t dropTraces = 0;
        std::vector<uint32_t> lengths;
        core->TraceConnectWithoutContext("Drop", Callback<void>([&]() { ++dropTraces; }));
        core->TraceConnectWithoutContext(
            "QueueLength",
            Callback<void, uint32_t, uint32_t>([&](uint32_t, uint32_t now)
                                               { lengths.push_back(now); }));
        Recorder rec;
        std::vector<bool> accepted;
        for (int i = 0; i < 6; ++i)
        {
            accepted.push_back(core->Enqueue(MicroSeconds(1), rec.Done(std::to_string(i))));
        }
        // One in service + 3 waiting; jobs 4 and 5 refused.
        std::vector<bool> expected = {true, true, true, true, false, false};
        for (size_t i = 0; i < expected.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(accepted[i], expected[i], "Enqueue result of job " << i);
        }
        NS_TEST_ASSERT_MSG_EQ(core->GetBacklogDrops(), 2, "two drops counted");
        NS_TEST_ASSERT_MSG_EQ(dropTraces, 2, "two drops traced");
        NS_TEST_ASSERT_MSG_EQ(core->GetQueueLength(), 3, "three waiting");
        // Once one has left the backlog there is room for exactly one more.
        Simulator::Schedule(NanoSeconds(1500),
                            [&]()
                            {
                                accepted.push_back(core->Enqueue(MicroSeconds(1), rec.Done("6")));
                                accepted.push_back(core->Enqueue(MicroSeconds(1), rec.Done("7")));
                            });
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(accepted[6], true, "room after one left");
        NS_TEST_ASSERT_MSG_EQ(accepted[7], false, "full again");
        NS_TEST_ASSERT_MSG_EQ(core->GetBacklogDrops(), 3, "three drops");
        NS_TEST_ASSERT_MSG_EQ(core->GetJobsServed(), 5, "five served");
        NS_TEST_ASSERT_MSG_EQ(rec.Log().back().name, "6", "the late job is last");
        NS_TEST_ASSERT_MSG_EQ(rec.Log().back().at, MicroSeconds(5), "served after the others");
        std::vector<uint32_t> expectedLengths = {1, 2, 3, 2, 3, 2, 1, 0};
        NS_TEST_ASSERT_MSG_EQ(lengths.size(), expectedLengths.size(), "QueueLength changes");
        for (size_t i = 0; i < lengths.size() && i < expectedLengths.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(lengths[i], expectedLengths[i], "QueueLength change " << i);
        }

        // Limit 0: nothing may wait; a job still starts on an idle core.
        Ptr<CpuCore> strict = CreateObject<CpuCore>();
        strict->SetAttribute("BacklogLimit", UintegerValue(0));
        NS_TEST_ASSERT_MSG_EQ(strict->Enqueue(MicroSeconds(1), Callback<void>()), true, "idle");
        NS_TEST_ASSERT_MSG_EQ(strict->Enqueue(MicroSeconds(1), Callback<void>()), false, "busy");
        NS_TEST_ASSERT_MSG_EQ(strict->GetBacklogDrops(), 1, "counted");
        Simulator::Destroy();
    }
};

class CpuCoreContinueTestCase : public TestCase
{
  public:
    CpuCoreContinueTestCase()
        : TestCase("Continue runs next (depth first), ahead of waiting jobs, and is never dropped")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<CpuCore> core = CreateObject<CpuCore>();
        core->SetAttribute("BacklogLimit", UintegerValue(1));
        Recorder rec;
        // a's done hands over two stages (c1, c2) and enqueues a new job (late); b waits.
        core->Enqueue(MicroSeconds(1),
                      Callback<void>(
                          [&]()
                          {
                              rec.Done("a")();
                              core->Continue(MicroSeconds(2),
                                             Callback<void>(
                                                 [&]()
                                                 {
                                                     rec.Done("c1")();
                                                     core->Continue(NanoSeconds(500),
                                                                    rec.Done("c1.1"));
                                                 }));
                              core->Continue(MicroSeconds(1), rec.Done("c2"));
                              // The backlog (limit 1) is full with b: this one is dropped, the
                              // continuations above were not.
                              core->Enqueue(MicroSeconds(1), rec.Done("late"));
                          }));
        core->Enqueue(MicroSeconds(1), rec.Done("b"));
        NS_TEST_ASSERT_MSG_EQ(core->Enqueue(MicroSeconds(1), rec.Done("x")), false, "full");
        Simulator::Run();

        std::vector<Completion> expected = {{"a", MicroSeconds(1)},
                                            {"c1", MicroSeconds(3)},
                                            {"c1.1", NanoSeconds(3500)},
                                            {"c2", NanoSeconds(4500)},
                                            {"b", NanoSeconds(5500)}};
        NS_TEST_ASSERT_MSG_EQ(rec.Log().size(), expected.size(), "completions");
        for (size_t i = 0; i < expected.size() && i < rec.Log().size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(rec.Log()[i].name, expected[i].name, "order at " << i);
            NS_TEST_ASSERT_MSG_EQ(rec.Log()[i].at, expected[i].at, "time of " << expected[i].name);
        }
        NS_TEST_ASSERT_MSG_EQ(core->GetBacklogDrops(), 2, "x and late dropped");
        NS_TEST_ASSERT_MSG_EQ(core->GetJobsServed(), 5, "a, c1, c1.1, c2, b");

        // On a core that serves a job, outside its callbacks, Continue runs after that job.
        Ptr<CpuCore> busy = CreateObject<CpuCore>();
        Time t0 = Simulator::Now();
        busy->Enqueue(MicroSeconds(2), rec.Done("p"));
        busy->Enqueue(MicroSeconds(2), rec.Done("q"));
        Simulator::Schedule(MicroSeconds(1),
                            [&]() { busy->Continue(MicroSeconds(1), rec.Done("r")); });
        Simulator::Run();
        size_t n = rec.Log().size();
        NS_TEST_ASSERT_MSG_EQ(rec.Log()[n - 2].name, "r", "r before the waiting q");
        NS_TEST_ASSERT_MSG_EQ(rec.Log()[n - 2].at, t0 + MicroSeconds(3), "right after p");
        NS_TEST_ASSERT_MSG_EQ(rec.Log()[n - 1].at, t0 + MicroSeconds(5), "q last");

        // On an idle core Continue starts at once.
        Ptr<CpuCore> idle = CreateObject<CpuCore>();
        Time when = Simulator::Now() + MicroSeconds(100);
        Simulator::Schedule(MicroSeconds(100),
                            [&]() { idle->Continue(MicroSeconds(3), rec.Done("idle")); });
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(rec.Log().back().name, "idle", "ran");
        NS_TEST_ASSERT_MSG_EQ(rec.Log().back().at, when + MicroSeconds(3), "started at once");
        Simulator::Destroy();
    }
};

class CpuCoreCurrentTestCase : public TestCase
{
  public:
    CpuCoreCurrentTestCase()
        : TestCase("GetCurrent is the completing core during done and nullptr otherwise")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<CpuCore> first = CreateObject<CpuCore>();
        Ptr<CpuCore> second = CreateObject<CpuCore>();
        first->SetIndex(0);
        second->SetIndex(1);
        std::vector<Ptr<CpuCore>> seen;
        auto look = [&seen]() { seen.push_back(CpuCore::GetCurrent()); };
        NS_TEST_ASSERT_MSG_EQ(CpuCore::GetCurrent(), nullptr, "before the run");
        first->Enqueue(MicroSeconds(1), Callback<void>(look));
        second->Enqueue(MicroSeconds(2), Callback<void>(look));
        // An ordinary event between the completions, and one at the same time as a completion.
        Simulator::Schedule(NanoSeconds(1500), look);
        Simulator::Schedule(MicroSeconds(2), look);
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(seen.size(), 4, "four looks");
        NS_TEST_ASSERT_MSG_EQ(seen[0], first, "first core's done");
        NS_TEST_ASSERT_MSG_EQ(seen[1], nullptr, "plain event");
        // At 2 us the completion (scheduled at t=0) runs before the event scheduled later.
        NS_TEST_ASSERT_MSG_EQ(seen[2], second, "second core's done");
        NS_TEST_ASSERT_MSG_EQ(seen[3], nullptr, "plain event at the same time");
        NS_TEST_ASSERT_MSG_EQ(CpuCore::GetCurrent(), nullptr, "after the run");
        Simulator::Destroy();
    }
};

class CpuCoreContextTestCase : public TestCase
{
  public:
    CpuCoreContextTestCase()
        : TestCase("completions run in the context of the core's node; a disposed core stops")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<CpuCore> core = CreateObject<CpuCore>();
        core->SetNodeId(7);
        NS_TEST_ASSERT_MSG_EQ(core->GetNodeId(), 7, "node id");
        uint32_t context = 0;
        core->Enqueue(MicroSeconds(1),
                      Callback<void>([&context]() { context = Simulator::GetContext(); }));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(context, 7, "done ran in node 7's context");

        bool ran = false;
        core->Enqueue(MicroSeconds(1), Callback<void>([&ran]() { ran = true; }));
        core->Enqueue(MicroSeconds(1), Callback<void>([&ran]() { ran = true; }));
        core->Dispose();
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(ran, false, "no callback after Dispose");
        Simulator::Destroy();
    }
};

class CpuCoreTestSuite : public TestSuite
{
  public:
    CpuCoreTestSuite()
        : TestSuite("ipsec-cpu-core", UNIT)
    {
        AddTestCase(new CpuCoreFifoTestCase, TestCase::QUICK);
        AddTestCase(new CpuCoreUtilizationTestCase, TestCase::QUICK);
        AddTestCase(new CpuCoreBacklogTestCase, TestCase::QUICK);
        AddTestCase(new CpuCoreContinueTestCase, TestCase::QUICK);
        AddTestCase(new CpuCoreCurrentTestCase, TestCase::QUICK);
        AddTestCase(new CpuCoreContextTestCase, TestCase::QUICK);
    }
};

CpuCoreTestSuite g_cpuCoreTestSuite;

} // namespace
