/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// COOKIEs (RFC 7296 2.6) and NAT traversal (RFC 7296 2.23, RFC 3948) of the IKEv2 daemon on
// host1 - gw1 = gw2 - host2: a responder that always asks for a cookie keeps no state until the
// initiator repeats IKE_SA_INIT with N(COOKIE) first and the same Ni and KEi; wrong and stale
// cookies are refused; NAT detection without a NAT leaves IKE on port 500 and ESP in IP; with
// forceEncap (strongSwan's encap = yes) IKE moves to port 4500 with the non-ESP marker from
// IKE_AUTH on, the Child SAs are UDP-encapsulated, traffic flows, and tshark dissects both.

#include "ike-test-messages.h"
#include "ike-tunnel-fixture.h"
#include "test-utilities.h"

#include "ns3/gateway-pair-topology.h"
#include "ns3/ike-cookie-generator.h"
#include "ns3/ike-helper.h"
#include "ns3/ike-ke-payload.h"
#include "ns3/ike-nat-detection.h"
#include "ns3/ike-nonce-payload.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipsec-helper.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"
#include "ns3/wireshark-key-table.h"

#include <filesystem>
#include <functional>
#include <sstream>

using namespace ns3;
using namespace ns3::ipsectest;

namespace
{

/// \returns \p message parsed (cleartext payloads only)
IkeMessage
ParseMessage(const Bytes& data)
{
    IkeMessage message;
    IkeMessage::Parse(data, message);
    return message;
}

/// \returns whether the first payload of \p message is N(COOKIE)
const IkeNotifyPayload*
FirstCookie(const IkeMessage& message)
{
    const auto& payloads = message.GetPayloads();
    if (payloads.empty() || payloads.front()->GetType() != IkePayloadType::NOTIFY)
    {
        return nullptr;
    }
    const auto* notify = static_cast<const IkeNotifyPayload*>(payloads.front().get());
    return notify->GetNotifyType() == IkeNotifyType::COOKIE ? notify : nullptr;
}

/// What crossed the WAN link, seen at the gateways' WAN devices before the PPP header.
struct WanRecord
{
    uint32_t ikeOn500{0};                ///< IKE messages on port 500
    uint32_t ikeOn4500{0};               ///< IKE messages on port 4500 after a non-ESP marker
    uint32_t espInUdp{0};                ///< ESP packets in UDP 4500
    uint32_t espInIp{0};                 ///< ESP packets as IP protocol 50
    std::vector<IkeExchangeType> on4500; ///< exchange types of the IKE messages on 4500
};

/**
 * \ingroup ipsec-tests
 * A tunnel keyed by IKE with UDP sockets on both hosts (as in ipsec-ike-daemon) and a record
 * of the IKE messages each daemon sent and of what crossed the WAN link.
 */
class NatCookieTestCase : public IkeTunnelFixture
{
  public:
    explicit NatCookieTestCase(const std::string& name)
        : IkeTunnelFixture(name)
    {
    }

  protected:
    /// Records the IKE messages each daemon sends and classifies what crosses the WAN link.
    void DoBuild() override
    {
        m_tunnel.initiator->TraceConnectWithoutContext(
            "Tx", MakeCallback(&NatCookieTestCase::Record, this).Bind(&m_initiatorTx));
        m_tunnel.responder->TraceConnectWithoutContext(
            "Tx", MakeCallback(&NatCookieTestCase::Record, this).Bind(&m_responderTx));
        NetDeviceContainer wan = m_topology->WanDevices();
        for (uint32_t i = 0; i < wan.GetN(); ++i)
        {
            wan.Get(i)->TraceConnectWithoutContext(
                "MacTx", MakeCallback(&NatCookieTestCase::SeeWanPacket, this));
        }
    }

    /// Checks that both ends have the IKE SA and one Child SA pair with crosswise SPIs, and
    /// \returns the SAs of both data planes (empty if the check failed)
    std::vector<Ptr<const IpsecSa>> CheckChildSaPair()
    {
        Ptr<IkeDaemon> i = m_tunnel.initiator;
        Ptr<IkeDaemon> r = m_tunnel.responder;
        NS_TEST_EXPECT_MSG_EQ(i->IsEstablished(), true, "initiator's IKE SA is up");
        NS_TEST_EXPECT_MSG_EQ(r->IsEstablished(), true, "responder's IKE SA is up");
        NS_TEST_EXPECT_MSG_EQ(i->GetChildSas().size(), 1, "initiator has one Child SA");
        NS_TEST_EXPECT_MSG_EQ(r->GetChildSas().size(), 1, "responder has one Child SA");
        if (i->GetChildSas().size() != 1 || r->GetChildSas().size() != 1)
        {
            return {};
        }
        NS_TEST_EXPECT_MSG_EQ(i->GetChildSas().front().inboundSpi,
                              r->GetChildSas().front().outboundSpi,
                              "SPIs of gw2 -> gw1");
        std::vector<Ptr<const IpsecSa>> sas = m_tunnel.tunnel.a.dataPlane->GetSas();
        for (const auto& sa : m_tunnel.tunnel.b.dataPlane->GetSas())
        {
            sas.push_back(sa);
        }
        NS_TEST_EXPECT_MSG_EQ(sas.size(), 4, "an SA pair in each data plane");
        return sas;
    }

    /// \returns the IKE_SA_INIT requests the initiator sent
    std::vector<IkeMessage> InitRequests() const
    {
        std::vector<IkeMessage> requests;
        for (const Bytes& data : m_initiatorTx)
        {
            IkeMessage m = ParseMessage(data);
            if (m.GetHeader().GetExchangeType() == IkeExchangeType::IKE_SA_INIT)
            {
                requests.push_back(std::move(m));
            }
        }
        return requests;
    }

    std::vector<Bytes> m_initiatorTx; ///< IKE messages of the initiator, as sent
    std::vector<Bytes> m_responderTx; ///< IKE messages of the responder, as sent
    WanRecord m_wan;                  ///< the WAN link

  private:
    void Record(std::vector<Bytes>* log, const Bytes& data)
    {
        log->push_back(data);
    }

    /// Classifies an IPv4 packet about to cross the WAN link.
    void SeeWanPacket(Ptr<const Packet> packet)
    {
        Bytes b(packet->GetSize());
        packet->CopyData(b.data(), b.size());
        if (b.size() >= 2 && b[0] == 0x00 && b[1] == 0x21)
        {
            b.erase(b.begin(), b.begin() + 2); // the PPP header (IPv4), added before MacTx
        }
        if (b.size() < 28)
        {
            return;
        }
        if (b[9] == 50)
        {
            m_wan.espInIp++;
            return;
        }
        if (b[9] != 17)
        {
            return;
        }
        uint16_t port = (b[22] << 8) | b[23];
        if (port == 500)
        {
            m_wan.ikeOn500++;
        }
        else if (port == 4500 && b.size() >= 32)
        {
            if (b[28] == 0 && b[29] == 0 && b[30] == 0 && b[31] == 0)
            {
                m_wan.ikeOn4500++;
                Bytes ike(b.begin() + 32, b.end());
                m_wan.on4500.push_back(ParseMessage(ike).GetHeader().GetExchangeType());
            }
            else
            {
                m_wan.espInUdp++;
            }
        }
    }
};

/**
 * With CookieThreshold 0 the responder answers the first IKE_SA_INIT with only N(COOKIE) and
 * no state; the initiator repeats it with N(COOKIE) first, the same SPIi, Ni and KEi, and the
 * IKE SA and Child SA come up and carry traffic.
 */
class CookieRoundTripTestCase : public NatCookieTestCase
{
  public:
    CookieRoundTripTestCase()
        : NatCookieTestCase("COOKIE round trip: no state on the first request, the same Ni and "
                            "KEi on the second, SAs up")
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        Build(helper);
        Ptr<IkeDaemon> responder = m_tunnel.responder;
        responder->SetAttribute("CookieThreshold", UintegerValue(0));
        // The responder's sessions at the moment it sends each message.
        std::vector<size_t> sessionsAtSend;
        responder->TraceConnectWithoutContext(
            "Tx", MakeCallback(+[](std::vector<size_t>* log, Ptr<IkeDaemon> daemon, const Bytes&) {
                      log->push_back(daemon->GetSessions().size());
                  }).Bind(&sessionsAtSend, responder));
        SendBothWays(Seconds(1), 5);
        Simulator::Stop(Seconds(2));
        Simulator::Run();

        std::vector<IkeMessage> requests = InitRequests();
        NS_TEST_ASSERT_MSG_EQ(requests.size(), 2, "IKE_SA_INIT sent twice");
        NS_TEST_ASSERT_MSG_EQ(m_responderTx.empty(), false, "the responder answered");
        IkeMessage cookieResponse = ParseMessage(m_responderTx.front());
        const IkeNotifyPayload* cookie = FirstCookie(cookieResponse);
        NS_TEST_ASSERT_MSG_NE(cookie, nullptr, "first answer: N(COOKIE)");
        NS_TEST_EXPECT_MSG_EQ(cookieResponse.GetPayloads().size(), 1, "and nothing else");
        NS_TEST_EXPECT_MSG_EQ(cookieResponse.GetHeader().GetResponderSpi(), 0, "no SPIr");
        NS_TEST_EXPECT_MSG_EQ(
            cookie->GetData().size(), IkeCookieGenerator::COOKIE_SIZE, "version and SHA-256");
        NS_TEST_EXPECT_MSG_EQ(sessionsAtSend.front(), 0, "no state kept for the first request");
        NS_TEST_EXPECT_MSG_EQ(responder->GetStatistics().cookiesSent, 1, "one cookie sent");

        const IkeMessage& first = requests[0];
        const IkeMessage& second = requests[1];
        NS_TEST_EXPECT_MSG_EQ((FirstCookie(first) == nullptr), true, "no cookie at first");
        const IkeNotifyPayload* echoed = FirstCookie(second);
        NS_TEST_ASSERT_MSG_NE(echoed, nullptr, "the retry starts with N(COOKIE)");
        NS_TEST_EXPECT_MSG_EQ((echoed->GetData() == cookie->GetData()), true, "the same cookie");
        NS_TEST_EXPECT_MSG_EQ(second.GetPayloads().size(),
                              first.GetPayloads().size() + 1,
                              "otherwise the same payloads");
        NS_TEST_EXPECT_MSG_EQ(
            first.GetHeader().GetInitiatorSpi(), second.GetHeader().GetInitiatorSpi(), "same SPIi");
        NS_TEST_EXPECT_MSG_EQ(second.GetHeader().GetMessageId(), 0, "Message ID 0 again");
        const auto* n1 = first.Find<IkeNoncePayload>();
        const auto* n2 = second.Find<IkeNoncePayload>();
        const auto* ke1 = first.Find<IkeKePayload>();
        const auto* ke2 = second.Find<IkeKePayload>();
        NS_TEST_ASSERT_MSG_EQ((n1 && n2 && ke1 && ke2), true, "Ni and KEi in both");
        NS_TEST_EXPECT_MSG_EQ((n1->GetNonce() == n2->GetNonce()), true, "same Ni");
        NS_TEST_EXPECT_MSG_EQ((ke1->GetData() == ke2->GetData()), true, "same KEi");

        CheckChildSaPair();
        NS_TEST_EXPECT_MSG_EQ(m_received2, 5, "traffic flows to host2");
        NS_TEST_EXPECT_MSG_EQ(m_received1, 5, "traffic flows to host1");
        NS_TEST_EXPECT_MSG_EQ(responder->GetHalfOpenCount(), 0, "nothing half open");
        Simulator::Destroy();
    }
};

/**
 * IKE_SA_INIT requests from the initiator's address with a wrong cookie, a cookie made for
 * another SPIi, and a cookie not in first place are answered with a fresh COOKIE and leave no
 * state; the cookie the responder handed out, in first place, gets through the check.
 */
class WrongCookieTestCase : public TestCase
{
  public:
    WrongCookieTestCase()
        : TestCase("wrong, foreign and misplaced cookies are refused with a fresh COOKIE")
    {
    }

  private:
    /// \returns \p base with N(COOKIE) carrying \p cookie before (or after) its payloads
    static Bytes WithCookie(const IkeMessage& base, const Bytes& cookie, bool first = true)
    {
        IkeMessage m;
        m.SetHeader(base.GetHeader());
        if (first)
        {
            m.AddPayload(IkeNotifyPayload(IkeNotifyType::COOKIE, cookie));
        }
        for (const auto& payload : base.GetPayloads())
        {
            m.AddPayload(payload->Clone());
        }
        if (!first)
        {
            m.AddPayload(IkeNotifyPayload(IkeNotifyType::COOKIE, cookie));
        }
        return m.Serialize();
    }

    void DoRun() override
    {
        GatewayPairTopology topology("100Mbps", "1ms");
        IpsecHelper ipsec;
        ipsec.Install(topology.Gateways());
        IkeHelper helper;
        IkeTunnel tunnel = helper.Install(topology.End1(), topology.End2());
        helper.AssignStreams(20);
        tunnel.initiator->SetStartTime(Seconds(100)); // the injector has its address and port
        Ptr<IkeDaemon> responder = tunnel.responder;
        responder->SetAttribute("CookieThreshold", UintegerValue(0));
        Ptr<Socket> injector
            = Socket::CreateSocket(topology.Gateway1(), UdpSocketFactory::GetTypeId());
        NS_TEST_ASSERT_MSG_EQ(injector->Bind(InetSocketAddress(topology.End1().outerAddress, 500)),
                              0,
                              "bind the initiator's address and port");
        std::vector<IkeMessage> answers;
        injector->SetRecvCallback(MakeCallback(+[](std::vector<IkeMessage>* out, Ptr<Socket> s)
                                               {
                                                   while (Ptr<Packet> p = s->Recv())
                                                   {
                                                       Bytes b(p->GetSize());
                                                       p->CopyData(b.data(), b.size());
                                                       out->push_back(ParseMessage(b));
                                                   }
                                               })
                                      .Bind(&answers));
        auto send = [injector, &topology](const Bytes& data)
        {
            injector->SendTo(Create<Packet>(data.data(), data.size()),
                             0,
                             InetSocketAddress(topology.End2().outerAddress, 500));
        };
        IkeMessage request = iketest::MakeSaInitRequest();
        IkeMessage otherSpi = request;
        otherSpi.GetHeader().SetInitiatorSpi(request.GetHeader().GetInitiatorSpi() + 1);
        Bytes wrong(IkeCookieGenerator::COOKIE_SIZE, 0x5a);
        wrong[3] = 1; // the version of the responder's first secret
        uint64_t cookiesBefore = 0;
        uint64_t invalidBefore = 0;
        Simulator::Schedule(Seconds(1), [&]() { send(request.Serialize()); });
        Simulator::Schedule(Seconds(2), [&]() { send(WithCookie(request, wrong)); });
        Simulator::Schedule(Seconds(3),
                            [&]()
                            {
                                // The cookie handed out for the first request, on another SPIi
                                // and after the other payloads.
                                const IkeNotifyPayload* c = FirstCookie(answers.front());
                                send(WithCookie(otherSpi, c->GetData()));
                                send(WithCookie(request, c->GetData(), false));
                            });
        Simulator::Schedule(Seconds(4),
                            [&]()
                            {
                                cookiesBefore = responder->GetStatistics().cookiesSent;
                                invalidBefore = responder->GetStatistics().invalidCookies;
                                send(WithCookie(request, FirstCookie(answers.front())->GetData()));
                            });
        Simulator::Stop(Seconds(5));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(answers.size(), 5, "every request answered");
        for (size_t i = 0; i < 4; ++i)
        {
            NS_TEST_EXPECT_MSG_NE(FirstCookie(answers[i]), nullptr, "answer " << i << ": COOKIE");
            NS_TEST_EXPECT_MSG_EQ(answers[i].GetPayloads().size(), 1, "only N(COOKIE)");
        }
        NS_TEST_EXPECT_MSG_EQ(cookiesBefore, 4, "four cookies for four refused requests");
        NS_TEST_EXPECT_MSG_EQ(invalidBefore, 2, "the wrong and the foreign cookie counted");
        NS_TEST_EXPECT_MSG_EQ(responder->GetStatistics().cookiesSent, 4, "the right one passes");
        NS_TEST_EXPECT_MSG_EQ(responder->GetStatistics().invalidCookies, 2, "and is not counted");
        NS_TEST_EXPECT_MSG_EQ((FirstCookie(answers[4]) == nullptr), true, "no COOKIE for it");
        NS_TEST_EXPECT_MSG_EQ(answers[4].GetHeader().IsResponse(), true, "but a response");
        injector->Close();
        Simulator::Destroy();
    }
};

/**
 * Cookies of the current and the previous secret are accepted, older ones and altered ones
 * are not; the secret is replaced after CookieSecretLifetime.
 */
class CookieSecretTestCase : public TestCase
{
  public:
    CookieSecretTestCase()
        : TestCase("cookie secrets: the previous one still accepted, older ones not")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<UniformRandomVariable> stream = CreateObject<UniformRandomVariable>();
        stream->SetStream(3);
        IkeCookieGenerator cookies(stream, Seconds(10));
        Bytes nonce(32, 7);
        Ipv4Address initiator("172.16.0.1");
        uint64_t spi = 0x0102030405060708;
        Bytes cookie;
        std::vector<bool> accepted;
        Simulator::Schedule(
            Seconds(1),
            [&]()
            {
                cookie = cookies.Make(nonce, initiator, spi);
                accepted.push_back(cookies.Verify(cookie, nonce, initiator, spi));
                Bytes altered = cookie;
                altered.back() ^= 1;
                accepted.push_back(cookies.Verify(altered, nonce, initiator, spi));
                accepted.push_back(cookies.Verify(cookie, nonce, Ipv4Address("10.0.0.1"), spi));
                accepted.push_back(cookies.Verify(cookie, Bytes(32, 8), initiator, spi));
            });
        Simulator::Schedule(Seconds(12),
                            [&]()
                            {
                                accepted.push_back(cookies.Verify(cookie, nonce, initiator, spi));
                                accepted.push_back(cookies.GetVersion() == 2);
                                Bytes fresh = cookies.Make(nonce, initiator, spi);
                                accepted.push_back(fresh != cookie);
                            });
        Simulator::Schedule(Seconds(22),
                            [&]()
                            { accepted.push_back(cookies.Verify(cookie, nonce, initiator, spi)); });
        Simulator::Run();
        Simulator::Destroy();
        std::vector<bool> expected{true, false, false, false, true, true, true, false};
        NS_TEST_ASSERT_MSG_EQ(accepted.size(), expected.size(), "all checks ran");
        for (size_t i = 0; i < expected.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(accepted[i], expected[i], "check " << i);
        }
    }
};

/**
 * Half-open IKE SAs: from BlockThreshold half-open IKE SAs of one peer on, its IKE_SA_INIT
 * requests are dropped and counted; HalfOpenTimeout gives them up, and the peer gets in again.
 */
class BlockThresholdTestCase : public TestCase
{
  public:
    BlockThresholdTestCase()
        : TestCase("half-open IKE SAs beyond BlockThreshold are dropped until they time out")
    {
    }

  private:
    void DoRun() override
    {
        GatewayPairTopology topology("100Mbps", "1ms");
        IpsecHelper ipsec;
        ipsec.Install(topology.Gateways());
        IkeHelper helper;
        // The test message's proposal, so that the responder creates an IKE SA for it.
        helper.SetIkeProposals({IkeSuite{CipherSuite::FromKeyword("aes256gcm16"),
                                         PrfAlgorithm::HMAC_SHA2_256,
                                         DhGroup::CURVE25519}});
        IkeTunnel tunnel = helper.Install(topology.End1(), topology.End2());
        helper.AssignStreams(20);
        tunnel.initiator->SetStartTime(Seconds(100));
        Ptr<IkeDaemon> responder = tunnel.responder;
        responder->SetAttribute("BlockThreshold", UintegerValue(3));
        responder->SetAttribute("HalfOpenTimeout", TimeValue(Seconds(5)));
        Ptr<Socket> injector
            = Socket::CreateSocket(topology.Gateway1(), UdpSocketFactory::GetTypeId());
        injector->Bind(InetSocketAddress(topology.End1().outerAddress, 500));
        IkeMessage request = iketest::MakeSaInitRequest();
        std::vector<uint32_t> halfOpen;
        for (uint32_t i = 0; i < 5; ++i)
        {
            Simulator::Schedule(Seconds(1) + MilliSeconds(10 * i),
                                [&, i]()
                                {
                                    IkeMessage m = request;
                                    m.GetHeader().SetInitiatorSpi(0x1000 + i);
                                    Bytes b = m.Serialize();
                                    injector->SendTo(
                                        Create<Packet>(b.data(), b.size()),
                                        0,
                                        InetSocketAddress(topology.End2().outerAddress, 500));
                                });
        }
        Simulator::Schedule(Seconds(2),
                            [&]() { halfOpen.push_back(responder->GetHalfOpenCount()); });
        Simulator::Schedule(Seconds(7),
                            [&]()
                            {
                                halfOpen.push_back(responder->GetHalfOpenCount());
                                IkeMessage m = request;
                                m.GetHeader().SetInitiatorSpi(0x2000);
                                Bytes b = m.Serialize();
                                injector->SendTo(
                                    Create<Packet>(b.data(), b.size()),
                                    0,
                                    InetSocketAddress(topology.End2().outerAddress, 500));
                            });
        Simulator::Schedule(Seconds(8),
                            [&]() { halfOpen.push_back(responder->GetHalfOpenCount()); });
        Simulator::Stop(Seconds(9));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(halfOpen.size(), 3, "all checks ran");
        NS_TEST_EXPECT_MSG_EQ(halfOpen[0], 3, "three half-open IKE SAs, the limit");
        const auto& drops = responder->GetStatistics().drops;
        auto blocked = drops.find("half-open limit");
        NS_TEST_EXPECT_MSG_EQ((blocked != drops.end() && blocked->second == 2),
                              true,
                              "two requests dropped and counted");
        NS_TEST_EXPECT_MSG_EQ(halfOpen[1], 0, "given up after HalfOpenTimeout");
        NS_TEST_EXPECT_MSG_EQ(halfOpen[2], 1, "the peer gets in again");
        injector->Close();
        Simulator::Destroy();
    }
};

/**
 * Without a NAT both IKE_SA_INIT messages carry NAT_DETECTION_SOURCE_IP and _DESTINATION_IP
 * with SHA-1(SPIi | SPIr | IP | 500); both ends verify them, find no NAT, and stay on port 500
 * with plain ESP.
 */
class NatDetectionWithoutNatTestCase : public NatCookieTestCase
{
  public:
    NatDetectionWithoutNatTestCase()
        : NatCookieTestCase("NAT detection without NAT: hashes present and verified, no float")
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        Build(helper);
        std::vector<IkeNatState> found;
        auto note = MakeCallback(+[](std::vector<IkeNatState>* out,
                                     uint64_t,
                                     uint64_t,
                                     const IkeNatState& state) {
                        out->push_back(state);
                    }).Bind(&found);
        m_tunnel.initiator->TraceConnectWithoutContext("NatDetection", note);
        m_tunnel.responder->TraceConnectWithoutContext("NatDetection", note);
        SendBothWays(Seconds(1), 5);
        Simulator::Stop(Seconds(2));
        Simulator::Run();

        std::vector<Ptr<const IpsecSa>> sas = CheckChildSaPair();
        const IkeSa* sa = m_tunnel.initiator->GetIkeSa();
        NS_TEST_ASSERT_MSG_NE(sa, nullptr, "an IKE SA");
        uint64_t spiI = sa->GetInitiatorSpi();
        uint64_t spiR = sa->GetResponderSpi();
        Ipv4Address a = m_topology->End1().outerAddress;
        Ipv4Address b = m_topology->End2().outerAddress;
        std::vector<IkeMessage> requests = InitRequests();
        NS_TEST_ASSERT_MSG_EQ(requests.size(), 1, "one IKE_SA_INIT request");
        IkeMessage response = ParseMessage(m_responderTx.front());

        struct Expectation
        {
            const IkeMessage* message;
            uint64_t spiR;
            Ipv4Address source;
            Ipv4Address destination;
        };

        for (const Expectation& e :
             {Expectation{&requests[0], 0, a, b}, Expectation{&response, spiR, b, a}})
        {
            const IkeNotifyPayload* source
                = e.message->FindNotify(IkeNotifyType::NAT_DETECTION_SOURCE_IP);
            const IkeNotifyPayload* destination
                = e.message->FindNotify(IkeNotifyType::NAT_DETECTION_DESTINATION_IP);
            NS_TEST_ASSERT_MSG_EQ((source && destination), true, "both NAT-D notifies");
            NS_TEST_EXPECT_MSG_EQ(
                (source->GetData() == IkeNatDetection::Hash(spiI, e.spiR, e.source, 500)),
                true,
                "source hash of SPIi | SPIr | " << e.source << " | 500");
            NS_TEST_EXPECT_MSG_EQ(
                (destination->GetData() == IkeNatDetection::Hash(spiI, e.spiR, e.destination, 500)),
                true,
                "destination hash of " << e.destination);
        }
        NS_TEST_ASSERT_MSG_EQ(found.size(), 2, "both ends ran NAT detection");
        for (const IkeNatState& state : found)
        {
            NS_TEST_EXPECT_MSG_EQ(state.supported, true, "the peer sent NAT-D");
            NS_TEST_EXPECT_MSG_EQ(state.Any(), false, "no NAT found");
        }
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->IsNatDetected(), false, "initiator: no NAT");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.responder->IsNatDetected(), false, "responder: no NAT");
        NS_TEST_EXPECT_MSG_EQ(m_wan.ikeOn500, 4, "all four IKE messages on port 500");
        NS_TEST_EXPECT_MSG_EQ(m_wan.ikeOn4500, 0, "none on 4500");
        NS_TEST_EXPECT_MSG_EQ(m_wan.espInUdp, 0, "no ESP in UDP");
        NS_TEST_EXPECT_MSG_GT(m_wan.espInIp, 0, "ESP as IP protocol 50");
        for (const auto& ipsecSa : sas)
        {
            NS_TEST_EXPECT_MSG_EQ(ipsecSa->Params().udpEncapsulation.has_value(),
                                  false,
                                  "SA " << ipsecSa->Params().spi << " not encapsulated");
        }
        NS_TEST_EXPECT_MSG_EQ(m_received2, 5, "traffic flows");
        Simulator::Destroy();
    }
};

/**
 * forceEncap at the initiator (strongSwan's encap = yes): a bogus source hash makes the
 * responder see a NAT, the initiator fakes one; IKE_AUTH runs on port 4500 with the non-ESP
 * marker, the Child SAs are UDP-encapsulated, and traffic flows as ESP in UDP 4500.
 */
class ForceEncapTestCase : public NatCookieTestCase
{
  public:
    ForceEncapTestCase()
        : NatCookieTestCase("forceEncap: IKE_AUTH on port 4500 with the marker, ESP in UDP")
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        Build(helper, [](IkePeerConfig& c) { c.forceEncap = true; });
        SendBothWays(Seconds(1), 5);
        Simulator::Stop(Seconds(2));
        Simulator::Run();

        std::vector<Ptr<const IpsecSa>> sas = CheckChildSaPair();
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->IsNatDetected(), true, "initiator floats");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.responder->IsNatDetected(), true, "responder floats");
        const IkeSession* i = m_tunnel.initiator->GetSession();
        const IkeSession* r = m_tunnel.responder->GetSession();
        NS_TEST_ASSERT_MSG_EQ((i && r), true, "sessions");
        NS_TEST_EXPECT_MSG_EQ(i->GetSa().GetNatState().faked, true, "initiator: faked NAT");
        NS_TEST_EXPECT_MSG_EQ(r->GetSa().GetNatState().there, true, "responder: peer behind NAT");
        NS_TEST_EXPECT_MSG_EQ(r->GetSa().GetNatState().here, false, "responder: not itself");
        NS_TEST_EXPECT_MSG_EQ(i->GetSa().UsesNatTraversalPort(), true, "initiator on 4500");
        NS_TEST_EXPECT_MSG_EQ(r->GetSa().UsesNatTraversalPort(), true, "responder on 4500");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->GetStatistics().natDetected, 1, "counted");
        NS_TEST_EXPECT_MSG_EQ(m_wan.ikeOn500, 2, "IKE_SA_INIT on port 500");
        NS_TEST_EXPECT_MSG_EQ(m_wan.ikeOn4500, 2, "IKE_AUTH on port 4500 after the marker");
        for (IkeExchangeType type : m_wan.on4500)
        {
            NS_TEST_EXPECT_MSG_EQ((type == IkeExchangeType::IKE_AUTH), true, "IKE_AUTH on 4500");
        }
        NS_TEST_EXPECT_MSG_EQ(m_wan.espInIp, 0, "no plain ESP");
        NS_TEST_EXPECT_MSG_EQ(m_wan.espInUdp, 10, "ten ESP packets in UDP 4500");
        for (const auto& sa : sas)
        {
            const auto& encap = sa->Params().udpEncapsulation;
            NS_TEST_EXPECT_MSG_EQ(encap.has_value(), true, "SA " << sa->Params().spi << " in UDP");
            if (encap)
            {
                NS_TEST_EXPECT_MSG_EQ(encap->sourcePort, 4500, "source port");
                NS_TEST_EXPECT_MSG_EQ(encap->destinationPort, 4500, "destination port");
            }
        }
        NS_TEST_EXPECT_MSG_EQ(m_received1, 5, "traffic flows to host1");
        NS_TEST_EXPECT_MSG_EQ(m_received2, 5, "traffic flows to host2");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.responder->GetDropCount(), 0, "no drops");
        Simulator::Destroy();
    }
};

/**
 * An IKE SA rekey under forceEncap: the new IKE SA inherits the NAT detection result and port
 * 4500 on both ends (every IKE message after IKE_SA_INIT goes through 4500), the Child SA it
 * takes over stays encapsulated, and traffic keeps flowing.
 */
class ForceEncapIkeRekeyTestCase : public NatCookieTestCase
{
  public:
    ForceEncapIkeRekeyTestCase()
        : NatCookieTestCase("forceEncap: a rekeyed IKE SA stays on port 4500")
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        Build(helper, [](IkePeerConfig& c) { c.forceEncap = true; });
        Simulator::Schedule(Seconds(1), [this]() { m_tunnel.initiator->RekeyIkeSa(0); });
        SendBothWays(Seconds(2), 5);
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        std::vector<Ptr<const IpsecSa>> sas = CheckChildSaPair();
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetKeyLog().size(), 2, "two IKE SAs keyed");
        uint64_t firstSpiI = m_tunnel.initiator->GetKeyLog().front().spiI;
        for (Ptr<IkeDaemon> daemon : {m_tunnel.initiator, m_tunnel.responder})
        {
            const IkeSession* session = daemon->GetSession();
            NS_TEST_ASSERT_MSG_NE(session, nullptr, "a session");
            NS_TEST_EXPECT_MSG_NE(session->GetSa().GetInitiatorSpi(),
                                  firstSpiI,
                                  "the live IKE SA is the rekeyed one");
            NS_TEST_EXPECT_MSG_EQ(session->GetSa().GetNatState().Any(), true, "NAT inherited");
            NS_TEST_EXPECT_MSG_EQ(session->GetSa().UsesNatTraversalPort(), true, "on 4500");
        }
        NS_TEST_EXPECT_MSG_EQ(m_wan.ikeOn500, 2, "only IKE_SA_INIT on port 500");
        NS_TEST_EXPECT_MSG_GT(m_wan.ikeOn4500, 5, "IKE_AUTH, rekey and Delete on 4500");
        NS_TEST_EXPECT_MSG_EQ(m_wan.espInIp, 0, "no plain ESP");
        for (const auto& sa : sas)
        {
            NS_TEST_EXPECT_MSG_EQ(sa->Params().udpEncapsulation.has_value(), true, "in UDP");
        }
        NS_TEST_EXPECT_MSG_EQ(m_received1, 5, "traffic flows to host1 after the rekey");
        NS_TEST_EXPECT_MSG_EQ(m_received2, 5, "traffic flows to host2 after the rekey");
        Simulator::Destroy();
    }
};

/**
 * The forceEncap tunnel as tshark 4.0 sees it: IKE_SA_INIT on 500, IKE_AUTH on 4500 decrypted
 * with the exported ikev2_decryption_table (both ICVs correct), ESP in UDP 4500 verified with
 * the esp_sa table.
 */
class ForceEncapTsharkTestCase : public TsharkTestCase
{
  public:
    ForceEncapTsharkTestCase()
        : TsharkTestCase("tshark dissects IKE on port 4500 and ESP in UDP 4500 (forceEncap)")
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-ike-nat-tshark");
        std::string pcap = dir + "/wan.pcap";
        std::string ikeTable;
        std::string espTable;
        {
            GatewayPairTopology topology("100Mbps", "1ms");
            IpsecHelper ipsec;
            ipsec.Install(topology.Gateways());
            ipsec.AssignStreams(topology.Gateways(), 10);
            IkeHelper helper;
            IkeTunnel tunnel = helper.Install(topology.End1(), topology.End2());
            helper.AssignStreams(20);
            IkePeerConfig config = tunnel.initiator->GetConfig();
            config.forceEncap = true;
            tunnel.initiator->SetConnection(0, config);
            topology.Links().EnablePcap(pcap, topology.WanDevices().Get(1), false, true);
            Ptr<Socket> socket
                = Socket::CreateSocket(topology.Host1(), UdpSocketFactory::GetTypeId());
            for (uint32_t i = 0; i < 3; ++i)
            {
                Simulator::Schedule(Seconds(1) + MilliSeconds(i),
                                    [&socket, &topology]() {
                                        socket->SendTo(
                                            Create<Packet>(300),
                                            0,
                                            InetSocketAddress(topology.Host2Address(), 5001));
                                    });
            }
            Simulator::Stop(Seconds(2));
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(tunnel.initiator->IsEstablished(), true, "IKE SA up");
            for (const std::string& row : helper.IkeKeyTableRows())
            {
                ikeTable += row + "\n";
            }
            for (const std::string& row : WiresharkKeyTable::EspSaRows(topology.Gateways()))
            {
                espTable += row + "\n";
            }
            socket = nullptr;
            Simulator::Destroy();
        }
        NS_TEST_ASSERT_MSG_EQ(Lines(ikeTable).size(), 1u, "an ikev2_decryption_table row");
        NS_TEST_ASSERT_MSG_EQ(Lines(espTable).size(), 2u, "an esp_sa row per direction");

        std::vector<std::string> ike = Lines(Tshark(
            pcap, ikeTable, espTable, "-Y isakmp -T fields -e udp.dstport -e isakmp.exchangetype"));
        std::vector<std::string> expected{"500\t34", "500\t34", "4500\t35", "4500\t35"};
        NS_TEST_ASSERT_MSG_EQ(ike.size(), expected.size(), "four IKE messages");
        for (size_t i = 0; i < ike.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(ike[i], expected[i], "port and exchange of message " << i);
        }
        std::string verbose = Tshark(pcap, ikeTable, espTable, "-V -Y isakmp.exchangetype==35");
        size_t correct = 0;
        for (size_t at = verbose.find("[correct]"); at != std::string::npos;
             at = verbose.find("[correct]", at + 1))
        {
            ++correct;
        }
        NS_TEST_EXPECT_MSG_EQ(correct, 2u, "both IKE_AUTH ICVs correct:\n" << verbose);
        NS_TEST_EXPECT_MSG_NE(verbose.find("Non-ESP Marker"), std::string::npos, "marker seen");

        std::vector<std::string> esp = Lines(
            Tshark(pcap, ikeTable, espTable, "-Y esp -T fields -e esp.icv_good -e udp.dstport"));
        // Three datagrams to host2 and three ICMP port unreachable back through the tunnel.
        NS_TEST_EXPECT_MSG_EQ(esp.size(), 6u, "six ESP packets");
        for (const std::string& row : esp)
        {
            NS_TEST_EXPECT_MSG_EQ(row, "1\t4500,5001", "ICV good, in UDP 4500, inner UDP");
        }
        std::filesystem::remove_all(dir);
    }
};

/**
 * \ingroup ipsec-tests
 * COOKIEs and NAT traversal of the IKEv2 daemon.
 */
class IkeNatCookieTestSuite : public TestSuite
{
  public:
    IkeNatCookieTestSuite()
        : TestSuite("ipsec-ike-nat-cookie", SYSTEM)
    {
        AddTestCase(new CookieRoundTripTestCase, TestCase::QUICK);
        AddTestCase(new WrongCookieTestCase, TestCase::QUICK);
        AddTestCase(new CookieSecretTestCase, TestCase::QUICK);
        AddTestCase(new BlockThresholdTestCase, TestCase::QUICK);
        AddTestCase(new NatDetectionWithoutNatTestCase, TestCase::QUICK);
        AddTestCase(new ForceEncapTestCase, TestCase::QUICK);
        AddTestCase(new ForceEncapIkeRekeyTestCase, TestCase::QUICK);
        AddTestCase(new ForceEncapTsharkTestCase, TestCase::QUICK);
    }
};

IkeNatCookieTestSuite g_ikeNatCookieTestSuite;

} // namespace
