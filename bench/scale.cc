/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// How far one run scales: Child SAs at 10^3, 10^4, 10^5 and 10^6 (--sizes), each size in a
// process of its own, so that its peak RSS is its own.
//
// The design is a concentrator: one hub gateway with many cores (--childSasPerSpoke - 1 of
// them) and N spoke gateways on one shared link (bench::StarChannel, O(1) per packet). The hub
// initiates one IKE SA per spoke (IKE_SA_INIT + IKE_AUTH, X25519, PSK, AES-GCM-128; real IKE
// crypto always) and asks for one RFC 9611 per-CPU Child SA for each of its cores at once
// (EagerResourcePolicy), so each spoke ends up with the fallback Child SA plus one per hub CPU:
// N x childSasPerSpoke Child SAs, each a pair of data-plane SAs at each end. ESP crypto is
// size-only by default (--cryptoMode=real for real keys; exact sizes and CPU costs in both).
//
// When every Child SA is up, a host behind the hub sends one UDP packet per per-CPU SA: to every
// spoke, one from each of childSasPerSpoke - 1 source ports that the hub's NIC steers to the
// cores in turn (ntuple rules, `ethtool -N ... flow-type udp4 src-port`), so that each packet
// is encrypted on its own core with that core's SA. The run checks that every spoke received
// every packet and that every per-CPU outbound SA of the hub carried exactly one.
//
// Per size it prints the wall time of the setup and of the traffic (Simulator::Run() only), the
// wall and CPU time per Child SA, and the peak RSS (VmHWM) in all and per Child SA. Last line:
//   scale sizes=A,B,... wall_us_per_sa=... cpu_us_per_sa=... peak_rss_bytes_per_sa=...
//         wall_growth=X cpu_growth=Y peak_rss_mib_largest=Z
// The growths are the time per Child SA of the largest size over that of the smallest.

#include "bench-harness.h"
#include "star-hub.h"

#include "ns3/core-module.h"
#include "ns3/cpu-helper.h"
#include "ns3/eager-resource-policy.h"
#include "ns3/ike-helper.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/receive-steering-helper.h"
#include "ns3/receive-steering.h"
#include "ns3/rss-hash-input.h"
#include "ns3/udp-socket-factory.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::bench;

namespace
{

/// The benchmark's options, with their defaults.
struct Options
{
    std::string sizes{"1000,10000,100000,1000000"}; //!< Child SAs per run
    uint32_t childSasPerSpoke{100};                 //!< the fallback SA + one per hub core
    std::string cryptoMode{"size-only"};            //!< ESP: size-only or real
    uint32_t packetSize{100};                       //!< UDP payload octets of each packet
    std::string linkDelay{"1ms"};                   //!< one-way, spoke to hub
    uint32_t spokes{0};                             //!< set: measure this one size (a child)
};

/// First UDP source port of the host's flows; port BASE + c is steered to hub core c.
constexpr uint16_t BASE_PORT = 20000;
/// UDP port the spokes receive on.
constexpr uint16_t SINK_PORT = 9;

/// What one size measured.
struct PointResult
{
    uint64_t childSas{0};         //!< Child SAs the hub installed
    double setupWallSeconds{0};   //!< Simulator::Run() until the last Child SA was up
    double setupSimSeconds{0};    //!< simulated time of the last Child SA
    double trafficWallSeconds{0}; //!< Simulator::Run() of the traffic
    double cpuSeconds{0};         //!< this thread's CPU time in both Simulator::Run() calls
    uint64_t packetsSent{0};
    uint64_t packetsReceived{0};
    uint64_t peakRssBytes{0}; //!< VmHWM at the end
};

/// Sends packet k of a spray of one packet per (spoke, core), cores inner, then the next.
class Spray
{
  public:
    /// \param sockets one per hub core, bound to BASE_PORT + core \param destinations the
    /// spokes' addresses \param size payload octets \param interval between two packets
    Spray(std::vector<Ptr<Socket>> sockets,
          std::vector<Ipv4Address> destinations,
          uint32_t size,
          Time interval)
        : m_sockets(std::move(sockets))
        , m_destinations(std::move(destinations))
        , m_size(size)
        , m_interval(interval)
    {
    }

    /// Sends the next packet and schedules the one after.
    void Next()
    {
        uint64_t total = static_cast<uint64_t>(m_sockets.size()) * m_destinations.size();
        if (m_next == total)
        {
            return;
        }
        uint32_t core = m_next % m_sockets.size();
        uint32_t spoke = m_next / m_sockets.size();
        m_sockets[core]->SendTo(
            Create<Packet>(m_size), 0, InetSocketAddress(m_destinations[spoke], SINK_PORT));
        m_next++;
        Simulator::Schedule(m_interval, &Spray::Next, this);
    }

    /// \returns the packets sent
    uint64_t Sent() const
    {
        return m_next;
    }

  private:
    std::vector<Ptr<Socket>> m_sockets;
    std::vector<Ipv4Address> m_destinations;
    uint32_t m_size;
    Time m_interval;
    uint64_t m_next{0};
};

/// Counts what a spoke's socket receives into \p counter.
void
CountReceived(uint64_t* counter, Ptr<Socket> socket)
{
    while (socket->Recv())
    {
        (*counter)++;
    }
}

/// Counts the hub's installed Child SAs and stops the setup phase at \p target.
struct SetupWatch
{
    uint64_t installed{0};
    uint64_t target{0};
    Time last;

    void OnChildSa(const IkeChildSa& child)
    {
        installed++;
        if (installed == target)
        {
            last = Simulator::Now();
            Simulator::Stop();
        }
    }
};

/// Builds the hub, the spokes and the host, runs the setup and then the traffic, measures.
PointResult
RunPoint(const Options& o)
{
    uint32_t hubCores = o.childSasPerSpoke - 1;
    NodeContainer hub;
    hub.Create(1);
    NodeContainer host;
    host.Create(1);
    NodeContainer spokes;
    spokes.Create(o.spokes);
    InternetStackHelper internet;
    internet.SetIpv6StackInstall(false);
    internet.Install(hub);
    internet.Install(host);
    internet.Install(spokes);

    // WAN: the star; LAN: host 10.0.0.2 - hub 10.0.0.1 (/24), the hub's protected subnet.
    Ptr<StarChannel> channel = CreateObject<StarChannel>(Time(o.linkDelay));
    Ipv4Address hubOuter("100.64.0.1");
    Attach(hub.Get(0), channel, hubOuter, Ipv4Address());
    std::vector<Ipv4Address> spokeAddresses;
    for (uint32_t i = 0; i < o.spokes; ++i)
    {
        spokeAddresses.emplace_back(SpokeSubnet(i).Get() + 1);
        Attach(spokes.Get(i), channel, SpokeOuter(i), spokeAddresses.back());
    }
    PointToPointHelper lan;
    lan.SetDeviceAttribute("DataRate", StringValue("100Gbps"));
    lan.SetChannelAttribute("Delay", StringValue("10us"));
    NetDeviceContainer lanDevices = lan.Install(hub.Get(0), host.Get(0));
    Ipv4AddressHelper lanAddresses("10.0.0.0", "255.255.255.0");
    lanAddresses.Assign(lanDevices);
    Ipv4StaticRoutingHelper routing;
    Ptr<Ipv4> hostIpv4 = host.Get(0)->GetObject<Ipv4>();
    routing.GetStaticRouting(hostIpv4)->SetDefaultRoute(
        Ipv4Address("10.0.0.1"), hostIpv4->GetInterfaceForDevice(lanDevices.Get(1)));

    // The hub's cores, and its NIC steering each flow of the host to its core.
    CpuHelper cpus;
    cpus.SetCpuAttribute("Cores", UintegerValue(hubCores));
    cpus.Install(hub.Get(0));
    NodeContainer gateways(hub, spokes);
    IpsecHelper ipsec;
    ipsec.SetDataPlaneAttribute("DefaultCryptoMode", StringValue(o.cryptoMode));
    ipsec.SetDataPlaneAttribute("RecordSas", BooleanValue(false)); // keys of 10^6 SAs: GBs
    ipsec.Install(gateways);
    ipsec.AssignStreams(gateways, 10);
    ReceiveSteeringHelper steering;
    steering.Configure(NetDeviceContainer(lanDevices.Get(0)), RssHashInput::FIVE_TUPLE);
    steering.Configure(NetDeviceContainer(hub.Get(0)->GetDevice(1)), RssHashInput::ADDRESSES_SPI);
    Ptr<ReceiveSteering> hubSteering = hub.Get(0)->GetObject<ReceiveSteering>();
    for (uint32_t core = 0; core < hubCores; ++core)
    {
        hubSteering->AddUdpSourcePortRule(lanDevices.Get(0), BASE_PORT + core, core);
    }

    IkeHelper ike;
    UseBenchIkeSettings(ike);
    // The hub starts every IKE SA at once; the spokes answer one each, so no spoke sees a storm
    // (the cookie threshold is per responder), but a spoke must accept the hub's whole group.
    ike.SetPerResourceAttribute("Enabled", BooleanValue(true));
    ike.SetPerResourceAttribute("InitiatorPolicy", TypeIdValue(EagerResourcePolicy::GetTypeId()));
    ike.SetPerResourceAttribute("MaxAdditional", UintegerValue(o.childSasPerSpoke));
    // One IPsec interface and one aggregate route on the hub for all spokes, as a strongSwan
    // hub with one xfrm interface: the hub's IPv4 path does not grow with the spokes.
    ike.SetSharedInterface(hub.Get(0), Ipv4Address("10.0.0.0"), Ipv4Mask("255.0.0.0"));
    IpsecTunnelEnd hubEnd{hub.Get(0), hubOuter, Ipv4Address("10.0.0.0"), Ipv4Mask("/24")};
    Ptr<IkeDaemon> hubDaemon;
    for (uint32_t i = 0; i < o.spokes; ++i)
    {
        IpsecTunnelEnd spokeEnd{spokes.Get(i), SpokeOuter(i), SpokeSubnet(i), Ipv4Mask("/24")};
        hubDaemon = ike.Install(hubEnd, spokeEnd).initiator;
    }
    ike.AssignStreams(100);

    SetupWatch watch;
    watch.target = static_cast<uint64_t>(o.spokes) * o.childSasPerSpoke;
    hubDaemon->TraceConnectWithoutContext("ChildSa", MakeCallback(&SetupWatch::OnChildSa, &watch));

    // The sinks, and the host's sockets (one per hub core).
    std::vector<uint64_t> received(o.spokes, 0);
    for (uint32_t i = 0; i < o.spokes; ++i)
    {
        Ptr<Socket> sink = Socket::CreateSocket(spokes.Get(i), UdpSocketFactory::GetTypeId());
        sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), SINK_PORT));
        sink->SetRecvCallback(MakeBoundCallback(&CountReceived, &received[i]));
    }
    std::vector<Ptr<Socket>> sources;
    for (uint32_t core = 0; core < hubCores; ++core)
    {
        Ptr<Socket> source = Socket::CreateSocket(host.Get(0), UdpSocketFactory::GetTypeId());
        source->Bind(InetSocketAddress(Ipv4Address::GetAny(), BASE_PORT + core));
        sources.push_back(source);
    }

    PointResult result;
    Simulator::Stop(Seconds(600)); // a bound; the watch stops the setup when it is complete
    auto begin = std::chrono::steady_clock::now();
    double cpuBegin = ThreadCpuSeconds();
    Simulator::Run();
    result.setupWallSeconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    result.cpuSeconds = ThreadCpuSeconds() - cpuBegin;
    result.childSas = watch.installed;
    result.setupSimSeconds = watch.last.GetSeconds();
    if (watch.installed != watch.target)
    {
        std::cerr << "scale: only " << watch.installed << " of " << watch.target
                  << " Child SAs were installed on the hub by t = " << Simulator::Now().GetSeconds()
                  << " s" << std::endl;
        Simulator::Destroy();
        return result;
    }

    // One packet a microsecond: each core gets one every hubCores microseconds, far below what
    // it can encrypt, so nothing waits long and nothing is dropped.
    Spray spray(sources, spokeAddresses, o.packetSize, MicroSeconds(1));
    Simulator::ScheduleNow(&Spray::Next, &spray);
    Simulator::Stop(MicroSeconds(static_cast<uint64_t>(hubCores) * o.spokes) + Seconds(1));
    begin = std::chrono::steady_clock::now();
    cpuBegin = ThreadCpuSeconds();
    Simulator::Run();
    result.trafficWallSeconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    result.cpuSeconds += ThreadCpuSeconds() - cpuBegin;
    result.packetsSent = spray.Sent();
    uint32_t shortSpokes = 0;
    for (uint64_t count : received)
    {
        result.packetsReceived += count;
        shortSpokes += count != hubCores;
    }
    // Every per-CPU outbound SA of the hub carried exactly one packet (the fallbacks none).
    std::map<uint64_t, uint64_t> outboundByPackets;
    for (const Ptr<const IpsecSa>& sa : hubDaemon->GetDataPlane()->GetSas())
    {
        if (sa->Params().direction == SaDirection::OUTBOUND)
        {
            outboundByPackets[sa->GetCounters().packets]++;
        }
    }
    std::printf("  hub outbound SAs by packets carried:");
    for (const auto& [packets, sas] : outboundByPackets)
    {
        std::printf(" %lu packets: %lu SAs;",
                    static_cast<unsigned long>(packets),
                    static_cast<unsigned long>(sas));
    }
    std::printf(" spokes missing packets: %u\n", shortSpokes);
    uint64_t perCpuSas = static_cast<uint64_t>(hubCores) * o.spokes;
    if (outboundByPackets[1] != perCpuSas || shortSpokes != 0)
    {
        std::cerr << "scale: the traffic did not use every per-CPU SA once" << std::endl;
        result.packetsReceived = 0;
    }
    result.peakRssBytes = ReadPeakRssBytes();
    Simulator::Destroy();
    return result;
}

/// \returns \p text split at commas, each a positive integer; throws naming the bad one
std::vector<uint64_t>
ParseSizes(const std::string& text)
{
    std::vector<uint64_t> sizes;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ','))
    {
        size_t used = 0;
        uint64_t value = 0;
        try
        {
            value = std::stoull(item, &used);
        }
        catch (const std::exception&)
        {
            used = 0;
        }
        if (used != item.size() || value == 0)
        {
            throw std::invalid_argument("--sizes: '" + item
                                        + "' is not a positive number of Child SAs");
        }
        sizes.push_back(value);
    }
    if (sizes.empty())
    {
        throw std::invalid_argument("--sizes is empty: expected e.g. 1000,10000");
    }
    return sizes;
}

/// \returns the value of \p key in a "key=value key=value" line; throws if it is missing
double
Field(const std::string& line, const std::string& key)
{
    size_t at = line.find(" " + key + "=");
    if (at == std::string::npos)
    {
        throw std::runtime_error("no " + key + " in '" + line + "'");
    }
    return std::stod(line.substr(at + key.size() + 2));
}

/// The child: measures one size and prints its result line.
int
MeasureOne(const Options& o)
{
    PointResult r = RunPoint(o);
    if (r.childSas != static_cast<uint64_t>(o.spokes) * o.childSasPerSpoke
        || r.packetsReceived != r.packetsSent || r.packetsSent == 0)
    {
        std::cerr << "scale: the run with " << o.spokes << " spokes failed" << std::endl;
        return 1;
    }
    std::printf("scale_point child_sas=%lu spokes=%u setup_wall_s=%.3f setup_sim_s=%.4f "
                "traffic_wall_s=%.3f cpu_s=%.3f packets=%lu peak_rss_bytes=%lu\n",
                static_cast<unsigned long>(r.childSas),
                o.spokes,
                r.setupWallSeconds,
                r.setupSimSeconds,
                r.trafficWallSeconds,
                r.cpuSeconds,
                static_cast<unsigned long>(r.packetsReceived),
                static_cast<unsigned long>(r.peakRssBytes));
    return 0;
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    CommandLine cmd(__FILE__);
    cmd.AddValue("sizes", "Child SAs per run, comma-separated", o.sizes);
    cmd.AddValue("childSasPerSpoke",
                 "Child SAs per spoke: the fallback SA + one per hub core (2 to 4097)",
                 o.childSasPerSpoke);
    cmd.AddValue("cryptoMode", "ESP crypto: size-only or real", o.cryptoMode);
    cmd.AddValue("packetSize", "UDP payload octets of each packet", o.packetSize);
    cmd.AddValue("linkDelay", "one-way delay between a spoke and the hub", o.linkDelay);
    cmd.AddValue("spokes", "measure one size with this many spokes (how the sizes run)", o.spokes);
    cmd.Parse(argc, argv);
    std::vector<uint64_t> sizes;
    try
    {
        optioncheck::InRange("childSasPerSpoke", o.childSasPerSpoke, 2, 4097);
        optioncheck::InRange("packetSize", o.packetSize, 1, 1400);
        if (o.cryptoMode != "size-only" && o.cryptoMode != "real")
        {
            throw std::invalid_argument("--cryptoMode=" + o.cryptoMode
                                        + " is not known: expected size-only or real");
        }
        TimeValue delay;
        if (!delay.DeserializeFromString(o.linkDelay, MakeTimeChecker())
            || delay.Get().IsNegative())
        {
            throw std::invalid_argument("--linkDelay=" + o.linkDelay
                                        + " is not a time: expected e.g. 1ms");
        }
        sizes = ParseSizes(o.sizes);
        for (uint64_t size : sizes)
        {
            if (size % o.childSasPerSpoke != 0 || size / o.childSasPerSpoke > 1000000)
            {
                throw std::invalid_argument("--sizes: " + std::to_string(size)
                                            + " is not a multiple of "
                                            + std::to_string(o.childSasPerSpoke)
                                            + " (--childSasPerSpoke) for at most 1000000 spokes");
            }
        }
    }
    catch (const std::invalid_argument& e)
    {
        std::cerr << "scale: " << e.what() << std::endl;
        return 2;
    }
    if (o.spokes > 0)
    {
        return MeasureOne(o);
    }

    std::printf("scale: one hub with %u cores, %u Child SAs per spoke (fallback + per-CPU), ESP "
                "%s, one packet per per-CPU SA; each size in its own process\n",
                o.childSasPerSpoke - 1,
                o.childSasPerSpoke,
                o.cryptoMode.c_str());

    struct Row
    {
        uint64_t childSas;
        double setupWall;
        double trafficWall;
        double setupSim;
        double cpu;
        double peakRss;
    };

    std::vector<Row> rows;
    try
    {
        for (uint64_t size : sizes)
        {
            uint64_t spokes = size / o.childSasPerSpoke;
            std::string line
                = RunSelf("--spokes=" + std::to_string(spokes) + " --childSasPerSpoke="
                              + std::to_string(o.childSasPerSpoke) + " --cryptoMode=" + o.cryptoMode
                              + " --packetSize=" + std::to_string(o.packetSize)
                              + " --linkDelay=" + o.linkDelay,
                          "scale_point ");
            rows.push_back(Row{static_cast<uint64_t>(Field(line, "child_sas")),
                               Field(line, "setup_wall_s"),
                               Field(line, "traffic_wall_s"),
                               Field(line, "setup_sim_s"),
                               Field(line, "cpu_s"),
                               Field(line, "peak_rss_bytes")});
            std::printf("  %lu Child SAs done\n", static_cast<unsigned long>(size));
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << "scale: " << e.what() << std::endl;
        return 1;
    }

    std::printf("%10s %7s %8s %7s %9s %9s %8s %9s %9s %8s\n",
                "child SAs",
                "spokes",
                "setup s",
                "sim s",
                "traffic s",
                "us/SA",
                "cpu s",
                "cpu us/SA",
                "peak MiB",
                "B/SA");
    std::string sizesField;
    std::string wallField;
    std::string cpuField;
    std::string rssField;
    std::vector<double> wallPerSa;
    std::vector<double> cpuPerSa;
    auto append = [](std::string& field, const char* format, double value)
    {
        char number[64];
        std::snprintf(number, sizeof(number), format, value);
        field += (field.empty() ? "" : ",") + std::string(number);
    };
    for (const Row& row : rows)
    {
        double us = (row.setupWall + row.trafficWall) * 1e6 / row.childSas;
        double cpuUs = row.cpu * 1e6 / row.childSas;
        double bytes = row.peakRss / row.childSas;
        wallPerSa.push_back(us);
        cpuPerSa.push_back(cpuUs);
        std::printf("%10lu %7lu %8.2f %7.3f %9.2f %9.1f %8.2f %9.1f %9.1f %8.0f\n",
                    static_cast<unsigned long>(row.childSas),
                    static_cast<unsigned long>(row.childSas / o.childSasPerSpoke),
                    row.setupWall,
                    row.setupSim,
                    row.trafficWall,
                    us,
                    row.cpu,
                    cpuUs,
                    row.peakRss / (1024.0 * 1024.0),
                    bytes);
        append(sizesField, "%.0f", row.childSas);
        append(wallField, "%.1f", us);
        append(cpuField, "%.1f", cpuUs);
        append(rssField, "%.0f", bytes);
    }
    std::printf("(us/SA: wall time of setup and traffic over Child SAs; cpu: the same in this "
                "thread's CPU time, which the VM's other load inflates less; B/SA: peak RSS of "
                "the whole process over Child SAs)\n");
    std::printf("scale sizes=%s wall_us_per_sa=%s cpu_us_per_sa=%s peak_rss_bytes_per_sa=%s "
                "wall_growth=%.2f cpu_growth=%.2f peak_rss_mib_largest=%.0f\n",
                sizesField.c_str(),
                wallField.c_str(),
                cpuField.c_str(),
                rssField.c_str(),
                wallPerSa.back() / wallPerSa.front(),
                cpuPerSa.back() / cpuPerSa.front(),
                rows.back().peakRss / (1024.0 * 1024.0));
    return 0;
}
