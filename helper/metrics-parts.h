/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_METRICS_PARTS_H
#define IPSEC_METRICS_PARTS_H

#include <nlohmann/json.hpp>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Joins the parts of a distributed run's results: each process reports only what its
 * own nodes counted, and the parts are disjoint, so the whole is their union. A value present
 * in two parts is a bug (two processes speaking for one node), not something to add up.
 */
class MetricsParts
{
  public:
    /**
     * Adds \p part to \p whole: objects are joined key by key, recursively; every other value
     * (number, string, boolean, array) must be in one part only; null in \p whole is absent.
     * \throws std::invalid_argument naming the JSON pointer of a value in both
     */
    static void Merge(nlohmann::json& whole, const nlohmann::json& part);
};

} // namespace ns3

#endif // IPSEC_METRICS_PARTS_H
