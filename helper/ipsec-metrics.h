/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_METRICS_H
#define IPSEC_METRICS_H

#include "ns3/ipsec-data-plane.h"
#include "ns3/nstime.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Builds and writes the parts of metrics.json that every example shares (the schema is
 * in doc/ipsec.rst): run identity, data-plane counters, per-SA counters.
 */
class IpsecMetrics
{
  public:
    static constexpr int SCHEMA_VERSION = 1; //!< bump when a field changes meaning or goes

    /// \return {"seed": ..., "run": ..., "ns3_version": "3.37"}.
    static nlohmann::json RunInfo();

    /// \return counters of \p plane: ESP sent/received, drops by reason, and each SA.
    static nlohmann::json DataPlane(Ptr<IpsecDataPlane> plane);

    /// Creates \p directory (and parents); throws std::runtime_error naming it if it cannot.
    static void PrepareDirectory(const std::string& directory);

    /// Writes \p document to \p path, indented, with a final newline; throws on failure.
    static void Write(const nlohmann::json& document, const std::string& path);
};

/**
 * \ingroup ipsec
 * \brief Collects one-way delays and summarises them (mean and percentiles) for metrics.json.
 */
class DelayStatistics
{
  public:
    void Add(Time delay);
    size_t Count() const;
    /// \return {"count", "mean_us", "p50_us", "p99_us", "max_us"} (zeros when empty).
    nlohmann::json ToJson() const;

  private:
    std::vector<int64_t> m_delaysNs;
};

} // namespace ns3

#endif // IPSEC_METRICS_H
