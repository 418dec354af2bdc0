/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SITE_GRAPH_TOPOLOGY_H
#define IPSEC_SITE_GRAPH_TOPOLOGY_H

#include "graph-topology-helper.h"
#include "ipsec-tunnel-helper.h"
#include "network-graph.h"
#include "site-partition.h"

#include "ns3/net-device-container.h"
#include "ns3/node-container.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief VPN sites on a NetworkGraph: each gateway is a site with one host on its LAN, and the
 * gateways and routers form an IPv4 underlay over which any two sites can run a tunnel.
 *
 *     host k --- gateway k ===== underlay (gateways, routers) ===== gateway j --- host j
 *     10.x.y.0/24 (site k)       100.64.0.0/10, a /30 per link          (site j)
 *
 * A gateway without a host in the graph gets one ("<gateway>-host", on a LAN link of the
 * rate and delay given), so that GetGraph() is the whole topology the run used. Site k (the
 * k-th gateway in node order) protects 10.0.0.0 + 256 k /24 (gateway .1, host .2; up to
 * 65,536 sites); underlay link j is 100.64.0.0 + 4 j /30. A gateway's outer (tunnel) address
 * is its address on its first underlay link. Underlay routes are static host routes to the
 * gateways' outer addresses on every gateway and router, along shortest paths in hops found by
 * breadth-first search over the graph (one route per site on each node: ns-3's global routing
 * would keep one per link and walk them all for every packet), so that tunnels between any two
 * sites reach each other across routers and other gateways; the tunnels' own routes send the
 * sites' traffic into the tunnels.
 *
 * For a run over several processes (ns-3's MPI engine), the sites are split over \p systems
 * processes by SitePartition: each node is created with its process as SystemId, and the
 * underlay links between processes become ns-3's remote point-to-point channels. Their delays
 * are the engine's lookahead, so they must be above zero.
 *
 * The graph must be connected, hold 2 gateways or more, and its hosts must each hang off one
 * gateway (one host per gateway); otherwise the constructor throws std::invalid_argument.
 */
class SiteGraphTopology
{
  public:
    /// The most sites: /24s of 10.0.0.0/8.
    static constexpr uint32_t MAX_SITES = 65536;

    /**
     * \brief Builds nodes, links (each with its graph rate and delay), IPv4, addresses, the
     * hosts' default routes and the underlay's routes.
     * \param graph the topology (validated)
     * \param lanRate rate of the LAN links added for gateways without a host
     * \param lanDelay their delay
     * \param systems the processes the sites are split over (1: not distributed)
     */
    SiteGraphTopology(const NetworkGraph& graph,
                      const std::string& lanRate,
                      const std::string& lanDelay,
                      uint32_t systems = 1);

    /// \returns the topology as built, added hosts and LAN links included
    const NetworkGraph& GetGraph() const;
    /// \returns the number of sites (gateways)
    uint32_t GetSiteCount() const;
    /// \param k a site \returns its gateway's name in the graph
    std::string GetSiteName(uint32_t k) const;
    /// \param k a site \returns its gateway
    Ptr<Node> Gateway(uint32_t k) const;
    /// \param k a site \returns its host
    Ptr<Node> Host(uint32_t k) const;
    /// \param k a site \returns its host's address
    Ipv4Address HostAddress(uint32_t k) const;
    /// \param k a site \returns its gateway's cores (from the graph)
    uint32_t GetCores(uint32_t k) const;
    /// \param k a site \returns its end of a tunnel: gateway, outer address, its /24
    IpsecTunnelEnd End(uint32_t k) const;
    /// \returns all gateways, site 0 first
    NodeContainer Gateways() const;
    /// \returns the gateways' LAN devices (for receive steering on the inner flows)
    NetDeviceContainer LanDevices() const;
    /// \returns the gateways' underlay devices (for receive steering on ESP)
    NetDeviceContainer WanDevices() const;
    /// \param v a node of GetGraph() \returns its ns-3 node
    Ptr<Node> NodeOf(uint32_t v) const;
    /// \param k a site \returns the process (SystemId) that runs its gateway and host
    uint32_t GetSystemId(uint32_t k) const;
    /// \returns the number of links between nodes of different processes
    uint32_t GetCrossSystemLinkCount() const;

  private:
    /// Adds the hosts that the graph lacks; checks the graph's shape.
    void Complete(const std::string& lanRate, const std::string& lanDelay);

    NetworkGraph m_graph;             //!< as built
    NodeContainer m_nodes;            //!< node v for graph node v
    std::vector<uint32_t> m_gateways; //!< graph node of each site
    std::vector<uint32_t> m_hosts;    //!< graph node of each site's host
    std::vector<uint32_t> m_lans;     //!< graph link of each site's LAN
    std::vector<Ipv4Address> m_outer; //!< each site's outer address
    std::vector<uint32_t> m_system;   //!< SystemId of graph node v
    uint32_t m_crossSystemLinks{0};   //!< links between processes
    NetDeviceContainer m_lanDevices;  //!< gateways' LAN devices
    NetDeviceContainer m_wanDevices;  //!< gateways' underlay devices
};

} // namespace ns3

#endif // IPSEC_SITE_GRAPH_TOPOLOGY_H
