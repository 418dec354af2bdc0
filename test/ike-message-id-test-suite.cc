/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// RFC 7296 2.2: Message IDs must not wrap. Once the next request ID reaches
// IkeSa::REKEY_MESSAGE_ID the IKE SA is rekeyed (the new one counts from 0), with its Child SAs;
// with only the last ID left it is deleted, and a responder drops a request after the peer's
// last ID.

#include "ike-tunnel-fixture.h"

#include "ns3/ike-helper.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <cstdint>
#include <vector>

using namespace ns3;
using namespace ns3::ipsectest;

namespace
{

/// gw1's next request ID is put just below the threshold (and gw2's expected ID with it);
/// one Child SA exchange later gw1 rekeys the IKE SA by itself, and traffic goes on.
class ThresholdRekeyTestCase : public IkeTunnelFixture
{
  public:
    ThresholdRekeyTestCase()
        : IkeTunnelFixture("Message ID at the rekey threshold: the IKE SA is rekeyed, "
                           "Child SAs and traffic survive")
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        Build(helper);
        uint64_t oldSpiI = 0;
        bool created = false;
        Simulator::Schedule(
            Seconds(1),
            [&]()
            {
                for (Ptr<IkeDaemon> d : {m_tunnel.initiator, m_tunnel.responder})
                {
                    IkeSession* s = d->FindSession(d->GetSession()->GetLocalSpi());
                    oldSpiI = s->GetSa().GetInitiatorSpi();
                    if (d == m_tunnel.initiator)
                    {
                        s->GetSa().SetNextRequestIdForTest(IkeSa::REKEY_MESSAGE_ID - 1);
                    }
                    else
                    {
                        s->GetSa().SetExpectedRequestIdForTest(IkeSa::REKEY_MESSAGE_ID - 1);
                    }
                }
                created = m_tunnel.initiator->CreateChildSa();
            });
        SendBothWays(Seconds(0.5), 200);
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(created, true, "the Child SA exchange was queued");
        for (Ptr<IkeDaemon> d : {m_tunnel.initiator, m_tunnel.responder})
        {
            NS_TEST_EXPECT_MSG_EQ(d->GetStatistics().ikeSaRekeys, 1, "rekeyed at the threshold");
            NS_TEST_EXPECT_MSG_EQ(d->GetSessions().size(), 1, "the old IKE SA went");
            NS_TEST_EXPECT_MSG_EQ(d->GetChildSas().size(), 2, "both Child SAs survive");
            NS_TEST_EXPECT_MSG_EQ(d->GetStatistics().ikeSasFailed, 0, "nothing failed");
        }
        const IkeSa* sa = m_tunnel.initiator->GetIkeSa();
        NS_TEST_ASSERT_MSG_NE(sa, nullptr, "a live IKE SA");
        if (sa)
        {
            NS_TEST_EXPECT_MSG_NE(sa->GetInitiatorSpi(), oldSpiI, "a new IKE SA");
            NS_TEST_EXPECT_MSG_LT(sa->GetNextRequestId(), 10, "Message IDs from 0 again");
        }
        NS_TEST_EXPECT_MSG_EQ(m_received1, m_sent, "traffic to host1 never stopped");
        NS_TEST_EXPECT_MSG_EQ(m_received2, m_sent, "traffic to host2 never stopped");
    }
};

/// The plain IKE header of a sent message (RFC 7296 3.1, port 500: no non-ESP marker).
struct SentHeader
{
    uint8_t exchange; ///< exchange type
    bool response;    ///< the R flag
    uint32_t id;      ///< Message ID
};

/// \param data a sent IKE message \returns its header fields
SentHeader
ReadHeader(const Bytes& data)
{
    SentHeader h{0, false, 0};
    if (data.size() >= 28)
    {
        h.exchange = data[18];
        h.response = (data[19] & 0x20) != 0;
        h.id = (uint32_t{data[20]} << 24) | (uint32_t{data[21]} << 16) | (uint32_t{data[22]} << 8)
               | uint32_t{data[23]};
    }
    return h;
}

/// Collects what one daemon sends.
class TxRecorder
{
  public:
    /// \param data a sent message
    void Record(const Bytes& data)
    {
        m_sent.push_back(ReadHeader(data));
    }

    std::vector<SentHeader> m_sent; ///< in order
};

/// gw1's next request ID is put at MAX_MESSAGE_ID (the rekey threshold long passed, as if the
/// rekey had kept failing): gw1's next exchange becomes the Delete of the IKE SA with that last
/// ID, and nothing is sent with a wrapped ID; both sides remove the IKE SA.
class HardLimitTestCase : public IkeTunnelFixture
{
  public:
    HardLimitTestCase()
        : IkeTunnelFixture("Message ID at the hard limit: the IKE SA is deleted, never wrapped")
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        Build(helper);
        TxRecorder tx;
        m_tunnel.initiator->TraceConnectWithoutContext("Tx",
                                                       MakeCallback(&TxRecorder::Record, &tx));
        uint64_t spi1 = 0;
        uint64_t spi2 = 0;
        size_t sentBefore = 0;
        bool created = false;
        Simulator::Schedule(
            Seconds(1),
            [&]()
            {
                spi1 = m_tunnel.initiator->GetSession()->GetLocalSpi();
                spi2 = m_tunnel.responder->GetSession()->GetLocalSpi();
                m_tunnel.initiator->FindSession(spi1)->GetSa().SetNextRequestIdForTest(
                    IkeSa::MAX_MESSAGE_ID);
                m_tunnel.responder->FindSession(spi2)->GetSa().SetExpectedRequestIdForTest(
                    IkeSa::MAX_MESSAGE_ID);
                sentBefore = tx.m_sent.size();
                created = m_tunnel.initiator->CreateChildSa();
            });
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(created, true, "the Child SA exchange was queued");
        std::vector<SentHeader> requests;
        for (size_t i = sentBefore; i < tx.m_sent.size(); ++i)
        {
            if (!tx.m_sent[i].response)
            {
                requests.push_back(tx.m_sent[i]);
            }
        }
        NS_TEST_ASSERT_MSG_EQ(requests.empty(), false, "gw1 sent a request");
        NS_TEST_EXPECT_MSG_EQ(requests.front().id, IkeSa::MAX_MESSAGE_ID, "with the last ID");
        NS_TEST_EXPECT_MSG_EQ(uint32_t{requests.front().exchange},
                              static_cast<uint32_t>(IkeExchangeType::INFORMATIONAL),
                              "the Delete, not the CREATE_CHILD_SA");
        for (const SentHeader& h : requests)
        {
            NS_TEST_EXPECT_MSG_NE(uint32_t{h.exchange},
                                  static_cast<uint32_t>(IkeExchangeType::CREATE_CHILD_SA),
                                  "no CREATE_CHILD_SA on the exhausted IKE SA");
        }
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->FindSession(spi1), nullptr, "gw1 removed it");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.responder->FindSession(spi2), nullptr, "gw2 removed it");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->GetStatistics().ikeSaRekeys, 0, "no rekey");
        NS_TEST_EXPECT_MSG_EQ(
            m_tunnel.initiator->GetStatistics().childSasInstalled, 1, "no new Child SA");
    }
};

/// With no Message ID left at all, the IKE SA is closed without any message.
class NoIdLeftTestCase : public IkeTunnelFixture
{
  public:
    NoIdLeftTestCase()
        : IkeTunnelFixture("no Message ID left: the IKE SA is closed without sending")
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        Build(helper);
        TxRecorder tx;
        m_tunnel.initiator->TraceConnectWithoutContext("Tx",
                                                       MakeCallback(&TxRecorder::Record, &tx));
        uint64_t spi1 = 0;
        size_t sentBefore = 0;
        Simulator::Schedule(
            Seconds(1),
            [&]()
            {
                spi1 = m_tunnel.initiator->GetSession()->GetLocalSpi();
                m_tunnel.initiator->FindSession(spi1)->GetSa().SetNextRequestIdForTest(
                    uint64_t{IkeSa::MAX_MESSAGE_ID} + 1);
                sentBefore = tx.m_sent.size();
                m_tunnel.initiator->CreateChildSa();
            });
        Simulator::Stop(Seconds(1.5));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(tx.m_sent.size(), sentBefore, "nothing sent with a wrapped ID");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->FindSession(spi1), nullptr, "gw1 closed it");
    }
};

/// gw2 has answered gw1's last Message ID; gw1 then (as a peer that wraps would) sends a
/// CREATE_CHILD_SA with ID 0. gw2 drops it, counted, installs nothing and deletes the IKE SA.
class ResponderWrapTestCase : public IkeTunnelFixture
{
  public:
    ResponderWrapTestCase()
        : IkeTunnelFixture("responder: a request after the peer's last Message ID is dropped")
    {
    }

  private:
    void DoRun() override
    {
        IkeHelper helper;
        Build(helper);
        uint64_t spi1 = 0;
        uint64_t spi2 = 0;
        bool created = false;
        Simulator::Schedule(
            Seconds(1),
            [&]()
            {
                spi1 = m_tunnel.initiator->GetSession()->GetLocalSpi();
                spi2 = m_tunnel.responder->GetSession()->GetLocalSpi();
                m_tunnel.initiator->FindSession(spi1)->GetSa().SetNextRequestIdForTest(0);
                m_tunnel.responder->FindSession(spi2)->GetSa().SetExpectedRequestIdForTest(
                    uint64_t{IkeSa::MAX_MESSAGE_ID} + 1);
                created = m_tunnel.initiator->CreateChildSa();
            });
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(created, true, "the Child SA exchange was queued");
        const IkeStatistics& st = m_tunnel.responder->GetStatistics();
        auto it = st.drops.find("Message ID exhausted");
        NS_TEST_ASSERT_MSG_EQ((it != st.drops.end()), true, "the wrapped request was counted");
        NS_TEST_EXPECT_MSG_GT(it->second, 0, "dropped at least once (retransmissions too)");
        NS_TEST_EXPECT_MSG_EQ(st.childSasInstalled, 1, "gw2 installed nothing for it");
        NS_TEST_EXPECT_MSG_EQ(st.exchangesResponded.count("CREATE_CHILD_SA"), 0, "not answered");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.responder->FindSession(spi2), nullptr, "gw2 deleted it");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->FindSession(spi1), nullptr, "gw1 removed it");
    }
};

/// The suite.
class IkeMessageIdTestSuite : public TestSuite
{
  public:
    IkeMessageIdTestSuite()
        : TestSuite("ipsec-ike-message-id", UNIT)
    {
        AddTestCase(new ThresholdRekeyTestCase, TestCase::QUICK);
        AddTestCase(new HardLimitTestCase, TestCase::QUICK);
        AddTestCase(new NoIdLeftTestCase, TestCase::QUICK);
        AddTestCase(new ResponderWrapTestCase, TestCase::QUICK);
    }
};

/// Registers the suite.
IkeMessageIdTestSuite g_ikeMessageIdTestSuite;

} // namespace
