/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "delay-statistics.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

namespace
{

/// \returns the bin edges in nanoseconds: 0, then 1-2-5 steps from 1 us to 1e9 us
std::vector<int64_t>
MakeEdgesNs()
{
    std::vector<int64_t> edges{0};
    for (int64_t decade = 1000; decade < 1000000000000LL; decade *= 10)
    {
        edges.push_back(decade);
        edges.push_back(2 * decade);
        edges.push_back(5 * decade);
    }
    edges.push_back(1000000000000LL); // 1e9 us = 1,000 s
    return edges;
}

/// \returns the bin edges in nanoseconds (built once)
const std::vector<int64_t>&
EdgesNs()
{
    static const std::vector<int64_t> edges = MakeEdgesNs();
    return edges;
}

} // namespace

void
DelayStatistics::Add(Time delay)
{
    m_delaysNs.push_back(delay.GetNanoSeconds());
}

size_t
DelayStatistics::Count() const
{
    return m_delaysNs.size();
}

const std::vector<double>&
DelayStatistics::BinEdgesMicroseconds()
{
    static const std::vector<double> edges = []()
    {
        std::vector<double> us;
        for (int64_t ns : EdgesNs())
        {
            us.push_back(ns / 1000.0);
        }
        return us;
    }();
    return edges;
}

nlohmann::json
DelayStatistics::ToJson() const
{
    const std::vector<int64_t>& edges = EdgesNs();
    std::vector<uint64_t> counts(edges.size() - 1, 0);
    uint64_t overflow = 0;
    for (int64_t d : m_delaysNs)
    {
        // The bin whose lower edge is the last one at or below d (the first for negatives).
        auto above = std::upper_bound(edges.begin(), edges.end(), d);
        if (above == edges.end())
        {
            overflow++;
        }
        else
        {
            counts[std::max<ptrdiff_t>(above - edges.begin(), 1) - 1]++;
        }
    }
    nlohmann::json histogram
        = {{"bin_edges_us", BinEdgesMicroseconds()}, {"counts", counts}, {"overflow", overflow}};
    if (m_delaysNs.empty())
    {
        return {{"count", 0},
                {"mean_us", 0.0},
                {"min_us", 0.0},
                {"p50_us", 0.0},
                {"p90_us", 0.0},
                {"p99_us", 0.0},
                {"p99_9_us", 0.0},
                {"max_us", 0.0},
                {"histogram", histogram}};
    }
    std::vector<int64_t> sorted = m_delaysNs;
    std::sort(sorted.begin(), sorted.end());
    long double sum = 0;
    for (auto d : sorted)
    {
        sum += d;
    }
    // Nearest-rank percentiles: deterministic and exact on integers (the smallest delay that
    // at least a fraction q of the delays do not exceed).
    auto percentile = [&sorted](double q)
    {
        size_t rank = static_cast<size_t>(std::ceil(q * sorted.size() - 1e-9));
        return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1] / 1000.0;
    };
    return {{"count", sorted.size()},
            {"mean_us", static_cast<double>(sum / sorted.size()) / 1000.0},
            {"min_us", sorted.front() / 1000.0},
            {"p50_us", percentile(0.50)},
            {"p90_us", percentile(0.90)},
            {"p99_us", percentile(0.99)},
            {"p99_9_us", percentile(0.999)},
            {"max_us", sorted.back() / 1000.0},
            {"histogram", histogram}};
}

} // namespace ns3
