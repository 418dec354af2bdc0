/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef GATEWAY_PAIR_TOPOLOGY_H
#define GATEWAY_PAIR_TOPOLOGY_H

#include "ipsec-tunnel-helper.h"

#include "ns3/ipv4-interface-container.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/point-to-point-helper.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The canonical site-to-site scenario, shared by examples, tests and benchmarks:
 *
 *     host1 ---- gw1 ========== gw2 ---- host2
 *       10.1.0.0/24  172.16.0.0/30  10.2.0.0/24
 *
 * Builds the nodes, point-to-point links (the two access links host-gateway alike, the
 * gateway-gateway WAN link with its own rate and delay), IPv4 stacks, addresses and the hosts'
 * default routes. The gateways get no route to the remote subnet: either a tunnel
 * (IpsecTunnelHelper with End1() and End2()) or RouteInClear() provides it.
 */
class GatewayPairTopology
{
  public:
    /// \param linkRate rate of every link  \param linkDelay delay of every link
    GatewayPairTopology(const std::string& linkRate, const std::string& linkDelay);

    /**
     * \param accessRate rate of the host-gateway links (ns-3 data rate, e.g. "1Gbps")
     * \param accessDelay delay of the host-gateway links (ns-3 time, e.g. "1ms")
     * \param wanRate rate of the gateway-gateway link
     * \param wanDelay delay of the gateway-gateway link
     */
    GatewayPairTopology(const std::string& accessRate,
                        const std::string& accessDelay,
                        const std::string& wanRate,
                        const std::string& wanDelay);

    Ptr<Node> Host1() const;
    Ptr<Node> Gateway1() const;
    Ptr<Node> Gateway2() const;
    Ptr<Node> Host2() const;
    NodeContainer Gateways() const;

    Ipv4Address Host1Address() const;
    Ipv4Address Host2Address() const;

    /// \return the devices of the gateway-gateway link (gw1's first), for pcap.
    NetDeviceContainer WanDevices() const;

    /// \return the gateways' devices on their access links (gw1's first), e.g. for RSS.
    NetDeviceContainer LanDevices() const;

    /// \return the WAN link's helper, e.g. to enable pcap with the links' settings.
    PointToPointHelper& Links();

    /**
     * \brief Writes pcaps of both ends of the gateway-gateway link.
     * \param directory where they go
     * \param prefix the start of their names
     * \return their file names (PcapHelper's: <prefix>-<node id>-<device index>.pcap), gw1's first
     */
    std::vector<std::string> EnableWanPcap(const std::string& directory, const std::string& prefix);

    /// \return gw1 as a tunnel end: outer address 172.16.0.1, protecting 10.1.0.0/24.
    IpsecTunnelEnd End1() const;

    /// \return gw2 as a tunnel end: outer address 172.16.0.2, protecting 10.2.0.0/24.
    IpsecTunnelEnd End2() const;

    /// Routes each LAN to the other in clear over the gateway-gateway link (no IPsec).
    void RouteInClear();

  private:
    NodeContainer m_nodes;
    PointToPointHelper m_links;
    NetDeviceContainer m_wan;
    NetDeviceContainer m_lan; //!< the gateways' access link devices
    Ipv4InterfaceContainer m_lanA;
    Ipv4InterfaceContainer m_wanIf;
    Ipv4InterfaceContainer m_lanB;
};

} // namespace ns3

#endif // GATEWAY_PAIR_TOPOLOGY_H
