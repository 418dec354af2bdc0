/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The IKE daemon reaches the data plane only through IpsecSaApi and IpsecNatTraversalPort:
// here it runs against a fake that implements just those two, with no IpsecDataPlane at all.

#include "ns3/ike-daemon.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipsec-nat-traversal-port.h"
#include "ns3/ipsec-sa-api.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

namespace
{

using namespace ns3;

/// A data plane that only records what the daemon asks of the two interfaces.
class FakeDataPlane
    : public Object
    , public IpsecSaApi
    , public IpsecNatTraversalPort
{
  public:
    uint32_t AllocateSpi() override
    {
        return m_nextSpi++;
    }

    uint32_t AddPolicy(const SecurityPolicy&) override
    {
        return ++m_policies;
    }

    bool DeletePolicy(uint32_t) override
    {
        return false;
    }

    void AddSa(const SaParams&) override
    {
        m_sasAdded++;
    }

    bool DeleteSa(SaDirection, uint32_t, Ipv4Address) override
    {
        return false;
    }

    Ptr<const IpsecSa> GetSa(SaDirection, uint32_t, Ipv4Address) const override
    {
        return nullptr;
    }

    std::vector<Ptr<const IpsecSa>> GetSas() const override
    {
        return {};
    }

    void SetAcquireCallback(AcquireCallback callback) override
    {
        m_acquire = callback;
    }

    void SetExpireCallback(ExpireCallback callback) override
    {
        m_expire = callback;
    }

    void SetNatTraversalIkeCallback(NatTraversalIkeCallback callback) override
    {
        m_natReceive = callback;
    }

    void SendNatTraversalIke(const Bytes&, Ipv4Address) override
    {
        m_natSent++;
    }

    uint32_t m_nextSpi{0x1000};
    uint32_t m_policies{0};
    uint32_t m_sasAdded{0};
    uint32_t m_natSent{0};
    AcquireCallback m_acquire;
    ExpireCallback m_expire;
    NatTraversalIkeCallback m_natReceive;
};

/// The daemon subscribes through the interfaces at start, answers an acquire by initiating,
/// counts a stray port-4500 datagram as a drop, and unsubscribes at stop.
class FakeDataPlaneTestCase : public TestCase
{
  public:
    FakeDataPlaneTestCase()
        : TestCase("IkeDaemon works against IpsecSaApi and IpsecNatTraversalPort only")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Node> node = CreateObject<Node>();
        InternetStackHelper().Install(node);
        Ptr<FakeDataPlane> fake = CreateObject<FakeDataPlane>();
        Ptr<IkeDaemon> daemon = CreateObject<IkeDaemon>();
        IkePeerConfig config;
        config.localAddress = Ipv4Address::GetAny();
        config.peerAddress = Ipv4Address("192.0.2.2");
        config.startAction = IkeStartAction::TRAP;
        config.reqid = 7;
        daemon->Configure(config, fake);
        node->AddApplication(daemon);
        daemon->SetStartTime(Seconds(0));
        daemon->SetStopTime(Seconds(1));
        NS_TEST_ASSERT_MSG_EQ(daemon->GetDataPlane(),
                              static_cast<IpsecSaApi*>(PeekPointer(fake)),
                              "GetDataPlane is the SA interface of the object given");

        uint32_t sent = 0;
        daemon->TraceConnectWithoutContext(
            "Tx", Callback<void, const Bytes&>([&sent](const Bytes&) { sent++; }));
        bool subscribed = false;
        Simulator::Schedule(MilliSeconds(10),
                            [&]()
                            {
                                subscribed = !fake->m_acquire.IsNull() && !fake->m_expire.IsNull()
                                             && !fake->m_natReceive.IsNull();
                                // A datagram on 4500 from nobody we know: dropped and counted.
                                fake->m_natReceive(Bytes(40, 0), Ipv4Address("198.51.100.9"), 4500);
                                // An acquire of the connection's reqid starts its IKE SA (TRAP).
                                AcquireEvent acquire;
                                acquire.reqid = 7;
                                fake->m_acquire(acquire);
                            });
        Simulator::Stop(Seconds(2));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(subscribed, true, "callbacks set through the interfaces");
        NS_TEST_ASSERT_MSG_EQ(daemon->GetStatistics().drops.count("unknown peer"),
                              1,
                              "the stray 4500 datagram was counted");
        NS_TEST_ASSERT_MSG_EQ(daemon->GetSessions().size(), 1, "the acquire created an IKE SA");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(sent, 1u, "IKE_SA_INIT was sent on UDP 500");
        NS_TEST_ASSERT_MSG_EQ(fake->m_natSent, 0, "IKE_SA_INIT never uses port 4500");
        NS_TEST_ASSERT_MSG_EQ(fake->m_natReceive.IsNull(), true, "unsubscribed at stop");
        Simulator::Destroy();
    }
};

/// The suite.
class IkeDaemonInterfacesTestSuite : public TestSuite
{
  public:
    IkeDaemonInterfacesTestSuite()
        : TestSuite("ipsec-ike-daemon-interfaces", UNIT)
    {
        AddTestCase(new FakeDataPlaneTestCase, TestCase::QUICK);
    }
};

IkeDaemonInterfacesTestSuite g_ikeDaemonInterfacesTestSuite;

} // namespace
