/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The IKEv2 daemon end to end on host1 - gw1 = gw2 - host2: IKE_SA_INIT and IKE_AUTH with PSK
// bring up the IKE SA and the first Child SA, whose KEYMAT keys match at both ends and carry
// UDP traffic; wrong PSK, no common proposal, a wrong DH guess, start action "trap", and 30%
// loss on the WAN link.

#include "ike-test-messages.h"
#include "ike-tunnel-fixture.h"

#include "ns3/boolean.h"
#include "ns3/error-model.h"
#include "ns3/gateway-pair-topology.h"
#include "ns3/ike-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipsec-helper.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"

#include <cmath>
#include <functional>
#include <set>

using namespace ns3;
using namespace ns3::ipsectest;

namespace
{

/**
 * \ingroup ipsec-tests
 * A tunnel keyed by IKE with UDP sockets on both hosts; subclasses configure the helper and
 * the daemons, and check the outcome.
 */
class IkeTunnelTestCase : public IkeTunnelFixture
{
  public:
    explicit IkeTunnelTestCase(const std::string& name)
        : IkeTunnelFixture(name)
    {
    }

  protected:
    /// Checks that both daemons have the IKE SA and one Child SA whose keys match crosswise.
    void CheckChildSaPair()
    {
        Ptr<IkeDaemon> i = m_tunnel.initiator;
        Ptr<IkeDaemon> r = m_tunnel.responder;
        NS_TEST_ASSERT_MSG_EQ(i->IsEstablished(), true, "initiator's IKE SA is up");
        NS_TEST_ASSERT_MSG_EQ(r->IsEstablished(), true, "responder's IKE SA is up");
        if (!i->IsEstablished() || !r->IsEstablished())
        {
            return; // the runner continues after a failed check
        }
        NS_TEST_ASSERT_MSG_EQ(
            i->GetIkeSa()->GetInitiatorSpi(), r->GetIkeSa()->GetInitiatorSpi(), "same SPIi");
        NS_TEST_ASSERT_MSG_EQ(
            i->GetIkeSa()->GetResponderSpi(), r->GetIkeSa()->GetResponderSpi(), "same SPIr");
        NS_TEST_ASSERT_MSG_EQ(i->GetChildSas().size(), 1, "initiator has one Child SA");
        NS_TEST_ASSERT_MSG_EQ(r->GetChildSas().size(), 1, "responder has one Child SA");
        if (i->GetChildSas().size() != 1 || r->GetChildSas().size() != 1)
        {
            return;
        }
        const IkeChildSa ci = i->GetChildSas().front();
        const IkeChildSa cr = r->GetChildSas().front();
        NS_TEST_ASSERT_MSG_EQ(ci.inboundSpi, cr.outboundSpi, "SPIs of gw2 -> gw1");
        NS_TEST_ASSERT_MSG_EQ(ci.outboundSpi, cr.inboundSpi, "SPIs of gw1 -> gw2");
        Ptr<IpsecDataPlane> gw1 = m_tunnel.tunnel.a.dataPlane;
        Ptr<IpsecDataPlane> gw2 = m_tunnel.tunnel.b.dataPlane;
        NS_TEST_ASSERT_MSG_EQ(gw1->GetSas().size(), 2, "gw1 has an SA pair");
        NS_TEST_ASSERT_MSG_EQ(gw2->GetSas().size(), 2, "gw2 has an SA pair");
        if (gw1->GetSas().size() != 2 || gw2->GetSas().size() != 2)
        {
            return;
        }
        Ipv4Address gw1Outer = m_topology->End1().outerAddress;
        Ipv4Address gw2Outer = m_topology->End2().outerAddress;
        for (bool forward : {true, false})
        {
            Ptr<IpsecDataPlane> sender = forward ? gw1 : gw2;
            Ptr<IpsecDataPlane> receiver = forward ? gw2 : gw1;
            uint32_t spi = forward ? ci.outboundSpi : ci.inboundSpi;
            Ptr<const IpsecSa> out
                = sender->GetSa(SaDirection::OUTBOUND, spi, forward ? gw2Outer : gw1Outer);
            Ptr<const IpsecSa> in
                = receiver->GetSa(SaDirection::INBOUND, spi, forward ? gw2Outer : gw1Outer);
            NS_TEST_ASSERT_MSG_NE(out, nullptr, "outbound SA " << spi);
            NS_TEST_ASSERT_MSG_NE(in, nullptr, "inbound SA " << spi);
            if (!out || !in)
            {
                return;
            }
            NS_TEST_ASSERT_MSG_EQ(out->Params().suite, in->Params().suite, "same suite");
            NS_TEST_ASSERT_MSG_EQ(BytesToHex(out->Params().encryptionKey),
                                  BytesToHex(in->Params().encryptionKey),
                                  "same encryption key");
            NS_TEST_ASSERT_MSG_EQ(BytesToHex(out->Params().integrityKey),
                                  BytesToHex(in->Params().integrityKey),
                                  "same integrity key");
            NS_TEST_ASSERT_MSG_EQ(out->Params().encryptionKey.size(),
                                  out->Params().suite.EncrKeyBytes(),
                                  "key length of the suite");
        }
        NS_TEST_ASSERT_MSG_NE(BytesToHex(gw1->GetSas()[0]->Params().encryptionKey),
                              BytesToHex(gw1->GetSas()[1]->Params().encryptionKey),
                              "each direction has its own key");
    }

    /// Checks that the IKE SA failed on both ends with \p error and that no SA was installed.
    void CheckRefused(IkeNotifyType error)
    {
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->IsEstablished(), false, "initiator not up");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.responder->IsEstablished(), false, "responder not up");
        NS_TEST_ASSERT_MSG_EQ(ToString(m_tunnel.initiator->GetLastError()),
                              ToString(error),
                              "initiator received the error");
        NS_TEST_ASSERT_MSG_EQ(ToString(m_tunnel.responder->GetLastError()),
                              ToString(error),
                              "responder sent the error");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.tunnel.a.dataPlane->GetSas().size(), 0, "no SA on gw1");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.tunnel.b.dataPlane->GetSas().size(), 0, "no SA on gw2");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetChildSas().size(), 0, "no Child SA");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.responder->GetChildSas().size(), 0, "no Child SA");
    }
};

/// The IKE SA and the first Child SA come up, keys match, and UDP flows through ESP.
class EstablishTestCase : public IkeTunnelTestCase
{
  public:
    EstablishTestCase(const std::string& ike, DhGroup group, const std::string& esp)
        : IkeTunnelTestCase("IKE " + ike + " DH " + std::to_string(static_cast<int>(group))
                            + ", ESP " + esp + ": SAs up, keys match, traffic flows")
        , m_ike(CipherSuite::FromKeyword(ike))
        , m_group(group)
        , m_esp(CipherSuite::FromKeyword(esp))
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        helper.SetIkeProposals({IkeSuite{m_ike, PrfAlgorithm::HMAC_SHA2_256, m_group}});
        helper.SetEspProposals({m_esp});
        Build(helper);
        SendBothWays(Seconds(1), 20);
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        CheckChildSaPair();
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetChildSas().front().suite, m_esp, "ESP");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetIkeSa()->GetSuite().encr, m_ike, "IKE");
        NS_TEST_ASSERT_MSG_EQ(m_received2, 20, "host2 received everything through ESP");
        NS_TEST_ASSERT_MSG_EQ(m_received1, 20, "host1 received everything through ESP");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetRetransmissionCount(), 0, "no loss");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetDropCount(), 0, "nothing dropped");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.responder->GetDropCount(), 0, "nothing dropped");
    }

    CipherSuite m_ike;
    DhGroup m_group;
    CipherSuite m_esp;
};

/**
 * Regression (found against strongSwan: the key table of a run where strongSwan initiated was
 * empty): with RecordResponderKeys a daemon facing a real peer (IkeHelper::InstallToExternalPeer)
 * logs the keys of the IKE SAs the peer initiates or rekeys, for the tshark key table; by
 * default only the initiator logs them, so that a simulated pair writes each IKE SA once.
 */
class ResponderKeysTestCase : public IkeTunnelTestCase
{
  public:
    ResponderKeysTestCase()
        : IkeTunnelTestCase("RecordResponderKeys: the responder logs the peer-initiated IKE SA")
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        Build(helper);
        BooleanValue recording;
        m_tunnel.responder->GetAttribute("RecordResponderKeys", recording);
        NS_TEST_ASSERT_MSG_EQ(recording.Get(), false, "off by default");
        m_tunnel.responder->SetAttribute("RecordResponderKeys", BooleanValue(true));
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        const std::vector<IkeKeyRecord>& i = m_tunnel.initiator->GetKeyLog();
        const std::vector<IkeKeyRecord>& r = m_tunnel.responder->GetKeyLog();
        NS_TEST_ASSERT_MSG_EQ(i.size(), 1, "the initiator logs its IKE SA");
        NS_TEST_ASSERT_MSG_EQ(r.size(), 1, "the responder logs it too");
        if (i.size() != 1 || r.size() != 1)
        {
            return; // the runner continues after a failed check
        }
        NS_TEST_ASSERT_MSG_EQ(r.front().spiI, i.front().spiI, "same SPIi");
        NS_TEST_ASSERT_MSG_EQ(r.front().spiR, i.front().spiR, "same SPIr");
        NS_TEST_ASSERT_MSG_EQ((r.front().keys.skEi == i.front().keys.skEi), true, "same SK_ei");
        NS_TEST_ASSERT_MSG_EQ((r.front().keys.skEr == i.front().keys.skEr), true, "same SK_er");

        // An IKE SA rekey the peer starts is logged too (the successor's keys).
        Simulator::Schedule(Seconds(0.1), [this]() { m_tunnel.initiator->RekeyIkeSa(); });
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(i.size(), 2, "the initiator logs the rekeyed IKE SA");
        NS_TEST_ASSERT_MSG_EQ(r.size(), 2, "and so does the responder");
        if (i.size() == 2 && r.size() == 2)
        {
            NS_TEST_ASSERT_MSG_EQ(r.back().spiI, i.back().spiI, "same new SPIi");
            NS_TEST_ASSERT_MSG_EQ((r.back().keys.skD == i.back().keys.skD), true, "same SK_d");
        }
    }
};

/// A wrong PSK gives AUTHENTICATION_FAILED and no Child SA.
class WrongPskTestCase : public IkeTunnelTestCase
{
  public:
    WrongPskTestCase()
        : IkeTunnelTestCase("wrong PSK: AUTHENTICATION_FAILED, no Child SA")
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        Build(helper, {}, [](IkePeerConfig& c) { c.psk = {'w', 'r', 'o', 'n', 'g'}; });
        SendBothWays(Seconds(1), 5);
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        CheckRefused(IkeNotifyType::AUTHENTICATION_FAILED);
        NS_TEST_ASSERT_MSG_EQ(m_received2, 0, "nothing crosses without SA");
    }
};

/// No common IKE proposal gives NO_PROPOSAL_CHOSEN in IKE_SA_INIT.
class NoIkeProposalTestCase : public IkeTunnelTestCase
{
  public:
    NoIkeProposalTestCase()
        : IkeTunnelTestCase("no common IKE proposal: NO_PROPOSAL_CHOSEN, no SA")
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        Build(helper,
              {},
              [](IkePeerConfig& c)
              {
                  c.ikeProposals = {IkeSuite{CipherSuite::FromKeyword("aes256-sha256"),
                                             PrfAlgorithm::HMAC_SHA2_256,
                                             DhGroup::CURVE25519}};
              });
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        CheckRefused(IkeNotifyType::NO_PROPOSAL_CHOSEN);
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetRetransmissionCount(), 0, "answered");
    }
};

/// No common ESP proposal: the IKE SA comes up, the Child SA does not (NO_PROPOSAL_CHOSEN).
class NoEspProposalTestCase : public IkeTunnelTestCase
{
  public:
    NoEspProposalTestCase()
        : IkeTunnelTestCase("no common ESP proposal: IKE SA up, NO_PROPOSAL_CHOSEN, no Child SA")
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        Build(helper,
              {},
              [](IkePeerConfig& c)
              { c.espProposals = {CipherSuite::FromKeyword("aes256-sha256")}; });
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->IsEstablished(), true, "IKE SA up");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.responder->IsEstablished(), true, "IKE SA up");
        NS_TEST_ASSERT_MSG_EQ(ToString(m_tunnel.initiator->GetLastError()),
                              ToString(IkeNotifyType::NO_PROPOSAL_CHOSEN),
                              "initiator told");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.tunnel.a.dataPlane->GetSas().size(), 0, "no SA on gw1");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.tunnel.b.dataPlane->GetSas().size(), 0, "no SA on gw2");
    }
};

/// A wrong DH guess recovers through INVALID_KE_PAYLOAD.
class InvalidKeTestCase : public IkeTunnelTestCase
{
  public:
    InvalidKeTestCase()
        : IkeTunnelTestCase("wrong DH guess: INVALID_KE_PAYLOAD, retry with the group asked")
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        CipherSuite gcm = CipherSuite::FromKeyword("aes128gcm16");
        helper.SetIkeProposals({IkeSuite{gcm, PrfAlgorithm::HMAC_SHA2_256, DhGroup::CURVE25519},
                                IkeSuite{gcm, PrfAlgorithm::HMAC_SHA2_256, DhGroup::ECP_256}});
        Build(helper,
              {},
              [gcm](IkePeerConfig& c) {
                  c.ikeProposals = {IkeSuite{gcm, PrfAlgorithm::HMAC_SHA2_256, DhGroup::ECP_256}};
              });
        SendBothWays(Seconds(1), 5);
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        CheckChildSaPair();
        NS_TEST_ASSERT_MSG_EQ(ToString(m_tunnel.initiator->GetLastError()),
                              ToString(IkeNotifyType::INVALID_KE_PAYLOAD),
                              "the initiator was asked for another group");
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(m_tunnel.initiator->GetIkeSa()->GetSuite().group),
                              static_cast<int>(DhGroup::ECP_256),
                              "ECP-256 negotiated");
        NS_TEST_ASSERT_MSG_EQ(m_received2, 5, "traffic flows");
    }
};

/// Start action "trap": the first packet's acquire starts IKE; later packets cross.
class TrapTestCase : public IkeTunnelTestCase
{
  public:
    TrapTestCase()
        : IkeTunnelTestCase("start action trap: an acquire brings the SAs up")
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        helper.SetStartAction(IkeStartAction::TRAP);
        Build(helper);
        Simulator::Schedule(Seconds(0.5),
                            [this]() {
                                NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->GetIkeSa(),
                                                      nullptr,
                                                      "no IKE SA before traffic");
                            });
        SendBothWays(Seconds(1), 1);
        SendBothWays(Seconds(1.5), 10);
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        CheckChildSaPair();
        NS_TEST_ASSERT_MSG_GT_OR_EQ(m_received2, 10, "traffic after the SAs crosses");
    }
};

/// With 30% random loss on the WAN link the SAs come up through retransmissions.
class LossTestCase : public IkeTunnelTestCase
{
  public:
    explicit LossTestCase(int64_t stream)
        : IkeTunnelTestCase("30% loss on the WAN link (error stream " + std::to_string(stream)
                            + "): SAs up through retransmissions")
        , m_stream(stream)
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        Build(helper);
        NetDeviceContainer wan = m_topology->WanDevices();
        for (uint32_t i = 0; i < wan.GetN(); ++i)
        {
            Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
            em->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
            em->SetRate(0.3);
            em->AssignStreams(m_stream + i);
            wan.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(em));
        }
        uint64_t retransmitted = 0;
        for (const auto& daemon : {m_tunnel.initiator, m_tunnel.responder})
        {
            daemon->TraceConnectWithoutContext(
                "Retransmit", MakeCallback(+[](uint64_t* n, uint32_t, const Bytes&) {
                                  (*n)++;
                              }).Bind(&retransmitted));
        }
        Simulator::Stop(Seconds(300));
        Simulator::Run();
        CheckChildSaPair();
        NS_TEST_ASSERT_MSG_GT(m_tunnel.initiator->GetRetransmissionCount(), 0, "losses seen");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.responder->GetDropCount(), 0, "nothing malformed");
        NS_TEST_ASSERT_MSG_EQ(retransmitted,
                              m_tunnel.initiator->GetRetransmissionCount(),
                              "only the initiator retransmits");
    }

    int64_t m_stream;
};

/**
 * Lost messages: a lost request is resent bitwise identical after RetransmitTimeout; a lost
 * response makes the initiator resend, and the responder answers from its cached response
 * (bitwise identical too) without processing the request again.
 */
class RetransmitTestCase : public IkeTunnelTestCase
{
  public:
    /// \param toResponder indexes of the packets gw2 loses \param toInitiator those gw1 loses
    RetransmitTestCase(std::set<uint32_t> toResponder,
                       std::set<uint32_t> toInitiator,
                       const std::string& what)
        : IkeTunnelTestCase("lost " + what + ": identical retransmission, cached response")
        , m_toResponder(std::move(toResponder))
        , m_toInitiator(std::move(toInitiator))
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        Build(helper);
        NetDeviceContainer wan = m_topology->WanDevices();
        wan.Get(0)->SetAttribute("ReceiveErrorModel",
                                 PointerValue(CreateObject<DropIndexErrorModel>(m_toInitiator)));
        wan.Get(1)->SetAttribute("ReceiveErrorModel",
                                 PointerValue(CreateObject<DropIndexErrorModel>(m_toResponder)));
        std::vector<std::pair<Time, Bytes>> sentI;
        std::vector<std::pair<Time, Bytes>> sentR;
        auto record = +[](std::vector<std::pair<Time, Bytes>>* out, const Bytes& b)
        { out->emplace_back(Simulator::Now(), b); };
        m_tunnel.initiator->TraceConnectWithoutContext("Tx", MakeCallback(record).Bind(&sentI));
        m_tunnel.responder->TraceConnectWithoutContext("Tx", MakeCallback(record).Bind(&sentR));
        Simulator::Stop(Seconds(60));
        Simulator::Run();
        CheckChildSaPair();
        size_t lost = m_toResponder.size() + m_toInitiator.size();
        NS_TEST_ASSERT_MSG_EQ(sentI.size(), 2 + lost, "two requests and one resend per loss");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetRetransmissionCount(), lost, "resends");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.responder->GetCachedResponseCount(),
                              m_toInitiator.size(),
                              "responses resent from the cache");
        NS_TEST_ASSERT_MSG_EQ(sentR.size(), 2 + m_toInitiator.size(), "responses");
        for (const auto* sent : {&sentI, &sentR})
        {
            uint32_t resends = 0;
            for (size_t i = 1; i < sent->size(); ++i)
            {
                const Bytes& previous = (*sent)[i - 1].second;
                const Bytes& current = (*sent)[i].second;
                if (current.size() >= 20 && previous.size() >= 20
                    && Bytes(current.begin() + 16, current.begin() + 20)
                           == Bytes(previous.begin() + 16, previous.begin() + 20))
                {
                    // Same exchange type, flags and Message ID: a resend.
                    NS_TEST_ASSERT_MSG_EQ(
                        BytesToHex(current), BytesToHex(previous), "a resend is bitwise identical");
                    if (sent == &sentI)
                    {
                        // strongSwan: retransmit_timeout 4 s * retransmit_base 1.8 ^ n
                        NS_TEST_ASSERT_MSG_EQ((*sent)[i].first - (*sent)[i - 1].first,
                                              Seconds(4 * std::pow(1.8, resends)),
                                              "exponential back-off");
                    }
                    resends++;
                }
                else
                {
                    resends = 0;
                }
            }
        }
    }

    std::set<uint32_t> m_toResponder;
    std::set<uint32_t> m_toInitiator;
};

/**
 * Malformed and unexpected messages (garbage, truncations, thousands of mutated IKE_SA_INIT
 * requests, IKE_AUTH for an unknown IKE SA, responses nobody asked for) reach the responder
 * from the initiator's address and port: each is dropped and counted or answered, the daemon
 * never crashes, and the real initiator starting afterwards still gets its SAs.
 */
class MalformedTestCase : public IkeTunnelTestCase
{
  public:
    MalformedTestCase()
        : IkeTunnelTestCase("malformed and unexpected messages are dropped and counted")
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        Build(helper);
        m_tunnel.initiator->SetStartTime(Seconds(10));
        Ptr<Socket> injector
            = Socket::CreateSocket(m_topology->Gateway1(), UdpSocketFactory::GetTypeId());
        NS_TEST_ASSERT_MSG_EQ(
            injector->Bind(InetSocketAddress(m_topology->End1().outerAddress, 500)),
            0,
            "bind the initiator's address and port");
        Ptr<UniformRandomVariable> random = CreateObject<UniformRandomVariable>();
        random->SetStream(77);
        std::vector<Bytes> inputs;
        inputs.push_back({1, 2, 3});
        Bytes init = iketest::MakeSaInitRequest().Serialize();
        for (size_t cut : {size_t{0}, size_t{27}, size_t{28}, init.size() - 1})
        {
            inputs.emplace_back(init.begin(), init.begin() + cut);
        }
        IkeMessage response = iketest::MakeSaInitResponse();
        inputs.push_back(response.Serialize());
        iketest::TestIkeSa keys = iketest::MakeTestIkeSa("aes128gcm16");
        auto ivs = IkeIvGenerator::Create(keys.suite, random);
        inputs.push_back(iketest::MakeAuthRequest().Serialize(*keys.seal, *ivs));
        const uint32_t mutations = 3000;
        for (uint32_t i = 0; i < mutations; ++i)
        {
            Bytes m = init;
            uint32_t flips = random->GetInteger(1, 4);
            for (uint32_t f = 0; f < flips; ++f)
            {
                m[random->GetInteger(0, m.size() - 1)] ^= 1u << random->GetInteger(0, 7);
            }
            inputs.push_back(m);
        }
        for (size_t i = 0; i < inputs.size(); ++i)
        {
            Simulator::Schedule(MilliSeconds(1) + MicroSeconds(500 * i),
                                [injector, &inputs, i]()
                                {
                                    injector->SendTo(
                                        Create<Packet>(inputs[i].data(), inputs[i].size()),
                                        0,
                                        InetSocketAddress(Ipv4Address("172.16.0.2"), 500));
                                });
        }
        Simulator::Schedule(Seconds(5), [injector]() { injector->Close(); });
        SendBothWays(Seconds(11), 5);
        Simulator::Stop(Seconds(12));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_GT(m_tunnel.responder->GetDropCount(), 7, "dropped and counted");
        CheckChildSaPair();
        NS_TEST_ASSERT_MSG_EQ(m_received2, 5, "traffic flows");
    }
};

/// Flips 1 to 4 random bits in the IKE octets of some of the IKE datagrams a device receives.
class MutatingErrorModel : public ErrorModel
{
  public:
    MutatingErrorModel(double probability, int64_t stream)
        : m_probability(probability)
        , m_random(CreateObject<UniformRandomVariable>())
    {
        m_random->SetStream(stream);
    }

    uint32_t GetMutated() const
    {
        return m_mutated;
    }

  private:
    /// PPP (2) + IPv4 without options (20) + UDP (8)
    static constexpr uint32_t IKE_OFFSET = 30;

    bool DoCorrupt(Ptr<Packet> p) override
    {
        Bytes b(p->GetSize());
        p->CopyData(b.data(), b.size());
        if (b.size() <= IKE_OFFSET || b[2 + 9] != 17 || m_random->GetValue() >= m_probability)
        {
            return false;
        }
        uint32_t flips = m_random->GetInteger(1, 4);
        for (uint32_t f = 0; f < flips; ++f)
        {
            uint32_t at = m_random->GetInteger(IKE_OFFSET, b.size() - 1);
            b[at] ^= 1u << m_random->GetInteger(0, 7);
        }
        p->RemoveAtEnd(p->GetSize());
        p->AddAtEnd(Create<Packet>(b.data(), b.size()));
        m_mutated++;
        return false;
    }

    void DoReset() override
    {
    }

    double m_probability;
    Ptr<UniformRandomVariable> m_random;
    uint32_t m_mutated{0};
};

/**
 * Bits flipped in 20% of the IKE messages on the wire, both ways (mutated cleartext of
 * IKE_SA_INIT, SK payloads failing their ICV, headers): no crash, and the outcome is
 * consistent: either both ends have the IKE SA and one Child SA pair with matching keys, or
 * neither end has any SA in its data plane.
 */
class MutationTestCase : public IkeTunnelTestCase
{
  public:
    explicit MutationTestCase(int64_t stream)
        : IkeTunnelTestCase("20% of IKE messages mutated on the wire (stream "
                            + std::to_string(stream) + "): no crash, consistent outcome")
        , m_stream(stream)
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        Build(helper);
        NetDeviceContainer wan = m_topology->WanDevices();
        std::vector<Ptr<MutatingErrorModel>> models;
        for (uint32_t i = 0; i < wan.GetN(); ++i)
        {
            models.push_back(CreateObject<MutatingErrorModel>(0.2, m_stream + i));
            wan.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(models.back()));
        }
        Simulator::Stop(Seconds(300));
        Simulator::Run();
        uint32_t mutated = models[0]->GetMutated() + models[1]->GetMutated();
        size_t sas = m_tunnel.tunnel.a.dataPlane->GetSas().size()
                     + m_tunnel.tunnel.b.dataPlane->GetSas().size();
        if (sas > 0)
        {
            CheckChildSaPair();
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->GetChildSas().size()
                                      + m_tunnel.responder->GetChildSas().size(),
                                  0,
                                  "no Child SA without SAs");
        }
        bool exercised = mutated > 0 || sas == 4;
        NS_TEST_EXPECT_MSG_EQ(exercised, true, "mutations happened or SAs up");
    }

    int64_t m_stream;
};

/// Traffic selectors the responder does not accept: the IKE SA comes up without Child SA.
class TsUnacceptableTestCase : public IkeTunnelTestCase
{
  public:
    TsUnacceptableTestCase()
        : IkeTunnelTestCase("traffic selectors not covering the responder's: TS_UNACCEPTABLE")
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        Build(helper,
              {},
              [](IkePeerConfig& c) {
                  c.remoteTs
                      = TrafficSelector::FromPrefix(Ipv4Address("10.9.0.0"), Ipv4Mask("/16"));
              });
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->IsEstablished(), true, "IKE SA up");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.responder->IsEstablished(), true, "IKE SA up");
        NS_TEST_ASSERT_MSG_EQ(ToString(m_tunnel.initiator->GetLastError()),
                              ToString(IkeNotifyType::TS_UNACCEPTABLE),
                              "initiator told");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.tunnel.a.dataPlane->GetSas().size(), 0, "no SA on gw1");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.tunnel.b.dataPlane->GetSas().size(), 0, "no SA on gw2");
    }
};

/// No responder: five retransmissions on strongSwan's schedule, then the IKE SA fails.
class GiveUpTestCase : public IkeTunnelTestCase
{
  public:
    GiveUpTestCase()
        : IkeTunnelTestCase("no answer: 5 retransmissions (4 s x 1.8^n), then the IKE SA fails")
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        Build(helper);
        m_tunnel.responder->SetStartTime(Seconds(1000));
        std::vector<Time> sent;
        m_tunnel.initiator->TraceConnectWithoutContext(
            "Tx", MakeCallback(+[](std::vector<Time>* out, const Bytes&) {
                      out->push_back(Simulator::Now());
                  }).Bind(&sent));
        Simulator::Schedule(Seconds(165),
                            [this]()
                            {
                                NS_TEST_EXPECT_MSG_EQ(
                                    ToString(m_tunnel.initiator->GetIkeSa()->GetState()),
                                    "CONNECTING",
                                    "still waiting for the last try");
                            });
        Simulator::Stop(Seconds(170));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(sent.size(), 6, "the request and five retransmissions");
        Time expected = Seconds(0);
        for (size_t i = 1; i < sent.size(); ++i)
        {
            expected += Seconds(4 * std::pow(1.8, i - 1));
            NS_TEST_EXPECT_MSG_EQ(sent[i], expected, "retransmission " << i);
        }
        NS_TEST_ASSERT_MSG_EQ(ToString(m_tunnel.initiator->GetIkeSa()->GetState()),
                              "FAILED",
                              "given up after 4 x (1 + 1.8 + ... + 1.8^5) = 165.1 s");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->GetRetransmissionCount(), 5, "five");
    }
};

/**
 * \ingroup ipsec-tests
 * The IKEv2 daemon suite.
 */
class IkeDaemonTestSuite : public TestSuite
{
  public:
    IkeDaemonTestSuite()
        : TestSuite("ipsec-ike-daemon", UNIT)
    {
        AddTestCase(new EstablishTestCase("aes128gcm16", DhGroup::CURVE25519, "aes128gcm16"),
                    TestCase::QUICK);
        AddTestCase(new ResponderKeysTestCase, TestCase::QUICK);
        AddTestCase(new EstablishTestCase("aes256-sha256", DhGroup::MODP_2048, "aes256-sha256"),
                    TestCase::QUICK);
        AddTestCase(new EstablishTestCase("chacha20poly1305", DhGroup::ECP_256, "aes256gcm16"),
                    TestCase::QUICK);
        AddTestCase(new WrongPskTestCase, TestCase::QUICK);
        AddTestCase(new NoIkeProposalTestCase, TestCase::QUICK);
        AddTestCase(new NoEspProposalTestCase, TestCase::QUICK);
        AddTestCase(new InvalidKeTestCase, TestCase::QUICK);
        AddTestCase(new TrapTestCase, TestCase::QUICK);
        AddTestCase(new TsUnacceptableTestCase, TestCase::QUICK);
        AddTestCase(new GiveUpTestCase, TestCase::QUICK);
        AddTestCase(new RetransmitTestCase({0}, {}, "IKE_SA_INIT request"), TestCase::QUICK);
        AddTestCase(new RetransmitTestCase({1}, {}, "IKE_AUTH request"), TestCase::QUICK);
        AddTestCase(new RetransmitTestCase({}, {0}, "IKE_SA_INIT response"), TestCase::QUICK);
        AddTestCase(new RetransmitTestCase({}, {1}, "IKE_AUTH response"), TestCase::QUICK);
        AddTestCase(new RetransmitTestCase({1, 2}, {1}, "IKE_AUTH twice and its response"),
                    TestCase::QUICK);
        AddTestCase(new MalformedTestCase, TestCase::QUICK);
        for (int64_t stream = 1000; stream < 1040; stream += 2)
        {
            AddTestCase(new MutationTestCase(stream), TestCase::QUICK);
        }
        for (int64_t stream : {100, 200, 300})
        {
            AddTestCase(new LossTestCase(stream), TestCase::QUICK);
        }
    }
};

IkeDaemonTestSuite g_ikeDaemonTestSuite;

} // namespace
