/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SWEEP_PLOT_H
#define IPSEC_SWEEP_PLOT_H

#include "sweep-summary.h"

#include <string>
#include <vector>

namespace ns3
{
namespace sweep
{

/**
 * \brief Draws one figure of a sweep with gnuplot: a metric's mean against a varied option,
 * one line per value of another, error bars from the 95 % confidence half-widths, as PNG, SVG
 * and PDF sized for a paper's column. The data (.dat) and the gnuplot script (.gp) stay beside
 * the figures, so that a user can restyle them without running the sweep again.
 */
class SweepPlot
{
  public:
    /**
     * Checks \p plot against \p plan and fills in defaults (name, labels).
     * \throw UsageError naming the key: x or series not a varied option, y not a metric, or
     * points that differ in an option that is neither x, series nor held by 'where'
     */
    static PlotSpec Complete(const PlotSpec& plot, const SweepPlan& plan);

    /**
     * Writes DIR/figures/<name>.{dat,gp,png,svg,pdf}.
     * \return the figure files written
     * \throw std::runtime_error if gnuplot fails or is missing
     */
    static std::vector<std::string> Draw(const PlotSpec& plot,
                                         const SweepSummary& summary,
                                         const std::string& directory);
};

} // namespace sweep
} // namespace ns3

#endif // IPSEC_SWEEP_PLOT_H
