/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_DELAY_STATISTICS_H
#define IPSEC_DELAY_STATISTICS_H

#include "ns3/nstime.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The distribution of a set of delays (per-packet latency, IKE SA and Child SA setup
 * latency) for metrics.json: count, mean, exact percentiles and a histogram on fixed
 * log-spaced bins, so that a tail that a mean hides shows, and runs can be compared bin by bin.
 *
 * Every delay is kept (8 bytes each) so that the percentiles are exact and deterministic.
 */
class DelayStatistics
{
  public:
    /// \param delay a delay (negative ones are counted in the first bin)
    void Add(Time delay);
    /// \returns the delays added
    size_t Count() const;

    /**
     * \returns the histogram's bin edges in microseconds, the same for every run: 0, then
     * 1, 2, 5, 10, 20, 50, ... up to 1e9 (1,000 s); bin i counts delays in [edge i, edge i+1)
     */
    static const std::vector<double>& BinEdgesMicroseconds();

    /**
     * \returns {"count", "mean_us", "min_us", "p50_us", "p90_us", "p99_us", "p99_9_us",
     * "max_us", "histogram": {"bin_edges_us", "counts", "overflow"}}; nearest-rank percentiles;
     * zeros (and empty bins) when there is no delay; "overflow" counts delays at or above the
     * last edge
     */
    nlohmann::json ToJson() const;

  private:
    std::vector<int64_t> m_delaysNs; //!< every delay, nanoseconds
};

} // namespace ns3

#endif // IPSEC_DELAY_STATISTICS_H
