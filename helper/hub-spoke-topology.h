/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef HUB_SPOKE_TOPOLOGY_H
#define HUB_SPOKE_TOPOLOGY_H

#include "graph-topology-helper.h"
#include "ipsec-tunnel-helper.h"

#include "ns3/ipv4-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"

#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A hub gateway with N spoke gateways, each on its own point-to-point access link, for
 * hub-and-spoke VPN studies (one IKE daemon on the hub with one connection per spoke):
 *
 *     hub host --- hub ===== spoke i --- spoke host i      (i = 0 .. N-1)
 *     10.0.0.0/24     100.64.0.0/10      10.x.y.0/24
 *
 * Spoke i protects 10.0.0.0 + (i + 1) * 256 /24 (10.0.1.0/24, 10.0.2.0/24, ...; up to 65,534
 * spokes); the access link of spoke i is 100.64.0.0 + 4 i /30 (hub .1, spoke .2). The hub
 * protects 10.0.0.0/24. Like a real VPN concentrator, the hub has one public address for all
 * spokes, 100.127.255.254 (on its loopback, each spoke has a host route to it): its IKE
 * daemon binds one socket, and every tunnel's outer address on the hub is the same. Hosts are
 * optional: without them a gateway holds the first address of its subnet on its loopback interface,
 * so that traffic it originates comes from the protected subnet and matches the tunnel's policy.
 *
 * The star is a TopologyGraph installed by GraphTopologyHelper. Addresses are given directly
 * and the routes are static: ns-3's global routing runs Dijkstra from every node and keeps a
 * route to every interface on every node, quadratic in the number of nodes, which takes long
 * and much memory for thousands of spokes; here the hub holds one route per spoke and a spoke
 * one route, installed by IPsec tunnels (IpsecTunnelHelper, IkeHelper) or RouteInClear().
 */
class HubSpokeTopology
{
  public:
    /// The most spokes: subnets are /24s of 10.0.0.0/8 after the hub's, links /30s of
    /// 100.64.0.0/10.
    static constexpr uint32_t MAX_SPOKES = 65534;

    /**
     * \brief Builds the nodes, links, IPv4 stacks and addresses, and the hosts' default routes.
     * \param spokes the number of spokes (1 to MAX_SPOKES)
     * \param withHosts whether each gateway (hub included) gets a host behind it
     * \param linkRate rate of every link
     * \param linkDelay delay of every link
     */
    HubSpokeTopology(uint32_t spokes,
                     bool withHosts,
                     const std::string& linkRate,
                     const std::string& linkDelay);

    /**
     * \brief As above, with the hosts' links (host-gateway, the LANs) apart from the access
     * links (hub-spoke).
     * \param spokes the number of spokes (1 to MAX_SPOKES)
     * \param withHosts whether each gateway (hub included) gets a host behind it
     * \param accessRate rate of the hub-spoke links (ns-3 data rate)
     * \param accessDelay delay of the hub-spoke links (ns-3 time)
     * \param lanRate rate of the host-gateway links (with hosts)
     * \param lanDelay delay of the host-gateway links (with hosts)
     */
    HubSpokeTopology(uint32_t spokes,
                     bool withHosts,
                     const std::string& accessRate,
                     const std::string& accessDelay,
                     const std::string& lanRate,
                     const std::string& lanDelay);

    /// \returns the number of spokes
    uint32_t GetSpokeCount() const;
    /// \returns the hub gateway
    Ptr<Node> Hub() const;
    /// \param i a spoke \returns its gateway
    Ptr<Node> Spoke(uint32_t i) const;
    /// \returns all spoke gateways, spoke 0 first
    NodeContainer Spokes() const;
    /// \returns the hub's host (null without hosts)
    Ptr<Node> HubHost() const;
    /// \param i a spoke \returns its host (null without hosts)
    Ptr<Node> SpokeHost(uint32_t i) const;

    /// \returns the address traffic to the hub's subnet goes to: the hub host's, or the hub's
    /// own first subnet address without hosts
    Ipv4Address HubSubnetAddress() const;
    /// \param i a spoke \returns the same for spoke i's subnet
    Ipv4Address SpokeSubnetAddress(uint32_t i) const;

    /// \returns the hub's public address, the outer address of all its tunnels
    static Ipv4Address HubAddress();
    /// \param i a spoke \returns the hub's end of the tunnel to spoke i (outer address
    /// HubAddress(), protecting 10.0.0.0/24)
    IpsecTunnelEnd HubEnd(uint32_t i) const;
    /// \param i a spoke \returns spoke i's end of its tunnel to the hub
    IpsecTunnelEnd SpokeEnd(uint32_t i) const;

    /// \param i a spoke \returns its access link's devices (hub's first), e.g. for pcap
    NetDeviceContainer AccessLink(uint32_t i) const;
    /// \returns the access links' helper, e.g. to enable pcap with the links' settings
    PointToPointHelper& Links();

    /// Routes the hub's subnet and each spoke's subnet to each other in clear (no IPsec).
    void RouteInClear();

  private:
    /// \param index 0 for the hub, i + 1 for spoke i \returns that site's subnet
    static Ipv4Address SiteSubnet(uint32_t index);
    /// \param i a spoke \param end 1: hub, 2: spoke \returns the address on its access link
    static Ipv4Address AccessAddress(uint32_t i, uint32_t end);

    uint32_t m_spokes;           //!< number of spokes
    bool m_withHosts;            //!< whether hosts exist
    GraphTopologyHelper m_graph; //!< links from the star graph
    NodeContainer m_nodes;       //!< hub, spokes, then (with hosts) hub host, spoke hosts
};

} // namespace ns3

#endif // HUB_SPOKE_TOPOLOGY_H
