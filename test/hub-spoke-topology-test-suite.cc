/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// GraphTopologyHelper (links from a Boost.Graph graph) and HubSpokeTopology: every spoke is
// reachable from the hub and back, in clear with and without hosts (1,000 spokes), and through
// IKE-keyed tunnels from one hub daemon.

#include "ns3/channel.h"
#include "ns3/graph-topology-helper.h"
#include "ns3/hub-spoke-topology.h"
#include "ns3/ike-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipv4.h"
#include "ns3/node-list.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"

#include <set>
#include <vector>

using namespace ns3;

namespace
{

const uint16_t PORT = 7000;

/// \returns a UDP socket on \p node bound to PORT that counts datagrams into \p received
Ptr<Socket>
CountingSocket(Ptr<Node> node, uint32_t* received)
{
    Ptr<Socket> socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), PORT));
    socket->SetRecvCallback(MakeCallback(+[](uint32_t* count, Ptr<Socket> s)
                                         {
                                             while (s->Recv())
                                             {
                                                 ++*count;
                                             }
                                         })
                                .Bind(received));
    return socket;
}

/**
 * \ingroup ipsec-tests
 * A ring of four vertices: four nodes, four links in edge order between the right nodes.
 */
class GraphTopologyTestCase : public TestCase
{
  public:
    GraphTopologyTestCase()
        : TestCase("GraphTopologyHelper: one node per vertex, one link per edge, in edge order")
    {
    }

  private:
    void DoRun() override
    {
        TopologyGraph ring(4);
        for (uint32_t v = 0; v < 4; ++v)
        {
            boost::add_edge(v, (v + 1) % 4, ring);
        }
        GraphTopologyHelper helper{PointToPointHelper()};
        NodeContainer nodes = helper.Install(ring);
        NS_TEST_ASSERT_MSG_EQ(nodes.GetN(), 4, "a node per vertex");
        NS_TEST_ASSERT_MSG_EQ(helper.GetLinks().size(), 4, "a link per edge");
        for (uint32_t e = 0; e < 4; ++e)
        {
            const NetDeviceContainer& link = helper.GetLinks()[e];
            NS_TEST_ASSERT_MSG_EQ(link.GetN(), 2, "two ends");
            NS_TEST_EXPECT_MSG_EQ(link.Get(0)->GetNode(), nodes.Get(e), "source of edge " << e);
            NS_TEST_EXPECT_MSG_EQ(
                link.Get(1)->GetNode(), nodes.Get((e + 1) % 4), "target of edge " << e);
            NS_TEST_EXPECT_MSG_EQ(link.Get(0)->GetChannel(), link.Get(1)->GetChannel(), "joined");
        }
        for (uint32_t v = 0; v < 4; ++v)
        {
            NS_TEST_EXPECT_MSG_EQ(nodes.Get(v)->GetNDevices(), 2, "degree 2 in a ring");
        }
        Simulator::Destroy();
    }
};

/**
 * \ingroup ipsec-tests
 * Routed in clear: the hub's side sends one datagram to every spoke's subnet, and every spoke
 * one back; each arrives exactly once.
 */
class HubSpokeClearTestCase : public TestCase
{
  public:
    HubSpokeClearTestCase(uint32_t spokes, bool withHosts)
        : TestCase("hub and " + std::to_string(spokes) + " spokes "
                   + (withHosts ? "with hosts" : "without hosts")
                   + ": every spoke reachable from the hub and back, in clear")
        , m_spokes(spokes)
        , m_withHosts(withHosts)
    {
    }

  private:
    void DoRun() override
    {
        HubSpokeTopology topology(m_spokes, m_withHosts, "1Gbps", "1ms");
        NS_TEST_ASSERT_MSG_EQ(topology.GetSpokeCount(), m_spokes, "spokes");
        NS_TEST_ASSERT_MSG_EQ(
            NodeList::GetNNodes(), m_withHosts ? 2 * m_spokes + 2 : m_spokes + 1, "nodes");
        NS_TEST_ASSERT_MSG_EQ(topology.Hub()->GetNDevices(),
                              m_spokes + 1 + (m_withHosts ? 1 : 0),
                              "loopback, one access link per spoke, the hub's LAN");
        topology.RouteInClear();
        Ptr<Node> hubSide = m_withHosts ? topology.HubHost() : topology.Hub();
        uint32_t atHub = 0;
        Ptr<Socket> hubSocket = CountingSocket(hubSide, &atHub);
        std::vector<uint32_t> atSpoke(m_spokes, 0);
        std::vector<Ptr<Socket>> spokeSockets;
        for (uint32_t i = 0; i < m_spokes; ++i)
        {
            Ptr<Node> spokeSide = m_withHosts ? topology.SpokeHost(i) : topology.Spoke(i);
            spokeSockets.push_back(CountingSocket(spokeSide, &atSpoke[i]));
            NS_TEST_EXPECT_MSG_EQ(topology.HubEnd(i).gateway, topology.Hub(), "hub end");
            NS_TEST_EXPECT_MSG_EQ(topology.HubEnd(i).outerAddress,
                                  HubSpokeTopology::HubAddress(),
                                  "one public hub address");
            NS_TEST_EXPECT_MSG_EQ(topology.SpokeEnd(i).gateway, topology.Spoke(i), "spoke end");
            NS_TEST_EXPECT_MSG_EQ(
                topology.AccessLink(i).Get(1)->GetNode(), topology.Spoke(i), "access link");
            Simulator::Schedule(MilliSeconds(10),
                                [&hubSocket, &topology, i]()
                                {
                                    hubSocket->SendTo(
                                        Create<Packet>(100),
                                        0,
                                        InetSocketAddress(topology.SpokeSubnetAddress(i), PORT));
                                });
            Simulator::Schedule(MilliSeconds(20),
                                [&spokeSockets, &topology, i]()
                                {
                                    spokeSockets[i]->SendTo(
                                        Create<Packet>(100),
                                        0,
                                        InetSocketAddress(topology.HubSubnetAddress(), PORT));
                                });
        }
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        uint32_t reached = 0;
        for (uint32_t i = 0; i < m_spokes; ++i)
        {
            reached += atSpoke[i] == 1 ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(reached, m_spokes, "each spoke got exactly one datagram");
        NS_TEST_EXPECT_MSG_EQ(atHub, m_spokes, "the hub got one from each spoke");
        hubSocket = nullptr;
        spokeSockets.clear();
        Simulator::Destroy();
    }

    uint32_t m_spokes;
    bool m_withHosts;
};

/**
 * \ingroup ipsec-tests
 * Tunnels keyed by IKE from each spoke to the hub: one hub daemon with a connection per spoke,
 * an IKE SA per spoke, and the hub host reaches every spoke host through ESP; with a shared
 * interface, the hub's tunnels use one IPsec interface and one route, each its own reqid.
 */
class HubSpokeIkeTestCase : public TestCase
{
  public:
    /// \param shared whether the hub's tunnels share one IPsec interface
    explicit HubSpokeIkeTestCase(bool shared)
        : TestCase(std::string("IKE tunnels from 4 spokes to one hub daemon")
                   + (shared ? " on one shared hub interface" : "") + ": traffic through ESP")
        , m_shared(shared)
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t spokes = 4;
        HubSpokeTopology topology(spokes, true, "1Gbps", "1ms");
        NodeContainer gateways(topology.Hub());
        gateways.Add(topology.Spokes());
        IpsecHelper ipsec;
        ipsec.Install(gateways);
        ipsec.AssignStreams(gateways, 10);
        IkeHelper ike;
        if (m_shared)
        {
            ike.SetSharedInterface(topology.Hub(), Ipv4Address("10.0.0.0"), Ipv4Mask("/8"));
        }
        uint32_t hubInterfaces = topology.Hub()->GetObject<Ipv4>()->GetNInterfaces();
        std::vector<IkeTunnel> tunnels;
        for (uint32_t i = 0; i < spokes; ++i)
        {
            tunnels.push_back(ike.Install(topology.SpokeEnd(i), topology.HubEnd(i)));
        }
        ike.AssignStreams(100);
        Ptr<IkeDaemon> hub = tunnels[0].responder;
        NS_TEST_ASSERT_MSG_EQ(hub->GetConnectionCount(), spokes, "one hub daemon");
        NS_TEST_EXPECT_MSG_EQ(topology.Hub()->GetObject<Ipv4>()->GetNInterfaces() - hubInterfaces,
                              m_shared ? 1 : spokes,
                              "IPsec interfaces on the hub");
        std::set<uint32_t> reqids;
        for (uint32_t i = 0; i < spokes; ++i)
        {
            const IpsecTunnelSide& side = tunnels[i].tunnel.b;
            reqids.insert(side.reqid);
            NS_TEST_EXPECT_MSG_EQ(hub->GetConfig(i).reqid, side.reqid, "connection's reqid");
            if (m_shared)
            {
                NS_TEST_EXPECT_MSG_EQ(
                    side.interfaceId, tunnels[0].tunnel.b.interfaceId, "one interface");
            }
        }
        NS_TEST_EXPECT_MSG_EQ(reqids.size(), spokes, "a reqid per tunnel");

        uint32_t atHub = 0;
        Ptr<Socket> hubSocket = CountingSocket(topology.HubHost(), &atHub);
        std::vector<uint32_t> atSpoke(spokes, 0);
        std::vector<Ptr<Socket>> spokeSockets;
        for (uint32_t i = 0; i < spokes; ++i)
        {
            spokeSockets.push_back(CountingSocket(topology.SpokeHost(i), &atSpoke[i]));
            Simulator::Schedule(Seconds(1),
                                [&hubSocket, &topology, i]()
                                {
                                    hubSocket->SendTo(
                                        Create<Packet>(100),
                                        0,
                                        InetSocketAddress(topology.SpokeSubnetAddress(i), PORT));
                                });
            Simulator::Schedule(Seconds(1.1),
                                [&spokeSockets, &topology, i]()
                                {
                                    spokeSockets[i]->SendTo(
                                        Create<Packet>(100),
                                        0,
                                        InetSocketAddress(topology.HubSubnetAddress(), PORT));
                                });
        }
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        for (uint32_t i = 0; i < spokes; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(tunnels[i].initiator->IsEstablished(), true, "spoke " << i);
            NS_TEST_EXPECT_MSG_EQ(atSpoke[i], 1, "spoke host " << i << " reached");
        }
        NS_TEST_EXPECT_MSG_EQ(hub->GetStatistics().ikeSasEstablished, spokes, "IKE SAs");
        NS_TEST_EXPECT_MSG_EQ(atHub, spokes, "the hub host reached from every spoke");
        Ptr<IpsecDataPlane> hubPlane = topology.Hub()->GetObject<IpsecDataPlane>();
        NS_TEST_EXPECT_MSG_EQ(hubPlane->GetEspSent(), spokes, "through ESP");
        NS_TEST_EXPECT_MSG_EQ(hubPlane->GetEspReceived(), spokes, "through ESP");
        hubSocket = nullptr;
        spokeSockets.clear();
        tunnels.clear();
        Simulator::Destroy();
    }

    bool m_shared; ///< whether the hub's tunnels share one interface
};

/**
 * \ingroup ipsec-tests
 * GraphTopologyHelper and HubSpokeTopology.
 */
class HubSpokeTopologyTestSuite : public TestSuite
{
  public:
    HubSpokeTopologyTestSuite()
        : TestSuite("ipsec-hub-spoke-topology", UNIT)
    {
        AddTestCase(new GraphTopologyTestCase, TestCase::QUICK);
        AddTestCase(new HubSpokeClearTestCase(5, true), TestCase::QUICK);
        AddTestCase(new HubSpokeClearTestCase(1, false), TestCase::QUICK);
        AddTestCase(new HubSpokeClearTestCase(1000, false), TestCase::QUICK);
        AddTestCase(new HubSpokeIkeTestCase(false), TestCase::QUICK);
        AddTestCase(new HubSpokeIkeTestCase(true), TestCase::QUICK);
    }
};

HubSpokeTopologyTestSuite g_hubSpokeTopologyTestSuite;

} // namespace
