/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// host ---- gw ====( FdNetDevice on a real veth )==== a real IKEv2 peer (strongSwan)
//   --localSubnet         --localAddress        --peerAddress      --remoteSubnet
//
// One simulated gateway (IpsecDataPlane + IkeDaemon) talks IKEv2 and ESP to a real IKE daemon
// in real time: the simulator runs RealtimeSimulatorImpl with real checksums, and gw's outer
// device is an FdNetDevice on a PF_PACKET socket this program opens on --interface (Debian's
// ns-3 helper binaries have broken paths, so EmuFdNetDeviceHelper cannot open it). The
// simulated host behind gw answers ping, runs a UDP echo server (port --echoPort) for real
// processes on the peer's subnet, and sends its own UDP echo requests to --remoteHost, so both
// directions are exercised from here. Optional timed actions (second Child SA, rekeys,
// deletes) exercise the exchanges after IKE_AUTH. scripts/strongswan-interop.sh drives it.
// Writes metrics.json, ikev2_decryption_table, esp_sa and a pcap of the outer device.

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/cpu-helper.h"
#include "ns3/fd-net-device-helper.h"
#include "ns3/ike-helper.h"
#include "ns3/ike-metrics.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-metrics.h"
#include "ns3/network-module.h"
#include "ns3/option-checks.h"
#include "ns3/point-to-point-module.h"
#include "ns3/wireshark-key-table.h"

#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <stdexcept>

using namespace ns3;

namespace
{

/// The example's options, with their defaults (those of scripts/strongswan-interop.sh).
struct Options
{
    std::string interface;
    std::string localAddress{"10.77.0.2/24"};
    std::string peerAddress{"10.77.0.1"};
    std::string localSubnet{"10.10.1.0/24"};
    std::string remoteSubnet{"10.10.2.0/24"};
    std::string remoteHost{"10.10.2.1"};
    std::string psk{"ns-3 ipsec interop"};
    std::string ike{"aes128gcm16"};
    uint32_t dh{31};
    std::string esp{"aes128gcm16"};
    uint32_t pfs{0};
    std::string role{"initiate"};
    double ikeRekey{14400};
    double childRekey{3600};
    double dpd{0};
    bool forceEncap{false};
    bool perResource{false};
    uint32_t cpus{1};
    double createChildAt{-1};
    double rekeyChildAt{-1};
    double rekeyIkeAt{-1};
    double deleteChildAt{-1};
    double closeIkeAt{-1};
    uint16_t echoPort{7};
    double echoInterval{0.1};
    double echoDelay{0.5};
    double duration{10};
    std::string outputDir{"ipsec-output/strongswan-interop"};
};

/// \return the octets of \p text
Bytes
ToBytes(const std::string& text)
{
    return Bytes(text.begin(), text.end());
}

/// \return the address of \p text (dotted quad), or throws naming --\p option
Ipv4Address
ParseAddress(const std::string& option, const std::string& text)
{
    in_addr parsed{};
    if (inet_pton(AF_INET, text.c_str(), &parsed) != 1)
    {
        throw std::invalid_argument("--" + option + "=" + text
                                    + " is not valid: expected an IPv4 address (a.b.c.d)");
    }
    return Ipv4Address(text.c_str());
}

/// \return the address and mask of \p text (a.b.c.d/len), or throws naming --\p option
std::pair<Ipv4Address, Ipv4Mask>
ParsePrefix(const std::string& option, const std::string& text)
{
    size_t slash = text.find('/');
    std::string length = slash == std::string::npos ? "" : text.substr(slash + 1);
    if (length.empty() || length.size() > 2
        || length.find_first_not_of("0123456789") != std::string::npos || std::stoi(length) > 32)
    {
        throw std::invalid_argument("--" + option + "=" + text
                                    + " is not valid: expected a.b.c.d/len with len 0 to 32");
    }
    Ipv4Address address = ParseAddress(option, text.substr(0, slash));
    return {address, Ipv4Mask(("/" + length).c_str())};
}

/**
 * Opens a PF_PACKET socket on \p interface that receives every frame on it (promiscuous)
 * except the ones it sends itself; throws naming the interface and the error otherwise.
 * \param interface a Linux network interface (a veth end with no address)
 * \return the socket
 */
int
OpenPacketSocket(const std::string& interface)
{
    unsigned index = if_nametoindex(interface.c_str());
    if (index == 0)
    {
        throw std::invalid_argument(
            "--interface=" + interface + " is not valid: no such network interface here");
    }
    int fd = socket(PF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
    if (fd < 0)
    {
        throw std::runtime_error("cannot open a packet socket (root or CAP_NET_RAW needed): "
                                 + std::string(strerror(errno)));
    }
    sockaddr_ll link{};
    link.sll_family = AF_PACKET;
    link.sll_protocol = htons(ETH_P_ALL);
    link.sll_ifindex = static_cast<int>(index);
    packet_mreq promisc{};
    promisc.mr_ifindex = static_cast<int>(index);
    promisc.mr_type = PACKET_MR_PROMISC;
    int one = 1;
    if (bind(fd, reinterpret_cast<sockaddr*>(&link), sizeof(link)) != 0
        || setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &promisc, sizeof(promisc)) != 0 ||
        // Without it the socket reads back every frame the device writes.
        setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one)) != 0)
    {
        std::string error = strerror(errno);
        close(fd);
        throw std::runtime_error("cannot bind a packet socket to " + interface + ": " + error);
    }
    return fd;
}

/// Counts the UDP echo exchanges of the simulated host's client.
struct EchoCounter
{
    uint64_t sent{0};
    uint64_t replies{0};
};

/// \return \p child as a metrics.json object
nlohmann::json
ChildSaJson(const IkeChildSa& child)
{
    return {{"time_s", Simulator::Now().GetSeconds()},
            {"inbound_spi", child.inboundSpi},
            {"outbound_spi", child.outboundSpi},
            {"esp", child.suite.Keyword()},
            {"per_resource", child.perResource},
            {"rekey_of", child.replaces == 0 ? nlohmann::json() : nlohmann::json(child.replaces)}};
}

/// How long after the first Child SA the host's echo client starts: as responder our first
/// packet could overtake the IKE_AUTH response (the peer installs its SAs only then), and
/// strongSwan's kernel-libipsec installs its route to our subnet only after the Child SA is up
/// (measured: up to about 100 ms), so earlier replies would have no route.
Time g_echoDelay = Seconds(0.5);

/**
 * Logs \p child; the first one starts the host's echo client.
 * \param log the metrics.json log \param first when the first came (negative: not yet)
 * \param start starts the echo client \param child the Child SA just installed
 */
void
NoteChildSa(nlohmann::json* log, Time* first, std::function<void()>* start, const IkeChildSa& child)
{
    log->push_back(ChildSaJson(child));
    if (first->IsNegative())
    {
        *first = Simulator::Now();
        Simulator::Schedule(g_echoDelay, *start);
    }
}

/**
 * Schedules \p action at \p at seconds unless \p at is negative, and logs its result.
 * \param at when \param name what it is \param action the daemon call, true if started
 * \param events the metrics.json log
 */
void
ScheduleAction(double at,
               const std::string& name,
               std::function<bool()> action,
               nlohmann::json* events)
{
    if (at < 0)
    {
        return;
    }
    Simulator::Schedule(Seconds(at),
                        [name, action, events]()
                        {
                            bool started = action();
                            std::cout << "strongswan-interop: " << Simulator::Now().GetSeconds()
                                      << " s " << name << (started ? " started" : " NOT started")
                                      << std::endl;
                            events->push_back({{"time_s", Simulator::Now().GetSeconds()},
                                               {"action", name},
                                               {"started", started}});
                        });
}

/// \return the inbound SPI of the newest installed Child SA of \p daemon, or 0
uint32_t
NewestChildSa(Ptr<IkeDaemon> daemon)
{
    uint32_t spi = 0;
    Time newest = Seconds(-1);
    for (const IkeChildSa& child : daemon->GetChildSas())
    {
        if (child.state == IkeChildSaState::INSTALLED && child.installed > newest)
        {
            newest = child.installed;
            spi = child.inboundSpi;
        }
    }
    return spi;
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    CommandLine cmd(__FILE__);
    cmd.AddValue("interface", "the Linux interface of gw's outer device (required)", o.interface);
    cmd.AddValue("localAddress", "gw's outer address and prefix length", o.localAddress);
    cmd.AddValue("peerAddress", "the real peer's outer address (on the same link)", o.peerAddress);
    cmd.AddValue("localSubnet", "the simulated host's subnet (gw .1, host .2)", o.localSubnet);
    cmd.AddValue("remoteSubnet", "the subnet the real peer protects", o.remoteSubnet);
    cmd.AddValue("remoteHost", "where the simulated host sends UDP echo requests", o.remoteHost);
    optioncheck::AddText(cmd, "psk", "pre-shared key", o.psk);
    cmd.AddValue("ike",
                 "IKE SK suite (strongSwan keyword: aes128gcm16, aes256gcm16, chacha20poly1305, "
                 "aes128-sha256, aes256-sha256); PRF HMAC-SHA2-256",
                 o.ike);
    cmd.AddValue("dh", "IKE DH group: 14 (MODP-2048), 19 (ECP-256) or 31 (X25519)", o.dh);
    cmd.AddValue("esp", "ESP suite (strongSwan keyword)", o.esp);
    cmd.AddValue("pfs", "KE group of CREATE_CHILD_SA (PFS): 0 (none), 14, 19 or 31", o.pfs);
    cmd.AddValue("role", "initiate (gw starts IKE_SA_INIT) or respond", o.role);
    cmd.AddValue("ikeRekey", "IKE SA rekey time, seconds (life +10%, jitter 10%)", o.ikeRekey);
    cmd.AddValue(
        "childRekey", "Child SA rekey time, seconds (life +10%, jitter 10%)", o.childRekey);
    cmd.AddValue("dpd", "liveness check after this many idle seconds (0: off)", o.dpd);
    cmd.AddValue("forceEncap", "fake a NAT in NAT detection (UDP encapsulation)", o.forceEncap);
    cmd.AddValue("perResource", "ask for RFC 9611 per-CPU Child SAs", o.perResource);
    cmd.AddValue("cpus", "gw's cores (per-CPU Child SAs with --perResource)", o.cpus);
    cmd.AddValue(
        "createChildAt", "second Child SA (CREATE_CHILD_SA) at (s; <0 never)", o.createChildAt);
    cmd.AddValue("rekeyChildAt", "gw rekeys its newest Child SA at (s; <0 never)", o.rekeyChildAt);
    cmd.AddValue("rekeyIkeAt", "gw rekeys the IKE SA at (s; <0 never)", o.rekeyIkeAt);
    cmd.AddValue(
        "deleteChildAt", "gw deletes its newest Child SA at (s; <0 never)", o.deleteChildAt);
    cmd.AddValue("closeIkeAt", "gw deletes the IKE SA at (s; <0 never)", o.closeIkeAt);
    cmd.AddValue("echoPort", "UDP echo port (host's server, the peer's server)", o.echoPort);
    cmd.AddValue("echoInterval", "seconds between the host's UDP echo requests", o.echoInterval);
    cmd.AddValue("echoDelay",
                 "seconds from the first Child SA to the host's first echo request",
                 o.echoDelay);
    cmd.AddValue("duration", "seconds of real time to run", o.duration);
    cmd.AddValue("outputDir", "where metrics.json, the key tables and the pcap go", o.outputDir);
    cmd.Parse(argc, argv);

    IkeSuite ike;
    CipherSuite esp;
    std::pair<Ipv4Address, Ipv4Mask> outer;
    std::pair<Ipv4Address, Ipv4Mask> localNet;
    std::pair<Ipv4Address, Ipv4Mask> remoteNet;
    Ipv4Address peer;
    Ipv4Address remoteHost;
    std::optional<DhGroup> pfs;
    int fd = -1;
    try
    {
        ike.encr = optioncheck::Keyword("ike", o.ike, &CipherSuite::FromKeyword);
        ike.group = optioncheck::KeyExchangeGroup("dh", o.dh);
        esp = optioncheck::Keyword("esp", o.esp, &CipherSuite::FromKeyword);
        pfs = optioncheck::OptionalKeyExchangeGroup("pfs", o.pfs);
        optioncheck::OneOf("role", o.role, {"initiate", "respond"});
        outer = ParsePrefix("localAddress", o.localAddress);
        localNet = ParsePrefix("localSubnet", o.localSubnet);
        remoteNet = ParsePrefix("remoteSubnet", o.remoteSubnet);
        peer = ParseAddress("peerAddress", o.peerAddress);
        remoteHost = ParseAddress("remoteHost", o.remoteHost);
        optioncheck::Positive("duration", o.duration, 3600, "seconds");
        optioncheck::Positive("ikeRekey", o.ikeRekey, 1e6, "seconds");
        optioncheck::Positive("childRekey", o.childRekey, 1e6, "seconds");
        optioncheck::InRange("dpd", o.dpd, 0.0, 3600.0);
        optioncheck::InRange("echoInterval", o.echoInterval, 0.001, 60.0);
        optioncheck::InRange("echoDelay", o.echoDelay, 0.0, 60.0);
        optioncheck::InRange("cpus", o.cpus, 1, 64);
        if (localNet.first.CombineMask(localNet.second) != localNet.first)
        {
            throw std::invalid_argument("--localSubnet=" + o.localSubnet
                                        + " is not valid: host bits set");
        }
        if (o.interface.empty())
        {
            throw std::invalid_argument("--interface is required: the veth end gw owns");
        }
        IpsecMetrics::PrepareDirectory(o.outputDir);
        fd = OpenPacketSocket(o.interface);
    }
    catch (const std::invalid_argument& e)
    {
        std::cerr << "strongswan-interop: " << e.what() << std::endl;
        return 2;
    }
    catch (const std::exception& e)
    {
        std::cerr << "strongswan-interop: " << e.what() << std::endl;
        return 1;
    }

    // A real peer checks every checksum, and the simulator must keep pace with the wire.
    GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::RealtimeSimulatorImpl"));
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));

    NodeContainer nodes(2);
    Ptr<Node> host = nodes.Get(0);
    Ptr<Node> gw = nodes.Get(1);
    InternetStackHelper internet;
    internet.Install(nodes);
    PointToPointHelper lan;
    lan.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    lan.SetChannelAttribute("Delay", StringValue("100us"));
    NetDeviceContainer lanDevices = lan.Install(host, gw);
    Ipv4AddressHelper lanAddresses;
    lanAddresses.SetBase(localNet.first, localNet.second, "0.0.0.1");
    Ipv4InterfaceContainer lanIf
        = lanAddresses.Assign(NetDeviceContainer(lanDevices.Get(1), lanDevices.Get(0)));
    Ipv4Address hostAddress = lanIf.GetAddress(1);
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(host->GetObject<Ipv4>())->SetDefaultRoute(lanIf.GetAddress(0), 1);

    FdNetDeviceHelper fdHelper;
    fdHelper.SetAttribute("EncapsulationMode", StringValue("Dix"));
    Ptr<FdNetDevice> wan = DynamicCast<FdNetDevice>(fdHelper.Install(gw).Get(0));
    wan->SetFileDescriptor(fd);
    Ptr<Ipv4> gwIp = gw->GetObject<Ipv4>();
    uint32_t wanIf = gwIp->AddInterface(wan);
    gwIp->AddAddress(wanIf, Ipv4InterfaceAddress(outer.first, outer.second));
    gwIp->SetUp(wanIf);
    fdHelper.EnablePcap(o.outputDir + "/strongswan-interop", wan, true);

    if (o.cpus > 1)
    {
        CpuHelper cpus;
        cpus.SetCpuAttribute("Cores", UintegerValue(o.cpus));
        cpus.Install(NodeContainer(gw));
    }
    IpsecHelper ipsec;
    ipsec.Install(gw);
    int64_t stream = 1000;
    stream += ipsec.AssignStreams(NodeContainer(gw), stream);

    IkeHelper ikeHelper;
    ikeHelper.SetPsk(ToBytes(o.psk));
    ikeHelper.SetIkeProposals({ike});
    ikeHelper.SetEspProposals({esp});
    ikeHelper.SetPerResourceAttribute("Enabled", BooleanValue(o.perResource));
    IpsecTunnelEnd local{gw, outer.first, localNet.first, localNet.second};
    IpsecTunnelEnd remote{
        nullptr, peer, remoteNet.first.CombineMask(remoteNet.second), remoteNet.second};
    Ptr<IkeDaemon> daemon = ikeHelper.InstallToExternalPeer(local, remote, o.role == "initiate");
    stream += ikeHelper.AssignStreams(stream);
    IkePeerConfig config = daemon->GetConfig();
    config.pfsGroup = pfs;
    config.ikeLifetime.rekeyTime = Seconds(o.ikeRekey);
    config.ikeLifetime.randTime = Seconds(o.ikeRekey * 0.1);
    config.childLifetime.rekeyTime = Seconds(o.childRekey);
    config.childLifetime.randTime = Seconds(o.childRekey * 0.1);
    config.dpdDelay = Seconds(o.dpd);
    config.forceEncap = o.forceEncap;
    daemon->SetConnection(0, config);
    daemon->SetStartTime(Seconds(0.5));

    // The host: echo server for the peer's processes, echo client towards the peer's subnet,
    // started once the first Child SA is in (before, the policy drops what it would send).
    UdpEchoServerHelper echoServer(o.echoPort);
    ApplicationContainer server = echoServer.Install(host);
    Ptr<Socket> client = Socket::CreateSocket(host, UdpSocketFactory::GetTypeId());
    client->Bind();
    EchoCounter echo;
    client->SetRecvCallback(MakeCallback(+[](EchoCounter* counter, Ptr<Socket> socket)
                                         {
                                             while (socket->Recv())
                                             {
                                                 counter->replies++;
                                             }
                                         })
                                .Bind(&echo));
    uint64_t serverRequests = 0;
    server.Get(0)->TraceConnectWithoutContext(
        "Rx",
        MakeCallback(+[](uint64_t* count, Ptr<const Packet>) { ++*count; }).Bind(&serverRequests));

    nlohmann::json childSas = nlohmann::json::array();
    nlohmann::json events = nlohmann::json::array();
    Time firstChildSa = Seconds(-1);
    Time established = Seconds(-1);
    std::function<void()> sendEcho;
    sendEcho = [&]()
    {
        // The reply needs a round trip through the real peer, and real time jitters.
        if (Simulator::Now() + Seconds(o.echoInterval) + MilliSeconds(200) >= Seconds(o.duration))
        {
            return;
        }
        echo.sent++;
        client->SendTo(Create<Packet>(64), 0, InetSocketAddress(remoteHost, o.echoPort));
        Simulator::Schedule(Seconds(o.echoInterval), sendEcho);
    };
    g_echoDelay = Seconds(o.echoDelay);
    daemon->TraceConnectWithoutContext(
        "ChildSa", MakeBoundCallback(&NoteChildSa, &childSas, &firstChildSa, &sendEcho));
    daemon->TraceConnectWithoutContext("Established",
                                       MakeCallback(+[](Time* t, uint64_t, uint64_t)
                                                    {
                                                        if (t->IsNegative())
                                                        {
                                                            *t = Simulator::Now();
                                                        }
                                                    })
                                           .Bind(&established));

    ScheduleAction(
        o.createChildAt,
        "create_child_sa",
        [daemon]() { return daemon->CreateChildSa(); },
        &events);
    ScheduleAction(
        o.rekeyChildAt,
        "rekey_child_sa",
        [daemon]() { return daemon->RekeyChildSa(NewestChildSa(daemon)); },
        &events);
    ScheduleAction(
        o.rekeyIkeAt, "rekey_ike_sa", [daemon]() { return daemon->RekeyIkeSa(); }, &events);
    ScheduleAction(
        o.deleteChildAt,
        "delete_child_sa",
        [daemon]() { return daemon->DeleteChildSa(NewestChildSa(daemon)); },
        &events);
    ScheduleAction(
        o.closeIkeAt, "delete_ike_sa", [daemon]() { return daemon->CloseIkeSa(); }, &events);

    Simulator::Stop(Seconds(o.duration));
    Simulator::Run();

    nlohmann::json results;
    results["ike_sa_established"] = daemon->IsEstablished();
    results["established_s"]
        = established.IsNegative() ? nlohmann::json() : nlohmann::json(established.GetSeconds());
    results["nat_detected"] = daemon->IsNatDetected();
    results["last_error"] = daemon->GetLastError() == static_cast<IkeNotifyType>(0)
                                ? "none"
                                : ToString(daemon->GetLastError());
    nlohmann::json current = nlohmann::json::array();
    for (const IkeChildSa& child : daemon->GetChildSas())
    {
        if (child.state == IkeChildSaState::INSTALLED)
        {
            current.push_back(ChildSaJson(child));
        }
    }
    results["child_sas_installed_now"] = current;
    results["child_sa_log"] = childSas;
    results["actions"] = events;
    results["echo_client"] = {{"sent", echo.sent},
                              {"replies", echo.replies},
                              {"lost", echo.sent - std::min(echo.sent, echo.replies)}};
    results["echo_server"] = {{"requests", serverRequests}};
    results["gateway"] = IpsecMetrics::DataPlane(gw->GetObject<IpsecDataPlane>());
    results["ike"] = IkeMetrics::Ike({{"gw", daemon}});
    nlohmann::json parameters = {{"interface", o.interface},
                                 {"local_address", o.localAddress},
                                 {"peer_address", o.peerAddress},
                                 {"local_subnet", o.localSubnet},
                                 {"remote_subnet", o.remoteSubnet},
                                 {"remote_host", o.remoteHost},
                                 {"host_address", hostAddress.Get()},
                                 {"ike", o.ike},
                                 {"dh", o.dh},
                                 {"esp", o.esp},
                                 {"pfs", o.pfs},
                                 {"role", o.role},
                                 {"ike_rekey_s", o.ikeRekey},
                                 {"child_rekey_s", o.childRekey},
                                 {"dpd_s", o.dpd},
                                 {"force_encap", o.forceEncap},
                                 {"per_resource", o.perResource},
                                 {"cpus", o.cpus},
                                 {"echo_interval_s", o.echoInterval},
                                 {"echo_delay_s", o.echoDelay},
                                 {"duration_s", o.duration}};
    nlohmann::json document = IpsecMetrics::Document(
        "strongswan-interop",
        parameters,
        results,
        nlohmann::json{{"metrics", "metrics.json"},
                       {"esp_sa", "esp_sa"},
                       {"ikev2_decryption_table", "ikev2_decryption_table"},
                       {"pcap",
                        {"strongswan-interop-" + std::to_string(gw->GetId()) + "-"
                         + std::to_string(wan->GetIfIndex()) + ".pcap"}}});
    try
    {
        IpsecMetrics::Write(document, o.outputDir + "/metrics.json");
        ikeHelper.WriteIkeKeyTable(o.outputDir + "/ikev2_decryption_table");
        WiresharkKeyTable::WriteEspSa(o.outputDir + "/esp_sa", NodeContainer(gw));
    }
    catch (const std::exception& e)
    {
        std::cerr << "strongswan-interop: " << e.what() << std::endl;
        return 1;
    }

    std::cout << "strongswan-interop: " << o.role << ", IKE " << o.ike << " DH " << o.dh << ", ESP "
              << o.esp << "\n"
              << "  ike_sa_established=" << daemon->IsEstablished()
              << " nat_detected=" << daemon->IsNatDetected()
              << " child_sas_installed=" << current.size()
              << " last_error=" << results["last_error"].get<std::string>() << "\n"
              << "  echo client " << echo.replies << "/" << echo.sent << " replies, echo server "
              << serverRequests << " requests\n"
              << "  outputs in " << o.outputDir
              << "/: metrics.json, ikev2_decryption_table, esp_sa, strongswan-interop-*.pcap"
              << std::endl;
    client = nullptr;
    Simulator::Destroy();
    return 0;
}
