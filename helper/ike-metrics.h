/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_METRICS_H
#define IKE_METRICS_H

#include "ns3/ike-daemon.h"
#include "ns3/ike-statistics.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Builds the "ike" part of metrics.json (doc/ipsec.rst, doc/metrics.schema.json) from
 * the counters of IKE daemons (IkeDaemon::GetStatistics): per daemon and summed over all of
 * them; setup latencies as DelayStatistics distributions.
 *
 * Every IKE example calls Ike() with its daemons by name. The output holds only simulated
 * quantities (counts, simulated seconds), so the same seed gives the same JSON.
 */
class IkeMetrics
{
  public:
    /// \param statistics the counters of one daemon (or a sum) \return their JSON object
    static nlohmann::json Statistics(const IkeStatistics& statistics);

    /// \param daemon a daemon \return Statistics() of its counters, plus its connection count
    static nlohmann::json Daemon(Ptr<const IkeDaemon> daemon);

    /**
     * \param total counters to add to (maps merged by key, latencies appended)
     * \param part the counters of one daemon
     */
    static void Accumulate(IkeStatistics& total, const IkeStatistics& part);

    /**
     * \param daemons the daemons of a run, by name (e.g. "gw1", "hub", "spoke17")
     * \return {"daemons": {name: Daemon()}, "total": Statistics(sum of all)}; with
     *         \p perDaemon false only "total" (for runs with thousands of daemons)
     */
    static nlohmann::json Ike(const std::map<std::string, Ptr<IkeDaemon>>& daemons,
                              bool perDaemon = true);

    /**
     * \param total the counters of all daemons (Accumulate)
     * \param connections their connections \param daemons how many daemons
     * \return Ike()'s "total" object; for results assembled from several processes
     */
    static nlohmann::json Total(const IkeStatistics& total, uint64_t connections, uint64_t daemons);

    /**
     * \param statistics counters
     * \return them losslessly as JSON (every field, latencies one by one), to carry them to
     *         another process of a distributed run; CountersFrom() reads them back
     */
    static nlohmann::json Counters(const IkeStatistics& statistics);

    /// \param counters Counters() output \return the counters
    static IkeStatistics CountersFrom(const nlohmann::json& counters);
};

} // namespace ns3

#endif // IKE_METRICS_H
