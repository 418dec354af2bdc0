/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "program-options.h"

#include "process.h"

#include <unistd.h>

#include <filesystem>
#include <regex>
#include <sstream>

namespace ns3
{
namespace sweep
{

namespace fs = std::filesystem;

namespace
{

bool
IsExecutable(const fs::path& path)
{
    return fs::is_regular_file(path) && access(path.c_str(), X_OK) == 0;
}

std::string
Examples(const std::string& directory)
{
    std::set<std::string> names;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(directory, error))
    {
        if (IsExecutable(entry.path()))
        {
            names.insert(entry.path().filename().string());
        }
    }
    std::string list;
    for (const auto& name : names)
    {
        list += (list.empty() ? "" : ", ") + name;
    }
    return list.empty() ? "none found in " + directory : list;
}

/// The option names of lines like "    --cpus:   cores per gateway [4]" or "    --RngRun=[1]".
std::set<std::string>
OptionNames(const std::string& text, const std::regex& line)
{
    std::set<std::string> names;
    std::istringstream in(text);
    std::string row;
    std::smatch match;
    while (std::getline(in, row))
    {
        if (std::regex_search(row, match, line))
        {
            names.insert(match[1]);
        }
    }
    return names;
}

} // namespace

std::string
ProgramOptions::Resolve(const std::string& program,
                        const std::string& specDirectory,
                        const std::string& examplesDirectory)
{
    if (program.find('/') != std::string::npos)
    {
        for (const fs::path& candidate : {fs::path(program), fs::path(specDirectory) / program})
        {
            if (IsExecutable(candidate))
            {
                return fs::absolute(candidate).lexically_normal().string();
            }
        }
        throw UsageError("unknown program '" + program
                         + "': no executable file there (relative paths are tried from the "
                           "current folder and from the spec's folder)");
    }
    fs::path example = fs::path(examplesDirectory) / program;
    if (!IsExecutable(example))
    {
        throw UsageError("unknown program '" + program + "': expected an example of "
                         + examplesDirectory + " (" + Examples(examplesDirectory)
                         + ") or a path to an executable");
    }
    return fs::absolute(example).lexically_normal().string();
}

ProgramOptions
ProgramOptions::Read(const std::string& path)
{
    ProgramOptions options;
    options.m_path = path;
    std::string help;
    std::string globals;
    // ns-3's CommandLine prints the help and exits 0; anything else is not an ns-3 program.
    if (CaptureOutput({path, "--PrintHelp"}, help) != 0
        || CaptureOutput({path, "--PrintGlobals"}, globals) != 0)
    {
        throw UsageError(
            "program " + path
            + " does not answer --PrintHelp and --PrintGlobals as an ns-3 program does");
    }
    size_t general = help.find("General Arguments:");
    options.m_options = OptionNames(help.substr(0, general), std::regex(R"(^\s+--([^:=\s]+):)"));
    options.m_globals = OptionNames(globals, std::regex(R"(^\s+--([^:=\s]+)=)"));
    return options;
}

bool
ProgramOptions::Has(const std::string& name) const
{
    return m_options.count(name) || m_globals.count(name);
}

void
ProgramOptions::CheckAttribute(const std::string& name, const std::string& where) const
{
    size_t split = name.rfind("::");
    std::string type = name.substr(0, split);
    std::string attributes;
    int status = CaptureOutput({m_path, "--PrintAttributes=" + type}, attributes);
    if (status != 0)
    {
        throw UsageError("unknown option '" + name + "' in " + where
                         + ": the program knows no "
                           "TypeId "
                         + type);
    }
    if (attributes.find("--" + name + "=") == std::string::npos)
    {
        throw UsageError("unknown option '" + name + "' in " + where + ": " + type
                         + " has no such attribute (see " + m_path + " --PrintAttributes=" + type
                         + ")");
    }
}

void
ProgramOptions::Check(const SweepSpec& spec) const
{
    auto check = [this](const std::string& name, const std::string& where)
    {
        if (name.rfind("ns3::", 0) == 0 && name.rfind("::") > 3)
        {
            CheckAttribute(name, where);
            return;
        }
        if (!Has(name))
        {
            std::string list;
            for (const auto& option : m_options)
            {
                list += (list.empty() ? "" : ", ") + option;
            }
            throw UsageError("unknown option '" + name + "' in " + where + ": " + m_path + " has "
                             + list + " (and ns-3's global values and --ns3::Type::Attribute)");
        }
    };
    for (const auto& [name, value] : spec.fixed)
    {
        check(name, "'fixed'");
    }
    for (const auto& [name, values] : spec.grid)
    {
        check(name, "'grid'");
    }
    for (size_t i = 0; i < spec.points.size(); ++i)
    {
        for (const auto& [name, value] : spec.points[i])
        {
            check(name, "'points[" + std::to_string(i) + "]'");
        }
    }
}

} // namespace sweep
} // namespace ns3
