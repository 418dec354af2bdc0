/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The data plane end to end on host1 - gw1 = gw2 - host2: delivery for every suite and for
// UDP encapsulation, every drop reason on injected packets, acquires, lifetimes, sequence
// overflow and ESN wrap.

#include "ns3/crypto-bytes.h"
#include "ns3/esp-processor.h"
#include "ns3/gateway-pair-topology.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-tunnel-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"

#include <map>

using namespace ns3;

namespace
{

/**
 * A tunnel between two gateways with UDP sockets on both hosts; subclasses configure the
 * tunnel helper, schedule their sends and check the outcome.
 */
class TunnelTestCase : public TestCase
{
  public:
    explicit TunnelTestCase(const std::string& name)
        : TestCase(name)
    {
    }

  protected:
    /// Builds the scenario with \p helper's settings.
    void Build(IpsecTunnelHelper& helper)
    {
        m_topology = std::make_unique<GatewayPairTopology>("1Gbps", "100us");
        IpsecHelper ipsec;
        ipsec.Install(m_topology->Gateways());
        ipsec.AssignStreams(m_topology->Gateways(), 10);
        helper.AssignStreams(20);
        m_tunnel = helper.Install(m_topology->End1(), m_topology->End2());
        m_gw1 = m_tunnel.a.dataPlane;
        m_gw2 = m_tunnel.b.dataPlane;
        m_gw1Outer = m_topology->End1().outerAddress;
        m_gw2Outer = m_topology->End2().outerAddress;
        m_socket1 = MakeSocket(m_topology->Host1(), 1000, m_received1);
        m_socket2 = MakeSocket(m_topology->Host2(), 2000, m_received2);
        for (auto plane : {m_gw1, m_gw2})
        {
            plane->TraceConnectWithoutContext("Drop",
                                              MakeCallback(&TunnelTestCase::CountDrop, this));
        }
    }

    Ptr<Socket> MakeSocket(Ptr<Node> node, uint16_t port, std::vector<Bytes>& received)
    {
        Ptr<Socket> s = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        s->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
        s->SetRecvCallback(MakeCallback(+[](std::vector<Bytes>* out, Ptr<Socket> socket)
                                        {
                                            while (Ptr<Packet> p = socket->Recv())
                                            {
                                                Bytes b(p->GetSize());
                                                p->CopyData(b.data(), b.size());
                                                out->push_back(b);
                                            }
                                        })
                               .Bind(&received));
        return s;
    }

    /// A payload that tells packets apart.
    static Bytes Payload(uint32_t index, uint32_t size = 200)
    {
        Bytes b(size);
        for (uint32_t i = 0; i < size; ++i)
        {
            b[i] = static_cast<uint8_t>(index * 31 + i);
        }
        return b;
    }

    /// Sends payload \p index from host1 to host2 (or back) at \p when.
    void SendAt(Time when, uint32_t index, bool forward = true, uint32_t size = 200)
    {
        Simulator::Schedule(when,
                            [this, index, forward, size]()
                            {
                                Bytes b = Payload(index, size);
                                Ptr<Socket> s = forward ? m_socket1 : m_socket2;
                                Ipv4Address to = forward ? m_topology->Host2Address()
                                                         : m_topology->Host1Address();
                                s->SendTo(Create<Packet>(b.data(), b.size()),
                                          0,
                                          InetSocketAddress(to, forward ? 2000 : 1000));
                            });
    }

    void CountDrop(Ptr<const Packet>, IpsecDropReason reason)
    {
        m_dropTrace[reason]++;
    }

    /// \return the gateway's outbound SA of this tunnel (a copy of its parameters).
    static SaParams OutboundParams(Ptr<IpsecDataPlane> plane)
    {
        for (const auto& sa : plane->GetSas())
        {
            if (sa->Params().direction == SaDirection::OUTBOUND)
            {
                return sa->Params();
            }
        }
        return SaParams();
    }

    void DoTeardown() override
    {
        m_socket1 = m_socket2 = nullptr;
        m_gw1 = m_gw2 = nullptr;
        m_tunnel = IpsecTunnel();
        Simulator::Destroy();
        m_topology.reset();
        m_received1.clear();
        m_received2.clear();
        m_dropTrace.clear();
    }

    std::unique_ptr<GatewayPairTopology> m_topology;
    IpsecTunnel m_tunnel;
    Ptr<IpsecDataPlane> m_gw1;
    Ptr<IpsecDataPlane> m_gw2;
    Ipv4Address m_gw1Outer;
    Ipv4Address m_gw2Outer;
    Ptr<Socket> m_socket1;
    Ptr<Socket> m_socket2;
    std::vector<Bytes> m_received1; //!< at host1
    std::vector<Bytes> m_received2; //!< at host2
    std::map<IpsecDropReason, uint64_t> m_dropTrace;
};

class DeliveryTestCase : public TunnelTestCase
{
  public:
    DeliveryTestCase(const std::string& keyword, CryptoMode mode, bool udpEncap)
        : TunnelTestCase("both directions deliver intact through " + keyword + " " + ToString(mode)
                         + (udpEncap ? " in UDP 4500" : ""))
        , m_keyword(keyword)
        , m_mode(mode)
        , m_udpEncap(udpEncap)
    {
    }

  private:
    void DoRun() override
    {
        IpsecTunnelHelper helper;
        helper.SetCipherSuite(CipherSuite::FromKeyword(m_keyword));
        helper.SetCryptoMode(m_mode);
        helper.SetUdpEncapsulation(m_udpEncap);
        Build(helper);
        std::map<uint8_t, uint32_t> outerProtocols;
        Ptr<Ipv4L3Protocol> ipv4 = m_topology->Gateway1()->GetObject<Ipv4L3Protocol>();
        uint32_t wan = ipv4->GetInterfaceForDevice(m_topology->WanDevices().Get(0));
        ipv4->TraceConnectWithoutContext("Tx",
                                         MakeCallback(+[](std::map<uint8_t, uint32_t>* seen,
                                                          uint32_t wanInterface,
                                                          Ptr<const Packet> p,
                                                          Ptr<Ipv4>,
                                                          uint32_t interface)
                                                      {
                                                          if (interface == wanInterface)
                                                          {
                                                              Ipv4Header h;
                                                              p->PeekHeader(h);
                                                              (*seen)[h.GetProtocol()]++;
                                                          }
                                                      })
                                             .Bind(&outerProtocols, wan));
        const uint32_t count = 20;
        for (uint32_t i = 0; i < count; ++i)
        {
            SendAt(MilliSeconds(10 + i), i, true, 100 + 50 * i);
            SendAt(MilliSeconds(10 + i), 1000 + i, false, 1300 - 50 * i);
        }
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(m_received2.size(), count, "host2 got every packet");
        NS_TEST_ASSERT_MSG_EQ(m_received1.size(), count, "host1 got every packet");
        for (uint32_t i = 0; i < count && i < m_received2.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(
                (m_received2[i] == Payload(i, 100 + 50 * i)), true, "intact " << i);
            NS_TEST_ASSERT_MSG_EQ(
                (m_received1[i] == Payload(1000 + i, 1300 - 50 * i)), true, "intact back " << i);
        }
        NS_TEST_ASSERT_MSG_EQ(m_gw1->GetEspSent(), count, "gw1 encrypted");
        NS_TEST_ASSERT_MSG_EQ(m_gw2->GetEspReceived(), count, "gw2 decrypted");
        NS_TEST_ASSERT_MSG_EQ(m_gw2->GetEspSent(), count, "gw2 encrypted");
        NS_TEST_ASSERT_MSG_EQ(m_gw1->GetEspReceived(), count, "gw1 decrypted");
        NS_TEST_ASSERT_MSG_EQ(m_dropTrace.size(), 0, "no drops");
        // gw1 sends only ESP (or ESP in UDP) on its WAN link, never the inner UDP in clear.
        uint8_t expected = m_udpEncap ? 17 : 50;
        NS_TEST_ASSERT_MSG_EQ(outerProtocols.size(), 1, "nothing else left on the WAN link");
        NS_TEST_ASSERT_MSG_EQ(outerProtocols[expected], count, "outer protocol");
        uint64_t packets = 0;
        for (const auto& sa : m_gw1->GetSas())
        {
            packets += sa->GetCounters().packets;
        }
        NS_TEST_ASSERT_MSG_EQ(packets, 2 * count, "per-SA counters on gw1 (in and out)");
    }

    std::string m_keyword;
    CryptoMode m_mode;
    bool m_udpEncap;
};

class InjectedPacketsTestCase : public TunnelTestCase
{
  public:
    InjectedPacketsTestCase()
        : TunnelTestCase("replayed, forged, tampered, unknown and short packets are counted drops")
    {
    }

  private:
    Bytes Inner(Ipv4Address source)
    {
        Bytes b(48, 0);
        b[0] = 0x45;
        b[3] = 48;
        b[8] = 64;
        b[9] = 17;
        uint32_t s = source.Get();
        uint32_t d = m_topology->Host2Address().Get();
        for (int i = 0; i < 4; ++i)
        {
            b[12 + i] = static_cast<uint8_t>(s >> (24 - 8 * i));
            b[16 + i] = static_cast<uint8_t>(d >> (24 - 8 * i));
        }
        b[23] = 0xd0; // port 2000
        b[22] = 0x07;
        b[25] = 28;
        return b;
    }

    /// Encrypts \p inner with gw1's key but sequence number \p seq, as an attacker with the
    /// key (or a replaying one) could.
    Ptr<Packet> Forge(const Bytes& inner, uint64_t seq)
    {
        Ptr<IpsecSa> forger = Create<IpsecSa>(OutboundParams(m_gw1), CryptoMode::REAL);
        Ptr<Packet> p = Create<Packet>(inner.data(), inner.size());
        m_esp.Encapsulate(*forger, seq, p);
        return p;
    }

    void Inject(Ptr<Packet> p)
    {
        m_gw2->ReceiveEsp(p, m_gw1Outer, m_gw2Outer);
    }

    void DoRun() override
    {
        IpsecTunnelHelper helper;
        Build(helper);
        Ptr<Packet> captured;
        m_gw1->TraceConnectWithoutContext(
            "EspSent", MakeCallback(+[](Ptr<Packet>* out, Ptr<const Packet> p, uint32_t, uint64_t) {
                           *out = p->Copy();
                       }).Bind(&captured));
        SendAt(MilliSeconds(1), 1);
        // In gw2's context, as a packet from its device would be: ns-3 asserts it on delivery.
        Simulator::ScheduleWithContext(
            m_topology->Gateway2()->GetId(),
            MilliSeconds(20),
            [&]()
            {
                Inject(captured->Copy());
                Inject(Forge(Inner(m_topology->Host1Address()), 1)); // replayed sequence number
                Ptr<Packet> tampered = Forge(Inner(m_topology->Host1Address()), 50);
                Bytes b(tampered->GetSize());
                tampered->CopyData(b.data(), b.size());
                b[30] ^= 1;
                Inject(Create<Packet>(b.data(), b.size()));
                Inject(Forge(Inner(Ipv4Address("10.9.9.9")), 51)); // outside the policy
                b[0] ^= 0x80;                                      // unknown SPI
                Inject(Create<Packet>(b.data(), b.size()));
                Inject(Create<Packet>(b.data(), 5));
                Inject(Forge(Inner(m_topology->Host1Address()), 52)); // a good one, still accepted
            });
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(m_gw2->GetDropCount(IpsecDropReason::REPLAY_DUPLICATE), 2, "replays");
        NS_TEST_ASSERT_MSG_EQ(m_gw2->GetDropCount(IpsecDropReason::ICV_FAILURE), 1, "tampered");
        NS_TEST_ASSERT_MSG_EQ(m_gw2->GetDropCount(IpsecDropReason::POLICY_MISMATCH), 1, "policy");
        NS_TEST_ASSERT_MSG_EQ(m_gw2->GetDropCount(IpsecDropReason::BAD_SPI), 1, "unknown SPI");
        NS_TEST_ASSERT_MSG_EQ(m_gw2->GetDropCount(IpsecDropReason::TRUNCATED), 1, "short");
        NS_TEST_ASSERT_MSG_EQ(m_dropTrace[IpsecDropReason::REPLAY_DUPLICATE], 2, "traced");
        NS_TEST_ASSERT_MSG_EQ(m_dropTrace[IpsecDropReason::ICV_FAILURE], 1, "traced");
        NS_TEST_ASSERT_MSG_EQ(m_received2.size(), 2, "the real packet and the last good one");
        NS_TEST_ASSERT_MSG_EQ(m_gw2->GetEspReceived(), 2, "accepted");
    }

    EspProcessor m_esp{CreateObject<UniformRandomVariable>()};
};

class AcquireTestCase : public TunnelTestCase
{
  public:
    AcquireTestCase()
        : TunnelTestCase("no SA: packets dropped, one acquire per reqid and timeout, then an SA")
    {
    }

  private:
    void DoRun() override
    {
        IpsecTunnelHelper helper;
        Build(helper);
        m_gw1->SetAttribute("AcquireTimeout", TimeValue(MilliSeconds(500)));
        SaParams removed = OutboundParams(m_gw1);
        NS_TEST_ASSERT_MSG_EQ(
            m_gw1->DeleteSa(SaDirection::OUTBOUND, removed.spi, removed.tunnelDestination),
            true,
            "deleted");
        std::vector<AcquireEvent> acquires;
        m_gw1->SetAcquireCallback(
            MakeCallback(+[](std::vector<AcquireEvent>* out, const AcquireEvent& e) {
                out->push_back(e);
            }).Bind(&acquires));
        for (uint32_t i = 0; i < 12; ++i)
        {
            SendAt(MilliSeconds(100 * i + 1), i);
        }
        // The key manager answers the third acquire (at 1.0 s) 5 ms later.
        Simulator::Schedule(MilliSeconds(1005), [&]() { m_gw1->AddSa(removed); });
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(acquires.size(), 3, "at 0, 0.5 and 1.0 s: one per timeout");
        NS_TEST_ASSERT_MSG_EQ(acquires.at(0).reqid, m_tunnel.a.interfaceId, "reqid");
        NS_TEST_ASSERT_MSG_EQ(
            acquires.at(0).trigger.destination, m_topology->Host2Address(), "trigger packet");
        NS_TEST_ASSERT_MSG_EQ(m_gw1->GetDropCount(IpsecDropReason::NO_SA), 11, "until the SA");
        NS_TEST_ASSERT_MSG_EQ(m_received2.size(), 1, "then traffic flows");
    }
};

class LifetimeTestCase : public TunnelTestCase
{
  public:
    LifetimeTestCase()
        : TunnelTestCase("soft and hard limits by packets, bytes and time raise expires once")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<ExpireEvent> expires1;
        std::vector<std::pair<Time, ExpireEvent>> expires2;
        {
            SaLifetime lifetime;
            lifetime.softPackets = 5;
            lifetime.hardPackets = 10;
            IpsecTunnelHelper helper;
            helper.SetLifetime(lifetime);
            Build(helper);
            m_gw1->SetExpireCallback(
                MakeCallback(+[](std::vector<ExpireEvent>* out, const ExpireEvent& e) {
                    out->push_back(e);
                }).Bind(&expires1));
            for (uint32_t i = 0; i < 15; ++i)
            {
                SendAt(MilliSeconds(1 + i), i);
            }
            Simulator::Run();
            std::vector<ExpireEvent> outbound;
            for (const auto& e : expires1)
            {
                if (e.direction == SaDirection::OUTBOUND)
                {
                    outbound.push_back(e);
                }
            }
            NS_TEST_ASSERT_MSG_EQ(outbound.size(), 2, "soft then hard");
            NS_TEST_ASSERT_MSG_EQ(outbound.at(0).hard, false, "soft first");
            NS_TEST_ASSERT_MSG_EQ(outbound.at(1).hard, true, "then hard");
            NS_TEST_ASSERT_MSG_EQ(ToString(outbound.at(1).cause), "packets", "cause");
            // The hard limit ends the SA at packet 10; packet 11 finds no SA and its acquire is
            // answered by the key manager 1 ms later, so packets 12 to 15 flow again.
            NS_TEST_ASSERT_MSG_EQ(m_received2.size(), 14, "all but the one without an SA");
            NS_TEST_ASSERT_MSG_EQ(m_gw1->GetDropCount(IpsecDropReason::NO_SA), 1, "one gap");
            NS_TEST_ASSERT_MSG_EQ(m_gw1->GetAcquiresRaised(), 1, "one acquire");
            NS_TEST_ASSERT_MSG_EQ(m_gw1->GetAcquiresAnswered(), 1, "answered");
            NS_TEST_ASSERT_MSG_EQ(
                m_gw2->GetSas().size(),
                3,
                "gw2: the old inbound SA expired; the new pair, its old outbound");
            DoTeardown();
        }
        {
            SaLifetime lifetime;
            lifetime.softTime = Seconds(1);
            lifetime.hardTime = Seconds(2);
            lifetime.hardBytes = 1000000;
            IpsecTunnelHelper helper;
            helper.SetLifetime(lifetime);
            Build(helper);
            m_gw2->SetExpireCallback(
                MakeCallback(+[](std::vector<std::pair<Time, ExpireEvent>>* out,
                                 const ExpireEvent& e) {
                    out->emplace_back(Simulator::Now(), e);
                }).Bind(&expires2));
            SendAt(MilliSeconds(1), 1);
            Simulator::Stop(Seconds(3));
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(expires2.size(), 4, "soft and hard for both SAs of gw2");
            NS_TEST_ASSERT_MSG_EQ(expires2.at(0).first, Seconds(1), "soft at 1 s");
            NS_TEST_ASSERT_MSG_EQ(expires2.at(0).second.hard, false, "soft");
            NS_TEST_ASSERT_MSG_EQ(expires2.at(3).first, Seconds(2), "hard at 2 s");
            NS_TEST_ASSERT_MSG_EQ(ToString(expires2.at(3).second.cause), "time", "cause");
            NS_TEST_ASSERT_MSG_EQ(m_gw2->GetSas().size(), 0, "both SAs gone");
            DoTeardown();
        }
        {
            SaLifetime lifetime;
            lifetime.hardBytes = 5 * 228; // five inner packets of 200 bytes of UDP payload
            IpsecTunnelHelper helper;
            helper.SetLifetime(lifetime);
            Build(helper);
            std::vector<ExpireEvent> events;
            m_gw1->SetExpireCallback(
                MakeCallback(+[](std::vector<ExpireEvent>* out, const ExpireEvent& e) {
                    out->push_back(e);
                }).Bind(&events));
            for (uint32_t i = 0; i < 8; ++i)
            {
                SendAt(MilliSeconds(1 + i), i);
            }
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(m_received2.size(), 7, "five fit the byte limit, 6 has no SA");
            NS_TEST_ASSERT_MSG_EQ(events.empty(), false, "expired");
            NS_TEST_ASSERT_MSG_EQ(ToString(events.at(0).cause), "bytes", "by bytes");
        }
    }
};

class SequenceLimitTestCase : public TunnelTestCase
{
  public:
    SequenceLimitTestCase(bool esn)
        : TunnelTestCase(esn ? "ESN: traffic continues across 2^32 end to end"
                             : "32-bit sequence numbers: the SA stops at 2^32 - 1")
        , m_esn(esn)
    {
    }

  private:
    void DoRun() override
    {
        IpsecTunnelHelper helper;
        helper.SetEsn(m_esn);
        Build(helper);
        SaParams out = OutboundParams(m_gw1);
        m_gw1->GetMutableSa(SaDirection::OUTBOUND, out.spi, out.tunnelDestination)
            ->SetLastSequence(0xFFFFFFF0ULL);
        m_gw2->GetMutableSa(SaDirection::INBOUND, out.spi, out.tunnelDestination)
            ->Replay()
            .SetTop(0xFFFFFFF0ULL);
        std::vector<ExpireEvent> events;
        m_gw1->SetExpireCallback(
            MakeCallback(+[](std::vector<ExpireEvent>* e, const ExpireEvent& ev) {
                e->push_back(ev);
            }).Bind(&events));
        for (uint32_t i = 0; i < 40; ++i)
        {
            SendAt(MilliSeconds(1 + i), i);
        }
        Simulator::Run();
        if (m_esn)
        {
            NS_TEST_ASSERT_MSG_EQ(m_received2.size(), 40, "all delivered across the wrap");
            NS_TEST_ASSERT_MSG_EQ(m_gw2->GetSa(SaDirection::INBOUND, out.spi, out.tunnelDestination)
                                      ->GetCounters()
                                      .packets,
                                  40,
                                  "on one SA");
            NS_TEST_ASSERT_MSG_EQ(events.size(), 0, "no expiry");
        }
        else
        {
            // 0xFFFFFFF1 .. 0xFFFFFFFF, then one overflow, one packet without an SA, and the
            // key manager's new pair carries the remaining 23.
            NS_TEST_ASSERT_MSG_EQ(m_received2.size(), 38, "all but two");
            NS_TEST_ASSERT_MSG_EQ(
                m_gw1->GetDropCount(IpsecDropReason::SEQ_OVERFLOW), 1, "overflow");
            NS_TEST_ASSERT_MSG_EQ(m_gw1->GetDropCount(IpsecDropReason::NO_SA), 1, "SA gone");
            NS_TEST_ASSERT_MSG_EQ(
                (m_gw1->GetSa(SaDirection::OUTBOUND, out.spi, out.tunnelDestination) == nullptr),
                true,
                "the exhausted SA was removed");
            NS_TEST_ASSERT_MSG_EQ(events.size(), 1, "one hard expire");
            NS_TEST_ASSERT_MSG_EQ(events.at(0).hard, true, "hard");
            NS_TEST_ASSERT_MSG_EQ(ToString(events.at(0).cause), "sequence_overflow", "cause");
        }
    }

    bool m_esn;
};

class IpsecDataPlaneTestSuite : public TestSuite
{
  public:
    IpsecDataPlaneTestSuite()
        : TestSuite("ipsec-data-plane", UNIT)
    {
        for (const auto& keyword : CipherSuite::Keywords())
        {
            AddTestCase(new DeliveryTestCase(keyword, CryptoMode::REAL, false), TestCase::QUICK);
        }
        AddTestCase(new DeliveryTestCase("aes128gcm16", CryptoMode::SIZE_ONLY, false),
                    TestCase::QUICK);
        AddTestCase(new DeliveryTestCase("aes128gcm16", CryptoMode::REAL, true), TestCase::QUICK);
        AddTestCase(new DeliveryTestCase("aes256-sha256", CryptoMode::REAL, true), TestCase::QUICK);
        AddTestCase(new InjectedPacketsTestCase, TestCase::QUICK);
        AddTestCase(new AcquireTestCase, TestCase::QUICK);
        AddTestCase(new LifetimeTestCase, TestCase::QUICK);
        AddTestCase(new SequenceLimitTestCase(false), TestCase::QUICK);
        AddTestCase(new SequenceLimitTestCase(true), TestCase::QUICK);
    }
};

IpsecDataPlaneTestSuite g_ipsecDataPlaneTestSuite;

} // namespace
