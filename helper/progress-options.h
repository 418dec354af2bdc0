/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_PROGRESS_OPTIONS_H
#define IPSEC_PROGRESS_OPTIONS_H

#include "ns3/command-line.h"

#include <ostream>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief How an example talks while it runs, as command-line options: --progress (wall-clock
 * seconds between ns-3 ShowProgress lines on stderr: simulated time, speed against real time,
 * events per interval; 0 for none) and --quiet (no progress and no summary on stdout, for
 * sweeps and scripts; errors still go to stderr). Every example offers them the same way.
 */
struct ProgressOptions
{
    /// Adds --progress and --quiet to \p cmd, with the current values as defaults.
    void AddTo(CommandLine& cmd);
    /// Throws std::invalid_argument naming --progress if it is negative or not a number.
    void Validate() const;
    /// Runs the simulator to its end, with ShowProgress on stderr unless quiet or --progress=0.
    void RunSimulation() const;
    /// \return std::cout, or a stream that discards everything when quiet.
    std::ostream& Report() const;

    double interval{5.0}; //!< wall-clock seconds between progress lines; 0 for none
    bool quiet{false};    //!< no progress, no summary
};

} // namespace ns3

#endif // IPSEC_PROGRESS_OPTIONS_H
