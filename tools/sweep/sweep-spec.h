/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SWEEP_SPEC_H
#define IPSEC_SWEEP_SPEC_H

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace sweep
{

/**
 * \brief A mistake in what the user gave (spec file, command line, sweep folder): the message
 * names the key or value and what was expected. ipsec-sweep exits with status 2 on it.
 */
class UsageError : public std::runtime_error
{
  public:
    using std::runtime_error::runtime_error;
};

/// One option of the program and its value, as the spec gives it (a JSON scalar).
using OptionValue = std::pair<std::string, nlohmann::ordered_json>;

/// \brief One figure: a metric (y) against a varied option (x), one line per value of another.
struct PlotSpec
{
    std::string name;   //!< file name stem in DIR/figures/
    std::string x;      //!< varied option on the x axis
    std::string y;      //!< metric (one of the spec's metrics)
    std::string series; //!< varied option, one line per value ("" for one line)
    std::string title;
    std::string xlabel;
    std::string ylabel;
    double yscale{1.0};             //!< multiplies y (1e-9 for b/s shown as Gb/s)
    bool logx{false};               //!< logarithmic x axis (base 2)
    bool logy{false};               //!< logarithmic y axis
    std::vector<OptionValue> where; //!< other varied options held at one value
};

/**
 * \brief A study as the user writes it (doc/sweeps.rst): the program, fixed options, a grid
 * and/or explicit points, replications, metrics by JSON path, figures.
 */
struct SweepSpec
{
    std::string name;
    std::string description;
    std::string program; //!< example name (build/examples/) or path to an executable
    std::vector<OptionValue> fixed;
    /// Grid dimensions in the file's order; the cartesian product is taken, last varying fastest.
    std::vector<std::pair<std::string, std::vector<nlohmann::ordered_json>>> grid;
    std::vector<std::vector<OptionValue>> points; //!< explicit points, after the grid's
    uint32_t replications{1};
    uint32_t rngSeed{1};     //!< --RngSeed of every run
    uint32_t rngRunFirst{1}; //!< --RngRun of replication 1; replication k uses first + k - 1
    std::vector<std::string> metrics;   //!< dotted JSON paths into the output document
    std::string output{"metrics.json"}; //!< the document each run writes, in its folder
    double timeoutSeconds{0};           //!< 0: no limit
    std::vector<PlotSpec> plots;

    /**
     * Reads and checks a spec's JSON text (not yet against the program: see ProgramOptions).
     * \param text the file's contents
     * \param origin the file's name, for messages
     * \throw UsageError naming the key, the value and what was expected; malformed JSON names
     * the line and column
     */
    static SweepSpec Parse(const std::string& text, const std::string& origin);
    /// Reads the file at \p path and parses it (UsageError if it cannot be read).
    static SweepSpec Load(const std::string& path);

    /// The options that change between points, in grid order, then the points' own keys.
    std::vector<std::string> VariedOptions() const;

    /// The spec back as JSON (what Parse reads), for the sweep folder.
    nlohmann::ordered_json ToJson() const;
};

/// \return \p value as the program's command line wants it (true, 0.02, per-cpu).
std::string OptionText(const nlohmann::ordered_json& value);

/**
 * Replaces each {option} in a metric path by the run's value of that option, so that one metric
 * follows outputs keyed by a varied option ("results.runs.{rekeyPolicy}.traffic.lost_packets").
 * \throw UsageError if an option in braces is not among \p parameters
 */
std::string ExpandPath(const std::string& path, const std::vector<OptionValue>& parameters);

/**
 * Looks up a dotted path ("results.goodput_bps", "results.gateways.gw1.cores.0.jobs") in
 * \p document; \return nullptr if a step is missing.
 */
const nlohmann::json* FindPath(const nlohmann::json& document, const std::string& path);

} // namespace sweep
} // namespace ns3

#endif // IPSEC_SWEEP_SPEC_H
