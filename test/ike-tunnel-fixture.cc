/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-tunnel-fixture.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipsec-helper.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"

namespace ns3
{
namespace ipsectest
{

IkeTunnelFixture::IkeTunnelFixture(const std::string& name, int64_t stream)
    : TestCase(name)
    , m_stream(stream)
{
}

void
IkeTunnelFixture::Build(IkeHelper& helper, Tweak initiator, Tweak responder)
{
    m_topology = std::make_unique<GatewayPairTopology>("100Mbps", "1ms");
    IpsecHelper ipsec;
    ipsec.Install(m_topology->Gateways());
    ipsec.AssignStreams(m_topology->Gateways(), 10);
    m_tunnel = helper.Install(m_topology->End1(), m_topology->End2());
    helper.AssignStreams(m_stream);
    Reconfigure(m_tunnel.initiator, initiator);
    Reconfigure(m_tunnel.responder, responder);
    m_socket1 = MakeSocket(m_topology->Host1(), 1000, m_received1);
    m_socket2 = MakeSocket(m_topology->Host2(), 2000, m_received2);
    DoBuild();
}

void
IkeTunnelFixture::DoBuild()
{
}

void
IkeTunnelFixture::Reconfigure(Ptr<IkeDaemon> daemon, const Tweak& tweak)
{
    if (tweak)
    {
        IkePeerConfig config = daemon->GetConfig();
        tweak(config);
        daemon->SetConnection(0, config);
    }
}

Ptr<Socket>
IkeTunnelFixture::MakeSocket(Ptr<Node> node, uint16_t port, uint32_t& received)
{
    Ptr<Socket> s = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    s->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    s->SetRecvCallback(MakeCallback(+[](uint32_t* count, Ptr<Socket> socket)
                                    {
                                        while (socket->Recv())
                                        {
                                            (*count)++;
                                        }
                                    })
                           .Bind(&received));
    return s;
}

void
IkeTunnelFixture::SendBothWays(Time start, uint32_t count, Time interval)
{
    for (uint32_t i = 0; i < count; ++i)
    {
        Simulator::Schedule(
            start + interval * i,
            [this]()
            {
                m_socket1->SendTo(
                    Create<Packet>(200), 0, InetSocketAddress(m_topology->Host2Address(), 2000));
                m_socket2->SendTo(
                    Create<Packet>(200), 0, InetSocketAddress(m_topology->Host1Address(), 1000));
            });
    }
    m_sent += count;
}

void
IkeTunnelFixture::DoTeardown()
{
    m_socket1 = m_socket2 = nullptr;
    m_tunnel = IkeTunnel();
    Simulator::Destroy();
    m_topology.reset();
    m_received1 = m_received2 = m_sent = 0;
}

DropIndexErrorModel::DropIndexErrorModel(std::set<uint32_t> drop)
    : m_drop(std::move(drop))
{
}

bool
DropIndexErrorModel::DoCorrupt(Ptr<Packet>)
{
    return m_drop.count(m_index++) > 0;
}

void
DropIndexErrorModel::DoReset()
{
    m_index = 0;
}

} // namespace ipsectest
} // namespace ns3
