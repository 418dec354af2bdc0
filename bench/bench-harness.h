/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_BENCH_HARNESS_H
#define IPSEC_BENCH_HARNESS_H

// Shared by the wall-time benchmarks: the canonical host1 - gw1 = gw2 - host2 scenario with
// constant-rate UDP, each variant configuring the gateways its way; interleaved timed runs and
// medians, because this VM's speed drifts between runs (shared/spec/platform.md).

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/gateway-pair-topology.h"
#include "ns3/network-module.h"
#include "ns3/option-checks.h"

#include <malloc.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{
namespace bench
{

/// Options every wall-time benchmark shares.
struct ScenarioOptions
{
    double duration{1.0}; //!< simulated seconds of traffic per run
    uint32_t repetitions{5};
    std::string rate{"2Gbps"};
    std::string linkRate{"10Gbps"};
    std::string linkDelay{"100us"};
    uint32_t packetSize{1400};
    bool warmup{true};
    std::string only; //!< run only the variant of this name (for profiling)

    /// Registers the options with \p cmd.
    void AddTo(CommandLine& cmd)
    {
        cmd.AddValue("duration", "simulated seconds of traffic per run", duration);
        cmd.AddValue("repetitions", "timed runs of each variant (interleaved)", repetitions);
        cmd.AddValue("rate", "UDP rate offered by host1; keep it below linkRate", rate);
        cmd.AddValue("linkRate", "rate of every point-to-point link", linkRate);
        cmd.AddValue("linkDelay", "delay of every point-to-point link", linkDelay);
        cmd.AddValue("packetSize", "UDP payload bytes per packet (24 to 1400)", packetSize);
        cmd.AddValue("warmup", "run each variant once, untimed, at a tenth of --duration", warmup);
        cmd.AddValue("only", "run only the variant of this name, e.g. to profile it", only);
    }

    /// Throws std::invalid_argument naming the first bad option.
    void Validate() const
    {
        optioncheck::PositiveDataRate("rate", rate);
        optioncheck::PositiveDataRate("linkRate", linkRate);
        TimeValue delay;
        if (!delay.DeserializeFromString(linkDelay, MakeTimeChecker()) || delay.Get().IsNegative())
        {
            throw std::invalid_argument("--linkDelay=" + linkDelay
                                        + " is not a time: expected e.g. 100us");
        }
        optioncheck::Positive("duration", duration, 1e4, "seconds");
        optioncheck::InRange("repetitions", repetitions, 1, 100);
        optioncheck::InRange("packetSize", packetSize, 24, 1400, "bytes");
    }
};

/// One way to run the scenario: its name, how it sets up the gateways, and a check of the
/// finished run (e.g. that every packet went through the tunnel; throw to fail).
struct Variant
{
    std::string name;
    std::function<void(GatewayPairTopology&)> configure;
    std::function<void(GatewayPairTopology&, uint64_t delivered)> check;
};

/// What one timed run produced.
struct RunResult
{
    uint64_t delivered{0}; //!< packets received by the sink
    double wallSeconds{0}; //!< wall time of Simulator::Run()
    double cpuSeconds{0};  //!< CPU time of this thread during Simulator::Run()

    double UsPerPacket() const
    {
        return delivered == 0 ? 0 : wallSeconds * 1e6 / delivered;
    }

    double CpuUsPerPacket() const
    {
        return delivered == 0 ? 0 : cpuSeconds * 1e6 / delivered;
    }
};

/// \return the CPU time of this thread, in seconds (less sensitive than wall time to other
/// processes on the VM, so it is printed next to it).
inline double
ThreadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

/// \return the median of \p values (the mean of the middle two for an even count).
inline double
Median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/// Builds the scenario for \p variant, runs \p duration seconds of traffic and times Run().
inline RunResult
RunOnce(const Variant& variant, const ScenarioOptions& o, double duration)
{
    RunResult result;
    GatewayPairTopology topology(o.linkRate, o.linkDelay);
    variant.configure(topology);
    uint16_t port = 5001;
    Time start = Seconds(0.01);
    Time stop = start + Seconds(duration);
    OnOffHelper source("ns3::UdpSocketFactory", InetSocketAddress(topology.Host2Address(), port));
    source.SetConstantRate(DataRate(o.rate), o.packetSize);
    ApplicationContainer sourceApp = source.Install(topology.Host1());
    sourceApp.Start(start);
    sourceApp.Stop(stop);
    PacketSinkHelper sink("ns3::UdpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), port));
    ApplicationContainer sinkApp = sink.Install(topology.Host2());
    // Let the last packets arrive: three hops of link delay and serialization.
    Simulator::Stop(stop + MilliSeconds(10));

    double cpuBegin = ThreadCpuSeconds();
    auto begin = std::chrono::steady_clock::now();
    Simulator::Run();
    auto end = std::chrono::steady_clock::now();
    result.cpuSeconds = ThreadCpuSeconds() - cpuBegin;
    result.wallSeconds = std::chrono::duration<double>(end - begin).count();
    result.delivered = DynamicCast<PacketSink>(sinkApp.Get(0))->GetTotalRx() / o.packetSize;
    if (variant.check)
    {
        variant.check(topology, result.delivered);
    }
    Simulator::Destroy();
    return result;
}

/**
 * Runs \p variants interleaved o.repetitions times (after an untimed warm-up), prints each run
 * and a table of medians with ratios to the first variant.
 * \return each variant's median wall microseconds per delivered packet (empty on failure,
 * after printing why)
 */
inline std::vector<double>
RunVariants(const std::string& program, std::vector<Variant> variants, const ScenarioOptions& o)
{
    if (!o.only.empty())
    {
        auto it = std::find_if(
            variants.begin(), variants.end(), [&o](const Variant& v) { return v.name == o.only; });
        if (it == variants.end())
        {
            std::fprintf(
                stderr, "%s: --only=%s is not a variant\n", program.c_str(), o.only.c_str());
            return {};
        }
        variants = {*it};
    }
    std::vector<std::vector<RunResult>> results(variants.size());
    try
    {
        if (o.warmup)
        {
            for (const auto& v : variants)
            {
                RunOnce(v, o, o.duration / 10);
            }
        }
        for (uint32_t r = 0; r < o.repetitions; ++r)
        {
            for (size_t i = 0; i < variants.size(); ++i)
            {
                RunResult run = RunOnce(variants[i], o, o.duration);
                results[i].push_back(run);
                std::printf("  run %u %-16s %9llu packets %7.3f wall s %7.3f us/packet"
                            " (cpu %7.3f us/packet)\n",
                            r + 1,
                            variants[i].name.c_str(),
                            static_cast<unsigned long long>(run.delivered),
                            run.wallSeconds,
                            run.UsPerPacket(),
                            run.CpuUsPerPacket());
                std::fflush(stdout);
            }
        }
    }
    catch (const std::exception& e)
    {
        std::fprintf(stderr, "%s: %s\n", program.c_str(), e.what());
        return {};
    }
    std::vector<double> usPerPacket(variants.size());
    std::vector<double> cpuUsPerPacket(variants.size());
    std::printf("\n%-16s %10s %8s %10s %8s %14s %10s\n",
                "variant",
                "delivered",
                "wall s",
                "us/packet",
                "ratio",
                "cpu us/packet",
                "cpu ratio");
    for (size_t i = 0; i < variants.size(); ++i)
    {
        std::vector<double> delivered;
        std::vector<double> wall;
        std::vector<double> perPacket;
        std::vector<double> cpuPerPacket;
        for (const RunResult& run : results[i])
        {
            delivered.push_back(static_cast<double>(run.delivered));
            wall.push_back(run.wallSeconds);
            perPacket.push_back(run.UsPerPacket());
            cpuPerPacket.push_back(run.CpuUsPerPacket());
        }
        usPerPacket[i] = Median(perPacket);
        cpuUsPerPacket[i] = Median(cpuPerPacket);
        if (usPerPacket[i] <= 0)
        {
            std::fprintf(
                stderr, "%s: %s delivered no packets\n", program.c_str(), variants[i].name.c_str());
            return {};
        }
        std::printf("%-16s %10.0f %8.3f %10.3f %8.3f %14.3f %10.3f\n",
                    variants[i].name.c_str(),
                    Median(delivered),
                    Median(wall),
                    usPerPacket[i],
                    usPerPacket[i] / usPerPacket[0],
                    cpuUsPerPacket[i],
                    cpuUsPerPacket[i] / cpuUsPerPacket[0]);
    }
    std::printf("(medians over %u runs; ratio = us/packet over that of %s)\n",
                o.repetitions,
                variants[0].name.c_str());
    return usPerPacket;
}

/**
 * \brief Runs this program again with \p arguments (for a measurement in a fresh process, whose
 * heap and peak RSS are its own), forwards its output, and returns its result line.
 * \param arguments the command line after the program's path (passed through the shell)
 * \param resultPrefix how the child's machine-readable result line starts
 * \returns that line; throws std::runtime_error if the child fails or prints none
 */
inline std::string
RunSelf(const std::string& arguments, const std::string& resultPrefix)
{
    std::vector<char> self(4096);
    ssize_t length = readlink("/proc/self/exe", self.data(), self.size() - 1);
    if (length <= 0)
    {
        throw std::runtime_error("cannot find this program's path in /proc/self/exe");
    }
    std::string command = "'" + std::string(self.data(), length) + "' " + arguments;
    std::fflush(stdout);
    FILE* child = popen(command.c_str(), "r");
    if (child == nullptr)
    {
        throw std::runtime_error("cannot run " + command);
    }
    std::string result;
    char line[4096];
    while (std::fgets(line, sizeof(line), child) != nullptr)
    {
        std::string text(line);
        if (text.rfind(resultPrefix, 0) == 0)
        {
            result = text;
        }
        else
        {
            std::fputs(line, stdout);
            std::fflush(stdout);
        }
    }
    int status = pclose(child);
    if (status != 0 || result.empty())
    {
        throw std::runtime_error("the measurement failed (" + command + ")");
    }
    return result;
}

/// Memory of this process at one moment.
struct MemorySnapshot
{
    uint64_t rssBytes{0};  //!< VmRSS
    uint64_t heapBytes{0}; //!< malloc'ed and not freed (mallinfo2 uordblks + hblkhd)
};

/// \return the \p field line ("VmRSS", "VmHWM") of /proc/self/status, in bytes; throws if it
/// cannot be read.
inline uint64_t
ReadStatusBytes(const std::string& field)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
    {
        if (line.rfind(field + ":", 0) == 0)
        {
            return std::stoull(line.substr(field.size() + 1)) * 1024; // the kernel prints kB
        }
    }
    throw std::runtime_error("no " + field + " line in /proc/self/status");
}

/// \return VmRSS, in bytes
inline uint64_t
ReadRssBytes()
{
    return ReadStatusBytes("VmRSS");
}

/// \returns the peak resident memory of this process so far (VmHWM), in bytes
inline uint64_t
ReadPeakRssBytes()
{
    return ReadStatusBytes("VmHWM");
}

/// Returns free heap pages to the system first, so that RSS counts what is in use.
inline MemorySnapshot
TakeSnapshot()
{
    malloc_trim(0);
    MemorySnapshot s;
    s.rssBytes = ReadRssBytes();
    struct mallinfo2 info = mallinfo2();
    s.heapBytes = info.uordblks + info.hblkhd;
    return s;
}

} // namespace bench
} // namespace ns3

#endif // IPSEC_BENCH_HARNESS_H
