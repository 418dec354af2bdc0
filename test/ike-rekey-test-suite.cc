/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// INFORMATIONAL exchanges and the IKE SA rekey, end to end on host1 - gw1 = gw2 - host2:
// Child SA delete (also crossing), IKE SA delete, liveness checks (answered, and a dead peer),
// the IKE SA rekey (new SPIs and keys, Child SAs moved, Message IDs from 0, traffic on), its
// collisions (simultaneous IKE SA rekeys; TEMPORARY_FAILURE while a Child SA exchange runs).

#include "ike-tunnel-fixture.h"

#include "ns3/error-model.h"
#include "ns3/gateway-pair-topology.h"
#include "ns3/ike-delete-child-sa-task.h"
#include "ns3/ike-helper.h"
#include "ns3/ike-message.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipsec-helper.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"

#include <functional>
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
class IkeRekeyTestCase : public IkeTunnelFixture
{
  public:
    explicit IkeRekeyTestCase(const std::string& name)
        : IkeTunnelFixture(name)
    {
    }

  protected:
    /// Builds the scenario; \p initiator and \p responder adjust the daemons.
    void Build(Tweak initiator = {}, Tweak responder = {})
    {
        IkeTunnelFixture::Build(m_helper, initiator, responder);
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

    IkeHelper m_helper;
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

/// An IKE SA Delete that the peer never answers still closes the IKE SA once the
/// retransmissions give up (closed, not failed, as strongSwan's ike_delete).
class UnansweredDeleteTestCase : public IkeRekeyTestCase
{
  public:
    UnansweredDeleteTestCase()
        : IkeRekeyTestCase("IKE SA delete never answered: closed after the retransmissions")
    {
    }

  private:
    void DoRun() override
    {
        Build();
        m_tunnel.responder->SetStopTime(Seconds(0.5));
        At(Seconds(1), [&]() { m_tunnel.initiator->CloseIkeSa(); });
        size_t sessionsBefore = 0;
        At(Seconds(160), [&]() { sessionsBefore = m_tunnel.initiator->GetSessions().size(); });
        Simulator::Stop(Seconds(170));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(sessionsBefore, 1, "still retransmitting at 160 s");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetSessions().size(), 0, "closed at 166 s");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetRetransmissionCount(), 5, "five resends");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetStatistics().ikeSasFailed, 0, "not failed");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.tunnel.a.dataPlane->GetSas().size(), 0, "gw1 empty");
    }
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

/// A sent IKE message, as the Tx trace saw it.
struct SentMessage
{
    uint64_t spiI;            ///< SPIi
    uint64_t spiR;            ///< SPIr
    uint32_t messageId;       ///< Message ID
    IkeExchangeType exchange; ///< exchange type
    bool response;            ///< response flag
};

/// Records the headers of the messages a daemon sends.
void
RecordSent(std::vector<SentMessage>* log, const Bytes& data)
{
    IkeMessage message;
    if (IkeMessage::Parse(data, message).IsOk())
    {
        const IkeHeader& h = message.GetHeader();
        log->push_back({h.GetInitiatorSpi(),
                        h.GetResponderSpi(),
                        h.GetMessageId(),
                        h.GetExchangeType(),
                        h.IsResponse()});
    }
}

/// Checks that each end holds exactly one IKE SA, the same one, with the pair and traffic.
class RekeyCheck : public IkeRekeyTestCase
{
  public:
    using IkeRekeyTestCase::IkeRekeyTestCase;

  protected:
    /// Checks one IKE SA on each end, the same SPIs, other than \p oldSpis.
    void CheckOneIkeSa(const std::vector<std::pair<uint64_t, uint64_t>>& oldSpis)
    {
        auto si = m_tunnel.initiator->GetSessions();
        auto sr = m_tunnel.responder->GetSessions();
        NS_TEST_ASSERT_MSG_EQ(si.size(), 1, "gw1 holds one IKE SA");
        NS_TEST_ASSERT_MSG_EQ(sr.size(), 1, "gw2 holds one IKE SA");
        if (si.size() != 1 || sr.size() != 1)
        {
            return;
        }
        const IkeSa& a = si.front()->GetSa();
        const IkeSa& b = sr.front()->GetSa();
        NS_TEST_ASSERT_MSG_EQ(ToString(a.GetState()), "ESTABLISHED", "gw1's IKE SA is up");
        NS_TEST_ASSERT_MSG_EQ(ToString(b.GetState()), "ESTABLISHED", "gw2's IKE SA is up");
        NS_TEST_ASSERT_MSG_EQ(a.GetInitiatorSpi(), b.GetInitiatorSpi(), "same SPIi");
        NS_TEST_ASSERT_MSG_EQ(a.GetResponderSpi(), b.GetResponderSpi(), "same SPIr");
        NS_TEST_ASSERT_MSG_NE(a.IsInitiator(), b.IsInitiator(), "one initiator");
        NS_TEST_ASSERT_MSG_EQ(
            BytesToHexString(a.GetKeys().skD), BytesToHexString(b.GetKeys().skD), "same SK_d");
        for (const auto& [spiI, spiR] : oldSpis)
        {
            NS_TEST_ASSERT_MSG_NE(a.GetInitiatorSpi(), spiI, "new SPIi");
            NS_TEST_ASSERT_MSG_NE(a.GetResponderSpi(), spiR, "new SPIr");
        }
    }

    /// \returns the SPIs of the IKE SA of gw1
    std::pair<uint64_t, uint64_t> CurrentSpis() const
    {
        const IkeSa* sa = m_tunnel.initiator->GetIkeSa();
        return sa ? std::make_pair(sa->GetInitiatorSpi(), sa->GetResponderSpi())
                  : std::make_pair(uint64_t{0}, uint64_t{0});
    }

    static std::string BytesToHexString(const Bytes& bytes)
    {
        static const char* digits = "0123456789abcdef";
        std::string out;
        for (uint8_t b : bytes)
        {
            out += digits[b >> 4];
            out += digits[b & 15];
        }
        return out;
    }
};

/// The IKE SA is rekeyed twice (by one end, then again): new SPIs and keys on both ends, the
/// Child SA moves along and carries traffic throughout, the old IKE SAs go, and each new IKE
/// SA starts its Message IDs at 0.
class RekeyTestCase : public RekeyCheck
{
  public:
    explicit RekeyTestCase(bool byInitiator)
        : RekeyCheck(std::string("IKE SA rekey by the original ")
                     + (byInitiator ? "initiator" : "responder")
                     + ", twice: new SPIs, Child SA moved, old gone, Message IDs from 0")
        , m_byInitiator(byInitiator)
    {
    }

  private:
    void DoRun() override
    {
        Build();
        Ptr<IkeDaemon> rekeyer = m_byInitiator ? m_tunnel.initiator : m_tunnel.responder;
        std::vector<SentMessage> sent;
        rekeyer->TraceConnectWithoutContext("Tx", MakeBoundCallback(&RecordSent, &sent));
        std::vector<std::pair<uint64_t, uint64_t>> spis;
        uint32_t childSpi = 0;
        At(Seconds(0.5),
           [&]()
           {
               spis.push_back(CurrentSpis());
               childSpi = OnlyInboundSpi(m_tunnel.initiator);
           });
        At(Seconds(1), [&]() { rekeyer->RekeyIkeSa(); });
        At(Seconds(1.5), [&]() { spis.push_back(CurrentSpis()); });
        At(Seconds(2), [&]() { rekeyer->RekeyIkeSa(); });
        SendBothWays(Seconds(0.5), 250);
        Simulator::Stop(Seconds(3.5));
        Simulator::Run();
        CheckOneIkeSa(spis);
        CheckOnePair("after two IKE SA rekeys");
        NS_TEST_ASSERT_MSG_EQ(OnlyInboundSpi(m_tunnel.initiator), childSpi, "the same pair");
        NS_TEST_ASSERT_MSG_EQ(m_received1, 250, "traffic to host1 never stopped");
        NS_TEST_ASSERT_MSG_EQ(m_received2, 250, "traffic to host2 never stopped");
        for (Ptr<IkeDaemon> d : {m_tunnel.initiator, m_tunnel.responder})
        {
            NS_TEST_ASSERT_MSG_EQ(d->GetStatistics().ikeSaRekeys, 2, "two rekeys");
            NS_TEST_ASSERT_MSG_EQ(d->GetStatistics().ikeRekeyCollisions, 0, "no collision");
            NS_TEST_ASSERT_MSG_EQ(d->GetStatistics().ikeSasFailed, 0, "nothing failed");
            NS_TEST_ASSERT_MSG_EQ(d->GetDropCount(), 0, "nothing dropped");
            NS_TEST_ASSERT_MSG_EQ(d->GetRetransmissionCount(), 0, "no retransmission");
        }
        NS_TEST_ASSERT_MSG_EQ(rekeyer->GetKeyLog().size(),
                              m_byInitiator ? 3 : 2,
                              "the keys of each IKE SA it initiated, for tshark");
        // The rekeyer's requests: the CREATE_CHILD_SA of each rekey on the IKE SA it replaces,
        // then the Delete of that old IKE SA; the second rekey is the first request of the
        // IKE SA made by the first one, so it has Message ID 0.
        std::vector<SentMessage> requests;
        for (const SentMessage& m : sent)
        {
            if (!m.response && m.exchange != IkeExchangeType::IKE_SA_INIT
                && m.exchange != IkeExchangeType::IKE_AUTH)
            {
                requests.push_back(m);
            }
        }
        NS_TEST_ASSERT_MSG_EQ(requests.size(), 4, "rekey, delete, rekey, delete");
        if (requests.size() == 4 && spis.size() == 2)
        {
            uint32_t firstId = m_byInitiator ? 2 : 0;
            NS_TEST_ASSERT_MSG_EQ(requests[0].messageId, firstId, "first rekey on the first SA");
            NS_TEST_ASSERT_MSG_EQ(requests[0].spiI, spis[0].first, "on the original IKE SA");
            NS_TEST_ASSERT_MSG_EQ(ToString(requests[1].exchange), "INFORMATIONAL", "Delete");
            NS_TEST_ASSERT_MSG_EQ(requests[1].spiI, spis[0].first, "of the original IKE SA");
            NS_TEST_ASSERT_MSG_EQ(requests[1].messageId, firstId + 1, "next ID there");
            NS_TEST_ASSERT_MSG_EQ(ToString(requests[2].exchange), "CREATE_CHILD_SA", "rekey");
            NS_TEST_ASSERT_MSG_EQ(requests[2].spiI, spis[1].first, "on the new IKE SA");
            NS_TEST_ASSERT_MSG_EQ(requests[2].messageId, 0, "Message IDs restart at 0");
            NS_TEST_ASSERT_MSG_EQ(requests[3].messageId, 1, "then 1");
        }
    }

    bool m_byInitiator;
};

/// Both ends rekey the IKE SA at once: both exchanges complete, the nonces decide, one IKE SA
/// is left on each end with the Child SA, and traffic flows.
class SimultaneousRekeyTestCase : public RekeyCheck
{
  public:
    SimultaneousRekeyTestCase(uint32_t run)
        : RekeyCheck("simultaneous IKE SA rekeys (streams " + std::to_string(run)
                     + "): one IKE SA left on each end, with the Child SA")
        , m_run(run)
    {
    }

  private:
    void DoRun() override
    {
        Build();
        m_helper.AssignStreams(20 + 10 * m_run);
        std::vector<std::pair<uint64_t, uint64_t>> spis;
        At(Seconds(0.5), [&]() { spis.push_back(CurrentSpis()); });
        At(Seconds(1),
           [&]()
           {
               m_tunnel.initiator->RekeyIkeSa();
               m_tunnel.responder->RekeyIkeSa();
           });
        SendBothWays(Seconds(0.5), 200);
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        CheckOneIkeSa(spis);
        CheckOnePair("after simultaneous rekeys");
        NS_TEST_ASSERT_MSG_EQ(m_received1, 200, "traffic to host1 never stopped");
        NS_TEST_ASSERT_MSG_EQ(m_received2, 200, "traffic to host2 never stopped");
        for (Ptr<IkeDaemon> d : {m_tunnel.initiator, m_tunnel.responder})
        {
            NS_TEST_ASSERT_MSG_EQ(d->GetStatistics().ikeRekeyCollisions, 1, "collision seen");
            NS_TEST_ASSERT_MSG_EQ(d->GetStatistics().ikeSaRekeys, 1, "one handover");
            NS_TEST_ASSERT_MSG_EQ(d->GetStatistics().exchangesInitiated.at("CREATE_CHILD_SA"),
                                  1,
                                  "both exchanges completed");
            NS_TEST_ASSERT_MSG_EQ(d->GetStatistics().ikeSasFailed, 0, "nothing failed");
            NS_TEST_ASSERT_MSG_EQ(d->GetDropCount(), 0, "nothing dropped");
        }
        // One end deleted the old IKE SA, the other its redundant new one.
        NS_TEST_ASSERT_MSG_EQ(
            m_tunnel.initiator->GetStatistics().exchangesInitiated.at("INFORMATIONAL"),
            1,
            "gw1 deleted one IKE SA");
        NS_TEST_ASSERT_MSG_EQ(
            m_tunnel.responder->GetStatistics().exchangesInitiated.at("INFORMATIONAL"),
            1,
            "gw2 deleted one IKE SA");
    }

    uint32_t m_run;
};

/// An IKE SA rekey request that arrives while a Child SA exchange is out gets
/// TEMPORARY_FAILURE; the initiator retries after 5 to 15 s and succeeds.
class TemporaryFailureTestCase : public RekeyCheck
{
  public:
    TemporaryFailureTestCase()
        : RekeyCheck("IKE SA rekey during a Child SA exchange: TEMPORARY_FAILURE, then retried")
    {
    }

  private:
    void DoRun() override
    {
        Build();
        std::vector<std::pair<uint64_t, uint64_t>> spis;
        At(Seconds(0.5), [&]() { spis.push_back(CurrentSpis()); });
        At(Seconds(1),
           [&]()
           {
               m_tunnel.responder->DeleteChildSa(OnlyInboundSpi(m_tunnel.responder));
               m_tunnel.initiator->RekeyIkeSa();
           });
        bool rekeyedEarly = true;
        At(Seconds(5.9), [&]() { rekeyedEarly = CurrentSpis() != spis.front(); });
        Simulator::Stop(Seconds(17));
        Simulator::Run();
        const IkeStatistics& si = m_tunnel.initiator->GetStatistics();
        const IkeStatistics& sr = m_tunnel.responder->GetStatistics();
        NS_TEST_ASSERT_MSG_EQ(sr.errorsSent.count("TEMPORARY_FAILURE"), 1, "gw2 refused");
        NS_TEST_ASSERT_MSG_EQ(si.errorsReceived.count("TEMPORARY_FAILURE"), 1, "gw1 told");
        NS_TEST_ASSERT_MSG_EQ(rekeyedEarly, false, "no retry before 5 s");
        NS_TEST_ASSERT_MSG_EQ(si.ikeSaRekeys, 1, "the retry rekeyed the IKE SA");
        NS_TEST_ASSERT_MSG_EQ(sr.ikeSaRekeys, 1, "the retry rekeyed the IKE SA");
        CheckOneIkeSa(spis);
        CheckNoChildSa("the Child SA exchange went ahead");
    }
};

/// The IKE SA rekeys itself on its lifetime (rekey time minus jitter), many times.
class LifetimeRekeyTestCase : public RekeyCheck
{
  public:
    LifetimeRekeyTestCase()
        : RekeyCheck("IKE SA rekeyed on its lifetime: every 27 to 30 s, traffic throughout")
    {
    }

  private:
    void DoRun() override
    {
        Build([](IkePeerConfig& c) { c.ikeLifetime = IkeLifetime{Seconds(30)}; });
        SendBothWays(Seconds(1), 980, MilliSeconds(100));
        Simulator::Stop(Seconds(100));
        Simulator::Run();
        // Rekeys in [27, 30] s after each establishment: three by 90 s, none more by 100 s.
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetStatistics().ikeSaRekeys, 3, "3 rekeys");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.responder->GetStatistics().ikeSaRekeys, 3, "3 rekeys");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetKeyLog().size(), 4, "4 IKE SAs keyed");
        CheckOneIkeSa({});
        CheckOnePair("after three rekeys");
        NS_TEST_ASSERT_MSG_EQ(m_received1, 980, "traffic to host1 never stopped");
        NS_TEST_ASSERT_MSG_EQ(m_received2, 980, "traffic to host2 never stopped");
    }
};

/// An IKE SA that cannot be rekeyed (the peer is gone) is closed at its hard lifetime.
class HardLifetimeTestCase : public RekeyCheck
{
  public:
    HardLifetimeTestCase()
        : RekeyCheck("IKE SA not rekeyed by its hard lifetime: closed with its Child SAs")
    {
    }

  private:
    void DoRun() override
    {
        Build([](IkePeerConfig& c) { c.ikeLifetime = IkeLifetime{Seconds(30)}; });
        m_tunnel.responder->SetStopTime(Seconds(10));
        size_t sessionsAt32 = 0;
        At(Seconds(32.9), [&]() { sessionsAt32 = m_tunnel.initiator->GetSessions().size(); });
        Simulator::Stop(Seconds(34));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(sessionsAt32, 1, "still there before the hard lifetime (33 s)");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetSessions().size(), 0, "closed at 33 s");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetStatistics().ikeSaRekeys, 0, "no rekey");
        NS_TEST_ASSERT_MSG_GT(m_tunnel.initiator->GetRetransmissionCount(), 0, "tried");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetChildSas().size(), 0, "Child SA gone");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.tunnel.a.dataPlane->GetSas().size(), 0, "gw1 empty");
    }
};

/// Simultaneous IKE SA rekeys through 30% loss on the WAN link: retransmissions, cached
/// responses and Deletes that overtake responses still leave one IKE SA on each end with the
/// Child SA.
class LossyRekeyTestCase : public RekeyCheck
{
  public:
    explicit LossyRekeyTestCase(int64_t stream)
        : RekeyCheck("simultaneous IKE SA rekeys through 30% loss (error stream "
                     + std::to_string(stream) + "): one IKE SA on each end, with the Child SA")
        , m_stream(stream)
    {
    }

  private:
    void DoRun() override
    {
        Build();
        At(Seconds(0.5),
           [this]()
           {
               NetDeviceContainer wan = m_topology->WanDevices();
               for (uint32_t i = 0; i < wan.GetN(); ++i)
               {
                   Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
                   em->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
                   em->SetRate(0.3);
                   em->AssignStreams(m_stream * 2 + i);
                   wan.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(em));
               }
           });
        std::vector<std::pair<uint64_t, uint64_t>> spis;
        At(Seconds(0.4), [&]() { spis.push_back(CurrentSpis()); });
        At(Seconds(1),
           [&]()
           {
               m_tunnel.initiator->RekeyIkeSa();
               m_tunnel.responder->RekeyIkeSa();
           });
        Simulator::Stop(Seconds(300));
        Simulator::Run();
        CheckOneIkeSa(spis);
        CheckOnePair("after rekeys through loss");
    }

    int64_t m_stream;
};

/// gw2 creates a second Child SA and its request is lost once, so the exchange is still out
/// when gw1 rekeys the IKE SA: gw2 answers TEMPORARY_FAILURE, gw1 retries 5 to 15 s later and
/// both Child SAs move to the new IKE SA.
class RekeyDuringChildCreateTestCase : public RekeyCheck
{
  public:
    RekeyDuringChildCreateTestCase()
        : RekeyCheck("IKE SA rekey while a CREATE_CHILD_SA is out: TEMPORARY_FAILURE, retried, "
                     "both Child SAs moved")
    {
    }

  private:
    void DoRun() override
    {
        Build();
        // gw1 receives the IKE_SA_INIT and IKE_AUTH responses (0, 1), then loses gw2's first
        // CREATE_CHILD_SA request (2).
        m_topology->WanDevices().Get(0)->SetAttribute(
            "ReceiveErrorModel",
            PointerValue(CreateObject<DropIndexErrorModel>(std::set<uint32_t>{2})));
        std::vector<std::pair<uint64_t, uint64_t>> spis;
        bool created = false;
        At(Seconds(0.5), [&]() { spis.push_back(CurrentSpis()); });
        At(Seconds(1), [&]() { created = m_tunnel.responder->CreateChildSa(); });
        At(Seconds(1.5), [&]() { m_tunnel.initiator->RekeyIkeSa(); });
        SendBothWays(Seconds(25), 10);
        Simulator::Stop(Seconds(26));
        Simulator::Run();
        const IkeStatistics& si = m_tunnel.initiator->GetStatistics();
        const IkeStatistics& sr = m_tunnel.responder->GetStatistics();
        NS_TEST_ASSERT_MSG_EQ(created, true, "the Child SA exchange was queued");
        NS_TEST_ASSERT_MSG_EQ(sr.errorsSent.count("TEMPORARY_FAILURE"), 1, "gw2 refused");
        NS_TEST_ASSERT_MSG_EQ(si.errorsReceived.count("TEMPORARY_FAILURE"), 1, "gw1 told");
        NS_TEST_ASSERT_MSG_EQ(si.ikeSaRekeys, 1, "the retry rekeyed the IKE SA");
        NS_TEST_ASSERT_MSG_EQ(sr.ikeSaRekeys, 1, "the retry rekeyed the IKE SA");
        CheckOneIkeSa(spis);
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetChildSas().size(), 2, "gw1: both pairs");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.responder->GetChildSas().size(), 2, "gw2: both pairs");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.tunnel.a.dataPlane->GetSas().size(), 4, "gw1 data plane");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.tunnel.b.dataPlane->GetSas().size(), 4, "gw2 data plane");
        NS_TEST_ASSERT_MSG_EQ(m_received1 + m_received2, 20, "traffic on the new IKE SA");
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
        AddTestCase(new UnansweredDeleteTestCase, TestCase::QUICK);
        AddTestCase(new LivenessTestCase, TestCase::QUICK);
        AddTestCase(new DeadPeerTestCase, TestCase::QUICK);
        AddTestCase(new RekeyTestCase(true), TestCase::QUICK);
        AddTestCase(new RekeyTestCase(false), TestCase::QUICK);
        for (uint32_t run = 0; run < 4; ++run)
        {
            AddTestCase(new SimultaneousRekeyTestCase(run), TestCase::QUICK);
        }
        for (int64_t stream = 0; stream < 12; ++stream)
        {
            AddTestCase(new LossyRekeyTestCase(stream), TestCase::QUICK);
        }
        AddTestCase(new TemporaryFailureTestCase, TestCase::QUICK);
        AddTestCase(new RekeyDuringChildCreateTestCase, TestCase::QUICK);
        AddTestCase(new LifetimeRekeyTestCase, TestCase::QUICK);
        AddTestCase(new HardLifetimeTestCase, TestCase::QUICK);
    }
};

/// Registers the suite.
IkeRekeyTestSuite g_ikeRekeyTestSuite;

} // namespace
