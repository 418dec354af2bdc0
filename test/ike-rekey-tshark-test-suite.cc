/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The IKE SA rekey as tshark 4.0 sees it: each IKE SA made by a rekey is in the exported
// ikev2_decryption_table (from the daemon that initiated that rekey), so that tshark decrypts
// the CREATE_CHILD_SA and INFORMATIONAL messages of the old and the new IKE SAs alike.

#include "test-utilities.h"

#include "ns3/gateway-pair-topology.h"
#include "ns3/ike-helper.h"
#include "ns3/ipsec-helper.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <filesystem>
#include <sstream>

using namespace ns3;
using namespace ns3::ipsectest;

namespace
{

/**
 * \ingroup ipsec-tests
 * The IKE SA is rekeyed by gw2 (the original responder), then by gw1, then deleted by gw1:
 * three IKE SAs, each with an INFORMATIONAL Delete, and two rekey exchanges, all decrypted by
 * tshark with integrity [correct].
 */
class IkeRekeyTsharkTestCase : public TestCase
{
  public:
    explicit IkeRekeyTsharkTestCase(const std::string& suite)
        : TestCase("tshark decrypts the CREATE_CHILD_SA and INFORMATIONAL messages of three "
                   "IKE SAs of rekeys ("
                   + suite + ")")
        , m_suite(CipherSuite::FromKeyword(suite))
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-ike-rekey-tshark");
        std::string pcap = dir + "/wan.pcap";
        std::string ikeTable;
        {
            GatewayPairTopology topology("100Mbps", "1ms");
            IpsecHelper ipsec;
            ipsec.Install(topology.Gateways());
            ipsec.AssignStreams(topology.Gateways(), 10);
            IkeHelper helper;
            helper.SetIkeProposals(
                {IkeSuite{m_suite, PrfAlgorithm::HMAC_SHA2_256, DhGroup::CURVE25519}});
            helper.SetEspProposals({m_suite});
            IkeTunnel tunnel = helper.Install(topology.End1(), topology.End2());
            helper.AssignStreams(20);
            topology.Links().EnablePcap(pcap, topology.WanDevices().Get(1), false, true);
            Simulator::Schedule(Seconds(1), [&tunnel]() { tunnel.responder->RekeyIkeSa(); });
            Simulator::Schedule(Seconds(2), [&tunnel]() { tunnel.initiator->RekeyIkeSa(); });
            Simulator::Schedule(Seconds(3), [&tunnel]() { tunnel.initiator->CloseIkeSa(); });
            Simulator::Stop(Seconds(4));
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(tunnel.initiator->GetStatistics().ikeSaRekeys, 2, "2 rekeys");
            NS_TEST_EXPECT_MSG_EQ(tunnel.initiator->GetSessions().size(), 0, "all deleted");
            for (const std::string& row : helper.IkeKeyTableRows())
            {
                ikeTable += row + "\n";
            }
            Simulator::Destroy();
        }
        NS_TEST_EXPECT_MSG_EQ(Count(ikeTable, "\n"), 3u, "three IKE SAs in the table");

        std::string verbose;
        int status = RunTshark(pcap,
                               "-V -Y 'isakmp.exchangetype==36 || isakmp.exchangetype==37'",
                               ikeTable,
                               "",
                               verbose);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark ran: " << verbose);
        // Two rekeys (request and response each) and three Deletes (request and response).
        NS_TEST_EXPECT_MSG_EQ(Count(verbose, "[correct]"), 10u, "all ICVs correct:\n" << verbose);
        NS_TEST_EXPECT_MSG_EQ(Count(verbose, "Payload: Delete (42)"),
                              3u,
                              "three decrypted IKE Delete payloads:\n"
                                  << verbose);
        NS_TEST_EXPECT_MSG_EQ(Count(verbose, "Payload: Nonce (40)"),
                              4u,
                              "four decrypted rekey nonces:\n"
                                  << verbose);
        std::filesystem::remove_all(dir);
    }

    CipherSuite m_suite;
};

/**
 * \ingroup ipsec-tests
 * The IKE SA rekey seen by tshark.
 */
class IkeRekeyTsharkTestSuite : public TestSuite
{
  public:
    IkeRekeyTsharkTestSuite()
        : TestSuite("ipsec-ike-rekey-tshark", SYSTEM)
    {
        AddTestCase(new IkeRekeyTsharkTestCase("aes128gcm16"), TestCase::QUICK);
        AddTestCase(new IkeRekeyTsharkTestCase("aes256-sha256"), TestCase::QUICK);
    }
};

/// Registers the suite.
IkeRekeyTsharkTestSuite g_ikeRekeyTsharkTestSuite;

} // namespace
