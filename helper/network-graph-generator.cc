/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "network-graph-generator.h"

#include "ns3/abort.h"

#include <boost/graph/erdos_renyi_generator.hpp>
#include <boost/graph/plod_generator.hpp>
#include <boost/graph/small_world_generator.hpp>

#include <cmath>
#include <set>

namespace ns3
{

namespace
{

/**
 * \brief A uniform random bit generator (32 bits) drawn from an ns-3 stream, to drive
 * Boost.Graph's generators: their randomness then comes from the run's seed and run number.
 */
class StreamEngine
{
  public:
    using result_type = uint32_t;

    explicit StreamEngine(Ptr<UniformRandomVariable> random)
        : m_random(random)
    {
    }

    static constexpr result_type min()
    {
        return 0;
    }

    static constexpr result_type max()
    {
        return 0xffffffff;
    }

    result_type operator()()
    {
        // [0, 2^32) as a double holds every 32-bit value exactly.
        double x = std::floor(m_random->GetValue(0.0, 4294967296.0));
        return x >= 4294967295.0 ? max() : static_cast<result_type>(x);
    }

  private:
    Ptr<UniformRandomVariable> m_random; //!< the ns-3 stream
};

/// The Boost generators' graph type: only its size and direction matter to them.
using UndirectedGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

/// \returns the pairs from \p first to \p last
template<typename Iterator>
std::vector<std::pair<uint32_t, uint32_t>>
Collect(Iterator first, Iterator last)
{
    std::vector<std::pair<uint32_t, uint32_t>> pairs;
    for (; first != last; ++first)
    {
        pairs.emplace_back(first->first, first->second);
    }
    return pairs;
}

} // namespace

NetworkGraphGenerator::NetworkGraphGenerator()
    : m_random(CreateObject<UniformRandomVariable>())
{
}

void
NetworkGraphGenerator::SetCores(uint32_t cores)
{
    m_cores = cores;
}

void
NetworkGraphGenerator::SetLink(const std::string& rate, const std::string& delay)
{
    m_link = {rate, delay};
}

int64_t
NetworkGraphGenerator::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

uint32_t
NetworkGraphGenerator::GetJoinLinkCount() const
{
    return m_joins;
}

NetworkGraph
NetworkGraphGenerator::HubSpoke(uint32_t sites)
{
    NS_ABORT_MSG_UNLESS(sites >= 2, "a hub and spokes needs 2 sites or more, not " << sites);
    std::vector<std::pair<uint32_t, uint32_t>> pairs;
    for (uint32_t i = 1; i < sites; ++i)
    {
        pairs.emplace_back(0, i);
    }
    return Build(sites, pairs);
}

NetworkGraph
NetworkGraphGenerator::FullMesh(uint32_t sites)
{
    NS_ABORT_MSG_UNLESS(sites >= 2, "a mesh needs 2 sites or more, not " << sites);
    std::vector<std::pair<uint32_t, uint32_t>> pairs;
    for (uint32_t i = 0; i < sites; ++i)
    {
        for (uint32_t j = i + 1; j < sites; ++j)
        {
            pairs.emplace_back(i, j);
        }
    }
    return Build(sites, pairs);
}

NetworkGraph
NetworkGraphGenerator::ErdosRenyi(uint32_t sites, double probability)
{
    NS_ABORT_MSG_UNLESS(sites >= 2, "a graph of sites needs 2 or more, not " << sites);
    // Its geometric skips need 0 < p < 1 (p = 1 is FullMesh).
    NS_ABORT_MSG_UNLESS(probability > 0 && probability < 1,
                        "Erdős–Rényi probability " << probability << ": expected 0 < p < 1");
    StreamEngine engine(m_random);
    using Iterator = boost::sorted_erdos_renyi_iterator<StreamEngine, UndirectedGraph>;
    return Build(sites, Collect(Iterator(engine, sites, probability, false), Iterator()));
}

NetworkGraph
NetworkGraphGenerator::SmallWorld(uint32_t sites, uint32_t neighbours, double probability)
{
    NS_ABORT_MSG_UNLESS(sites >= 3 && neighbours >= 2 && neighbours % 2 == 0 && neighbours < sites,
                        "small world of " << sites << " sites with " << neighbours
                                          << " neighbours: expected an even number from 2 to "
                                             "sites - 1, and 3 sites or more");
    NS_ABORT_MSG_UNLESS(probability >= 0 && probability <= 1,
                        "rewiring probability " << probability << ": expected 0 to 1");
    StreamEngine engine(m_random);
    using Iterator = boost::small_world_iterator<StreamEngine, UndirectedGraph>;
    return Build(sites,
                 Collect(Iterator(engine, sites, neighbours, probability, false), Iterator()));
}

NetworkGraph
NetworkGraphGenerator::Plod(uint32_t sites, double alpha, double beta)
{
    NS_ABORT_MSG_UNLESS(sites >= 2, "a graph of sites needs 2 or more, not " << sites);
    NS_ABORT_MSG_UNLESS(alpha > 0 && beta > 0,
                        "PLOD alpha " << alpha << ", beta " << beta << ": expected both above 0");
    StreamEngine engine(m_random);
    using Iterator = boost::plod_iterator<StreamEngine, UndirectedGraph>;
    return Build(sites, Collect(Iterator(engine, sites, alpha, beta, false), Iterator()));
}

NetworkGraph
NetworkGraphGenerator::Build(uint32_t sites,
                             const std::vector<std::pair<uint32_t, uint32_t>>& pairs)
{
    NetworkGraph graph;
    for (uint32_t i = 0; i < sites; ++i)
    {
        graph.AddNode({"site" + std::to_string(i), NetworkRole::GATEWAY, m_cores});
    }
    std::set<std::pair<uint32_t, uint32_t>> seen;
    for (auto [a, b] : pairs)
    {
        // Lower site first, whatever order the generator gave: files read the same way.
        std::pair<uint32_t, uint32_t> link{std::min(a, b), std::max(a, b)};
        if (a != b && seen.insert(link).second)
        {
            graph.AddLink(link.first, link.second, m_link);
        }
    }
    // Join the components in their order (component 0 holds site0): a random node of each to a
    // random node of those before it, so that the joins do not all meet at one site.
    std::vector<uint32_t> component = graph.Components();
    std::vector<std::vector<uint32_t>> members;
    for (uint32_t v = 0; v < sites; ++v)
    {
        if (component[v] >= members.size())
        {
            members.resize(component[v] + 1);
        }
        members[component[v]].push_back(v);
    }
    m_joins = 0;
    std::vector<uint32_t> joined = members.empty() ? std::vector<uint32_t>() : members[0];
    for (size_t c = 1; c < members.size(); ++c)
    {
        uint32_t from = members[c][m_random->GetInteger(0, members[c].size() - 1)];
        uint32_t to = joined[m_random->GetInteger(0, joined.size() - 1)];
        graph.AddLink(std::min(to, from), std::max(to, from), m_link);
        joined.insert(joined.end(), members[c].begin(), members[c].end());
        m_joins++;
    }
    return graph;
}

} // namespace ns3
