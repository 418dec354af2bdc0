/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "site-partition.h"

#include <deque>
#include <stdexcept>
#include <string>

namespace ns3
{

std::vector<uint32_t>
SitePartition::Assign(const NetworkGraph& graph, uint32_t systems)
{
    std::vector<uint32_t> gateways = graph.NodesWith(NetworkRole::GATEWAY);
    if (systems == 0 || systems > gateways.size())
    {
        throw std::invalid_argument(std::to_string(systems) + " processes for "
                                    + std::to_string(gateways.size())
                                    + " sites: expected 1 to one process per site");
    }
    const uint32_t unassigned = UINT32_MAX;
    std::vector<uint32_t> system(graph.GetNodeCount(), unassigned);
    // A breadth-first search from all gateways at once, in site order, so that each other node
    // joins the first gateway that reaches it: hosts their own gateway, routers the nearest.
    std::deque<uint32_t> queue;
    for (uint64_t k = 0; k < gateways.size(); ++k)
    {
        system[gateways[k]] = static_cast<uint32_t>(k * systems / gateways.size());
        queue.push_back(gateways[k]);
    }
    while (!queue.empty())
    {
        uint32_t v = queue.front();
        queue.pop_front();
        for (uint32_t e : graph.GetLinksOf(v))
        {
            auto [a, b] = graph.GetEnds(e);
            uint32_t u = a == v ? b : a;
            if (system[u] == unassigned)
            {
                system[u] = system[v];
                queue.push_back(u);
            }
        }
    }
    for (uint32_t v = 0; v < graph.GetNodeCount(); ++v)
    {
        if (system[v] == unassigned)
        {
            throw std::invalid_argument("node '" + graph.GetNode(v).name
                                        + "' reaches no gateway: expected a connected topology");
        }
    }
    return system;
}

} // namespace ns3
