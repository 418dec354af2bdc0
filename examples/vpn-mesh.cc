/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// VPN sites on a topology from Boost.Graph: generated (--topology=hub-spoke, mesh, erdos-renyi,
// small-world or plod, --sites of them, seeded from the run's RNG) or read from a file
// (--graph=FILE.graphml or FILE.dot: nodes with role gateway/host/router and cores, links with
// rate and delay). Each gateway is a site with --cpus cores (or the file's) and a host on its
// LAN (SiteGraphTopology):
//
//     host --- gateway ==== underlay: the graph's gateways and routers ==== gateway --- host
//
// --pairs random pairs of sites talk: each pair gets its own IKEv2 tunnel (the lower site
// initiates) with RFC 9611 per-CPU Child SAs (eager by default: one per initiator core and the
// fallback), and each of its hosts sends --flows UDP flows to the other. Tunnels run end to end
// between the two gateways over the underlay, routed along shortest paths of the graph
// (through other gateways and routers); see doc/ipsec.rst for why. Writes metrics.json (per
// pair: IKE SA, Child SAs, packets; per site: packets, ESP, cores; totals; IKE) and the topology
// the run used as topology.dot and topology.graphml into --outputDir.

#include "ns3/core-module.h"
#include "ns3/cpu-helper.h"
#include "ns3/flow-receiver.h"
#include "ns3/ike-helper.h"
#include "ns3/ike-metrics.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-metrics.h"
#include "ns3/link-options.h"
#include "ns3/network-graph-writer.h"
#include "ns3/network-module.h"
#include "ns3/option-checks.h"
#include "ns3/per-resource-options.h"
#include "ns3/progress-options.h"
#include "ns3/receive-steering-helper.h"
#include "ns3/site-graph-options.h"
#include "ns3/site-graph-topology.h"
#include "ns3/site-pairs.h"
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
    SiteGraphOptions topology;
    uint32_t pairs{8};
    uint32_t flows{2};
    double packetsPerSecond{50.0};
    uint32_t packetSize{500};
    double trafficStart{1.0};
    double duration{4.0};
    PerResourceOptions rfc9611 = PerResourceOptions::Eager();
    std::string cryptoMode{"real"};
    LinkOptions lan{"lan", "host-gateway links the graph lacks", "1Gbps", "1ms"};
    std::string outputDir{"ipsec-output/vpn-mesh"};
    ProgressOptions progress;
    StatsOptions stats;
};

/// One talking pair as run.
struct Pair
{
    uint32_t a{0};                     //!< initiating site
    uint32_t b{0};                     //!< responding site
    IkeTunnel tunnel;                  //!< its tunnel and daemons
    std::unique_ptr<FlowReceiver> toB; //!< a's flows, received at b
    std::unique_ptr<FlowReceiver> toA; //!< b's flows, received at a
    std::vector<Ptr<Socket>> sockets;  //!< sources and sinks
};

/// \returns the session of \p daemon's connection to \p peer (null if none)
const IkeSession*
SessionTo(Ptr<IkeDaemon> daemon, Ipv4Address peer)
{
    for (uint32_t c = 0; c < daemon->GetConnectionCount(); ++c)
    {
        if (daemon->GetConfig(c).peerAddress == peer)
        {
            return daemon->GetSession(c);
        }
    }
    return nullptr;
}

/// \returns the address of \p address as text
std::string
Text(Ipv4Address address)
{
    std::ostringstream os;
    os << address;
    return os.str();
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    CommandLine cmd(__FILE__);
    o.topology.AddTo(cmd);
    cmd.AddValue("pairs", "talking pairs of sites, drawn at random (0: every pair)", o.pairs);
    cmd.AddValue("flows", "UDP flows each way per pair (1 to 64)", o.flows);
    cmd.AddValue("packetsPerSecond", "datagrams per second per flow", o.packetsPerSecond);
    cmd.AddValue("packetSize", "UDP payload bytes (24 to 1400)", o.packetSize);
    cmd.AddValue(
        "trafficStart", "seconds before the flows start (IKE comes up first)", o.trafficStart);
    cmd.AddValue("duration", "simulated seconds", o.duration);
    o.rfc9611.AddTo(cmd);
    cmd.AddValue(
        "cryptoMode", "ESP crypto: real or size-only (fast, for large runs)", o.cryptoMode);
    o.lan.AddTo(cmd);
    cmd.AddValue(
        "outputDir", "where metrics.json, topology.dot and topology.graphml go", o.outputDir);
    o.progress.AddTo(cmd);
    o.stats.AddTo(cmd);
    cmd.Parse(argc, argv);

    std::unique_ptr<SiteGraphTopology> topology;
    NetworkGraph graph;
    uint32_t joins = 0;
    try
    {
        o.topology.Validate();
        optioncheck::InRange("flows", o.flows, 1, 64);
        optioncheck::Positive("packetsPerSecond", o.packetsPerSecond, 1e6, "per second");
        optioncheck::InRange("packetSize", o.packetSize, 24, 1400, "bytes");
        optioncheck::InRange("trafficStart", o.trafficStart, 0, 1e6, "seconds");
        optioncheck::Positive("duration", o.duration, 1e6, "seconds");
        if (o.duration < o.trafficStart + 1.0)
        {
            throw std::invalid_argument("--duration=" + std::to_string(o.duration)
                                        + " is too short: expected at least --trafficStart + 1 = "
                                        + std::to_string(o.trafficStart + 1.0));
        }
        optioncheck::Keyword("cryptoMode", o.cryptoMode, &CryptoModeFromString);
        o.lan.Validate();
        o.rfc9611.Validate();
        o.progress.Validate();
        o.stats.Validate(Seconds(o.duration));
        graph = o.topology.Make(joins);
        topology = std::make_unique<SiteGraphTopology>(graph, o.lan.rate, o.lan.delay);
        uint64_t sites = topology->GetSiteCount();
        optioncheck::InRange("pairs",
                             o.pairs,
                             0,
                             sites * (sites - 1) / 2,
                             "(0: all; the topology has " + std::to_string(sites) + " sites)");
        for (uint32_t k = 0; k < sites; ++k)
        {
            if (topology->GetCores(k) > 64)
            {
                throw std::invalid_argument("node '" + topology->GetSiteName(k)
                                            + "': cores=" + std::to_string(topology->GetCores(k))
                                            + " is out of range: expected 1 to 64");
            }
        }
        IpsecMetrics::PrepareDirectory(o.outputDir);
    }
    catch (const std::exception& e)
    {
        std::cerr << "vpn-mesh: " << e.what() << std::endl;
        return 2;
    }
    const uint32_t sites = topology->GetSiteCount();

    NodeContainer gateways = topology->Gateways();
    CpuHelper cpus;
    for (uint32_t k = 0; k < sites; ++k)
    {
        cpus.SetCpuAttribute("Cores", UintegerValue(topology->GetCores(k)));
        cpus.Install(topology->Gateway(k));
    }
    IpsecHelper ipsec;
    ipsec.SetDataPlaneAttribute("DefaultCryptoMode", StringValue(o.cryptoMode));
    ipsec.Install(gateways);
    int64_t stream = 1000;
    stream += ipsec.AssignStreams(gateways, stream);
    // LAN NICs spread the flows by 5-tuple, underlay NICs ESP by addresses and SPI (each
    // per-CPU SA its own SPI), as in ikev2-per-cpu.
    ReceiveSteeringHelper steering;
    steering.Install(gateways);
    steering.Configure(topology->LanDevices(), RssHashInput::FIVE_TUPLE);
    steering.Configure(topology->WanDevices(), RssHashInput::ADDRESSES_SPI);

    Ptr<UniformRandomVariable> random = CreateObject<UniformRandomVariable>();
    random->SetStream(11);
    IkeHelper ikeHelper;
    o.rfc9611.Apply(ikeHelper);
    ikeHelper.SetPerResourceAttribute("Enabled", BooleanValue(true));
    // One IPsec interface per gateway, routed to all sites (10.0.0.0/8; its own /24 is more
    // specific), with a policy per tunnel, as a Linux gateway with one xfrm interface: IPv4
    // walks every interface for each packet, so one per tunnel would slow a busy site down.
    for (uint32_t k = 0; k < sites; ++k)
    {
        ikeHelper.SetSharedInterface(topology->Gateway(k), Ipv4Address("10.0.0.0"), Ipv4Mask("/8"));
    }
    std::vector<Pair> pairs;
    for (auto [a, b] : SitePairs::Draw(sites, o.pairs, random))
    {
        Pair pair;
        pair.a = a;
        pair.b = b;
        pair.tunnel = ikeHelper.Install(topology->End(a), topology->End(b));
        pairs.push_back(std::move(pair));
    }
    stream += ikeHelper.AssignStreams(stream);

    // Traffic: flows from each host of a pair to the other, each from its own (ephemeral)
    // source port, so that the gateways' RSS spreads them over the cores; a sink per pair and
    // direction on its own port. Each flow its own random phase.
    Time start = Seconds(o.trafficStart);
    Time stop = Seconds(o.duration - 0.5);
    Time interval = Seconds(1.0 / o.packetsPerSecond);
    std::vector<uint16_t> nextPort(sites, 1024); // below the ephemeral ports of the sources
    for (uint32_t p = 0; p < pairs.size(); ++p)
    {
        Pair& pair = pairs[p];
        pair.toB = std::make_unique<FlowReceiver>();
        pair.toA = std::make_unique<FlowReceiver>();

        struct Direction
        {
            uint32_t from;
            uint32_t to;
            FlowReceiver* receiver;
        };

        for (Direction d :
             {Direction{pair.a, pair.b, pair.toB.get()}, Direction{pair.b, pair.a, pair.toA.get()}})
        {
            uint16_t port = nextPort[d.to]++;
            Ptr<Socket> sink
                = Socket::CreateSocket(topology->Host(d.to), UdpSocketFactory::GetTypeId());
            sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
            d.receiver->ConnectSocket(sink);
            pair.sockets.push_back(sink);
            for (uint32_t f = 0; f < o.flows; ++f)
            {
                Ptr<Socket> source
                    = Socket::CreateSocket(topology->Host(d.from), UdpSocketFactory::GetTypeId());
                source->Bind();
                source->Connect(InetSocketAddress(topology->HostAddress(d.to), port));
                pair.sockets.push_back(source);
                FlowReceiver* receiver = d.receiver;
                uint32_t size = o.packetSize;
                Time first = start + Seconds(random->GetValue(0, interval.GetSeconds()));
                for (Time t = first; t < stop; t += interval)
                {
                    Simulator::Schedule(t,
                                        [source, receiver, size]()
                                        {
                                            receiver->NoteOffered();
                                            source->Send(Create<Packet>(size));
                                        });
                }
            }
        }
    }

    // Each site's IKE daemon (one per gateway, with a connection per peer).
    std::map<std::string, Ptr<IkeDaemon>> daemons;
    for (uint32_t k = 0; k < sites; ++k)
    {
        Ptr<Node> gateway = topology->Gateway(k);
        for (uint32_t a = 0; a < gateway->GetNApplications(); ++a)
        {
            if (Ptr<IkeDaemon> daemon = DynamicCast<IkeDaemon>(gateway->GetApplication(a)))
            {
                daemons[topology->GetSiteName(k)] = daemon;
            }
        }
    }
    // Series of the first 100 sites at most: beyond, thousands of arrays.
    std::unique_ptr<StatsSampler> sampler = o.stats.MakeSampler();
    if (sampler)
    {
        for (uint32_t k = 0; k < std::min<uint32_t>(sites, 100); ++k)
        {
            auto daemon = daemons.find(topology->GetSiteName(k));
            sampler->AddGateway(topology->GetSiteName(k),
                                topology->Gateway(k),
                                daemon == daemons.end() ? nullptr : daemon->second);
        }
        sampler->Start(Seconds(o.duration));
    }
    Simulator::Stop(Seconds(o.duration));
    o.progress.RunSimulation();

    // Per pair: the initiator's view of its IKE SA and Child SAs, and both directions' packets.
    nlohmann::json pairResults = nlohmann::json::array();
    std::vector<uint64_t> sent(sites, 0);
    std::vector<uint64_t> received(sites, 0);
    std::vector<uint64_t> lost(sites, 0);
    uint64_t established = 0;
    uint64_t childSas = 0;
    for (const Pair& pair : pairs)
    {
        const IkeSession* session
            = SessionTo(pair.tunnel.initiator, topology->End(pair.b).outerAddress);
        bool up = session && session->GetSa().GetState() == IkeSaState::ESTABLISHED;
        uint64_t children = 0;
        uint64_t perResource = 0;
        if (session)
        {
            for (const IkeChildSa& child : session->GetChildSas())
            {
                children++;
                perResource += child.perResource ? 1 : 0;
            }
        }
        established += up ? 1 : 0;
        childSas += children;
        sent[pair.a] += pair.toB->GetOffered();
        sent[pair.b] += pair.toA->GetOffered();
        received[pair.b] += pair.toB->GetReceived();
        received[pair.a] += pair.toA->GetReceived();
        lost[pair.b] += pair.toB->GetLost();
        lost[pair.a] += pair.toA->GetLost();
        pairResults.push_back(
            {{"a", topology->GetSiteName(pair.a)},
             {"b", topology->GetSiteName(pair.b)},
             {"ike_sa_established", up},
             {"child_sas", children},
             {"per_resource_sas", perResource},
             {"a_cores", topology->GetCores(pair.a)},
             {"sent_packets", pair.toB->GetOffered() + pair.toA->GetOffered()},
             {"delivered_packets", pair.toB->GetReceived() + pair.toA->GetReceived()},
             {"lost_packets", pair.toB->GetLost() + pair.toA->GetLost()}});
    }
    // Per site: its packets (sent by its host, received by it, lost on the way to it), its
    // gateway's ESP counters and cores. SA lists only for small runs: they grow with the pairs.
    const bool detailed = sites <= 100;
    nlohmann::json siteResults = nlohmann::json::object();
    for (uint32_t k = 0; k < sites; ++k)
    {
        Ptr<Node> gateway = topology->Gateway(k);
        nlohmann::json esp = IpsecMetrics::DataPlane(gateway->GetObject<IpsecDataPlane>());
        esp["sa_count"] = esp["sas"].size();
        if (!detailed)
        {
            esp.erase("sas");
        }
        siteResults[topology->GetSiteName(k)]
            = {{"cores", topology->GetCores(k)},
               {"outer_address", Text(topology->End(k).outerAddress)},
               {"subnet", Text(topology->End(k).subnet) + "/24"},
               {"sent_packets", sent[k]},
               {"delivered_packets", received[k]},
               {"lost_packets", lost[k]},
               {"esp", esp},
               {"cpu", CpuHelper::Metrics(gateway->GetObject<CpuModel>(), Simulator::Now())}};
    }
    uint64_t totalSent = 0;
    uint64_t totalReceived = 0;
    uint64_t totalLost = 0;
    for (uint32_t k = 0; k < sites; ++k)
    {
        totalSent += sent[k];
        totalReceived += received[k];
        totalLost += lost[k];
    }
    const NetworkGraph& used = topology->GetGraph();
    nlohmann::json results = {
        {"topology",
         {{"source", o.topology.Source()},
          {"sites", sites},
          {"routers", used.NodesWith(NetworkRole::ROUTER).size()},
          {"hosts", used.NodesWith(NetworkRole::HOST).size()},
          {"links", used.GetLinkCount()},
          {"underlay_links", used.GetLinkCount() - sites},
          {"join_links", joins}}},
        {"totals",
         {{"pairs", pairs.size()},
          {"pairs_established", established},
          {"child_sas", childSas},
          {"sent_packets", totalSent},
          {"delivered_packets", totalReceived},
          {"lost_packets", totalLost}}},
        {"pairs", pairResults},
        {"sites", siteResults},
        {"ike", IkeMetrics::Ike(daemons, detailed)},
    };
    if (sampler)
    {
        sampler->Finish();
        results["timeseries"] = sampler->ToJson();
    }
    nlohmann::json parameters = {{"pairs", o.pairs},
                                 {"flows", o.flows},
                                 {"packets_per_second", o.packetsPerSecond},
                                 {"packet_size", o.packetSize},
                                 {"traffic_start_s", o.trafficStart},
                                 {"duration_s", o.duration},
                                 {"crypto_mode", o.cryptoMode}};
    o.topology.AddParameters(parameters);
    o.rfc9611.AddParameters(parameters);
    o.stats.AddParameters(parameters);
    o.lan.AddParameters(parameters);
    nlohmann::json document
        = IpsecMetrics::Document("vpn-mesh",
                                 parameters,
                                 results,
                                 nlohmann::json{{"metrics", "metrics.json"},
                                                {"topology_dot", "topology.dot"},
                                                {"topology_graphml", "topology.graphml"}});
    try
    {
        IpsecMetrics::Write(document, o.outputDir + "/metrics.json");
        NetworkGraphWriter::Write(used, o.outputDir + "/topology.dot");
        NetworkGraphWriter::Write(used, o.outputDir + "/topology.graphml");
    }
    catch (const std::exception& e)
    {
        std::cerr << "vpn-mesh: " << e.what() << std::endl;
        return 1;
    }
    o.progress.Report() << "vpn-mesh: " << sites << " sites (" << o.topology.Source() << ", "
                        << used.GetLinkCount() - sites << " underlay links, " << joins
                        << " join links), " << pairs.size() << " talking pairs\n"
                        << "  IKE SAs up: " << established << "/" << pairs.size()
                        << ", Child SAs: " << childSas << "\n"
                        << "  delivered " << totalReceived << "/" << totalSent << " packets, lost "
                        << totalLost << "\n"
                        << "  outputs in " << o.outputDir
                        << "/: metrics.json, topology.dot, topology.graphml" << std::endl;
    pairs.clear();
    Simulator::Destroy();
    return 0;
}
