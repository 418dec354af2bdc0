/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SITE_PARTITION_H
#define IPSEC_SITE_PARTITION_H

#include "network-graph.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Splits the sites of a NetworkGraph over the processes of a distributed run (ns-3's
 * SystemId, the MPI rank): the gateways in contiguous blocks of node order, each host with its
 * gateway (their LAN never crosses processes), each router with its nearest gateway (fewest
 * hops; ties go to the gateway a breadth-first search in site order reaches first). Only underlay
 * links cross processes.
 */
class SitePartition
{
  public:
    /**
     * \param graph a topology whose hosts each hang off one gateway (SiteGraphTopology's)
     * \param systems how many processes (1 or more)
     * \returns the SystemId of each node of \p graph, in node order
     */
    static std::vector<uint32_t> Assign(const NetworkGraph& graph, uint32_t systems);
};

} // namespace ns3

#endif // IPSEC_SITE_PARTITION_H
