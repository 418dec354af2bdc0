/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// RFC 9611 per-resource Child SAs negotiated by the IKEv2 daemons of two 4-core gateways
// (host1 - gw1 = gw2 - host2, RSS on the LAN side spreads the flows over gw1's cores): the
// responder's CPU assignment policies, SA_RESOURCE_INFO on the wire in IKE_AUTH and
// CREATE_CHILD_SA, per-CPU SAs on demand, EAGER groups, TS_MAX_QUEUE at the limit, and a
// responder without RFC 9611 support.

#include "ns3/boolean.h"
#include "ns3/cpu-helper.h"
#include "ns3/eager-resource-policy.h"
#include "ns3/enum.h"
#include "ns3/gateway-pair-topology.h"
#include "ns3/ike-create-child-sa-task.h"
#include "ns3/ike-crypto-meter.h"
#include "ns3/ike-helper.h"
#include "ns3/ike-message.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-proposal-selector.h"
#include "ns3/ike-resource-group.h"
#include "ns3/ike-sa-payload.h"
#include "ns3/ike-session.h"
#include "ns3/ike-ts-payload.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipsec-helper.h"
#include "ns3/object-factory.h"
#include "ns3/on-demand-resource-policy.h"
#include "ns3/receive-steering-helper.h"
#include "ns3/round-robin-cpu-assigner.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/strongswan-cpu-assigner.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"
#include "ns3/with-initial-rekey-policy.h"

#include <functional>
#include <map>
#include <set>

using namespace ns3;

namespace
{

constexpr uint32_t NO_CPU = SaParams::NO_CPU;

/// StrongswanCpuAssigner: fallback, then CPUs n-1 down to 1, then CPU 0 again and again.
class StrongswanAssignerTestCase : public TestCase
{
  public:
    StrongswanAssignerTestCase()
        : TestCase("StrongswanCpuAssigner follows get_cpu(): fallback, n-1..1, then 0")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<IkeCpuAssigner> assigner = CreateObject<StrongswanCpuAssigner>();
        std::vector<uint32_t> group;
        std::vector<uint32_t> expected{NO_CPU, 3, 2, 1, 0, 0, 0};
        for (uint32_t want : expected)
        {
            uint32_t cpu = assigner->Assign(group, 4);
            NS_TEST_EXPECT_MSG_EQ(cpu, want, "SA " << group.size() + 1 << " of the group");
            group.push_back(cpu);
        }
        // A freed CPU is taken again, the highest first; no fallback makes a new fallback.
        NS_TEST_EXPECT_MSG_EQ(assigner->Assign({NO_CPU, 3, 1, 0}, 4), 2, "the free CPU 2");
        NS_TEST_EXPECT_MSG_EQ(assigner->Assign({3, 2, 1}, 4), NO_CPU, "the fallback went");
        NS_TEST_EXPECT_MSG_EQ(assigner->Assign({NO_CPU}, 1), 0, "one CPU: CPU 0");
        NS_TEST_EXPECT_MSG_EQ(assigner->Assign({NO_CPU, 7, 9}, 4), 3, "foreign CPUs ignored");
    }
};

/// RoundRobinCpuAssigner: fallback, then 0, 1, ..., n-1, 0, ... whatever is taken.
class RoundRobinAssignerTestCase : public TestCase
{
  public:
    RoundRobinAssignerTestCase()
        : TestCase("RoundRobinCpuAssigner: fallback, then CPUs 0, 1, 2, 0, ... in turn")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<IkeCpuAssigner> assigner = Make("round-robin");
        NS_TEST_EXPECT_MSG_NE(DynamicCast<RoundRobinCpuAssigner>(assigner), nullptr, "kind");
        std::vector<uint32_t> group;
        std::vector<uint32_t> expected{NO_CPU, 0, 1, 2, 0, 1};
        for (uint32_t want : expected)
        {
            uint32_t cpu = assigner->Assign(group, 3);
            NS_TEST_EXPECT_MSG_EQ(cpu, want, "SA " << group.size() + 1 << " of the group");
            group.push_back(cpu);
        }
        NS_TEST_EXPECT_MSG_EQ(assigner->Assign({}, 3), NO_CPU, "a group without fallback");
        Ptr<IkeCpuAssigner> strongswan = Make("strongswan");
        NS_TEST_EXPECT_MSG_NE(DynamicCast<StrongswanCpuAssigner>(strongswan), nullptr, "kind");
    }

    /// \returns a new assigner of the kind \p keyword names (IkePerResourceConfig's table)
    static Ptr<IkeCpuAssigner> Make(const std::string& keyword)
    {
        ObjectFactory factory(
            IkePerResourceConfig::LookupKeyword(keyword, IkeCpuAssigner::GetTypeId()).GetName());
        return factory.Create<IkeCpuAssigner>();
    }
};

/// The Resource Identifier: 4 octets big-endian with CPU_NUMBER, empty otherwise.
class ResourceIdTestCase : public TestCase
{
  public:
    ResourceIdTestCase()
        : TestCase("Resource Identifier: CPU as 4 octets big-endian, empty for the fallback")
    {
    }

  private:
    void DoRun() override
    {
        NS_TEST_EXPECT_MSG_EQ(
            BytesToHex(IkeResourceGroup::MakeResourceId(IkeResourceId::CPU_NUMBER, 3)),
            "00000003",
            "CPU 3");
        NS_TEST_EXPECT_MSG_EQ(
            BytesToHex(IkeResourceGroup::MakeResourceId(IkeResourceId::CPU_NUMBER, 0x01020304)),
            "01020304",
            "big-endian");
        NS_TEST_EXPECT_MSG_EQ(
            IkeResourceGroup::MakeResourceId(IkeResourceId::CPU_NUMBER, NO_CPU).size(),
            0,
            "fallback: empty");
        NS_TEST_EXPECT_MSG_EQ(
            IkeResourceGroup::MakeResourceId(IkeResourceId::EMPTY, 2).size(), 0, "EMPTY setting");
        // RFC 9611 5.1 on the wire (protocols.md 1.4): 00 00 00 0C 00 00 40 3C 00 00 00 03.
        IkeMessage message;
        message.AddPayload(IkeNotifyPayload::SaResourceInfo(
            IkeResourceGroup::MakeResourceId(IkeResourceId::CPU_NUMBER, 3)));
        Bytes wire = message.Serialize();
        NS_TEST_ASSERT_MSG_EQ(wire.size(), 28 + 12, "header and notify");
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(Bytes(wire.begin() + 28, wire.end())),
                              "0000000c0000403c00000003",
                              "notify octets");
    }
};

/**
 * \ingroup ipsec-tests
 * Two 4-core gateways keyed by IKE with RFC 9611 on; 16 UDP flows from host1 to host2 spread
 * by RSS over gw1's cores. Records every IKE message each daemon sends.
 */
class PerResourceTestCase : public TestCase
{
  public:
    explicit PerResourceTestCase(const std::string& name)
        : TestCase(name)
    {
    }

  protected:
    static constexpr uint32_t CORES = 4;
    static constexpr uint32_t FLOWS = 16;

    /// Changes one daemon's configuration before it starts.
    using Tweak = std::function<void(IkePeerConfig&)>;

    /// A decrypted IKE message one daemon sent.
    struct Sent
    {
        Time when;
        IkeExchangeType exchange;
        bool response;
        uint32_t messageId{0};
        std::vector<std::pair<IkeNotifyType, Bytes>> notifies;
        bool hasSa;
        std::vector<IkeProposal> proposals; ///< of the SA payload
        std::vector<TrafficSelector> tsi;   ///< of TSi
        std::vector<TrafficSelector> tsr;   ///< of TSr
        std::optional<uint32_t> rekeySpi;   ///< the SPI of REKEY_SA, if there is one
    };

    /// Changes the RFC 9611 settings of both ends (RFC 9611 is enabled on both before).
    using Settings = std::function<void(IkePerResourceConfig&)>;

    void Build(const Settings& settings = {}, Tweak initiator = {}, Tweak responder = {})
    {
        m_topology = std::make_unique<GatewayPairTopology>("1Gbps", "1ms");
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
        IkeHelper helper;
        helper.SetPerResourceAttribute("Enabled", BooleanValue(true));
        m_tunnel = helper.Install(m_topology->End1(), m_topology->End2());
        helper.AssignStreams(20);
        for (Ptr<IkeDaemon> daemon : {m_tunnel.initiator, m_tunnel.responder})
        {
            if (settings)
            {
                settings(*daemon->GetConfig().perResource);
            }
        }
        Reconfigure(m_tunnel.initiator, initiator);
        Reconfigure(m_tunnel.responder, responder);
        m_gw1 = m_tunnel.tunnel.a.dataPlane;
        m_gw2 = m_tunnel.tunnel.b.dataPlane;
        m_gw1->TraceConnectWithoutContext(
            "Acquire", MakeCallback(+[](std::set<uint32_t>* cores, const AcquireEvent& e) {
                           cores->insert(e.cpu);
                       }).Bind(&m_acquiredCpus));
        m_tunnel.initiator->TraceConnectWithoutContext(
            "Tx", MakeCallback(+[](std::vector<std::pair<Time, Bytes>>* out, const Bytes& data) {
                      out->emplace_back(Simulator::Now(), data);
                  }).Bind(&m_initiatorTx));
        m_tunnel.responder->TraceConnectWithoutContext(
            "Tx", MakeCallback(+[](std::vector<std::pair<Time, Bytes>>* out, const Bytes& data) {
                      out->emplace_back(Simulator::Now(), data);
                  }).Bind(&m_responderTx));
        m_sink = MakeSink(m_topology->Host2(), m_received);
        m_sources = MakeFlows(m_topology->Host1(), 10000, m_topology->Host2Address());
    }

    /// \returns a UDP socket on port 9 of \p node that counts what it receives in \p count
    static Ptr<Socket> MakeSink(Ptr<Node> node, uint64_t& count)
    {
        Ptr<Socket> sink = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
        sink->SetRecvCallback(MakeCallback(+[](uint64_t* n, Ptr<Socket> s)
                                           {
                                               while (s->Recv())
                                               {
                                                   ++*n;
                                               }
                                           })
                                  .Bind(&count));
        return sink;
    }

    /// \returns FLOWS UDP sockets on \p node, from ports \p firstPort on, to port 9 of \p to
    static std::vector<Ptr<Socket>> MakeFlows(Ptr<Node> node, uint16_t firstPort, Ipv4Address to)
    {
        std::vector<Ptr<Socket>> flows;
        for (uint32_t f = 0; f < FLOWS; ++f)
        {
            Ptr<Socket> s = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
            s->Bind(InetSocketAddress(Ipv4Address::GetAny(), firstPort + f));
            s->Connect(InetSocketAddress(to, 9));
            flows.push_back(s);
        }
        return flows;
    }

    /// host2 answers host1 on FLOWS flows from port 20000: one 300-octet datagram per flow every
    /// 10 ms in [1 s, 2 s), shifted by \p offset. \returns the number scheduled
    uint64_t SendBack(Time offset)
    {
        uint64_t scheduled = 0;
        for (const Ptr<Socket>& s :
             MakeFlows(m_topology->Host2(), 20000, m_topology->Host1Address()))
        {
            for (Time t = Seconds(1); t < Seconds(2); t += MilliSeconds(10))
            {
                Simulator::Schedule(t + offset, [s]() { s->Send(Create<Packet>(300)); });
                scheduled++;
            }
        }
        return scheduled;
    }

    static void Reconfigure(Ptr<IkeDaemon> daemon, const Tweak& tweak)
    {
        if (tweak)
        {
            IkePeerConfig config = daemon->GetConfig();
            tweak(config);
            daemon->SetConnection(0, config);
        }
    }

    /// Flows [first, last) send one packet each 10 ms from \p from to \p to.
    void Send(uint32_t first, uint32_t last, Time from, Time to)
    {
        for (Time t = from; t < to; t += MilliSeconds(10))
        {
            for (uint32_t f = first; f < last; ++f)
            {
                Ptr<Socket> s = m_sources[f];
                Simulator::Schedule(t, [s]() { s->Send(Create<Packet>(300)); });
            }
            m_expected += last - first;
        }
    }

    /// \returns the messages \p daemon sent, decrypted with the IKE SA's keys
    std::vector<Sent> Decode(bool fromInitiator) const
    {
        std::vector<Sent> out;
        const IkeSa* sa = m_tunnel.initiator->GetIkeSa();
        if (!sa || !sa->HasKeys())
        {
            return out;
        }
        for (const auto& [when, data] : fromInitiator ? m_initiatorTx : m_responderTx)
        {
            IkeMessage message;
            if (!IkeMessage::Parse(data, message).IsOk())
            {
                continue;
            }
            Sent sent;
            sent.when = when;
            sent.exchange = message.GetHeader().GetExchangeType();
            sent.response = message.GetHeader().IsResponse();
            sent.messageId = message.GetHeader().GetMessageId();
            if (message.IsEncrypted())
            {
                // The receiver's OPEN cipher: the initiator's messages are opened by the
                // responder of the IKE SA, and the other way round.
                auto open = sa->GetKeySchedule().CreateCipher(
                    sa->GetKeys(), !fromInitiator, CipherRole::OPEN);
                IkeMessage decrypted;
                if (!IkeMessage::Parse(data, *open, decrypted).IsOk())
                {
                    continue;
                }
                message = std::move(decrypted);
            }
            for (const IkeNotifyPayload* n : message.FindAll<IkeNotifyPayload>())
            {
                sent.notifies.emplace_back(n->GetNotifyType(), n->GetData());
                if (n->GetNotifyType() == IkeNotifyType::REKEY_SA)
                {
                    sent.rekeySpi = n->GetSpi32();
                }
            }
            const auto* sa = message.Find<IkeSaPayload>();
            sent.hasSa = sa != nullptr;
            if (sa)
            {
                sent.proposals = sa->GetProposals();
            }
            for (auto [type, selectors] : {std::make_pair(IkePayloadType::TSI, &sent.tsi),
                                           std::make_pair(IkePayloadType::TSR, &sent.tsr)})
            {
                if (const auto* ts = dynamic_cast<const IkeTsPayload*>(message.FindPayload(type)))
                {
                    *selectors = ts->GetIpv4Selectors();
                }
            }
            out.push_back(sent);
        }
        return out;
    }

    /// \returns the SA_RESOURCE_INFO data of \p message, or nullopt
    static std::optional<Bytes> ResourceInfo(const Sent& message)
    {
        for (const auto& [type, data] : message.notifies)
        {
            if (type == IkeNotifyType::SA_RESOURCE_INFO)
            {
                return data;
            }
        }
        return std::nullopt;
    }

    /// \returns whether \p message carries a notify of \p type
    static bool HasNotify(const Sent& message, IkeNotifyType type)
    {
        for (const auto& [t, data] : message.notifies)
        {
            if (t == type)
            {
                return true;
            }
        }
        return false;
    }

    /// \returns the keywords of \p suites that the proposals of \p message are, one per
    /// proposal ("?" for one that is none of them), without PFS
    static std::vector<std::string> ProposedSuites(const Sent& message,
                                                   const std::vector<CipherSuite>& suites,
                                                   bool esn)
    {
        std::vector<std::string> keywords;
        for (const IkeProposal& proposal : message.proposals)
        {
            std::string keyword = "?";
            for (const CipherSuite& suite : suites)
            {
                if (IkeProposalSelector::Matches(IkeProposal::ForEsp(1, 0, suite, esn), proposal))
                {
                    keyword = suite.Keyword();
                }
            }
            keywords.push_back(keyword);
        }
        return keywords;
    }

    /// \returns the messages of \p exchange (requests or responses) in \p messages
    static std::vector<Sent> Only(const std::vector<Sent>& messages,
                                  IkeExchangeType exchange,
                                  bool response)
    {
        std::vector<Sent> out;
        for (const Sent& m : messages)
        {
            if (m.exchange == exchange && m.response == response)
            {
                out.push_back(m);
            }
        }
        return out;
    }

    /// \returns the CPUs of \p dataPlane's outbound SAs, with repetitions
    static std::multiset<uint32_t> OutboundCpus(Ptr<IpsecDataPlane> dataPlane)
    {
        std::multiset<uint32_t> cpus;
        for (const auto& sa : dataPlane->GetSas())
        {
            if (sa->Params().direction == SaDirection::OUTBOUND)
            {
                cpus.insert(sa->Params().cpu);
            }
        }
        return cpus;
    }

    /// Checks that every Child SA of \p daemon has its SA pair in \p dataPlane, the outbound one
    /// bound to the Child SA's CPU.
    void CheckBindings(Ptr<IkeDaemon> daemon, Ptr<IpsecDataPlane> dataPlane, Ipv4Address peer)
    {
        for (const IkeChildSa& child : daemon->GetChildSas())
        {
            Ptr<const IpsecSa> out
                = dataPlane->GetSa(SaDirection::OUTBOUND, child.outboundSpi, peer);
            NS_TEST_ASSERT_MSG_NE(out, nullptr, "outbound SA " << child.outboundSpi);
            NS_TEST_EXPECT_MSG_EQ(out->Params().cpu, child.cpu, "bound to the Child SA's CPU");
        }
    }

    void DoTeardown() override
    {
        m_sources.clear();
        m_sink = nullptr;
        m_gw1 = m_gw2 = nullptr;
        m_tunnel = IkeTunnel();
        Simulator::Destroy();
        m_topology.reset();
        m_initiatorTx.clear();
        m_responderTx.clear();
        m_acquiredCpus.clear();
        m_received = m_expected = 0;
    }

    std::unique_ptr<GatewayPairTopology> m_topology;
    IkeTunnel m_tunnel;
    Ptr<IpsecDataPlane> m_gw1;
    Ptr<IpsecDataPlane> m_gw2;
    Ptr<Socket> m_sink;
    std::vector<Ptr<Socket>> m_sources;
    std::vector<std::pair<Time, Bytes>> m_initiatorTx; ///< IKE messages gw1 sent, when
    std::vector<std::pair<Time, Bytes>> m_responderTx; ///< IKE messages gw2 sent, when
    std::set<uint32_t> m_acquiredCpus;
    uint64_t m_received{0};
    uint64_t m_expected{0};
};

/// Both ends on: SA_RESOURCE_INFO, empty, in the IKE_AUTH request and response; the first
/// Child SA is the group's unbound fallback on both ends.
class AuthNotifyTestCase : public PerResourceTestCase
{
  public:
    AuthNotifyTestCase()
        : PerResourceTestCase("IKE_AUTH: empty SA_RESOURCE_INFO both ways, the fallback SA")
    {
    }

  private:
    void DoRun() override
    {
        Build(); // ON_DEMAND, and no traffic: only the first Child SA
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->IsEstablished(), true, "IKE SA up");
        auto requests = Only(Decode(true), IkeExchangeType::IKE_AUTH, false);
        auto responses = Only(Decode(false), IkeExchangeType::IKE_AUTH, true);
        NS_TEST_ASSERT_MSG_EQ(requests.size(), 1, "one IKE_AUTH request");
        NS_TEST_ASSERT_MSG_EQ(responses.size(), 1, "one IKE_AUTH response");
        auto info = ResourceInfo(requests[0]);
        NS_TEST_ASSERT_MSG_EQ(info.has_value(), true, "SA_RESOURCE_INFO in the request");
        NS_TEST_EXPECT_MSG_EQ(info->size(), 0, "empty: the fallback has no CPU");
        info = ResourceInfo(responses[0]);
        NS_TEST_ASSERT_MSG_EQ(info.has_value(), true, "SA_RESOURCE_INFO in the response");
        NS_TEST_EXPECT_MSG_EQ(info->size(), 0, "empty: the responder's fallback");
        for (Ptr<IkeDaemon> daemon : {m_tunnel.initiator, m_tunnel.responder})
        {
            NS_TEST_ASSERT_MSG_GT_OR_EQ(daemon->GetChildSas().size(), 1, "a Child SA");
            const IkeChildSa& first = daemon->GetChildSas().front();
            NS_TEST_EXPECT_MSG_EQ(first.perResource, true, "member of the group");
            NS_TEST_EXPECT_MSG_EQ(first.cpu, NO_CPU, "the fallback is bound to no CPU");
            NS_TEST_EXPECT_MSG_EQ(ToString(daemon->GetSession()->GetResourceGroup().GetState()),
                                  "ACTIVE",
                                  "group negotiated");
        }
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->GetStatistics().regularFallbacks, 0, "none");
    }
};

/// A responder without RFC 9611 answers without SA_RESOURCE_INFO: a regular SA, counted, and
/// no CREATE_CHILD_SA however many cores send.
class RegularFallbackTestCase : public PerResourceTestCase
{
  public:
    RegularFallbackTestCase()
        : PerResourceTestCase("responder without RFC 9611: regular SA, no further requests")
    {
    }

  private:
    void DoRun() override
    {
        Build({},
              {},
              [](IkePeerConfig& c)
              { c.perResource->SetAttribute("Enabled", BooleanValue(false)); });
        Send(0, FLOWS, Seconds(1), Seconds(2));
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->IsEstablished(), true, "IKE SA up");
        auto requests = Only(Decode(true), IkeExchangeType::IKE_AUTH, false);
        auto responses = Only(Decode(false), IkeExchangeType::IKE_AUTH, true);
        NS_TEST_ASSERT_MSG_EQ(requests.size(), 1, "one IKE_AUTH request");
        NS_TEST_ASSERT_MSG_EQ(responses.size(), 1, "one IKE_AUTH response");
        NS_TEST_EXPECT_MSG_EQ(ResourceInfo(requests[0]).has_value(), true, "asked for a group");
        NS_TEST_EXPECT_MSG_EQ(ResourceInfo(responses[0]).has_value(), false, "not confirmed");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->GetStatistics().regularFallbacks, 1, "counted");
        NS_TEST_EXPECT_MSG_EQ(
            ToString(m_tunnel.initiator->GetSession()->GetResourceGroup().GetState()),
            "REGULAR",
            "no group");
        NS_TEST_EXPECT_MSG_GT(m_acquiredCpus.size(), 1, "several cores asked for SAs");
        NS_TEST_EXPECT_MSG_EQ(Only(Decode(true), IkeExchangeType::CREATE_CHILD_SA, false).size(),
                              0,
                              "no CREATE_CHILD_SA for the cores");
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->GetChildSas().size(), 1, "one Child SA");
        NS_TEST_EXPECT_MSG_EQ(
            m_tunnel.initiator->GetChildSas().front().perResource, false, "a regular one");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.initiator->GetStatistics().perResourceSas, 0, "none");
        NS_TEST_EXPECT_MSG_EQ(m_received, m_expected, "all traffic on the regular SA");
    }
};

/// ON_DEMAND: per-CPU acquires at gw1 while the flows use the fallback; one additional SA per
/// core, bound to it at gw1; CREATE_CHILD_SA carries SA_RESOURCE_INFO with the CPU numbers;
/// gw2 binds its SAs by strongSwan's rule (3, 2, 1, 0).
class OnDemandTestCase : public PerResourceTestCase
{
  public:
    OnDemandTestCase()
        : PerResourceTestCase("ON_DEMAND: one per-CPU SA per core that sends, bound to it")
    {
    }

  private:
    void DoRun() override
    {
        Build();
        m_tunnel.initiator->TraceConnectWithoutContext(
            "ChildSa", MakeCallback(+[](std::map<uint32_t, Time>* out, const IkeChildSa& child) {
                           out->emplace(child.cpu, Simulator::Now());
                       }).Bind(&m_installedAt));
        m_gw1->TraceConnectWithoutContext(
            "Acquire", MakeCallback(+[](std::map<uint32_t, Time>* out, const AcquireEvent& e) {
                           out->emplace(e.cpu, Simulator::Now());
                       }).Bind(&m_firstAcquire));
        // Four flows first, then all: SAs appear as cores start sending.
        Send(0, 4, Seconds(1), Seconds(3));
        Send(4, FLOWS, Seconds(2), Seconds(3));
        Simulator::Stop(Seconds(4));
        Simulator::Run();
        Ptr<IkeDaemon> i = m_tunnel.initiator;
        Ptr<IkeDaemon> r = m_tunnel.responder;
        NS_TEST_ASSERT_MSG_EQ(i->IsEstablished(), true, "IKE SA up");
        std::set<uint32_t> cores = m_acquiredCpus;
        cores.erase(NO_CPU);
        NS_TEST_ASSERT_MSG_EQ(cores.size(), CORES, "every core of gw1 sent and acquired");
        // Exactly one Child SA per core at the initiator, plus the fallback.
        std::multiset<uint32_t> childCpus;
        for (const IkeChildSa& child : i->GetChildSas())
        {
            childCpus.insert(child.cpu);
            NS_TEST_EXPECT_MSG_EQ(child.perResource, true, "all members of the group");
        }
        std::multiset<uint32_t> expected{NO_CPU, 0, 1, 2, 3};
        NS_TEST_EXPECT_MSG_EQ((childCpus == expected), true, "fallback + one SA per core");
        NS_TEST_EXPECT_MSG_EQ((OutboundCpus(m_gw1) == expected), true, "gw1's outbound SAs");
        CheckBindings(i, m_gw1, m_topology->End2().outerAddress);
        CheckBindings(r, m_gw2, m_topology->End1().outerAddress);
        for (uint32_t cpu : cores)
        {
            NS_TEST_EXPECT_MSG_GT(m_installedAt[cpu], m_firstAcquire[cpu], "after its acquire");
        }
        NS_TEST_EXPECT_MSG_LT(m_installedAt[NO_CPU], Seconds(1), "fallback at start");
        // On the wire: each CREATE_CHILD_SA request names its CPU, each response gw2's.
        auto requests = Only(Decode(true), IkeExchangeType::CREATE_CHILD_SA, false);
        auto responses = Only(Decode(false), IkeExchangeType::CREATE_CHILD_SA, true);
        NS_TEST_ASSERT_MSG_EQ(requests.size(), CORES, "one request per core, no duplicate");
        NS_TEST_ASSERT_MSG_EQ(responses.size(), CORES, "one response each");
        std::set<std::string> requested;
        std::vector<std::string> answered;
        for (uint32_t k = 0; k < CORES; ++k)
        {
            auto info = ResourceInfo(requests[k]);
            NS_TEST_ASSERT_MSG_EQ(info.has_value(), true, "SA_RESOURCE_INFO in request " << k);
            requested.insert(BytesToHex(*info));
            info = ResourceInfo(responses[k]);
            NS_TEST_ASSERT_MSG_EQ(info.has_value(), true, "SA_RESOURCE_INFO in response " << k);
            answered.push_back(BytesToHex(*info));
            NS_TEST_EXPECT_MSG_EQ(responses[k].hasSa, true, "an SA payload");
        }
        std::set<std::string> cpuIds{"00000000", "00000001", "00000002", "00000003"};
        NS_TEST_EXPECT_MSG_EQ((requested == cpuIds), true, "the initiator's CPU numbers");
        std::vector<std::string> strongswan{"00000003", "00000002", "00000001", "00000000"};
        NS_TEST_EXPECT_MSG_EQ((answered == strongswan), true, "gw2's get_cpu(): 3, 2, 1, 0");
        std::vector<uint32_t> responderCpus;
        for (const IkeChildSa& child : r->GetChildSas())
        {
            responderCpus.push_back(child.cpu);
        }
        NS_TEST_EXPECT_MSG_EQ((responderCpus == std::vector<uint32_t>{NO_CPU, 3, 2, 1, 0}),
                              true,
                              "gw2's Child SAs in order: fallback, 3, 2, 1, 0");
        NS_TEST_EXPECT_MSG_EQ(i->GetStatistics().perResourceSas, CORES + 1, "counted");
        NS_TEST_EXPECT_MSG_EQ(m_received, m_expected, "no packet lost meanwhile");
    }

    std::map<uint32_t, Time> m_installedAt;
    std::map<uint32_t, Time> m_firstAcquire;
};

/// EAGER N: N additional SAs at once after IKE_AUTH, CPUs 0..N-1, empty identifiers; gw2
/// binds round-robin.
class EagerTestCase : public PerResourceTestCase
{
  public:
    EagerTestCase(uint32_t count)
        : PerResourceTestCase("EAGER " + std::to_string(count)
                              + ": exactly that many additional SAs at once, round-robin at gw2")
        , m_count(count)
    {
    }

  private:
    void DoRun() override
    {
        uint32_t count = m_count;
        Build(
            [count](IkePerResourceConfig& c)
            {
                c.SetInitiatorPolicy(
                    CreateObjectWithAttributes<EagerResourcePolicy>("Count", UintegerValue(count)));
                c.SetAttribute("CpuAssigner", TypeIdValue(RoundRobinCpuAssigner::GetTypeId()));
                c.SetAttribute("ResourceId", EnumValue(static_cast<int>(IkeResourceId::EMPTY)));
            });
        Simulator::Stop(Seconds(1)); // no traffic: no acquire
        Simulator::Run();
        uint32_t n = m_count ? m_count : CORES;
        Ptr<IkeDaemon> i = m_tunnel.initiator;
        Ptr<IkeDaemon> r = m_tunnel.responder;
        NS_TEST_ASSERT_MSG_EQ(i->IsEstablished(), true, "IKE SA up");
        NS_TEST_EXPECT_MSG_EQ(m_acquiredCpus.size(), 0, "not on demand");
        NS_TEST_ASSERT_MSG_EQ(i->GetChildSas().size(), n + 1, "initial + N at the initiator");
        NS_TEST_ASSERT_MSG_EQ(r->GetChildSas().size(), n + 1, "initial + N at the responder");
        for (uint32_t k = 0; k <= n; ++k)
        {
            uint32_t want = k == 0 ? NO_CPU : (k - 1) % CORES;
            NS_TEST_EXPECT_MSG_EQ(i->GetChildSas()[k].cpu, want, "initiator: CPUs in order");
            NS_TEST_EXPECT_MSG_EQ(r->GetChildSas()[k].cpu, want, "responder: round-robin");
        }
        CheckBindings(i, m_gw1, m_topology->End2().outerAddress);
        CheckBindings(r, m_gw2, m_topology->End1().outerAddress);
        auto requests = Only(Decode(true), IkeExchangeType::CREATE_CHILD_SA, false);
        auto responses = Only(Decode(false), IkeExchangeType::CREATE_CHILD_SA, true);
        NS_TEST_EXPECT_MSG_EQ(requests.size(), n, "N requests");
        for (const Sent& m : requests)
        {
            NS_TEST_EXPECT_MSG_LT(m.when, Seconds(0.5), "all at once after IKE_AUTH");
        }
        for (const auto& list : {requests, responses})
        {
            for (const Sent& m : list)
            {
                auto info = ResourceInfo(m);
                NS_TEST_ASSERT_MSG_EQ(info.has_value(), true, "SA_RESOURCE_INFO");
                NS_TEST_EXPECT_MSG_EQ(info->size(), 0, "EMPTY setting: no identifier");
            }
        }
    }

    uint32_t m_count;
};

/// TS_MAX_QUEUE: gw2 accepts maxAdditional = 2; the third request is refused (TS_MAX_QUEUE
/// alone), the fourth never sent; the IKE SA and all SAs stay, traffic flows.
class TsMaxQueueTestCase : public PerResourceTestCase
{
  public:
    TsMaxQueueTestCase()
        : PerResourceTestCase("TS_MAX_QUEUE at maxAdditional: refused, nothing else lost")
    {
    }

  private:
    void DoRun() override
    {
        Build([](IkePerResourceConfig& c) // eager, asks for 4
              { c.SetAttribute("InitiatorPolicy", TypeIdValue(EagerResourcePolicy::GetTypeId())); },
              {},
              [](IkePeerConfig& c)
              { c.perResource->SetAttribute("MaxAdditional", UintegerValue(2)); });
        Send(0, FLOWS, Seconds(1), Seconds(2));
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        Ptr<IkeDaemon> i = m_tunnel.initiator;
        Ptr<IkeDaemon> r = m_tunnel.responder;
        NS_TEST_ASSERT_MSG_EQ(i->IsEstablished(), true, "initiator's IKE SA still up");
        NS_TEST_ASSERT_MSG_EQ(r->IsEstablished(), true, "responder's IKE SA still up");
        NS_TEST_EXPECT_MSG_EQ(IkeResourceGroup::CountAdditional(r->GetChildSas()),
                              2,
                              "exactly maxAdditional additional SAs");
        NS_TEST_EXPECT_MSG_EQ(i->GetChildSas().size(), 3, "fallback + 2 at the initiator");
        NS_TEST_EXPECT_MSG_EQ(r->GetChildSas().size(), 3, "fallback + 2 at the responder");
        NS_TEST_EXPECT_MSG_EQ(m_gw1->GetSas().size(), 6, "three pairs at gw1");
        auto requests = Only(Decode(true), IkeExchangeType::CREATE_CHILD_SA, false);
        auto responses = Only(Decode(false), IkeExchangeType::CREATE_CHILD_SA, true);
        NS_TEST_ASSERT_MSG_EQ(requests.size(), 3, "two accepted, one refused, no fourth");
        NS_TEST_ASSERT_MSG_EQ(responses.size(), 3, "three responses");
        const Sent& refusal = responses[2];
        NS_TEST_ASSERT_MSG_EQ(refusal.notifies.size(), 1, "one notify");
        NS_TEST_EXPECT_MSG_EQ(ToString(refusal.notifies[0].first),
                              ToString(IkeNotifyType::TS_MAX_QUEUE),
                              "TS_MAX_QUEUE");
        NS_TEST_EXPECT_MSG_EQ(refusal.notifies[0].second.size(), 0, "no data");
        NS_TEST_EXPECT_MSG_EQ(refusal.hasSa, false, "no SA payload");
        NS_TEST_EXPECT_MSG_EQ(r->GetStatistics().tsMaxQueueSent, 1, "sent once");
        NS_TEST_EXPECT_MSG_EQ(i->GetStatistics().tsMaxQueueReceived, 1, "received once");
        NS_TEST_EXPECT_MSG_EQ(ToString(i->GetSession()->GetResourceGroup().GetState()),
                              "FULL",
                              "initiator stops asking");
        NS_TEST_EXPECT_MSG_EQ((m_acquiredCpus == std::set<uint32_t>{2, 3}),
                              true,
                              "cores 2 and 3, without SA, acquired, and were not answered");
        NS_TEST_EXPECT_MSG_EQ(m_received, m_expected, "all traffic delivered");
        NS_TEST_EXPECT_MSG_GT(m_expected, 0, "traffic was sent");
    }
};

/// Our TS_MAX_QUEUE limit as responder holds while the group is FULL for our own requests:
/// gw1 (eager, 4) is refused by gw2 beyond 2, then gw2's per-CPU acquires (traffic back) ask
/// gw1, whose group already has its 2 additional SAs.
class FullStillLimitsTestCase : public PerResourceTestCase
{
  public:
    FullStillLimitsTestCase()
        : PerResourceTestCase("FULL as initiator: our maxAdditional still refuses the peer")
    {
    }

  private:
    void DoRun() override
    {
        Build(
            [](IkePerResourceConfig& c)
            {
                c.SetAttribute("InitiatorPolicy", TypeIdValue(EagerResourcePolicy::GetTypeId()));
                c.SetAttribute("MaxAdditional", UintegerValue(2));
            },
            {},
            [](IkePeerConfig& c)
            { c.perResource->SetInitiatorPolicy(CreateObject<OnDemandResourcePolicy>()); });
        uint64_t back = 0;
        Ptr<Socket> sink = MakeSink(m_topology->Host1(), back);
        SendBack(Seconds(0));
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        Ptr<IkeDaemon> i = m_tunnel.initiator;
        Ptr<IkeDaemon> r = m_tunnel.responder;
        NS_TEST_ASSERT_MSG_EQ(i->IsEstablished(), true, "IKE SA up");
        NS_TEST_EXPECT_MSG_EQ(ToString(i->GetSession()->GetResourceGroup().GetState()),
                              "FULL",
                              "gw2 refused gw1's third");
        NS_TEST_EXPECT_MSG_EQ(ToString(i->GetSession()->GetResourceGroup().GetResponderState()),
                              "ACTIVE",
                              "gw1 still accepts up to its limit");
        NS_TEST_EXPECT_MSG_GT(Only(Decode(false), IkeExchangeType::CREATE_CHILD_SA, false).size(),
                              0,
                              "gw2 asked gw1 for additional SAs");
        NS_TEST_EXPECT_MSG_GT(i->GetStatistics().tsMaxQueueSent, 0, "gw1 refused them");
        NS_TEST_EXPECT_MSG_EQ(IkeResourceGroup::CountAdditional(i->GetChildSas()),
                              2,
                              "no more than gw1's maxAdditional");
        NS_TEST_EXPECT_MSG_GT(back, 0, "traffic back delivered");
        sink->Close();
    }
};

/// A response without SA_RESOURCE_INFO for an additional SA makes that SA a regular one and
/// nothing else: gw2 stops confirming after the first SA, gw1's group stays ACTIVE and each
/// core asks once (no queued request dropped, no second try for a core).
class AdditionalRegularTestCase : public PerResourceTestCase
{
  public:
    AdditionalRegularTestCase()
        : PerResourceTestCase("no SA_RESOURCE_INFO for an additional SA: that SA is regular")
    {
    }

  private:
    void DoRun() override
    {
        Build();
        Ptr<IkePerResourceConfig> gw2 = m_tunnel.responder->GetConfig().perResource;
        Simulator::Schedule(Seconds(0.5),
                            [gw2]() { gw2->SetAttribute("Enabled", BooleanValue(false)); });
        Send(0, FLOWS, Seconds(1), Seconds(2));
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        Ptr<IkeDaemon> i = m_tunnel.initiator;
        NS_TEST_ASSERT_MSG_EQ(i->IsEstablished(), true, "IKE SA up");
        auto requests = Only(Decode(true), IkeExchangeType::CREATE_CHILD_SA, false);
        std::set<uint32_t> cores = m_acquiredCpus;
        cores.erase(NO_CPU);
        NS_TEST_ASSERT_MSG_GT(cores.size(), 1, "several cores acquired");
        NS_TEST_EXPECT_MSG_EQ(requests.size(), cores.size(), "one request per core, no more");
        NS_TEST_EXPECT_MSG_EQ(i->GetStatistics().regularFallbacks, cores.size(), "each regular");
        NS_TEST_EXPECT_MSG_EQ(
            ToString(i->GetSession()->GetResourceGroup().GetState()), "ACTIVE", "the group stays");
        NS_TEST_EXPECT_MSG_EQ(i->GetChildSas().size(), cores.size() + 1, "fallback + regular");
        const IkeChildSa& first = i->GetChildSas().front();
        NS_TEST_EXPECT_MSG_EQ(first.perResource, true, "the first SA is still the fallback");
        for (size_t k = 1; k < i->GetChildSas().size(); ++k)
        {
            const IkeChildSa& child = i->GetChildSas()[k];
            NS_TEST_EXPECT_MSG_EQ(child.perResource, false, "SA " << k << " is regular");
            NS_TEST_EXPECT_MSG_EQ(child.cpu, NO_CPU, "SA " << k << " is unbound");
        }
        NS_TEST_EXPECT_MSG_EQ(m_received, m_expected, "all traffic delivered");
    }
};

/// The responder refuses with TS_MAX_QUEUE before any key exchange: with PFS, gw2 does one DH
/// for IKE_SA_INIT and one per accepted additional SA, none for the refused one.
class RefusalCostsNoDhTestCase : public PerResourceTestCase
{
  public:
    RefusalCostsNoDhTestCase()
        : PerResourceTestCase("TS_MAX_QUEUE before DH: a refused request costs no key exchange")
    {
    }

  private:
    void DoRun() override
    {
        auto pfs = [](IkePeerConfig& c) { c.pfsGroup = DhGroup::CURVE25519; };
        Build([](IkePerResourceConfig& c)
              { c.SetAttribute("InitiatorPolicy", TypeIdValue(EagerResourcePolicy::GetTypeId())); },
              pfs,
              [pfs](IkePeerConfig& c)
              {
                  pfs(c);
                  c.perResource->SetAttribute("MaxAdditional", UintegerValue(2));
              });
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        Ptr<IkeDaemon> r = m_tunnel.responder;
        NS_TEST_ASSERT_MSG_EQ(r->IsEstablished(), true, "IKE SA up");
        NS_TEST_EXPECT_MSG_EQ(r->GetStatistics().tsMaxQueueSent, 1, "one refusal");
        NS_TEST_EXPECT_MSG_EQ(IkeResourceGroup::CountAdditional(r->GetChildSas()), 2, "2 made");
        const IkeCryptoMeter& meter = r->GetCryptoMeter();
        NS_TEST_EXPECT_MSG_EQ(meter.GetCount(IkeCryptoOp::DH_AGREE), 1 + 2, "INIT + 2 PFS");
        NS_TEST_EXPECT_MSG_EQ(meter.GetCount(IkeCryptoOp::DH_KEYGEN), 1 + 2, "INIT + 2 PFS");
    }
};

/// INDIVIDUAL (strongSwan): a per-CPU SA's rekey keeps its CPU (child_rekey inherits it) and
/// its CREATE_CHILD_SA carries REKEY_SA but no SA_RESOURCE_INFO (sent only !this->rekey).
class RekeyKeepsCpuTestCase : public PerResourceTestCase
{
  public:
    RekeyKeepsCpuTestCase()
        : PerResourceTestCase("a per-CPU SA's rekey keeps its CPU and sends no SA_RESOURCE_INFO")
    {
    }

  private:
    void DoRun() override
    {
        Build(
            {},
            [](IkePeerConfig& c)
            {
                c.childLifetime.rekeyTime = Seconds(2);
                c.childLifetime.randTime = Seconds(0);
            },
            [](IkePeerConfig& c) { c.childLifetime.rekeyTime = Seconds(20); });
        std::map<uint32_t, IkeChildSa> installed; // inbound SPI -> pair, as gw1 installed it
        m_tunnel.initiator->TraceConnectWithoutContext(
            "ChildSa",
            MakeCallback(+[](std::map<uint32_t, IkeChildSa>* out, const IkeChildSa& child) {
                (*out)[child.inboundSpi] = child;
            }).Bind(&installed));
        Send(0, FLOWS, Seconds(1), Seconds(3.5));
        Simulator::Stop(Seconds(4));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(m_tunnel.initiator->IsEstablished(), true, "IKE SA up");
        uint32_t perCpuRekeys = 0;
        for (const auto& [spi, child] : installed)
        {
            if (child.replaces == 0)
            {
                continue;
            }
            auto old = installed.find(child.replaces);
            NS_TEST_ASSERT_MSG_EQ(installed.count(child.replaces), 1, "the replaced pair was seen");
            NS_TEST_EXPECT_MSG_EQ(child.cpu, old->second.cpu, "rekey of " << child.replaces);
            NS_TEST_EXPECT_MSG_EQ(child.perResource, old->second.perResource, "still a member");
            perCpuRekeys += child.cpu != NO_CPU ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_GT(perCpuRekeys, 0, "per-CPU SAs were rekeyed");
        // On the wire: every message decoded, each rekey request (REKEY_SA) and its response
        // (same Message ID) without SA_RESOURCE_INFO, and the pair it names kept its CPU.
        std::vector<Sent> sent = Decode(true);
        std::vector<Sent> answers = Decode(false);
        NS_TEST_EXPECT_MSG_EQ(sent.size(), m_initiatorTx.size(), "gw1's messages all decoded");
        NS_TEST_EXPECT_MSG_EQ(answers.size(), m_responderTx.size(), "gw2's all decoded");
        auto responses = Only(answers, IkeExchangeType::CREATE_CHILD_SA, true);
        uint32_t rekeyRequests = 0;
        uint32_t perCpuOnWire = 0;
        for (const Sent& request : Only(sent, IkeExchangeType::CREATE_CHILD_SA, false))
        {
            if (!request.rekeySpi)
            {
                continue;
            }
            rekeyRequests++;
            NS_TEST_EXPECT_MSG_EQ(HasNotify(request, IkeNotifyType::SA_RESOURCE_INFO),
                                  false,
                                  "no SA_RESOURCE_INFO in the rekey request " << request.messageId);
            auto response = std::find_if(responses.begin(),
                                         responses.end(),
                                         [&request](const Sent& m)
                                         { return m.messageId == request.messageId; });
            NS_TEST_ASSERT_MSG_EQ((response != responses.end()), true, "the rekey was answered");
            NS_TEST_EXPECT_MSG_EQ(response->hasSa, true, "the rekey succeeded");
            NS_TEST_EXPECT_MSG_EQ(HasNotify(*response, IkeNotifyType::SA_RESOURCE_INFO),
                                  false,
                                  "no SA_RESOURCE_INFO in the rekey response "
                                      << request.messageId);
            auto old = installed.find(*request.rekeySpi);
            NS_TEST_ASSERT_MSG_EQ((old != installed.end()), true, "REKEY_SA names a pair of gw1");
            for (const auto& [spi, child] : installed)
            {
                if (child.replaces == *request.rekeySpi)
                {
                    NS_TEST_EXPECT_MSG_EQ(child.cpu, old->second.cpu, "the rekeyed pair's CPU");
                    perCpuOnWire += child.cpu != NO_CPU ? 1 : 0;
                }
            }
        }
        NS_TEST_EXPECT_MSG_EQ(perCpuOnWire, perCpuRekeys, "each per-CPU rekey seen on the wire");
        NS_TEST_EXPECT_MSG_GT(rekeyRequests, perCpuRekeys, "the fallback's rekey too");
        NS_TEST_EXPECT_MSG_EQ(m_received, m_expected, "all traffic delivered");
    }
};

/// WITH_INITIAL (libreswan): when the initial (fallback) SA is deleted without a rekey, by
/// either side, the additional SAs go too ("also delete its Additional SAs").
class WithInitialDeleteTestCase : public PerResourceTestCase
{
  public:
    WithInitialDeleteTestCase(bool byResponder)
        : PerResourceTestCase(std::string("WITH_INITIAL: the initial's delete by the ")
                              + (byResponder ? "responder" : "initiator")
                              + " takes the additional SAs")
        , m_byResponder(byResponder)
    {
    }

  private:
    void DoRun() override
    {
        Build(
            [](IkePerResourceConfig& c)
            {
                c.SetInitiatorPolicy(
                    CreateObjectWithAttributes<EagerResourcePolicy>("Count", UintegerValue(2)));
                c.SetAttribute("RekeyPolicy", TypeIdValue(WithInitialRekeyPolicy::GetTypeId()));
            });
        Ptr<IkeDaemon> deleter = m_byResponder ? m_tunnel.responder : m_tunnel.initiator;
        uint32_t additionalBefore = 0;
        Simulator::Schedule(Seconds(1),
                            [deleter, &additionalBefore]()
                            {
                                additionalBefore
                                    = IkeResourceGroup::CountAdditional(deleter->GetChildSas());
                                for (const IkeChildSa& c : deleter->GetChildSas())
                                {
                                    if (c.perResource && c.cpu == NO_CPU)
                                    {
                                        deleter->DeleteChildSa(c.inboundSpi);
                                    }
                                }
                            });
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(additionalBefore, 2, "two additional SAs before");
        for (Ptr<IkeDaemon> daemon : {m_tunnel.initiator, m_tunnel.responder})
        {
            NS_TEST_EXPECT_MSG_EQ(daemon->IsEstablished(), true, "IKE SA stays");
            NS_TEST_EXPECT_MSG_EQ(daemon->GetChildSas().size(), 0, "no Child SA left");
        }
    }

    bool m_byResponder; ///< the responder deletes the initial SA
};

/// WITH_INITIAL (libreswan): additional SAs ignore their soft expire; when the initial SA is
/// rekeyed they are deleted and negotiated again with SA_RESOURCE_INFO on the same CPUs.
class WithInitialRekeyTestCase : public PerResourceTestCase
{
  public:
    WithInitialRekeyTestCase()
        : PerResourceTestCase("WITH_INITIAL: the initial's rekey recreates the additional SAs")
    {
    }

  private:
    void DoRun() override
    {
        Build(
            [](IkePerResourceConfig& c)
            {
                c.SetInitiatorPolicy(
                    CreateObjectWithAttributes<EagerResourcePolicy>("Count", UintegerValue(2)));
                c.SetAttribute("RekeyPolicy", TypeIdValue(WithInitialRekeyPolicy::GetTypeId()));
            },
            [](IkePeerConfig& c)
            {
                c.childLifetime.rekeyTime = Seconds(2);
                c.childLifetime.randTime = Seconds(0);
            },
            [](IkePeerConfig& c) { c.childLifetime.rekeyTime = Seconds(20); });
        std::vector<uint32_t> before;
        Simulator::Schedule(Seconds(1),
                            [this, &before]()
                            {
                                for (const IkeChildSa& c : m_tunnel.initiator->GetChildSas())
                                {
                                    before.push_back(c.inboundSpi);
                                }
                            });
        Send(0, FLOWS, Seconds(1), Seconds(3));
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        Ptr<IkeDaemon> i = m_tunnel.initiator;
        NS_TEST_ASSERT_MSG_EQ(i->IsEstablished(), true, "IKE SA up");
        NS_TEST_ASSERT_MSG_EQ(before.size(), 3, "initial + 2 before the rekey");
        NS_TEST_EXPECT_MSG_EQ(i->GetStatistics().childSaRekeys, 1, "only the initial rekeyed");
        std::vector<uint32_t> cpus;
        for (const IkeChildSa& c : i->GetChildSas())
        {
            cpus.push_back(c.cpu);
            NS_TEST_EXPECT_MSG_EQ(
                std::count(before.begin(), before.end(), c.inboundSpi), 0, "every SA is new");
        }
        NS_TEST_EXPECT_MSG_EQ((cpus == std::vector<uint32_t>{NO_CPU, 0, 1}),
                              true,
                              "the new initial, then the additional ones on their CPUs");
        NS_TEST_EXPECT_MSG_EQ(m_tunnel.responder->GetChildSas().size(), 3, "three at gw2 too");
        auto requests = Only(Decode(true), IkeExchangeType::CREATE_CHILD_SA, false);
        uint32_t withInfo = 0;
        for (const Sent& m : requests)
        {
            withInfo += ResourceInfo(m).has_value();
        }
        NS_TEST_EXPECT_MSG_EQ(requests.size(), 5, "2 eager, the rekey, 2 recreated");
        NS_TEST_EXPECT_MSG_EQ(withInfo, 4, "all but the rekey carry SA_RESOURCE_INFO");
        // The replaced initial is DELETING, not REKEYED, when its Delete ends: it must not count
        // as an initial gone without a rekey, which would delete the additional SAs twice.
        NS_TEST_EXPECT_MSG_EQ(Only(Decode(true), IkeExchangeType::INFORMATIONAL, false).size(),
                              3,
                              "one Delete for the old initial and one per additional SA");
        NS_TEST_EXPECT_MSG_EQ(m_received, m_expected, "all traffic delivered");
    }
};

/// An IKE SA rekey moves the group with the Child SAs: the new IKE SA goes on answering
/// per-CPU acquires with additional SAs.
class IkeRekeyTestCase : public PerResourceTestCase
{
  public:
    IkeRekeyTestCase()
        : PerResourceTestCase("IKE SA rekey: the group and its SAs move to the new IKE SA")
    {
    }

  private:
    void DoRun() override
    {
        Build();
        Simulator::Schedule(Seconds(0.5), [this]() { m_tunnel.initiator->RekeyIkeSa(0); });
        Send(0, FLOWS, Seconds(1), Seconds(2));
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        Ptr<IkeDaemon> i = m_tunnel.initiator;
        Ptr<IkeDaemon> r = m_tunnel.responder;
        NS_TEST_ASSERT_MSG_EQ(i->IsEstablished(), true, "IKE SA up");
        NS_TEST_EXPECT_MSG_EQ(i->GetStatistics().ikeSaRekeys, 1, "the IKE SA was rekeyed");
        for (Ptr<IkeDaemon> daemon : {i, r})
        {
            const IkeSession* session = daemon->GetSession();
            NS_TEST_ASSERT_MSG_NE(session, nullptr, "a live session");
            NS_TEST_EXPECT_MSG_EQ(ToString(session->GetResourceGroup().GetState()),
                                  "ACTIVE",
                                  "the group went on in the new IKE SA");
            NS_TEST_EXPECT_MSG_EQ(session->GetChildSas().size(), CORES + 1, "all SAs here");
        }
        NS_TEST_EXPECT_MSG_EQ((OutboundCpus(m_gw1) == std::multiset<uint32_t>{NO_CPU, 0, 1, 2, 3}),
                              true,
                              "per-CPU SAs made after the IKE SA rekey");
        NS_TEST_EXPECT_MSG_EQ(m_received, m_expected, "all traffic delivered");
    }
};

/// Traffic both ways: both gateways answer their own per-CPU acquires (the IKE responder
/// initiates CREATE_CHILD_SA too, as strongSwan's sun does in its per-cpu-sas test); SAs the
/// peer asked for take CPUs by the responder's rule, and a CPU that got one that way is not
/// asked for again ("responses sent from the peer may create per-CPU SAs").
class BothWaysTestCase : public PerResourceTestCase
{
  public:
    BothWaysTestCase()
        : PerResourceTestCase("traffic both ways: both gateways negotiate per-CPU SAs")
    {
    }

  private:
    void DoRun() override
    {
        Build();
        uint64_t back = 0;
        Ptr<Socket> sink = MakeSink(m_topology->Host1(), back);
        uint64_t sentBack = SendBack(MicroSeconds(500));
        Send(0, FLOWS, Seconds(1), Seconds(2));
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        Ptr<IkeDaemon> i = m_tunnel.initiator;
        Ptr<IkeDaemon> r = m_tunnel.responder;
        NS_TEST_ASSERT_MSG_EQ(i->IsEstablished(), true, "IKE SA up");
        NS_TEST_EXPECT_MSG_GT(Only(Decode(false), IkeExchangeType::CREATE_CHILD_SA, false).size(),
                              0,
                              "gw2 asked for additional SAs too");
        for (auto [daemon, plane] : {std::make_pair(i, m_gw1), std::make_pair(r, m_gw2)})
        {
            std::multiset<uint32_t> cpus = OutboundCpus(plane);
            for (uint32_t cpu = 0; cpu < CORES; ++cpu)
            {
                NS_TEST_EXPECT_MSG_GT(cpus.count(cpu), 0, "an SA for core " << cpu);
            }
            NS_TEST_EXPECT_MSG_EQ(cpus.count(NO_CPU), 1, "one fallback");
            NS_TEST_EXPECT_MSG_EQ(daemon->GetChildSas().size(), i->GetChildSas().size(), "pairs");
        }
        NS_TEST_EXPECT_MSG_EQ(m_received, m_expected, "host1 -> host2 all delivered");
        NS_TEST_EXPECT_MSG_EQ(back, sentBack, "host2 -> host1 all delivered");
        sink->Close();
    }
};

/// gw1 prefers suite A, gw2 suite B; gw2, the IKE_AUTH responder, makes the initial SA B.
/// With traffic both ways both gateways ask for additional SAs, and each request offers only
/// B with the initial's selectors: gw1, answering gw2's requests, would otherwise choose its
/// own A (RFC 9611 section 3: identical properties, cryptographic algorithms included).
class AdditionalKeepsSuiteTestCase : public PerResourceTestCase
{
  public:
    AdditionalKeepsSuiteTestCase()
        : PerResourceTestCase("additional SAs offer and get only the initial SA's suite")
    {
    }

  private:
    void DoRun() override
    {
        const CipherSuite a = CipherSuite::FromKeyword("aes256gcm16");
        const CipherSuite b = CipherSuite::FromKeyword("chacha20poly1305");
        Build(
            {},
            [a, b](IkePeerConfig& c) {
                c.espProposals = {a, b};
            },
            [a, b](IkePeerConfig& c) {
                c.espProposals = {b, a};
            });
        uint64_t back = 0;
        Ptr<Socket> sink = MakeSink(m_topology->Host1(), back);
        uint64_t sentBack = SendBack(MicroSeconds(500));
        Send(0, FLOWS, Seconds(1), Seconds(2));
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        Ptr<IkeDaemon> i = m_tunnel.initiator;
        Ptr<IkeDaemon> r = m_tunnel.responder;
        NS_TEST_ASSERT_MSG_EQ(i->IsEstablished(), true, "IKE SA up");
        bool esn = i->GetConfig().esn;
        auto authRequests = Only(Decode(true), IkeExchangeType::IKE_AUTH, false);
        auto authResponses = Only(Decode(false), IkeExchangeType::IKE_AUTH, true);
        NS_TEST_ASSERT_MSG_EQ(authRequests.size(), 1, "one IKE_AUTH request");
        NS_TEST_ASSERT_MSG_EQ(authResponses.size(), 1, "one IKE_AUTH response");
        NS_TEST_EXPECT_MSG_EQ((ProposedSuites(authRequests[0], {a, b}, esn)
                               == std::vector<std::string>{"aes256gcm16", "chacha20poly1305"}),
                              true,
                              "IKE_AUTH offers gw1's list");
        NS_TEST_EXPECT_MSG_EQ((ProposedSuites(authResponses[0], {a, b}, esn)
                               == std::vector<std::string>{"chacha20poly1305"}),
                              true,
                              "gw2 chooses its B for the initial SA");
        // Both ends' additional requests, each checked against its own initial SA.
        for (bool fromInitiator : {true, false})
        {
            Ptr<IkeDaemon> daemon = fromInitiator ? i : r;
            NS_TEST_ASSERT_MSG_GT(daemon->GetChildSas().size(), 0, "a Child SA");
            const IkeChildSa initial = daemon->GetChildSas().front(); // a copy: by value
            NS_TEST_EXPECT_MSG_EQ(initial.cpu, NO_CPU, "the first is the initial SA");
            NS_TEST_EXPECT_MSG_EQ(initial.suite, b, "the initial SA is B");
            uint32_t additional = 0;
            for (const Sent& m :
                 Only(Decode(fromInitiator), IkeExchangeType::CREATE_CHILD_SA, false))
            {
                if (m.rekeySpi || !ResourceInfo(m))
                {
                    continue;
                }
                additional++;
                std::string who = fromInitiator ? "gw1's request " : "gw2's request ";
                NS_TEST_EXPECT_MSG_EQ((ProposedSuites(m, {a, b}, esn)
                                       == std::vector<std::string>{"chacha20poly1305"}),
                                      true,
                                      who << additional << " offers B alone");
                NS_TEST_EXPECT_MSG_EQ((m.tsi == std::vector<TrafficSelector>{initial.localTs}),
                                      true,
                                      who << additional << ": the initial's TSi");
                NS_TEST_EXPECT_MSG_EQ((m.tsr == std::vector<TrafficSelector>{initial.remoteTs}),
                                      true,
                                      who << additional << ": the initial's TSr");
            }
            NS_TEST_EXPECT_MSG_GT(additional, 0, "additional SAs were asked for");
        }
        // gw1's IKE_AUTH selectors are those its additional requests repeat.
        NS_TEST_EXPECT_MSG_EQ(
            (authRequests[0].tsi == std::vector<TrafficSelector>{i->GetChildSas().front().localTs}),
            true,
            "IKE_AUTH TSi");
        for (auto [daemon, plane] : {std::make_pair(i, m_gw1), std::make_pair(r, m_gw2)})
        {
            NS_TEST_EXPECT_MSG_GT(daemon->GetChildSas().size(), CORES, "per-CPU SAs made");
            for (const IkeChildSa& child : daemon->GetChildSas())
            {
                NS_TEST_EXPECT_MSG_EQ(child.suite, b, "Child SA " << child.inboundSpi << " is B");
                NS_TEST_EXPECT_MSG_EQ(child.esn, esn, "the initial's ESN");
            }
            for (const auto& sa : plane->GetSas())
            {
                NS_TEST_EXPECT_MSG_EQ(sa->Params().suite, b, "installed SA " << sa->Params().spi);
            }
        }
        NS_TEST_EXPECT_MSG_EQ(r->GetStatistics().perResourceProposalRefusals, 0, "none refused");
        NS_TEST_EXPECT_MSG_EQ(i->GetStatistics().perResourceProposalRefusals, 0, "none refused");
        NS_TEST_EXPECT_MSG_EQ(m_received, m_expected, "host1 -> host2 all delivered");
        NS_TEST_EXPECT_MSG_EQ(back, sentBack, "host2 -> host1 all delivered");
        sink->Close();
    }
};

/// A peer that breaks RFC 9611 section 3: a new Child SA with SA_RESOURCE_INFO that offers
/// only \p suite (with the connection's selectors and ESN), whatever the group's initial SA is.
class ForeignSuiteTask : public IkeCreateChildSaTask
{
  public:
    explicit ForeignSuiteTask(const CipherSuite& suite)
        : IkeCreateChildSaTask(1, true)
    {
        m_model.suite = suite;
    }

  protected:
    const IkeChildSa* FindTemplate(IkeSession& session, const IkeMessage* request) override
    {
        if (request)
        {
            return nullptr;
        }
        m_model.esn = session.GetConfig().esn;
        m_model.localTs = session.GetConfig().localTs;
        m_model.remoteTs = session.GetConfig().remoteTs;
        return &m_model;
    }

    void AddRequestNotifies(IkeSession& /* session */, IkeMessage& request) override
    {
        request.AddEncryptedPayload(IkeNotifyPayload::SaResourceInfo({0, 0, 0, 1}));
    }

  private:
    IkeChildSa m_model; ///< what the request offers
};

/// The responder holds an additional SA to the initial SA's suite: gw2 (B first, initial SA
/// B) refuses a request with SA_RESOURCE_INFO that offers only A, which it would accept for
/// a regular SA, with NO_PROPOSAL_CHOSEN (counted) and installs nothing; the same request
/// offering B is accepted.
class ResponderRefusesOtherSuiteTestCase : public PerResourceTestCase
{
  public:
    ResponderRefusesOtherSuiteTestCase()
        : PerResourceTestCase("responder: an additional SA without the initial's suite is refused")
    {
    }

  private:
    void DoRun() override
    {
        const CipherSuite a = CipherSuite::FromKeyword("aes256gcm16");
        const CipherSuite b = CipherSuite::FromKeyword("chacha20poly1305");
        Build(
            {},
            [a, b](IkePeerConfig& c) {
                c.espProposals = {a, b};
            },
            [a, b](IkePeerConfig& c) {
                c.espProposals = {b, a};
            });
        Ptr<IkeDaemon> i = m_tunnel.initiator;
        Ptr<IkeDaemon> r = m_tunnel.responder;
        size_t before = 0;
        Simulator::Schedule(Seconds(0.5),
                            [i, r, a, &before]()
                            {
                                before = r->GetChildSas().size();
                                i->CreateChildSa(0, std::make_unique<ForeignSuiteTask>(a));
                            });
        Simulator::Schedule(
            Seconds(0.7), [i, b]() { i->CreateChildSa(0, std::make_unique<ForeignSuiteTask>(b)); });
        Simulator::Stop(Seconds(1)); // no traffic: no acquire, no other CREATE_CHILD_SA
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(i->IsEstablished(), true, "IKE SA up");
        NS_TEST_EXPECT_MSG_EQ(before, 1, "only the initial SA before");
        NS_TEST_EXPECT_MSG_EQ(r->GetChildSas().front().suite, b, "the initial SA is B");
        bool esn = i->GetConfig().esn;
        auto requests = Only(Decode(true), IkeExchangeType::CREATE_CHILD_SA, false);
        auto responses = Only(Decode(false), IkeExchangeType::CREATE_CHILD_SA, true);
        NS_TEST_ASSERT_MSG_EQ(requests.size(), 2, "two requests");
        NS_TEST_ASSERT_MSG_EQ(responses.size(), 2, "two responses");
        NS_TEST_EXPECT_MSG_EQ(
            (ProposedSuites(requests[0], {a, b}, esn) == std::vector<std::string>{"aes256gcm16"}),
            true,
            "the first offers A alone");
        NS_TEST_EXPECT_MSG_EQ(ResourceInfo(requests[0]).has_value(), true, "SA_RESOURCE_INFO");
        const Sent& refusal = responses[0];
        NS_TEST_ASSERT_MSG_EQ(refusal.notifies.size(), 1, "one notify");
        NS_TEST_EXPECT_MSG_EQ(ToString(refusal.notifies[0].first),
                              ToString(IkeNotifyType::NO_PROPOSAL_CHOSEN),
                              "NO_PROPOSAL_CHOSEN");
        NS_TEST_EXPECT_MSG_EQ(refusal.hasSa, false, "no SA payload");
        NS_TEST_EXPECT_MSG_EQ(r->GetStatistics().perResourceProposalRefusals, 1, "counted");
        const Sent& accepted = responses[1];
        NS_TEST_EXPECT_MSG_EQ(
            (ProposedSuites(accepted, {a, b}, esn) == std::vector<std::string>{"chacha20poly1305"}),
            true,
            "the second, offering B, is accepted with B");
        NS_TEST_EXPECT_MSG_EQ(ResourceInfo(accepted).has_value(), true, "a member");
        NS_TEST_ASSERT_MSG_EQ(r->GetChildSas().size(), 2, "the initial and the B one at gw2");
        NS_TEST_ASSERT_MSG_EQ(i->GetChildSas().size(), 2, "the initial and the B one at gw1");
        for (Ptr<IkeDaemon> daemon : {i, r})
        {
            for (const IkeChildSa& child : daemon->GetChildSas())
            {
                NS_TEST_EXPECT_MSG_EQ(child.suite, b, "every Child SA is B");
            }
        }
        NS_TEST_EXPECT_MSG_EQ(m_gw2->GetSas().size(), 4, "two pairs at gw2: none for A");
    }
};

/// The suite.
class IkePerResourceTestSuite : public TestSuite
{
  public:
    IkePerResourceTestSuite()
        : TestSuite("ipsec-ike-per-resource", UNIT)
    {
        AddTestCase(new StrongswanAssignerTestCase, TestCase::QUICK);
        AddTestCase(new RoundRobinAssignerTestCase, TestCase::QUICK);
        AddTestCase(new ResourceIdTestCase, TestCase::QUICK);
        AddTestCase(new AuthNotifyTestCase, TestCase::QUICK);
        AddTestCase(new RegularFallbackTestCase, TestCase::QUICK);
        AddTestCase(new OnDemandTestCase, TestCase::QUICK);
        AddTestCase(new EagerTestCase(3), TestCase::QUICK);
        AddTestCase(new EagerTestCase(0), TestCase::QUICK);
        AddTestCase(new TsMaxQueueTestCase, TestCase::QUICK);
        AddTestCase(new FullStillLimitsTestCase, TestCase::QUICK);
        AddTestCase(new AdditionalRegularTestCase, TestCase::QUICK);
        AddTestCase(new RefusalCostsNoDhTestCase, TestCase::QUICK);
        AddTestCase(new RekeyKeepsCpuTestCase, TestCase::QUICK);
        AddTestCase(new WithInitialRekeyTestCase, TestCase::QUICK);
        AddTestCase(new WithInitialDeleteTestCase(false), TestCase::QUICK);
        AddTestCase(new WithInitialDeleteTestCase(true), TestCase::QUICK);
        AddTestCase(new IkeRekeyTestCase, TestCase::QUICK);
        AddTestCase(new BothWaysTestCase, TestCase::QUICK);
        AddTestCase(new AdditionalKeepsSuiteTestCase, TestCase::QUICK);
        AddTestCase(new ResponderRefusesOtherSuiteTestCase, TestCase::QUICK);
    }
};

/// The one instance.
IkePerResourceTestSuite g_ikePerResourceTestSuite;

} // namespace
