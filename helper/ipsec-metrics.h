/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_METRICS_H
#define IPSEC_METRICS_H

#include "delay-statistics.h"

#include "ns3/ipsec-data-plane.h"
#include "ns3/nstime.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Builds and writes the parts of metrics.json that every example shares (described
 * in doc/ipsec.rst, checked by doc/metrics.schema.json): run identity, data-plane counters,
 * per-SA counters.
 */
class IpsecMetrics
{
  public:
    static constexpr int SCHEMA_VERSION = 1; //!< bump when a field changes meaning or goes

    /// \return {"seed": ..., "run": ..., "ns3_version": "3.37"}.
    static nlohmann::json RunInfo();

    /**
     * \return the document every example writes: schema_version, example, parameters, run
     * (RunInfo), results and outputs, so that the envelope is built in one place.
     */
    static nlohmann::json Document(const std::string& example,
                                   const nlohmann::json& parameters,
                                   const nlohmann::json& results,
                                   const nlohmann::json& outputs);

    /// \return counters of \p plane: ESP sent/received (packets, inner bytes), drops by reason,
    /// and each SA.
    static nlohmann::json DataPlane(Ptr<IpsecDataPlane> plane);

    /// Creates \p directory (and parents); throws std::runtime_error naming it if it cannot.
    static void PrepareDirectory(const std::string& directory);

    /// Writes \p document to \p path, indented, with a final newline; throws on failure.
    static void Write(const nlohmann::json& document, const std::string& path);
};

} // namespace ns3

#endif // IPSEC_METRICS_H
