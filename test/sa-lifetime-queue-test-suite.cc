/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// SaLifetimeQueue: limits fire at their times, those due together in the order they were
// armed; re-arming replaces, disarming removes (also from inside a handler), and the heap stays
// ordered through many random arms and disarms (checked against a sorted reference).

#include "ns3/ipsec-sa.h"
#include "ns3/sa-lifetime-queue.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <functional>
#include <map>
#include <random>
#include <tuple>
#include <vector>

using namespace ns3;

namespace
{

Ptr<IpsecSa>
MakeSa(uint32_t spi)
{
    SaParams p;
    p.direction = SaDirection::INBOUND;
    p.spi = 0x1000 + spi;
    p.reqid = 1;
    p.tunnelDestination = Ipv4Address("192.0.2.1");
    p.suite = CipherSuite::FromKeyword("aes128gcm16");
    p.encryptionKey.resize(p.suite.EncrKeyBytes());
    return Create<IpsecSa>(p, CryptoMode::SIZE_ONLY);
}

/// One limit that fired: when, which SA, hard or soft.
using Firing = std::tuple<int64_t, uint32_t, bool>;

class LifetimeOrderTestCase : public TestCase
{
  public:
    LifetimeOrderTestCase()
        : TestCase("limits fire at their times, ties in arming order; re-arm replaces, disarm "
                   "removes")
    {
    }

  private:
    void DoRun() override
    {
        SaLifetimeQueue queue;
        std::vector<Firing> fired;
        Ptr<IpsecSa> a = MakeSa(1);
        Ptr<IpsecSa> b = MakeSa(2);
        Ptr<IpsecSa> c = MakeSa(3);
        Ptr<IpsecSa> d = MakeSa(4);
        std::function<void(Ptr<IpsecSa>, bool)> handle = [&](Ptr<IpsecSa> sa, bool hard)
        {
            fired.emplace_back(Simulator::Now().GetMilliSeconds(), sa->Params().spi - 0x1000, hard);
            if (sa == a && !hard)
            {
                queue.Arm(a, Simulator::Now() + MilliSeconds(5), true); // soft arms hard
                queue.Disarm(d); // a handler may remove another SA's limit
            }
        };
        queue.SetHandler(
            MakeCallback(&std::function<void(Ptr<IpsecSa>, bool)>::operator(), &handle));
        queue.Arm(c, MilliSeconds(10), true);
        queue.Arm(b, MilliSeconds(10), false); // armed after c, due with it: fires after c
        queue.Arm(a, MilliSeconds(3), false);
        queue.Arm(d, MilliSeconds(20), true);
        queue.Arm(b, MilliSeconds(8), true); // replaces b's soft limit; due with a's hard one
                                             // (armed at 3 ms), before it
        NS_TEST_ASSERT_MSG_EQ(queue.Size(), 4, "one limit per SA");
        Simulator::Run();
        std::vector<Firing> expected = {{3, 1, false}, {8, 2, true}, {8, 1, true}, {10, 3, true}};
        NS_TEST_ASSERT_MSG_EQ(fired.size(), expected.size(), "limits fired");
        for (size_t i = 0; i < expected.size() && i < fired.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ((fired[i] == expected[i]),
                                  true,
                                  "firing " << i << " at " << std::get<0>(fired[i]) << " ms, SPI "
                                            << std::get<1>(fired[i]));
        }
        NS_TEST_ASSERT_MSG_EQ(queue.Size(), 0, "nothing left");
        NS_TEST_ASSERT_MSG_EQ(d->lifetimeSlot, IpsecSa::NO_LIFETIME_SLOT, "d disarmed");
        Simulator::Destroy();
    }
};

class LifetimeHeapTestCase : public TestCase
{
  public:
    LifetimeHeapTestCase()
        : TestCase("many random arms and disarms fire exactly the limits left, in time order")
    {
    }

  private:
    void DoRun() override
    {
        SaLifetimeQueue queue;
        std::vector<std::pair<int64_t, uint32_t>> fired;
        std::function<void(Ptr<IpsecSa>, bool)> handle = [&](Ptr<IpsecSa> sa, bool)
        { fired.emplace_back(Simulator::Now().GetMicroSeconds(), sa->Params().spi - 0x1000); };
        queue.SetHandler(
            MakeCallback(&std::function<void(Ptr<IpsecSa>, bool)>::operator(), &handle));
        std::mt19937 random(4303);
        std::vector<Ptr<IpsecSa>> sas;
        std::map<uint32_t, int64_t> armed; // SPI -> microseconds
        for (uint32_t spi = 1; spi <= 3000; ++spi)
        {
            sas.push_back(MakeSa(spi));
        }
        for (uint32_t step = 0; step < 12000; ++step)
        {
            Ptr<IpsecSa> sa = sas[random() % sas.size()];
            uint32_t spi = sa->Params().spi - 0x1000;
            if (random() % 4 == 0)
            {
                queue.Disarm(sa);
                armed.erase(spi);
            }
            else
            {
                int64_t at = 1 + random() % 5000; // ties are frequent
                queue.Arm(sa, MicroSeconds(at), random() % 2 == 0);
                armed[spi] = at;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(queue.Size(), armed.size(), "one limit per armed SA");
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(fired.size(), armed.size(), "every armed limit fired once");
        for (const auto& [at, spi] : fired)
        {
            NS_TEST_ASSERT_MSG_EQ(at, armed[spi], "SPI " << spi << " fired at its time");
        }
        for (size_t i = 1; i < fired.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ((fired[i - 1].first <= fired[i].first), true, "time order");
        }
        Simulator::Destroy();
    }
};

class SaLifetimeQueueTestSuite : public TestSuite
{
  public:
    SaLifetimeQueueTestSuite()
        : TestSuite("ipsec-sa-lifetime-queue", UNIT)
    {
        AddTestCase(new LifetimeOrderTestCase, TestCase::QUICK);
        AddTestCase(new LifetimeHeapTestCase, TestCase::QUICK);
    }
};

SaLifetimeQueueTestSuite g_saLifetimeQueueTestSuite;

} // namespace
