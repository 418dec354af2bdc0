/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// ipsec-sweep's input: every kind of bad spec is refused with exit status 2, a message naming
// the key or value and what was expected, and no run started (no sweep folder made); a good
// spec expands into the planned runs in grid order with one RngRun per replication.

#include "sweep/sweep-plan.h"
#include "sweep/sweep-spec.h"
#include "test-utilities.h"

#include "ns3/test.h"

#include <filesystem>
#include <utility>
#include <vector>

using namespace ns3;
using namespace ns3::ipsectest;

namespace
{

/// A spec that is fine but for one thing, and the words its refusal must contain.
struct BadSpec
{
    std::string what;
    std::string text;
    std::string expected;
};

class BadSpecTestCase : public TestCase
{
  public:
    explicit BadSpecTestCase(const BadSpec& bad)
        : TestCase("refuses " + bad.what)
        , m_bad(bad)
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-sweep-bad");
        WriteFile(dir + "/spec.json", m_bad.text);
        for (const char* command : {"run", "check", "jobs", "slurm"})
        {
            std::string output;
            std::string out = std::string(command) == "check" ? "" : " --out " + dir + "/out";
            int status = RunCommand(
                ToolPath("ipsec-sweep") + " " + command + " " + dir + "/spec.json" + out, output);
            NS_TEST_EXPECT_MSG_EQ(status, 2, command << ": exit status 2: " << output);
            NS_TEST_EXPECT_MSG_NE(output.find(m_bad.expected),
                                  std::string::npos,
                                  command << ": message names the problem: " << output);
            NS_TEST_EXPECT_MSG_EQ(std::filesystem::exists(dir + "/out"),
                                  false,
                                  command << ": no sweep folder, no run");
        }
        std::filesystem::remove_all(dir);
    }

    BadSpec m_bad;
};

/// Specs that parse and check: the runs come out in grid order, last option fastest.
class PlanTestCase : public TestCase
{
  public:
    PlanTestCase()
        : TestCase("a grid and points expand into runs: order, names, RngRun, command line")
    {
    }

  private:
    void DoRun() override
    {
        using namespace ns3::sweep;
        SweepSpec spec = SweepSpec::Parse(R"({"program": "p", "fixed": {"duration": 0.02},
            "grid": {"cpus": [1, 2], "saMode": ["single", "per-cpu"]},
            "points": [{"cpus": 16, "saMode": "per-cpu", "flows": 8}],
            "replications": 2, "seed": 7, "first_run": 10, "metrics": ["results.goodput_bps"]})",
                                          "test");
        SweepPlan plan = SweepPlan::Make(spec, "/bin/p", true);
        NS_TEST_ASSERT_MSG_EQ(plan.points.size(), 5, "4 grid points and 1 explicit point");
        NS_TEST_ASSERT_MSG_EQ(plan.runs.size(), 10, "5 points x 2 replications");
        NS_TEST_EXPECT_MSG_EQ(plan.points[0].name, "cpus-1_saMode-single", "first point");
        NS_TEST_EXPECT_MSG_EQ(plan.points[1].name, "cpus-1_saMode-per-cpu", "last option fastest");
        NS_TEST_EXPECT_MSG_EQ(plan.points[2].name, "cpus-2_saMode-single", "then the first");
        NS_TEST_EXPECT_MSG_EQ(plan.points[4].name,
                              "cpus-16_saMode-per-cpu_flows-8",
                              "explicit point, in the varied options' order");
        NS_TEST_EXPECT_MSG_EQ(plan.runs[1].id, "cpus-1_saMode-single-r2", "run id");
        NS_TEST_EXPECT_MSG_EQ(plan.runs[1].rngRun, 11, "replication 2 uses first_run + 1");
        NS_TEST_EXPECT_MSG_EQ(
            plan.runs[3].rngRun, 11, "every point: the same RngRun per replication");
        std::vector<std::string> argv = {"/bin/p",
                                         "--duration=0.02",
                                         "--cpus=1",
                                         "--saMode=per-cpu",
                                         "--RngSeed=7",
                                         "--RngRun=10",
                                         "--outputDir=."};
        NS_TEST_EXPECT_MSG_EQ((plan.runs[2].argv == argv), true, ShellCommand(plan.runs[2].argv));
        std::vector<std::string> varied = {"cpus", "saMode", "flows"};
        NS_TEST_EXPECT_MSG_EQ((spec.VariedOptions() == varied), true, "varied options");

        // The plan survives sweep.json unchanged.
        std::string dir = MakeTempDirectory("ipsec-sweep-plan");
        plan.Save(dir);
        SweepPlan loaded = SweepPlan::Load(dir);
        NS_TEST_EXPECT_MSG_EQ(loaded.ToJson().dump(), plan.ToJson().dump(), "sweep.json");
        std::filesystem::remove_all(dir);

        // Paths into the output document.
        nlohmann::json document = {{"results", {{"cores", {{{"jobs", 3}}, {{"jobs", 5}}}}}}};
        const nlohmann::json* jobs = FindPath(document, "results.cores.1.jobs");
        NS_TEST_ASSERT_MSG_EQ((jobs != nullptr), true, "array index in a path");
        NS_TEST_EXPECT_MSG_EQ(jobs->get<int>(), 5, "value");
        NS_TEST_EXPECT_MSG_EQ(
            (FindPath(document, "results.cores.2.jobs") == nullptr), true, "past the end");
        NS_TEST_EXPECT_MSG_EQ((FindPath(document, "results.nope") == nullptr), true, "missing key");
        NS_TEST_EXPECT_MSG_EQ(OptionText(nlohmann::ordered_json(0.02)), "0.02", "number text");
        NS_TEST_EXPECT_MSG_EQ(OptionText(nlohmann::ordered_json(true)), "true", "boolean text");
    }

    static std::string ShellCommand(const std::vector<std::string>& argv)
    {
        std::string text;
        for (const auto& word : argv)
        {
            text += word + " ";
        }
        return text;
    }
};

/// The studies shipped in examples/studies/ check against their programs.
class ShippedStudiesTestCase : public TestCase
{
  public:
    ShippedStudiesTestCase()
        : TestCase("the shipped study specs check against their programs")
    {
    }

  private:
    void DoRun() override
    {
        for (const auto& [study, runs] : std::vector<std::pair<std::string, std::string>>{
                 {"per-cpu-scaling", "15 points x 3 replications = 45 runs"},
                 {"ts-max-queue", "5 points x 3 replications = 15 runs"},
                 {"rekey-storm", "10 points x 3 replications = 30 runs"}})
        {
            std::string output;
            int status = RunCommand(ToolPath("ipsec-sweep") + " check " + IPSEC_SOURCE_DIR
                                        + "/examples/studies/" + study + ".json",
                                    output);
            NS_TEST_EXPECT_MSG_EQ(status, 0, study << ": " << output);
            NS_TEST_EXPECT_MSG_NE(output.find(runs), std::string::npos, study << ": " << output);
        }
    }
};

/// A good spec with a bad command line: refused the same way.
class BadCommandLineTestCase : public TestCase
{
  public:
    BadCommandLineTestCase()
        : TestCase("refuses a bad command line: -j 0, no --out, unknown option or command")
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-sweep-cli");
        WriteFile(dir + "/spec.json",
                  R"({"program": "per-cpu-sa-scaling", "grid": {"cpus": [1]},
                      "metrics": ["results.goodput_bps"]})");
        std::string spec = dir + "/spec.json";
        for (const auto& [arguments, expected] : std::vector<std::pair<std::string, std::string>>{
                 {"run " + spec + " --out " + dir + "/out -j 0",
                  "-j must be from 1 to 4096, not '0'"},
                 {"run " + spec + " --out " + dir + "/out -jfour", "-j must be from 1 to 4096"},
                 {"run " + spec, "missing --out"},
                 {"run " + spec + " --out " + dir + "/out --jobs 2", "unknown option '--jobs'"},
                 {"run --out " + dir + "/out", "expected one SPEC.json"},
                 {"aggregate " + dir + "/out", "holds no sweep (no sweep.json)"},
                 {"exec --out " + dir + "/out --run x", "holds no sweep (no sweep.json)"},
                 {"sweep " + spec, "unknown command 'sweep'"},
             })
        {
            std::string output;
            int status = RunCommand(ToolPath("ipsec-sweep") + " " + arguments, output);
            NS_TEST_EXPECT_MSG_EQ(status, 2, arguments << ": " << output);
            NS_TEST_EXPECT_MSG_NE(
                output.find(expected), std::string::npos, arguments << ": " << output);
            NS_TEST_EXPECT_MSG_EQ(std::filesystem::exists(dir + "/out"), false, arguments);
        }
        std::filesystem::remove_all(dir);
    }
};

/// Good except for what the case puts in: {"program", "grid", "metrics"} completed by \p rest.
std::string
Spec(const std::string& rest)
{
    return "{\"program\": \"per-cpu-sa-scaling\", \"metrics\": [\"results.goodput_bps\"]" + rest
           + "}";
}

class SweepSpecTestSuite : public TestSuite
{
  public:
    SweepSpecTestSuite()
        : TestSuite("ipsec-sweep-spec", UNIT)
    {
        AddTestCase(new PlanTestCase(), TestCase::QUICK);
        AddTestCase(new ShippedStudiesTestCase(), TestCase::QUICK);
        AddTestCase(new BadCommandLineTestCase(), TestCase::QUICK);
        const std::string grid = ", \"grid\": {\"cpus\": [1, 2]}";
        for (const BadSpec& bad : std::vector<BadSpec>{
                 {"malformed JSON (line and column)",
                  "{\"program\": \"per-cpu-sa-scaling\",\n  \"grid\": {\"cpus\": [1, 2,]}}",
                  "malformed JSON at line 2, column 26"},
                 {"a spec that is not an object", "[1, 2]", "a spec must be a JSON object"},
                 {"an unknown program",
                  Spec(grid).replace(13, 18, "no-such-example"),
                  "unknown program 'no-such-example': expected an example of"},
                 {"an unknown option of the program",
                  Spec(", \"grid\": {\"cores\": [1, 2]}"),
                  "unknown option 'cores' in 'grid'"},
                 {"an unknown fixed option",
                  Spec(grid + ", \"fixed\": {\"durration\": 1}"),
                  "unknown option 'durration' in 'fixed'"},
                 {"an attribute the TypeId lacks",
                  Spec(grid + ", \"fixed\": {\"ns3::IpsecDataPlane::NoSuch\": 1}"),
                  "ns3::IpsecDataPlane has no such attribute"},
                 {"an unknown TypeId",
                  Spec(grid + ", \"fixed\": {\"ns3::NoSuchType::Attr\": 1}"),
                  "the program knows no TypeId ns3::NoSuchType"},
                 {"an empty grid", Spec(", \"grid\": {}"), "nothing to run"},
                 {"a grid option without values",
                  Spec(", \"grid\": {\"cpus\": []}"),
                  "'grid.cpus' must be a non-empty list of values"},
                 {"a repeated grid value",
                  Spec(", \"grid\": {\"cpus\": [1, 1]}"),
                  "'grid.cpus' lists 1 twice"},
                 {"replications 0",
                  Spec(grid + ", \"replications\": 0"),
                  "'replications' must be a whole number of at least 1, not 0"},
                 {"replications not a number",
                  Spec(grid + ", \"replications\": \"3\""),
                  "'replications' must be a whole number of at least 1, not \"3\""},
                 {"no metrics",
                  "{\"program\": \"per-cpu-sa-scaling\"" + grid + "}",
                  "'metrics' must be a non-empty list"},
                 {"a metric that is no path",
                  Spec(grid).replace(Spec(grid).find("results.goodput_bps"), 19, "results..x"),
                  "metric \"results..x\" is not a dotted JSON path"},
                 {"an unknown key (typo)",
                  Spec(grid + ", \"replicatons\": 3"),
                  "unknown key 'replicatons' in the spec"},
                 {"an option the sweep sets",
                  Spec(grid + ", \"fixed\": {\"outputDir\": \"x\"}"),
                  "option 'outputDir' in 'fixed' is set by the sweep itself"},
                 {"RngRun in the grid",
                  Spec(", \"grid\": {\"RngRun\": [1, 2]}"),
                  "option 'RngRun' in 'grid' is set by the sweep itself"},
                 {"an option with dashes",
                  Spec(", \"grid\": {\"--cpus\": [1, 2]}"),
                  "write option names without the leading --"},
                 {"an option both fixed and varied",
                  Spec(grid + ", \"fixed\": {\"cpus\": 4}"),
                  "option 'cpus' is both in 'fixed' and in 'grid'"},
                 {"a list as a fixed value",
                  Spec(grid + ", \"fixed\": {\"flows\": [1]}"),
                  "value of 'fixed'.flows must be a string, number or boolean"},
                 {"a plot of an option that does not vary",
                  Spec(grid + ", \"plots\": [{\"x\": \"flows\", \"y\": \"results.goodput_bps\"}]"),
                  "plot x 'flows' is not a varied option"},
                 {"a plot of a metric not listed",
                  Spec(grid + ", \"plots\": [{\"x\": \"cpus\", \"y\": \"results.latency\"}]"),
                  "plot y 'results.latency' is not one of the spec's metrics"},
                 {"a plot mixing points of another option",
                  Spec(", \"grid\": {\"cpus\": [1, 2], \"flows\": [4, 8]}, \"plots\": [{\"x\": "
                       "\"cpus\", \"y\": \"results.goodput_bps\"}]"),
                  "points differ in 'flows' too"},
                 {"a timeout of 0", Spec(grid + ", \"timeout_s\": 0"), "'timeout_s' must be"},
             })
        {
            AddTestCase(new BadSpecTestCase(bad), TestCase::QUICK);
        }
    }
};

SweepSpecTestSuite g_sweepSpecTestSuite;

} // namespace
