/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// host1 ---- gw1 ===== IKEv2 + ESP tunnel ===== gw2 ---- host2
//   10.1.0.0/24      172.16.0.0/30 (outer)      10.2.0.0/24
//
// gw1's IkeDaemon negotiates the IKE SA and the first Child SA with gw2's (IKE_SA_INIT,
// IKE_AUTH with a pre-shared key); then host1 sends UDP datagrams to host2 through ESP keyed by
// IKE. Optional random loss on the outer link shows the retransmissions. Writes metrics.json
// (ESP per gateway, IKE per daemon), tshark's ikev2_decryption_table and esp_sa and, with
// --pcap, the outer link's pcaps into --outputDir.

#include "ns3/core-module.h"
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
#include "ns3/progress-options.h"
#include "ns3/stats-options.h"
#include "ns3/wireshark-key-table.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <stdexcept>

using namespace ns3;

namespace
{

/// The example's options, with their defaults.
struct Options
{
    std::string ike{"aes128gcm16"};
    uint32_t dh{31};
    std::string esp{"aes128gcm16"};
    std::string psk{"ns-3 ipsec example"};
    std::string responderPsk; //!< empty: the same as psk
    std::string startAction{"start"};
    double loss{0.0};
    uint32_t packets{10};
    double duration{300.0};
    bool pcap{false};
    LinkOptions lan{"lan", "host-gateway links", "100Mbps", "1ms"};
    LinkOptions wan{"wan", "gateway-gateway link", "100Mbps", "1ms"};
    std::string outputDir{"ipsec-output/ikev2-gateway-tunnel"};
    ProgressOptions progress;
    StatsOptions stats;
};

/// \return the start action of \p name, or throws naming it.
IkeStartAction
ParseStartAction(const std::string& name)
{
    if (name == "start")
    {
        return IkeStartAction::START;
    }
    if (name == "trap")
    {
        return IkeStartAction::TRAP;
    }
    throw std::invalid_argument("--startAction=" + name + " is not valid: expected start or trap");
}

/// \return the octets of \p text
Bytes
ToBytes(const std::string& text)
{
    return Bytes(text.begin(), text.end());
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    CommandLine cmd(__FILE__);
    cmd.AddValue("ike",
                 "IKE SK suite (strongSwan keyword: aes128gcm16, aes256gcm16, chacha20poly1305, "
                 "aes128-sha256, aes256-sha256); PRF HMAC-SHA2-256",
                 o.ike);
    cmd.AddValue("dh", "IKE DH group: 14 (MODP-2048), 19 (ECP-256) or 31 (X25519)", o.dh);
    cmd.AddValue("esp", "ESP suite (strongSwan keyword)", o.esp);
    optioncheck::AddText(
        cmd, "psk", "pre-shared key of gw1 (and of gw2 unless --responderPsk)", o.psk);
    optioncheck::AddText(
        cmd, "responderPsk", "pre-shared key of gw2 (a different one fails AUTH)", o.responderPsk);
    cmd.AddValue("startAction", "start (at once) or trap (on the first packet)", o.startAction);
    cmd.AddValue("loss", "random packet loss on the outer link, each way (0 to 0.9)", o.loss);
    cmd.AddValue("packets", "UDP datagrams host1 sends to host2 (one per 10 ms)", o.packets);
    cmd.AddValue("duration", "simulated seconds; traffic starts 1 s before the end", o.duration);
    o.lan.AddTo(cmd);
    o.wan.AddTo(cmd);
    cmd.AddValue("pcap", "write pcaps of the outer (gateway-gateway) link", o.pcap);
    cmd.AddValue("outputDir", "where metrics.json, the key tables and pcaps go", o.outputDir);
    o.progress.AddTo(cmd);
    o.stats.AddTo(cmd);
    cmd.Parse(argc, argv);

    IkeSuite ike;
    CipherSuite esp;
    IkeStartAction startAction;
    try
    {
        ike.encr = optioncheck::Keyword("ike", o.ike, &CipherSuite::FromKeyword);
        ike.group = optioncheck::KeyExchangeGroup("dh", o.dh);
        esp = optioncheck::Keyword("esp", o.esp, &CipherSuite::FromKeyword);
        startAction = ParseStartAction(o.startAction);
        optioncheck::InRange("loss", o.loss, 0.0, 0.9);
        optioncheck::Positive("duration", o.duration, 1e6, "seconds");
        o.lan.Validate();
        o.wan.Validate();
        o.progress.Validate();
        o.stats.Validate(Seconds(o.duration));
        if (o.duration < 1.0 + o.packets * 0.01)
        {
            throw std::invalid_argument("--duration=" + std::to_string(o.duration)
                                        + " is too short for the traffic: expected at least "
                                        + std::to_string(1.0 + o.packets * 0.01));
        }
        IpsecMetrics::PrepareDirectory(o.outputDir);
    }
    catch (const std::exception& e)
    {
        std::cerr << "ikev2-gateway-tunnel: " << e.what() << std::endl;
        return 2;
    }

    GatewayPairTopology topology(o.lan.rate, o.lan.delay, o.wan.rate, o.wan.delay);
    IpsecHelper ipsec;
    ipsec.Install(topology.Gateways());
    int64_t stream = 1000;
    stream += ipsec.AssignStreams(topology.Gateways(), stream);

    IkeHelper ikeHelper;
    ikeHelper.SetPsk(ToBytes(o.psk));
    ikeHelper.SetIkeProposals({ike});
    ikeHelper.SetEspProposals({esp});
    ikeHelper.SetStartAction(startAction);
    IkeTunnel tunnel = ikeHelper.Install(topology.End1(), topology.End2());
    stream += ikeHelper.AssignStreams(stream);
    if (!o.responderPsk.empty())
    {
        IkePeerConfig config = tunnel.responder->GetConfig();
        config.psk = ToBytes(o.responderPsk);
        tunnel.responder->SetConnection(0, config);
    }
    if (o.loss > 0)
    {
        for (uint32_t i = 0; i < topology.WanDevices().GetN(); ++i)
        {
            Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
            em->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
            em->SetRate(o.loss);
            stream += em->AssignStreams(stream);
            topology.WanDevices().Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(em));
        }
    }

    Time established = Seconds(-1);
    tunnel.initiator->TraceConnectWithoutContext("Established",
                                                 MakeCallback(+[](Time* t, uint64_t, uint64_t) {
                                                     *t = Simulator::Now();
                                                 }).Bind(&established));

    Ptr<Socket> sender = Socket::CreateSocket(topology.Host1(), UdpSocketFactory::GetTypeId());
    Ptr<Socket> receiver = Socket::CreateSocket(topology.Host2(), UdpSocketFactory::GetTypeId());
    receiver->Bind(InetSocketAddress(Ipv4Address::GetAny(), 5001));
    FlowReceiver flows;
    flows.ConnectSocket(receiver);
    Time trafficStart = Seconds(o.duration - 1.0 - o.packets * 0.01);
    for (uint32_t i = 0; i < o.packets; ++i)
    {
        Simulator::Schedule(trafficStart + MilliSeconds(10 * i),
                            [&sender, &topology, &flows]()
                            {
                                flows.NoteOffered();
                                sender->SendTo(Create<Packet>(1000),
                                               0,
                                               InetSocketAddress(topology.Host2Address(), 5001));
                            });
    }
    std::vector<std::string> pcaps;
    if (o.pcap)
    {
        pcaps = topology.EnableWanPcap(o.outputDir, "ikev2-gateway-tunnel");
    }
    std::unique_ptr<StatsSampler> sampler = o.stats.MakeSampler();
    if (sampler)
    {
        sampler->AddGateway("gw1", topology.Gateway1(), tunnel.initiator);
        sampler->AddGateway("gw2", topology.Gateway2(), tunnel.responder);
        sampler->Start(Seconds(o.duration));
    }

    Simulator::Stop(Seconds(o.duration));
    o.progress.RunSimulation();

    Ptr<IkeDaemon> i = tunnel.initiator;
    Ptr<IkeDaemon> r = tunnel.responder;
    nlohmann::json results;
    // Goodput over the time the datagrams were sent (10 ms each), not over the whole run.
    flows.AddResults(results, MilliSeconds(10 * std::max<uint64_t>(o.packets, 1)));
    results["lost_packets"] = flows.GetLost();
    results["ike_sa_established"] = i->IsEstablished();
    results["ike_sa_established_s"]
        = established.IsPositive() ? nlohmann::json(established.GetSeconds()) : nlohmann::json();
    results["child_sas_at_end"] = i->GetChildSas().size();
    results["last_error"] = i->GetLastError() == static_cast<IkeNotifyType>(0)
                                ? nlohmann::json()
                                : nlohmann::json(ToString(i->GetLastError()));
    results["gateways"] = {
        {"gw1", IpsecMetrics::DataPlane(topology.Gateway1()->GetObject<IpsecDataPlane>())},
        {"gw2", IpsecMetrics::DataPlane(topology.Gateway2()->GetObject<IpsecDataPlane>())},
    };
    results["ike"] = IkeMetrics::Ike({{"gw1", i}, {"gw2", r}});
    if (sampler)
    {
        sampler->Finish();
        results["timeseries"] = sampler->ToJson();
    }
    nlohmann::json parameters
        = {{"ike", o.ike},
           {"dh", o.dh},
           {"esp", o.esp},
           {"different_responder_psk", !o.responderPsk.empty() && o.responderPsk != o.psk},
           {"start_action", o.startAction},
           {"loss", o.loss},
           {"packets", o.packets},
           {"duration_s", o.duration},
           {"pcap", o.pcap}};
    o.lan.AddParameters(parameters);
    o.wan.AddParameters(parameters);
    o.stats.AddParameters(parameters);
    nlohmann::json outputs = {{"metrics", "metrics.json"},
                              {"esp_sa", "esp_sa"},
                              {"ikev2_decryption_table", "ikev2_decryption_table"}};
    if (o.pcap)
    {
        outputs["pcap"] = pcaps;
    }
    nlohmann::json document
        = IpsecMetrics::Document("ikev2-gateway-tunnel", parameters, results, outputs);

    try
    {
        IpsecMetrics::Write(document, o.outputDir + "/metrics.json");
        ikeHelper.WriteIkeKeyTable(o.outputDir + "/ikev2_decryption_table");
        WiresharkKeyTable::WriteEspSa(o.outputDir + "/esp_sa", topology.Gateways());
    }
    catch (const std::exception& e)
    {
        std::cerr << "ikev2-gateway-tunnel: " << e.what() << std::endl;
        return 1;
    }

    o.progress.Report() << "ikev2-gateway-tunnel: IKE " << o.ike << " DH " << o.dh << ", ESP "
                        << o.esp << ", loss " << o.loss << "\n"
                        << "  ike_sa_established=" << i->IsEstablished() << " setup_ms="
                        << (established.IsPositive() ? established.GetMilliSeconds() : -1)
                        << " child_sas=" << i->GetChildSas().size() << " last_error="
                        << (i->GetLastError() == static_cast<IkeNotifyType>(0)
                                ? "none"
                                : ToString(i->GetLastError()))
                        << "\n"
                        << "  retransmissions=" << i->GetRetransmissionCount()
                        << " cached_responses=" << r->GetCachedResponseCount()
                        << " drops=" << i->GetDropCount() + r->GetDropCount() << "\n"
                        << "  delivered " << flows.GetReceived() << "/" << flows.GetOffered()
                        << " datagrams through ESP\n"
                        << "  outputs in " << o.outputDir
                        << "/: metrics.json, ikev2_decryption_table, esp_sa"
                        << (o.pcap ? ", ikev2-gateway-tunnel-*.pcap" : "") << std::endl;
    sender = nullptr;
    receiver = nullptr;
    Simulator::Destroy();
    return 0;
}
