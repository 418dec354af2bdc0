/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_TUNNEL_HELPER_H
#define IPSEC_TUNNEL_HELPER_H

#include "ns3/ipsec-data-plane.h"
#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/static-key-manager.h"
#include "ns3/virtual-net-device.h"

#include <map>
#include <optional>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One gateway of a tunnel: the node, its outer (tunnel) address and the subnet it
 * protects.
 */
struct IpsecTunnelEnd
{
    Ptr<Node> gateway;
    Ipv4Address outerAddress;
    Ipv4Address subnet;
    Ipv4Mask mask;
};

/**
 * \ingroup ipsec
 * \brief What IpsecTunnelHelper installed on one gateway.
 */
struct IpsecTunnelSide
{
    Ptr<IpsecDataPlane> dataPlane;
    Ptr<VirtualNetDevice> device; //!< the route-based IPsec interface
    uint32_t interfaceId{0};      //!< the IPsec interface of the tunnel on this node
    uint32_t reqid{0};            //!< reqid of the tunnel's policy (= interfaceId unless shared)
    uint32_t inboundSpi{0};       //!< SPI of the SA that this gateway receives on
};

/// \ingroup ipsec
/// \brief A tunnel between two gateways, as installed.
struct IpsecTunnel
{
    IpsecTunnelSide a;
    IpsecTunnelSide b;
};

/**
 * \ingroup ipsec
 * \brief Sets up a route-based tunnel with static keys (both SA directions) between two
 * gateways: IPsec interfaces, routes to the remote subnets, policies, and a first SA pair from
 * its StaticKeyManager, which also answers later acquires (e.g. per-CPU ones). Keys come from
 * an ns-3 random stream, so a run is reproducible from its seed. The SA interface used
 * (IpsecSaApi) is the one the IKE daemon uses.
 */
class IpsecTunnelHelper
{
  public:
    IpsecTunnelHelper();

    void SetCipherSuite(const CipherSuite& suite);
    void SetReplayWindow(uint32_t window);
    void SetEsn(bool esn);
    /// Encapsulates ESP in UDP 4500 (RFC 3948).
    void SetUdpEncapsulation(bool enable);
    /// Crypto mode of the SAs; unset leaves it to each data plane's default.
    void SetCryptoMode(std::optional<CryptoMode> mode);
    void SetLifetime(const SaLifetime& lifetime);
    /**
     * How the gateways' cores share the tunnel's SAs: a SaSelectionPolicy TypeId (e.g.
     * PerCpuSaSelection::GetTypeId(), or SaSelectionPolicy::LookupKeyword("per-cpu")); unset
     * leaves it to each data plane's SaSelection attribute (default single).
     */
    void SetSaSelection(TypeId selection);

    /// \return the key manager that installs the SAs of this helper's tunnels and answers
    /// their acquires (e.g. to set its "Delay" attribute).
    Ptr<StaticKeyManager> GetKeyManager() const;

    /**
     * Installs the tunnel; both gateways need an IpsecDataPlane (IpsecHelper).
     * Throws std::invalid_argument if the configuration is not valid.
     */
    IpsecTunnel Install(const IpsecTunnelEnd& a, const IpsecTunnelEnd& b);

    /// Fixes the key manager's streams; \return the number of streams used.
    int64_t AssignStreams(int64_t stream);

    /**
     * \brief Makes all tunnels that PrepareSide installs on \p gateway share one IPsec
     * interface, reached through one route to \p network / \p mask (which must cover the
     * remote subnets), as a hub has one Linux xfrm interface for all its peers (strongSwan's
     * if_id) with one policy and reqid per peer. Without it, each tunnel gets an interface and
     * a route of its own; ns-3's IPv4 walks all interfaces and routes for every packet the node
     * sends, so a hub of thousands of tunnels needs this. IKE-keyed tunnels only (IkeHelper):
     * static keys tie the reqid to the interface id.
     * \param gateway the node (before its first tunnel)
     * \param network the aggregate of the remote subnets
     * \param mask its mask
     */
    void SetSharedInterface(Ptr<Node> gateway, Ipv4Address network, Ipv4Mask mask);

    /**
     * Installs one gateway's side of a tunnel without SAs: a new IPsec interface on
     * \p local's data plane (or the gateway's shared one, see SetSharedInterface), the route to
     * \p remote's subnet through it and the PROTECT policy (reqid = interface id, or a fresh
     * reqid on a shared interface; this helper's SA selection). Install uses it for both ends;
     * other key managers (IkeHelper) use it to get the same interfaces, routes and policies.
     * \return what was installed (inboundSpi stays 0)
     */
    IpsecTunnelSide PrepareSide(const IpsecTunnelEnd& local, const IpsecTunnelEnd& remote);

  private:
    CipherSuite m_suite;
    uint32_t m_replayWindow{64};
    bool m_esn{false};
    bool m_udpEncapsulation{false};
    std::optional<CryptoMode> m_cryptoMode;
    SaLifetime m_lifetime;
    std::optional<TypeId> m_selection; //!< SaSelectionPolicy of the policies, if set
    Ptr<StaticKeyManager> m_keys;

    /// A gateway's shared IPsec interface.
    struct SharedInterface
    {
        Ipv4Address network;          //!< the aggregate route
        Ipv4Mask mask;                //!< its mask
        uint32_t interfaceId{0};      //!< 0 until the first tunnel creates it
        Ptr<VirtualNetDevice> device; //!< the interface
        uint32_t nextReqid{0};        //!< the reqid of the next tunnel
    };

    std::map<uint32_t, SharedInterface> m_shared; //!< by node id
};

} // namespace ns3

#endif // IPSEC_TUNNEL_HELPER_H
