/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Wall-clock cost of ESP per delivered packet, relative to plain forwarding.
//
//   host1 ---- gw1 ========== gw2 ---- host2     (GatewayPairTopology)
//
// One process times the same constant-rate UDP scenario three ways: plain forwarding
// (RouteInClear, no IPsec), an ESP tunnel in size-only mode and an ESP tunnel in real mode
// (AES-GCM-128). Only Simulator::Run() is timed. The variants run interleaved, several times
// each, and each variant's median is reported, because this VM's speed drifts between runs
// (shared/spec/platform.md). The last line is machine-readable:
//
//   esp_overhead sizeonly_ratio=X real_ratio=Y
//
// where a ratio is the variant's wall time per delivered packet over that of plain forwarding.

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/gateway-pair-topology.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-tunnel-helper.h"
#include "ns3/network-module.h"

#include <time.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// The three ways the scenario is run.
enum class Variant : uint8_t
{
    PLAIN,
    SIZE_ONLY,
    REAL,
};

constexpr std::array<Variant, 3> VARIANTS = {Variant::PLAIN, Variant::SIZE_ONLY, Variant::REAL};

/// \return the name printed in the table.
const char*
NameOf(Variant variant)
{
    switch (variant)
    {
        case Variant::PLAIN:
            return "plain";
        case Variant::SIZE_ONLY:
            return "esp-size-only";
        case Variant::REAL:
            return "esp-real";
    }
    return "?";
}

/// The benchmark's options, with their defaults.
struct Options
{
    double duration{1.0}; //!< simulated seconds of traffic per run
    uint32_t repetitions{5};
    std::string rate{"2Gbps"};
    std::string linkRate{"10Gbps"};
    std::string linkDelay{"100us"};
    uint32_t packetSize{1400};
    std::string algorithm{"aes128gcm16"};
    bool warmup{true};
    std::string only; //!< run only the variant of this name (for profiling)
};

/// What one timed run produced.
struct RunResult
{
    uint64_t delivered{0}; //!< packets received by the sink
    double wallSeconds{0}; //!< wall time of Simulator::Run()
    double cpuSeconds{0};  //!< CPU time of this thread during Simulator::Run()

    /// \return microseconds of wall time per delivered packet
    double UsPerPacket() const
    {
        return delivered == 0 ? 0 : wallSeconds * 1e6 / delivered;
    }

    /// \return microseconds of CPU time per delivered packet
    double CpuUsPerPacket() const
    {
        return delivered == 0 ? 0 : cpuSeconds * 1e6 / delivered;
    }
};

/// Throws std::invalid_argument naming the first bad option and what is accepted.
void
Validate(const Options& o)
{
    for (const auto& [name, text] : {std::pair<std::string, std::string>{"rate", o.rate},
                                     std::pair<std::string, std::string>{"linkRate", o.linkRate}})
    {
        DataRateValue value;
        if (text.empty() || text[0] == '-'
            || !value.DeserializeFromString(text, MakeDataRateChecker())
            || value.Get().GetBitRate() == 0)
        {
            throw std::invalid_argument("--" + name + "=" + text
                                        + " is not a positive data rate: expected e.g. 2Gbps");
        }
    }
    TimeValue delay;
    if (!delay.DeserializeFromString(o.linkDelay, MakeTimeChecker()) || delay.Get().IsNegative())
    {
        throw std::invalid_argument("--linkDelay=" + o.linkDelay
                                    + " is not a time: expected e.g. 100us");
    }
    CipherSuite::FromKeyword(o.algorithm); // throws, listing the accepted keywords
    if (!(o.duration > 0) || o.duration > 1e4)
    {
        throw std::invalid_argument("--duration=" + std::to_string(o.duration)
                                    + " is out of range: expected more than 0 seconds");
    }
    if (o.repetitions < 1 || o.repetitions > 100)
    {
        throw std::invalid_argument("--repetitions=" + std::to_string(o.repetitions)
                                    + " is out of range: expected 1 to 100");
    }
    if (o.packetSize < 24 || o.packetSize > 1400)
    {
        throw std::invalid_argument("--packetSize=" + std::to_string(o.packetSize)
                                    + " is out of range: expected 24 to 1400 bytes");
    }
}

/// \return the CPU time this thread has used, in seconds: less sensitive than wall time to other
/// processes on the VM, so it is printed next to it.
double
ThreadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

/// Builds the scenario for \p variant, runs \p duration seconds of traffic and times the run.
RunResult
RunOnce(Variant variant, const Options& o, double duration)
{
    RunResult result;
    {
        GatewayPairTopology topology(o.linkRate, o.linkDelay);
        if (variant == Variant::PLAIN)
        {
            topology.RouteInClear();
        }
        else
        {
            CryptoMode mode = variant == Variant::REAL ? CryptoMode::REAL : CryptoMode::SIZE_ONLY;
            IpsecHelper ipsec;
            ipsec.SetDataPlaneAttribute("DefaultCryptoMode", StringValue(ToString(mode)));
            ipsec.Install(topology.Gateways());
            int64_t stream = 1000;
            stream += ipsec.AssignStreams(topology.Gateways(), stream);
            IpsecTunnelHelper tunnelHelper;
            tunnelHelper.SetCipherSuite(CipherSuite::FromKeyword(o.algorithm));
            tunnelHelper.SetCryptoMode(mode);
            tunnelHelper.AssignStreams(stream);
            tunnelHelper.Install(topology.End1(), topology.End2());
        }

        uint16_t port = 5001;
        Time start = Seconds(0.01);
        Time stop = start + Seconds(duration);
        OnOffHelper source("ns3::UdpSocketFactory",
                           InetSocketAddress(topology.Host2Address(), port));
        source.SetConstantRate(DataRate(o.rate), o.packetSize);
        ApplicationContainer sourceApp = source.Install(topology.Host1());
        sourceApp.Start(start);
        sourceApp.Stop(stop);
        PacketSinkHelper sink("ns3::UdpSocketFactory",
                              InetSocketAddress(Ipv4Address::GetAny(), port));
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
        if (variant != Variant::PLAIN)
        {
            // A tunnel that dropped or bypassed packets would make the comparison meaningless.
            uint64_t received = topology.Gateway2()->GetObject<IpsecDataPlane>()->GetEspReceived();
            if (received != result.delivered)
            {
                throw std::runtime_error(std::string(NameOf(variant)) + ": gw2 accepted "
                                         + std::to_string(received) + " ESP packets but host2 got "
                                         + std::to_string(result.delivered));
            }
        }
        Simulator::Destroy();
    }
    return result;
}

/// \return the median of \p values (the mean of the middle two for an even count).
double
Median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    CommandLine cmd(__FILE__);
    cmd.AddValue("duration", "simulated seconds of traffic per run", o.duration);
    cmd.AddValue("repetitions", "timed runs of each variant (interleaved)", o.repetitions);
    cmd.AddValue("rate", "UDP rate offered by host1; keep it below linkRate", o.rate);
    cmd.AddValue("linkRate", "rate of every point-to-point link", o.linkRate);
    cmd.AddValue("linkDelay", "delay of every point-to-point link", o.linkDelay);
    cmd.AddValue("packetSize", "UDP payload bytes per packet (24 to 1400)", o.packetSize);
    cmd.AddValue("algorithm", "ESP proposal (strongSwan keyword) of the ESP variants", o.algorithm);
    cmd.AddValue("warmup", "run each variant once, untimed, at a tenth of --duration", o.warmup);
    cmd.AddValue("only",
                 "run only this variant (plain, esp-size-only, esp-real), e.g. to profile it; "
                 "no ratio line then",
                 o.only);
    cmd.Parse(argc, argv);
    try
    {
        Validate(o);
    }
    catch (const std::exception& e)
    {
        std::cerr << "esp-overhead: " << e.what() << std::endl;
        return 2;
    }

    std::vector<Variant> variants(VARIANTS.begin(), VARIANTS.end());
    if (!o.only.empty())
    {
        auto it = std::find_if(
            variants.begin(), variants.end(), [&o](Variant v) { return o.only == NameOf(v); });
        if (it == variants.end())
        {
            std::cerr << "esp-overhead: --only=" << o.only
                      << " is not a variant: expected plain, esp-size-only or esp-real"
                      << std::endl;
            return 2;
        }
        variants = {*it};
    }

    std::cout << "esp-overhead: host1-gw1-gw2-host2, " << o.rate << " of " << o.packetSize
              << "-byte UDP over " << o.linkRate << "/" << o.linkDelay << " links, " << o.duration
              << " simulated s per run, " << o.repetitions << " interleaved runs per variant, ESP "
              << o.algorithm << std::endl;

    std::vector<std::vector<RunResult>> results(variants.size());
    try
    {
        if (o.warmup)
        {
            for (Variant v : variants)
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
                std::printf("  run %u %-14s %9llu packets %7.3f wall s %7.3f us/packet"
                            " (cpu %7.3f us/packet)\n",
                            r + 1,
                            NameOf(variants[i]),
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
        std::cerr << "esp-overhead: " << e.what() << std::endl;
        return 1;
    }

    std::vector<double> usPerPacket(variants.size());
    std::vector<double> cpuUsPerPacket(variants.size());
    std::printf("\n%-14s %10s %8s %10s %8s %14s %10s\n",
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
            std::cerr << "esp-overhead: " << NameOf(variants[i]) << " delivered no packets"
                      << std::endl;
            return 1;
        }
        std::printf("%-14s %10.0f %8.3f %10.3f %8.3f %14.3f %10.3f\n",
                    NameOf(variants[i]),
                    Median(delivered),
                    Median(wall),
                    usPerPacket[i],
                    usPerPacket[i] / usPerPacket[0],
                    cpuUsPerPacket[i],
                    cpuUsPerPacket[i] / cpuUsPerPacket[0]);
    }
    std::printf("(medians over %u runs; ratio = us/packet over that of %s)\n",
                o.repetitions,
                NameOf(variants[0]));
    if (variants.size() == VARIANTS.size())
    {
        std::printf("esp_overhead sizeonly_ratio=%.3f real_ratio=%.3f\n",
                    usPerPacket[1] / usPerPacket[0],
                    usPerPacket[2] / usPerPacket[0]);
    }
    return 0;
}
