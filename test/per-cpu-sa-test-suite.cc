/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// SA selection on multi-core gateways: per-CPU SAs as Linux 6.13 selects them (own SA, else the
// fallback with one acquire per core, else an ordinary acquire), single and pinned SAs, and the
// shared state that cores take in turn.

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/cpu-helper.h"
#include "ns3/gateway-pair-topology.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-tunnel-helper.h"
#include "ns3/per-cpu-sa-selection.h"
#include "ns3/pinned-sa-selection.h"
#include "ns3/receive-steering-helper.h"
#include "ns3/simulator.h"
#include "ns3/single-sa-selection.h"
#include "ns3/socket.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <map>
#include <set>

using namespace ns3;

namespace
{

/// host1 - gw1 = gw2 - host2 with 4-core gateways whose NICs steer by RSS; many UDP flows.
class MultiCoreTunnelTestCase : public TestCase
{
  public:
    explicit MultiCoreTunnelTestCase(const std::string& name)
        : TestCase(name)
    {
    }

  protected:
    static constexpr uint32_t CORES = 4;

    /// \param selection the tunnels' SaSelectionPolicy; TypeId() leaves it to the data planes'
    /// SaSelection attribute
    void Build(TypeId selection)
    {
        m_topology = std::make_unique<GatewayPairTopology>("10Gbps", "10us");
        NodeContainer gateways = m_topology->Gateways();
        CpuHelper cpus;
        cpus.SetCpuAttribute("Cores", UintegerValue(CORES));
        cpus.Install(gateways);
        IpsecHelper ipsec;
        ipsec.Install(gateways);
        ipsec.AssignStreams(gateways, 10);
        ReceiveSteeringHelper steering;
        for (uint32_t i = 0; i < gateways.GetN(); ++i)
        {
            Ptr<Node> gw = gateways.Get(i);
            for (uint32_t d = 0; d < 2; ++d) // the LAN and WAN point-to-point devices
            {
                Ptr<NetDevice> device = gw->GetDevice(d);
                bool wan = device == m_topology->WanDevices().Get(i);
                steering.Configure(NetDeviceContainer(device),
                                   wan ? RssHashInput::ADDRESSES_SPI : RssHashInput::FIVE_TUPLE,
                                   0);
            }
        }
        IpsecTunnelHelper tunnels;
        if (selection != TypeId())
        {
            tunnels.SetSaSelection(selection);
        }
        tunnels.SetUdpEncapsulation(m_encapsulation);
        tunnels.GetKeyManager()->SetAttribute("RandomEncapsulationPorts",
                                              BooleanValue(m_encapsulation));
        tunnels.GetKeyManager()->SetAttribute("Delay", TimeValue(MilliSeconds(10)));
        tunnels.AssignStreams(20);
        m_tunnel = tunnels.Install(m_topology->End1(), m_topology->End2());
        m_keys = tunnels.GetKeyManager();
        m_gw1 = m_tunnel.a.dataPlane;
        m_gw1->TraceConnectWithoutContext(
            "Acquire",
            MakeCallback(+[](std::vector<std::pair<Time, AcquireEvent>>* out,
                             const AcquireEvent& e) {
                out->emplace_back(Simulator::Now(), e);
            }).Bind(&m_acquires));
        m_sink = Socket::CreateSocket(m_topology->Host2(), UdpSocketFactory::GetTypeId());
        m_sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
        m_sink->SetRecvCallback(MakeCallback(+[](uint64_t* n, Ptr<Socket> s)
                                             {
                                                 while (s->Recv())
                                                 {
                                                     ++*n;
                                                 }
                                             })
                                    .Bind(&m_received));
        for (uint32_t f = 0; f < 32; ++f)
        {
            Ptr<Socket> s
                = Socket::CreateSocket(m_topology->Host1(), UdpSocketFactory::GetTypeId());
            s->Bind(InetSocketAddress(Ipv4Address::GetAny(), 10000 + f));
            s->Connect(InetSocketAddress(m_topology->Host2Address(), 9));
            m_sources.push_back(s);
        }
    }

    /// Every flow sends one packet each 100 us from \p from to \p to.
    void SendAll(Time from, Time to)
    {
        for (Time t = from; t < to; t += MicroSeconds(100))
        {
            for (auto& s : m_sources)
            {
                Simulator::Schedule(t, [s]() { s->Send(Create<Packet>(500)); });
            }
        }
    }

    /// \return gw1's outbound SAs by CPU binding.
    std::map<uint32_t, Ptr<const IpsecSa>> OutboundByCpu() const
    {
        std::map<uint32_t, Ptr<const IpsecSa>> sas;
        for (const auto& sa : m_gw1->GetSas())
        {
            if (sa->Params().direction == SaDirection::OUTBOUND)
            {
                sas[sa->Params().cpu] = sa;
            }
        }
        return sas;
    }

    void DoTeardown() override
    {
        m_sources.clear();
        m_sink = nullptr;
        m_gw1 = nullptr;
        m_keys = nullptr;
        m_tunnel = IpsecTunnel();
        Simulator::Destroy();
        m_topology.reset();
        m_acquires.clear();
        m_received = 0;
    }

    std::unique_ptr<GatewayPairTopology> m_topology;
    IpsecTunnel m_tunnel;
    Ptr<IpsecDataPlane> m_gw1;
    Ptr<StaticKeyManager> m_keys;
    std::vector<Ptr<Socket>> m_sources;
    Ptr<Socket> m_sink;
    uint64_t m_received{0};
    std::vector<std::pair<Time, AcquireEvent>> m_acquires;
    bool m_encapsulation{false};
};

class PerCpuSelectionTestCase : public MultiCoreTunnelTestCase
{
  public:
    /// \param byAttribute choose per-CPU selection by the data plane's SaSelection attribute
    /// (--ns3::IpsecDataPlane::SaSelection) instead of the tunnel helper
    explicit PerCpuSelectionTestCase(bool byAttribute)
        : MultiCoreTunnelTestCase(
            byAttribute ? "per-cpu chosen by attribute ns3::IpsecDataPlane::SaSelection"
                        : "per-cpu: fallback meanwhile, one acquire per core, own SA after")
        , m_byAttribute(byAttribute)
    {
    }

  private:
    bool m_byAttribute;

    void DoRun() override
    {
        if (m_byAttribute)
        {
            Config::SetDefault("ns3::IpsecDataPlane::SaSelection",
                               TypeIdValue(PerCpuSaSelection::GetTypeId()));
            Build(TypeId());
            Config::SetDefault("ns3::IpsecDataPlane::SaSelection",
                               TypeIdValue(SingleSaSelection::GetTypeId()));
        }
        else
        {
            Build(PerCpuSaSelection::GetTypeId());
        }
        SendAll(MilliSeconds(1), MilliSeconds(30));
        Simulator::Stop(MilliSeconds(40));
        Simulator::Run();

        // Each core that sent asked once for its own SA, although it sent many packets during
        // the 10 ms the key manager takes.
        std::set<uint32_t> acquiredCores;
        for (const auto& [when, e] : m_acquires)
        {
            NS_TEST_ASSERT_MSG_NE(e.cpu, SaParams::NO_CPU, "a fallback existed: per-core acquires");
            NS_TEST_ASSERT_MSG_EQ(acquiredCores.insert(e.cpu).second, true, "once per core");
            NS_TEST_ASSERT_MSG_LT(when, MilliSeconds(2), "at the core's first packet");
        }
        NS_TEST_ASSERT_MSG_EQ(acquiredCores.size(), CORES, "32 flows reach every core");
        NS_TEST_ASSERT_MSG_EQ(m_gw1->GetAcquiresAnswered(), CORES, "all answered");

        auto sas = OutboundByCpu();
        NS_TEST_ASSERT_MSG_EQ(sas.size(), CORES + 1, "the fallback and one SA per core");
        uint64_t fallbackPackets = sas.at(SaParams::NO_CPU)->GetCounters().packets;
        // 32 packets every 100 us for the 10 ms before the per-core SAs exist.
        NS_TEST_ASSERT_MSG_GT(fallbackPackets, 32 * 90, "the fallback carried them meanwhile");
        NS_TEST_ASSERT_MSG_LT(fallbackPackets, 32 * 110, "and nothing after");
        for (uint32_t cpu = 0; cpu < CORES; ++cpu)
        {
            const auto& c = sas.at(cpu)->GetCounters();
            NS_TEST_ASSERT_MSG_GT(c.packets, 0, "core " << cpu << " uses its own SA");
            NS_TEST_ASSERT_MSG_EQ(c.cores.size(), 1, "only its core");
            NS_TEST_ASSERT_MSG_EQ(c.cores.at(0), cpu, "its core");
        }
        NS_TEST_ASSERT_MSG_EQ(m_received, 32 * 290, "nothing lost");
    }
};

class PerCpuWithoutFallbackTestCase : public MultiCoreTunnelTestCase
{
  public:
    PerCpuWithoutFallbackTestCase()
        : MultiCoreTunnelTestCase(
            "per-cpu without any SA: an ordinary acquire creates the fallback")
    {
    }

  private:
    void DoRun() override
    {
        Build(PerCpuSaSelection::GetTypeId());
        auto sas = OutboundByCpu();
        const SaParams& fallback = sas.at(SaParams::NO_CPU)->Params();
        m_gw1->DeleteSa(SaDirection::OUTBOUND, fallback.spi, fallback.tunnelDestination);
        SendAll(MilliSeconds(1), MilliSeconds(30));
        Simulator::Stop(MilliSeconds(40));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_GT(m_acquires.size(), 1, "acquires");
        NS_TEST_ASSERT_MSG_EQ(m_acquires.at(0).second.cpu, SaParams::NO_CPU, "first: no core");
        for (size_t i = 1; i < m_acquires.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_NE(m_acquires[i].second.cpu, SaParams::NO_CPU, "then per core");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(
                m_acquires[i].first, MilliSeconds(11), "only once the fallback is there");
        }
        NS_TEST_ASSERT_MSG_EQ(m_gw1->GetDropCount(IpsecDropReason::NO_SA),
                              32 * 100,
                              "dropped until the fallback came");
        NS_TEST_ASSERT_MSG_EQ(OutboundByCpu().size(), CORES + 1, "then everything as usual");
    }
};

class SharedAndPinnedTestCase : public MultiCoreTunnelTestCase
{
  public:
    SharedAndPinnedTestCase(TypeId selection)
        : MultiCoreTunnelTestCase(selection == SingleSaSelection::GetTypeId()
                                      ? "single: every core encrypts on the one SA"
                                      : "pinned: one core encrypts everything")
        , m_selection(selection)
    {
    }

  private:
    void DoRun() override
    {
        Build(m_selection);
        SendAll(MilliSeconds(1), MilliSeconds(5));
        Simulator::Stop(MilliSeconds(10));
        Simulator::Run();
        auto sas = OutboundByCpu();
        NS_TEST_ASSERT_MSG_EQ(sas.size(), 1, "one SA");
        NS_TEST_ASSERT_MSG_EQ(m_acquires.size(), 0, "no acquires");
        const auto& c = sas.begin()->second->GetCounters();
        NS_TEST_ASSERT_MSG_EQ(c.packets, 32 * 40, "all packets");
        if (m_selection == SingleSaSelection::GetTypeId())
        {
            NS_TEST_ASSERT_MSG_EQ(c.cores.size(), CORES, "used by every core");
        }
        else
        {
            NS_TEST_ASSERT_MSG_EQ(c.cores.size(), 1, "used by one core");
            NS_TEST_ASSERT_MSG_EQ(c.cores.at(0), 0, "core 0 (the SA has no binding)");
        }
        NS_TEST_ASSERT_MSG_EQ(m_received, 32 * 40, "nothing lost");
    }

    TypeId m_selection;
};

class SharedStateTestCase : public TestCase
{
  public:
    SharedStateTestCase()
        : TestCase("cores take a shared SA's state in turn; a new holder pays the transfer")
    {
    }

  private:
    void DoRun() override
    {
        SaParams p;
        p.spi = 1000;
        p.suite = CipherSuite::FromKeyword("aes128gcm16");
        p.encryptionKey.resize(p.suite.EncrKeyBytes());
        Ptr<IpsecSa> sa = Create<IpsecSa>(p, CryptoMode::SIZE_ONLY);
        Time hold = NanoSeconds(50);
        Time transfer = NanoSeconds(100);
        // The stage costs already hold the state once: what is added is waiting and transfer.
        auto first = [&]()
        {
            // Three takes at the same instant: each waits for the one before.
            NS_TEST_EXPECT_MSG_EQ(sa->TakeSharedState(0, hold, transfer), Time(0), "free");
            NS_TEST_EXPECT_MSG_EQ(sa->TakeSharedState(1, hold, transfer),
                                  NanoSeconds(50 + 100),
                                  "second waits 50 ns, then the cache line moves");
            NS_TEST_EXPECT_MSG_EQ(sa->TakeSharedState(1, hold, transfer),
                                  NanoSeconds(200),
                                  "same core again: waits for both, no transfer");
        };
        auto later = [&]()
        {
            NS_TEST_EXPECT_MSG_EQ(sa->TakeSharedState(1, hold, transfer), Time(0), "free again");
            NS_TEST_EXPECT_MSG_EQ(
                sa->TakeSharedState(2, hold, transfer), NanoSeconds(50 + 100), "busy, other core");
        };
        Simulator::Schedule(MicroSeconds(1), first);
        Simulator::Schedule(MicroSeconds(2), later);
        Simulator::Run();
        Simulator::Destroy();
    }
};

class PerCpuEncapsulationPortsTestCase : public MultiCoreTunnelTestCase
{
  public:
    PerCpuEncapsulationPortsTestCase()
        : MultiCoreTunnelTestCase("per_cpu_sas=encap: each per-CPU SA its own source port")
    {
    }

  private:
    void DoRun() override
    {
        m_encapsulation = true;
        Build(PerCpuSaSelection::GetTypeId());
        SendAll(MilliSeconds(1), MilliSeconds(15));
        Simulator::Stop(MilliSeconds(20));
        Simulator::Run();
        auto sas = OutboundByCpu();
        NS_TEST_ASSERT_MSG_EQ(sas.size(), CORES + 1, "fallback and per-CPU SAs");
        NS_TEST_ASSERT_MSG_EQ(sas.at(SaParams::NO_CPU)->Params().udpEncapsulation->sourcePort,
                              4500,
                              "the fallback keeps port 4500");
        std::set<uint16_t> ports;
        for (uint32_t cpu = 0; cpu < CORES; ++cpu)
        {
            uint16_t port = sas.at(cpu)->Params().udpEncapsulation->sourcePort;
            NS_TEST_ASSERT_MSG_GT_OR_EQ(port, 49152, "random port in 49152-65535");
            ports.insert(port);
        }
        NS_TEST_ASSERT_MSG_EQ(ports.size(), CORES, "distinct ports");
        NS_TEST_ASSERT_MSG_EQ(m_received, 32 * 140, "all delivered");
    }
};

class KeyManagerLifetimeTestCase : public TestCase
{
  public:
    KeyManagerLifetimeTestCase()
        : TestCase("the key manager answers acquires after the helper that made it is gone")
    {
    }

  private:
    void DoRun() override
    {
        GatewayPairTopology topology("10Gbps", "10us");
        IpsecHelper ipsec;
        ipsec.Install(topology.Gateways());
        IpsecTunnel tunnel;
        {
            IpsecTunnelHelper helper; // gone before the simulation runs
            tunnel = helper.Install(topology.End1(), topology.End2());
        }
        Ptr<IpsecDataPlane> gw1 = tunnel.a.dataPlane;
        SaParams out;
        for (const auto& sa : gw1->GetSas())
        {
            if (sa->Params().direction == SaDirection::OUTBOUND)
            {
                out = sa->Params();
            }
        }
        gw1->DeleteSa(SaDirection::OUTBOUND, out.spi, out.tunnelDestination);
        Ptr<Socket> s = Socket::CreateSocket(topology.Host1(), UdpSocketFactory::GetTypeId());
        s->Connect(InetSocketAddress(topology.Host2Address(), 9));
        for (int i = 0; i < 5; ++i)
        {
            Simulator::Schedule(MilliSeconds(1 + 2 * i), [s]() { s->Send(Create<Packet>(100)); });
        }
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(gw1->GetAcquiresRaised(), 1, "acquire");
        NS_TEST_ASSERT_MSG_EQ(gw1->GetAcquiresAnswered(), 1, "answered by the manager");
        NS_TEST_ASSERT_MSG_EQ(gw1->GetEspSent(), 4, "the packets after the answer");
        s = nullptr;
        Simulator::Destroy();
    }
};

class PerCpuSaTestSuite : public TestSuite
{
  public:
    PerCpuSaTestSuite()
        : TestSuite("ipsec-per-cpu-sa", UNIT)
    {
        AddTestCase(new PerCpuSelectionTestCase(false), TestCase::QUICK);
        AddTestCase(new PerCpuSelectionTestCase(true), TestCase::QUICK);
        AddTestCase(new PerCpuWithoutFallbackTestCase, TestCase::QUICK);
        AddTestCase(new SharedAndPinnedTestCase(SingleSaSelection::GetTypeId()), TestCase::QUICK);
        AddTestCase(new SharedAndPinnedTestCase(PinnedSaSelection::GetTypeId()), TestCase::QUICK);
        AddTestCase(new SharedStateTestCase, TestCase::QUICK);
        AddTestCase(new PerCpuEncapsulationPortsTestCase, TestCase::QUICK);
        AddTestCase(new KeyManagerLifetimeTestCase, TestCase::QUICK);
    }
};

PerCpuSaTestSuite g_perCpuSaTestSuite;

} // namespace
