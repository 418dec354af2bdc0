/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// ipsec-sweep end to end on a short example: a 2x2x2 sweep run, aggregated and plotted; a
// sweep killed with -9 and resumed to the same results; failed runs recorded and counted, never
// averaged; GNU parallel and a Slurm job array giving the same run folders and summary as `run`.

#include "sweep/sweep-summary.h"
#include "test-utilities.h"

#include "ns3/test.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>

using namespace ns3;
using namespace ns3::ipsectest;
namespace fs = std::filesystem;

namespace
{

/// per-cpu-sa-scaling for 2 ms of traffic: about 0.2 s a run.
std::string
ShortSpec(const std::string& grid, int replications, const std::string& extra = "")
{
    return R"({"name": "test", "program": "per-cpu-sa-scaling",
  "fixed": {"duration": 0.002, "quiet": true},
  "grid": )"
           + grid + R"(, "replications": )" + std::to_string(replications) + R"(,
  "metrics": ["results.goodput_bps", "results.latency.p99_us", "results.gateways.gw1.cores.0.jobs"])"
           + extra + "}";
}

const std::string GRID_2X2X2
    = R"({"cpus": [1, 2], "saMode": ["single", "per-cpu"], "flows": [4, 8]})";

std::string
Sweep(const std::string& arguments, int& status)
{
    std::string output;
    status = RunCommand(ToolPath("ipsec-sweep") + " " + arguments, output);
    return output;
}

nlohmann::json
ReadJson(const std::string& path)
{
    return nlohmann::json::parse(ReadFile(path), nullptr, false);
}

/// The run folders' names under \p dir/runs.
std::vector<std::string>
RunIds(const std::string& dir)
{
    std::vector<std::string> ids;
    for (const auto& entry : fs::directory_iterator(dir + "/runs"))
    {
        ids.push_back(entry.path().filename().string());
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

class EndToEndTestCase : public TestCase
{
  public:
    EndToEndTestCase()
        : TestCase("2x2x2 sweep, 2 replications: runs, run.json, summary with Student-t CIs, "
                   "figures")
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-sweep-e2e");
        WriteFile(dir + "/spec.json",
                  ShortSpec(GRID_2X2X2,
                            2,
                            R"J(, "plots": [{"name": "goodput", "x": "cpus",
  "y": "results.goodput_bps", "series": "saMode", "where": {"flows": 8}, "yscale": 1e-9,
  "ylabel": "goodput (Gb/s)"}])J"));
        int status;
        std::string output = Sweep("run " + dir + "/spec.json --out " + dir + "/out -j 2", status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, output);
        NS_TEST_EXPECT_MSG_NE(output.find("16/16 runs done, 0 failed"), std::string::npos, output);
        std::vector<std::string> ids = RunIds(dir + "/out");
        NS_TEST_ASSERT_MSG_EQ(ids.size(), 16, "8 points x 2 replications, one folder each");

        nlohmann::json record
            = ReadJson(dir + "/out/runs/cpus-2_saMode-per-cpu_flows-8-r2/run.json");
        NS_TEST_EXPECT_MSG_EQ(record["status"], "ok", "status");
        NS_TEST_EXPECT_MSG_EQ(record["exit_status"], 0, "exit status");
        NS_TEST_EXPECT_MSG_EQ(record["rng_run"], 2, "replication 2 runs with RngRun 2");
        NS_TEST_EXPECT_MSG_EQ(record["parameters"]["cpus"], 2, "parameters");
        NS_TEST_EXPECT_MSG_EQ(record["parameters"]["saMode"], "per-cpu", "parameters");
        NS_TEST_EXPECT_MSG_NE(record["command"].get<std::string>().find(
                                  "--cpus=2 --saMode=per-cpu --flows=8 --RngSeed=1 --RngRun=2"),
                              std::string::npos,
                              "exact command line");
        NS_TEST_EXPECT_MSG_GT(record["wall_time_s"].get<double>(), 0, "wall time");
        NS_TEST_EXPECT_MSG_GT(record["peak_rss_kb"].get<double>(), 1000, "peak memory (kB)");
        NS_TEST_EXPECT_MSG_EQ(record.contains("stderr_tail"), false, "no stderr tail when ok");
        NS_TEST_EXPECT_MSG_EQ(
            ReadJson(dir + "/out/runs/cpus-2_saMode-per-cpu_flows-8-r2/metrics.json")["run"]["run"],
            2,
            "the program saw --RngRun=2");

        // Every point's statistics, recomputed here from its runs' metrics.json.
        nlohmann::json summary = ReadJson(dir + "/out/summary.json");
        NS_TEST_ASSERT_MSG_EQ(summary["points"].size(), 8, "one entry per point");
        NS_TEST_EXPECT_MSG_NE(summary["confidence"]["method"].get<std::string>().find("Student t"),
                              std::string::npos,
                              "method stated");
        for (const auto& point : summary["points"])
        {
            NS_TEST_EXPECT_MSG_EQ(point["ok"], 2, point["point"]);
            std::string name = point["point"];
            nlohmann::json r1 = ReadJson(dir + "/out/runs/" + name + "-r1/metrics.json");
            nlohmann::json r2 = ReadJson(dir + "/out/runs/" + name + "-r2/metrics.json");
            double x1 = r1["results"]["goodput_bps"];
            double x2 = r2["results"]["goodput_bps"];
            const nlohmann::json& s = point["metrics"]["results.goodput_bps"];
            double mean = (x1 + x2) / 2;
            double sd = std::fabs(x1 - x2) / std::sqrt(2.0);
            NS_TEST_EXPECT_MSG_EQ(s["n"], 2, name);
            NS_TEST_EXPECT_MSG_EQ_TOL(s["mean"].get<double>(), mean, 1e-6 * mean, name);
            NS_TEST_EXPECT_MSG_EQ_TOL(s["sd"].get<double>(), sd, 1e-6 * mean, name);
            // t(0.975, 1) = 12.7062 (published tables)
            NS_TEST_EXPECT_MSG_EQ_TOL(s["ci95_half_width"].get<double>(),
                                      12.7062047 * sd / std::sqrt(2.0),
                                      1e-6 * mean,
                                      name);
            NS_TEST_EXPECT_MSG_EQ(point["metrics"]["results.gateways.gw1.cores.0.jobs"]["n"],
                                  2,
                                  "array index in a metric path");
        }
        std::string csv = ReadFile(dir + "/out/summary.csv");
        NS_TEST_EXPECT_MSG_EQ(Lines(csv).size(), 9, "header and 8 rows");
        NS_TEST_EXPECT_MSG_EQ(
            Lines(csv)[0].rfind(
                "point,cpus,saMode,flows,runs,ok,failed,not_run,results.goodput_bps:n,"
                "results.goodput_bps:mean,results.goodput_bps:sd,"
                "results.goodput_bps:ci95_student_t",
                0),
            0,
            Lines(csv)[0]);

        // The spec's figure, and one asked for on the command line.
        output = Sweep("plot " + dir
                           + "/out --x flows --y results.latency.p99_us --series cpus "
                             "--where saMode=single --name latency",
                       status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, output);
        for (const std::string figure : {"goodput", "latency"})
        {
            std::string stem = dir + "/out/figures/" + figure;
            NS_TEST_EXPECT_MSG_EQ(ReadFile(stem + ".png").rfind("\x89PNG", 0), 0, stem << ".png");
            NS_TEST_EXPECT_MSG_GT(ReadFile(stem + ".png").size(), 5000, stem << ".png non-empty");
            NS_TEST_EXPECT_MSG_NE(ReadFile(stem + ".svg").find("<svg"), std::string::npos, "svg");
            NS_TEST_EXPECT_MSG_EQ(ReadFile(stem + ".pdf").rfind("%PDF", 0), 0, "pdf");
            NS_TEST_EXPECT_MSG_EQ(
                Lines(ReadFile(stem + ".dat")).size(), 7, "2 series x 2 points + comments");
        }
        NS_TEST_EXPECT_MSG_NE(
            ReadFile(dir + "/out/figures/latency.gp").find("set ylabel \"p99 (us)\""),
            std::string::npos,
            "unit from the metric's name: " << ReadFile(dir + "/out/figures/latency.gp"));
        NS_TEST_EXPECT_MSG_NE(ReadFile(dir + "/out/figures/goodput.svg").find("per-cpu"),
                              std::string::npos,
                              "legend names the series");

        // aggregate again: the same bytes.
        std::string before = ReadFile(dir + "/out/summary.json");
        output = Sweep("aggregate " + dir + "/out", status);
        NS_TEST_EXPECT_MSG_EQ(status, 0, output);
        NS_TEST_EXPECT_MSG_EQ(
            (ReadFile(dir + "/out/summary.json") == before), true, "same summary");
        fs::remove_all(dir);
    }
};

class ResumeTestCase : public TestCase
{
  public:
    ResumeTestCase()
        : TestCase("a sweep killed with -9 mid-way resumes: only missing runs run, same summary")
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-sweep-resume");
        WriteFile(dir + "/spec.json", ShortSpec(GRID_2X2X2, 2));
        std::string output;
        // -j 1 so that the kill lands between runs with some done and some not.
        int status = RunCommand(
            ToolPath("ipsec-sweep") + " run " + dir + "/spec.json --out " + dir
                + "/killed -j 1 --quiet > /dev/null 2>&1 & pid=$!; n=0; for i in $(seq 1 1000); do "
                  "n=$(ls "
                + dir
                + "/killed/runs/*/run.json 2>/dev/null | wc -l); "
                  "[ \"$n\" -ge 3 ] && break; sleep 0.01; done; kill -9 $pid; wait $pid; echo "
                  "\"done-before-kill=$n\"",
            output);
        NS_TEST_ASSERT_MSG_NE(output.find("done-before-kill="), std::string::npos, output);
        std::vector<std::string> done;
        for (const auto& id : RunIds(dir + "/killed"))
        {
            if (fs::exists(dir + "/killed/runs/" + id + "/run.json"))
            {
                done.push_back(id);
            }
        }
        NS_TEST_ASSERT_MSG_GT_OR_EQ(done.size(), 3, output);
        NS_TEST_ASSERT_MSG_LT(done.size(), 16, "killed before the end: " << output);
        std::map<std::string, std::string> records;
        for (const auto& id : done)
        {
            records[id] = ReadFile(dir + "/killed/runs/" + id + "/run.json");
        }

        output = Sweep("run " + dir + "/spec.json --out " + dir + "/killed -j 2", status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, output);
        NS_TEST_EXPECT_MSG_NE(output.find("(" + std::to_string(done.size()) + " from before)"),
                              std::string::npos,
                              output);
        for (const auto& [id, record] : records)
        {
            NS_TEST_EXPECT_MSG_EQ((ReadFile(dir + "/killed/runs/" + id + "/run.json") == record),
                                  true,
                                  id << " was not run again");
        }
        output = Sweep("run " + dir + "/spec.json --out " + dir + "/fresh -j 2", status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, output);
        NS_TEST_EXPECT_MSG_EQ(
            (ReadFile(dir + "/killed/summary.json") == ReadFile(dir + "/fresh/summary.json")),
            true,
            "byte-identical summary.json");
        NS_TEST_EXPECT_MSG_EQ(
            (ReadFile(dir + "/killed/summary.csv") == ReadFile(dir + "/fresh/summary.csv")),
            true,
            "byte-identical summary.csv");
        for (const auto& id : RunIds(dir + "/fresh"))
        {
            NS_TEST_EXPECT_MSG_EQ((ReadFile(dir + "/killed/runs/" + id + "/metrics.json")
                                   == ReadFile(dir + "/fresh/runs/" + id + "/metrics.json")),
                                  true,
                                  id);
        }
        // Nothing left to do: a third invocation runs nothing.
        output = Sweep("run " + dir + "/spec.json --out " + dir + "/killed", status);
        NS_TEST_EXPECT_MSG_NE(
            output.find("16/16 runs done (16 from before)"), std::string::npos, output);
        fs::remove_all(dir);
    }
};

class FailedRunTestCase : public TestCase
{
  public:
    FailedRunTestCase()
        : TestCase("failed runs are recorded (exit status, stderr tail), counted, not averaged")
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-sweep-failed");
        // --cpus=0 is refused by the example (exit status 2).
        WriteFile(dir + "/spec.json", ShortSpec(R"({"cpus": [1, 0]})", 2));
        int status;
        std::string output = Sweep("run " + dir + "/spec.json --out " + dir + "/out", status);
        NS_TEST_EXPECT_MSG_EQ(status, 1, "a failed run makes the sweep's status 1: " << output);
        NS_TEST_EXPECT_MSG_NE(output.find("2 runs failed"), std::string::npos, output);
        nlohmann::json record = ReadJson(dir + "/out/runs/cpus-0-r1/run.json");
        NS_TEST_EXPECT_MSG_EQ(record["status"], "failed", "status");
        NS_TEST_EXPECT_MSG_EQ(record["exit_status"], 2, "the example's exit status");
        NS_TEST_EXPECT_MSG_EQ(record["error"], "exit status 2", "why");
        NS_TEST_EXPECT_MSG_NE(record["stderr_tail"].get<std::string>().find("cpus"),
                              std::string::npos,
                              "stderr tail names the bad option: " << record);
        nlohmann::json summary = ReadJson(dir + "/out/summary.json");
        NS_TEST_EXPECT_MSG_EQ(summary["totals"]["failed"], 2, "counted");
        const nlohmann::json& good = summary["points"][0];
        const nlohmann::json& bad = summary["points"][1];
        NS_TEST_EXPECT_MSG_EQ(good["ok"], 2, "the other point is whole");
        NS_TEST_EXPECT_MSG_EQ(good["metrics"]["results.goodput_bps"]["n"], 2, "and aggregated");
        NS_TEST_EXPECT_MSG_EQ(bad["failed"], 2, "failed runs of the point");
        NS_TEST_EXPECT_MSG_EQ(bad["failed_runs"][0], "cpus-0-r1", "named");
        NS_TEST_EXPECT_MSG_EQ(bad["metrics"]["results.goodput_bps"]["n"], 0, "nothing averaged");
        NS_TEST_EXPECT_MSG_EQ(
            bad["metrics"]["results.goodput_bps"]["mean"].is_null(), true, "no mean");
        NS_TEST_EXPECT_MSG_NE(ReadFile(dir + "/out/summary.csv").find("cpus-0,0,2,0,2,0,0,,,"),
                              std::string::npos,
                              ReadFile(dir + "/out/summary.csv"));

        // Exit status 0 but no output document: failed too.
        WriteFile(dir + "/missing.json",
                  ShortSpec(R"({"cpus": [1]})", 1, R"(, "output": "missing.json")"));
        output = Sweep("run " + dir + "/missing.json --out " + dir + "/missing", status);
        NS_TEST_EXPECT_MSG_EQ(status, 1, output);
        record = ReadJson(dir + "/missing/runs/cpus-1-r1/run.json");
        NS_TEST_EXPECT_MSG_EQ(record["exit_status"], 0, "the program itself was happy");
        NS_TEST_EXPECT_MSG_EQ(
            record["error"], "the program exited 0 but wrote no missing.json", "why");

        // A run over the spec's time limit is killed and recorded.
        WriteFile(dir + "/slow.json",
                  R"({"program": "per-cpu-sa-scaling", "fixed": {"duration": 5, "quiet": true},
                      "grid": {"cpus": [8]}, "timeout_s": 0.3, "metrics": ["results.goodput_bps"]})");
        output = Sweep("run " + dir + "/slow.json --out " + dir + "/slow", status);
        NS_TEST_EXPECT_MSG_EQ(status, 1, output);
        record = ReadJson(dir + "/slow/runs/cpus-8-r1/run.json");
        NS_TEST_EXPECT_MSG_EQ(
            record["error"], "killed after the spec's timeout_s of 0.3 s", record);
        NS_TEST_EXPECT_MSG_EQ(record["signal"], 9, "SIGKILL");
        NS_TEST_EXPECT_MSG_LT(record["wall_time_s"].get<double>(), 5.0, "not left to run");
        fs::remove_all(dir);
    }
};

/// Reference: the same spec through `run`.
std::string
RunReference(const std::string& dir, const std::string& spec)
{
    int status;
    std::string output = Sweep("run " + spec + " --out " + dir + " -j 2 --quiet", status);
    return status == 0 ? ReadFile(dir + "/summary.json") : "run failed: " + output;
}

class GnuParallelTestCase : public TestCase
{
  public:
    GnuParallelTestCase()
        : TestCase("jobs run by GNU parallel, then aggregate: byte-identical to run")
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-sweep-parallel");
        WriteFile(dir + "/spec.json", ShortSpec(GRID_2X2X2, 1));
        int status;
        std::string jobs = Sweep("jobs " + dir + "/spec.json --out " + dir + "/parallel", status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, jobs);
        NS_TEST_ASSERT_MSG_EQ(Lines(jobs).size(), 8, "one command line per run: " << jobs);
        NS_TEST_EXPECT_MSG_NE(
            jobs.find(" exec --out " + dir + "/parallel --run cpus-1_saMode-single_flows-4-r1"),
            std::string::npos,
            jobs);
        WriteFile(dir + "/jobs.txt", jobs);
        std::string output;
        status = RunCommand("parallel --will-cite -j 2 < " + dir + "/jobs.txt", output);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "GNU parallel (Debian package parallel): " << output);
        output = Sweep("aggregate " + dir + "/parallel", status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, output);
        std::string reference = RunReference(dir + "/run", dir + "/spec.json");
        NS_TEST_EXPECT_MSG_EQ(
            (ReadFile(dir + "/parallel/summary.json") == reference), true, "summary.json");
        for (const auto& id : RunIds(dir + "/run"))
        {
            NS_TEST_EXPECT_MSG_EQ((ReadFile(dir + "/parallel/runs/" + id + "/metrics.json")
                                   == ReadFile(dir + "/run/runs/" + id + "/metrics.json")),
                                  true,
                                  id);
        }
        output = Sweep("jobs " + dir + "/spec.json --out " + dir + "/parallel --missing", status);
        NS_TEST_EXPECT_MSG_EQ(output, "", "--missing: nothing left");
        fs::remove_all(dir);
    }
};

/// A private one-node Slurm cluster (test/local-slurm-cluster.sh) for as long as it lives.
class LocalSlurmCluster
{
  public:
    explicit LocalSlurmCluster(const std::string& dir)
        : m_dir(dir)
    {
        m_status = RunCommand(Script() + " start " + dir, m_output);
    }

    ~LocalSlurmCluster()
    {
        std::string ignored;
        RunCommand(Script() + " stop " + m_dir, ignored);
    }

    /// \return 0 if the cluster came up
    int Status() const
    {
        return m_status;
    }

    const std::string& Output() const
    {
        return m_output;
    }

    /// \return \p command with the cluster's SLURM_CONF
    std::string Command(const std::string& command) const
    {
        return "SLURM_CONF=" + m_dir + "/slurm.conf " + command;
    }

  private:
    static std::string Script()
    {
        return std::string("bash ") + IPSEC_SOURCE_DIR + "/test/local-slurm-cluster.sh";
    }

    std::string m_dir;
    std::string m_output;
    int m_status;
};

class SlurmTestCase : public TestCase
{
  public:
    SlurmTestCase()
        : TestCase(
            "slurm: sbatch --test-only takes the job array and Slurm runs it to run's results")
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-sweep-slurm");
        WriteFile(dir + "/spec.json",
                  ShortSpec(R"({"cpus": [1, 2], "saMode": ["single", "per-cpu"]})", 2));
        int status;
        std::string output = Sweep("slurm " + dir + "/spec.json --out " + dir
                                       + "/slurm --partition short --time 00:10:00 --mem 1G "
                                         "--max-parallel 4",
                                   status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, output);
        std::string script = ReadFile(dir + "/slurm/sweep.sbatch");
        for (const std::string& line :
             std::vector<std::string>{"#!/bin/bash",
                                      "#SBATCH --array=0-7%4",
                                      "#SBATCH --job-name=ipsec-sweep-test",
                                      "#SBATCH --partition=short",
                                      "#SBATCH --time=00:10:00",
                                      "#SBATCH --mem=1G",
                                      "#SBATCH --ntasks=1",
                                      "#SBATCH --output=" + dir + "/slurm/slurm/%A_%a.out"})
        {
            NS_TEST_EXPECT_MSG_NE(script.find(line + "\n"),
                                  std::string::npos,
                                  line << " in\n"
                                       << script);
        }
        NS_TEST_EXPECT_MSG_NE(
            script.find(" exec --out " + dir + "/slurm --index \"$SLURM_ARRAY_TASK_ID\""),
            std::string::npos,
            script);
        std::string result;
        NS_TEST_EXPECT_MSG_NE(RunCommand("bash " + dir + "/slurm/sweep.sbatch", result),
                              0,
                              "outside an array task it refuses");

        // A real Slurm: sbatch --test-only must accept the script, then run it to the end.
        // (stopped at the end of this block, before its folder goes)
        {
            LocalSlurmCluster cluster(dir + "/cluster");
            NS_TEST_ASSERT_MSG_EQ(cluster.Status(), 0, "local Slurm cluster: " << cluster.Output());
            status = RunCommand(
                cluster.Command("sbatch --test-only " + dir + "/slurm/sweep.sbatch"), result);
            NS_TEST_EXPECT_MSG_EQ(status, 0, result);
            NS_TEST_EXPECT_MSG_NE(result.find("to start at"), std::string::npos, result);
            NS_TEST_EXPECT_MSG_NE(result.find("in partition short"), std::string::npos, result);
            status = RunCommand(
                cluster.Command("timeout 300 sbatch --wait " + dir + "/slurm/sweep.sbatch"),
                result);
            NS_TEST_ASSERT_MSG_EQ(status, 0, "sbatch --wait: " << result);
            size_t taskOutputs = 0;
            for (const auto& entry : fs::directory_iterator(dir + "/slurm/slurm"))
            {
                taskOutputs += entry.path().extension() == ".out" ? 1 : 0;
            }
            NS_TEST_EXPECT_MSG_EQ(taskOutputs, 8, "one output file per array task");
            output = Sweep("aggregate " + dir + "/slurm", status);
            NS_TEST_ASSERT_MSG_EQ(status, 0, output);
            NS_TEST_EXPECT_MSG_EQ((ReadFile(dir + "/slurm/summary.json")
                                   == RunReference(dir + "/run", dir + "/spec.json")),
                                  true,
                                  "summary.json as from run");
        }
        output = Sweep("exec --out " + dir + "/slurm --index 8", status);
        NS_TEST_EXPECT_MSG_EQ(status, 2, output);
        NS_TEST_EXPECT_MSG_NE(
            output.find("--index must be from 0 to 7, not '8'"), std::string::npos, output);
        fs::remove_all(dir);
    }
};

/// The statistics against published values and a folder written by hand.
class SummaryStatisticsTestCase : public TestCase
{
  public:
    SummaryStatisticsTestCase()
        : TestCase("Student t quantiles match published tables; mean, sd, CI of known values")
    {
    }

  private:
    void DoRun() override
    {
        using ns3::sweep::SweepSummary;
        // t(0.975, df) from standard tables.
        for (const auto& [df, t] : std::vector<std::pair<unsigned, double>>{{1, 12.706},
                                                                            {2, 4.303},
                                                                            {3, 3.182},
                                                                            {4, 2.776},
                                                                            {9, 2.262},
                                                                            {29, 2.045},
                                                                            {120, 1.980}})
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(SweepSummary::StudentT975(df), t, 0.0005, "df " << df);
        }
        std::string dir = MakeTempDirectory("ipsec-sweep-stats");
        WriteFile(dir + "/program.sh", "#!/bin/sh\nexit 0\n");
        fs::permissions(dir + "/program.sh", fs::perms::owner_all);
        auto spec = ns3::sweep::SweepSpec::Parse(
            R"({"program": "x", "grid": {"a": [1]}, "replications": 5, "metrics": ["v", "w"]})",
            "test");
        auto plan = ns3::sweep::SweepPlan::Make(spec, dir + "/program.sh", false);
        // Values 1, 2, 3, 4 and a failed fifth run whose output must not count.
        for (size_t i = 0; i < plan.runs.size(); ++i)
        {
            std::string folder = dir + "/runs/" + plan.runs[i].id;
            fs::create_directories(folder);
            nlohmann::json record
                = {{"status", i < 4 ? "ok" : "failed"}, {"argv", plan.runs[i].argv}};
            WriteFile(folder + "/run.json", record.dump());
            WriteFile(folder + "/metrics.json",
                      nlohmann::json{{"v", i + 1},
                                     {"w", i == 0 ? nlohmann::json("text") : nlohmann::json(1)}}
                          .dump());
        }
        SweepSummary summary = SweepSummary::Compute(plan, dir);
        const auto& point = summary.Points().at(0);
        NS_TEST_EXPECT_MSG_EQ(point.ok, 4, "ok");
        NS_TEST_EXPECT_MSG_EQ(point.failed, 1, "failed");
        const auto& v = point.metrics.at(0);
        NS_TEST_EXPECT_MSG_EQ(v.n, 4, "n");
        NS_TEST_EXPECT_MSG_EQ_TOL(v.mean, 2.5, 1e-12, "mean of 1..4");
        NS_TEST_EXPECT_MSG_EQ_TOL(v.sd, 1.2909944487, 1e-9, "sd of 1..4 (n-1)");
        NS_TEST_EXPECT_MSG_EQ_TOL(
            v.ci95, 3.1824463 * 1.2909944487 / 2, 1e-6, "t(0.975,3) sd/sqrt(4)");
        NS_TEST_EXPECT_MSG_EQ(point.metrics.at(1).n, 3, "a value that is not a number is missing");
        NS_TEST_EXPECT_MSG_EQ(point.metrics.at(1).missing, 1, "and counted as such");
        fs::remove_all(dir);
    }
};

class SweepTestSuite : public TestSuite
{
  public:
    SweepTestSuite()
        : TestSuite("ipsec-sweep", SYSTEM)
    {
        AddTestCase(new SummaryStatisticsTestCase(), TestCase::QUICK);
        AddTestCase(new EndToEndTestCase(), TestCase::QUICK);
        AddTestCase(new ResumeTestCase(), TestCase::QUICK);
        AddTestCase(new FailedRunTestCase(), TestCase::QUICK);
        AddTestCase(new GnuParallelTestCase(), TestCase::QUICK);
        AddTestCase(new SlurmTestCase(), TestCase::QUICK);
    }
};

SweepTestSuite g_sweepTestSuite;

} // namespace
