/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_STATS_SAMPLER_H
#define IPSEC_STATS_SAMPLER_H

#include "ns3/cpu-model.h"
#include "ns3/ike-daemon.h"
#include "ns3/ipsec-data-plane.h"
#include "ns3/node.h"
#include "ns3/nstime.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Samples the gateways of a run every interval of simulated time, for the
 * "timeseries" of metrics.json: per gateway, inner goodput out and in, ESP packets, drops by
 * reason, installed Child SAs, IKE exchanges and rekeys, and each core's utilisation and
 * backlog. One time axis ("t_s", the end of each interval) is shared by one array per
 * quantity, so that a figure of a rekey storm or of SAs appearing as flows start needs no
 * trace files.
 *
 * It reads counters only (IpsecDataPlane, CpuCore, IkeStatistics), so it changes nothing in
 * the run: the same seed gives the same series. Per-interval values are differences of
 * cumulative counters, so they add up to the run's totals.
 *
 * \code
 * StatsSampler sampler(Seconds(0.1));
 * sampler.AddGateway("gw1", gw1, daemon1);
 * sampler.Start(stop);   // before Simulator::Run
 * Simulator::Stop(stop);
 * Simulator::Run();
 * sampler.Finish();      // the sample at the stop time itself
 * results["timeseries"] = sampler.ToJson();
 * \endcode
 */
class StatsSampler
{
  public:
    /// \param interval simulated time between samples (positive)
    explicit StatsSampler(Time interval);
    StatsSampler(const StatsSampler&) = delete;
    StatsSampler& operator=(const StatsSampler&) = delete;

    /**
     * \brief Watches a gateway; call before Start.
     * \param name its name in metrics.json (e.g. "gw1", "hub")
     * \param gateway a node with an IpsecDataPlane (and, if it has one, a CpuModel)
     * \param daemon its IKE daemon, or nullptr for statically keyed tunnels
     */
    void AddGateway(const std::string& name, Ptr<Node> gateway, Ptr<IkeDaemon> daemon = nullptr);

    /**
     * \brief Schedules a sample at every multiple of the interval up to \p stop (those before
     * it; Finish takes the one at \p stop). Call before Simulator::Run, at time 0.
     * \param stop the time the simulation stops
     */
    void Start(Time stop);

    /// Takes the sample at the stop time if it is a multiple of the interval; call after
    /// Simulator::Run returned, before Simulator::Destroy.
    void Finish();

    /// \returns the number of samples taken
    size_t GetSampleCount() const;

    /**
     * \returns {"interval_s", "t_s": [...], "gateways": {name: {"goodput_out_bps",
     * "goodput_in_bps", "esp_sent_packets", "esp_received_packets", "drops_packets": {reason:
     * [...]} (reasons that occurred), "child_sas_installed", and with a daemon "ike_exchanges",
     * "child_sa_rekeys", "ike_sa_rekeys", and with CPUs "core_utilization" and
     * "core_backlog_jobs" (one array per core)}}}
     */
    nlohmann::json ToJson() const;

  private:
    static constexpr size_t REASONS = static_cast<size_t>(IpsecDropReason::COUNT);

    /// The cumulative counters of a gateway at one instant.
    struct Counters
    {
        uint64_t espSent{0};
        uint64_t espReceived{0};
        uint64_t sentInnerBytes{0};
        uint64_t receivedInnerBytes{0};
        std::array<uint64_t, REASONS> drops{};
        uint64_t exchanges{0};
        uint64_t childRekeys{0};
        uint64_t ikeRekeys{0};
        std::vector<Time> busy; //!< per core
    };

    /// One gateway: what is watched, the last counters and the series.
    struct Gateway
    {
        std::string name;
        Ptr<IpsecDataPlane> plane;
        Ptr<CpuModel> cpu;
        Ptr<IkeDaemon> daemon;
        Counters last;
        std::vector<double> goodputOutBps;
        std::vector<double> goodputInBps;
        std::vector<uint64_t> espSent;
        std::vector<uint64_t> espReceived;
        std::array<std::vector<uint64_t>, REASONS> drops;
        std::vector<uint64_t> childSas;
        std::vector<uint64_t> exchanges;
        std::vector<uint64_t> childRekeys;
        std::vector<uint64_t> ikeRekeys;
        std::vector<std::vector<double>> utilization; //!< per core
        std::vector<std::vector<uint32_t>> backlog;   //!< per core
    };

    /// \returns the counters of \p gateway now
    static Counters Read(const Gateway& gateway);
    /// Appends one value per quantity to every gateway's series.
    void Sample();

    Time m_interval;                 //!< between samples
    uint64_t m_expected{0};          //!< samples up to the stop time
    std::vector<Gateway> m_gateways; //!< in the order added
    std::vector<double> m_times;     //!< end of each sampled interval, seconds
};

} // namespace ns3

#endif // IPSEC_STATS_SAMPLER_H
