/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-tunnel-helper.h"

#include "ns3/abort.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"

#include <stdexcept>

namespace ns3
{

namespace
{
/// \return an address of \p ipv4 inside \p subnet / \p mask, or 169.254.0.1 if it has none.
Ipv4Address
LocalAddressIn(Ptr<Ipv4> ipv4, Ipv4Address subnet, Ipv4Mask mask)
{
    for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
    {
        for (uint32_t j = 0; j < ipv4->GetNAddresses(i); ++j)
        {
            Ipv4Address address = ipv4->GetAddress(i, j).GetLocal();
            if (mask.IsMatch(address, subnet))
            {
                return address;
            }
        }
    }
    return Ipv4Address("169.254.0.1");
}
} // namespace

IpsecTunnelHelper::IpsecTunnelHelper()
    : m_suite(CipherSuite::FromKeyword("aes128gcm16"))
    , m_keyStream(CreateObject<UniformRandomVariable>())
{
}

void
IpsecTunnelHelper::SetCipherSuite(const CipherSuite& suite)
{
    m_suite = suite;
}

void
IpsecTunnelHelper::SetReplayWindow(uint32_t window)
{
    m_replayWindow = window;
}

void
IpsecTunnelHelper::SetEsn(bool esn)
{
    m_esn = esn;
}

void
IpsecTunnelHelper::SetUdpEncapsulation(bool enable)
{
    m_udpEncapsulation = enable;
}

void
IpsecTunnelHelper::SetCryptoMode(std::optional<CryptoMode> mode)
{
    m_cryptoMode = mode;
}

void
IpsecTunnelHelper::SetLifetime(const SaLifetime& lifetime)
{
    m_lifetime = lifetime;
}

int64_t
IpsecTunnelHelper::AssignStreams(int64_t stream)
{
    m_keyStream->SetStream(stream);
    return 1;
}

Bytes
IpsecTunnelHelper::RandomKey(uint32_t length) const
{
    Bytes key(length);
    for (auto& byte : key)
    {
        byte = static_cast<uint8_t>(m_keyStream->GetInteger(0, 255));
    }
    return key;
}

IpsecTunnelSide
IpsecTunnelHelper::PrepareSide(const IpsecTunnelEnd& local, const IpsecTunnelEnd& remote)
{
    IpsecTunnelSide side;
    side.dataPlane = local.gateway->GetObject<IpsecDataPlane>();
    NS_ABORT_MSG_UNLESS(side.dataPlane,
                        "node " << local.gateway->GetId()
                                << " has no IPsec data plane: use IpsecHelper first");
    side.interfaceId = 1;
    while (side.dataPlane->GetInterface(side.interfaceId))
    {
        side.interfaceId++;
    }
    side.device = side.dataPlane->CreateInterface(side.interfaceId);

    Ptr<Ipv4> ipv4 = local.gateway->GetObject<Ipv4>();
    uint32_t ifIndex = ipv4->AddInterface(side.device);
    // ns-3 routing needs an address on every interface it routes through. Like strongSwan's
    // source route, give the tunnel the gateway's own address inside the protected subnet, so
    // that traffic the gateway originates matches the policy; /32 adds no route.
    ipv4->AddAddress(
        ifIndex,
        Ipv4InterfaceAddress(LocalAddressIn(ipv4, local.subnet, local.mask), Ipv4Mask::GetOnes()));
    ipv4->SetUp(ifIndex);
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(ipv4)->AddNetworkRouteTo(remote.subnet, remote.mask, ifIndex);

    SecurityPolicy policy;
    policy.interfaceId = side.interfaceId;
    policy.reqid = side.interfaceId;
    policy.local = TrafficSelector::FromPrefix(local.subnet, local.mask);
    policy.remote = TrafficSelector::FromPrefix(remote.subnet, remote.mask);
    side.dataPlane->AddPolicy(policy);
    side.inboundSpi = side.dataPlane->AllocateSpi();
    return side;
}

SaParams
IpsecTunnelHelper::MakeSa(const IpsecTunnelEnd& from, const IpsecTunnelEnd& to, uint32_t spi) const
{
    SaParams p;
    p.spi = spi;
    p.tunnelSource = from.outerAddress;
    p.tunnelDestination = to.outerAddress;
    p.suite = m_suite;
    p.encryptionKey = RandomKey(m_suite.EncrKeyBytes());
    p.integrityKey = RandomKey(m_suite.IntegKeyBytes());
    p.esn = m_esn;
    p.replayWindow = m_replayWindow;
    if (m_udpEncapsulation)
    {
        p.udpEncapsulation = UdpEncapsulation{};
    }
    p.cryptoMode = m_cryptoMode;
    p.lifetime = m_lifetime;
    return p;
}

IpsecTunnel
IpsecTunnelHelper::Install(const IpsecTunnelEnd& a, const IpsecTunnelEnd& b)
{
    IpsecTunnel tunnel;
    tunnel.a = PrepareSide(a, b);
    tunnel.b = PrepareSide(b, a);
    // One key per direction, installed as outbound at the sender and inbound at the receiver.
    for (bool aToB : {true, false})
    {
        const IpsecTunnelEnd& from = aToB ? a : b;
        const IpsecTunnelEnd& to = aToB ? b : a;
        const IpsecTunnelSide& sender = aToB ? tunnel.a : tunnel.b;
        const IpsecTunnelSide& receiver = aToB ? tunnel.b : tunnel.a;
        SaParams sa = MakeSa(from, to, receiver.inboundSpi);
        sa.direction = SaDirection::OUTBOUND;
        sa.reqid = sa.interfaceId = sender.interfaceId;
        sender.dataPlane->AddSa(sa);
        sa.direction = SaDirection::INBOUND;
        sa.reqid = sa.interfaceId = receiver.interfaceId;
        receiver.dataPlane->AddSa(sa);
    }
    return tunnel;
}

} // namespace ns3
