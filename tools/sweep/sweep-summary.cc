/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "sweep-summary.h"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace ns3
{
namespace sweep
{

namespace
{

const char* CI_METHOD
    = "95 % confidence half-width of the mean: t(0.975, n-1) * sd / sqrt(n), Student t with n-1 "
      "degrees of freedom, sd the sample standard deviation (n-1); null for n < 2. Failed runs "
      "are counted, not averaged.";

MetricSummary
Summarize(const std::vector<double>& values, size_t missing)
{
    MetricSummary s;
    s.n = values.size();
    s.missing = missing;
    if (values.empty())
    {
        return s;
    }
    double sum = 0;
    for (double v : values)
    {
        sum += v;
    }
    s.mean = sum / s.n;
    double squares = 0;
    for (double v : values)
    {
        squares += (v - s.mean) * (v - s.mean);
    }
    s.sd = s.n > 1 ? std::sqrt(squares / (s.n - 1)) : 0;
    s.ci95 = s.n > 1 ? SweepSummary::StudentT975(s.n - 1) * s.sd / std::sqrt(double(s.n)) : 0;
    s.min = *std::min_element(values.begin(), values.end());
    s.max = *std::max_element(values.begin(), values.end());
    return s;
}

std::string
CsvField(const std::string& text)
{
    if (text.find_first_of(",\"\n") == std::string::npos)
    {
        return text;
    }
    std::string quoted = "\"";
    for (char c : text)
    {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + "\"";
}

} // namespace

std::string
NumberText(double value)
{
    return nlohmann::json(value).dump();
}

double
SweepSummary::StudentT975(unsigned degreesOfFreedom)
{
    boost::math::students_t distribution(degreesOfFreedom);
    return boost::math::quantile(distribution, 0.975);
}

SweepSummary
SweepSummary::Compute(const SweepPlan& plan, const std::string& directory)
{
    SweepSummary summary;
    summary.m_plan = &plan;
    summary.m_points.resize(plan.points.size());
    size_t metrics = plan.spec.metrics.size();
    std::vector<std::vector<std::vector<double>>> values(plan.points.size(),
                                                         std::vector<std::vector<double>>(metrics));
    std::vector<std::vector<size_t>> missing(plan.points.size(), std::vector<size_t>(metrics, 0));
    for (const auto& run : plan.runs)
    {
        PointSummary& point = summary.m_points[run.point];
        ++point.runs;
        std::string folder = RunDirectory(directory, run);
        std::ifstream recordFile(folder + "/run.json");
        nlohmann::json record
            = recordFile ? nlohmann::json::parse(recordFile, nullptr, false) : nlohmann::json();
        if (record.is_discarded() || !record.is_object())
        {
            ++point.notRun;
            continue;
        }
        if (record.value("status", "") != "ok"
            || record.value("argv", std::vector<std::string>{}) != run.argv)
        {
            ++point.failed;
            point.failedRuns.push_back(run.id);
            continue;
        }
        std::ifstream outputFile(folder + "/" + plan.spec.output);
        nlohmann::json output = nlohmann::json::parse(outputFile, nullptr, false);
        ++point.ok;
        std::vector<OptionValue> parameters = plan.spec.fixed;
        parameters.insert(parameters.end(),
                          plan.points[run.point].varied.begin(),
                          plan.points[run.point].varied.end());
        for (size_t m = 0; m < metrics; ++m)
        {
            std::string path = ExpandPath(plan.spec.metrics[m], parameters);
            const nlohmann::json* value = output.is_discarded() ? nullptr : FindPath(output, path);
            if (value && (value->is_number() || value->is_boolean()))
            {
                values[run.point][m].push_back(value->is_boolean() ? value->get<bool>()
                                                                   : value->get<double>());
            }
            else
            {
                ++missing[run.point][m];
            }
        }
    }
    for (size_t p = 0; p < plan.points.size(); ++p)
    {
        for (size_t m = 0; m < metrics; ++m)
        {
            summary.m_points[p].metrics.push_back(Summarize(values[p][m], missing[p][m]));
        }
    }
    return summary;
}

nlohmann::ordered_json
SweepSummary::ToJson() const
{
    const SweepSpec& spec = m_plan->spec;
    nlohmann::ordered_json root;
    root["format"] = "ipsec-sweep-summary/1";
    root["sweep"] = spec.name;
    root["program"] = spec.program;
    root["replications"] = spec.replications;
    root["seed"] = spec.rngSeed;
    root["confidence"] = {{"level", 0.95}, {"method", CI_METHOD}};
    root["metrics"] = spec.metrics;
    root["totals"] = {{"runs", m_plan->runs.size()}, {"failed", Failed()}, {"not_run", NotRun()}};
    root["points"] = nlohmann::ordered_json::array();
    for (size_t p = 0; p < m_points.size(); ++p)
    {
        const PointSummary& point = m_points[p];
        nlohmann::ordered_json parameters = nlohmann::ordered_json::object();
        for (const auto& [option, value] : m_plan->points[p].varied)
        {
            parameters[option] = value;
        }
        nlohmann::ordered_json entry;
        entry["point"] = m_plan->points[p].name;
        entry["parameters"] = parameters;
        entry["runs"] = point.runs;
        entry["ok"] = point.ok;
        entry["failed"] = point.failed;
        entry["not_run"] = point.notRun;
        entry["failed_runs"] = point.failedRuns;
        entry["metrics"] = nlohmann::ordered_json::object();
        for (size_t m = 0; m < spec.metrics.size(); ++m)
        {
            const MetricSummary& s = point.metrics[m];
            nlohmann::ordered_json metric;
            metric["n"] = s.n;
            metric["missing"] = s.missing;
            metric["mean"] = s.n > 0 ? nlohmann::ordered_json(s.mean) : nullptr;
            metric["sd"] = s.n > 1 ? nlohmann::ordered_json(s.sd) : nullptr;
            metric["ci95_half_width"] = s.n > 1 ? nlohmann::ordered_json(s.ci95) : nullptr;
            metric["min"] = s.n > 0 ? nlohmann::ordered_json(s.min) : nullptr;
            metric["max"] = s.n > 0 ? nlohmann::ordered_json(s.max) : nullptr;
            entry["metrics"][spec.metrics[m]] = metric;
        }
        root["points"].push_back(entry);
    }
    return root;
}

std::string
SweepSummary::ToCsv() const
{
    const SweepSpec& spec = m_plan->spec;
    std::vector<std::string> varied = spec.VariedOptions();
    std::ostringstream csv;
    std::vector<std::string> header = {"point"};
    header.insert(header.end(), varied.begin(), varied.end());
    for (const char* column : {"runs", "ok", "failed", "not_run"})
    {
        header.push_back(column);
    }
    for (const auto& metric : spec.metrics)
    {
        for (const char* column : {":n", ":mean", ":sd", ":ci95_student_t"})
        {
            header.push_back(metric + column);
        }
    }
    for (size_t i = 0; i < header.size(); ++i)
    {
        csv << (i ? "," : "") << CsvField(header[i]);
    }
    csv << "\n";
    for (size_t p = 0; p < m_points.size(); ++p)
    {
        const PointSummary& point = m_points[p];
        csv << CsvField(m_plan->points[p].name);
        for (const auto& option : varied)
        {
            std::string text;
            for (const auto& [name, value] : m_plan->points[p].varied)
            {
                text = name == option ? OptionText(value) : text;
            }
            csv << "," << CsvField(text);
        }
        csv << "," << point.runs << "," << point.ok << "," << point.failed << "," << point.notRun;
        for (const MetricSummary& s : point.metrics)
        {
            csv << "," << s.n << "," << (s.n > 0 ? NumberText(s.mean) : "") << ","
                << (s.n > 1 ? NumberText(s.sd) : "") << "," << (s.n > 1 ? NumberText(s.ci95) : "");
        }
        csv << "\n";
    }
    return csv.str();
}

void
SweepSummary::Write(const std::string& directory) const
{
    WriteFileAtomically(directory + "/summary.json", ToJson().dump(2) + "\n");
    WriteFileAtomically(directory + "/summary.csv", ToCsv());
}

int
SweepSummary::MetricIndex(const std::string& metric) const
{
    const auto& metrics = m_plan->spec.metrics;
    auto it = std::find(metrics.begin(), metrics.end(), metric);
    return it == metrics.end() ? -1 : static_cast<int>(it - metrics.begin());
}

const SweepPlan&
SweepSummary::Plan() const
{
    return *m_plan;
}

const std::vector<PointSummary>&
SweepSummary::Points() const
{
    return m_points;
}

size_t
SweepSummary::Total(size_t PointSummary::*count) const
{
    size_t total = 0;
    for (const auto& point : m_points)
    {
        total += point.*count;
    }
    return total;
}

size_t
SweepSummary::Failed() const
{
    return Total(&PointSummary::failed);
}

size_t
SweepSummary::NotRun() const
{
    return Total(&PointSummary::notRun);
}

} // namespace sweep
} // namespace ns3
