/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "sweep-runner.h"

#include "process.h"
#include "progress-line.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

namespace ns3
{
namespace sweep
{

namespace fs = std::filesystem;

namespace
{

volatile std::sig_atomic_t g_stop = 0;

void
OnStopSignal(int)
{
    g_stop = 1;
}

std::string
ReadTail(const std::string& path, size_t maxBytes)
{
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.size() > maxBytes)
    {
        text = text.substr(text.size() - maxBytes);
        size_t newline = text.find('\n');
        if (newline != std::string::npos && newline + 1 < text.size())
        {
            text = text.substr(newline + 1);
        }
    }
    return text;
}

std::string
UtcNow()
{
    std::time_t now = std::time(nullptr);
    char text[32];
    std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    return text;
}

std::string
HostName()
{
    char name[256] = {0};
    gethostname(name, sizeof(name) - 1);
    return name;
}

/// Why the output document is not usable, or "" if it is.
std::string
CheckOutput(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
    {
        return "the program exited 0 but wrote no " + fs::path(path).filename().string();
    }
    nlohmann::json document = nlohmann::json::parse(in, nullptr, false);
    if (document.is_discarded() || !document.is_object())
    {
        return fs::path(path).filename().string() + " is not a JSON object";
    }
    return "";
}

} // namespace

struct SweepRunner::Running
{
    const PlannedRun* run;
    pid_t pid;
    std::chrono::steady_clock::time_point start;
    std::string startedUtc;
    bool timedOut{false};
};

SweepRunner::SweepRunner(const SweepPlan& plan, const std::string& directory)
    : m_plan(plan)
    , m_directory(directory)
{
}

bool
SweepRunner::IsDone(const PlannedRun& run) const
{
    std::ifstream in(RunDirectory(m_directory, run) + "/run.json");
    if (!in)
    {
        return false;
    }
    nlohmann::json record = nlohmann::json::parse(in, nullptr, false);
    return !record.is_discarded() && record.value("status", "") == "ok"
           && record.value("argv", std::vector<std::string>{}) == run.argv;
}

SweepRunner::Running
SweepRunner::Start(const PlannedRun& run) const
{
    std::string folder = RunDirectory(m_directory, run);
    fs::remove_all(folder); // outputs of a failed or cut-short attempt must not be mistaken
    fs::create_directories(folder);
    Running running;
    running.run = &run;
    running.startedUtc = UtcNow();
    running.start = std::chrono::steady_clock::now();
    running.pid = StartProcess(run.argv, folder, folder + "/stdout.txt", folder + "/stderr.txt");
    return running;
}

bool
SweepRunner::Finish(const Running& running, int status, long peakRssKb) const
{
    const PlannedRun& run = *running.run;
    std::string folder = RunDirectory(m_directory, run);
    double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - running.start).count();
    nlohmann::ordered_json record;
    record["id"] = run.id;
    nlohmann::ordered_json parameters = nlohmann::ordered_json::object();
    for (const auto& [option, value] : m_plan.spec.fixed)
    {
        parameters[option] = value;
    }
    for (const auto& [option, value] : m_plan.points[run.point].varied)
    {
        parameters[option] = value;
    }
    record["parameters"] = parameters;
    record["replication"] = run.replication;
    record["rng_seed"] = m_plan.spec.rngSeed;
    record["rng_run"] = run.rngRun;
    record["argv"] = run.argv;
    record["command"]
        = "cd " + ShellQuote(fs::absolute(folder).string()) + " && " + ShellCommand(run.argv);
    std::string error;
    if (running.timedOut)
    {
        error = "killed after the spec's timeout_s of "
                + nlohmann::json(m_plan.spec.timeoutSeconds).dump() + " s";
    }
    else if (WIFSIGNALED(status))
    {
        error = std::string("killed by signal ") + strsignal(WTERMSIG(status));
    }
    else if (WEXITSTATUS(status) != 0)
    {
        error = "exit status " + std::to_string(WEXITSTATUS(status));
    }
    else
    {
        error = CheckOutput(folder + "/" + m_plan.spec.output);
    }
    record["status"] = error.empty() ? "ok" : "failed";
    record["exit_status"] = WIFEXITED(status) ? nlohmann::json(WEXITSTATUS(status)) : nullptr;
    record["signal"] = WIFSIGNALED(status) ? nlohmann::json(WTERMSIG(status)) : nullptr;
    if (!error.empty())
    {
        record["error"] = error;
        record["stderr_tail"] = ReadTail(folder + "/stderr.txt", 2000);
    }
    record["wall_time_s"] = std::round(wall * 1000) / 1000;
    record["peak_rss_kb"] = peakRssKb;
    record["started_utc"] = running.startedUtc;
    record["host"] = HostName();
    WriteFileAtomically(folder + "/run.json", record.dump(2) + "\n");
    return !error.empty();
}

RunnerCounts
SweepRunner::Run(const std::vector<size_t>& which, unsigned jobs, bool progress)
{
    RunnerCounts counts;
    counts.total = which.size();
    std::vector<const PlannedRun*> todo;
    for (size_t index : which)
    {
        const PlannedRun& run = m_plan.runs.at(index);
        if (IsDone(run))
        {
            ++counts.resumed;
        }
        else
        {
            todo.push_back(&run);
        }
    }
    ProgressLine line(counts.total, counts.resumed, progress);
    g_stop = 0;
    struct sigaction action = {};
    action.sa_handler = OnStopSignal;
    struct sigaction oldInt;
    struct sigaction oldTerm;
    sigaction(SIGINT, &action, &oldInt);
    sigaction(SIGTERM, &action, &oldTerm);

    std::map<pid_t, Running> running;
    size_t next = 0;
    double timeout = m_plan.spec.timeoutSeconds;
    while ((next < todo.size() && !g_stop) || !running.empty())
    {
        while (!g_stop && next < todo.size() && running.size() < std::max(1u, jobs))
        {
            Running r = Start(*todo[next++]);
            running.emplace(r.pid, r);
        }
        int status = 0;
        struct rusage usage = {};
        pid_t pid = wait4(-1, &status, WNOHANG, &usage);
        if (pid > 0 && running.count(pid))
        {
            Running ended = running.at(pid);
            running.erase(pid);
            if (g_stop && !ended.timedOut)
            {
                continue; // cut short by the user: no run.json, so the next invocation reruns it
            }
            bool failed = Finish(ended, status, usage.ru_maxrss);
            ++counts.ran;
            counts.failed += failed ? 1 : 0;
            line.RunEnded(failed);
            continue;
        }
        if (pid < 0 && errno == ECHILD)
        {
            running.clear(); // nothing left to wait for
            continue;
        }
        auto now = std::chrono::steady_clock::now();
        for (auto& [childPid, r] : running)
        {
            bool late
                = timeout > 0 && std::chrono::duration<double>(now - r.start).count() > timeout;
            if ((late && !r.timedOut) || g_stop)
            {
                r.timedOut = r.timedOut || late;
                kill(childPid, g_stop ? SIGTERM : SIGKILL);
            }
        }
        line.Update();
        std::this_thread::sleep_for(std::chrono::milliseconds(g_stop ? 50 : 10));
    }
    counts.interrupted = g_stop != 0;
    line.Finish();
    sigaction(SIGINT, &oldInt, nullptr);
    sigaction(SIGTERM, &oldTerm, nullptr);
    return counts;
}

} // namespace sweep
} // namespace ns3
