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
    uint32_t interfaceId{0};      //!< also the reqid of the tunnel's policy on this node
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
    /// How the gateways' cores share the tunnel's SAs (default single).
    void SetSaSelection(SaSelection selection);

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
     * Installs one gateway's side of a tunnel without SAs: a new IPsec interface on
     * \p local's data plane, the route to \p remote's subnet through it and the PROTECT policy
     * (reqid = interface id, this helper's SA selection). Install uses it for both ends; other
     * key managers (IkeHelper) use it to get the same interfaces, routes and policies.
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
    SaSelection m_selection{SaSelection::SINGLE};
    Ptr<StaticKeyManager> m_keys;
};

} // namespace ns3

#endif // IPSEC_TUNNEL_HELPER_H
