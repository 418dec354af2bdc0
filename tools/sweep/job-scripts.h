/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SWEEP_JOB_SCRIPTS_H
#define IPSEC_SWEEP_JOB_SCRIPTS_H

#include "sweep-plan.h"

#include <string>

namespace ns3
{
namespace sweep
{

/// \brief Settings of the Slurm job array (sbatch directives).
struct SlurmSettings
{
    std::string partition;             //!< --partition, "" for the cluster's default
    std::string timeLimit{"01:00:00"}; //!< --time per array task
    std::string memory{"2G"};          //!< --mem per array task
    unsigned maxParallel{0};           //!< %N throttle of the array, 0 for none
};

/**
 * \brief A sweep's runs for engines other than ours: one self-contained command line per run
 * (for GNU parallel, also across hosts with --sshlogin, given a shared folder), or a Slurm
 * job-array script with one array task per run. Both call `ipsec-sweep exec`, the code path
 * `run` uses, so the run folders come out the same.
 */
class JobScripts
{
  public:
    /**
     * \param tool absolute path of ipsec-sweep
     * \param directory absolute sweep folder
     * \param onlyMissing leave out runs already done
     * \return one line per run
     */
    static std::string CommandLines(const SweepPlan& plan,
                                    const std::string& tool,
                                    const std::string& directory,
                                    bool onlyMissing);

    /// \return the sbatch script: array indices 0..runs-1, each task running one run.
    static std::string Slurm(const SweepPlan& plan,
                             const std::string& tool,
                             const std::string& directory,
                             const SlurmSettings& settings);
};

} // namespace sweep
} // namespace ns3

#endif // IPSEC_SWEEP_JOB_SCRIPTS_H
