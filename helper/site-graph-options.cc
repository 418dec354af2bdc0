/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "site-graph-options.h"

#include "network-graph-generator.h"
#include "network-graph-reader.h"
#include "option-checks.h"
#include "site-graph-topology.h"

#include <stdexcept>

namespace ns3
{

void
SiteGraphOptions::AddTo(CommandLine& cmd)
{
    cmd.AddValue("topology",
                 "generated topology: hub-spoke, mesh, erdos-renyi, small-world or plod",
                 topology);
    cmd.AddValue("graph",
                 "read the topology from this file instead (.graphml/.xml or .dot/.gv; node "
                 "attributes role, cores, name; link attributes rate, delay)",
                 graph);
    cmd.AddValue("sites", "sites (gateways) of a generated topology (2 to 65536)", sites);
    cmd.AddValue("probability",
                 "erdos-renyi: probability of each link; small-world: of rewiring one",
                 probability);
    cmd.AddValue("neighbours", "small-world: links of each site on the ring (even)", neighbours);
    cmd.AddValue("alpha", "plod: power-law exponent of the degrees", alpha);
    cmd.AddValue("beta", "plod: scale of the degrees", beta);
    cmd.AddValue("cpus", "cores per gateway of a generated topology (1 to 64)", cpus);
    wan.AddTo(cmd);
}

void
SiteGraphOptions::Validate() const
{
    if (!graph.empty())
    {
        return;
    }
    optioncheck::OneOf(
        "topology", topology, {"hub-spoke", "mesh", "erdos-renyi", "small-world", "plod"});
    optioncheck::InRange("sites", sites, 2, SiteGraphTopology::MAX_SITES);
    optioncheck::InRange("cpus", cpus, 1, 64);
    wan.Validate();
    if (topology == "erdos-renyi" && !(probability > 0 && probability < 1))
    {
        throw std::invalid_argument("--probability=" + std::to_string(probability)
                                    + " is out of range: expected more than 0 and less than 1 "
                                      "for erdos-renyi (1 is --topology=mesh)");
    }
    if (topology == "small-world")
    {
        optioncheck::InRange("probability", probability, 0, 1);
        if (sites < 3 || neighbours < 2 || neighbours % 2 != 0 || neighbours >= sites)
        {
            throw std::invalid_argument("--neighbours=" + std::to_string(neighbours)
                                        + " is not valid: expected an even number from 2 to "
                                          "--sites - 1 (and --sites of 3 or more)");
        }
    }
    if (topology == "plod")
    {
        optioncheck::Positive("alpha", alpha, 100);
        optioncheck::Positive("beta", beta, 1e6);
    }
}

NetworkGraph
SiteGraphOptions::Make(uint32_t& joins) const
{
    joins = 0;
    if (!graph.empty())
    {
        return NetworkGraphReader::Read(graph);
    }
    NetworkGraphGenerator generator;
    generator.SetCores(cpus);
    generator.SetLink(wan.rate, wan.delay);
    generator.AssignStreams(10);
    NetworkGraph made;
    if (topology == "hub-spoke")
    {
        made = generator.HubSpoke(sites);
    }
    else if (topology == "mesh")
    {
        made = generator.FullMesh(sites);
    }
    else if (topology == "erdos-renyi")
    {
        made = generator.ErdosRenyi(sites, probability);
    }
    else if (topology == "small-world")
    {
        made = generator.SmallWorld(sites, neighbours, probability);
    }
    else
    {
        made = generator.Plod(sites, alpha, beta);
    }
    joins = generator.GetJoinLinkCount();
    return made;
}

std::string
SiteGraphOptions::Source() const
{
    return graph.empty() ? topology : graph;
}

void
SiteGraphOptions::AddParameters(nlohmann::json& parameters) const
{
    parameters["topology"] = graph.empty() ? topology : "file";
    parameters["graph"] = graph;
    parameters["sites"] = sites;
    parameters["probability"] = probability;
    parameters["neighbours"] = neighbours;
    parameters["alpha"] = alpha;
    parameters["beta"] = beta;
    parameters["cpus"] = cpus;
    wan.AddParameters(parameters);
}

} // namespace ns3
