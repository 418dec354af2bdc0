/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "sweep-plot.h"

#include "process.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

namespace ns3
{
namespace sweep
{

namespace fs = std::filesystem;

namespace
{

bool
Contains(const std::vector<std::string>& list, const std::string& item)
{
    return std::find(list.begin(), list.end(), item) != list.end();
}

/// The point's value of \p option as text ("" if the point does not set it).
std::string
ValueOf(const SweepPoint& point, const std::string& option)
{
    for (const auto& [name, value] : point.varied)
    {
        if (name == option)
        {
            return OptionText(value);
        }
    }
    return "";
}

bool
IsNumber(const std::string& text)
{
    if (text.empty())
    {
        return false;
    }
    char* end = nullptr;
    std::strtod(text.c_str(), &end);
    return end && *end == '\0';
}

/// \p text in a gnuplot double-quoted string.
std::string
Quoted(const std::string& text)
{
    std::string quoted = "\"";
    for (char c : text)
    {
        quoted += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    }
    return quoted + "\"";
}

/// Points selected by the plot's 'where'.
std::vector<size_t>
Selected(const PlotSpec& plot, const SweepPlan& plan)
{
    std::vector<size_t> selected;
    for (size_t p = 0; p < plan.points.size(); ++p)
    {
        bool keep = true;
        for (const auto& [option, value] : plot.where)
        {
            keep = keep && ValueOf(plan.points[p], option) == OptionText(value);
        }
        if (keep)
        {
            selected.push_back(p);
        }
    }
    return selected;
}

/**
 * A label from the metric's last name and its unit suffix, the way metrics.json names them:
 * "results.goodput_bps" scaled by 1e-9 -> "goodput (Gb/s)", "latency.p99_us" -> "p99 (us)".
 */
std::string
UnitLabel(const std::string& metric, double scale)
{
    std::string name = metric.substr(metric.rfind('.') + 1);

    struct Unit
    {
        const char* suffix;
        const char* unit;
        std::vector<std::pair<double, const char*>> scaled; //!< scale -> unit shown
    };

    const std::vector<Unit> units = {
        {"_bps", "b/s", {{1e-3, "kb/s"}, {1e-6, "Mb/s"}, {1e-9, "Gb/s"}}},
        {"_bytes", "bytes", {{1e-3, "kB"}, {1e-6, "MB"}, {1e-9, "GB"}}},
        {"_us", "us", {{1e-3, "ms"}, {1e-6, "s"}}},
        {"_ms", "ms", {{1e3, "us"}, {1e-3, "s"}}},
        {"_s", "s", {{1e3, "ms"}, {1e6, "us"}}},
    };
    for (const Unit& unit : units)
    {
        size_t length = std::string(unit.suffix).size();
        if (name.size() > length && name.compare(name.size() - length, length, unit.suffix) == 0)
        {
            std::string shown = scale == 1.0 ? unit.unit : "";
            for (const auto& [factor, text] : unit.scaled)
            {
                shown = std::fabs(scale / factor - 1) < 1e-9 ? text : shown;
            }
            std::string base = name.substr(0, name.size() - length);
            std::replace(base.begin(), base.end(), '_', ' ');
            return base + " ("
                   + (shown.empty() ? unit.unit + std::string(" x ") + NumberText(scale) : shown)
                   + ")";
        }
    }
    std::replace(name.begin(), name.end(), '_', ' ');
    return name + (scale != 1.0 ? " (x " + NumberText(scale) + ")" : "");
}

} // namespace

PlotSpec
SweepPlot::Complete(const PlotSpec& given, const SweepPlan& plan)
{
    PlotSpec plot = given;
    std::vector<std::string> varied = plan.spec.VariedOptions();
    std::string list;
    for (const auto& option : varied)
    {
        list += (list.empty() ? "" : ", ") + option;
    }
    if (!Contains(varied, plot.x))
    {
        throw UsageError("plot x '" + plot.x + "' is not a varied option (expected one of " + list
                         + ")");
    }
    if (!plot.series.empty() && (!Contains(varied, plot.series) || plot.series == plot.x))
    {
        throw UsageError("plot series '" + plot.series
                         + "' is not a varied option other than x (expected one of " + list + ")");
    }
    if (!Contains(plan.spec.metrics, plot.y))
    {
        std::string metrics;
        for (const auto& metric : plan.spec.metrics)
        {
            metrics += (metrics.empty() ? "" : ", ") + metric;
        }
        throw UsageError("plot y '" + plot.y + "' is not one of the spec's metrics (" + metrics
                         + ")");
    }
    for (const auto& [option, value] : plot.where)
    {
        if (!Contains(varied, option) || option == plot.x || option == plot.series)
        {
            throw UsageError("plot where '" + option
                             + "' is not a varied option other than x and series (expected one "
                               "of "
                             + list + ")");
        }
    }
    std::vector<size_t> selected = Selected(plot, plan);
    if (selected.empty())
    {
        throw UsageError("plot where selects no point of the sweep");
    }
    std::set<std::pair<std::string, std::string>> seen;
    for (size_t p : selected)
    {
        auto key
            = std::make_pair(ValueOf(plan.points[p], plot.series), ValueOf(plan.points[p], plot.x));
        if (!seen.insert(key).second)
        {
            for (const auto& option : varied)
            {
                if (option != plot.x && option != plot.series)
                {
                    throw UsageError("plot of " + plot.y + " against " + plot.x
                                     + ": points differ in '" + option
                                     + "' too; hold it with \"where\": {\"" + option
                                     + "\": value} or make it the series");
                }
            }
        }
    }
    if (plot.name.empty())
    {
        plot.name = plot.y.substr(plot.y.rfind('.') + 1) + "-vs-" + plot.x
                    + (plot.series.empty() ? "" : "-by-" + plot.series);
        for (char& c : plot.name)
        {
            c = (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.') ? c : '_';
        }
    }
    if (plot.xlabel.empty())
    {
        plot.xlabel = plot.x;
    }
    if (plot.ylabel.empty())
    {
        plot.ylabel = UnitLabel(plot.y, plot.yscale);
    }
    return plot;
}

std::vector<std::string>
SweepPlot::Draw(const PlotSpec& given, const SweepSummary& summary, const std::string& directory)
{
    const SweepPlan& plan = summary.Plan();
    PlotSpec plot = Complete(given, plan);
    int metric = summary.MetricIndex(plot.y);
    std::vector<size_t> selected = Selected(plot, plan);

    // Series in order of first appearance; x numeric if every x value is a number.
    std::vector<std::string> seriesValues;
    std::vector<std::string> xValues;
    for (size_t p : selected)
    {
        std::string s = ValueOf(plan.points[p], plot.series);
        std::string x = ValueOf(plan.points[p], plot.x);
        if (!Contains(seriesValues, s))
        {
            seriesValues.push_back(s);
        }
        if (!Contains(xValues, x))
        {
            xValues.push_back(x);
        }
    }
    bool numericX = std::all_of(xValues.begin(), xValues.end(), IsNumber);

    std::ostringstream data;
    data << "# " << plot.y << " against " << plot.x << ": x, mean, 95 % CI half-width, n"
         << (plot.yscale != 1.0 ? " (y times " + NumberText(plot.yscale) + ")" : "") << "\n";
    for (size_t s = 0; s < seriesValues.size(); ++s)
    {
        std::vector<std::pair<double, std::string>> rows;
        for (size_t p : selected)
        {
            const MetricSummary& m = summary.Points()[p].metrics[metric];
            if (ValueOf(plan.points[p], plot.series) != seriesValues[s] || m.n == 0)
            {
                continue;
            }
            std::string x = ValueOf(plan.points[p], plot.x);
            double position
                = numericX ? std::strtod(x.c_str(), nullptr)
                           : double(std::find(xValues.begin(), xValues.end(), x) - xValues.begin());
            rows.emplace_back(position,
                              NumberText(m.mean * plot.yscale) + " "
                                  + NumberText(m.ci95 * plot.yscale) + " " + std::to_string(m.n));
        }
        std::stable_sort(rows.begin(),
                         rows.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        data << "# series "
             << (plot.series.empty() ? plot.y : plot.series + " = " + seriesValues[s]) << "\n";
        for (const auto& [x, rest] : rows)
        {
            data << NumberText(x) << " " << rest << "\n";
        }
        data << "\n\n"; // gnuplot: next data set (index)
    }

    fs::path figures = fs::path(directory) / "figures";
    fs::create_directories(figures);
    std::string stem = (figures / plot.name).string();
    WriteFileAtomically(stem + ".dat", data.str());

    std::ostringstream gp;
    gp << "# " << plot.name << ": drawn by ipsec-sweep plot; run 'gnuplot -e \"term='png'\" "
       << plot.name << ".gp' in this folder (term: png, svg or pdf) to redraw\n"
       << "if (!exists(\"term\")) term = \"png\"\n"
       << "if (term eq \"png\") {\n"
       << "  set terminal pngcairo noenhanced size 1050,720 font \"Sans,20\" linewidth 2.5\n"
       << "} else { if (term eq \"svg\") {\n"
       << "  set terminal svg noenhanced size 525,360 font \"Sans,11\" linewidth 1.2\n"
       << "} else {\n"
       << "  set terminal pdfcairo noenhanced size 3.5in,2.4in font \"Sans,8\" linewidth 1.5\n"
       << "} }\n"
       << "set output " << Quoted(plot.name) << " . \".\" . term\n";
    if (!plot.title.empty())
    {
        gp << "set title " << Quoted(plot.title) << "\n";
    }
    gp << "set xlabel " << Quoted(plot.xlabel) << "\nset ylabel " << Quoted(plot.ylabel) << "\n"
       << "set grid\nset bars small\n"
       << (plot.series.empty() ? "unset key\n" : "set key below horizontal samplen 1.5\n");
    if (numericX)
    {
        gp << "set xtics (";
        for (size_t i = 0; i < xValues.size(); ++i)
        {
            gp << (i ? ", " : "") << xValues[i];
        }
        gp << ")\nset offsets graph 0.04, graph 0.04, 0, 0\n";
    }
    else
    {
        gp << "set xtics (";
        for (size_t i = 0; i < xValues.size(); ++i)
        {
            gp << (i ? ", " : "") << Quoted(xValues[i]) << " " << i;
        }
        gp << ")\nset xrange [-0.5:" << xValues.size() - 0.5 << "]\n";
    }
    gp << (plot.logx ? "set logscale x 2\n" : "")
       << (plot.logy ? "set logscale y\n" : "set yrange [0:*]\n");
    gp << "plot ";
    for (size_t s = 0; s < seriesValues.size(); ++s)
    {
        std::string title
            = plot.series.empty() ? plot.ylabel : plot.series + ": " + seriesValues[s];
        gp << (s ? ", \\\n     " : "") << Quoted(plot.name + ".dat") << " index " << s
           << " using 1:2:3 with yerrorlines pointsize 1.6 title " << Quoted(title);
    }
    gp << "\n";
    WriteFileAtomically(stem + ".gp", gp.str());

    std::vector<std::string> written;
    for (const char* term : {"png", "svg", "pdf"})
    {
        std::string output;
        // gnuplot writes relative to its working folder: run it in figures/.
        int status = CaptureOutput({"/bin/sh",
                                    "-c",
                                    "cd " + ShellQuote(figures.string()) + " && exec gnuplot -e "
                                        + ShellQuote(std::string("term='") + term + "'") + " "
                                        + ShellQuote(plot.name + ".gp")},
                                   output);
        if (status == 127)
        {
            throw std::runtime_error("gnuplot not found: install gnuplot-nox (scripts/setup.sh "
                                     "does)");
        }
        std::string file = stem + "." + term;
        if (status != 0 || !fs::exists(file) || fs::file_size(file) == 0)
        {
            throw std::runtime_error("gnuplot failed on " + stem + ".gp (" + term + "): " + output);
        }
        written.push_back(file);
    }
    return written;
}

} // namespace sweep
} // namespace ns3
