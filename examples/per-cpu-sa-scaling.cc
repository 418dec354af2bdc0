/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// host1 ---- gw1 ===== ESP ===== gw2 ---- host2, with multi-core gateways.
//
// Many UDP (or TCP) flows from host1 to host2 offer more than the gateways can process. Each
// gateway has --cpus cores; its LAN NIC spreads flows over the cores by RSS on the 5-tuple, its
// WAN NIC by --rss. How the cores share the tunnel's SAs is --saMode: one SA for all (single),
// one SA processed on one core (pinned), or one SA per core with a fallback (per-cpu, RFC 9611
// as in Linux 6.13; per-core SAs come from acquires answered by the static key manager).
// Writes metrics.json (goodput, per-core load, per-SA use, latency, reordering, replay drops,
// acquires) into --outputDir.

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/cpu-helper.h"
#include "ns3/flow-receiver.h"
#include "ns3/gateway-pair-topology.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-metrics.h"
#include "ns3/ipsec-tunnel-helper.h"
#include "ns3/link-options.h"
#include "ns3/option-checks.h"
#include "ns3/progress-options.h"
#include "ns3/receive-steering-helper.h"
#include "ns3/receive-steering.h"
#include "ns3/sa-selection-policy.h"
#include "ns3/stats-options.h"

#include <iostream>
#include <memory>
#include <stdexcept>

using namespace ns3;

namespace
{

/// The example's options, with their defaults.
struct Options
{
    uint32_t cpus{4};
    std::string saMode{"per-cpu"};
    std::string rss{"outer-spi"};
    bool ntuple{true};
    bool encap{false};
    uint32_t flows{64};
    uint32_t packetSize{1400};
    std::string algorithm{"aes128gcm16"};
    std::string protocol{"udp"};
    double offeredGbpsPerCore{6.0};
    double duration{0.05};
    uint32_t replayWindow{64};
    std::string cryptoMode{"real"};
    LinkOptions lan{"lan", "host-gateway links", "400Gbps", "10us"};
    LinkOptions wan{"wan", "gateway-gateway link", "400Gbps", "10us"};
    std::string outputDir{"ipsec-output/per-cpu-sa-scaling"};
    ProgressOptions progress;
    StatsOptions stats;
};

void
Validate(const Options& o)
{
    optioncheck::InRange("cpus", o.cpus, 1, 256);
    optioncheck::Keyword("saMode", o.saMode, &SaSelectionPolicy::LookupKeyword);
    optioncheck::Keyword("rss", o.rss, &RssHashInput::LookupKeyword);
    optioncheck::Keyword("algorithm", o.algorithm, &CipherSuite::FromKeyword);
    optioncheck::Keyword("cryptoMode", o.cryptoMode, &CryptoModeFromString);
    optioncheck::OneOf("protocol", o.protocol, {"udp", "tcp"});
    o.lan.Validate();
    o.wan.Validate();
    o.progress.Validate();
    optioncheck::InRange("flows", o.flows, 1, 65000);
    optioncheck::InRange("packetSize", o.packetSize, 24, 1400, "bytes");
    optioncheck::Positive("offeredGbpsPerCore", o.offeredGbpsPerCore, 100, "Gb/s");
    optioncheck::Positive("duration", o.duration, 1e4, "seconds");
    optioncheck::ReplayWindowSize("replayWindow", o.replayWindow);
    o.stats.Validate(MilliSeconds(6) + Seconds(o.duration));
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    CommandLine cmd(__FILE__);
    cmd.AddValue("cpus", "cores per gateway (1 to 256)", o.cpus);
    cmd.AddValue("saMode", "single, pinned or per-cpu", o.saMode);
    cmd.AddValue("rss", "hash of the gateways' WAN NICs: inner, outer, outer-spi or udp", o.rss);
    cmd.AddValue("ntuple",
                 "steer each inbound SA to its own core with an ntuple rule (ethtool -N), as the "
                 "published per-CPU testbeds do",
                 o.ntuple);
    cmd.AddValue("encap",
                 "ESP in UDP 4500; per-CPU SAs get random source ports (strongSwan's "
                 "per_cpu_sas=encap)",
                 o.encap);
    cmd.AddValue("flows", "number of flows from host1 to host2", o.flows);
    cmd.AddValue("packetSize", "payload bytes per packet (24 to 1400)", o.packetSize);
    cmd.AddValue("algorithm", "ESP proposal keyword (aes128gcm16, aes256gcm16, ...)", o.algorithm);
    cmd.AddValue("protocol", "udp or tcp", o.protocol);
    cmd.AddValue(
        "offeredGbpsPerCore", "offered load per gateway core, in Gb/s", o.offeredGbpsPerCore);
    cmd.AddValue("duration", "seconds of traffic (simulated)", o.duration);
    cmd.AddValue("replayWindow", "inbound replay window: 0 (off) or 32 to 4096", o.replayWindow);
    cmd.AddValue("cryptoMode", "real or size-only", o.cryptoMode);
    o.lan.AddTo(cmd);
    o.wan.AddTo(cmd);
    cmd.AddValue("outputDir", "where metrics.json goes", o.outputDir);
    o.progress.AddTo(cmd);
    o.stats.AddTo(cmd);
    cmd.Parse(argc, argv);
    try
    {
        Validate(o);
        IpsecMetrics::PrepareDirectory(o.outputDir);
    }
    catch (const std::exception& e)
    {
        std::cerr << "per-cpu-sa-scaling: " << e.what() << std::endl;
        return 2;
    }

    GatewayPairTopology topology(o.lan.rate, o.lan.delay, o.wan.rate, o.wan.delay);
    NodeContainer gateways = topology.Gateways();

    CpuHelper cpus;
    cpus.SetCpuAttribute("Cores", UintegerValue(o.cpus));
    cpus.Install(gateways);

    IpsecHelper ipsec;
    ipsec.SetDataPlaneAttribute("DefaultCryptoMode", StringValue(o.cryptoMode));
    ipsec.Install(gateways);
    int64_t stream = 1000;
    stream += ipsec.AssignStreams(gateways, stream);

    ReceiveSteeringHelper steering;
    steering.Install(gateways);
    steering.Configure(topology.LanDevices(), RssHashInput::FIVE_TUPLE);
    steering.Configure(topology.WanDevices(), RssHashInput::LookupKeyword(o.rss));

    IpsecTunnelHelper tunnels;
    tunnels.SetCipherSuite(CipherSuite::FromKeyword(o.algorithm));
    tunnels.SetReplayWindow(o.replayWindow);
    tunnels.SetUdpEncapsulation(o.encap);
    tunnels.SetSaSelection(SaSelectionPolicy::LookupKeyword(o.saMode));
    tunnels.GetKeyManager()->SetAttribute("RandomEncapsulationPorts", BooleanValue(o.encap));
    tunnels.GetKeyManager()->SetAttribute("SteerInboundSas", BooleanValue(o.ntuple));
    stream += tunnels.AssignStreams(stream);
    tunnels.Install(topology.End1(), topology.End2());

    // Flows: one source application per flow, each from its own port.
    std::string factory = o.protocol == "udp" ? "ns3::UdpSocketFactory" : "ns3::TcpSocketFactory";
    uint16_t port = 5001;
    double perFlowBps = o.offeredGbpsPerCore * 1e9 * o.cpus / o.flows;
    Time start = MilliSeconds(1);
    Time stop = start + Seconds(o.duration);
    PacketSinkHelper sinkHelper(factory, InetSocketAddress(Ipv4Address::GetAny(), port));
    sinkHelper.SetAttribute("EnableSeqTsSizeHeader", BooleanValue(true));
    ApplicationContainer sinks = sinkHelper.Install(topology.Host2());
    FlowReceiver flows;
    flows.ConnectSink(sinks.Get(0));
    Ptr<UniformRandomVariable> jitter = CreateObject<UniformRandomVariable>();
    jitter->SetStream(stream++);
    for (uint32_t f = 0; f < o.flows; ++f)
    {
        OnOffHelper source(factory, InetSocketAddress(topology.Host2Address(), port));
        source.SetConstantRate(DataRate(static_cast<uint64_t>(perFlowBps)), o.packetSize);
        source.SetAttribute("EnableSeqTsSizeHeader", BooleanValue(true));
        ApplicationContainer app = source.Install(topology.Host1());
        // Spread the flows' first packets so that they do not arrive in lockstep.
        app.Start(start + NanoSeconds(jitter->GetInteger(0, 100000)));
        app.Stop(stop);
        flows.ConnectSource(app.Get(0));
    }
    std::unique_ptr<StatsSampler> sampler = o.stats.MakeSampler();
    if (sampler)
    {
        sampler->AddGateway("gw1", gateways.Get(0));
        sampler->AddGateway("gw2", gateways.Get(1));
        sampler->Start(stop + MilliSeconds(5));
    }
    Simulator::Stop(stop + MilliSeconds(5));
    o.progress.RunSimulation();

    Time interval = Simulator::Now(); // utilization over the whole run
    nlohmann::json results;
    flows.AddResults(results, Seconds(o.duration));
    results["packets_reordered"] = flows.GetReordered();
    uint64_t replayDrops = 0;
    uint64_t acquiresRaised = 0;
    uint64_t acquiresAnswered = 0;
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ptr<Node> gw = gateways.Get(i);
        Ptr<IpsecDataPlane> plane = gw->GetObject<IpsecDataPlane>();
        nlohmann::json g = IpsecMetrics::DataPlane(plane);
        g["cores"] = CpuHelper::Metrics(gw->GetObject<CpuModel>(), interval);
        g["receive_queues"] = ReceiveSteeringHelper::Metrics(gw->GetObject<ReceiveSteering>());
        replayDrops += plane->GetDropCount(IpsecDropReason::REPLAY_DUPLICATE)
                       + plane->GetDropCount(IpsecDropReason::REPLAY_TOO_OLD);
        acquiresRaised += plane->GetAcquiresRaised();
        acquiresAnswered += plane->GetAcquiresAnswered();
        results["gateways"][i == 0 ? "gw1" : "gw2"] = g;
    }
    results["replay_drops"] = replayDrops;
    results["acquires_raised"] = acquiresRaised;
    results["acquires_answered"] = acquiresAnswered;
    if (sampler)
    {
        sampler->Finish();
        results["timeseries"] = sampler->ToJson();
    }

    nlohmann::json parameters = {{"cpus", o.cpus},
                                 {"sa_mode", o.saMode},
                                 {"rss", o.rss},
                                 {"ntuple", o.ntuple},
                                 {"encap", o.encap},
                                 {"flows", o.flows},
                                 {"packet_size", o.packetSize},
                                 {"algorithm", o.algorithm},
                                 {"protocol", o.protocol},
                                 {"offered_gbps_per_core", o.offeredGbpsPerCore},
                                 {"duration_s", o.duration},
                                 {"replay_window", o.replayWindow},
                                 {"crypto_mode", o.cryptoMode}};
    o.lan.AddParameters(parameters);
    o.wan.AddParameters(parameters);
    o.stats.AddParameters(parameters);
    nlohmann::json document = IpsecMetrics::Document(
        "per-cpu-sa-scaling", parameters, results, nlohmann::json{{"metrics", "metrics.json"}});
    try
    {
        IpsecMetrics::Write(document, o.outputDir + "/metrics.json");
    }
    catch (const std::exception& e)
    {
        std::cerr << "per-cpu-sa-scaling: " << e.what() << std::endl;
        return 1;
    }
    o.progress.Report() << "per-cpu-sa-scaling: " << o.cpus << " cores, " << o.saMode << ", rss "
                        << o.rss << ", " << o.flows << " " << o.protocol << " flows\n"
                        << "  goodput " << results["goodput_bps"].get<double>() / 1e9 << " Gb/s ("
                        << flows.GetReceived() << "/" << flows.GetOffered()
                        << " packets), reordered " << flows.GetReordered() << ", replay drops "
                        << replayDrops << ", acquires " << acquiresRaised << "/" << acquiresAnswered
                        << " answered\n"
                        << "  latency p50 " << results["latency"]["p50_us"].get<double>()
                        << " us, p99 " << results["latency"]["p99_us"].get<double>() << " us\n"
                        << "  metrics in " << o.outputDir << "/metrics.json" << std::endl;
    Simulator::Destroy();
    return 0;
}
