/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "sweep-spec.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace ns3
{
namespace sweep
{

namespace
{

using Json = nlohmann::ordered_json;

/// Options the sweep sets itself for every run.
const std::set<std::string> RESERVED_OPTIONS
    = {"outputDir", "RngRun", "RngSeed", "PrintHelp", "PrintGlobals", "PrintAttributes"};

[[noreturn]] void
Fail(const std::string& origin, const std::string& message)
{
    throw UsageError(origin + ": " + message);
}

std::string
Describe(const Json& value)
{
    std::string text = value.dump();
    return text.size() > 60 ? text.substr(0, 57) + "..." : text;
}

/// Byte offset -> "line L, column C" (1-based), for nlohmann's parse errors.
std::string
Position(const std::string& text, size_t offset)
{
    size_t line = 1;
    size_t column = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i)
    {
        if (text[i] == '\n')
        {
            ++line;
            column = 1;
        }
        else
        {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

void
CheckKeys(const std::string& origin,
          const std::string& where,
          const Json& object,
          const std::set<std::string>& allowed)
{
    for (const auto& item : object.items())
    {
        if (!allowed.count(item.key()))
        {
            std::string list;
            for (const auto& key : allowed)
            {
                list += (list.empty() ? "" : ", ") + key;
            }
            Fail(origin,
                 "unknown key '" + item.key() + "' in " + where + " (expected " + list + ")");
        }
    }
}

std::string
GetString(const std::string& origin, const Json& object, const std::string& key, bool required)
{
    if (!object.contains(key))
    {
        if (required)
        {
            Fail(origin, "missing key '" + key + "'");
        }
        return "";
    }
    const Json& value = object.at(key);
    if (!value.is_string() || value.get<std::string>().empty())
    {
        Fail(origin, "'" + key + "' must be a non-empty string, not " + Describe(value));
    }
    return value.get<std::string>();
}

uint32_t
GetCount(const std::string& origin,
         const Json& object,
         const std::string& key,
         uint32_t fallback,
         uint32_t minimum)
{
    if (!object.contains(key))
    {
        return fallback;
    }
    const Json& value = object.at(key);
    if (!value.is_number_integer() || value.get<int64_t>() < minimum
        || value.get<int64_t>() > 1000000000)
    {
        Fail(origin,
             "'" + key + "' must be a whole number of at least " + std::to_string(minimum)
                 + ", not " + Describe(value));
    }
    return value.get<uint32_t>();
}

std::string
CheckOptionName(const std::string& origin, const std::string& where, const std::string& name)
{
    if (name.empty())
    {
        Fail(origin, "empty option name in " + where);
    }
    if (name.rfind("-", 0) == 0)
    {
        Fail(origin,
             "option '" + name + "' in " + where + ": write option names without the leading --");
    }
    if (RESERVED_OPTIONS.count(name))
    {
        Fail(origin,
             "option '" + name + "' in " + where
                 + " is set by the sweep itself (runs get their own folder, RngSeed comes from "
                   "'seed', RngRun from the replication)");
    }
    return name;
}

void
CheckScalar(const std::string& origin, const std::string& where, const Json& value)
{
    if (!(value.is_string() || value.is_number() || value.is_boolean()))
    {
        Fail(origin,
             "value of " + where + " must be a string, number or boolean, not " + Describe(value));
    }
}

std::vector<OptionValue>
GetOptions(const std::string& origin, const Json& object, const std::string& where)
{
    if (!object.is_object())
    {
        Fail(origin, where + " must be an object of option: value, not " + Describe(object));
    }
    std::vector<OptionValue> options;
    for (const auto& item : object.items())
    {
        CheckOptionName(origin, where, item.key());
        CheckScalar(origin, where + "." + item.key(), item.value());
        options.emplace_back(item.key(), item.value());
    }
    return options;
}

PlotSpec
GetPlot(const std::string& origin, const Json& object, size_t index)
{
    std::string where = "plots[" + std::to_string(index) + "]";
    if (!object.is_object())
    {
        Fail(origin, where + " must be an object, not " + Describe(object));
    }
    CheckKeys(origin,
              where,
              object,
              {"name",
               "x",
               "y",
               "series",
               "title",
               "xlabel",
               "ylabel",
               "yscale",
               "logx",
               "logy",
               "where"});
    std::string prefix = origin + ": " + where;
    PlotSpec plot;
    plot.x = GetString(prefix, object, "x", true);
    plot.y = GetString(prefix, object, "y", true);
    plot.series = GetString(prefix, object, "series", false);
    plot.name = GetString(prefix, object, "name", false);
    plot.title = GetString(prefix, object, "title", false);
    plot.xlabel = GetString(prefix, object, "xlabel", false);
    plot.ylabel = GetString(prefix, object, "ylabel", false);
    if (object.contains("yscale"))
    {
        const Json& scale = object.at("yscale");
        if (!scale.is_number() || !(scale.get<double>() > 0))
        {
            Fail(prefix, "'yscale' must be a number above 0, not " + Describe(scale));
        }
        plot.yscale = scale.get<double>();
    }
    for (const char* key : {"logx", "logy"})
    {
        if (object.contains(key))
        {
            if (!object.at(key).is_boolean())
            {
                Fail(prefix,
                     std::string("'") + key + "' must be true or false, not "
                         + Describe(object.at(key)));
            }
            (std::string(key) == "logx" ? plot.logx : plot.logy) = object.at(key).get<bool>();
        }
    }
    if (object.contains("where"))
    {
        plot.where = GetOptions(prefix, object.at("where"), "'where'");
    }
    return plot;
}

} // namespace

SweepSpec
SweepSpec::Parse(const std::string& text, const std::string& origin)
{
    Json root;
    try
    {
        root = Json::parse(text);
    }
    catch (const Json::parse_error& e)
    {
        std::string message = e.what();
        // nlohmann's text ends with the reason after "parse error at line..: "; keep the reason.
        size_t colon = message.find(": syntax error");
        std::string reason = colon == std::string::npos ? message : message.substr(colon + 2);
        Fail(origin,
             "malformed JSON at " + Position(text, e.byte == 0 ? 0 : e.byte - 1) + ": " + reason);
    }
    if (!root.is_object())
    {
        Fail(origin, "a spec must be a JSON object, not " + Describe(root));
    }
    CheckKeys(origin,
              "the spec",
              root,
              {"name",
               "description",
               "program",
               "fixed",
               "grid",
               "points",
               "replications",
               "seed",
               "first_run",
               "metrics",
               "output",
               "timeout_s",
               "plots"});

    SweepSpec spec;
    spec.program = GetString(origin, root, "program", true);
    spec.name = GetString(origin, root, "name", false);
    spec.description = GetString(origin, root, "description", false);
    if (spec.name.empty())
    {
        spec.name = spec.program.substr(spec.program.find_last_of('/') + 1);
    }
    if (root.contains("fixed"))
    {
        spec.fixed = GetOptions(origin, root.at("fixed"), "'fixed'");
    }
    std::set<std::string> fixedNames;
    for (const auto& [name, value] : spec.fixed)
    {
        fixedNames.insert(name);
    }
    if (root.contains("grid"))
    {
        const Json& grid = root.at("grid");
        if (!grid.is_object())
        {
            Fail(origin, "'grid' must be an object of option: [values], not " + Describe(grid));
        }
        for (const auto& item : grid.items())
        {
            std::string where = "'grid." + item.key() + "'";
            CheckOptionName(origin, "'grid'", item.key());
            if (fixedNames.count(item.key()))
            {
                Fail(origin, "option '" + item.key() + "' is both in 'fixed' and in 'grid'");
            }
            if (!item.value().is_array() || item.value().empty())
            {
                Fail(origin,
                     where + " must be a non-empty list of values, not " + Describe(item.value()));
            }
            std::vector<Json> values;
            std::set<std::string> seen;
            for (const auto& value : item.value())
            {
                CheckScalar(origin, where, value);
                if (!seen.insert(OptionText(value)).second)
                {
                    Fail(origin, where + " lists " + Describe(value) + " twice");
                }
                values.push_back(value);
            }
            spec.grid.emplace_back(item.key(), values);
        }
    }
    if (root.contains("points"))
    {
        const Json& points = root.at("points");
        if (!points.is_array())
        {
            Fail(origin, "'points' must be a list of objects, not " + Describe(points));
        }
        for (size_t i = 0; i < points.size(); ++i)
        {
            std::string where = "'points[" + std::to_string(i) + "]'";
            auto point = GetOptions(origin, points[i], where);
            for (const auto& [name, value] : point)
            {
                if (fixedNames.count(name))
                {
                    Fail(origin, "option '" + name + "' is both in 'fixed' and in " + where);
                }
            }
            spec.points.push_back(point);
        }
    }
    if (spec.grid.empty() && spec.points.empty())
    {
        Fail(origin,
             "nothing to run: 'grid' is missing or empty and there are no 'points' (give at "
             "least one option with a list of values)");
    }
    spec.replications = GetCount(origin, root, "replications", 1, 1);
    spec.rngSeed = GetCount(origin, root, "seed", 1, 1);
    spec.rngRunFirst = GetCount(origin, root, "first_run", 1, 1);
    if (!root.contains("metrics") || !root.at("metrics").is_array() || root.at("metrics").empty())
    {
        Fail(origin,
             "'metrics' must be a non-empty list of JSON paths into the program's output, e.g. "
             "[\"results.goodput_bps\"]");
    }
    for (const auto& metric : root.at("metrics"))
    {
        if (!metric.is_string() || metric.get<std::string>().empty()
            || metric.get<std::string>().front() == '.' || metric.get<std::string>().back() == '.'
            || metric.get<std::string>().find("..") != std::string::npos)
        {
            Fail(origin,
                 "metric " + Describe(metric)
                     + " is not a dotted JSON path like \"results.goodput_bps\"");
        }
        if (std::find(spec.metrics.begin(), spec.metrics.end(), metric.get<std::string>())
            != spec.metrics.end())
        {
            Fail(origin, "metric " + Describe(metric) + " is listed twice");
        }
        spec.metrics.push_back(metric.get<std::string>());
    }
    // Placeholders must name options the runs set: try them against every option, any value.
    std::vector<OptionValue> known = spec.fixed;
    for (const auto& option : spec.VariedOptions())
    {
        known.emplace_back(option, "x");
    }
    for (const auto& metric : spec.metrics)
    {
        try
        {
            ExpandPath(metric, known);
        }
        catch (const UsageError& e)
        {
            Fail(origin, e.what());
        }
    }
    if (root.contains("output"))
    {
        spec.output = GetString(origin, root, "output", true);
        if (spec.output.find('/') != std::string::npos || spec.output == "." || spec.output == "..")
        {
            Fail(origin, "'output' must be a file name in the run's folder, not " + spec.output);
        }
    }
    if (root.contains("timeout_s"))
    {
        const Json& timeout = root.at("timeout_s");
        if (!timeout.is_number() || !(timeout.get<double>() > 0))
        {
            Fail(origin,
                 "'timeout_s' must be a number of seconds above 0, not " + Describe(timeout));
        }
        spec.timeoutSeconds = timeout.get<double>();
    }
    if (root.contains("plots"))
    {
        const Json& plots = root.at("plots");
        if (!plots.is_array())
        {
            Fail(origin, "'plots' must be a list of objects, not " + Describe(plots));
        }
        for (size_t i = 0; i < plots.size(); ++i)
        {
            spec.plots.push_back(GetPlot(origin, plots[i], i));
        }
    }
    return spec;
}

SweepSpec
SweepSpec::Load(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
    {
        throw UsageError(path + ": cannot read the spec file");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return Parse(text.str(), path);
}

std::vector<std::string>
SweepSpec::VariedOptions() const
{
    std::vector<std::string> names;
    for (const auto& [name, values] : grid)
    {
        names.push_back(name);
    }
    for (const auto& point : points)
    {
        for (const auto& [name, value] : point)
        {
            if (std::find(names.begin(), names.end(), name) == names.end())
            {
                names.push_back(name);
            }
        }
    }
    return names;
}

nlohmann::ordered_json
SweepSpec::ToJson() const
{
    Json root;
    root["name"] = name;
    if (!description.empty())
    {
        root["description"] = description;
    }
    root["program"] = program;
    auto options = [](const std::vector<OptionValue>& list)
    {
        Json object = Json::object();
        for (const auto& [key, value] : list)
        {
            object[key] = value;
        }
        return object;
    };
    root["fixed"] = options(fixed);
    if (!grid.empty())
    {
        Json object = Json::object();
        for (const auto& [key, values] : grid)
        {
            object[key] = values;
        }
        root["grid"] = object;
    }
    if (!points.empty())
    {
        root["points"] = Json::array();
        for (const auto& point : points)
        {
            root["points"].push_back(options(point));
        }
    }
    root["replications"] = replications;
    root["seed"] = rngSeed;
    root["first_run"] = rngRunFirst;
    root["metrics"] = metrics;
    root["output"] = output;
    if (timeoutSeconds > 0)
    {
        root["timeout_s"] = timeoutSeconds;
    }
    if (!plots.empty())
    {
        root["plots"] = Json::array();
        for (const auto& plot : plots)
        {
            Json p = {{"name", plot.name}, {"x", plot.x}, {"y", plot.y}};
            for (const auto& [key, text] :
                 {std::pair<const char*, const std::string&>{"series", plot.series},
                  {"title", plot.title},
                  {"xlabel", plot.xlabel},
                  {"ylabel", plot.ylabel}})
            {
                if (!text.empty())
                {
                    p[key] = text;
                }
            }
            p["yscale"] = plot.yscale;
            p["logx"] = plot.logx;
            p["logy"] = plot.logy;
            if (!plot.where.empty())
            {
                p["where"] = options(plot.where);
            }
            root["plots"].push_back(p);
        }
    }
    return root;
}

std::string
OptionText(const nlohmann::ordered_json& value)
{
    if (value.is_string())
    {
        return value.get<std::string>();
    }
    return value.dump(); // true, 4, 0.02: JSON's shortest round-trip form
}

std::string
ExpandPath(const std::string& path, const std::vector<OptionValue>& parameters)
{
    std::string expanded;
    size_t start = 0;
    while (true)
    {
        size_t open = path.find('{', start);
        if (open == std::string::npos)
        {
            return expanded + path.substr(start);
        }
        size_t close = path.find('}', open);
        if (close == std::string::npos)
        {
            throw UsageError("metric \"" + path + "\" opens { without closing it");
        }
        std::string option = path.substr(open + 1, close - open - 1);
        auto it = std::find_if(parameters.begin(),
                               parameters.end(),
                               [&](const OptionValue& p) { return p.first == option; });
        if (it == parameters.end())
        {
            throw UsageError("metric \"" + path + "\" names {" + option
                             + "}, which is not an option of the spec");
        }
        expanded += path.substr(start, open - start) + OptionText(it->second);
        start = close + 1;
    }
}

const nlohmann::json*
FindPath(const nlohmann::json& document, const std::string& path)
{
    const nlohmann::json* node = &document;
    size_t start = 0;
    while (start <= path.size())
    {
        size_t dot = path.find('.', start);
        std::string step
            = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (node->is_object())
        {
            auto it = node->find(step);
            if (it == node->end())
            {
                return nullptr;
            }
            node = &*it;
        }
        else if (node->is_array() && !step.empty()
                 && std::all_of(
                     step.begin(), step.end(), [](char c) { return c >= '0' && c <= '9'; }))
        {
            size_t index = std::stoul(step);
            if (index >= node->size())
            {
                return nullptr;
            }
            node = &(*node)[index];
        }
        else
        {
            return nullptr;
        }
        if (dot == std::string::npos)
        {
            break;
        }
        start = dot + 1;
    }
    return node;
}

} // namespace sweep
} // namespace ns3
