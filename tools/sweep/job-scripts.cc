/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "job-scripts.h"

#include "process.h"
#include "sweep-runner.h"

#include <sstream>

namespace ns3
{
namespace sweep
{

std::string
JobScripts::CommandLines(const SweepPlan& plan,
                         const std::string& tool,
                         const std::string& directory,
                         bool onlyMissing)
{
    SweepRunner runner(plan, directory);
    std::ostringstream lines;
    for (const auto& run : plan.runs)
    {
        if (onlyMissing && runner.IsDone(run))
        {
            continue;
        }
        lines << ShellCommand({tool, "exec", "--out", directory, "--run", run.id}) << "\n";
    }
    return lines.str();
}

std::string
JobScripts::Slurm(const SweepPlan& plan,
                  const std::string& tool,
                  const std::string& directory,
                  const SlurmSettings& settings)
{
    std::string jobName;
    for (char c : plan.spec.name)
    {
        jobName += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
    }
    std::ostringstream script;
    script << "#!/bin/bash\n"
           << "# Slurm job array of the sweep '" << plan.spec.name << "': " << plan.runs.size()
           << " runs, one array task each.\n"
           << "# Submit with: sbatch " << ShellQuote(directory + "/sweep.sbatch") << "\n"
           << "# then, when the array is done: " << ShellQuote(tool) << " aggregate "
           << ShellQuote(directory) << "\n"
           << "#SBATCH --job-name=ipsec-sweep-" << jobName << "\n"
           << "#SBATCH --array=0-" << plan.runs.size() - 1
           << (settings.maxParallel ? "%" + std::to_string(settings.maxParallel) : "") << "\n"
           << "#SBATCH --ntasks=1\n"
           << "#SBATCH --cpus-per-task=1\n"
           << "#SBATCH --mem=" << settings.memory << "\n"
           << "#SBATCH --time=" << settings.timeLimit << "\n"
           << "#SBATCH --output=" << directory << "/slurm/%A_%a.out\n";
    if (!settings.partition.empty())
    {
        script << "#SBATCH --partition=" << settings.partition << "\n";
    }
    script << "set -eu\n"
           << ": \"${SLURM_ARRAY_TASK_ID:?this script runs as a Slurm array task}\"\n"
           << "exec " << ShellQuote(tool) << " exec --out " << ShellQuote(directory)
           << " --index \"$SLURM_ARRAY_TASK_ID\"\n";
    return script.str();
}

} // namespace sweep
} // namespace ns3
