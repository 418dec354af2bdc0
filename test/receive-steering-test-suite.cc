/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Receive-side steering: queue choice (hash inputs, indirection table, ntuple rules), packets
// waiting on the chosen core, backlog drops, and intact delivery through the replaced handler.

#include "ns3/cpu-helper.h"
#include "ns3/cpu-model.h"
#include "ns3/double.h"
#include "ns3/gateway-pair-topology.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-tunnel-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/receive-steering-helper.h"
#include "ns3/receive-steering.h"
#include "ns3/simple-net-device-helper.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/toeplitz-hash.h"
#include "ns3/udp-echo-client.h"
#include "ns3/udp-echo-helper.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <vector>

using namespace ns3;

namespace
{

constexpr uint8_t TCP = 6;
constexpr uint8_t UDP = 17;
constexpr uint8_t ESP = 50;

/// 10 us of RECEIVE per packet: 10,000 cycles at 1 GHz, nothing per byte.
const Time RECEIVE_COST = MicroSeconds(10);

std::vector<uint8_t>
PortBytes(uint16_t sourcePort, uint16_t destinationPort, size_t payload = 8)
{
    std::vector<uint8_t> bytes(8 + payload, 0);
    bytes[0] = sourcePort >> 8;
    bytes[1] = sourcePort & 0xff;
    bytes[2] = destinationPort >> 8;
    bytes[3] = destinationPort & 0xff;
    return bytes;
}

std::vector<uint8_t>
EspBytes(uint32_t spi, uint32_t seq, size_t payload = 48)
{
    std::vector<uint8_t> bytes(8 + payload, 0xab);
    for (int i = 0; i < 4; ++i)
    {
        bytes[i] = static_cast<uint8_t>(spi >> (24 - 8 * i));
        bytes[4 + i] = static_cast<uint8_t>(seq >> (24 - 8 * i));
    }
    return bytes;
}

/// An IPv4 packet as a device hands it up: IPv4 header, then \p l4.
Ptr<Packet>
MakePacket(const char* source,
           const char* destination,
           uint8_t protocol,
           const std::vector<uint8_t>& l4,
           bool moreFragments = false,
           uint16_t fragmentOffset = 0)
{
    Ptr<Packet> p = Create<Packet>(l4.data(), l4.size());
    Ipv4Header h;
    h.SetSource(Ipv4Address(source));
    h.SetDestination(Ipv4Address(destination));
    h.SetProtocol(protocol);
    h.SetPayloadSize(l4.size());
    h.SetTtl(64);
    if (moreFragments)
    {
        h.SetMoreFragments();
    }
    h.SetFragmentOffset(fragmentOffset);
    p->AddHeader(h);
    return p;
}

/// CPUs with the RECEIVE_COST on \p nodes.
void
InstallCpus(NodeContainer nodes, uint32_t cores, uint32_t backlogLimit = 1000)
{
    CpuHelper cpus;
    cpus.SetCpuAttribute("Cores", UintegerValue(cores));
    cpus.SetCpuAttribute("BacklogLimit", UintegerValue(backlogLimit));
    cpus.SetCostModel("ns3::LinearCpuCostModel",
                      "Frequency",
                      DoubleValue(1e9),
                      "ReceiveCycles",
                      DoubleValue(10000),
                      "ReceiveCyclesPerByte",
                      DoubleValue(0));
    cpus.Install(nodes);
}

/**
 * Two nodes on a 100 Gbit/s point-to-point link (10.0.0.1 - 10.0.0.2); the second has
 * \p cores cores and steers its device.
 */
struct TwoNodes
{
    NodeContainer nodes;
    NetDeviceContainer devices;
    Ptr<ReceiveSteering> steering;
    Ptr<CpuModel> cpu;

    TwoNodes(uint32_t cores,
             TypeId input,
             uint32_t queues = 0,
             uint32_t backlogLimit = 1000,
             bool ipv6 = false)
    {
        nodes.Create(2);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Gbps"));
        p2p.SetChannelAttribute("Delay", StringValue("10us"));
        devices = p2p.Install(nodes);
        InternetStackHelper internet;
        internet.Install(nodes);
        Ipv4AddressHelper addresses("10.0.0.0", "255.255.255.252");
        addresses.Assign(devices);
        if (ipv6)
        {
            Ipv6AddressHelper addresses6;
            addresses6.SetBase("2001:db8::", Ipv6Prefix(64));
            addresses6.Assign(devices);
        }
        InstallCpus(NodeContainer(nodes.Get(1)), cores, backlogLimit);
        ReceiveSteeringHelper rss;
        rss.Configure(NetDeviceContainer(devices.Get(1)), input, queues);
        steering = nodes.Get(1)->GetObject<ReceiveSteering>();
        cpu = nodes.Get(1)->GetObject<CpuModel>();
    }

    Ptr<NetDevice> Device() const
    {
        return devices.Get(1);
    }
};

class RssHashInputNamesTestCase : public TestCase
{
  public:
    RssHashInputNamesTestCase()
        : TestCase("hash input names: inner, outer, outer-spi, udp; others are refused by name")
    {
    }

  private:
    void DoRun() override
    {
        NS_TEST_EXPECT_MSG_EQ(
            RssHashInput::LookupKeyword("inner"), RssHashInput::FIVE_TUPLE, "inner");
        NS_TEST_EXPECT_MSG_EQ(
            RssHashInput::LookupKeyword("outer"), RssHashInput::ADDRESSES, "outer");
        NS_TEST_EXPECT_MSG_EQ(
            RssHashInput::LookupKeyword("outer-spi"), RssHashInput::ADDRESSES_SPI, "outer-spi");
        NS_TEST_EXPECT_MSG_EQ(
            RssHashInput::LookupKeyword("udp"), RssHashInput::UDP_FIVE_TUPLE, "udp");
        for (TypeId input : {RssHashInput::FIVE_TUPLE,
                             RssHashInput::ADDRESSES,
                             RssHashInput::ADDRESSES_SPI,
                             RssHashInput::UDP_FIVE_TUPLE})
        {
            std::string keyword = RssHashInput::GetKeyword(input);
            NS_TEST_EXPECT_MSG_EQ(
                RssHashInput::LookupKeyword(keyword), input, "round trip " << keyword);
        }
        std::string message;
        try
        {
            RssHashInput::LookupKeyword("spi");
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        NS_TEST_EXPECT_MSG_NE(message.find("\"spi\""), std::string::npos, "names the value");
        NS_TEST_EXPECT_MSG_NE(message.find("outer-spi"), std::string::npos, "lists the names");
    }
};

class RssHashLayoutTestCase : public TestCase
{
  public:
    RssHashLayoutTestCase()
        : TestCase("the NIC hashes the published RSS inputs: addresses, then ports or SPI")
    {
    }

  private:
    void DoRun() override
    {
        TwoNodes net(8, RssHashInput::FIVE_TUPLE);
        Ptr<NetDevice> dev = net.Device();
        // The first vector of the RSS verification suite (see ipsec-toeplitz).
        Ptr<Packet> tcp = MakePacket("66.9.149.187", "161.142.100.80", TCP, PortBytes(2794, 1766));
        Ptr<Packet> udp = MakePacket("66.9.149.187", "161.142.100.80", UDP, PortBytes(2794, 1766));
        Ptr<Packet> esp
            = MakePacket("66.9.149.187", "161.142.100.80", ESP, EspBytes(0x0aea06e6, 1));
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetHash(dev, tcp), 0x51ccc178u, "inner, TCP");
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetHash(dev, udp), 0x51ccc178u, "inner, UDP");
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetHash(dev, esp), 0x323e8fc2u, "inner, ESP");
        // Default table: entry i is queue i mod 8; 0x51ccc178 & 127 = 120.
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetQueueFor(dev, tcp), 120u % 8, "table entry 120");

        // A fragment hashes on the addresses only, the first one too.
        Ptr<Packet> first
            = MakePacket("66.9.149.187", "161.142.100.80", UDP, PortBytes(2794, 1766), true);
        Ptr<Packet> later
            = MakePacket("66.9.149.187", "161.142.100.80", UDP, PortBytes(0, 0), false, 1480);
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetHash(dev, first), 0x323e8fc2u, "first fragment");
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetHash(dev, later), 0x323e8fc2u, "later fragment");

        net.steering->ConfigureDevice(dev, RssHashInput::ADDRESSES);
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetHash(dev, tcp), 0x323e8fc2u, "outer, TCP");
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetHash(dev, esp), 0x323e8fc2u, "outer, ESP");

        net.steering->ConfigureDevice(dev, RssHashInput::UDP_FIVE_TUPLE);
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetHash(dev, udp), 0x51ccc178u, "udp, UDP");
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetHash(dev, tcp), 0x323e8fc2u, "udp, TCP");

        // outer-spi: the SPI takes the place of the two ports (same 4 bytes 0x0aea 0x06e6).
        net.steering->ConfigureDevice(dev, RssHashInput::ADDRESSES_SPI);
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetHash(dev, esp), 0x51ccc178u, "outer-spi, ESP");
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetHash(dev, udp), 0x323e8fc2u, "outer-spi, UDP");

        // Not IPv4: hash 0, queue 0.
        Ptr<Packet> junk = Create<Packet>(40);
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetHash(dev, junk), 0u, "not IPv4");
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetQueueFor(dev, junk), 0u, "not IPv4");

        // A different key changes the hash (ethtool -X hkey).
        net.steering->SetHashKey(dev, std::vector<uint8_t>(40, 0x6d));
        NS_TEST_EXPECT_MSG_NE(net.steering->GetHash(dev, esp), 0x51ccc178u, "own key");
        Simulator::Destroy();
    }
};

/// Counts packets per queue.
std::vector<uint32_t>
QueueHistogram(Ptr<ReceiveSteering> steering,
               Ptr<NetDevice> device,
               const std::vector<Ptr<Packet>>& packets)
{
    std::vector<uint32_t> counts(steering->GetNQueues(device), 0);
    for (const auto& p : packets)
    {
        ++counts.at(steering->GetQueueFor(device, p));
    }
    return counts;
}

class RssSpreadTestCase : public TestCase
{
  public:
    RssSpreadTestCase()
        : TestCase("256 UDP flows over 8 queues: every queue some, none above twice the mean")
    {
    }

  private:
    void DoRun() override
    {
        TwoNodes net(8, RssHashInput::FIVE_TUPLE);
        std::vector<Ptr<Packet>> flows;
        for (uint16_t i = 0; i < 256; ++i)
        {
            // 16 hosts of 10.1.0.0/24 times 16 source ports, to one server port.
            std::string source = "10.1.0." + std::to_string(10 + i / 16);
            flows.push_back(
                MakePacket(source.c_str(), "10.2.0.10", UDP, PortBytes(40000 + i % 16, 5001)));
        }
        auto counts = QueueHistogram(net.steering, net.Device(), flows);
        for (uint32_t q = 0; q < counts.size(); ++q)
        {
            NS_TEST_EXPECT_MSG_GT(counts[q], 0u, "queue " << q << " gets flows");
            NS_TEST_EXPECT_MSG_LT_OR_EQ(counts[q], 64u, "queue " << q << " at most 2x the mean");
        }

        // The same flows as plain ESP between two gateways: one outer header, one queue.
        net.steering->ConfigureDevice(net.Device(), RssHashInput::ADDRESSES);
        std::vector<Ptr<Packet>> esp;
        for (uint32_t seq = 1; seq <= 256; ++seq)
        {
            esp.push_back(
                MakePacket("172.16.0.1", "172.16.0.2", ESP, EspBytes(0xc0de0000 + seq % 3, seq)));
        }
        counts = QueueHistogram(net.steering, net.Device(), esp);
        NS_TEST_EXPECT_MSG_EQ(*std::max_element(counts.begin(), counts.end()),
                              256u,
                              "outer: every ESP packet on one queue");
        // "inner" on the outer NIC sees no ports in ESP: one queue as well.
        net.steering->ConfigureDevice(net.Device(), RssHashInput::FIVE_TUPLE);
        counts = QueueHistogram(net.steering, net.Device(), esp);
        NS_TEST_EXPECT_MSG_EQ(
            *std::max_element(counts.begin(), counts.end()), 256u, "inner: ESP has no ports");
        Simulator::Destroy();
    }
};

class RssSpiSpreadTestCase : public TestCase
{
  public:
    RssSpiSpreadTestCase()
        : TestCase("outer-spi spreads SAs and keeps each SA on one queue; udp spreads by port")
    {
    }

  private:
    void DoRun() override
    {
        TwoNodes net(8, RssHashInput::ADDRESSES_SPI);
        Ptr<NetDevice> dev = net.Device();
        // 64 SAs with SPIs as a Linux/strongSwan peer draws them (random 32-bit values above
        // 0xc0000000 here from a fixed LCG, so the test is deterministic).
        std::vector<uint32_t> spis;
        uint32_t x = 12345;
        for (int i = 0; i < 64; ++i)
        {
            x = x * 1664525u + 1013904223u;
            spis.push_back(0xc0000000u | (x >> 2));
        }
        std::vector<Ptr<Packet>> packets;
        std::map<uint32_t, uint32_t> queueOfSpi;
        for (uint32_t seq = 1; seq <= 4; ++seq)
        {
            for (uint32_t spi : spis)
            {
                Ptr<Packet> p = MakePacket("172.16.0.1", "172.16.0.2", ESP, EspBytes(spi, seq));
                uint32_t q = net.steering->GetQueueFor(dev, p);
                if (seq == 1)
                {
                    queueOfSpi[spi] = q;
                }
                NS_TEST_EXPECT_MSG_EQ(q, queueOfSpi[spi], "SPI " << spi << " stays on its queue");
                packets.push_back(p);
            }
        }
        auto counts = QueueHistogram(net.steering, dev, packets);
        uint32_t used
            = std::count_if(counts.begin(), counts.end(), [](uint32_t c) { return c > 0; });
        NS_TEST_EXPECT_MSG_EQ(used, 8u, "64 SAs reach all 8 queues");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(*std::max_element(counts.begin(), counts.end()),
                                    2u * 256 / 8,
                                    "no queue above twice the mean");

        // ESP in UDP 4500 with a random source port per SA (strongSwan per_cpu_sas=encap):
        // "udp" spreads it, "outer" and "outer-spi" cannot see the SPI behind the UDP header.
        std::vector<Ptr<Packet>> encap;
        for (int i = 0; i < 64; ++i)
        {
            uint16_t port = 0xc000 | (spis[i] & 0x3fff);
            encap.push_back(MakePacket("172.16.0.1", "172.16.0.2", UDP, PortBytes(port, 4500)));
        }
        counts = QueueHistogram(net.steering, dev, encap);
        NS_TEST_EXPECT_MSG_EQ(*std::max_element(counts.begin(), counts.end()),
                              64u,
                              "outer-spi: ESP in UDP on one queue");
        net.steering->ConfigureDevice(dev, RssHashInput::UDP_FIVE_TUPLE);
        counts = QueueHistogram(net.steering, dev, encap);
        used = std::count_if(counts.begin(), counts.end(), [](uint32_t c) { return c > 0; });
        NS_TEST_EXPECT_MSG_EQ(used, 8u, "udp: 64 source ports reach all 8 queues");
        Simulator::Destroy();
    }
};

class RssRulesTestCase : public TestCase
{
  public:
    RssRulesTestCase()
        : TestCase("ntuple rules (esp4 spi, udp4 src-port) win over the hash; indirection table")
    {
    }

  private:
    void DoRun() override
    {
        TwoNodes net(4, RssHashInput::ADDRESSES, 6);
        Ptr<NetDevice> dev = net.Device();
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetNQueues(dev), 6u, "6 queues");
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetQueueCore(dev, 5), 1u, "queue 5 on core 5 mod 4");
        Ptr<Packet> esp = MakePacket("172.16.0.1", "172.16.0.2", ESP, EspBytes(0xc0000001, 1));
        Ptr<Packet> other = MakePacket("172.16.0.1", "172.16.0.2", ESP, EspBytes(0xc0000002, 1));
        Ptr<Packet> udp = MakePacket("172.16.0.1", "172.16.0.2", UDP, PortBytes(50001, 4500));
        uint32_t hashed = net.steering->GetQueueFor(dev, esp);
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetQueueFor(dev, udp), hashed, "same addresses");
        uint32_t target = (hashed + 3) % 6;

        net.steering->AddSpiRule(dev, 0xc0000001, target);
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetQueueFor(dev, esp), target, "SPI rule");
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetQueueFor(dev, other), hashed, "other SPI");
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetQueueFor(dev, udp), hashed, "rule is ESP only");
        NS_TEST_EXPECT_MSG_EQ(net.steering->RemoveSpiRule(dev, 0xc0000001), true, "removed");
        NS_TEST_EXPECT_MSG_EQ(net.steering->RemoveSpiRule(dev, 0xc0000001), false, "gone");
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetQueueFor(dev, esp), hashed, "back to the hash");

        net.steering->AddUdpSourcePortRule(dev, 50001, target);
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetQueueFor(dev, udp), target, "port rule");
        Ptr<Packet> tcp = MakePacket("172.16.0.1", "172.16.0.2", TCP, PortBytes(50001, 4500));
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetQueueFor(dev, tcp), hashed, "rule is UDP only");
        Ptr<Packet> fragment
            = MakePacket("172.16.0.1", "172.16.0.2", UDP, PortBytes(50001, 4500), true);
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetQueueFor(dev, fragment), hashed, "no ports");

        // Rules win over the hash in every mode.
        net.steering->AddSpiRule(dev, 0xc0000002, target);
        net.steering->ConfigureDevice(dev, RssHashInput::ADDRESSES_SPI, 6);
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetQueueFor(dev, other), target, "outer-spi + rule");
        // Fewer queues: rules pointing past them go away.
        net.steering->ConfigureDevice(dev, RssHashInput::ADDRESSES_SPI, 2);
        bool kept = target < 2;
        NS_TEST_EXPECT_MSG_EQ(net.steering->RemoveSpiRule(dev, 0xc0000002), kept, "pruned");

        // The indirection table (ethtool -X weight): everything to queue 1.
        net.steering->ConfigureDevice(dev, RssHashInput::ADDRESSES, 6);
        net.steering->SetIndirectionTable(dev, std::vector<uint32_t>(128, 1));
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetQueueFor(dev, esp), 1u, "table");
        NS_TEST_EXPECT_MSG_EQ(net.steering->GetIndirectionTable(dev)[77], 1u, "read back");
        Simulator::Destroy();
    }
};

/// A UDP receiver that records when each packet arrives and on which core.
struct Arrival
{
    Time time;
    int32_t core;
    uint32_t size;
    uint16_t sourcePort;
};

class Recorder
{
  public:
    std::vector<Arrival> arrivals;

    void Receive(Ptr<Socket> socket)
    {
        Address from;
        while (Ptr<Packet> p = socket->RecvFrom(from))
        {
            Ptr<CpuCore> core = CpuCore::GetCurrent();
            arrivals.push_back({Simulator::Now(),
                                core ? int32_t(core->GetIndex()) : -1,
                                p->GetSize(),
                                InetSocketAddress::ConvertFrom(from).GetPort()});
        }
    }

    std::vector<Arrival> FromPort(uint16_t port) const
    {
        std::vector<Arrival> result;
        for (const auto& a : arrivals)
        {
            if (a.sourcePort == port)
            {
                result.push_back(a);
            }
        }
        return result;
    }
};

/// Sends \p count UDP packets of \p size bytes from source port \p port at time \p when.
void
SendBurst(Ptr<Node> node, Ipv4Address to, uint16_t port, uint32_t count, uint32_t size, Time when)
{
    Ptr<Socket> socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    socket->Connect(InetSocketAddress(to, 9));
    Simulator::Schedule(when,
                        [socket, count, size]()
                        {
                            for (uint32_t i = 0; i < count; ++i)
                            {
                                socket->Send(Create<Packet>(size));
                            }
                        });
}

class RssCoreTimingTestCase : public TestCase
{
  public:
    RssCoreTimingTestCase()
        : TestCase("packets wait on their queue's core: two cores in parallel, one in turn")
    {
    }

  private:
    /// Two flows of 5 packets at once; \return the arrivals per flow and core busy times.
    void Run(bool sameCore)
    {
        TwoNodes net(2, RssHashInput::FIVE_TUPLE);
        Ptr<NetDevice> dev = net.Device();
        net.steering->AddUdpSourcePortRule(dev, 1001, 0);
        net.steering->AddUdpSourcePortRule(dev, 1002, sameCore ? 0 : 1);
        std::vector<Time> steered;
        std::vector<uint32_t> steeredCore;
        net.steering->TraceConnectWithoutContext("Steer",
                                                 MakeCallback(+[](std::vector<Time>* t,
                                                                  std::vector<uint32_t>* c,
                                                                  Ptr<const Packet>,
                                                                  Ptr<NetDevice>,
                                                                  uint32_t,
                                                                  uint32_t core)
                                                              {
                                                                  t->push_back(Simulator::Now());
                                                                  c->push_back(core);
                                                              })
                                                     .Bind(&steered, &steeredCore));

        Recorder recorder;
        Ptr<Socket> sink = Socket::CreateSocket(net.nodes.Get(1), UdpSocketFactory::GetTypeId());
        sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
        sink->SetRecvCallback(MakeCallback(&Recorder::Receive, &recorder));
        Ipv4Address server("10.0.0.2");
        SendBurst(net.nodes.Get(0), server, 1001, 5, 1000, Seconds(1));
        SendBurst(net.nodes.Get(0), server, 1002, 5, 1000, Seconds(1));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(steered.size(), 10u, "10 packets steered");
        NS_TEST_ASSERT_MSG_EQ(recorder.arrivals.size(), 10u, "10 packets received");
        auto flow1 = recorder.FromPort(1001);
        auto flow2 = recorder.FromPort(1002);
        NS_TEST_ASSERT_MSG_EQ(flow1.size(), 5u, "flow 1");
        NS_TEST_ASSERT_MSG_EQ(flow2.size(), 5u, "flow 2");
        // The link delivers all 10 within 1 us (82.4 ns each at 100 Gbit/s); the first packet
        // of each flow reaches its core then, the core serves 10 us per packet.
        Time first1 = steered[0];
        Time first2 = steered[5];
        for (uint32_t k = 0; k < 5; ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(flow1[k].core, 0, "flow 1 runs on core 0");
            NS_TEST_EXPECT_MSG_EQ(
                flow1[k].time, first1 + RECEIVE_COST * (k + 1), "flow 1 packet " << k);
            NS_TEST_EXPECT_MSG_EQ(flow2[k].core, sameCore ? 0 : 1, "flow 2's core");
            Time expected
                = sameCore ? first1 + RECEIVE_COST * (6 + k) : first2 + RECEIVE_COST * (k + 1);
            NS_TEST_EXPECT_MSG_EQ(flow2[k].time, expected, "flow 2 packet " << k);
        }
        NS_TEST_EXPECT_MSG_LT(first2 - first1, MicroSeconds(1), "burst arrives together");
        NS_TEST_EXPECT_MSG_EQ(net.cpu->GetCore(0)->GetBusyTime(),
                              RECEIVE_COST * (sameCore ? 10 : 5),
                              "core 0 busy time");
        NS_TEST_EXPECT_MSG_EQ(net.cpu->GetCore(1)->GetBusyTime(),
                              RECEIVE_COST * (sameCore ? 0 : 5),
                              "core 1 busy time");
        auto q0 = net.steering->GetQueueStats(dev, 0);
        NS_TEST_EXPECT_MSG_EQ(q0.packets, sameCore ? 10u : 5u, "queue 0 packets");
        NS_TEST_EXPECT_MSG_EQ(q0.bytes, (sameCore ? 10u : 5u) * 1028, "queue 0 IPv4 bytes");
        NS_TEST_EXPECT_MSG_EQ(q0.drops, 0u, "no drops");
        Simulator::Destroy();
    }

    void DoRun() override
    {
        Run(false);
        Run(true);
    }
};

class RssBacklogDropTestCase : public TestCase
{
  public:
    RssBacklogDropTestCase()
        : TestCase("a full backlog drops: counted per queue and traced")
    {
    }

  private:
    void DoRun() override
    {
        // One core, 3 may wait: of a burst of 10, one is served, 3 wait, 6 are dropped.
        TwoNodes net(1, RssHashInput::FIVE_TUPLE, 0, 3);
        Ptr<NetDevice> dev = net.Device();
        uint32_t traced = 0;
        net.steering->TraceConnectWithoutContext(
            "Drop",
            MakeCallback(+[](uint32_t* n, Ptr<const Packet>, Ptr<NetDevice>, uint32_t, uint32_t) {
                ++*n;
            }).Bind(&traced));
        Recorder recorder;
        Ptr<Socket> sink = Socket::CreateSocket(net.nodes.Get(1), UdpSocketFactory::GetTypeId());
        sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
        sink->SetRecvCallback(MakeCallback(&Recorder::Receive, &recorder));
        SendBurst(net.nodes.Get(0), Ipv4Address("10.0.0.2"), 1001, 10, 500, Seconds(1));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(recorder.arrivals.size(), 4u, "1 served + 3 waiting");
        auto stats = net.steering->GetQueueStats(dev, 0);
        NS_TEST_EXPECT_MSG_EQ(stats.packets, 4u, "queue packets");
        NS_TEST_EXPECT_MSG_EQ(stats.drops, 6u, "queue drops");
        NS_TEST_EXPECT_MSG_EQ(traced, 6u, "Drop trace");
        NS_TEST_EXPECT_MSG_EQ(net.cpu->GetCore(0)->GetBacklogDrops(), 6u, "core counts them too");
        auto metrics = ReceiveSteeringHelper::Metrics(net.steering);
        NS_TEST_EXPECT_MSG_EQ(
            metrics.at(0).at("hash_input").get<std::string>(), "inner", "metrics hash input");
        NS_TEST_EXPECT_MSG_EQ(
            metrics.at(0).at("queues").at(0).at("drops").get<uint64_t>(), 6u, "metrics drops");
        Simulator::Destroy();
    }
};

/// Counts the IPv4 packets a node's IP layer receives (to catch a double delivery).
void
CountRx(uint32_t* n, Ptr<const Packet>, Ptr<Ipv4>, uint32_t)
{
    ++*n;
}

class RssEchoTestCase : public TestCase
{
  public:
    RssEchoTestCase()
        : TestCase("UDP echo through steered devices arrives intact and exactly once, with IPv6")
    {
    }

  private:
    void DoRun() override
    {
        // Both ends steer, with IPv6 addresses on the same devices (their handlers must
        // survive the IPv4 takeover).
        TwoNodes net(4, RssHashInput::FIVE_TUPLE, 0, 1000, true);
        InstallCpus(NodeContainer(net.nodes.Get(0)), 2);
        ReceiveSteeringHelper rss;
        rss.Configure(NetDeviceContainer(net.devices.Get(0)), RssHashInput::ADDRESSES);

        uint32_t rxServer = 0;
        uint32_t rxClient = 0;
        net.nodes.Get(1)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Rx", MakeBoundCallback(&CountRx, &rxServer));
        net.nodes.Get(0)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Rx", MakeBoundCallback(&CountRx, &rxClient));

        UdpEchoServerHelper server(7);
        server.Install(net.nodes.Get(1));
        UdpEchoClientHelper client(Ipv4Address("10.0.0.2"), 7);
        client.SetAttribute("MaxPackets", UintegerValue(10));
        client.SetAttribute("Interval", TimeValue(MilliSeconds(1)));
        client.SetAttribute("PacketSize", UintegerValue(300));
        ApplicationContainer apps = client.Install(net.nodes.Get(0));
        Ptr<UdpEchoClient> echo = DynamicCast<UdpEchoClient>(apps.Get(0));
        std::string fill = "steered, not stirred";
        echo->SetFill(reinterpret_cast<uint8_t*>(fill.data()), fill.size(), 300);
        apps.Start(Seconds(1));
        std::vector<std::vector<uint8_t>> echoes;
        apps.Get(0)->TraceConnectWithoutContext(
            "Rx",
            MakeCallback(+[](std::vector<std::vector<uint8_t>>* out, Ptr<const Packet> p)
                         {
                             std::vector<uint8_t> bytes(p->GetSize());
                             p->CopyData(bytes.data(), bytes.size());
                             out->push_back(bytes);
                         })
                .Bind(&echoes));

        // IPv6 on the same steered devices.
        UdpEchoServerHelper server6(8);
        server6.Install(net.nodes.Get(1));
        Ptr<Ipv6> ipv6 = net.nodes.Get(1)->GetObject<Ipv6>();
        Ipv6Address global;
        for (uint32_t a = 0; a < ipv6->GetNAddresses(1); ++a)
        {
            if (!ipv6->GetAddress(1, a).GetAddress().IsLinkLocal())
            {
                global = ipv6->GetAddress(1, a).GetAddress();
            }
        }
        UdpEchoClientHelper client6(global, 8);
        client6.SetAttribute("MaxPackets", UintegerValue(3));
        client6.SetAttribute("Interval", TimeValue(MilliSeconds(1)));
        ApplicationContainer apps6 = client6.Install(net.nodes.Get(0));
        apps6.Start(Seconds(3)); // after duplicate address detection
        uint32_t echoes6 = 0;
        apps6.Get(0)->TraceConnectWithoutContext(
            "Rx", MakeCallback(+[](uint32_t* n, Ptr<const Packet>) { ++*n; }).Bind(&echoes6));

        Simulator::Stop(Seconds(5));
        Simulator::Run();

        std::vector<uint8_t> expected(300);
        for (size_t i = 0; i < expected.size(); ++i)
        {
            expected[i] = fill[i % fill.size()];
        }
        NS_TEST_EXPECT_MSG_EQ(echoes.size(), 10u, "10 echoes, no duplicates");
        for (const auto& e : echoes)
        {
            NS_TEST_EXPECT_MSG_EQ((e == expected), true, "echo content intact");
        }
        NS_TEST_EXPECT_MSG_EQ(rxServer, 10u, "server IP layer saw each request once");
        NS_TEST_EXPECT_MSG_EQ(rxClient, 10u, "client IP layer saw each echo once");
        NS_TEST_EXPECT_MSG_EQ(echoes6, 3u, "IPv6 echoes still work");
        // The server node spent RECEIVE on each IPv4 request, the client node on each echo.
        Time busy1;
        for (uint32_t c = 0; c < 4; ++c)
        {
            busy1 += net.cpu->GetCore(c)->GetBusyTime();
        }
        NS_TEST_EXPECT_MSG_EQ(busy1, RECEIVE_COST * 10, "server cores: IPv4 only");
        Ptr<CpuModel> cpu0 = net.nodes.Get(0)->GetObject<CpuModel>();
        NS_TEST_EXPECT_MSG_EQ(cpu0->GetCore(0)->GetBusyTime() + cpu0->GetCore(1)->GetBusyTime(),
                              RECEIVE_COST * 10,
                              "client cores");
        Simulator::Destroy();
    }
};

class RssArpForwardTestCase : public TestCase
{
  public:
    RssArpForwardTestCase()
        : TestCase("a router steering two ARP devices, configured one after the other, forwards")
    {
    }

  private:
    void DoRun() override
    {
        // client - router - server over SimpleNetDevices, which need ARP.
        NodeContainer nodes;
        nodes.Create(3);
        SimpleNetDeviceHelper links;
        links.SetChannelAttribute("Delay", TimeValue(MicroSeconds(5)));
        NetDeviceContainer left = links.Install(NodeContainer(nodes.Get(0), nodes.Get(1)));
        NetDeviceContainer right = links.Install(NodeContainer(nodes.Get(1), nodes.Get(2)));
        InternetStackHelper internet;
        internet.Install(nodes);
        Ipv4AddressHelper addresses("10.1.0.0", "255.255.255.0");
        addresses.Assign(left);
        addresses.SetBase("10.2.0.0", "255.255.255.0");
        addresses.Assign(right);
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();

        Ptr<Node> router = nodes.Get(1);
        InstallCpus(NodeContainer(router), 2);
        ReceiveSteeringHelper rss;
        rss.Configure(NetDeviceContainer(left.Get(1)), RssHashInput::FIVE_TUPLE);
        Ptr<ReceiveSteering> steering = router->GetObject<ReceiveSteering>();
        steering->ConfigureDevice(right.Get(0), RssHashInput::ADDRESSES, 1);
        steering->SetQueueCore(right.Get(0), 0, 1);
        steering->SetQueueCore(left.Get(1), 1, 0); // the left device on core 0 only

        uint32_t rxRouter = 0;
        router->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Rx", MakeBoundCallback(&CountRx, &rxRouter));
        UdpEchoServerHelper server(7);
        server.Install(nodes.Get(2));
        UdpEchoClientHelper client(Ipv4Address("10.2.0.2"), 7);
        client.SetAttribute("MaxPackets", UintegerValue(5));
        client.SetAttribute("Interval",
                            TimeValue(MilliSeconds(50))); // ARP requests jitter up to 10 ms
        ApplicationContainer apps = client.Install(nodes.Get(0));
        uint32_t echoes = 0;
        apps.Get(0)->TraceConnectWithoutContext(
            "Rx", MakeCallback(+[](uint32_t* n, Ptr<const Packet>) { ++*n; }).Bind(&echoes));
        Simulator::Stop(Seconds(5));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(echoes, 5u, "5 echoes through the router");
        NS_TEST_EXPECT_MSG_EQ(rxRouter, 10u, "router saw each packet once");
        NS_TEST_EXPECT_MSG_EQ(steering->GetQueueStats(right.Get(0), 0).packets,
                              5u,
                              "echo replies steered on the right device");
        Ptr<CpuModel> cpu = router->GetObject<CpuModel>();
        NS_TEST_EXPECT_MSG_EQ(
            cpu->GetCore(1)->GetJobsServed(), 5u, "core 1 serves the right device's queue");
        Simulator::Destroy();
    }
};

class RssEspTunnelTestCase : public TestCase
{
  public:
    RssEspTunnelTestCase()
        : TestCase("an ESP tunnel between steered gateways: each SA's packets on one queue")
    {
    }

  private:
    /// Echoes 10 packets host1 -> host2 through the tunnel; \p encap: ESP in UDP 4500.
    void Run(bool encap)
    {
        GatewayPairTopology topology("10Gbps", "100us");
        IpsecHelper ipsec;
        ipsec.Install(topology.Gateways());
        IpsecTunnelHelper tunnels;
        tunnels.SetCipherSuite(CipherSuite::FromKeyword("aes128gcm16"));
        tunnels.SetUdpEncapsulation(encap);
        tunnels.Install(topology.End1(), topology.End2());
        InstallCpus(topology.Gateways(), 4);
        ReceiveSteeringHelper rss;
        rss.Configure(topology.WanDevices(),
                      encap ? RssHashInput::UDP_FIVE_TUPLE : RssHashInput::ADDRESSES_SPI);
        for (Ptr<Node> gw : {topology.Gateway1(), topology.Gateway2()})
        {
            // The LAN device: the one whose interface is in 10.0.0.0/8.
            Ptr<Ipv4> ipv4 = gw->GetObject<Ipv4>();
            int32_t lan = ipv4->GetInterfaceForPrefix(Ipv4Address("10.0.0.0"), Ipv4Mask("/8"));
            NS_TEST_ASSERT_MSG_GT(lan, 0, "LAN interface");
            rss.Configure(NetDeviceContainer(ipv4->GetNetDevice(lan)), RssHashInput::FIVE_TUPLE);
        }

        UdpEchoServerHelper server(7);
        server.Install(topology.Host2());
        UdpEchoClientHelper client(topology.Host2Address(), 7);
        client.SetAttribute("MaxPackets", UintegerValue(10));
        client.SetAttribute("Interval", TimeValue(MilliSeconds(1)));
        client.SetAttribute("PacketSize", UintegerValue(200));
        ApplicationContainer apps = client.Install(topology.Host1());
        apps.Start(Seconds(1));
        uint32_t echoes = 0;
        apps.Get(0)->TraceConnectWithoutContext(
            "Rx", MakeCallback(+[](uint32_t* n, Ptr<const Packet>) { ++*n; }).Bind(&echoes));
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(echoes, 10u, "10 echoes through the tunnel");
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<NetDevice> wan = topology.WanDevices().Get(i);
            Ptr<ReceiveSteering> steering = wan->GetNode()->GetObject<ReceiveSteering>();
            uint64_t total = 0;
            uint64_t busiest = 0;
            for (uint32_t q = 0; q < steering->GetNQueues(wan); ++q)
            {
                uint64_t packets = steering->GetQueueStats(wan, q).packets;
                total += packets;
                busiest = std::max(busiest, packets);
            }
            NS_TEST_EXPECT_MSG_EQ(total, 10u, "gateway " << i + 1 << " WAN: one SA's packets");
            NS_TEST_EXPECT_MSG_EQ(busiest, 10u, "gateway " << i + 1 << " WAN: on one queue");
        }
        Simulator::Destroy();
    }

    void DoRun() override
    {
        Run(false);
        Run(true);
    }
};

class ReceiveSteeringTestSuite : public TestSuite
{
  public:
    ReceiveSteeringTestSuite()
        : TestSuite("ipsec-receive-steering", UNIT)
    {
        AddTestCase(new RssHashInputNamesTestCase, TestCase::QUICK);
        AddTestCase(new RssHashLayoutTestCase, TestCase::QUICK);
        AddTestCase(new RssSpreadTestCase, TestCase::QUICK);
        AddTestCase(new RssSpiSpreadTestCase, TestCase::QUICK);
        AddTestCase(new RssRulesTestCase, TestCase::QUICK);
        AddTestCase(new RssCoreTimingTestCase, TestCase::QUICK);
        AddTestCase(new RssBacklogDropTestCase, TestCase::QUICK);
        AddTestCase(new RssEchoTestCase, TestCase::QUICK);
        AddTestCase(new RssArpForwardTestCase, TestCase::QUICK);
        AddTestCase(new RssEspTunnelTestCase, TestCase::QUICK);
    }
};

ReceiveSteeringTestSuite g_receiveSteeringTestSuite;

} // namespace
