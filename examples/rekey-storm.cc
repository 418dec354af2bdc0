/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// A hub with --spokes spoke gateways (HubSpokeTopology), each spoke with an IKE SA to the hub
// and an RFC 9611 group of per-CPU Child SAs (EAGER: one per spoke core, the fallback
// included), all with short lifetimes, so that thousands of CREATE_CHILD_SA rekeys hit the hub.
// Each spoke host sends a few packets per second per spoke core to the hub's host, and back.
// Reports, for the rekey policy of the groups (--rekeyPolicy: individual, each SA on its own
// jittered lifetime as strongSwan; with-initial, the additional SAs recreated with the first
// as libreswan; both: one run of each and a comparison): the hub's control-plane CPU time and
// load, rekey exchanges per second (mean and peak), collisions, and packets lost around the
// rekeys. Writes metrics.json into --outputDir.

#include "ns3/core-module.h"
#include "ns3/cpu-helper.h"
#include "ns3/flow-receiver.h"
#include "ns3/hub-spoke-topology.h"
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
#include "ns3/stats-options.h"

#include <chrono>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>

using namespace ns3;

namespace
{

/// The example's options, with their defaults.
struct Options
{
    uint32_t spokes{1000};
    uint32_t spokeCpus{2};
    uint32_t hubCpus{8};
    double rekeyTime{10.0};
    double duration{30.0};
    double rampUp{5.0};
    double packetsPerSecond{1.0};
    std::string rekeyPolicy{"both"};
    PerResourceOptions rfc9611
        = PerResourceOptions::Eager(); //!< initiator policy, CPU assignment, limits
    uint32_t pfs{0}; //!< DH group of CREATE_CHILD_SA (0: none, strongSwan's default)
    std::string cryptoMode{"size-only"};
    LinkOptions access{"access", "hub-spoke links", "1Gbps", "5ms"};
    LinkOptions lan{"lan", "host-gateway links", "1Gbps", "5ms"};
    std::string outputDir{"ipsec-output/rekey-storm"};
    ProgressOptions progress;
    StatsOptions stats;
};

/// Counts per simulated second, for rates and their peak.
struct PerSecond
{
    std::map<int64_t, uint64_t> bins; //!< second -> count

    void Add()
    {
        bins[static_cast<int64_t>(Simulator::Now().GetSeconds())]++;
    }

    /// \param from a second \returns the counts from that second on
    uint64_t TotalFrom(int64_t from) const
    {
        uint64_t total = 0;
        for (auto it = bins.lower_bound(from); it != bins.end(); ++it)
        {
            total += it->second;
        }
        return total;
    }

    /// \returns the largest count of one second
    uint64_t Peak() const
    {
        uint64_t peak = 0;
        for (const auto& [second, count] : bins)
        {
            peak = std::max(peak, count);
        }
        return peak;
    }
};

/// \returns one run's results with \p policy
nlohmann::json
RunOnce(const Options& o, TypeId policy, const std::string& policyName)
{
    auto wallStart = std::chrono::steady_clock::now();
    HubSpokeTopology topology(
        o.spokes, true, o.access.rate, o.access.delay, o.lan.rate, o.lan.delay);
    NodeContainer gateways(topology.Hub());
    gateways.Add(topology.Spokes());
    CpuHelper cpus;
    cpus.SetCpuAttribute("Cores", UintegerValue(o.hubCpus));
    cpus.Install(topology.Hub());
    cpus.SetCpuAttribute("Cores", UintegerValue(o.spokeCpus));
    cpus.Install(topology.Spokes());
    IpsecHelper ipsec;
    ipsec.SetDataPlaneAttribute("DefaultCryptoMode", StringValue(o.cryptoMode));
    // No esp_sa is written: the keys of thousands of rekeyed SAs need not be kept.
    ipsec.SetDataPlaneAttribute("RecordSas", BooleanValue(false));
    ipsec.Install(gateways);
    int64_t stream = 1000;
    stream += ipsec.AssignStreams(gateways, stream);

    IkeHelper ikeHelper;
    o.rfc9611.Apply(ikeHelper);
    ikeHelper.SetPerResourceAttribute("Enabled", BooleanValue(true));
    ikeHelper.SetPerResourceAttribute("RekeyPolicy", TypeIdValue(policy));
    // One IPsec interface and route on the hub for all spokes (10.0.i.0/24), as a strongSwan
    // hub with one xfrm interface; per-spoke interfaces would make each hub packet walk them.
    ikeHelper.SetSharedInterface(topology.Hub(), Ipv4Address("10.0.0.0"), Ipv4Mask("/8"));
    std::vector<IkeTunnel> tunnels;
    tunnels.reserve(o.spokes);
    for (uint32_t i = 0; i < o.spokes; ++i)
    {
        tunnels.push_back(ikeHelper.Install(topology.SpokeEnd(i), topology.HubEnd(i)));
    }
    stream += ikeHelper.AssignStreams(stream);
    Ptr<IkeDaemon> hub = tunnels.front().responder;
    for (uint32_t i = 0; i < o.spokes; ++i)
    {
        Ptr<IkeDaemon> spoke = tunnels[i].initiator;
        IkePeerConfig config = spoke->GetConfig();
        config.childLifetime.rekeyTime = Seconds(o.rekeyTime);
        config.childLifetime.lifeTime = Seconds(o.rekeyTime * 1.1);
        config.childLifetime.randTime = Seconds(o.rekeyTime * 0.1);
        config.pfsGroup = optioncheck::OptionalKeyExchangeGroup("pfs", o.pfs);
        spoke->SetConnection(0, config);
        // Spokes come up spread over the ramp, not all in one instant.
        spoke->SetStartTime(Seconds(o.rampUp * i / o.spokes));
    }
    for (uint32_t c = 0; c < hub->GetConnectionCount(); ++c)
    {
        // The hub's SAs live a little longer, so that the spokes rekey (strongSwan's habit
        // for the responder of many initiators, which avoids most collisions).
        IkePeerConfig config = hub->GetConfig(c);
        config.childLifetime.rekeyTime = Seconds(o.rekeyTime * 1.05);
        config.childLifetime.lifeTime = Seconds(o.rekeyTime * 1.15);
        config.childLifetime.randTime = Seconds(o.rekeyTime * 0.05);
        config.pfsGroup = optioncheck::OptionalKeyExchangeGroup("pfs", o.pfs);
        hub->SetConnection(c, config);
    }

    // Every Child SA the hub installs after the ramp is the work of a rekey: a rekey proper
    // (REKEY_SA), or with WITH_INITIAL an additional SA recreated with the first one.
    PerSecond rekeys;
    hub->TraceConnectWithoutContext(
        "ChildSa", MakeCallback(+[](PerSecond* r, const IkeChildSa&) { r->Add(); }).Bind(&rekeys));

    // Traffic: from each spoke host, one flow per spoke core (its own source port, so that the
    // spoke's RSS spreads them), to the hub host, which echoes nothing: one-way is enough to
    // see the losses.
    FlowReceiver traffic;
    const uint16_t port = 9;
    Ptr<Socket> sink = Socket::CreateSocket(topology.HubHost(), UdpSocketFactory::GetTypeId());
    sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    traffic.ConnectSocket(sink);
    std::vector<Ptr<Socket>> sources;
    Time trafficStart = Seconds(o.rampUp + 1.0);
    Time trafficStop = Seconds(o.duration - 1.0);
    Time interval = Seconds(1.0 / o.packetsPerSecond);
    Ptr<UniformRandomVariable> offset = CreateObject<UniformRandomVariable>();
    offset->SetStream(stream++);
    PerSecond sentPerSecond;
    for (uint32_t i = 0; i < o.spokes; ++i)
    {
        for (uint32_t f = 0; f < o.spokeCpus; ++f)
        {
            Ptr<Socket> s
                = Socket::CreateSocket(topology.SpokeHost(i), UdpSocketFactory::GetTypeId());
            s->Bind(InetSocketAddress(Ipv4Address::GetAny(), 10000 + f));
            s->Connect(InetSocketAddress(topology.HubSubnetAddress(), port));
            sources.push_back(s);
            // Each flow its own phase, so that the hub sees a steady stream.
            Time first = trafficStart + Seconds(offset->GetValue(0, interval.GetSeconds()));
            for (Time t = first; t < trafficStop; t += interval)
            {
                Simulator::Schedule(t,
                                    [s, &traffic]()
                                    {
                                        traffic.NoteOffered();
                                        s->Send(Create<Packet>(200));
                                    });
            }
        }
    }
    auto setupDone = std::chrono::steady_clock::now();

    // Series of the hub only: the spokes' would be thousands of arrays.
    std::unique_ptr<StatsSampler> sampler = o.stats.MakeSampler();
    if (sampler)
    {
        sampler->AddGateway("hub", topology.Hub(), hub);
        sampler->Start(Seconds(o.duration));
    }
    Simulator::Stop(Seconds(o.duration));
    o.progress.RunSimulation();
    auto runDone = std::chrono::steady_clock::now();

    std::map<std::string, Ptr<IkeDaemon>> daemons{{"hub", hub}};
    for (uint32_t i = 0; i < o.spokes; ++i)
    {
        daemons["spoke" + std::to_string(i)] = tunnels[i].initiator;
    }
    nlohmann::json ike = IkeMetrics::Ike(daemons, false);
    const IkeStatistics& hubStats = hub->GetStatistics();
    // The first second after the ramp in which no initial group is still being set up.
    int64_t rekeyStart = static_cast<int64_t>(std::ceil(o.rampUp)) + 1;
    double rekeyWindow = o.duration - rekeyStart;
    uint64_t rekeyExchanges = rekeys.TotalFrom(rekeyStart);
    rekeys.bins.erase(rekeys.bins.begin(), rekeys.bins.lower_bound(rekeyStart));
    std::map<std::string, uint64_t> drops;
    for (uint32_t g = 0; g < gateways.GetN(); ++g)
    {
        Ptr<IpsecDataPlane> plane = gateways.Get(g)->GetObject<IpsecDataPlane>();
        for (size_t r = 0; r < static_cast<size_t>(IpsecDropReason::COUNT); ++r)
        {
            auto reason = static_cast<IpsecDropReason>(r);
            drops[ToString(reason)] += plane->GetDropCount(reason);
        }
    }
    uint32_t established = 0;
    for (const IkeTunnel& t : tunnels)
    {
        established += t.initiator->IsEstablished() ? 1 : 0;
    }
    double hubCpuSeconds = hub->GetCpuTime().GetSeconds();
    nlohmann::json run = {
        {"rekey_policy", policyName},
        {"spokes_established", established},
        {"hub",
         {{"control_plane_cpu_s", hubCpuSeconds},
          {"control_plane_load", hubCpuSeconds / (o.duration * o.hubCpus)},
          {"cores", CpuHelper::Metrics(topology.Hub()->GetObject<CpuModel>(), Simulator::Now())},
          {"ike", IkeMetrics::Daemon(hub)},
          {"child_rekeys", hubStats.childSaRekeys},
          {"rekey_exchanges", rekeyExchanges},
          {"rekey_exchanges_per_s_mean", rekeyExchanges / rekeyWindow},
          {"rekey_exchanges_per_s_peak", rekeys.Peak()}}},
        {"collisions",
         {{"child_rekey", ike["total"]["collisions"]["child_rekey"]},
          {"ike_rekey", ike["total"]["collisions"]["ike_rekey"]},
          {"delete", ike["total"]["collisions"]["delete"]}}},
        {"traffic",
         {{"sent_packets", traffic.GetOffered()},
          {"delivered_packets", traffic.GetReceived()},
          {"lost_packets", traffic.GetLost()},
          {"data_plane_drops", drops}}},
        {"ike", ike},
    };
    if (sampler)
    {
        sampler->Finish();
        run["timeseries"] = sampler->ToJson();
    }
    o.progress.Report() << "rekey-storm [" << policyName << "]: " << established << "/" << o.spokes
                        << " spokes up; hub: " << rekeyExchanges << " rekey exchanges ("
                        << std::fixed << std::setprecision(1) << rekeyExchanges / rekeyWindow
                        << "/s mean, " << rekeys.Peak() << "/s peak; " << hubStats.childSaRekeys
                        << " REKEY_SA), control-plane CPU " << std::setprecision(3) << hubCpuSeconds
                        << " s (" << 100.0 * hubCpuSeconds / (o.duration * o.hubCpus) << "% of "
                        << o.hubCpus << " cores); collisions " << run["collisions"]["child_rekey"]
                        << "; lost " << run["traffic"]["lost_packets"] << "/"
                        << traffic.GetOffered() << " packets\n"
                        << "  wall: setup " << std::setprecision(1)
                        << std::chrono::duration<double>(setupDone - wallStart).count()
                        << " s, run " << std::chrono::duration<double>(runDone - setupDone).count()
                        << " s" << std::endl;
    sources.clear();
    sink = nullptr;
    tunnels.clear();
    Simulator::Destroy();
    return run;
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    CommandLine cmd(__FILE__);
    cmd.AddValue("spokes", "spoke gateways (1 to 65534)", o.spokes);
    cmd.AddValue(
        "spokeCpus", "cores per spoke = per-CPU Child SAs per spoke (1 to 64)", o.spokeCpus);
    cmd.AddValue("hubCpus", "cores of the hub (1 to 256)", o.hubCpus);
    cmd.AddValue(
        "rekeyTime", "spokes' Child SA rekey time, seconds (life +10%, jitter 10%)", o.rekeyTime);
    cmd.AddValue("duration", "simulated seconds", o.duration);
    cmd.AddValue("rampUp", "the spokes start IKE spread over this many seconds", o.rampUp);
    cmd.AddValue("packetsPerSecond",
                 "datagrams per second per flow (one flow per spoke core)",
                 o.packetsPerSecond);
    cmd.AddValue("rekeyPolicy",
                 "individual (each SA on its own lifetime, strongSwan), with-initial (additional "
                 "SAs follow the first, libreswan) or both (two runs, compared)",
                 o.rekeyPolicy);
    o.rfc9611.AddTo(cmd);
    cmd.AddValue("pfs",
                 "DH group of the rekeys: 0 (none), 14 (MODP-2048), 19 (ECP-256) or 31 (X25519)",
                 o.pfs);
    cmd.AddValue("cryptoMode", "ESP crypto: size-only (default, fast) or real", o.cryptoMode);
    o.access.AddTo(cmd);
    o.lan.AddTo(cmd);
    cmd.AddValue("outputDir", "where metrics.json goes", o.outputDir);
    o.progress.AddTo(cmd);
    o.stats.AddTo(cmd);
    cmd.Parse(argc, argv);

    std::vector<std::pair<std::string, TypeId>> policies;
    try
    {
        optioncheck::InRange("spokes", o.spokes, 1, HubSpokeTopology::MAX_SPOKES);
        optioncheck::InRange("spokeCpus", o.spokeCpus, 1, 64);
        optioncheck::InRange("hubCpus", o.hubCpus, 1, 256);
        optioncheck::Positive("rekeyTime", o.rekeyTime, 1e6, "seconds");
        optioncheck::Positive("duration", o.duration, 1e6, "seconds");
        optioncheck::InRange("rampUp", o.rampUp, 0.0, 1e6);
        optioncheck::Positive("packetsPerSecond", o.packetsPerSecond, 1e6, "per second");
        optioncheck::Keyword("cryptoMode", o.cryptoMode, &CryptoModeFromString);
        optioncheck::OptionalKeyExchangeGroup("pfs", o.pfs);
        o.access.Validate();
        o.lan.Validate();
        o.progress.Validate();
        o.stats.Validate(Seconds(o.duration));
        if (o.duration < o.rampUp + 2.0)
        {
            throw std::invalid_argument("--duration=" + std::to_string(o.duration)
                                        + " is too short: expected at least --rampUp + 2 = "
                                        + std::to_string(o.rampUp + 2.0));
        }
        for (const std::string name : {"individual", "with-initial"})
        {
            if (o.rekeyPolicy == name || o.rekeyPolicy == "both")
            {
                policies.emplace_back(
                    name,
                    IkePerResourceConfig::LookupKeyword(name, IkeResourceRekeyPolicy::GetTypeId()));
            }
        }
        if (policies.empty())
        {
            throw std::invalid_argument(
                "--rekeyPolicy=" + o.rekeyPolicy + " is not valid: expected "
                + IkePerResourceConfig::Keywords(IkeResourceRekeyPolicy::GetTypeId()) + " or both");
        }
        o.rfc9611.Validate();
        IpsecMetrics::PrepareDirectory(o.outputDir);
    }
    catch (const std::exception& e)
    {
        std::cerr << "rekey-storm: " << e.what() << std::endl;
        return 2;
    }

    nlohmann::json runs = nlohmann::json::object();
    for (const auto& [name, policy] : policies)
    {
        runs[name] = RunOnce(o, policy, name);
    }
    if (runs.size() == 2)
    {
        o.progress.Report() << "rekey-storm: comparison (individual vs with-initial)\n";
        for (const char* field :
             {"rekey_exchanges", "rekey_exchanges_per_s_peak", "control_plane_cpu_s"})
        {
            o.progress.Report() << "  hub " << field << ": " << runs["individual"]["hub"][field]
                                << " vs " << runs["with-initial"]["hub"][field] << "\n";
        }
        o.progress.Report() << "  child_rekey collisions: "
                            << runs["individual"]["collisions"]["child_rekey"] << " vs "
                            << runs["with-initial"]["collisions"]["child_rekey"] << "\n"
                            << "  lost packets: " << runs["individual"]["traffic"]["lost_packets"]
                            << " vs " << runs["with-initial"]["traffic"]["lost_packets"]
                            << std::endl;
    }
    nlohmann::json parameters = {{"spokes", o.spokes},
                                 {"spoke_cpus", o.spokeCpus},
                                 {"hub_cpus", o.hubCpus},
                                 {"rekey_time_s", o.rekeyTime},
                                 {"duration_s", o.duration},
                                 {"ramp_up_s", o.rampUp},
                                 {"packets_per_second", o.packetsPerSecond},
                                 {"rekey_policy", o.rekeyPolicy},
                                 {"pfs", o.pfs},
                                 {"crypto_mode", o.cryptoMode}};
    o.rfc9611.AddParameters(parameters);
    o.access.AddParameters(parameters);
    o.lan.AddParameters(parameters);
    o.stats.AddParameters(parameters);
    nlohmann::json document = IpsecMetrics::Document("rekey-storm",
                                                     parameters,
                                                     nlohmann::json{{"runs", runs}},
                                                     nlohmann::json{{"metrics", "metrics.json"}});
    try
    {
        IpsecMetrics::Write(document, o.outputDir + "/metrics.json");
    }
    catch (const std::exception& e)
    {
        std::cerr << "rekey-storm: " << e.what() << std::endl;
        return 1;
    }
    o.progress.Report() << "  metrics in " << o.outputDir << "/metrics.json" << std::endl;
    return 0;
}
