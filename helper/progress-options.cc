/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "progress-options.h"

#include "ns3/show-progress.h"
#include "ns3/simulator.h"

#include <cmath>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace ns3
{

void
ProgressOptions::AddTo(CommandLine& cmd)
{
    cmd.AddValue("progress",
                 "wall-clock seconds between progress lines on stderr (simulated time, speed, "
                 "events); 0 for none",
                 interval);
    cmd.AddValue("quiet", "print nothing but errors (no progress, no summary)", quiet);
}

void
ProgressOptions::Validate() const
{
    if (!(interval >= 0) || !std::isfinite(interval))
    {
        std::ostringstream message;
        message << "--progress=" << interval
                << " is not valid: expected wall-clock seconds, 0 or more";
        throw std::invalid_argument(message.str());
    }
}

void
ProgressOptions::RunSimulation() const
{
    // ShowProgress cancels its event when destroyed: it must go before Simulator::Destroy.
    std::unique_ptr<ShowProgress> progress;
    if (!quiet && interval > 0)
    {
        progress = std::make_unique<ShowProgress>(Seconds(interval), std::cerr);
    }
    Simulator::Run();
}

std::ostream&
ProgressOptions::Report() const
{
    static std::ostream discard(nullptr);
    return quiet ? discard : std::cout;
}

} // namespace ns3
