/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// host1 ---- gw1 ===== ESP tunnel ===== gw2 ---- host2
//   10.1.0.0/24   172.16.0.0/30 (outer)   10.2.0.0/24
//
// Constant-rate UDP from host1 to host2 through a route-based IPsec tunnel with static keys.
// Writes metrics.json, the esp_sa key table for tshark and, with --pcap, the outer link's pcaps
// into --outputDir.

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/flow-receiver.h"
#include "ns3/gateway-pair-topology.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-metrics.h"
#include "ns3/ipsec-tunnel-helper.h"
#include "ns3/link-options.h"
#include "ns3/network-module.h"
#include "ns3/option-checks.h"
#include "ns3/progress-options.h"
#include "ns3/stats-options.h"
#include "ns3/wireshark-key-table.h"

#include <iostream>
#include <memory>
#include <stdexcept>

using namespace ns3;

namespace
{

/// The example's options, with their defaults.
struct Options
{
    std::string rate{"100Mbps"};
    uint32_t packetSize{1400};
    std::string algorithm{"aes128gcm16"};
    std::string cryptoMode{"real"};
    uint32_t replayWindow{64};
    bool esn{false};
    bool udpEncap{false};
    double duration{1.0};
    bool pcap{false};
    LinkOptions lan{"lan", "host-gateway links", "10Gbps", "100us"};
    LinkOptions wan{"wan", "gateway-gateway link", "10Gbps", "100us"};
    std::string outputDir{"ipsec-output/esp-gateway-tunnel"};
    ProgressOptions progress;
    StatsOptions stats;
};

/// Throws std::invalid_argument naming the first bad option and what is accepted.
void
Validate(const Options& o)
{
    optioncheck::PositiveDataRate("rate", o.rate);
    o.lan.Validate();
    o.wan.Validate();
    o.progress.Validate();
    optioncheck::Keyword("algorithm", o.algorithm, &CipherSuite::FromKeyword);
    optioncheck::Keyword("cryptoMode", o.cryptoMode, &CryptoModeFromString);
    optioncheck::InRange("packetSize", o.packetSize, 24, 1400, "bytes");
    optioncheck::ReplayWindowSize("replayWindow", o.replayWindow);
    if (o.esn && o.replayWindow == 0)
    {
        throw std::invalid_argument("--esn=true needs a replay window: expected 32 to 4096");
    }
    optioncheck::Positive("duration", o.duration, 1e6, "seconds");
    o.stats.Validate(Seconds(o.duration + 0.2));
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    CommandLine cmd(__FILE__);
    cmd.AddValue("rate", "UDP rate offered by host1 (ns-3 data rate, e.g. 100Mbps)", o.rate);
    cmd.AddValue("packetSize", "UDP payload bytes per packet (24 to 1400)", o.packetSize);
    cmd.AddValue("algorithm",
                 "ESP proposal in strongSwan keywords: aes128gcm16, aes256gcm16, "
                 "chacha20poly1305, aes128-sha256, aes256-sha256",
                 o.algorithm);
    cmd.AddValue("cryptoMode", "real or size-only", o.cryptoMode);
    cmd.AddValue("replayWindow", "inbound replay window: 0 (off) or 32 to 4096", o.replayWindow);
    cmd.AddValue("esn", "64-bit extended sequence numbers (RFC 4304)", o.esn);
    cmd.AddValue("udpEncap", "encapsulate ESP in UDP 4500 (RFC 3948)", o.udpEncap);
    cmd.AddValue("duration", "seconds of traffic (simulated)", o.duration);
    cmd.AddValue("pcap", "write pcaps of the outer (gateway-gateway) link", o.pcap);
    o.lan.AddTo(cmd);
    o.wan.AddTo(cmd);
    cmd.AddValue("outputDir", "where metrics.json, esp_sa and pcaps go", o.outputDir);
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
        std::cerr << "esp-gateway-tunnel: " << e.what() << std::endl;
        return 2;
    }

    GatewayPairTopology topology(o.lan.rate, o.lan.delay, o.wan.rate, o.wan.delay);
    Ptr<Node> gw1 = topology.Gateway1();
    Ptr<Node> gw2 = topology.Gateway2();
    NodeContainer gateways = topology.Gateways();

    IpsecHelper ipsec;
    ipsec.SetDataPlaneAttribute("DefaultCryptoMode", StringValue(o.cryptoMode));
    ipsec.Install(gateways);
    int64_t stream = 1000;
    stream += ipsec.AssignStreams(gateways, stream);

    IpsecTunnelHelper tunnelHelper;
    tunnelHelper.SetCipherSuite(CipherSuite::FromKeyword(o.algorithm));
    tunnelHelper.SetReplayWindow(o.replayWindow);
    tunnelHelper.SetEsn(o.esn);
    tunnelHelper.SetUdpEncapsulation(o.udpEncap);
    stream += tunnelHelper.AssignStreams(stream);
    tunnelHelper.Install(topology.End1(), topology.End2());

    uint16_t port = 5001;
    Time start = Seconds(0.1);
    Time stop = start + Seconds(o.duration);
    OnOffHelper source("ns3::UdpSocketFactory", InetSocketAddress(topology.Host2Address(), port));
    source.SetConstantRate(DataRate(o.rate), o.packetSize);
    source.SetAttribute("EnableSeqTsSizeHeader", BooleanValue(true));
    ApplicationContainer sourceApp = source.Install(topology.Host1());
    sourceApp.Start(start);
    sourceApp.Stop(stop);
    PacketSinkHelper sink("ns3::UdpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), port));
    sink.SetAttribute("EnableSeqTsSizeHeader", BooleanValue(true));
    ApplicationContainer sinkApp = sink.Install(topology.Host2());
    FlowReceiver flows;
    flows.ConnectSource(sourceApp.Get(0));
    flows.ConnectSink(sinkApp.Get(0));

    std::vector<std::string> pcaps;
    if (o.pcap)
    {
        pcaps = topology.EnableWanPcap(o.outputDir, "esp-gateway-tunnel");
    }

    std::unique_ptr<StatsSampler> sampler = o.stats.MakeSampler();
    if (sampler)
    {
        sampler->AddGateway("gw1", gw1);
        sampler->AddGateway("gw2", gw2);
        sampler->Start(stop + Seconds(0.1));
    }
    Simulator::Stop(stop + Seconds(0.1));
    o.progress.RunSimulation();

    nlohmann::json results;
    flows.AddResults(results, Seconds(o.duration));
    results["gateways"] = {
        {"gw1", IpsecMetrics::DataPlane(gw1->GetObject<IpsecDataPlane>())},
        {"gw2", IpsecMetrics::DataPlane(gw2->GetObject<IpsecDataPlane>())},
    };
    if (sampler)
    {
        sampler->Finish();
        results["timeseries"] = sampler->ToJson();
    }

    nlohmann::json outputs = {{"metrics", "metrics.json"}, {"esp_sa", "esp_sa"}};
    if (o.pcap)
    {
        outputs["pcap"] = pcaps;
    }
    nlohmann::json parameters = {{"rate", o.rate},
                                 {"packet_size", o.packetSize},
                                 {"algorithm", o.algorithm},
                                 {"crypto_mode", o.cryptoMode},
                                 {"replay_window", o.replayWindow},
                                 {"esn", o.esn},
                                 {"udp_encap", o.udpEncap},
                                 {"duration_s", o.duration},
                                 {"pcap", o.pcap}};
    o.lan.AddParameters(parameters);
    o.wan.AddParameters(parameters);
    o.stats.AddParameters(parameters);
    nlohmann::json document
        = IpsecMetrics::Document("esp-gateway-tunnel", parameters, results, outputs);
    try
    {
        IpsecMetrics::Write(document, o.outputDir + "/metrics.json");
        WiresharkKeyTable::WriteEspSa(o.outputDir + "/esp_sa", gateways);
    }
    catch (const std::exception& e)
    {
        std::cerr << "esp-gateway-tunnel: " << e.what() << std::endl;
        return 1;
    }

    Ptr<IpsecDataPlane> gw2Plane = gw2->GetObject<IpsecDataPlane>();
    uint64_t drops = 0;
    for (size_t r = 0; r < static_cast<size_t>(IpsecDropReason::COUNT); ++r)
    {
        drops += gw1->GetObject<IpsecDataPlane>()->GetDropCount(static_cast<IpsecDropReason>(r))
                 + gw2Plane->GetDropCount(static_cast<IpsecDropReason>(r));
    }
    o.progress.Report() << "esp-gateway-tunnel: " << o.algorithm << " (" << o.cryptoMode << "), "
                        << o.rate << " of " << o.packetSize << "-byte UDP for " << o.duration
                        << " s\n"
                        << "  delivered " << flows.GetReceived() << "/" << flows.GetOffered()
                        << " packets, goodput " << results["goodput_bps"].get<double>() / 1e6
                        << " Mb/s, latency p50 " << results["latency"]["p50_us"].get<double>()
                        << " us, p99 " << results["latency"]["p99_us"].get<double>() << " us\n"
                        << "  ESP packets: gw1 sent "
                        << gw1->GetObject<IpsecDataPlane>()->GetEspSent() << ", gw2 accepted "
                        << gw2Plane->GetEspReceived() << ", IPsec drops " << drops << "\n"
                        << "  outputs in " << o.outputDir << "/: metrics.json, esp_sa"
                        << (o.pcap ? ", esp-gateway-tunnel-*.pcap" : "") << std::endl;
    Simulator::Destroy();
    return 0;
}
