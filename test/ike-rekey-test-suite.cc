/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// INFORMATIONAL exchanges and the IKE SA rekey, end to end on host1 - gw1 = gw2 - host2:
// Child SA delete (also crossing), IKE SA delete, liveness checks (answered, and a dead peer),
// the IKE SA rekey (new SPIs and keys, Child SAs moved, Message IDs from 0, traffic on), its
// collisions (simultaneous IKE SA rekeys; TEMPORARY_FAILURE while a Child SA exchange runs).

#include "ns3/gateway-pair-topology.h"
#include "ns3/ike-delete-child-sa-task.h"
#include "ns3/ike-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipsec-helper.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"

#include <functional>

using namespace ns3;

namespace
{

/**
 * \ingroup ipsec-tests
 * A tunnel keyed by IKE with UDP sockets on both hosts (as in ipsec-ike-daemon); subclasses
 * configure the daemons, act on them during the run and check the outcome.
 */
class IkeRekeyTestCase : public TestCase
{
  public:
    explicit IkeRekeyTestCase(const std::string& name)
        : TestCase(name)
    {
    }

  protected:
    /// Changes one daemon's configuration before it starts.
    using Tweak = std::function<void(IkePeerConfig&)>;

    /// Builds the scenario; \p initiator and \p responder adjust the daemons.
    void Build(Tweak initiator = {}, Tweak responder = {})
    {
        m_topology = std::make_unique<GatewayPairTopology>("100Mbps", "1ms");
        IpsecHelper ipsec;
        ipsec.Install(m_topology->Gateways());
        ipsec.AssignStreams(m_topology->Gateways(), 10);
        m_tunnel = m_helper.Install(m_topology->End1(), m_topology->End2());
        m_helper.AssignStreams(20);
        Reconfigure(m_tunnel.initiator, initiator);
        Reconfigure(m_tunnel.responder, responder);
        m_socket1 = MakeSocket(m_topology->Host1(), 1000, m_received1);
        m_socket2 = MakeSocket(m_topology->Host2(), 2000, m_received2);
    }

    static void Reconfigure(Ptr<IkeDaemon> daemon, const Tweak& tweak)
    {
        if (tweak)
        {
            IkePeerConfig config = daemon->GetConfig();
            tweak(config);
            daemon->SetConnection(0, config);
        }
    }

    Ptr<Socket> MakeSocket(Ptr<Node> node, uint16_t port, uint32_t& received)
    {
        Ptr<Socket> s = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        s->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
        s->SetRecvCallback(MakeCallback(+[](uint32_t* count, Ptr<Socket> socket)
                                        {
                                            while (socket->Recv())
                                            {
                                                (*count)++;
                                            }
                                        })
                               .Bind(&received));
        return s;
    }

    /// Sends \p count datagrams each way, one every 10 ms from \p start.
    void SendBothWays(Time start, uint32_t count)
    {
        for (uint32_t i = 0; i < count; ++i)
        {
            Simulator::Schedule(
                start + MilliSeconds(10 * i),
                [this]()
                {
                    m_socket1->SendTo(Create<Packet>(200),
                                      0,
                                      InetSocketAddress(m_topology->Host2Address(), 2000));
                    m_socket2->SendTo(Create<Packet>(200),
                                      0,
                                      InetSocketAddress(m_topology->Host1Address(), 1000));
                });
        }
    }

    /// \param at when \param action what to do then
    static void At(Time at, std::function<void()> action)
    {
        Simulator::Schedule(at, action);
    }

    /// \returns our inbound SPI of the only Child SA of \p daemon (0 if not exactly one)
    static uint32_t OnlyInboundSpi(Ptr<IkeDaemon> daemon)
    {
        auto children = daemon->GetChildSas();
        return children.size() == 1 ? children.front().inboundSpi : 0;
    }

    /// Checks that both ends hold exactly one matching Child SA pair, in their data planes too.
    void CheckOnePair(const std::string& when)
    {
        auto ci = m_tunnel.initiator->GetChildSas();
        auto cr = m_tunnel.responder->GetChildSas();
        NS_TEST_ASSERT_MSG_EQ(ci.size(), 1, when << ": initiator holds one Child SA");
        NS_TEST_ASSERT_MSG_EQ(cr.size(), 1, when << ": responder holds one Child SA");
        if (ci.size() != 1 || cr.size() != 1)
        {
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(ci.front().inboundSpi, cr.front().outboundSpi, when << ": pair");
        NS_TEST_ASSERT_MSG_EQ(ci.front().outboundSpi, cr.front().inboundSpi, when << ": pair");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.tunnel.a.dataPlane->GetSas().size(), 2, when << ": gw1");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.tunnel.b.dataPlane->GetSas().size(), 2, when << ": gw2");
    }

    /// Checks that neither end holds a Child SA, in the daemon or the data plane.
    void CheckNoChildSa(const std::string& when)
    {
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetChildSas().size(), 0, when << ": gw1");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.responder->GetChildSas().size(), 0, when << ": gw2");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.tunnel.a.dataPlane->GetSas().size(), 0, when << ": gw1");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.tunnel.b.dataPlane->GetSas().size(), 0, when << ": gw2");
    }

    void DoTeardown() override
    {
        m_socket1 = m_socket2 = nullptr;
        m_tunnel = IkeTunnel();
        Simulator::Destroy();
        m_topology.reset();
        m_received1 = m_received2 = 0;
    }

    IkeHelper m_helper;
    std::unique_ptr<GatewayPairTopology> m_topology;
    IkeTunnel m_tunnel;
    Ptr<Socket> m_socket1;
    Ptr<Socket> m_socket2;
    uint32_t m_received1{0};
    uint32_t m_received2{0};
};

/// One end deletes the Child SA pair: both ends and both data planes lose it, traffic stops.
class ChildDeleteTestCase : public IkeRekeyTestCase
{
  public:
    ChildDeleteTestCase()
        : IkeRekeyTestCase("Child SA delete: both ends lose the pair, the IKE SA stays")
    {
    }

  private:
    void DoRun() override
    {
        Build();
        bool queued = false;
        At(Seconds(1),
           [&]()
           { queued = m_tunnel.responder->DeleteChildSa(OnlyInboundSpi(m_tunnel.responder)); });
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(queued, true, "the pair was known");
        CheckNoChildSa("after the Delete");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->IsEstablished(), true, "IKE SA stays");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.responder->IsEstablished(), true, "IKE SA stays");
        const IkeStatistics& si = m_tunnel.initiator->GetStatistics();
        const IkeStatistics& sr = m_tunnel.responder->GetStatistics();
        NS_TEST_ASSERT_MSG_EQ(sr.exchangesInitiated.at("INFORMATIONAL"), 1, "one exchange");
        NS_TEST_ASSERT_MSG_EQ(si.exchangesResponded.at("INFORMATIONAL"), 1, "answered");
        NS_TEST_ASSERT_MSG_EQ(si.childSasDeleted + sr.childSasDeleted, 2, "one pair each");
        NS_TEST_ASSERT_MSG_EQ(si.deleteCollisions + sr.deleteCollisions, 0, "no collision");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetDropCount(), 0, "nothing dropped");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.responder->GetDropCount(), 0, "nothing dropped");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->DeleteChildSa(1234), false, "unknown pair");
    }
};

/// Both ends delete the pair at once: each answers without a Delete payload, no half-pair.
class CrossingDeleteTestCase : public IkeRekeyTestCase
{
  public:
    CrossingDeleteTestCase()
        : IkeRekeyTestCase("crossing Child SA deletes: both answered, no half-closed pair")
    {
    }

  private:
    void DoRun() override
    {
        Build();
        At(Seconds(1),
           [&]()
           {
               m_tunnel.initiator->DeleteChildSa(OnlyInboundSpi(m_tunnel.initiator));
               m_tunnel.responder->DeleteChildSa(OnlyInboundSpi(m_tunnel.responder));
           });
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        CheckNoChildSa("after crossing Deletes");
        const IkeStatistics& si = m_tunnel.initiator->GetStatistics();
        const IkeStatistics& sr = m_tunnel.responder->GetStatistics();
        NS_TEST_ASSERT_MSG_EQ(si.deleteCollisions, 1, "gw1 saw the crossing delete");
        NS_TEST_ASSERT_MSG_EQ(sr.deleteCollisions, 1, "gw2 saw the crossing delete");
        NS_TEST_ASSERT_MSG_EQ(si.exchangesInitiated.at("INFORMATIONAL"), 1, "gw1's completed");
        NS_TEST_ASSERT_MSG_EQ(sr.exchangesInitiated.at("INFORMATIONAL"), 1, "gw2's completed");
        NS_TEST_ASSERT_MSG_EQ(si.retransmissions + sr.retransmissions, 0, "all answered");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->IsEstablished(), true, "IKE SA stays");
    }
};

/// A Delete for the IKE SA removes it and its Child SAs on both ends.
class IkeDeleteTestCase : public IkeRekeyTestCase
{
  public:
    IkeDeleteTestCase(bool byInitiator)
        : IkeRekeyTestCase(std::string("IKE SA delete by the ")
                           + (byInitiator ? "initiator" : "responder")
                           + ": everything gone on both ends")
        , m_byInitiator(byInitiator)
    {
    }

  private:
    void DoRun() override
    {
        Build();
        bool closed = false;
        At(Seconds(1),
           [&]()
           { closed = (m_byInitiator ? m_tunnel.initiator : m_tunnel.responder)->CloseIkeSa(); });
        // No traffic afterwards: an acquire would start a new IKE SA (start action "start").
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(closed, true, "there was an IKE SA to close");
        CheckNoChildSa("after the IKE SA Delete");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetSessions().size(), 0, "gw1 forgot it");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.responder->GetSessions().size(), 0, "gw2 forgot it");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->IsEstablished(), false, "gone");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetStatistics().ikeSasFailed, 0, "not failed");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.responder->GetStatistics().ikeSasFailed, 0, "not failed");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetDropCount(), 0, "nothing dropped");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.responder->GetDropCount(), 0, "nothing dropped");
    }

    bool m_byInitiator;
};

/// With dpdDelay, a quiet peer is checked with empty INFORMATIONAL exchanges, which it answers.
class LivenessTestCase : public IkeRekeyTestCase
{
  public:
    LivenessTestCase()
        : IkeRekeyTestCase("liveness: empty INFORMATIONAL after dpdDelay of silence, answered")
    {
    }

  private:
    void DoRun() override
    {
        Build([](IkePeerConfig& c) { c.dpdDelay = Seconds(30); });
        Simulator::Stop(Seconds(100));
        Simulator::Run();
        const IkeStatistics& si = m_tunnel.initiator->GetStatistics();
        const IkeStatistics& sr = m_tunnel.responder->GetStatistics();
        // Up at ~0 s; quiet, so checks at 30, 60 and 90 s.
        NS_TEST_ASSERT_MSG_EQ(si.livenessChecks, 3, "one check per dpdDelay of silence");
        NS_TEST_ASSERT_MSG_EQ(si.exchangesInitiated.at("INFORMATIONAL"), 3, "all answered");
        NS_TEST_ASSERT_MSG_EQ(sr.exchangesResponded.at("INFORMATIONAL"), 3, "answered");
        NS_TEST_ASSERT_MSG_EQ(sr.livenessChecks, 0, "dpdDelay 0: the responder does not check");
        NS_TEST_ASSERT_MSG_EQ(si.retransmissions, 0, "no retransmission");
        CheckOnePair("after the checks");
        const IkeSession* session = m_tunnel.initiator->GetSession();
        NS_TEST_ASSERT_MSG_NE(session, nullptr, "session");
        if (session)
        {
            NS_TEST_ASSERT_MSG_GT(session->GetLastReceived(), Seconds(90), "heard lately");
            NS_TEST_ASSERT_MSG_EQ(session->GetSa().GetNextRequestId(), 5, "IDs 2 to 4 used");
        }
    }
};

/// A peer that stops answering is found dead: the IKE SA fails after the retransmissions.
class DeadPeerTestCase : public IkeRekeyTestCase
{
  public:
    DeadPeerTestCase()
        : IkeRekeyTestCase("liveness: a silent peer fails the IKE SA after the retransmissions")
    {
    }

  private:
    void DoRun() override
    {
        Build([](IkePeerConfig& c) { c.dpdDelay = Seconds(10); });
        m_tunnel.responder->SetStopTime(Seconds(5));
        Simulator::Stop(Seconds(200));
        Simulator::Run();
        const IkeStatistics& si = m_tunnel.initiator->GetStatistics();
        NS_TEST_ASSERT_MSG_EQ(si.livenessChecks, 1, "one check, never answered");
        NS_TEST_ASSERT_MSG_EQ(si.retransmissions, 5, "strongSwan's five retransmissions");
        NS_TEST_ASSERT_MSG_EQ(si.ikeSasFailed, 1, "the IKE SA failed");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->IsEstablished(), false, "not up");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetChildSas().size(), 0, "Child SA gone");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.tunnel.a.dataPlane->GetSas().size(), 0, "gw1 empty");
    }
};

/// The suite.
class IkeRekeyTestSuite : public TestSuite
{
  public:
    IkeRekeyTestSuite()
        : TestSuite("ipsec-ike-rekey", UNIT)
    {
        AddTestCase(new ChildDeleteTestCase, TestCase::QUICK);
        AddTestCase(new CrossingDeleteTestCase, TestCase::QUICK);
        AddTestCase(new IkeDeleteTestCase(true), TestCase::QUICK);
        AddTestCase(new IkeDeleteTestCase(false), TestCase::QUICK);
        AddTestCase(new LivenessTestCase, TestCase::QUICK);
        AddTestCase(new DeadPeerTestCase, TestCase::QUICK);
    }
};

/// Registers the suite.
IkeRekeyTestSuite g_ikeRekeyTestSuite;

} // namespace
