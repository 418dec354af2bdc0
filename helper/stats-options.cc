/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "stats-options.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ns3
{

void
StatsOptions::AddTo(CommandLine& cmd)
{
    cmd.AddValue("statsInterval",
                 "simulated seconds between the samples of metrics.json's timeseries (per "
                 "gateway goodput, ESP packets and drops, Child SAs, IKE exchanges, cores); "
                 "0 for none",
                 interval);
}

void
StatsOptions::Validate(Time runLength) const
{
    std::ostringstream message;
    message << "--statsInterval=" << interval << " is not valid: expected ";
    if (!(interval >= 0) || !std::isfinite(interval))
    {
        message << "simulated seconds, 0 (none) or more";
        throw std::invalid_argument(message.str());
    }
    if (interval == 0)
    {
        return;
    }
    double run = runLength.GetSeconds();
    if (interval > run)
    {
        message << "at most the run's " << run << " simulated seconds";
        throw std::invalid_argument(message.str());
    }
    if (run / interval > MAX_SAMPLES)
    {
        message << "at least " << run / MAX_SAMPLES << " s (at most " << MAX_SAMPLES
                << " samples in " << run << " s)";
        throw std::invalid_argument(message.str());
    }
    if (Seconds(interval).GetTimeStep() <= 0)
    {
        message << "at least the simulator's resolution";
        throw std::invalid_argument(message.str());
    }
}

void
StatsOptions::AddParameters(nlohmann::json& parameters) const
{
    parameters["stats_interval_s"] = interval;
}

std::unique_ptr<StatsSampler>
StatsOptions::MakeSampler() const
{
    if (interval == 0)
    {
        return nullptr;
    }
    return std::make_unique<StatsSampler>(Seconds(interval));
}

} // namespace ns3
