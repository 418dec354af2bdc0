/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_STATS_OPTIONS_H
#define IPSEC_STATS_OPTIONS_H

#include "stats-sampler.h"

#include "ns3/command-line.h"
#include "ns3/nstime.h"

#include <nlohmann/json.hpp>

#include <memory>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The examples' --statsInterval option: simulated seconds between the samples of
 * metrics.json's "timeseries" (StatsSampler); 0, the default, for none, so that documents stay
 * small unless a study asks for series.
 */
struct StatsOptions
{
    /// Adds --statsInterval to \p cmd, with the current value as default.
    void AddTo(CommandLine& cmd);
    /**
     * \brief Throws std::invalid_argument naming --statsInterval if it is negative, longer
     * than \p runLength, or would give more than MAX_SAMPLES samples.
     * \param runLength the simulated time of the run
     */
    void Validate(Time runLength) const;
    /// Adds "stats_interval_s" to \p parameters.
    void AddParameters(nlohmann::json& parameters) const;
    /// \returns a sampler with this interval, or nullptr when series are off
    std::unique_ptr<StatsSampler> MakeSampler() const;

    static constexpr double MAX_SAMPLES = 100000; //!< per run, to keep metrics.json small

    double interval{0.0}; //!< simulated seconds between samples; 0 for none
};

} // namespace ns3

#endif // IPSEC_STATS_OPTIONS_H
