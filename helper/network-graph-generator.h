/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_NETWORK_GRAPH_GENERATOR_H
#define IPSEC_NETWORK_GRAPH_GENERATOR_H

#include "network-graph.h"

#include "ns3/random-variable-stream.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Generates NetworkGraphs of gateways ("site0", "site1", ...) of many sizes and one
 * shape, for studies: hub-and-spoke, full mesh, and Boost.Graph's random graphs (Erdős–Rényi
 * G(n, p), Watts–Strogatz small world, power-law PLOD). The random ones draw from an ns-3
 * random stream (it drives the Boost generators as their random engine), so that --RngRun
 * gives another graph and the same run the same graph.
 *
 * Random graphs are made connected, as a VPN of sites on one underlay needs: after
 * generation (self-loops and repeated edges dropped), each connected component but the first
 * is joined by one extra link between a random node of it and a random node of the
 * components before it; GetJoinLinkCount() says how many were added. Every node gets the same
 * cores and every link the same rate and delay.
 */
class NetworkGraphGenerator
{
  public:
    NetworkGraphGenerator();

    /// \param cores the cores of every gateway
    void SetCores(uint32_t cores);
    /// \param rate every link's rate (ns-3 data rate) \param delay every link's delay
    void SetLink(const std::string& rate, const std::string& delay);
    /// Fixes the random stream; \returns the number of streams used (1).
    int64_t AssignStreams(int64_t stream);

    /// \returns site0 linked to each of sites 1 .. \p sites - 1 (\p sites >= 2)
    NetworkGraph HubSpoke(uint32_t sites);
    /// \returns every pair of \p sites linked (\p sites >= 2)
    NetworkGraph FullMesh(uint32_t sites);
    /// \returns G(\p sites, \p probability): each pair linked with that probability (0 to 1,
    /// both excluded; boost::sorted_erdos_renyi_iterator), then joined
    NetworkGraph ErdosRenyi(uint32_t sites, double probability);
    /// \returns a ring where each site links to its \p neighbours nearest (even, 2 to sites - 1),
    /// each link rewired with \p probability (boost::small_world_iterator), then joined
    NetworkGraph SmallWorld(uint32_t sites, uint32_t neighbours, double probability);
    /// \returns a power-law graph: site degrees drawn as \p beta x^-\p alpha
    /// (boost::plod_iterator), then joined
    NetworkGraph Plod(uint32_t sites, double alpha, double beta);

    /// \returns the links the last random graph needed to be connected
    uint32_t GetJoinLinkCount() const;

  private:
    /// \returns \p sites gateways linked by \p pairs (self-loops and repeats dropped), made
    /// connected by join links
    NetworkGraph Build(uint32_t sites, const std::vector<std::pair<uint32_t, uint32_t>>& pairs);

    uint32_t m_cores{2};                  //!< cores per gateway
    NetworkLink m_link{"100Mbps", "5ms"}; //!< every link
    Ptr<UniformRandomVariable> m_random;  //!< drives the Boost generators and the joins
    uint32_t m_joins{0};                  //!< links added by the last Build
};

} // namespace ns3

#endif // IPSEC_NETWORK_GRAPH_GENERATOR_H
