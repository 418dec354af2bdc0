/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The SA selection policies (model/sa-selection/) alone, on a SAD and a CPU model: which
// outbound SA each variant takes for a core, which acquire it asks for, which core processes
// an SA, and the keywords of the example option --saMode. End to end on multi-core gateways:
// ipsec-per-cpu-sa.

#include "ns3/cpu-core.h"
#include "ns3/cpu-model.h"
#include "ns3/per-cpu-sa-selection.h"
#include "ns3/pinned-sa-selection.h"
#include "ns3/security-association-database.h"
#include "ns3/single-sa-selection.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <stdexcept>

using namespace ns3;

namespace
{

constexpr uint32_t REQID = 7;

Ptr<IpsecSa>
OutboundSa(uint32_t spi, uint32_t cpu)
{
    SaParams p;
    p.direction = SaDirection::OUTBOUND;
    p.spi = spi;
    p.reqid = REQID;
    p.cpu = cpu;
    p.suite = CipherSuite::FromKeyword("aes128gcm16");
    p.encryptionKey.resize(p.suite.EncrKeyBytes());
    return Create<IpsecSa>(p, CryptoMode::SIZE_ONLY);
}

Ptr<CpuModel>
FourCores()
{
    Ptr<CpuModel> cpus = CreateObject<CpuModel>();
    cpus->SetAttribute("Cores", UintegerValue(4));
    return cpus;
}

class SingleSelectionTestCase : public TestCase
{
  public:
    SingleSelectionTestCase()
        : TestCase("single: the newest SA of the reqid for every core, an ordinary acquire")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<SaSelectionPolicy> single = CreateObject<SingleSaSelection>();
        SecurityAssociationDatabase sad;
        SaChoice none = single->SelectOutbound(sad, REQID, 2);
        NS_TEST_ASSERT_MSG_EQ((none.sa == nullptr), true, "no SA");
        NS_TEST_ASSERT_MSG_EQ(none.acquire, true, "acquire");
        NS_TEST_ASSERT_MSG_EQ(none.acquireCpu, SaParams::NO_CPU, "an ordinary one");
        Ptr<IpsecSa> old = OutboundSa(1000, SaParams::NO_CPU);
        Ptr<IpsecSa> bound = OutboundSa(1003, 3);
        sad.Add(old);
        sad.Add(bound);
        for (uint32_t core = 0; core < 4; ++core)
        {
            SaChoice c = single->SelectOutbound(sad, REQID, core);
            NS_TEST_ASSERT_MSG_EQ(c.sa, bound, "core " << core << ": the newest, bound or not");
            NS_TEST_ASSERT_MSG_EQ(c.acquire, false, "no acquire");
        }
        Ptr<CpuModel> cpus = FourCores();
        NS_TEST_ASSERT_MSG_EQ(single->ChooseCore(*bound, cpus->GetCore(2), *cpus),
                              cpus->GetCore(2),
                              "the core the packet is on");
        NS_TEST_ASSERT_MSG_EQ(single->ChooseCore(*bound, nullptr, *cpus),
                              cpus->GetCore(cpus->GetApplicationCore()),
                              "else the application's core");
        NS_TEST_ASSERT_MSG_EQ(single->GetKeyword(), "single", "keyword");
    }
};

class PinnedSelectionTestCase : public TestCase
{
  public:
    PinnedSelectionTestCase()
        : TestCase("pinned: the newest SA, processed on the core it is bound to (0 if none)")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<SaSelectionPolicy> pinned = CreateObject<PinnedSaSelection>();
        SecurityAssociationDatabase sad;
        Ptr<IpsecSa> sa = OutboundSa(1000, SaParams::NO_CPU);
        sad.Add(sa);
        NS_TEST_ASSERT_MSG_EQ(pinned->SelectOutbound(sad, REQID, 3).sa, sa, "the one SA");
        Ptr<CpuModel> cpus = FourCores();
        NS_TEST_ASSERT_MSG_EQ(pinned->ChooseCore(*sa, cpus->GetCore(3), *cpus),
                              cpus->GetCore(0),
                              "unbound: core 0, whatever core the packet is on");
        NS_TEST_ASSERT_MSG_EQ(pinned->ChooseCore(*OutboundSa(1002, 2), cpus->GetCore(3), *cpus),
                              cpus->GetCore(2),
                              "bound to 2: core 2");
        NS_TEST_ASSERT_MSG_EQ(pinned->ChooseCore(*OutboundSa(1006, 6), nullptr, *cpus),
                              cpus->GetCore(2),
                              "a binding beyond the cores wraps (6 mod 4)");
        NS_TEST_ASSERT_MSG_EQ(pinned->GetKeyword(), "pinned", "keyword");
    }
};

class PerCpuSelectionTestCase : public TestCase
{
  public:
    PerCpuSelectionTestCase()
        : TestCase("per-cpu: own SA, else the fallback and a per-core acquire, else an ordinary "
                   "acquire (Linux 6.13)")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<SaSelectionPolicy> perCpu = CreateObject<PerCpuSaSelection>();
        SecurityAssociationDatabase sad;
        SaChoice none = perCpu->SelectOutbound(sad, REQID, 1);
        NS_TEST_ASSERT_MSG_EQ((none.sa == nullptr), true, "nothing");
        NS_TEST_ASSERT_MSG_EQ(none.acquire, true, "acquire");
        NS_TEST_ASSERT_MSG_EQ(none.acquireCpu, SaParams::NO_CPU, "for the fallback");
        Ptr<IpsecSa> fallback = OutboundSa(1000, SaParams::NO_CPU);
        sad.Add(fallback);
        SaChoice meanwhile = perCpu->SelectOutbound(sad, REQID, 1);
        NS_TEST_ASSERT_MSG_EQ(meanwhile.sa, fallback, "the fallback carries the packet");
        NS_TEST_ASSERT_MSG_EQ(meanwhile.acquire, true, "acquire");
        NS_TEST_ASSERT_MSG_EQ(meanwhile.acquireCpu, 1, "for core 1");
        Ptr<IpsecSa> own = OutboundSa(1001, 1);
        Ptr<IpsecSa> other = OutboundSa(1003, 3);
        sad.Add(own);
        sad.Add(other);
        SaChoice mine = perCpu->SelectOutbound(sad, REQID, 1);
        NS_TEST_ASSERT_MSG_EQ(mine.sa, own, "core 1's own SA");
        NS_TEST_ASSERT_MSG_EQ(mine.acquire, false, "no acquire");
        NS_TEST_ASSERT_MSG_EQ(perCpu->SelectOutbound(sad, REQID, 2).sa,
                              fallback,
                              "core 2 never takes core 3's SA, although it is the newest");
        NS_TEST_ASSERT_MSG_EQ(perCpu->GetKeyword(), "per-cpu", "keyword");
    }
};

class KeywordTestCase : public TestCase
{
  public:
    KeywordTestCase()
        : TestCase("keywords of --saMode map to the variants; others are refused by name")
    {
    }

  private:
    void DoRun() override
    {
        NS_TEST_ASSERT_MSG_EQ(
            SaSelectionPolicy::LookupKeyword("single"), SingleSaSelection::GetTypeId(), "single");
        NS_TEST_ASSERT_MSG_EQ(
            SaSelectionPolicy::LookupKeyword("pinned"), PinnedSaSelection::GetTypeId(), "pinned");
        NS_TEST_ASSERT_MSG_EQ(
            SaSelectionPolicy::LookupKeyword("per-cpu"), PerCpuSaSelection::GetTypeId(), "per-cpu");
        std::string message;
        try
        {
            SaSelectionPolicy::LookupKeyword("percpu");
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        NS_TEST_ASSERT_MSG_NE(message.find("'percpu'"), std::string::npos, "names the value");
        NS_TEST_ASSERT_MSG_NE(
            message.find("single, pinned or per-cpu"), std::string::npos, "and what is accepted");
    }
};

class SaSelectionTestSuite : public TestSuite
{
  public:
    SaSelectionTestSuite()
        : TestSuite("ipsec-sa-selection", UNIT)
    {
        AddTestCase(new SingleSelectionTestCase, TestCase::QUICK);
        AddTestCase(new PinnedSelectionTestCase, TestCase::QUICK);
        AddTestCase(new PerCpuSelectionTestCase, TestCase::QUICK);
        AddTestCase(new KeywordTestCase, TestCase::QUICK);
    }
};

SaSelectionTestSuite g_saSelectionTestSuite;

} // namespace
