/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// CREATE_CHILD_SA as tshark 4.0 sees it: a pcap of the WAN link of an IkeHelper tunnel where
// the initiator creates a second Child SA (with PFS), or rekeys the first one; with the
// exported ikev2_decryption_table tshark decrypts the CREATE_CHILD_SA messages (integrity
// [correct], Nonce, KE, TS and REKEY_SA shown), and with the esp_sa rows of the data planes it
// verifies every ESP packet, those of the pairs keyed by CREATE_CHILD_SA included.

#include "test-utilities.h"

#include "ns3/gateway-pair-topology.h"
#include "ns3/ike-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipsec-helper.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/wireshark-key-table.h"

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

using namespace ns3;
using namespace ns3::ipsectest;

namespace
{

/// \return \p spi as tshark prints esp.spi ("0x0000abcd")
std::string
SpiField(uint32_t spi)
{
    char text[16];
    std::snprintf(text, sizeof(text), "0x%08x", spi);
    return text;
}

/**
 * \ingroup ipsec-tests
 * One tunnel keyed by IKE with \p suite for IKE and ESP; the initiator creates a second Child
 * SA with PFS (or rekeys the first); tshark decrypts the CREATE_CHILD_SA exchange and the ESP
 * of the new pair with the exported tables.
 */
class ChildSaTsharkTestCase : public TsharkTestCase
{
  public:
    ChildSaTsharkTestCase(const std::string& suite, bool rekey)
        : TsharkTestCase(std::string("tshark decrypts a CREATE_CHILD_SA ")
                         + (rekey ? "rekey and its Delete" : "with PFS")
                         + " and the ESP of its pair (" + suite + ")")
        , m_suite(CipherSuite::FromKeyword(suite))
        , m_rekey(rekey)
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-ike-child-sa-tshark");
        std::string pcap = dir + "/wan.pcap";
        std::string ikeTable;
        std::set<std::string> espRows; // of the SAs installed at any time of the run
        IkeChildSa newPair;
        uint32_t firstPair = 0; // the initiator's inbound SPI of the IKE_AUTH pair
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
            for (Ptr<IkeDaemon> daemon : {tunnel.initiator, tunnel.responder})
            {
                IkePeerConfig config = daemon->GetConfig();
                config.pfsGroup = DhGroup::ECP_256;
                daemon->SetConnection(0, config);
            }
            topology.Links().EnablePcap(pcap, topology.WanDevices().Get(1), false, true);
            Ptr<Socket> socket
                = Socket::CreateSocket(topology.Host1(), UdpSocketFactory::GetTypeId());
            auto send = [&socket, &topology]() {
                socket->SendTo(
                    Create<Packet>(300), 0, InetSocketAddress(topology.Host2Address(), 5001));
            };
            auto collect = [&espRows, &topology]()
            {
                for (const std::string& row : WiresharkKeyTable::EspSaRows(topology.Gateways()))
                {
                    espRows.insert(row);
                }
            };
            Simulator::Schedule(Seconds(0.5), send);
            Simulator::Schedule(Seconds(0.9), collect);
            Simulator::Schedule(Seconds(1),
                                [this, &tunnel, &firstPair]()
                                {
                                    firstPair = tunnel.initiator->GetChildSas().front().inboundSpi;
                                    bool queued = m_rekey
                                                      ? tunnel.initiator->RekeyChildSa(firstPair)
                                                      : tunnel.initiator->CreateChildSa();
                                    NS_TEST_EXPECT_MSG_EQ(queued, true, "exchange queued");
                                });
            for (uint32_t i = 0; i < 5; ++i)
            {
                Simulator::Schedule(Seconds(1.5) + MilliSeconds(i), send);
            }
            Simulator::Schedule(Seconds(1.9), collect);
            Simulator::Stop(Seconds(2));
            Simulator::Run();
            std::vector<IkeChildSa> children = tunnel.initiator->GetChildSas();
            NS_TEST_ASSERT_MSG_EQ(children.size(), m_rekey ? 1u : 2u, "Child SAs");
            newPair = children.back();
            NS_TEST_EXPECT_MSG_EQ(
                tunnel.initiator->GetStatistics().exchangesInitiated.at("CREATE_CHILD_SA"),
                1,
                "one CREATE_CHILD_SA");
            for (const std::string& row : helper.IkeKeyTableRows())
            {
                ikeTable += row + "\n";
            }
            socket = nullptr;
            Simulator::Destroy();
        }
        NS_TEST_ASSERT_MSG_EQ(Lines(ikeTable).size(), 1u, "one IKE SA");
        std::string espTable;
        for (const std::string& row : espRows)
        {
            espTable += row + "\n";
        }
        NS_TEST_EXPECT_MSG_EQ(espRows.size(), 4u, "esp_sa rows of the first and the new pair");

        std::string verbose = Tshark(pcap, ikeTable, espTable, "-V -Y isakmp.exchangetype==36");
        NS_TEST_EXPECT_MSG_EQ(Count(verbose, "[correct]"), 2u, "both ICVs correct:\n" << verbose);
        NS_TEST_EXPECT_MSG_EQ(Count(verbose, "Payload: Nonce (40)"), 2u, "Ni, Nr:\n" << verbose);
        NS_TEST_EXPECT_MSG_EQ(Count(verbose, "Payload: Key Exchange (34)"),
                              2u,
                              "KEi, KEr (PFS):\n"
                                  << verbose);
        NS_TEST_EXPECT_MSG_EQ(Count(verbose, "Payload: Traffic Selector - Initiator (44)"),
                              2u,
                              "TSi both ways:\n"
                                  << verbose);
        NS_TEST_EXPECT_MSG_EQ(Count(verbose, "Notify Message Type: REKEY_SA (16393)"),
                              m_rekey ? 1u : 0u,
                              "REKEY_SA in a rekey request only:\n"
                                  << verbose);
        if (m_rekey)
        {
            // REKEY_SA names the initiator's inbound SPI of the pair it replaces.
            NS_TEST_EXPECT_MSG_NE(verbose.find("SPI: " + SpiField(firstPair).substr(2)),
                                  std::string::npos,
                                  "REKEY_SA names " << SpiField(firstPair) << ":\n"
                                                    << verbose);
            std::string info = Tshark(pcap, ikeTable, espTable, "-V -Y isakmp.exchangetype==37");
            NS_TEST_EXPECT_MSG_EQ(Count(info, "[correct]"), 2u, "Delete ICVs correct:\n" << info);
            NS_TEST_EXPECT_MSG_EQ(Count(info, "Payload: Delete (42)"),
                                  2u,
                                  "the old pair's Delete both ways:\n"
                                      << info);
        }

        std::string esp = Tshark(
            pcap, ikeTable, espTable, "-Y esp -T fields -e esp.spi -e esp.icv_good -e udp.dstport");
        std::vector<std::string> rows = Lines(esp);
        // Six datagrams to host2 and, as nobody listens there, six ICMP port unreachable back
        // through the tunnel (quoting the datagram, hence port 5001 in both directions).
        NS_TEST_EXPECT_MSG_EQ(rows.size(), 12u, "twelve ESP packets: " << esp);
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
        NS_TEST_EXPECT_MSG_EQ(
            perSpi[SpiField(newPair.outboundSpi)], 5u, "gw1 -> gw2 on the new pair: " << esp);
        NS_TEST_EXPECT_MSG_EQ(
            perSpi[SpiField(newPair.inboundSpi)], 5u, "gw2 -> gw1 on the new pair: " << esp);
        std::filesystem::remove_all(dir);
    }

    CipherSuite m_suite;
    bool m_rekey;
};

/**
 * \ingroup ipsec-tests
 * CREATE_CHILD_SA for Child SAs seen by tshark.
 */
class IkeChildSaTsharkTestSuite : public TestSuite
{
  public:
    IkeChildSaTsharkTestSuite()
        : TestSuite("ipsec-ike-child-sa-tshark", SYSTEM)
    {
        AddTestCase(new ChildSaTsharkTestCase("aes128gcm16", false), TestCase::QUICK);
        AddTestCase(new ChildSaTsharkTestCase("aes256-sha256", false), TestCase::QUICK);
        AddTestCase(new ChildSaTsharkTestCase("aes128gcm16", true), TestCase::QUICK);
    }
};

IkeChildSaTsharkTestSuite g_ikeChildSaTsharkTestSuite;

} // namespace
