/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "sweep-plan.h"

#include <filesystem>
#include <fstream>
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

/// Keeps letters, digits and . + - of \p text; anything else becomes '_'.
std::string
SafeName(const std::string& text)
{
    std::string safe;
    for (char c : text)
    {
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '+' || c == '-';
        safe += keep ? c : '_';
    }
    return safe;
}

std::string
PointName(const std::vector<OptionValue>& varied)
{
    std::string name;
    for (const auto& [option, value] : varied)
    {
        // "ns3::IpsecDataPlane::SaSelection" -> "SaSelection"
        std::string shortName
            = option.substr(option.rfind(':') == std::string::npos ? 0 : option.rfind(':') + 1);
        name += (name.empty() ? "" : "_") + SafeName(shortName) + "-" + SafeName(OptionText(value));
    }
    return name.empty() ? "default" : name.substr(0, 120);
}

/// The grid's cartesian product, last dimension varying fastest, then the explicit points.
std::vector<std::vector<OptionValue>>
ExpandPoints(const SweepSpec& spec)
{
    std::vector<std::vector<OptionValue>> points;
    if (!spec.grid.empty())
    {
        std::vector<size_t> index(spec.grid.size(), 0);
        while (true)
        {
            std::vector<OptionValue> point;
            for (size_t d = 0; d < spec.grid.size(); ++d)
            {
                point.emplace_back(spec.grid[d].first, spec.grid[d].second[index[d]]);
            }
            points.push_back(point);
            size_t d = spec.grid.size();
            while (d > 0 && ++index[d - 1] == spec.grid[d - 1].second.size())
            {
                index[--d] = 0;
            }
            if (d == 0)
            {
                break;
            }
        }
    }
    for (const auto& point : spec.points)
    {
        points.push_back(point);
    }
    return points;
}

} // namespace

SweepPlan
SweepPlan::Make(const SweepSpec& spec, const std::string& programPath, bool hasOutputDir)
{
    SweepPlan plan;
    plan.spec = spec;
    plan.programPath = programPath;
    std::vector<std::string> order = spec.VariedOptions();
    std::set<std::string> names;
    bool clash = false;
    for (const auto& values : ExpandPoints(spec))
    {
        SweepPoint point;
        for (const auto& option : order) // one order for every point, whatever the source
        {
            for (const auto& entry : values)
            {
                if (entry.first == option)
                {
                    point.varied.push_back(entry);
                }
            }
        }
        point.name = PointName(point.varied);
        clash = clash || !names.insert(point.name).second;
        plan.points.push_back(point);
    }
    for (size_t p = 0; clash && p < plan.points.size(); ++p)
    {
        // Two points that differ only in characters a folder name cannot hold: number them all.
        std::ostringstream prefix;
        prefix << "p" << p << "_";
        plan.points[p].name = prefix.str() + plan.points[p].name;
    }
    for (size_t p = 0; p < plan.points.size(); ++p)
    {
        for (uint32_t k = 1; k <= spec.replications; ++k)
        {
            PlannedRun run;
            run.point = p;
            run.replication = k;
            run.rngRun = spec.rngRunFirst + k - 1;
            run.id = plan.points[p].name + "-r" + std::to_string(k);
            run.argv.push_back(programPath);
            for (const auto& [option, value] : spec.fixed)
            {
                run.argv.push_back("--" + option + "=" + OptionText(value));
            }
            for (const auto& [option, value] : plan.points[p].varied)
            {
                run.argv.push_back("--" + option + "=" + OptionText(value));
            }
            run.argv.push_back("--RngSeed=" + std::to_string(spec.rngSeed));
            run.argv.push_back("--RngRun=" + std::to_string(run.rngRun));
            if (hasOutputDir)
            {
                run.argv.push_back("--outputDir=.");
            }
            plan.runs.push_back(run);
        }
    }
    return plan;
}

nlohmann::ordered_json
SweepPlan::ToJson() const
{
    nlohmann::ordered_json root;
    root["format"] = "ipsec-sweep/1";
    root["spec"] = spec.ToJson();
    root["program_path"] = programPath;
    root["points"] = nlohmann::ordered_json::array();
    for (const auto& point : points)
    {
        nlohmann::ordered_json varied = nlohmann::ordered_json::object();
        for (const auto& [option, value] : point.varied)
        {
            varied[option] = value;
        }
        root["points"].push_back({{"name", point.name}, {"parameters", varied}});
    }
    root["runs"] = nlohmann::ordered_json::array();
    for (const auto& run : runs)
    {
        root["runs"].push_back({{"id", run.id},
                                {"point", run.point},
                                {"replication", run.replication},
                                {"rng_run", run.rngRun},
                                {"argv", run.argv}});
    }
    return root;
}

SweepPlan
SweepPlan::Load(const std::string& directory)
{
    std::string path = directory + "/sweep.json";
    std::ifstream in(path);
    if (!in)
    {
        throw UsageError(directory
                         + " holds no sweep (no sweep.json): start it with "
                           "'ipsec-sweep run SPEC --out "
                         + directory + "'");
    }
    nlohmann::ordered_json root = nlohmann::ordered_json::parse(in, nullptr, false);
    if (root.is_discarded() || root.value("format", "") != "ipsec-sweep/1")
    {
        throw UsageError(path + " is not an ipsec-sweep/1 sweep file");
    }
    SweepPlan plan;
    plan.spec = SweepSpec::Parse(root["spec"].dump(), path);
    plan.programPath = root["program_path"].get<std::string>();
    for (const auto& point : root["points"])
    {
        SweepPoint p;
        p.name = point["name"].get<std::string>();
        for (const auto& item : point["parameters"].items())
        {
            p.varied.emplace_back(item.key(), item.value());
        }
        plan.points.push_back(p);
    }
    for (const auto& run : root["runs"])
    {
        PlannedRun r;
        r.id = run["id"].get<std::string>();
        r.point = run["point"].get<size_t>();
        r.replication = run["replication"].get<uint32_t>();
        r.rngRun = run["rng_run"].get<uint32_t>();
        r.argv = run["argv"].get<std::vector<std::string>>();
        plan.runs.push_back(r);
    }
    return plan;
}

void
SweepPlan::Save(const std::string& directory) const
{
    fs::create_directories(directory);
    WriteFileAtomically(directory + "/sweep.json", ToJson().dump(2) + "\n");
}

const PlannedRun&
SweepPlan::FindRun(const std::string& id) const
{
    for (const auto& run : runs)
    {
        if (run.id == id)
        {
            return run;
        }
    }
    throw UsageError("the sweep has no run '" + id + "' (see sweep.json's runs)");
}

void
WriteFileAtomically(const std::string& path, const std::string& text)
{
    std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << text;
        if (!out.flush())
        {
            throw std::runtime_error("cannot write " + temporary);
        }
    }
    fs::rename(temporary, path);
}

std::string
RunDirectory(const std::string& directory, const PlannedRun& run)
{
    return directory + "/runs/" + run.id;
}

} // namespace sweep
} // namespace ns3
