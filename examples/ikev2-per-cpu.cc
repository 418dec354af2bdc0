/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// host1 ---- gw1 ===== IKEv2 + ESP, RFC 9611 per-CPU Child SAs ===== gw2 ---- host2
//   10.1.0.0/24        172.16.0.0/30 (outer), --cpus cores each       10.2.0.0/24
//
// gw1's IkeDaemon brings up the IKE SA and the group's first (fallback) Child SA; then UDP flows
// from host1 start one after another (--flowInterval). gw1's LAN NIC spreads them over its
// cores by RSS on the 5-tuple; the first packet of a flow on a core without an SA of its own
// raises a per-CPU acquire, and IKE negotiates a Child SA for that core (CREATE_CHILD_SA with
// SA_RESOURCE_INFO) while the fallback SA carries the packets meanwhile. Short Child SA
// lifetimes (--rekeyTime) make every SA rekey during the traffic. Writes metrics.json (ESP per
// gateway, IKE per daemon, the Child SAs as they appeared), ikev2_decryption_table, esp_sa and,
// with --pcap, the outer link's pcaps into --outputDir.

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/cpu-helper.h"
#include "ns3/flow-receiver.h"
#include "ns3/gateway-pair-topology.h"
#include "ns3/ike-helper.h"
#include "ns3/ike-metrics.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-metrics.h"
#include "ns3/link-options.h"
#include "ns3/network-module.h"
#include "ns3/option-checks.h"
#include "ns3/per-resource-options.h"
#include "ns3/progress-options.h"
#include "ns3/receive-steering-helper.h"
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
    uint32_t cpus{4};
    uint32_t flows{8};
    double flowInterval{0.5};
    std::string flowRate{"2Mbps"};
    uint32_t packetSize{500};
    double rekeyTime{3.0};
    double duration{8.0};
    bool perResource{true};
    PerResourceOptions rfc9611; //!< initiator policy, CPU assignment, limits (on-demand)
    std::string rekeyPolicy{"individual"};
    std::string esp{"aes128gcm16"};
    std::string cryptoMode{"real"};
    bool pcap{true};
    LinkOptions lan{"lan", "host-gateway links", "1Gbps", "1ms"};
    LinkOptions wan{"wan", "gateway-gateway link", "1Gbps", "1ms"};
    std::string outputDir{"ipsec-output/ikev2-per-cpu"};
    ProgressOptions progress;
    StatsOptions stats;
};

/// One Child SA pair as gw1 installed it, for the "child_sas" timeline.
void
RecordChildSa(nlohmann::json* timeline, const IkeChildSa& child)
{
    timeline->push_back(
        {{"time_s", child.installed.GetSeconds()},
         {"inbound_spi", child.inboundSpi},
         {"outbound_spi", child.outboundSpi},
         {"cpu", child.cpu == SaParams::NO_CPU ? nlohmann::json() : nlohmann::json(child.cpu)},
         {"per_resource", child.perResource},
         {"rekey_of", child.replaces == 0 ? nlohmann::json() : nlohmann::json(child.replaces)}});
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    CommandLine cmd(__FILE__);
    cmd.AddValue("cpus", "cores per gateway (1 to 64)", o.cpus);
    cmd.AddValue("flows", "UDP flows from host1 to host2 (1 to 1000)", o.flows);
    cmd.AddValue("flowInterval", "seconds between the starts of two flows", o.flowInterval);
    cmd.AddValue("flowRate", "rate of each flow (ns-3 data rate)", o.flowRate);
    cmd.AddValue("packetSize", "UDP payload bytes (24 to 1400)", o.packetSize);
    cmd.AddValue(
        "rekeyTime", "Child SA rekey time in seconds (life +10%, jitter 10%)", o.rekeyTime);
    cmd.AddValue("duration", "simulated seconds", o.duration);
    cmd.AddValue("perResource", "negotiate RFC 9611 per-CPU Child SAs", o.perResource);
    o.rfc9611.AddTo(cmd);
    cmd.AddValue("rekeyPolicy",
                 "individual (each SA on its own lifetime, strongSwan) or with-initial "
                 "(additional SAs follow the first, libreswan)",
                 o.rekeyPolicy);
    cmd.AddValue("esp", "ESP suite (strongSwan keyword)", o.esp);
    cmd.AddValue("cryptoMode", "real or size-only", o.cryptoMode);
    o.lan.AddTo(cmd);
    o.wan.AddTo(cmd);
    cmd.AddValue("pcap", "write pcaps of the outer (gateway-gateway) link", o.pcap);
    cmd.AddValue("outputDir", "where metrics.json, the key tables and pcaps go", o.outputDir);
    o.progress.AddTo(cmd);
    o.stats.AddTo(cmd);
    cmd.Parse(argc, argv);

    CipherSuite esp;
    TypeId rekeyPolicy;
    try
    {
        optioncheck::InRange("cpus", o.cpus, 1, 64);
        optioncheck::InRange("flows", o.flows, 1, 1000);
        optioncheck::InRange("packetSize", o.packetSize, 24, 1400, "bytes");
        optioncheck::Positive("flowInterval", o.flowInterval, 1e4, "seconds");
        optioncheck::Positive("rekeyTime", o.rekeyTime, 1e6, "seconds");
        optioncheck::Positive("duration", o.duration, 1e6, "seconds");
        optioncheck::PositiveDataRate("flowRate", o.flowRate);
        o.lan.Validate();
        o.wan.Validate();
        o.progress.Validate();
        o.stats.Validate(Seconds(o.duration));
        esp = optioncheck::Keyword("esp", o.esp, &CipherSuite::FromKeyword);
        optioncheck::Keyword("cryptoMode", o.cryptoMode, &CryptoModeFromString);
        o.rfc9611.Validate();
        rekeyPolicy = PerResourceOptions::Lookup(
            "rekeyPolicy", o.rekeyPolicy, IkeResourceRekeyPolicy::GetTypeId());
        IpsecMetrics::PrepareDirectory(o.outputDir);
    }
    catch (const std::exception& e)
    {
        std::cerr << "ikev2-per-cpu: " << e.what() << std::endl;
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
    // LAN NICs hash the 5-tuple (flows spread over cores), WAN NICs addresses and SPI (each
    // per-CPU SA has its own SPI, so the receiving gateway spreads them too).
    ReceiveSteeringHelper steering;
    steering.Install(gateways);
    steering.Configure(topology.LanDevices(), RssHashInput::FIVE_TUPLE);
    steering.Configure(topology.WanDevices(), RssHashInput::ADDRESSES_SPI);

    IkeHelper ikeHelper;
    ikeHelper.SetEspProposals({esp});
    o.rfc9611.Apply(ikeHelper);
    ikeHelper.SetPerResourceAttribute("Enabled", BooleanValue(o.perResource));
    ikeHelper.SetPerResourceAttribute("RekeyPolicy", TypeIdValue(rekeyPolicy));
    IkeTunnel tunnel = ikeHelper.Install(topology.End1(), topology.End2());
    stream += ikeHelper.AssignStreams(stream);
    for (Ptr<IkeDaemon> daemon : {tunnel.initiator, tunnel.responder})
    {
        IkePeerConfig config = daemon->GetConfig();
        config.childLifetime.rekeyTime = Seconds(o.rekeyTime);
        config.childLifetime.lifeTime = Seconds(o.rekeyTime * 1.1);
        config.childLifetime.randTime = Seconds(o.rekeyTime * 0.1);
        daemon->SetConnection(0, config);
    }
    nlohmann::json childSas = nlohmann::json::array();
    tunnel.initiator->TraceConnectWithoutContext("ChildSa",
                                                 MakeBoundCallback(&RecordChildSa, &childSas));

    // Flows: flow f starts at 0.1 s + f * flowInterval, each from its own source port.
    uint16_t port = 5001;
    PacketSinkHelper sinkHelper("ns3::UdpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), port));
    sinkHelper.SetAttribute("EnableSeqTsSizeHeader", BooleanValue(true));
    ApplicationContainer sinks = sinkHelper.Install(topology.Host2());
    FlowReceiver flows;
    flows.ConnectSink(sinks.Get(0));
    Time stop = Seconds(o.duration - 0.1);
    uint32_t started = 0;
    for (uint32_t f = 0; f < o.flows; ++f)
    {
        Time start = Seconds(0.1 + f * o.flowInterval);
        if (start >= stop)
        {
            break;
        }
        OnOffHelper source("ns3::UdpSocketFactory",
                           InetSocketAddress(topology.Host2Address(), port));
        source.SetConstantRate(DataRate(o.flowRate), o.packetSize);
        source.SetAttribute("EnableSeqTsSizeHeader", BooleanValue(true));
        ApplicationContainer app = source.Install(topology.Host1());
        app.Start(start);
        app.Stop(stop);
        flows.ConnectSource(app.Get(0));
        started++;
    }
    std::vector<std::string> pcaps;
    if (o.pcap)
    {
        pcaps = topology.EnableWanPcap(o.outputDir, "ikev2-per-cpu");
    }

    std::unique_ptr<StatsSampler> sampler = o.stats.MakeSampler();
    if (sampler)
    {
        sampler->AddGateway("gw1", gateways.Get(0), tunnel.initiator);
        sampler->AddGateway("gw2", gateways.Get(1), tunnel.responder);
        sampler->Start(Seconds(o.duration));
    }
    Simulator::Stop(Seconds(o.duration));
    o.progress.RunSimulation();

    nlohmann::json results;
    flows.AddResults(results, Seconds(o.duration));
    results["lost_packets"] = flows.GetLost();
    results["flows_started"] = started;
    results["child_sas"] = childSas;
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ptr<Node> gw = gateways.Get(i);
        nlohmann::json g = IpsecMetrics::DataPlane(gw->GetObject<IpsecDataPlane>());
        g["cores"] = CpuHelper::Metrics(gw->GetObject<CpuModel>(), Simulator::Now());
        results["gateways"][i == 0 ? "gw1" : "gw2"] = g;
    }
    results["ike"] = IkeMetrics::Ike({{"gw1", tunnel.initiator}, {"gw2", tunnel.responder}});
    if (sampler)
    {
        sampler->Finish();
        results["timeseries"] = sampler->ToJson();
    }
    nlohmann::json parameters = {{"cpus", o.cpus},
                                 {"flows", o.flows},
                                 {"flow_interval_s", o.flowInterval},
                                 {"flow_rate", o.flowRate},
                                 {"packet_size", o.packetSize},
                                 {"rekey_time_s", o.rekeyTime},
                                 {"duration_s", o.duration},
                                 {"per_resource", o.perResource},
                                 {"rekey_policy", o.rekeyPolicy},
                                 {"esp", o.esp},
                                 {"crypto_mode", o.cryptoMode},
                                 {"pcap", o.pcap}};
    o.rfc9611.AddParameters(parameters);
    o.lan.AddParameters(parameters);
    o.wan.AddParameters(parameters);
    o.stats.AddParameters(parameters);
    nlohmann::json document = IpsecMetrics::Document(
        "ikev2-per-cpu",
        parameters,
        results,
        nlohmann::json{{"metrics", "metrics.json"},
                       {"esp_sa", "esp_sa"},
                       {"ikev2_decryption_table", "ikev2_decryption_table"},
                       {"pcap", pcaps}});
    try
    {
        IpsecMetrics::Write(document, o.outputDir + "/metrics.json");
        ikeHelper.WriteIkeKeyTable(o.outputDir + "/ikev2_decryption_table");
        WiresharkKeyTable::WriteEspSa(o.outputDir + "/esp_sa", gateways);
    }
    catch (const std::exception& e)
    {
        std::cerr << "ikev2-per-cpu: " << e.what() << std::endl;
        return 1;
    }

    const nlohmann::json& ike = results["ike"]["total"];
    o.progress.Report() << "ikev2-per-cpu: " << o.cpus << " cores per gateway, " << started
                        << " flows, RFC 9611 " << (o.perResource ? "on" : "off") << ", rekey "
                        << o.rekeyPolicy << " every " << o.rekeyTime << " s\n"
                        << "  IKE SA up: " << tunnel.initiator->IsEstablished()
                        << ", Child SAs on gw1 now: " << tunnel.initiator->GetChildSas().size()
                        << ", installed (both ends): " << ike["child_sas"]["installed"]
                        << ", per-resource: " << ike["per_resource"]["sas"]
                        << ", rekeys: " << ike["child_sas"]["rekeys"]
                        << ", collisions: " << ike["collisions"]["child_rekey"] << "\n"
                        << "  delivered " << flows.GetReceived() << "/" << flows.GetOffered()
                        << " packets, lost " << results["lost_packets"] << "\n"
                        << "  outputs in " << o.outputDir
                        << "/: metrics.json, ikev2_decryption_table, esp_sa"
                        << (o.pcap ? ", ikev2-per-cpu-*.pcap" : "") << std::endl;
    Simulator::Destroy();
    return 0;
}
