/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// RFC 7296 2.25 from the other side of the IKE SA rekey: a CREATE_CHILD_SA for a Child SA that
// arrives while the peer is rekeying the IKE SA is refused with TEMPORARY_FAILURE (strongSwan's
// "unable to create CHILD_SA while rekeying IKE_SA"), and its initiator asks again 5 to 15 s
// later on the IKE SA that is live by then: a new plain Child SA, an RFC 9611 additional SA,
// and a Child SA rekey.
//
// Every case: gw2 rekeys the IKE SA at 1 s and gw1 loses that request once, so gw2's rekey is
// still out when gw1's CREATE_CHILD_SA arrives at 1.1 s; gw2 retransmits the rekey after 4 s,
// gw1 answers it (nothing of its own is out any more), and gw1's retry runs on the new IKE SA.

#include "ike-tunnel-fixture.h"

#include "ns3/boolean.h"
#include "ns3/ike-helper.h"
#include "ns3/ike-message.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-per-resource-child-sa-task.h"
#include "ns3/ike-sa-payload.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

using namespace ns3;
using namespace ns3::ipsectest;

namespace
{

/// What one CREATE_CHILD_SA message on the wire carried, decrypted.
struct CreateChildSaMessage
{
    Time when;                           ///< when it was sent
    uint64_t spiI;                       ///< the IKE SA it belongs to (SPIi)
    bool response;                       ///< response flag
    bool hasSa;                          ///< whether it has an SA payload
    std::vector<IkeNotifyType> notifies; ///< its notify types, in order
};

/**
 * \ingroup ipsec-tests
 * The scenario above; subclasses say what gw1 asks for at 1.1 s and check the outcome.
 */
class TemporaryFailureTestCase : public IkeTunnelFixture
{
  public:
    explicit TemporaryFailureTestCase(const std::string& name)
        : IkeTunnelFixture(name)
    {
    }

  protected:
    /// gw1's CREATE_CHILD_SA, at 1.1 s \returns whether it was queued
    virtual bool Ask() = 0;
    /// Checks the outcome after the run.
    virtual void Check() = 0;

    /// \returns whether host1 and host2 exchange datagrams through the tunnel
    virtual bool SendsTraffic() const
    {
        return true;
    }

    void DoRun() override
    {
        Build(m_helper);
        // gw1 receives the IKE_SA_INIT and IKE_AUTH responses (0, 1), then loses gw2's first
        // IKE SA rekey request (2).
        m_topology->WanDevices().Get(0)->SetAttribute(
            "ReceiveErrorModel",
            PointerValue(CreateObject<DropIndexErrorModel>(std::set<uint32_t>{2})));
        m_tunnel.responder->TraceConnectWithoutContext(
            "Tx", MakeCallback(&TemporaryFailureTestCase::RecordResponderTx, this));
        m_tunnel.initiator->TraceConnectWithoutContext(
            "Tx", MakeCallback(&TemporaryFailureTestCase::RecordInitiatorTx, this));
        Simulator::Schedule(Seconds(0.5),
                            [this]()
                            {
                                m_oldSpiI = m_tunnel.initiator->GetIkeSa()->GetInitiatorSpi();
                                m_firstPair = OnlyPair(m_tunnel.initiator);
                            });
        Simulator::Schedule(Seconds(1), [this]() { m_tunnel.responder->RekeyIkeSa(); });
        Simulator::Schedule(Seconds(1.1), [this]() { m_asked = Ask(); });
        // After the refusal and the IKE SA rekey (about 5 s), before the retry (6.1 s at least).
        Simulator::Schedule(Seconds(6),
                            [this]()
                            {
                                m_childSasBeforeRetry1 = m_tunnel.initiator->GetChildSas().size();
                                m_childSasBeforeRetry2 = m_tunnel.responder->GetChildSas().size();
                                const IkeSa* sa = m_tunnel.initiator->GetIkeSa();
                                m_rekeyedBeforeRetry = sa && sa->GetInitiatorSpi() != m_oldSpiI;
                            });
        // Traffic from after the lost request on, so that it does not shift the drop index.
        if (SendsTraffic())
        {
            SendBothWays(Seconds(1.05), 2400);
        }
        Simulator::Stop(Seconds(26));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(m_asked, true, "gw1 queued its CREATE_CHILD_SA");
        NS_TEST_ASSERT_MSG_EQ(m_rekeyedBeforeRetry, true, "the IKE SA rekey came first");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.responder->GetStatistics().ikeSaRekeys, 1, "rekeyed");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetStatistics().ikeSaRekeys, 1, "rekeyed");
        // On the wire: gw2's answer to gw1's request on the old IKE SA is TEMPORARY_FAILURE
        // alone (notify type 43, no SA payload), the only CREATE_CHILD_SA response refused.
        std::vector<CreateChildSaMessage> refusals;
        for (const CreateChildSaMessage& m : m_responderTx)
        {
            if (m.response
                && std::find(m.notifies.begin(), m.notifies.end(), IkeNotifyType::TEMPORARY_FAILURE)
                       != m.notifies.end())
            {
                refusals.push_back(m);
            }
        }
        NS_TEST_ASSERT_MSG_EQ(refusals.size(), 1, "one TEMPORARY_FAILURE response on the wire");
        if (!refusals.empty())
        {
            NS_TEST_EXPECT_MSG_EQ(
                static_cast<uint16_t>(refusals.front().notifies.front()), 43, "notify type 43");
            NS_TEST_EXPECT_MSG_EQ(refusals.front().notifies.size(), 1, "nothing else");
            NS_TEST_EXPECT_MSG_EQ(refusals.front().hasSa, false, "no SA payload");
            NS_TEST_EXPECT_MSG_EQ(refusals.front().spiI, m_oldSpiI, "on the old IKE SA");
        }
        NS_TEST_EXPECT_MSG_EQ(
            Count(m_tunnel.responder->GetStatistics().errorsSent, "TEMPORARY_FAILURE"),
            1,
            "gw2 refused once");
        NS_TEST_EXPECT_MSG_EQ(
            Count(m_tunnel.initiator->GetStatistics().errorsReceived, "TEMPORARY_FAILURE"),
            1,
            "gw1 was told once");
        // gw1's requests for a Child SA: the refused one on the old IKE SA at 1.1 s, then
        // the retry 5 to 15 s later on the new one.
        std::vector<CreateChildSaMessage> requests;
        for (const CreateChildSaMessage& m : m_initiatorTx)
        {
            if (!m.response && m.hasSa)
            {
                requests.push_back(m);
            }
        }
        NS_TEST_ASSERT_MSG_EQ(requests.size(), 2, "the request and its retry");
        if (requests.size() == 2)
        {
            NS_TEST_EXPECT_MSG_EQ(requests[0].spiI, m_oldSpiI, "first on the old IKE SA");
            NS_TEST_EXPECT_MSG_NE(requests[1].spiI, m_oldSpiI, "the retry on the new IKE SA");
            NS_TEST_EXPECT_MSG_EQ(
                (requests[1].when - requests[0].when >= Seconds(5)), true, "5 s on");
            NS_TEST_EXPECT_MSG_EQ(
                (requests[1].when - requests[0].when <= Seconds(15)), true, "15 s");
        }
        m_requests = requests;
        for (Ptr<IkeDaemon> daemon : {m_tunnel.initiator, m_tunnel.responder})
        {
            NS_TEST_EXPECT_MSG_EQ(daemon->GetSessions().size(), 1, "one IKE SA left");
            NS_TEST_EXPECT_MSG_EQ(daemon->GetStatistics().ikeSasFailed, 0, "nothing failed");
        }
        NS_TEST_EXPECT_MSG_EQ(m_received1, m_sent, "traffic to host1 never stopped");
        NS_TEST_EXPECT_MSG_EQ(m_received2, m_sent, "traffic to host2 never stopped");
        Check();
    }

    void DoTeardown() override
    {
        IkeTunnelFixture::DoTeardown();
        m_initiatorTx.clear();
        m_responderTx.clear();
        m_requests.clear();
    }

    /// \returns the value of \p key in \p counters (0 if absent)
    static uint64_t Count(const std::map<std::string, uint64_t>& counters, const std::string& key)
    {
        auto it = counters.find(key);
        return it == counters.end() ? 0 : it->second;
    }

    /// \returns the SPIs (inbound, outbound) of \p daemon's only Child SA, or (0, 0)
    static std::pair<uint32_t, uint32_t> OnlyPair(Ptr<IkeDaemon> daemon)
    {
        auto children = daemon->GetChildSas();
        return children.size() == 1
                   ? std::make_pair(children.front().inboundSpi, children.front().outboundSpi)
                   : std::make_pair(uint32_t{0}, uint32_t{0});
    }

    IkeHelper m_helper;                           ///< configures the daemons
    bool m_asked{false};                          ///< whether Ask() queued the exchange
    uint64_t m_oldSpiI{0};                        ///< SPIi of the IKE SA being rekeyed
    std::pair<uint32_t, uint32_t> m_firstPair;    ///< gw1's Child SA of IKE_AUTH
    size_t m_childSasBeforeRetry1{0};             ///< gw1's Child SAs at 6 s
    size_t m_childSasBeforeRetry2{0};             ///< gw2's Child SAs at 6 s
    bool m_rekeyedBeforeRetry{false};             ///< whether the IKE SA was new at 6 s
    std::vector<CreateChildSaMessage> m_requests; ///< gw1's two requests for the Child SA

  private:
    /// \param to the receiver \param data a message sent to it \param out where it goes
    static void Record(Ptr<IkeDaemon> to, const Bytes& data, std::vector<CreateChildSaMessage>& out)
    {
        IkeMessage message;
        if (!IkeMessage::Parse(data, message).IsOk()
            || message.GetHeader().GetExchangeType() != IkeExchangeType::CREATE_CHILD_SA)
        {
            return;
        }
        // Decrypted as the receiver will, with its IKE SA of these SPIs.
        for (const IkeSession* session : to->GetSessions())
        {
            const IkeSa& sa = session->GetSa();
            if (sa.GetInitiatorSpi() != message.GetHeader().GetInitiatorSpi() || !sa.HasKeys())
            {
                continue;
            }
            auto open = sa.GetKeySchedule().CreateCipher(
                sa.GetKeys(), sa.IsInitiator(), CipherRole::OPEN);
            IkeMessage decrypted;
            if (!IkeMessage::Parse(data, *open, decrypted).IsOk())
            {
                return;
            }
            CreateChildSaMessage m;
            m.when = Simulator::Now();
            m.spiI = decrypted.GetHeader().GetInitiatorSpi();
            m.response = decrypted.GetHeader().IsResponse();
            m.hasSa = decrypted.Find<IkeSaPayload>() != nullptr;
            for (const IkeNotifyPayload* n : decrypted.FindAll<IkeNotifyPayload>())
            {
                m.notifies.push_back(n->GetNotifyType());
            }
            out.push_back(m);
            return;
        }
    }

    void RecordResponderTx(const Bytes& data)
    {
        Record(m_tunnel.initiator, data, m_responderTx);
    }

    void RecordInitiatorTx(const Bytes& data)
    {
        Record(m_tunnel.responder, data, m_initiatorTx);
    }

    std::vector<CreateChildSaMessage> m_initiatorTx; ///< gw1's CREATE_CHILD_SA messages
    std::vector<CreateChildSaMessage> m_responderTx; ///< gw2's CREATE_CHILD_SA messages
};

/// A new Child SA (as an acquire or swanctl --initiate --child asks): refused, nothing
/// installed for it, created 5 to 15 s later on the new IKE SA, next to the first one.
class NewChildSaTestCase : public TemporaryFailureTestCase
{
  public:
    NewChildSaTestCase()
        : TemporaryFailureTestCase("new Child SA during the peer's IKE SA rekey: "
                                   "TEMPORARY_FAILURE, retried on the new IKE SA")
    {
    }

  private:
    bool Ask() override
    {
        return m_tunnel.initiator->CreateChildSa();
    }

    void Check() override
    {
        NS_TEST_EXPECT_MSG_EQ(m_childSasBeforeRetry1, 1, "gw1 installed nothing for it");
        NS_TEST_EXPECT_MSG_EQ(m_childSasBeforeRetry2, 1, "gw2 installed nothing for it");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->GetChildSas().size(), 2, "gw1: both pairs");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.responder->GetChildSas().size(), 2, "gw2: both pairs");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.tunnel.a.dataPlane->GetSas().size(), 4, "gw1 data plane");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.tunnel.b.dataPlane->GetSas().size(), 4, "gw2 data plane");
        const IkeSession* session = m_tunnel.initiator->GetSession();
        NS_TEST_ASSERT_MSG_NE(session, nullptr, "gw1's live IKE SA");
        if (!session)
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(session->GetChildSas().size(), 2, "both on the new IKE SA");
        NS_TEST_EXPECT_MSG_NE(session->GetSa().GetInitiatorSpi(), m_oldSpiI, "the new one");
    }
};

/// An RFC 9611 additional SA for CPU 1 (IkePerResourceChildSaTask): refused, retried with its
/// SA_RESOURCE_INFO, and the pair on the new IKE SA is the group's, bound to CPU 1.
class AdditionalSaTestCase : public TemporaryFailureTestCase
{
  public:
    AdditionalSaTestCase()
        : TemporaryFailureTestCase("RFC 9611 additional SA during the peer's IKE SA rekey: "
                                   "TEMPORARY_FAILURE, retried with SA_RESOURCE_INFO")
    {
        m_helper.SetPerResourceAttribute("Enabled", BooleanValue(true));
    }

  private:
    static constexpr uint32_t CPU = 1;

    /// Traffic would have the data plane acquire per-CPU SAs of its own (on demand).
    bool SendsTraffic() const override
    {
        return false;
    }

    bool Ask() override
    {
        return m_tunnel.initiator->CreateChildSa(0, IkePerResourceChildSaTask::ForAdditional(CPU));
    }

    void Check() override
    {
        NS_TEST_EXPECT_MSG_EQ(m_childSasBeforeRetry1, 1, "gw1 installed nothing for it");
        NS_TEST_EXPECT_MSG_EQ(m_childSasBeforeRetry2, 1, "gw2 installed nothing for it");
        for (const CreateChildSaMessage& request : m_requests)
        {
            NS_TEST_EXPECT_MSG_EQ(std::count(request.notifies.begin(),
                                             request.notifies.end(),
                                             IkeNotifyType::SA_RESOURCE_INFO),
                                  1,
                                  "both requests ask for an additional SA");
        }
        const IkeSession* session = m_tunnel.initiator->GetSession();
        NS_TEST_ASSERT_MSG_NE(session, nullptr, "gw1's live IKE SA");
        if (!session)
        {
            return;
        }
        NS_TEST_EXPECT_MSG_NE(session->GetSa().GetInitiatorSpi(), m_oldSpiI, "the new one");
        NS_TEST_ASSERT_MSG_EQ(session->GetChildSas().size(), 2, "fallback and additional SA");
        if (session->GetChildSas().size() != 2)
        {
            return;
        }
        const IkeChildSa& added = session->GetChildSas().back();
        NS_TEST_EXPECT_MSG_EQ(added.perResource, true, "a member of the group");
        NS_TEST_EXPECT_MSG_EQ(added.cpu, CPU, "bound to the CPU asked for");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.responder->GetChildSas().size(), 2, "gw2: both pairs");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.tunnel.a.dataPlane->GetSas().size(), 4, "gw1 data plane");
    }
};

/// A Child SA rekey (REKEY_SA): refused, the pair stays and carries traffic, rekeyed 5 to
/// 15 s later on the new IKE SA; one pair left, with new SPIs.
class ChildRekeyTestCase : public TemporaryFailureTestCase
{
  public:
    ChildRekeyTestCase()
        : TemporaryFailureTestCase("Child SA rekey during the peer's IKE SA rekey: "
                                   "TEMPORARY_FAILURE, retried on the new IKE SA")
    {
    }

  private:
    bool Ask() override
    {
        return m_tunnel.initiator->RekeyChildSa(m_firstPair.first);
    }

    void Check() override
    {
        NS_TEST_EXPECT_MSG_EQ(m_childSasBeforeRetry1, 1, "gw1: the old pair only");
        NS_TEST_EXPECT_MSG_EQ(m_childSasBeforeRetry2, 1, "gw2: the old pair only");
        for (const CreateChildSaMessage& request : m_requests)
        {
            NS_TEST_EXPECT_MSG_EQ(std::count(request.notifies.begin(),
                                             request.notifies.end(),
                                             IkeNotifyType::REKEY_SA),
                                  1,
                                  "both requests rekey the pair");
        }
        std::pair<uint32_t, uint32_t> now = OnlyPair(m_tunnel.initiator);
        NS_TEST_EXPECT_MSG_NE(now.first, 0, "gw1 holds one pair");
        NS_TEST_EXPECT_MSG_NE(now.first, m_firstPair.first, "a new inbound SPI");
        NS_TEST_EXPECT_MSG_NE(now.second, m_firstPair.second, "a new outbound SPI");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.responder->GetChildSas().size(), 1, "gw2 holds one");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.tunnel.a.dataPlane->GetSas().size(), 2, "gw1 data plane");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.tunnel.b.dataPlane->GetSas().size(), 2, "gw2 data plane");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->GetStatistics().childSaRekeys, 1, "rekeyed");
        const IkeSession* session = m_tunnel.initiator->GetSession();
        NS_TEST_ASSERT_MSG_NE(session, nullptr, "gw1's live IKE SA");
        if (!session)
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(session->GetChildSas().size(), 1, "on the new IKE SA");
    }
};

/// The suite.
class IkeTemporaryFailureTestSuite : public TestSuite
{
  public:
    IkeTemporaryFailureTestSuite()
        : TestSuite("ipsec-ike-temporary-failure", UNIT)
    {
        AddTestCase(new NewChildSaTestCase, TestCase::QUICK);
        AddTestCase(new AdditionalSaTestCase, TestCase::QUICK);
        AddTestCase(new ChildRekeyTestCase, TestCase::QUICK);
    }
};

/// Registers the suite.
IkeTemporaryFailureTestSuite g_ikeTemporaryFailureTestSuite;

} // namespace
