/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SITE_GRAPH_OPTIONS_H
#define IPSEC_SITE_GRAPH_OPTIONS_H

#include "link-options.h"
#include "network-graph.h"

#include "ns3/command-line.h"

#include <nlohmann/json.hpp>

#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The topology options of the VPN-site examples (vpn-mesh, vpn-mesh-distributed): a
 * generated topology (--topology, --sites and the generator's shape options, --cpus, the WAN
 * links) or a file (--graph), checked with optioncheck and echoed into metrics.json, so that
 * both examples offer and describe their topologies the same way.
 */
struct SiteGraphOptions
{
    /// Adds the options to \p cmd, with the current values as defaults.
    void AddTo(CommandLine& cmd);
    /// Throws std::invalid_argument naming the option of a generated topology that does not
    /// fit (a file is checked when it is read).
    void Validate() const;
    /**
     * \param joins set to the links the generator added to join its components
     * \returns the topology asked for: the file's, or a generated one
     */
    NetworkGraph Make(uint32_t& joins) const;
    /// \returns the generator's name, or the file's path
    std::string Source() const;
    /// Adds topology, graph, sites, probability, neighbours, alpha, beta, cpus, wan_rate and
    /// wan_delay to \p parameters.
    void AddParameters(nlohmann::json& parameters) const;

    std::string topology{"erdos-renyi"}; //!< generator
    std::string graph;                   //!< a file; overrides topology
    uint32_t sites{8};                   //!< sites of a generated topology
    double probability{0.3};             //!< Erdős–Rényi link, small-world rewiring
    uint32_t neighbours{4};              //!< small world
    double alpha{2.0};                   //!< PLOD
    double beta{8.0};                    //!< PLOD
    uint32_t cpus{2};                    //!< cores per gateway of a generated topology
    LinkOptions wan{
        "wan", "links between gateways and routers (generated topologies)", "100Mbps", "5ms"};
};

} // namespace ns3

#endif // IPSEC_SITE_GRAPH_OPTIONS_H
