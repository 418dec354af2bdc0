/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The IKEv2 daemon's messages and the ESP it keys, as tshark 4.0 sees them: a pcap of the WAN
// link of a tunnel set up by IkeHelper, with the ikev2_decryption_table (WiresharkIkeKeyTable,
// from the daemon's IKE SA keys) and the esp_sa table (WiresharkKeyTable, from the Child SAs
// in the data planes). tshark must decrypt IKE_AUTH (IDi, IDr, integrity [correct]) and every
// ESP packet with a good ICV.

#include "test-utilities.h"

#include "ns3/gateway-pair-topology.h"
#include "ns3/ike-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipsec-helper.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/wireshark-ike-key-table.h"
#include "ns3/wireshark-key-table.h"

#include <filesystem>
#include <map>
#include <sstream>

using namespace ns3;
using namespace ns3::ipsectest;

namespace
{

/**
 * \ingroup ipsec-tests
 * One tunnel keyed by IKE with \p suite for IKE and ESP; tshark decrypts both with the exported
 * tables.
 */
class IkeDaemonTsharkTestCase : public TsharkTestCase
{
  public:
    explicit IkeDaemonTsharkTestCase(const std::string& suite)
        : TsharkTestCase("tshark decrypts the daemon's IKE_AUTH and its ESP (" + suite
                         + ") with the exported tables")
        , m_suite(CipherSuite::FromKeyword(suite))
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-ike-daemon-tshark");
        std::string pcap = dir + "/wan.pcap";
        std::string ikeTable;
        std::string espTable;
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
            Ptr<Socket> socket
                = Socket::CreateSocket(topology.Host1(), UdpSocketFactory::GetTypeId());
            for (uint32_t i = 0; i < 5; ++i)
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
            const IkeSa* sa = tunnel.initiator->GetIkeSa();
            NS_TEST_ASSERT_MSG_EQ(tunnel.initiator->IsEstablished(), true, "IKE SA up");
            for (const std::string& row : helper.IkeKeyTableRows())
            {
                ikeTable += row + "\n";
            }
            NS_TEST_EXPECT_MSG_EQ(Lines(ikeTable).size(), 1u, "one IKE SA");
            NS_TEST_EXPECT_MSG_EQ(
                ikeTable.find(WiresharkIkeKeyTable::Row(
                    sa->GetInitiatorSpi(), sa->GetResponderSpi(), m_suite, sa->GetKeys())),
                0u,
                "the initiator's IKE SA with the negotiated suite");
            for (const std::string& row : WiresharkKeyTable::EspSaRows(topology.Gateways()))
            {
                espTable += row + "\n";
            }
            socket = nullptr;
            Simulator::Destroy();
        }
        NS_TEST_ASSERT_MSG_EQ(ikeTable.empty(), false, "an ikev2_decryption_table row");
        NS_TEST_ASSERT_MSG_EQ(Lines(espTable).size(), 2u, "an esp_sa row per direction");

        std::string exchanges
            = Tshark(pcap, ikeTable, espTable, "-Y isakmp -T fields -e isakmp.exchangetype");
        NS_TEST_EXPECT_MSG_EQ(Lines(exchanges).size(), 4u, "four IKE messages: " << exchanges);

        std::string ids = Tshark(pcap,
                                 ikeTable,
                                 espTable,
                                 "-Y isakmp.exchangetype==35 -T fields "
                                 "-e isakmp.id.data.ipv4_addr -e isakmp.auth.method");
        std::vector<std::string> rows = Lines(ids);
        NS_TEST_ASSERT_MSG_EQ(rows.size(), 2u, "IKE_AUTH request and response: " << ids);
        NS_TEST_EXPECT_MSG_EQ(rows[0].rfind("172.16.0.1", 0), 0u, "IDi decrypted: " << rows[0]);
        NS_TEST_EXPECT_MSG_EQ(rows[1].rfind("172.16.0.2", 0), 0u, "IDr decrypted: " << rows[1]);
        std::string verbose = Tshark(pcap, ikeTable, espTable, "-V -Y isakmp.exchangetype==35");
        NS_TEST_EXPECT_MSG_EQ(Count(verbose, "[correct]"), 2u, "both ICVs correct:\n" << verbose);

        std::string esp = Tshark(
            pcap, ikeTable, espTable, "-Y esp -T fields -e esp.spi -e esp.icv_good -e udp.dstport");
        rows = Lines(esp);
        // Five datagrams to host2 and, as nobody listens there, five ICMP port unreachable
        // back through the tunnel (quoting the datagram, hence port 5001 in both directions).
        NS_TEST_EXPECT_MSG_EQ(rows.size(), 10u, "ten ESP packets: " << esp);
        std::map<std::string, uint32_t> perSpi;
        for (const std::string& row : rows)
        {
            std::istringstream fields(row);
            std::string spi;
            std::string icvGood;
            std::string port;
            fields >> spi >> icvGood >> port;
            perSpi[spi]++;
            NS_TEST_EXPECT_MSG_EQ(icvGood, "1", "ICV verified by tshark: " << row);
            NS_TEST_EXPECT_MSG_EQ(port, "5001", "inner UDP decrypted: " << row);
        }
        NS_TEST_EXPECT_MSG_EQ(perSpi.size(), 2u, "both SAs of the pair used");
        std::filesystem::remove_all(dir);
    }

    CipherSuite m_suite;
};

/**
 * \ingroup ipsec-tests
 * The ikev2-gateway-tunnel example with 30% loss: the SAs come up, and its key tables and pcap
 * let tshark decrypt IKE_AUTH and verify ESP; a bad option stops it with a named message.
 */
class IkeExampleTestCase : public TestCase
{
  public:
    IkeExampleTestCase()
        : TestCase("ikev2-gateway-tunnel: SAs up through 30% loss, outputs readable by tshark")
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-ikev2-example");
        std::string output;
        int status = RunCommand(ExamplePath("ikev2-gateway-tunnel")
                                    + " --loss=0.3 --pcap=true --outputDir=" + dir,
                                output);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "example ran: " << output);
        NS_TEST_EXPECT_MSG_NE(output.find("ike_sa_established=1"), std::string::npos, output);
        NS_TEST_EXPECT_MSG_NE(output.find("child_sas=1"), std::string::npos, output);
        NS_TEST_EXPECT_MSG_NE(output.find("retransmissions="), std::string::npos, output);
        std::string ikeTable = ReadFile(dir + "/ikev2_decryption_table");
        std::string espTable = ReadFile(dir + "/esp_sa");
        NS_TEST_EXPECT_MSG_EQ(Lines(ikeTable).size(), 1u, "one IKE SA row");
        NS_TEST_EXPECT_MSG_EQ(Lines(espTable).size(), 2u, "two esp_sa rows");

        std::string verbose;
        // gw2's capture (node 2, its WAN device 0) holds what reached gw2: the IKE_AUTH request at
        // least.
        status = RunTshark(dir + "/ikev2-gateway-tunnel-2-0.pcap",
                           "-V -Y isakmp.exchangetype==35",
                           ikeTable,
                           "",
                           verbose);
        NS_TEST_EXPECT_MSG_EQ(status, 0, "tshark ran");
        NS_TEST_EXPECT_MSG_GT(Count(verbose, "[correct]"), 0u, "IKE_AUTH decrypted:\n" << verbose);

        status = RunCommand(ExamplePath("ikev2-gateway-tunnel") + " --dh=5 --outputDir=" + dir,
                            output);
        NS_TEST_EXPECT_MSG_EQ(status, 2, "a bad option stops the example");
        NS_TEST_EXPECT_MSG_NE(output.find("--dh=5"), std::string::npos, output);
        std::filesystem::remove_all(dir);
    }
};

/**
 * \ingroup ipsec-tests
 * The IKEv2 daemon seen by tshark.
 */
class IkeDaemonTsharkTestSuite : public TestSuite
{
  public:
    IkeDaemonTsharkTestSuite()
        : TestSuite("ipsec-ike-daemon-tshark", SYSTEM)
    {
        AddTestCase(new IkeDaemonTsharkTestCase("aes128gcm16"), TestCase::QUICK);
        AddTestCase(new IkeDaemonTsharkTestCase("aes256-sha256"), TestCase::QUICK);
        AddTestCase(new IkeExampleTestCase, TestCase::QUICK);
    }
};

IkeDaemonTsharkTestSuite g_ikeDaemonTsharkTestSuite;

} // namespace
