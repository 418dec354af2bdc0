/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-tunnel-helper.h"

#include "ns3/abort.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/object-factory.h"

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
    , m_keys(CreateObject<StaticKeyManager>())
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

void
IpsecTunnelHelper::SetSaSelection(TypeId selection)
{
    NS_ABORT_MSG_UNLESS(selection.IsChildOf(SaSelectionPolicy::GetTypeId()),
                        selection.GetName() << " is not a SaSelectionPolicy");
    m_selection = selection;
}

Ptr<StaticKeyManager>
IpsecTunnelHelper::GetKeyManager() const
{
    return m_keys;
}

int64_t
IpsecTunnelHelper::AssignStreams(int64_t stream)
{
    return m_keys->AssignStreams(stream);
}

void
IpsecTunnelHelper::SetSharedInterface(Ptr<Node> gateway, Ipv4Address network, Ipv4Mask mask)
{
    NS_ABORT_MSG_UNLESS(gateway, "IpsecTunnelHelper::SetSharedInterface: no gateway");
    NS_ABORT_MSG_IF(m_shared.count(gateway->GetId()),
                    "IpsecTunnelHelper: node " << gateway->GetId()
                                               << " has a shared interface already");
    SharedInterface shared;
    shared.network = network.CombineMask(mask);
    shared.mask = mask;
    m_shared[gateway->GetId()] = shared;
}

IpsecTunnelSide
IpsecTunnelHelper::PrepareSide(const IpsecTunnelEnd& local, const IpsecTunnelEnd& remote)
{
    IpsecTunnelSide side;
    side.dataPlane = local.gateway->GetObject<IpsecDataPlane>();
    NS_ABORT_MSG_UNLESS(side.dataPlane,
                        "node " << local.gateway->GetId()
                                << " has no IPsec data plane: use IpsecHelper first");
    Ptr<Ipv4> ipv4 = local.gateway->GetObject<Ipv4>();
    Ipv4StaticRoutingHelper routing;
    auto shared = m_shared.find(local.gateway->GetId());
    if (shared != m_shared.end() && shared->second.interfaceId != 0)
    {
        // Another tunnel of this gateway: same interface and route, a policy of its own.
        SharedInterface& s = shared->second;
        NS_ABORT_MSG_UNLESS(remote.subnet.CombineMask(s.mask) == s.network
                                && remote.mask.GetPrefixLength() >= s.mask.GetPrefixLength(),
                            "IpsecTunnelHelper: " << remote.subnet << "/"
                                                  << remote.mask.GetPrefixLength()
                                                  << " lies outside the shared route " << s.network
                                                  << "/" << s.mask.GetPrefixLength());
        side.interfaceId = s.interfaceId;
        side.device = s.device;
        side.reqid = s.nextReqid++;
    }
    else
    {
        side.interfaceId = 1;
        while (side.dataPlane->GetInterface(side.interfaceId))
        {
            side.interfaceId++;
        }
        side.reqid = side.interfaceId;
        side.device = side.dataPlane->CreateInterface(side.interfaceId);
        uint32_t ifIndex = ipv4->AddInterface(side.device);
        // ns-3 routing needs an address on every interface it routes through. Like strongSwan's
        // source route, give the tunnel the gateway's own address inside the protected subnet,
        // so that traffic the gateway originates matches the policy; /32 adds no route.
        ipv4->AddAddress(ifIndex,
                         Ipv4InterfaceAddress(LocalAddressIn(ipv4, local.subnet, local.mask),
                                              Ipv4Mask::GetOnes()));
        ipv4->SetUp(ifIndex);
        if (shared != m_shared.end())
        {
            SharedInterface& s = shared->second;
            s.interfaceId = side.interfaceId;
            s.device = side.device;
            // reqids above every interface id this data plane may still create
            s.nextReqid = 1u << 20;
            side.reqid = s.nextReqid++;
            routing.GetStaticRouting(ipv4)->AddNetworkRouteTo(s.network, s.mask, ifIndex);
        }
        else
        {
            routing.GetStaticRouting(ipv4)->AddNetworkRouteTo(remote.subnet, remote.mask, ifIndex);
        }
    }

    SecurityPolicy policy;
    policy.interfaceId = side.interfaceId;
    policy.reqid = side.reqid;
    policy.local = TrafficSelector::FromPrefix(local.subnet, local.mask);
    policy.remote = TrafficSelector::FromPrefix(remote.subnet, remote.mask);
    if (m_selection)
    {
        policy.selection = ObjectFactory(m_selection->GetName()).Create<SaSelectionPolicy>();
    }
    side.dataPlane->AddPolicy(policy);
    return side;
}

IpsecTunnel
IpsecTunnelHelper::Install(const IpsecTunnelEnd& a, const IpsecTunnelEnd& b)
{
    IpsecTunnel tunnel;
    tunnel.a = PrepareSide(a, b);
    tunnel.b = PrepareSide(b, a);
    // StaticKeyManager installs SAs with reqid = interface id.
    NS_ABORT_MSG_IF(tunnel.a.reqid != tunnel.a.interfaceId
                        || tunnel.b.reqid != tunnel.b.interfaceId,
                    "IpsecTunnelHelper: static keys need an interface per tunnel; shared "
                    "interfaces (SetSharedInterface) are for IKE-keyed tunnels (IkeHelper)");
    SaParams sa;
    sa.suite = m_suite;
    sa.esn = m_esn;
    sa.replayWindow = m_replayWindow;
    if (m_udpEncapsulation)
    {
        sa.udpEncapsulation = UdpEncapsulation{};
    }
    sa.cryptoMode = m_cryptoMode;
    sa.lifetime = m_lifetime;
    uint32_t index = m_keys->AddTunnel({tunnel.a.dataPlane, tunnel.a.interfaceId, a.outerAddress},
                                       {tunnel.b.dataPlane, tunnel.b.interfaceId, b.outerAddress},
                                       sa);
    m_keys->InstallPair(index, 0, SaParams::NO_CPU);
    for (IpsecTunnelSide* side : {&tunnel.a, &tunnel.b})
    {
        for (const auto& installed : side->dataPlane->GetSas())
        {
            if (installed->Params().direction == SaDirection::INBOUND
                && installed->Params().reqid == side->interfaceId)
            {
                side->inboundSpi = installed->Params().spi;
            }
        }
    }
    return tunnel;
}

} // namespace ns3
