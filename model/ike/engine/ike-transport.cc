/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-transport.h"

#include "ns3/ike-header.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipsec-nat-traversal-port.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeTransport");

IkeTransport::IkeTransport() = default;

IkeTransport::~IkeTransport() = default;

void
IkeTransport::SetNatTraversalPort(IpsecNatTraversalPort* port)
{
    m_natPort = port;
}

void
IkeTransport::Open(Ptr<Node> node,
                   Ipv4Address local,
                   ReceiveCallback receive,
                   FloatedCallback floated)
{
    m_receive = receive;
    m_floated = floated;
    m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    if (m_socket->Bind(InetSocketAddress(local, IKE_PORT)) != 0)
    {
        NS_FATAL_ERROR("IkeDaemon: cannot bind UDP " << local << ":" << IKE_PORT);
    }
    m_socket->SetRecvCallback(MakeCallback(&IkeTransport::HandleRead, this));
    // Port 4500 belongs to the data plane, which keeps ESP-in-UDP and hands us the rest.
    if (m_natPort)
    {
        m_natPort->SetNatTraversalIkeCallback(
            MakeCallback(&IkeTransport::HandleNatTraversalRead, this));
    }
}

void
IkeTransport::Close()
{
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
    if (m_natPort)
    {
        m_natPort->SetNatTraversalIkeCallback(IpsecNatTraversalPort::NatTraversalIkeCallback());
    }
}

bool
IkeTransport::IsOpen() const
{
    return m_socket != nullptr;
}

bool
IkeTransport::UsesNatTraversalPort(const Bytes& message) const
{
    // The port belongs to the IKE SA (strongSwan floats the IKE SA's ports), so every message
    // of it goes there, whichever task or cache sends it. IKE_SA_INIT always uses port 500.
    if (message.size() < IkeHeader::SIZE
        || message[18] == static_cast<uint8_t>(IkeExchangeType::IKE_SA_INIT))
    {
        return false;
    }
    auto readSpi = [&message](size_t offset)
    {
        uint64_t spi = 0;
        for (size_t i = 0; i < 8; ++i)
        {
            spi = (spi << 8) | message[offset + i];
        }
        return spi;
    };
    // The I flag (0x08) says that the sender, this side, is the original initiator.
    uint64_t localSpi = (message[19] & 0x08) ? readSpi(0) : readSpi(8);
    return !m_floated.IsNull() && m_floated(localSpi);
}

void
IkeTransport::Send(Ipv4Address peer, const Bytes& data)
{
    if (!m_socket)
    {
        return;
    }
    if (UsesNatTraversalPort(data))
    {
        NS_ABORT_MSG_UNLESS(m_natPort, "IkeDaemon: an IKE SA on port 4500 without a NAT-T port");
        m_natPort->SendNatTraversalIke(data, peer);
        return;
    }
    m_socket->SendTo(
        Create<Packet>(data.data(), data.size()), 0, InetSocketAddress(peer, IKE_PORT));
}

void
IkeTransport::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        InetSocketAddress address = InetSocketAddress::ConvertFrom(from);
        Bytes data(packet->GetSize());
        packet->CopyData(data.data(), data.size());
        m_receive(data, address.GetIpv4(), address.GetPort(), IKE_PORT);
    }
}

void
IkeTransport::HandleNatTraversalRead(const Bytes& data, Ipv4Address from, uint16_t port)
{
    m_receive(data, from, port, NAT_T_PORT);
}

} // namespace ns3
