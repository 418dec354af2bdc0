/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SWEEP_RUNNER_H
#define IPSEC_SWEEP_RUNNER_H

#include "sweep-plan.h"

#include <cstddef>
#include <string>
#include <vector>

namespace ns3
{
namespace sweep
{

/// \brief What a sweep invocation did.
struct RunnerCounts
{
    size_t total{0};         //!< runs asked for
    size_t resumed{0};       //!< found done (run.json ok, same command) and not run again
    size_t ran{0};           //!< run now
    size_t failed{0};        //!< of those run now, failed
    bool interrupted{false}; //!< SIGINT/SIGTERM: runs cut short have no run.json
};

/**
 * \brief Runs a plan's runs as separate processes, at most \p jobs at once, each in its own
 * folder DIR/runs/<id>/ with stdout.txt, stderr.txt, the program's outputs and run.json (command,
 * parameters, RngRun, exit status, wall time, peak memory, stderr tail on failure). A run whose
 * run.json says ok for the same command is not run again, so a second invocation after a crash
 * or kill -9 runs only what is missing or failed.
 */
class SweepRunner
{
  public:
    SweepRunner(const SweepPlan& plan, const std::string& directory);

    /**
     * \param which indices into the plan's runs
     * \param jobs processes at once (at least 1)
     * \param progress write the progress line on stderr
     */
    RunnerCounts Run(const std::vector<size_t>& which, unsigned jobs, bool progress);

    /// \return true if run \p run has a run.json with status ok and the planned command.
    bool IsDone(const PlannedRun& run) const;

  private:
    struct Running;

    /// Empties the run's folder and starts the program there.
    Running Start(const PlannedRun& run) const;
    /// Writes run.json for a run that ended; \return true if it failed.
    bool Finish(const Running& running, int status, long peakRssKb) const;

    const SweepPlan& m_plan;
    std::string m_directory;
};

} // namespace sweep
} // namespace ns3

#endif // IPSEC_SWEEP_RUNNER_H
