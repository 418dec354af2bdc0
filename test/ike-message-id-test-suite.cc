/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// RFC 7296 2.2: Message IDs must not wrap. Once the next request ID reaches
// IkeSa::REKEY_MESSAGE_ID the IKE SA is rekeyed (the new one counts from 0), with its Child SAs.

#include "ike-tunnel-fixture.h"

#include "ns3/ike-helper.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

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

/// The suite.
class IkeMessageIdTestSuite : public TestSuite
{
  public:
    IkeMessageIdTestSuite()
        : TestSuite("ipsec-ike-message-id", UNIT)
    {
        AddTestCase(new ThresholdRekeyTestCase, TestCase::QUICK);
    }
};

/// Registers the suite.
IkeMessageIdTestSuite g_ikeMessageIdTestSuite;

} // namespace
