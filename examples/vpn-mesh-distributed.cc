/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// vpn-mesh's VPN sites, run as one simulation over several processes with ns-3's MPI engine
// (mpirun -np N; --simulator=distributed for DistributedSimulatorImpl, null-message for
// NullMessageSimulatorImpl). SiteGraphTopology splits the sites over the processes
// (SitePartition): each gateway and its host run in one process, and the underlay links
// between processes are remote point-to-point channels whose delays are the lookahead. Every
// process builds the whole scenario (same nodes, tunnels, random streams), but runs only its
// own nodes: the IKE daemons negotiate their per-CPU Child SAs (RFC 9611) across process
// boundaries, and only the sources on its own hosts send.
//
// Each process writes what its own nodes counted to metrics.rank-<r>.json and sends it to
// process 0, which joins the parts (MetricsParts) into one metrics.json shaped as vpn-mesh's
// results (doc/metrics.schema.json), plus topology.dot and topology.graphml. A run with one
// process is the same program, so 1 and N processes can be compared (scripts/test-mpi.sh).
// See doc/mpi.rst.

#include "ns3/core-module.h"
#include "ns3/cpu-helper.h"
#include "ns3/flow-receiver.h"
#include "ns3/ike-helper.h"
#include "ns3/ike-metrics.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-metrics.h"
#include "ns3/link-options.h"
#include "ns3/metrics-parts.h"
#include "ns3/mpi-interface.h"
#include "ns3/network-graph-writer.h"
#include "ns3/network-module.h"
#include "ns3/node-locality.h"
#include "ns3/option-checks.h"
#include "ns3/per-resource-options.h"
#include "ns3/receive-steering-helper.h"
#include "ns3/site-graph-options.h"
#include "ns3/site-graph-topology.h"
#include "ns3/site-pairs.h"

#include <mpi.h>

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
    double childRekey{0.0}; //!< Child SA rekey time; 0 for the daemons' default (none in a run)
    PerResourceOptions rfc9611 = PerResourceOptions::Eager();
    std::string cryptoMode{"real"};
    LinkOptions lan{"lan", "host-gateway links the graph lacks", "1Gbps", "1ms"};
    std::string simulator{"distributed"};
    std::string outputDir{"ipsec-output/vpn-mesh-distributed"};
};

/// \returns ns-3's TypeId name of the simulator keyword \p simulator
std::string
SimulatorType(const std::string& simulator)
{
    return simulator == "null-message" ? "ns3::NullMessageSimulatorImpl"
                                       : "ns3::DistributedSimulatorImpl";
}

/// One talking pair as run.
struct Pair
{
    uint32_t a{0};                     //!< initiating site
    uint32_t b{0};                     //!< responding site
    IkeTunnel tunnel;                  //!< its tunnel and daemons
    std::unique_ptr<FlowReceiver> toB; //!< a's flows, received at b
    std::unique_ptr<FlowReceiver> toA; //!< b's flows, received at a
    std::vector<Ptr<Socket>> sockets;  //!< this process's sources and sinks
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

/// \returns every process's \p part, in rank order, at rank 0 (empty elsewhere)
std::vector<nlohmann::json>
GatherParts(const nlohmann::json& part)
{
    const std::string text = part.dump();
    int length = static_cast<int>(text.size());
    int rank = static_cast<int>(MpiInterface::GetSystemId());
    int size = static_cast<int>(MpiInterface::GetSize());
    std::vector<int> lengths(size);
    MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
    std::vector<int> offsets(size, 0);
    for (int r = 1; r < size; ++r)
    {
        offsets[r] = offsets[r - 1] + lengths[r - 1];
    }
    std::string all(rank == 0 ? offsets[size - 1] + lengths[size - 1] : 0, '\0');
    MPI_Gatherv(text.data(),
                length,
                MPI_CHAR,
                all.data(),
                lengths.data(),
                offsets.data(),
                MPI_CHAR,
                0,
                MPI_COMM_WORLD);
    std::vector<nlohmann::json> parts;
    if (rank == 0)
    {
        for (int r = 0; r < size; ++r)
        {
            parts.push_back(nlohmann::json::parse(all.substr(offsets[r], lengths[r])));
        }
    }
    return parts;
}

/// Shorter Child SA lifetimes on every connection of \p daemon, so that a run rekeys.
void
SetChildRekey(Ptr<IkeDaemon> daemon, double rekey)
{
    for (uint32_t c = 0; c < daemon->GetConnectionCount(); ++c)
    {
        IkePeerConfig config = daemon->GetConfig(c);
        config.childLifetime.rekeyTime = Seconds(rekey);
        config.childLifetime.lifeTime = Seconds(rekey * 1.1);
        config.childLifetime.randTime = Seconds(rekey * 0.1);
        daemon->SetConnection(c, config);
    }
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
    cmd.AddValue("childRekey",
                 "seconds before each Child SA is rekeyed (jittered by up to 10%); 0 for the "
                 "daemons' default lifetimes",
                 o.childRekey);
    o.rfc9611.AddTo(cmd);
    cmd.AddValue(
        "cryptoMode", "ESP crypto: real or size-only (fast, for large runs)", o.cryptoMode);
    o.lan.AddTo(cmd);
    cmd.AddValue("simulator",
                 "ns-3's MPI engine: distributed (DistributedSimulatorImpl) or null-message "
                 "(NullMessageSimulatorImpl)",
                 o.simulator);
    cmd.AddValue("outputDir",
                 "where metrics.json, its parts, topology.dot and topology.graphml go",
                 o.outputDir);
    cmd.Parse(argc, argv);

    // The engine is chosen before MPI starts and before any node exists.
    bool knownSimulator = o.simulator == "distributed" || o.simulator == "null-message";
    GlobalValue::Bind("SimulatorImplementationType",
                      StringValue(SimulatorType(knownSimulator ? o.simulator : "distributed")));
    MpiInterface::Enable(&argc, &argv);
    const uint32_t rank = MpiInterface::GetSystemId();
    const uint32_t ranks = MpiInterface::GetSize();

    std::unique_ptr<SiteGraphTopology> topology;
    NetworkGraph graph;
    uint32_t joins = 0;
    try
    {
        optioncheck::OneOf("simulator", o.simulator, {"distributed", "null-message"});
        o.topology.Validate();
        optioncheck::InRange("flows", o.flows, 1, 64);
        optioncheck::Positive("packetsPerSecond", o.packetsPerSecond, 1e6, "per second");
        optioncheck::InRange("packetSize", o.packetSize, 24, 1400, "bytes");
        optioncheck::InRange("trafficStart", o.trafficStart, 0, 1e6, "seconds");
        optioncheck::Positive("duration", o.duration, 1e6, "seconds");
        optioncheck::InRange("childRekey", o.childRekey, 0, 1e6, "seconds");
        if (o.duration < o.trafficStart + 1.0)
        {
            throw std::invalid_argument("--duration=" + std::to_string(o.duration)
                                        + " is too short: expected at least --trafficStart + 1 = "
                                        + std::to_string(o.trafficStart + 1.0));
        }
        optioncheck::Keyword("cryptoMode", o.cryptoMode, &CryptoModeFromString);
        o.lan.Validate();
        o.rfc9611.Validate();
        graph = o.topology.Make(joins);
        topology = std::make_unique<SiteGraphTopology>(graph, o.lan.rate, o.lan.delay, ranks);
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
        // Every process checks the same options, so all of them stop here together.
        if (rank == 0)
        {
            std::cerr << "vpn-mesh-distributed: " << e.what() << std::endl;
        }
        MpiInterface::Disable();
        return 2;
    }
    const uint32_t sites = topology->GetSiteCount();

    // As vpn-mesh: CPUs, data planes, receive steering, IKE; on every node in every process,
    // so that node ids and random streams are the same whatever the number of processes.
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
    ReceiveSteeringHelper steering;
    steering.Install(gateways);
    steering.Configure(topology->LanDevices(), RssHashInput::FIVE_TUPLE);
    steering.Configure(topology->WanDevices(), RssHashInput::ADDRESSES_SPI);

    Ptr<UniformRandomVariable> random = CreateObject<UniformRandomVariable>();
    random->SetStream(11);
    IkeHelper ikeHelper;
    o.rfc9611.Apply(ikeHelper);
    ikeHelper.SetPerResourceAttribute("Enabled", BooleanValue(true));
    for (uint32_t k = 0; k < sites; ++k)
    {
        ikeHelper.SetSharedInterface(topology->Gateway(k), Ipv4Address("10.0.0.0"), Ipv4Mask("/8"));
    }
    std::vector<Pair> pairs;
    std::map<std::string, Ptr<IkeDaemon>> daemons; // every site's, local or not
    for (auto [a, b] : SitePairs::Draw(sites, o.pairs, random))
    {
        Pair pair;
        pair.a = a;
        pair.b = b;
        pair.tunnel = ikeHelper.Install(topology->End(a), topology->End(b));
        daemons[topology->GetSiteName(a)] = pair.tunnel.initiator;
        daemons[topology->GetSiteName(b)] = pair.tunnel.responder;
        pairs.push_back(std::move(pair));
    }
    stream += ikeHelper.AssignStreams(stream);
    if (o.childRekey > 0)
    {
        for (const auto& [name, daemon] : daemons)
        {
            SetChildRekey(daemon, o.childRekey);
        }
    }

    // Traffic as vpn-mesh's, but each source and sink only in the process of its host. Every
    // process still draws every flow's phase, so that the draws match a single process's.
    Time start = Seconds(o.trafficStart);
    Time stop = Seconds(o.duration - 0.5);
    Time interval = Seconds(1.0 / o.packetsPerSecond);
    std::vector<uint16_t> nextPort(sites, 1024);
    for (Pair& pair : pairs)
    {
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
            Ptr<Node> receiverHost = topology->Host(d.to);
            if (NodeLocality::IsLocal(receiverHost))
            {
                Ptr<Socket> sink
                    = Socket::CreateSocket(receiverHost, UdpSocketFactory::GetTypeId());
                sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
                d.receiver->ConnectSocket(sink);
                pair.sockets.push_back(sink);
            }
            Ptr<Node> senderHost = topology->Host(d.from);
            for (uint32_t f = 0; f < o.flows; ++f)
            {
                Time first = start + Seconds(random->GetValue(0, interval.GetSeconds()));
                if (!NodeLocality::IsLocal(senderHost))
                {
                    continue;
                }
                Ptr<Socket> source
                    = Socket::CreateSocket(senderHost, UdpSocketFactory::GetTypeId());
                source->Bind();
                source->Connect(InetSocketAddress(topology->HostAddress(d.to), port));
                pair.sockets.push_back(source);
                FlowReceiver* receiver = d.receiver;
                uint32_t size = o.packetSize;
                for (Time t = first; t < stop; t += interval)
                {
                    Simulator::ScheduleWithContext(senderHost->GetId(),
                                                   t,
                                                   [source, receiver, size]()
                                                   {
                                                       receiver->NoteOffered();
                                                       source->Send(Create<Packet>(size));
                                                   });
                }
            }
        }
    }

    Simulator::Stop(Seconds(o.duration));
    Simulator::Run();

    // This process's part: what its own nodes counted, keyed so that the parts are disjoint.
    const bool detailed = sites <= 100;
    nlohmann::json part = nlohmann::json::object();
    for (uint32_t p = 0; p < pairs.size(); ++p)
    {
        const Pair& pair = pairs[p];
        nlohmann::json counted = nlohmann::json::object();
        if (topology->GetSystemId(pair.a) == rank)
        {
            const IkeSession* session
                = SessionTo(pair.tunnel.initiator, topology->End(pair.b).outerAddress);
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
            counted["ike_sa_established"]
                = session && session->GetSa().GetState() == IkeSaState::ESTABLISHED;
            counted["child_sas"] = children;
            counted["per_resource_sas"] = perResource;
            counted["offered_to_b"] = pair.toB->GetOffered();
            counted["received_at_a"] = pair.toA->GetReceived();
        }
        if (topology->GetSystemId(pair.b) == rank)
        {
            counted["offered_to_a"] = pair.toA->GetOffered();
            counted["received_at_b"] = pair.toB->GetReceived();
        }
        if (!counted.empty()) // neither end here: nothing to say
        {
            part["pairs"][std::to_string(p)] = counted;
        }
    }
    for (uint32_t k = 0; k < sites; ++k)
    {
        if (topology->GetSystemId(k) != rank)
        {
            continue;
        }
        const std::string name = topology->GetSiteName(k);
        Ptr<Node> gateway = topology->Gateway(k);
        nlohmann::json esp = IpsecMetrics::DataPlane(gateway->GetObject<IpsecDataPlane>());
        esp["sa_count"] = esp["sas"].size();
        if (!detailed)
        {
            esp.erase("sas");
        }
        part["sites"][name]
            = {{"cores", topology->GetCores(k)},
               {"outer_address", Text(topology->End(k).outerAddress)},
               {"subnet", Text(topology->End(k).subnet) + "/24"},
               {"esp", esp},
               {"cpu", CpuHelper::Metrics(gateway->GetObject<CpuModel>(), Simulator::Now())}};
        auto daemon = daemons.find(name);
        if (daemon != daemons.end())
        {
            part["ike"][name]
                = {{"counters", IkeMetrics::Counters(daemon->second->GetStatistics())},
                   {"connections", daemon->second->GetConnectionCount()}};
            if (detailed)
            {
                part["ike"][name]["daemon"] = IkeMetrics::Daemon(daemon->second);
            }
        }
    }
    int status = 0;
    try
    {
        IpsecMetrics::Write(part, o.outputDir + "/metrics.rank-" + std::to_string(rank) + ".json");
    }
    catch (const std::exception& e)
    {
        std::cerr << "vpn-mesh-distributed: process " << rank << ": " << e.what() << std::endl;
        status = 1;
    }
    std::vector<nlohmann::json> parts = GatherParts(part);
    std::vector<std::pair<uint32_t, uint32_t>> ends;
    for (const Pair& pair : pairs)
    {
        ends.emplace_back(pair.a, pair.b);
    }
    const uint64_t daemonCount = daemons.size();
    pairs.clear();
    daemons.clear();
    Simulator::Destroy();
    MpiInterface::Disable();
    if (rank != 0)
    {
        return status;
    }

    // Process 0 joins the parts and builds vpn-mesh's results from them.
    nlohmann::json whole = nlohmann::json::object();
    try
    {
        for (const nlohmann::json& p : parts)
        {
            MetricsParts::Merge(whole, p);
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << "vpn-mesh-distributed: " << e.what() << std::endl;
        return 1;
    }
    nlohmann::json pairResults = nlohmann::json::array();
    std::vector<uint64_t> sent(sites, 0);
    std::vector<uint64_t> received(sites, 0);
    std::vector<uint64_t> lost(sites, 0);
    uint64_t established = 0;
    uint64_t childSas = 0;
    for (uint32_t p = 0; p < ends.size(); ++p)
    {
        auto [a, b] = ends[p];
        const nlohmann::json& counted = whole["pairs"][std::to_string(p)];
        uint64_t toB = counted.at("offered_to_b");
        uint64_t toA = counted.at("offered_to_a");
        uint64_t atB = counted.at("received_at_b");
        uint64_t atA = counted.at("received_at_a");
        // FlowReceiver's loss: offered minus received, never below zero.
        uint64_t lostAtB = toB - std::min(toB, atB);
        uint64_t lostAtA = toA - std::min(toA, atA);
        bool up = counted.at("ike_sa_established");
        uint64_t children = counted.at("child_sas");
        established += up ? 1 : 0;
        childSas += children;
        sent[a] += toB;
        sent[b] += toA;
        received[b] += atB;
        received[a] += atA;
        lost[b] += lostAtB;
        lost[a] += lostAtA;
        pairResults.push_back({{"a", topology->GetSiteName(a)},
                               {"b", topology->GetSiteName(b)},
                               {"ike_sa_established", up},
                               {"child_sas", children},
                               {"per_resource_sas", counted.at("per_resource_sas")},
                               {"a_cores", topology->GetCores(a)},
                               {"sent_packets", toB + toA},
                               {"delivered_packets", atB + atA},
                               {"lost_packets", lostAtB + lostAtA}});
    }
    nlohmann::json siteResults = nlohmann::json::object();
    uint64_t totalSent = 0;
    uint64_t totalReceived = 0;
    uint64_t totalLost = 0;
    for (uint32_t k = 0; k < sites; ++k)
    {
        nlohmann::json site = whole["sites"].at(topology->GetSiteName(k));
        site["sent_packets"] = sent[k];
        site["delivered_packets"] = received[k];
        site["lost_packets"] = lost[k];
        siteResults[topology->GetSiteName(k)] = site;
        totalSent += sent[k];
        totalReceived += received[k];
        totalLost += lost[k];
    }
    // IKE: the daemons' counters summed in name order, as IkeMetrics::Ike does in one process.
    IkeStatistics ikeTotal;
    uint64_t connections = 0;
    nlohmann::json perDaemon = nlohmann::json::object();
    const nlohmann::json ikeParts = whole.value("ike", nlohmann::json::object());
    for (const auto& [name, daemon] : ikeParts.items())
    {
        IkeMetrics::Accumulate(ikeTotal, IkeMetrics::CountersFrom(daemon.at("counters")));
        connections += daemon.at("connections").get<uint64_t>();
        if (detailed)
        {
            perDaemon[name] = daemon.at("daemon");
        }
    }
    nlohmann::json ike = {{"total", IkeMetrics::Total(ikeTotal, connections, daemonCount)}};
    if (detailed)
    {
        ike["daemons"] = perDaemon;
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
         {{"pairs", ends.size()},
          {"pairs_established", established},
          {"child_sas", childSas},
          {"sent_packets", totalSent},
          {"delivered_packets", totalReceived},
          {"lost_packets", totalLost}}},
        {"pairs", pairResults},
        {"sites", siteResults},
        {"ike", ike},
    };
    nlohmann::json parameters = {{"pairs", o.pairs},
                                 {"flows", o.flows},
                                 {"packets_per_second", o.packetsPerSecond},
                                 {"packet_size", o.packetSize},
                                 {"traffic_start_s", o.trafficStart},
                                 {"duration_s", o.duration},
                                 {"child_rekey_s", o.childRekey},
                                 {"crypto_mode", o.cryptoMode},
                                 {"simulator", o.simulator},
                                 {"processes", ranks}};
    o.topology.AddParameters(parameters);
    o.rfc9611.AddParameters(parameters);
    o.lan.AddParameters(parameters);
    nlohmann::json document
        = IpsecMetrics::Document("vpn-mesh-distributed",
                                 parameters,
                                 results,
                                 nlohmann::json{{"metrics", "metrics.json"},
                                                {"parts", "metrics.rank-<process>.json"},
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
        std::cerr << "vpn-mesh-distributed: " << e.what() << std::endl;
        return 1;
    }
    std::cout << "vpn-mesh-distributed: " << sites << " sites (" << o.topology.Source() << ") over "
              << ranks << " processes (" << o.simulator << ", "
              << topology->GetCrossSystemLinkCount() << " links between processes), " << ends.size()
              << " talking pairs\n"
              << "  IKE SAs up: " << established << "/" << ends.size()
              << ", Child SAs: " << childSas << ", Child SA rekeys: " << ikeTotal.childSaRekeys
              << "\n"
              << "  delivered " << totalReceived << "/" << totalSent << " packets, lost "
              << totalLost << "\n"
              << "  outputs in " << o.outputDir
              << "/: metrics.json (joined from metrics.rank-*.json), topology.dot, "
                 "topology.graphml"
              << std::endl;
    return status;
}
