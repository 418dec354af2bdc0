/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// ipsec-sweep: a study from one JSON spec. Expands a grid of program options times replications
// into runs, each its own process and folder; runs them in parallel and resumably, or hands them
// to GNU parallel or Slurm; aggregates them with Student-t confidence intervals; draws figures
// with gnuplot. The spec format and the folder layout are in doc/sweeps.rst.

#include "sweep/job-scripts.h"
#include "sweep/process.h"
#include "sweep/program-options.h"
#include "sweep/sweep-plan.h"
#include "sweep/sweep-plot.h"
#include "sweep/sweep-runner.h"
#include "sweep/sweep-summary.h"

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <thread>

using namespace ns3::sweep;
namespace fs = std::filesystem;

namespace
{

const char* USAGE = R"(usage:
  ipsec-sweep run SPEC.json --out DIR [-j N] [--quiet]
      run every run not yet done (DIR/runs/<point>-r<k>/), then write DIR/summary.{csv,json}
      and the spec's figures; -j defaults to the number of cores
  ipsec-sweep check SPEC.json
      check the spec against its program and print the runs; nothing runs
  ipsec-sweep jobs SPEC.json --out DIR [--missing]
      prepare DIR and print one self-contained command line per run (for GNU parallel)
  ipsec-sweep slurm SPEC.json --out DIR [--partition P] [--time T] [--mem M] [--max-parallel N]
      prepare DIR and write DIR/sweep.sbatch, a Slurm job array with one task per run
  ipsec-sweep exec --out DIR (--run ID | --index I) [--force]
      run one run of a prepared DIR (what jobs and slurm call)
  ipsec-sweep aggregate DIR
      write DIR/summary.csv and DIR/summary.json from the runs there
  ipsec-sweep plot DIR [--x X --y METRIC [--series S] [--where OPTION=VALUE]... [--name N]
                        [--title T] [--xlabel L] [--ylabel L] [--yscale F] [--logx] [--logy]]
      draw the spec's figures, or the one described, into DIR/figures/ (PNG, SVG, PDF)
exit status: 0 all well, 1 some run failed, 2 bad input (nothing was run), 130 interrupted
)";

/// The command line after the subcommand: positional words and --flag value pairs.
struct Arguments
{
    std::vector<std::string> positional;
    std::multimap<std::string, std::string> flags;

    Arguments(int argc,
              char* argv[],
              const std::set<std::string>& valued,
              const std::set<std::string>& switches)
    {
        for (int i = 2; i < argc; ++i)
        {
            std::string word = argv[i];
            if (word.size() > 1 && word[0] == '-')
            {
                std::string value;
                if (word.rfind("-j", 0) == 0 && word.size() > 2 && word[2] != '=')
                {
                    word = "-j=" + word.substr(2); // -j4, as make and parallel take it
                }
                size_t equals = word.find('=');
                std::string name = word.substr(0, equals);
                if (switches.count(name))
                {
                    flags.emplace(name, "true");
                    continue;
                }
                if (!valued.count(name))
                {
                    throw UsageError("unknown option '" + name + "' for ipsec-sweep " + argv[1]);
                }
                if (equals != std::string::npos)
                {
                    value = word.substr(equals + 1);
                }
                else if (i + 1 < argc)
                {
                    value = argv[++i];
                }
                else
                {
                    throw UsageError("option " + name + " needs a value");
                }
                flags.emplace(name, value);
            }
            else
            {
                positional.push_back(word);
            }
        }
    }

    std::string Get(const std::string& name, const std::string& fallback = "") const
    {
        auto it = flags.find(name);
        return it == flags.end() ? fallback : it->second;
    }

    bool Has(const std::string& name) const
    {
        return flags.count(name) > 0;
    }

    std::string Required(const std::string& name) const
    {
        if (!Has(name))
        {
            throw UsageError("missing " + name);
        }
        return Get(name);
    }

    std::string OnlyPositional(const std::string& what) const
    {
        if (positional.size() != 1)
        {
            throw UsageError("expected one " + what);
        }
        return positional[0];
    }
};

/// \return \p text as a whole number from \p minimum to \p maximum (UsageError naming \p name).
unsigned long
WholeNumber(const std::string& name,
            const std::string& text,
            unsigned long minimum,
            unsigned long maximum)
{
    size_t used = 0;
    unsigned long value = 0;
    try
    {
        value = std::stoul(text, &used);
    }
    catch (const std::exception&)
    {
        used = 0;
    }
    if (text.empty() || text[0] == '-' || used != text.size() || value < minimum || value > maximum)
    {
        throw UsageError(name + " must be from " + std::to_string(minimum) + " to "
                         + std::to_string(maximum) + ", not '" + text + "'");
    }
    return value;
}

std::string
ToolPath()
{
    return (fs::path(OwnDirectory()) / "ipsec-sweep").string();
}

/// Spec -> checked plan (program resolved and asked for its options, plots checked).
SweepPlan
Prepare(const std::string& specPath)
{
    SweepSpec spec = SweepSpec::Load(specPath);
    std::string examples
        = (fs::path(OwnDirectory()) / ".." / "examples").lexically_normal().string();
    std::string program = ProgramOptions::Resolve(
        spec.program, fs::absolute(specPath).parent_path().string(), examples);
    ProgramOptions options = ProgramOptions::Read(program);
    try
    {
        options.Check(spec);
    }
    catch (const UsageError& e)
    {
        throw UsageError(specPath + ": " + e.what());
    }
    SweepPlan plan = SweepPlan::Make(spec, program, options.Has("outputDir"));
    for (auto& plot : plan.spec.plots)
    {
        try
        {
            plot = SweepPlot::Complete(plot, plan);
        }
        catch (const UsageError& e)
        {
            throw UsageError(specPath + ": " + e.what());
        }
    }
    return plan;
}

std::string
AbsoluteDirectory(const std::string& directory)
{
    return fs::absolute(directory).lexically_normal().string();
}

int
Aggregate(const SweepPlan& plan, const std::string& directory, bool drawPlots)
{
    SweepSummary summary = SweepSummary::Compute(plan, directory);
    summary.Write(directory);
    std::cout << "summary: " << directory << "/summary.csv and summary.json (" << plan.points.size()
              << " points, " << summary.Failed() << " failed runs, " << summary.NotRun()
              << " not run)" << std::endl;
    if (drawPlots)
    {
        for (const auto& plot : plan.spec.plots)
        {
            for (const auto& file : SweepPlot::Draw(plot, summary, directory))
            {
                std::cout << "figure: " << file << std::endl;
            }
        }
    }
    return summary.Failed() > 0 ? 1 : 0;
}

int
CommandRun(const Arguments& args)
{
    std::string specPath = args.OnlyPositional("SPEC.json");
    std::string directory = AbsoluteDirectory(args.Required("--out"));
    unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    unsigned jobs = args.Has("-j") ? WholeNumber("-j", args.Get("-j"), 1, 4096) : hardware;
    SweepPlan plan = Prepare(specPath);
    plan.Save(directory);
    std::vector<size_t> all(plan.runs.size());
    for (size_t i = 0; i < all.size(); ++i)
    {
        all[i] = i;
    }
    SweepRunner runner(plan, directory);
    RunnerCounts counts = runner.Run(all, jobs, !args.Has("--quiet"));
    if (counts.interrupted)
    {
        std::cerr << "ipsec-sweep: interrupted; run the same command again to finish the sweep"
                  << std::endl;
        return 130;
    }
    int status = Aggregate(plan, directory, true);
    if (counts.failed > 0)
    {
        std::cerr << "ipsec-sweep: " << counts.failed
                  << " runs failed; see their run.json (status, exit_status, stderr_tail)"
                  << std::endl;
    }
    return status;
}

int
CommandCheck(const Arguments& args)
{
    SweepPlan plan = Prepare(args.OnlyPositional("SPEC.json"));
    std::cout << plan.spec.name << ": " << plan.programPath << ", " << plan.points.size()
              << " points x " << plan.spec.replications << " replications = " << plan.runs.size()
              << " runs\n";
    for (const auto& run : plan.runs)
    {
        std::cout << "  " << run.id << ": " << ShellCommand(run.argv) << "\n";
    }
    return 0;
}

int
CommandJobs(const Arguments& args)
{
    std::string directory = AbsoluteDirectory(args.Required("--out"));
    SweepPlan plan = Prepare(args.OnlyPositional("SPEC.json"));
    plan.Save(directory);
    std::cout << JobScripts::CommandLines(plan, ToolPath(), directory, args.Has("--missing"));
    return 0;
}

int
CommandSlurm(const Arguments& args)
{
    std::string directory = AbsoluteDirectory(args.Required("--out"));
    SweepPlan plan = Prepare(args.OnlyPositional("SPEC.json"));
    SlurmSettings settings;
    settings.partition = args.Get("--partition");
    settings.timeLimit = args.Get("--time", settings.timeLimit);
    settings.memory = args.Get("--mem", settings.memory);
    if (args.Has("--max-parallel"))
    {
        settings.maxParallel
            = WholeNumber("--max-parallel", args.Get("--max-parallel"), 1, 1000000);
    }
    plan.Save(directory);
    fs::create_directories(directory + "/slurm"); // sbatch does not create --output's folder
    std::string script = directory + "/sweep.sbatch";
    WriteFileAtomically(script, JobScripts::Slurm(plan, ToolPath(), directory, settings));
    fs::permissions(script, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add);
    std::cout << "wrote " << script << " (" << plan.runs.size()
              << " array tasks); submit with: sbatch " << ShellQuote(script) << std::endl;
    return 0;
}

int
CommandExec(const Arguments& args)
{
    if (!args.positional.empty())
    {
        throw UsageError("exec takes no positional argument");
    }
    std::string directory = AbsoluteDirectory(args.Required("--out"));
    SweepPlan plan = SweepPlan::Load(directory);
    size_t index = 0;
    if (args.Has("--run") == args.Has("--index"))
    {
        throw UsageError("exec needs exactly one of --run ID and --index I");
    }
    if (args.Has("--run"))
    {
        index = &plan.FindRun(args.Get("--run")) - plan.runs.data();
    }
    else
    {
        index = WholeNumber("--index", args.Get("--index"), 0, plan.runs.size() - 1);
    }
    SweepRunner runner(plan, directory);
    if (args.Has("--force"))
    {
        fs::remove(RunDirectory(directory, plan.runs[index]) + "/run.json");
    }
    RunnerCounts counts = runner.Run({index}, 1, false);
    if (counts.interrupted)
    {
        return 130;
    }
    return counts.failed > 0 ? 1 : 0;
}

int
CommandAggregate(const Arguments& args)
{
    std::string directory = AbsoluteDirectory(args.OnlyPositional("sweep folder DIR"));
    return Aggregate(SweepPlan::Load(directory), directory, false);
}

int
CommandPlot(const Arguments& args)
{
    std::string directory = AbsoluteDirectory(args.OnlyPositional("sweep folder DIR"));
    SweepPlan plan = SweepPlan::Load(directory);
    SweepSummary summary = SweepSummary::Compute(plan, directory);
    std::vector<PlotSpec> plots;
    if (args.Has("--x") || args.Has("--y"))
    {
        PlotSpec plot;
        plot.x = args.Required("--x");
        plot.y = args.Required("--y");
        plot.series = args.Get("--series");
        plot.name = args.Get("--name");
        plot.title = args.Get("--title");
        plot.xlabel = args.Get("--xlabel");
        plot.ylabel = args.Get("--ylabel");
        plot.logx = args.Has("--logx");
        plot.logy = args.Has("--logy");
        if (args.Has("--yscale"))
        {
            char* end = nullptr;
            plot.yscale = std::strtod(args.Get("--yscale").c_str(), &end);
            if (*end != '\0' || !(plot.yscale > 0))
            {
                throw UsageError("--yscale must be a number above 0, not '" + args.Get("--yscale")
                                 + "'");
            }
        }
        auto range = args.flags.equal_range("--where");
        for (auto it = range.first; it != range.second; ++it)
        {
            size_t equals = it->second.find('=');
            if (equals == std::string::npos)
            {
                throw UsageError("--where takes OPTION=VALUE, not '" + it->second + "'");
            }
            plot.where.emplace_back(it->second.substr(0, equals),
                                    nlohmann::ordered_json(it->second.substr(equals + 1)));
        }
        plots.push_back(plot);
    }
    else
    {
        plots = plan.spec.plots;
        if (plots.empty())
        {
            throw UsageError("the spec has no 'plots': give --x and --y");
        }
    }
    for (const auto& plot : plots)
    {
        for (const auto& file : SweepPlot::Draw(plot, summary, directory))
        {
            std::cout << "figure: " << file << std::endl;
        }
    }
    return 0;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string command = argc > 1 ? argv[1] : "";
    try
    {
        if (command == "run")
        {
            return CommandRun(Arguments(argc, argv, {"--out", "-j"}, {"--quiet"}));
        }
        if (command == "check")
        {
            return CommandCheck(Arguments(argc, argv, {}, {}));
        }
        if (command == "jobs")
        {
            return CommandJobs(Arguments(argc, argv, {"--out"}, {"--missing"}));
        }
        if (command == "slurm")
        {
            return CommandSlurm(Arguments(
                argc, argv, {"--out", "--partition", "--time", "--mem", "--max-parallel"}, {}));
        }
        if (command == "exec")
        {
            return CommandExec(Arguments(argc, argv, {"--out", "--run", "--index"}, {"--force"}));
        }
        if (command == "aggregate")
        {
            return CommandAggregate(Arguments(argc, argv, {}, {}));
        }
        if (command == "plot")
        {
            return CommandPlot(Arguments(argc,
                                         argv,
                                         {"--x",
                                          "--y",
                                          "--series",
                                          "--where",
                                          "--name",
                                          "--title",
                                          "--xlabel",
                                          "--ylabel",
                                          "--yscale"},
                                         {"--logx", "--logy"}));
        }
        if (command == "help" || command == "--help" || command == "-h")
        {
            std::cout << USAGE;
            return 0;
        }
        throw UsageError(command.empty() ? "no command given"
                                         : "unknown command '" + command + "'");
    }
    catch (const UsageError& e)
    {
        bool known
            = std::set<std::string>{"run", "check", "jobs", "slurm", "exec", "aggregate", "plot"}
                  .count(command)
              > 0;
        std::cerr << "ipsec-sweep: " << e.what() << "\n" << (known ? "" : USAGE);
        return 2;
    }
    catch (const std::exception& e)
    {
        std::cerr << "ipsec-sweep: " << e.what() << std::endl;
        return 1;
    }
}
