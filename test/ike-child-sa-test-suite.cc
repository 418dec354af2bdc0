/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// CREATE_CHILD_SA end to end on host1 - gw1 = gw2 - host2: more Child SAs from either end
// (keys match crosswise, traffic moves to the newest pair), with PFS and a PFS group that
// recovers through INVALID_KE_PAYLOAD, refusals (NO_PROPOSAL_CHOSEN, TS_UNACCEPTABLE) that keep
// the IKE SA and the first pair up, the Child SA rekey (make-before-break, the old pair deleted
// on both ends), simultaneous rekeys from both ends (one pair left), a rekey of a pair that the
// peer is deleting (TEMPORARY_FAILURE) or no longer has (CHILD_SA_NOT_FOUND), a request that
// arrives before the IKE SA is up, and rekeys by lifetime under continuous traffic without
// losing one packet.

#include "ike-tunnel-fixture.h"

#include "ns3/error-model.h"
#include "ns3/gateway-pair-topology.h"
#include "ns3/ike-create-child-sa-task.h"
#include "ns3/ike-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipsec-helper.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"

#include <functional>
#include <map>
#include <set>

using namespace ns3;
using namespace ns3::ipsectest;

namespace
{

/**
 * \ingroup ipsec-tests
 * A tunnel keyed by IKE with UDP sockets on both hosts (as in ipsec-ike-daemon); subclasses
 * configure the daemons, act on them during the run and check the outcome.
 */
class IkeChildSaTestCase : public IkeTunnelFixture
{
  public:
    explicit IkeChildSaTestCase(const std::string& name, int64_t stream = 20)
        : IkeTunnelFixture(name, stream)
    {
    }

  protected:
    /// Builds the scenario; \p initiator and \p responder adjust the daemons.
    void Build(Tweak initiator = {}, Tweak responder = {})
    {
        IkeHelper helper;
        IkeTunnelFixture::Build(helper, initiator, responder);
    }

    /// \returns the first (IKE_AUTH) pair's inbound SPI at the initiator, 0 if none
    uint32_t FirstPair() const
    {
        auto children = m_tunnel.initiator->GetChildSas();
        return children.empty() ? 0 : children.front().inboundSpi;
    }

    /**
     * Checks that both daemons hold \p pairs Child SA pairs whose SPIs match crosswise, that
     * the data planes hold exactly their SAs, and that each SA's keys match its peer's.
     */
    void CheckPairs(size_t pairs)
    {
        Ptr<IkeDaemon> i = m_tunnel.initiator;
        Ptr<IkeDaemon> r = m_tunnel.responder;
        NS_TEST_ASSERT_MSG_EQ(i->IsEstablished(), true, "initiator's IKE SA is up");
        NS_TEST_ASSERT_MSG_EQ(r->IsEstablished(), true, "responder's IKE SA is up");
        std::vector<IkeChildSa> ci = i->GetChildSas();
        std::vector<IkeChildSa> cr = r->GetChildSas();
        NS_TEST_ASSERT_MSG_EQ(ci.size(), pairs, "Child SA pairs at the initiator");
        NS_TEST_ASSERT_MSG_EQ(cr.size(), pairs, "Child SA pairs at the responder");
        Ptr<IpsecDataPlane> gw1 = m_tunnel.tunnel.a.dataPlane;
        Ptr<IpsecDataPlane> gw2 = m_tunnel.tunnel.b.dataPlane;
        NS_TEST_ASSERT_MSG_EQ(gw1->GetSas().size(), 2 * pairs, "gw1 holds just these SAs");
        NS_TEST_ASSERT_MSG_EQ(gw2->GetSas().size(), 2 * pairs, "gw2 holds just these SAs");
        Ipv4Address gw1Outer = m_topology->End1().outerAddress;
        Ipv4Address gw2Outer = m_topology->End2().outerAddress;
        for (const IkeChildSa& a : ci)
        {
            auto peer = std::find_if(cr.begin(),
                                     cr.end(),
                                     [&a](const IkeChildSa& b) {
                                         return b.outboundSpi == a.inboundSpi
                                                && b.inboundSpi == a.outboundSpi;
                                     });
            NS_TEST_ASSERT_MSG_EQ(
                (peer != cr.end()), true, "the responder has pair " << a.inboundSpi);
            NS_TEST_EXPECT_MSG_EQ(ToString(a.state), "INSTALLED", "pair in use");
            NS_TEST_EXPECT_MSG_EQ(ToString(peer->state), "INSTALLED", "pair in use");
            for (bool forward : {true, false})
            {
                uint32_t spi = forward ? a.outboundSpi : a.inboundSpi;
                Ipv4Address destination = forward ? gw2Outer : gw1Outer;
                Ptr<const IpsecSa> out
                    = (forward ? gw1 : gw2)->GetSa(SaDirection::OUTBOUND, spi, destination);
                Ptr<const IpsecSa> in
                    = (forward ? gw2 : gw1)->GetSa(SaDirection::INBOUND, spi, destination);
                NS_TEST_ASSERT_MSG_NE(out, nullptr, "outbound SA " << spi);
                NS_TEST_ASSERT_MSG_NE(in, nullptr, "inbound SA " << spi);
                NS_TEST_EXPECT_MSG_EQ(out->Params().suite, in->Params().suite, "same suite");
                NS_TEST_EXPECT_MSG_EQ(BytesToHex(out->Params().encryptionKey),
                                      BytesToHex(in->Params().encryptionKey),
                                      "same encryption key");
                NS_TEST_EXPECT_MSG_EQ(BytesToHex(out->Params().integrityKey),
                                      BytesToHex(in->Params().integrityKey),
                                      "same integrity key");
            }
        }
        std::set<std::string> keys;
        for (const auto& sa : gw1->GetSas())
        {
            keys.insert(BytesToHex(sa->Params().encryptionKey));
        }
        NS_TEST_EXPECT_MSG_EQ(keys.size(), 2 * pairs, "every SA has its own key");
    }

    /// \returns packets received on the inbound SA \p spi of gw1 (\p gw1) or gw2
    uint64_t InboundPackets(bool gw1, uint32_t spi) const
    {
        Ptr<IpsecDataPlane> plane = gw1 ? m_tunnel.tunnel.a.dataPlane : m_tunnel.tunnel.b.dataPlane;
        Ipv4Address local = gw1 ? m_topology->End1().outerAddress : m_topology->End2().outerAddress;
        Ptr<const IpsecSa> sa = plane->GetSa(SaDirection::INBOUND, spi, local);
        return sa ? sa->GetCounters().packets : 0;
    }

    /// \returns ESP packets dropped at both gateways, for any reason but NO_SA
    uint64_t EspDrops() const
    {
        uint64_t drops = 0;
        for (Ptr<IpsecDataPlane> plane : {m_tunnel.tunnel.a.dataPlane, m_tunnel.tunnel.b.dataPlane})
        {
            for (size_t r = 0; r < static_cast<size_t>(IpsecDropReason::COUNT); ++r)
            {
                drops += plane->GetDropCount(static_cast<IpsecDropReason>(r));
            }
        }
        return drops;
    }

    /// \returns how often \p daemon sent (\p sent) or received error notify \p type
    static uint64_t Errors(Ptr<IkeDaemon> daemon, IkeNotifyType type, bool sent)
    {
        const auto& map
            = sent ? daemon->GetStatistics().errorsSent : daemon->GetStatistics().errorsReceived;
        auto it = map.find(ToString(type));
        return it == map.end() ? 0 : it->second;
    }
};

/**
 * More Child SAs through CREATE_CHILD_SA from both ends (the KEYMAT halves follow the exchange
 * initiator), with or without PFS: keys match crosswise and traffic moves to the newest pair.
 */
class NewChildSaTestCase : public IkeChildSaTestCase
{
  public:
    explicit NewChildSaTestCase(std::optional<DhGroup> pfs)
        : IkeChildSaTestCase(std::string("new Child SAs by CREATE_CHILD_SA from both ends")
                             + (pfs ? " with PFS" : "") + ": keys match, traffic on the newest")
        , m_pfs(pfs)
    {
    }

  private:
    void DoRun() override
    {
        Tweak pfs = [this](IkePeerConfig& c) { c.pfsGroup = m_pfs; };
        Build(pfs, pfs);
        Simulator::Schedule(
            Seconds(1),
            [this]()
            { NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->CreateChildSa(), true, "IKE SA up"); });
        Simulator::Schedule(
            Seconds(1.1),
            [this]()
            { NS_TEST_EXPECT_MSG_EQ(m_tunnel.responder->CreateChildSa(), true, "IKE SA up"); });
        SendBothWays(Seconds(1.5), 20);
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        CheckPairs(3);
        NS_TEST_EXPECT_MSG_EQ(m_received1, 20, "host1 received everything");
        NS_TEST_EXPECT_MSG_EQ(m_received2, 20, "host2 received everything");
        std::vector<IkeChildSa> ci = m_tunnel.initiator->GetChildSas();
        if (ci.size() == 3)
        {
            // Both gateways send on the newest pair: the one the responder created.
            NS_TEST_EXPECT_MSG_EQ(InboundPackets(true, ci[2].inboundSpi), 20, "gw1 got on it");
            NS_TEST_EXPECT_MSG_EQ(InboundPackets(false, ci[2].outboundSpi), 20, "gw2 got on it");
            NS_TEST_EXPECT_MSG_EQ(InboundPackets(true, ci[0].inboundSpi), 0, "not on the first");
            NS_TEST_EXPECT_MSG_EQ(ci[1].replaces, 0, "a new Child SA, not a rekey");
        }
        const IkeStatistics& si = m_tunnel.initiator->GetStatistics();
        NS_TEST_EXPECT_MSG_EQ(si.exchangesInitiated.at("CREATE_CHILD_SA"), 1, "one initiated");
        NS_TEST_EXPECT_MSG_EQ(si.exchangesResponded.at("CREATE_CHILD_SA"), 1, "one answered");
        NS_TEST_EXPECT_MSG_EQ(si.childSasInstalled, 3, "three pairs");
        NS_TEST_EXPECT_MSG_EQ(EspDrops(), 0, "no ESP drop");
    }

    std::optional<DhGroup> m_pfs;
};

/**
 * The initiator's PFS group is not the responder's: INVALID_KE_PAYLOAD names the responder's,
 * which the initiator also offered, and the retry with it succeeds.
 */
class PfsGroupMismatchTestCase : public IkeChildSaTestCase
{
  public:
    PfsGroupMismatchTestCase()
        : IkeChildSaTestCase("PFS group mismatch: INVALID_KE_PAYLOAD, retry with the group asked")
    {
    }

  private:
    void DoRun() override
    {
        Build(
            [](IkePeerConfig& c)
            {
                c.pfsGroup = DhGroup::CURVE25519;
                c.pfsAlternatives = {DhGroup::ECP_256};
            },
            [](IkePeerConfig& c) { c.pfsGroup = DhGroup::ECP_256; });
        Simulator::Schedule(Seconds(1), [this]() { m_tunnel.initiator->CreateChildSa(); });
        SendBothWays(Seconds(1.5), 10);
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        CheckPairs(2);
        NS_TEST_EXPECT_MSG_EQ(Errors(m_tunnel.initiator, IkeNotifyType::INVALID_KE_PAYLOAD, false),
                              1,
                              "the initiator was told the group");
        NS_TEST_EXPECT_MSG_EQ(Errors(m_tunnel.responder, IkeNotifyType::INVALID_KE_PAYLOAD, true),
                              1,
                              "the responder asked once");
        NS_TEST_EXPECT_MSG_EQ(
            m_tunnel.initiator->GetStatistics().exchangesInitiated.at("CREATE_CHILD_SA"),
            1,
            "the retry completed");
        NS_TEST_EXPECT_MSG_EQ(m_received1, 10, "traffic flows");
        NS_TEST_EXPECT_MSG_EQ(m_received2, 10, "traffic flows");
    }
};

/**
 * A CREATE_CHILD_SA the responder refuses (no common proposal: PFS on one end only; or
 * selectors outside its policy) leaves the IKE SA and the first pair up and in use.
 */
class RefusedChildSaTestCase : public IkeChildSaTestCase
{
  public:
    explicit RefusedChildSaTestCase(IkeNotifyType error)
        : IkeChildSaTestCase(ToString(error) + " in CREATE_CHILD_SA: IKE SA and first pair stay")
        , m_error(error)
    {
    }

  private:
    void DoRun() override
    {
        bool pfs = m_error == IkeNotifyType::NO_PROPOSAL_CHOSEN;
        Build(
            [pfs](IkePeerConfig& c)
            {
                if (pfs)
                {
                    c.pfsGroup = DhGroup::CURVE25519;
                }
            });
        Simulator::Schedule(Seconds(1),
                            [this, pfs]()
                            {
                                auto task = IkeCreateChildSaTask::ForNewChildSa();
                                if (!pfs)
                                {
                                    const IkePeerConfig& c = m_tunnel.initiator->GetConfig();
                                    task->SetTrafficSelectors(
                                        c.localTs,
                                        TrafficSelector::FromPrefix(Ipv4Address("10.99.0.0"),
                                                                    Ipv4Mask("255.255.0.0")));
                                }
                                m_tunnel.initiator->CreateChildSa(0, std::move(task));
                            });
        SendBothWays(Seconds(1.5), 10);
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        CheckPairs(1);
        NS_TEST_EXPECT_MSG_EQ(Errors(m_tunnel.initiator, m_error, false), 1, "initiator told");
        NS_TEST_EXPECT_MSG_EQ(Errors(m_tunnel.responder, m_error, true), 1, "responder said");
        NS_TEST_EXPECT_MSG_EQ(m_received1, 10, "the first pair still carries traffic");
        NS_TEST_EXPECT_MSG_EQ(m_received2, 10, "the first pair still carries traffic");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->GetStatistics().ikeSasFailed, 0, "IKE SA kept");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.responder->GetStatistics().ikeSasFailed, 0, "IKE SA kept");
    }

    IkeNotifyType m_error;
};

/**
 * A Child SA rekey from either end: the new pair is installed and used, the old one is deleted
 * on both ends, and the traffic before, during and after loses nothing.
 */
class RekeyTestCase : public IkeChildSaTestCase
{
  public:
    RekeyTestCase(bool byResponder, bool pfs)
        : IkeChildSaTestCase(std::string("Child SA rekey by the ")
                             + (byResponder ? "responder" : "initiator") + (pfs ? " with PFS" : "")
                             + ": new pair used, old pair deleted on both ends")
        , m_byResponder(byResponder)
        , m_pfs(pfs)
    {
    }

  private:
    void DoRun() override
    {
        Tweak pfs = [this](IkePeerConfig& c)
        {
            if (m_pfs)
            {
                c.pfsGroup = DhGroup::ECP_256;
            }
        };
        Build(pfs, pfs);
        uint32_t first = 0;
        uint32_t firstPeer = 0;
        Simulator::Schedule(
            Seconds(1),
            [this, &first, &firstPeer]()
            {
                first = FirstPair();
                firstPeer = m_tunnel.initiator->GetChildSas().front().outboundSpi;
                Ptr<IkeDaemon> rekeying = m_byResponder ? m_tunnel.responder : m_tunnel.initiator;
                NS_TEST_EXPECT_MSG_EQ(rekeying->RekeyChildSa(m_byResponder ? firstPeer : first),
                                      true,
                                      "rekey queued");
                NS_TEST_EXPECT_MSG_EQ(
                    rekeying->RekeyChildSa(m_byResponder ? firstPeer : first), false, "once");
            });
        SendBothWays(Seconds(0.9), 40, MilliSeconds(5));
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        CheckPairs(1);
        std::vector<IkeChildSa> ci = m_tunnel.initiator->GetChildSas();
        if (ci.size() == 1)
        {
            NS_TEST_EXPECT_MSG_NE(ci[0].inboundSpi, first, "a new pair");
            NS_TEST_EXPECT_MSG_NE(ci[0].outboundSpi, firstPeer, "a new pair");
            NS_TEST_EXPECT_MSG_EQ(ci[0].replaces, first, "it replaced the first");
            NS_TEST_EXPECT_MSG_GT(InboundPackets(true, ci[0].inboundSpi), 0, "in use");
        }
        Ptr<IkeDaemon> rekeying = m_byResponder ? m_tunnel.responder : m_tunnel.initiator;
        Ptr<IkeDaemon> other = m_byResponder ? m_tunnel.initiator : m_tunnel.responder;
        NS_TEST_EXPECT_MSG_EQ(rekeying->GetStatistics().childSaRekeys, 1, "one rekey");
        NS_TEST_EXPECT_MSG_EQ(other->GetStatistics().childSaRekeys, 1, "one rekey answered");
        NS_TEST_EXPECT_MSG_EQ(rekeying->GetStatistics().childSasDeleted, 1, "old pair deleted");
        NS_TEST_EXPECT_MSG_EQ(other->GetStatistics().childSasDeleted, 1, "old pair deleted");
        NS_TEST_EXPECT_MSG_EQ(rekeying->GetStatistics().exchangesInitiated.at("INFORMATIONAL"),
                              1,
                              "the rekey initiator deleted the old pair");
        NS_TEST_EXPECT_MSG_EQ(rekeying->GetStatistics().childRekeyCollisions, 0, "no collision");
        NS_TEST_EXPECT_MSG_EQ(m_received1, m_sent, "host1 lost nothing");
        NS_TEST_EXPECT_MSG_EQ(m_received2, m_sent, "host2 lost nothing");
        NS_TEST_EXPECT_MSG_EQ(EspDrops(), 0, "no ESP drop");
    }

    bool m_byResponder;
    bool m_pfs;
};

/**
 * Both ends rekey the same pair at the same time (RFC 7296 2.8.1): both exchanges complete,
 * each end sees the collision, the redundant new pair and the old pair are deleted, and one
 * pair is left, the same on both ends. The stream changes the nonces, hence who wins.
 */
class SimultaneousRekeyTestCase : public IkeChildSaTestCase
{
  public:
    explicit SimultaneousRekeyTestCase(int64_t stream)
        : IkeChildSaTestCase("simultaneous Child SA rekeys (stream " + std::to_string(stream)
                                 + "): one pair left on both ends",
                             stream)
    {
    }

  private:
    void DoRun() override
    {
        Build();
        uint32_t first = 0;
        Simulator::Schedule(
            Seconds(1),
            [this, &first]()
            {
                first = FirstPair();
                uint32_t peer = m_tunnel.initiator->GetChildSas().front().outboundSpi;
                NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->RekeyChildSa(first), true, "queued");
                NS_TEST_EXPECT_MSG_EQ(m_tunnel.responder->RekeyChildSa(peer), true, "queued");
            });
        SendBothWays(Seconds(0.9), 40, MilliSeconds(5));
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        CheckPairs(1);
        std::vector<IkeChildSa> ci = m_tunnel.initiator->GetChildSas();
        if (ci.size() == 1)
        {
            NS_TEST_EXPECT_MSG_EQ(ci[0].replaces, first, "the survivor replaced the first pair");
        }
        for (Ptr<IkeDaemon> d : {m_tunnel.initiator, m_tunnel.responder})
        {
            const IkeStatistics& s = d->GetStatistics();
            NS_TEST_EXPECT_MSG_EQ(s.childRekeyCollisions, 1, "each end saw the collision");
            NS_TEST_EXPECT_MSG_EQ(s.childSaRekeys, 2, "both exchanges completed (both roles)");
            NS_TEST_EXPECT_MSG_EQ(s.childSasInstalled, 3, "first pair and two new ones");
            NS_TEST_EXPECT_MSG_EQ(s.childSasDeleted, 2, "old and redundant pairs deleted");
            NS_TEST_EXPECT_MSG_EQ(s.exchangesInitiated.at("INFORMATIONAL"), 1, "one Delete each");
        }
        NS_TEST_EXPECT_MSG_EQ(m_received1, m_sent, "host1 lost nothing");
        NS_TEST_EXPECT_MSG_EQ(m_received2, m_sent, "host2 lost nothing");
        NS_TEST_EXPECT_MSG_EQ(EspDrops(), 0, "no ESP drop");
    }
};

/**
 * A rekey of a pair that the peer is deleting gets TEMPORARY_FAILURE (RFC 7296 2.25); the
 * Delete goes through, and the rekey, retried later, finds nothing to rekey.
 */
class RekeyWhileDeletingTestCase : public IkeChildSaTestCase
{
  public:
    RekeyWhileDeletingTestCase()
        : IkeChildSaTestCase("rekey of a pair the peer deletes: TEMPORARY_FAILURE, pair gone")
    {
    }

  private:
    void DoRun() override
    {
        Build();
        Simulator::Schedule(
            Seconds(1),
            [this]()
            {
                IkeChildSa pair = m_tunnel.initiator->GetChildSas().front();
                NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->DeleteChildSa(pair.inboundSpi), true, "");
                NS_TEST_EXPECT_MSG_EQ(m_tunnel.responder->RekeyChildSa(pair.outboundSpi), true, "");
            });
        Simulator::Stop(Seconds(30));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(Errors(m_tunnel.initiator, IkeNotifyType::TEMPORARY_FAILURE, true),
                              1,
                              "the deleting end refused the rekey");
        NS_TEST_EXPECT_MSG_EQ(Errors(m_tunnel.responder, IkeNotifyType::TEMPORARY_FAILURE, false),
                              1,
                              "the rekeying end was told");
        CheckPairs(0);
        NS_TEST_EXPECT_MSG_EQ(
            m_tunnel.responder->GetStatistics().exchangesInitiated.count("CREATE_CHILD_SA"),
            0,
            "no rekey completed");
    }
};

/**
 * A rekey of a pair the peer no longer has (its hard lifetime ended there first) gets
 * CHILD_SA_NOT_FOUND; the initiator drops the pair and creates a new Child SA in its place.
 */
class RekeyUnknownPairTestCase : public IkeChildSaTestCase
{
  public:
    RekeyUnknownPairTestCase()
        : IkeChildSaTestCase("rekey of a pair the peer lost: CHILD_SA_NOT_FOUND, a new pair")
    {
    }

  private:
    void DoRun() override
    {
        // The responder's pair dies at 1 s without a rekey (its soft limit lies beyond).
        Build({},
              [](IkePeerConfig& c)
              {
                  c.childLifetime.rekeyTime = Seconds(10);
                  c.childLifetime.lifeTime = Seconds(1);
              });
        uint32_t first = 0;
        Simulator::Schedule(Seconds(1.5),
                            [this, &first]()
                            {
                                first = FirstPair();
                                NS_TEST_EXPECT_MSG_EQ(m_tunnel.responder->GetChildSas().size(),
                                                      0,
                                                      "the responder lost the pair");
                                NS_TEST_EXPECT_MSG_EQ(
                                    m_tunnel.initiator->RekeyChildSa(first), true, "rekey queued");
                            });
        SendBothWays(Seconds(1.8), 10);
        Simulator::Stop(Seconds(1.95));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(Errors(m_tunnel.responder, IkeNotifyType::CHILD_SA_NOT_FOUND, true),
                              1,
                              "the responder did not know it");
        CheckPairs(1);
        std::vector<IkeChildSa> ci = m_tunnel.initiator->GetChildSas();
        if (ci.size() == 1)
        {
            NS_TEST_EXPECT_MSG_NE(ci[0].inboundSpi, first, "the lost pair is gone");
            NS_TEST_EXPECT_MSG_EQ(ci[0].replaces, 0, "a new Child SA, not a rekey");
        }
        NS_TEST_EXPECT_MSG_EQ(m_received1, 10, "traffic on the new pair");
        NS_TEST_EXPECT_MSG_EQ(m_received2, 10, "traffic on the new pair");
    }
};

/**
 * The IKE_AUTH response is lost, and the responder, established, sends a CREATE_CHILD_SA
 * before the initiator is: the initiator drops it unanswered (strongSwan rejects
 * CREATE_CHILD_SA on an unestablished IKE SA), the responder retransmits it, and once the
 * IKE_AUTH retransmission has established the initiator, the retransmitted request succeeds.
 */
class EarlyRequestTestCase : public IkeChildSaTestCase
{
  public:
    EarlyRequestTestCase()
        : IkeChildSaTestCase("CREATE_CHILD_SA before the IKE SA is up: refused, then retried")
    {
    }

  private:
    void DoRun() override
    {
        Build();
        // gw1 receives the IKE_SA_INIT response, then the IKE_AUTH response: lose that.
        m_topology->WanDevices().Get(0)->SetAttribute(
            "ReceiveErrorModel",
            PointerValue(CreateObject<DropIndexErrorModel>(std::set<uint32_t>{1})));
        Simulator::Schedule(MilliSeconds(100),
                            [this]()
                            {
                                NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->IsEstablished(),
                                                      false,
                                                      "the initiator waits for IKE_AUTH");
                                NS_TEST_EXPECT_MSG_EQ(m_tunnel.responder->CreateChildSa(),
                                                      true,
                                                      "the responder is up");
                            });
        SendBothWays(Seconds(5), 10);
        Simulator::Stop(Seconds(5.5));
        Simulator::Run();
        const auto& drops = m_tunnel.initiator->GetStatistics().drops;
        NS_TEST_EXPECT_MSG_EQ(drops.count("unsupported request") ? drops.at("unsupported request")
                                                                 : 0,
                              1,
                              "the early request was dropped unanswered");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(
            m_tunnel.responder->GetRetransmissionCount(), 1, "and retransmitted");
        CheckPairs(2);
        NS_TEST_EXPECT_MSG_EQ(m_received1, 10, "traffic flows");
        NS_TEST_EXPECT_MSG_EQ(m_received2, 10, "traffic flows");
    }
};

/**
 * Rekeys by lifetime (soft expire, strongSwan's jitter) under a UDP flow every 100 us each way:
 * several rekeys from either end, and every datagram arrives, none dropped at the ESP receivers.
 */
class RekeyUnderTrafficTestCase : public IkeChildSaTestCase
{
  public:
    RekeyUnderTrafficTestCase()
        : IkeChildSaTestCase("rekeys by lifetime under a flow every 100 us: no packet lost")
    {
    }

  private:
    void DoRun() override
    {
        Tweak shortLife = [](IkePeerConfig& c) { c.childLifetime.rekeyTime = MilliSeconds(400); };
        Build(shortLife, shortLife);
        SendBothWays(Seconds(0.3), 18000, MicroSeconds(100));
        Simulator::Stop(Seconds(2.2));
        Simulator::Run();
        uint64_t rekeys = m_tunnel.initiator->GetStatistics().childSaRekeys;
        NS_TEST_EXPECT_MSG_GT_OR_EQ(rekeys, 4, "several rekeys");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->GetStatistics().ikeSasFailed, 0, "IKE SA up");
        NS_TEST_EXPECT_MSG_EQ(m_received1, m_sent, "host1 received every datagram");
        NS_TEST_EXPECT_MSG_EQ(m_received2, m_sent, "host2 received every datagram");
        NS_TEST_EXPECT_MSG_EQ(EspDrops(), 0, "no ESP drop");
        CheckPairs(1);
    }
};

/**
 * \ingroup ipsec-tests
 * The policy outlives its only Child SA, as strongSwan's trap policy: after the pair is
 * deleted by the initiator or by the responder, or hard-expires at the initiator, the next
 * packet's acquire creates a new Child SA by CREATE_CHILD_SA on the existing IKE SA and the
 * traffic flows again.
 */
class ChildSaAfterLossTestCase : public IkeChildSaTestCase
{
  public:
    /// How the only pair goes.
    enum class Loss
    {
        INITIATOR_DELETE,
        RESPONDER_DELETE,
        HARD_EXPIRE,
    };

    explicit ChildSaAfterLossTestCase(Loss loss)
        : IkeChildSaTestCase(std::string("acquire after the only Child SA ")
                             + (loss == Loss::INITIATOR_DELETE   ? "was deleted by the initiator"
                                : loss == Loss::RESPONDER_DELETE ? "was deleted by the responder"
                                                                 : "hard-expired")
                             + ": a new Child SA on the IKE SA carries the traffic")
        , m_loss(loss)
    {
    }

  private:
    void DoRun() override
    {
        Tweak initiator;
        if (m_loss == Loss::HARD_EXPIRE)
        {
            // The 30th packet on either SA of the pair ends it (no soft limit, no Delete).
            initiator = [](IkePeerConfig& c) { c.childLifetime.lifePackets = 30; };
        }
        Build(initiator);
        if (m_loss != Loss::HARD_EXPIRE)
        {
            Simulator::Schedule(MilliSeconds(1305),
                                [this]()
                                {
                                    Ptr<IkeDaemon> d = m_loss == Loss::INITIATOR_DELETE
                                                           ? m_tunnel.initiator
                                                           : m_tunnel.responder;
                                    std::vector<IkeChildSa> c = d->GetChildSas();
                                    NS_TEST_ASSERT_MSG_EQ(c.size(), 1, "one pair before");
                                    m_first = c.front().inboundSpi;
                                    NS_TEST_EXPECT_MSG_EQ(d->DeleteChildSa(m_first), true, "");
                                });
        }
        // 50 datagrams each way, 10 ms apart, from t = 1 s (the IKE SA is up well before).
        SendBothWays(Seconds(1), 50);
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        if (m_loss != Loss::HARD_EXPIRE)
        {
            CheckPairs(1);
        }
        else
        {
            // No Delete at a hard expire here: the responder keeps the stale pair besides the
            // new one (it sends on the newest) until that pair's own lifetime ends.
            NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->GetChildSas().size(), 1, "the new pair");
            NS_TEST_EXPECT_MSG_EQ(m_tunnel.responder->GetChildSas().size(), 2, "old and new");
        }
        std::vector<IkeChildSa> ci = m_tunnel.initiator->GetChildSas();
        NS_TEST_ASSERT_MSG_EQ(ci.empty(), false, "a Child SA at the initiator again");
        NS_TEST_EXPECT_MSG_EQ(ci.back().replaces, 0, "a new Child SA, not a rekey");
        NS_TEST_EXPECT_MSG_NE(ci.back().inboundSpi, m_first, "not the deleted pair");
        const IkeStatistics& si = m_tunnel.initiator->GetStatistics();
        NS_TEST_EXPECT_MSG_EQ(
            si.exchangesInitiated.at(ToString(IkeExchangeType::CREATE_CHILD_SA)),
            1,
            "one CREATE_CHILD_SA: acquires are de-duplicated while it is negotiated");
        // The exchanges (Delete, then CREATE_CHILD_SA) take a few ms on 1 ms links, far less
        // than the 10 ms between datagrams: in each direction only the datagram that finds
        // no SA (the acquire's trigger) and at most one more in flight are lost.
        NS_TEST_EXPECT_MSG_GT_OR_EQ(m_received1 + 2, m_sent, "host1: at most 2 lost");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(m_received2 + 2, m_sent, "host2: at most 2 lost");
        NS_TEST_EXPECT_MSG_LT(m_received2, m_sent, "the datagram that raised the acquire");
    }

    Loss m_loss;         ///< how the pair goes
    uint32_t m_first{0}; ///< the deleted pair's inbound SPI at the deleting side
};

/**
 * \ingroup ipsec-tests
 * CREATE_CHILD_SA and the Child SA rekey life cycle.
 */
class IkeChildSaTestSuite : public TestSuite
{
  public:
    IkeChildSaTestSuite()
        : TestSuite("ipsec-ike-child-sa", UNIT)
    {
        AddTestCase(new NewChildSaTestCase(std::nullopt), TestCase::QUICK);
        AddTestCase(new NewChildSaTestCase(DhGroup::CURVE25519), TestCase::QUICK);
        AddTestCase(new PfsGroupMismatchTestCase, TestCase::QUICK);
        AddTestCase(new RefusedChildSaTestCase(IkeNotifyType::NO_PROPOSAL_CHOSEN), TestCase::QUICK);
        AddTestCase(new RefusedChildSaTestCase(IkeNotifyType::TS_UNACCEPTABLE), TestCase::QUICK);
        AddTestCase(new RekeyTestCase(false, false), TestCase::QUICK);
        AddTestCase(new RekeyTestCase(true, true), TestCase::QUICK);
        for (int64_t stream : {20, 30, 40, 50})
        {
            AddTestCase(new SimultaneousRekeyTestCase(stream), TestCase::QUICK);
        }
        AddTestCase(new RekeyWhileDeletingTestCase, TestCase::QUICK);
        AddTestCase(new RekeyUnknownPairTestCase, TestCase::QUICK);
        AddTestCase(new EarlyRequestTestCase, TestCase::QUICK);
        AddTestCase(new RekeyUnderTrafficTestCase, TestCase::QUICK);
        for (auto loss : {ChildSaAfterLossTestCase::Loss::INITIATOR_DELETE,
                          ChildSaAfterLossTestCase::Loss::RESPONDER_DELETE,
                          ChildSaAfterLossTestCase::Loss::HARD_EXPIRE})
        {
            AddTestCase(new ChildSaAfterLossTestCase(loss), TestCase::QUICK);
        }
    }
};

IkeChildSaTestSuite g_ikeChildSaTestSuite;

} // namespace
