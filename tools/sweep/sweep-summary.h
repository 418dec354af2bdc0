/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SWEEP_SUMMARY_H
#define IPSEC_SWEEP_SUMMARY_H

#include "sweep-plan.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace sweep
{

/// \brief One metric at one point over its successful replications.
struct MetricSummary
{
    size_t n{0};       //!< runs that gave a number
    size_t missing{0}; //!< successful runs whose output lacks the metric (or not a number)
    double mean{0};
    double sd{0};   //!< sample standard deviation (n - 1); 0 for n = 1
    double ci95{0}; //!< half-width: t(0.975, n - 1) * sd / sqrt(n); undefined for n < 2
    double min{0};
    double max{0};
};

/// \brief One grid point: how its runs went and its metrics.
struct PointSummary
{
    size_t runs{0}; //!< planned replications
    size_t ok{0};
    size_t failed{0};
    size_t notRun{0};                    //!< no run.json yet
    std::vector<std::string> failedRuns; //!< ids, so that a user finds their run.json
    std::vector<MetricSummary> metrics;  //!< in the spec's metrics order
};

/**
 * \brief The aggregate of a sweep folder: per point, for every metric, n, mean, standard
 * deviation and the 95 % confidence half-width (Student t, n - 1 degrees of freedom), plus
 * failed and missing run counts. Failed runs are counted, never averaged in. Written as
 * DIR/summary.json and DIR/summary.csv, byte-identical for the same run outputs.
 */
class SweepSummary
{
  public:
    /// Reads every run.json and output document of \p directory.
    static SweepSummary Compute(const SweepPlan& plan, const std::string& directory);

    /// \return the 0.975 quantile of Student's t with \p degreesOfFreedom (>= 1).
    static double StudentT975(unsigned degreesOfFreedom);

    nlohmann::ordered_json ToJson() const;
    std::string ToCsv() const;
    /// Writes summary.json and summary.csv into \p directory.
    void Write(const std::string& directory) const;

    /// \return the index of \p metric in the spec's metrics, or -1.
    int MetricIndex(const std::string& metric) const;

    const SweepPlan& Plan() const;
    const std::vector<PointSummary>& Points() const;
    size_t Failed() const; //!< failed runs in all
    size_t NotRun() const; //!< runs without run.json

  private:
    /// \return the sum of one count over the points.
    size_t Total(size_t PointSummary::*count) const;

    const SweepPlan* m_plan{nullptr};
    std::vector<PointSummary> m_points;
};

/// \return \p value as JSON writes a number (shortest form that reads back the same).
std::string NumberText(double value);

} // namespace sweep
} // namespace ns3

#endif // IPSEC_SWEEP_SUMMARY_H
