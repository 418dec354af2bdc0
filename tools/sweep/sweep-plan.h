/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SWEEP_PLAN_H
#define IPSEC_SWEEP_PLAN_H

#include "sweep-spec.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ns3
{
namespace sweep
{

/// \brief One grid point: the values of the varied options, and its folder-safe name.
struct SweepPoint
{
    std::string name;                //!< "cpus-4_saMode-per-cpu"
    std::vector<OptionValue> varied; //!< in SweepSpec::VariedOptions order (missing ones left out)
};

/// \brief One run: a point, a replication, its RngRun, and the exact command line.
struct PlannedRun
{
    std::string id;          //!< "<point>-r<k>", also its folder name under runs/
    size_t point{0};         //!< index into SweepPlan::points
    uint32_t replication{1}; //!< 1-based
    uint32_t rngRun{1};
    std::vector<std::string> argv; //!< program path first; run in the run's own folder
};

/**
 * \brief A spec expanded into its runs, as stored in DIR/sweep.json: what `run`, `exec`,
 * `jobs`, `slurm`, `aggregate` and `plot` all read, so that every path runs the same commands.
 * Replication k of every point uses the same RngRun (common random numbers), so points are
 * compared on the same random streams.
 */
struct SweepPlan
{
    SweepSpec spec;
    std::string programPath; //!< absolute
    std::vector<SweepPoint> points;
    std::vector<PlannedRun> runs; //!< point-major, replications in order

    /**
     * \param spec a checked spec
     * \param programPath the program's absolute path
     * \param hasOutputDir whether the program takes --outputDir (then it gets "." there)
     */
    static SweepPlan Make(const SweepSpec& spec, const std::string& programPath, bool hasOutputDir);

    /// The plan as DIR/sweep.json holds it.
    nlohmann::ordered_json ToJson() const;
    /// Reads DIR/sweep.json (UsageError if \p directory holds no sweep).
    static SweepPlan Load(const std::string& directory);
    /// Writes DIR/sweep.json (atomically).
    void Save(const std::string& directory) const;

    /// \return the run with this id (UsageError if there is none).
    const PlannedRun& FindRun(const std::string& id) const;
};

/// Writes \p text to \p path through a temporary file and a rename, so readers see all or none.
void WriteFileAtomically(const std::string& path, const std::string& text);

/// \return the folder of run \p run in sweep folder \p directory.
std::string RunDirectory(const std::string& directory, const PlannedRun& run);

} // namespace sweep
} // namespace ns3

#endif // IPSEC_SWEEP_PLAN_H
