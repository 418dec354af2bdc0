/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-data-plane.h"

#include "esp-header.h"
#include "esp-l4-protocol.h"
#include "ipsec-interface-device.h"

#include "ns3/boolean.h"
#include "ns3/cpu-core.h"
#include "ns3/cpu-model.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-packet-info-tag.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"
#include "ns3/simulator.h"
#include "ns3/single-sa-selection.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-header.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/virtual-net-device.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecDataPlane");

NS_OBJECT_ENSURE_REGISTERED(IpsecDataPlane);

namespace
{
constexpr uint16_t IPV4_ETHERTYPE = 0x0800;
constexpr uint8_t IP_PROTOCOL_UDP = 17;
} // namespace

TypeId
IpsecDataPlane::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::IpsecDataPlane")
              .SetParent<Object>()
              .SetGroupName("Ipsec")
              .AddConstructor<IpsecDataPlane>()
              .AddAttribute(
                  "DefaultCryptoMode",
                  "Crypto mode of SAs that do not choose one: 'real' (bytes encrypted and "
                  "verified) or 'size-only' (same sizes and costs, no transform).",
                  StringValue("real"),
                  MakeStringAccessor(&IpsecDataPlane::SetDefaultCryptoModeName,
                                     &IpsecDataPlane::GetDefaultCryptoModeName),
                  MakeStringChecker())
              .AddAttribute("AcquireTimeout",
                            "How long an acquire blocks new acquires for the same reqid "
                            "(Linux net.core.xfrm_acq_expires).",
                            TimeValue(Seconds(30)),
                            MakeTimeAccessor(&IpsecDataPlane::m_acquireTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("SaSelection",
                            "How cores share the SAs of PROTECT policies that do not name a "
                            "selection (SecurityPolicy::selection): ns3::SingleSaSelection, "
                            "ns3::PinnedSaSelection or ns3::PerCpuSaSelection (RFC 9611).",
                            TypeIdValue(SingleSaSelection::GetTypeId()),
                            MakeTypeIdAccessor(&IpsecDataPlane::m_selectionType),
                            MakeTypeIdChecker())
              .AddAttribute("RecordSas",
                            "Keep the parameters (keys included) of every SA installed, for "
                            "key tables of the whole run (GetSaLog); large studies may turn it "
                            "off.",
                            BooleanValue(true),
                            MakeBooleanAccessor(&IpsecDataPlane::m_recordSas),
                            MakeBooleanChecker())
              .AddTraceSource("Drop",
                              "A packet was dropped, with the reason.",
                              MakeTraceSourceAccessor(&IpsecDataPlane::m_dropTrace),
                              "ns3::IpsecDataPlane::DropTracedCallback")
              .AddTraceSource("EspSent",
                              "An ESP packet left (ESP bytes, SPI, full sequence number).",
                              MakeTraceSourceAccessor(&IpsecDataPlane::m_espSentTrace),
                              "ns3::IpsecDataPlane::EspTracedCallback")
              .AddTraceSource("EspReceived",
                              "An ESP packet passed every check (inner packet, SPI, sequence).",
                              MakeTraceSourceAccessor(&IpsecDataPlane::m_espReceivedTrace),
                              "ns3::IpsecDataPlane::EspTracedCallback")
              .AddTraceSource("Acquire",
                              "An acquire was raised (const AcquireEvent&).",
                              MakeTraceSourceAccessor(&IpsecDataPlane::m_acquireTrace),
                              "ns3::TracedCallback::Void")
              .AddTraceSource("Expire",
                              "An SA reached a lifetime limit (const ExpireEvent&).",
                              MakeTraceSourceAccessor(&IpsecDataPlane::m_expireTrace),
                              "ns3::TracedCallback::Void");
    return tid;
}

IpsecDataPlane::IpsecDataPlane()
    : m_spiStream(CreateObject<UniformRandomVariable>())
    , m_ivStream(CreateObject<UniformRandomVariable>())
{
    m_esp = std::make_unique<EspProcessor>(m_ivStream);
    m_lifetimes.SetHandler(MakeCallback(&IpsecDataPlane::TimeLimitReached, this));
}

IpsecDataPlane::~IpsecDataPlane() = default;

int64_t
IpsecDataPlane::AssignStreams(int64_t stream)
{
    m_spiStream->SetStream(stream);
    m_ivStream->SetStream(stream + 1);
    return 2;
}

void
IpsecDataPlane::NotifyNewAggregate()
{
    if (!m_node)
    {
        m_node = GetObject<Node>();
    }
    if (!m_cpus)
    {
        m_cpus = GetObject<CpuModel>(); // nodes without one process ESP in zero time
    }
    if (m_node && !m_ipv4)
    {
        m_ipv4 = m_node->GetObject<Ipv4L3Protocol>();
        if (m_ipv4)
        {
            Ptr<EspL4Protocol> esp = CreateObject<EspL4Protocol>();
            esp->SetDataPlane(this);
            m_ipv4->Insert(esp);
        }
    }
    Object::NotifyNewAggregate();
}

void
IpsecDataPlane::DoDispose()
{
    if (m_encapsulationSocket)
    {
        m_encapsulationSocket->Close();
        m_encapsulationSocket = nullptr;
    }
    m_natTraversalIkeCallback = NatTraversalIkeCallback();
    m_lifetimes.Clear();
    m_sad.Clear();
    m_interfaces.clear();
    m_saLog.clear();
    m_saLog.shrink_to_fit();
    m_node = nullptr;
    m_ipv4 = nullptr;
    m_cpus = nullptr;
    m_acquireCallback = AcquireCallback();
    m_expireCallback = ExpireCallback();
    Object::DoDispose();
}

uint32_t
IpsecDataPlane::AllocateSpi()
{
    while (true)
    {
        uint32_t spi = m_spiStream->GetInteger(256, UINT32_MAX);
        if (!m_sad.FindInbound(spi))
        {
            return spi;
        }
    }
}

uint32_t
IpsecDataPlane::AddPolicy(const SecurityPolicy& policy)
{
    if (policy.action != PolicyAction::PROTECT || policy.selection)
    {
        return m_spd.Add(policy);
    }
    SecurityPolicy named = policy;
    named.selection = GetDefaultSelection();
    return m_spd.Add(named);
}

Ptr<SaSelectionPolicy>
IpsecDataPlane::GetDefaultSelection()
{
    // Made at first use, once the attribute is final; shared by the policies (stateless).
    if (!m_defaultSelection)
    {
        ObjectFactory factory(m_selectionType.GetName());
        m_defaultSelection = factory.Create<SaSelectionPolicy>();
    }
    return m_defaultSelection;
}

bool
IpsecDataPlane::DeletePolicy(uint32_t id)
{
    return m_spd.Remove(id);
}

void
IpsecDataPlane::AddSa(const SaParams& params)
{
    Ptr<IpsecSa> sa = Create<IpsecSa>(params, params.cryptoMode.value_or(m_defaultCryptoMode));
    m_sad.Add(sa);
    if (m_recordSas)
    {
        m_saLog.push_back(params);
    }
    NS_LOG_INFO("node " << (m_node ? m_node->GetId() : 0) << " installed "
                        << (params.direction == SaDirection::INBOUND ? "inbound" : "outbound")
                        << " SA spi=0x" << std::hex << params.spi << std::dec);
    if (params.udpEncapsulation && params.direction == SaDirection::INBOUND)
    {
        EnsureEncapsulationSocket();
    }
    if (params.direction == SaDirection::OUTBOUND
        && m_pendingAcquires.erase(AcquireKey(params.reqid, params.cpu)) > 0)
    {
        m_acquiresAnswered++;
    }
    // One armed limit per SA, as XFRM's per-state timer: the soft one, which then arms the
    // hard one (SaLifetimeQueue: one simulator event per data plane, not per SA).
    const SaLifetime& l = params.lifetime;
    bool hardFirst = l.hardTime.IsStrictlyPositive() && l.softTime >= l.hardTime;
    if (l.softTime.IsStrictlyPositive() && !hardFirst)
    {
        m_lifetimes.Arm(sa, Simulator::Now() + l.softTime, false);
    }
    else if (l.hardTime.IsStrictlyPositive())
    {
        m_lifetimes.Arm(sa, Simulator::Now() + l.hardTime, true);
    }
}

void
IpsecDataPlane::TimeLimitReached(Ptr<IpsecSa> sa, bool hard)
{
    const SaLifetime& l = sa->Params().lifetime;
    if (!hard && l.hardTime.IsStrictlyPositive())
    {
        // Before the soft expire is reported: a handler that removes the SA disarms it.
        m_lifetimes.Arm(sa, Simulator::Now() + (l.hardTime - l.softTime), true);
    }
    Expire(sa, hard, ExpireCause::TIME);
}

Ptr<IpsecSa>
IpsecDataPlane::FindSa(SaDirection direction, uint32_t spi, Ipv4Address destination) const
{
    return direction == SaDirection::INBOUND ? m_sad.FindInbound(spi)
                                             : m_sad.FindOutbound(destination, spi);
}

bool
IpsecDataPlane::RemoveSa(const Ptr<IpsecSa>& sa)
{
    m_lifetimes.Disarm(sa);
    return m_sad.Remove(sa);
}

bool
IpsecDataPlane::DeleteSa(SaDirection direction, uint32_t spi, Ipv4Address destination)
{
    Ptr<IpsecSa> sa = FindSa(direction, spi, destination);
    return sa && RemoveSa(sa);
}

Ptr<const IpsecSa>
IpsecDataPlane::GetSa(SaDirection direction, uint32_t spi, Ipv4Address destination) const
{
    return FindSa(direction, spi, destination);
}

Ptr<IpsecSa>
IpsecDataPlane::GetMutableSa(SaDirection direction, uint32_t spi, Ipv4Address destination)
{
    return FindSa(direction, spi, destination);
}

std::vector<Ptr<const IpsecSa>>
IpsecDataPlane::GetSas() const
{
    std::vector<Ptr<const IpsecSa>> sas;
    for (const auto& sa : m_sad.All())
    {
        sas.emplace_back(sa);
    }
    return sas;
}

void
IpsecDataPlane::SetAcquireCallback(AcquireCallback callback)
{
    m_acquireCallback = callback;
}

void
IpsecDataPlane::SetExpireCallback(ExpireCallback callback)
{
    m_expireCallback = callback;
}

Ptr<VirtualNetDevice>
IpsecDataPlane::CreateInterface(uint32_t interfaceId)
{
    NS_ABORT_MSG_UNLESS(m_node, "IpsecDataPlane must be aggregated to a node first");
    NS_ABORT_MSG_IF(m_interfaces.count(interfaceId),
                    "IPsec interface id " << interfaceId << " exists already on node "
                                          << m_node->GetId());
    Ptr<VirtualNetDevice> device = CreateObject<IpsecInterfaceDevice>();
    device->SetNeedsArp(false);
    device->SetIsPointToPoint(true);
    device->SetSendCallback(
        [this, interfaceId](Ptr<Packet> p, const Address& s, const Address& d, uint16_t proto)
        { return SendFromInterface(interfaceId, p, s, d, proto); });
    m_node->AddDevice(device);
    m_interfaces[interfaceId] = device;
    return device;
}

Ptr<VirtualNetDevice>
IpsecDataPlane::GetInterface(uint32_t interfaceId) const
{
    auto it = m_interfaces.find(interfaceId);
    return it == m_interfaces.end() ? nullptr : it->second;
}

bool
IpsecDataPlane::SendFromInterface(uint32_t interfaceId,
                                  Ptr<Packet> packet,
                                  const Address& source,
                                  const Address& destination,
                                  uint16_t protocol)
{
    uint8_t head[64]; // the longest IPv4 header (60) and the ports after it
    uint32_t headLength = packet->CopyData(head, sizeof(head));
    FlowTuple tuple;
    if (protocol != IPV4_ETHERTYPE || !FlowTuple::Parse(head, headLength, tuple))
    {
        Drop(packet, IpsecDropReason::MALFORMED);
        return false;
    }
    const SecurityPolicy* policy = m_spd.LookupOutbound(interfaceId, tuple);
    if (policy == nullptr || policy->action == PolicyAction::DISCARD)
    {
        Drop(packet, IpsecDropReason::NO_POLICY);
        return false;
    }
    if (policy->action == PolicyAction::BYPASS)
    {
        // A route-based interface has no clear-text path (as xfrmi): nothing to bypass to.
        Drop(packet, IpsecDropReason::NO_POLICY);
        return false;
    }
    Ptr<CpuCore> core = CurrentCore();
    uint32_t coreIndex = core ? core->GetIndex() : (m_cpus ? m_cpus->GetApplicationCore() : 0);
    Ptr<IpsecSa> sa = SelectOutboundSa(*policy, coreIndex, tuple);
    if (!sa)
    {
        Drop(packet, IpsecDropReason::NO_SA);
        return false;
    }
    if (!m_cpus)
    {
        return Protect(sa, packet);
    }
    // The sequence number is taken when the core starts on the packet (under the SA's lock):
    // now if this core continues with it, when the job starts if another core takes it over.
    Ptr<CpuCore> runner = policy->selection->ChooseCore(*sa, core, *m_cpus);
    Time service = m_cpus->GetCostModel()->GetServiceTime(
        CpuStage::ESP_ENCRYPT, packet->GetSize(), &sa->Params().suite);
    sa->NoteCore(runner->GetIndex());
    if (runner == core)
    {
        uint64_t seq;
        if (!ReserveSequence(sa, packet, seq))
        {
            return false;
        }
        service += SharedStateTime(sa, runner);
        runner->Continue(
            service,
            Callback<void>([this, sa, seq, packet]() { EncryptAndSend(sa, seq, packet); }));
        return true;
    }
    bool queued
        = runner->Enqueue(service, Callback<void>([this, sa, packet]() { Protect(sa, packet); }));
    if (!queued)
    {
        Drop(packet, IpsecDropReason::CPU_BACKLOG);
    }
    return queued;
}

bool
IpsecDataPlane::ReserveSequence(const Ptr<IpsecSa>& sa, Ptr<const Packet> packet, uint64_t& seq)
{
    if (!sa->NextSequence(seq))
    {
        Drop(packet, IpsecDropReason::SEQ_OVERFLOW);
        Expire(sa, true, ExpireCause::SEQUENCE_OVERFLOW);
        return false;
    }
    CheckLifetime(sa, sa->Account(packet->GetSize()));
    return true;
}

bool
IpsecDataPlane::Protect(const Ptr<IpsecSa>& sa, Ptr<Packet> packet)
{
    uint64_t seq;
    if (!ReserveSequence(sa, packet, seq))
    {
        return false;
    }
    EncryptAndSend(sa, seq, packet);
    return true;
}

void
IpsecDataPlane::EncryptAndSend(const Ptr<IpsecSa>& sa, uint64_t seq, Ptr<Packet> packet)
{
    m_espSentInnerBytes += packet->GetSize();
    m_esp->Encapsulate(*sa, seq, packet);
    m_espSent++;
    m_espSentTrace(packet, sa->Params().spi, seq);
    SendEsp(sa, packet);
}

Ptr<IpsecSa>
IpsecDataPlane::SelectOutboundSa(const SecurityPolicy& policy,
                                 uint32_t core,
                                 const FlowTuple& trigger)
{
    SaChoice choice = policy.selection->SelectOutbound(m_sad, policy.reqid, core);
    if (choice.acquire)
    {
        RaiseAcquire(policy, trigger, choice.acquireCpu);
    }
    return choice.sa;
}

Ptr<CpuCore>
IpsecDataPlane::CurrentCore() const
{
    Ptr<CpuCore> core = CpuCore::GetCurrent();
    return core && m_node && core->GetNodeId() == m_node->GetId() ? core : nullptr;
}

Time
IpsecDataPlane::SharedStateTime(const Ptr<IpsecSa>& sa, Ptr<CpuCore> core) const
{
    Ptr<CpuCostModel> costs = m_cpus->GetCostModel();
    return sa->TakeSharedState(
        core->GetIndex(), costs->GetCriticalSectionTime(), costs->GetCacheLineTransferTime());
}

void
IpsecDataPlane::SendEsp(const Ptr<IpsecSa>& sa, Ptr<Packet> packet)
{
    const SaParams& p = sa->Params();
    uint8_t protocol = EspL4Protocol::PROT_NUMBER;
    if (p.udpEncapsulation)
    {
        // RFC 3948 2.1: UDP checksum zero (ns-3 computes none unless asked to).
        UdpHeader udp;
        udp.SetSourcePort(p.udpEncapsulation->sourcePort);
        udp.SetDestinationPort(p.udpEncapsulation->destinationPort);
        packet->AddHeader(udp);
        protocol = IP_PROTOCOL_UDP;
    }
    m_ipv4->Send(packet,
                 p.tunnelSource,
                 p.tunnelDestination,
                 protocol,
                 RouteOuter(packet, p.tunnelSource, p.tunnelDestination, protocol));
}

Ptr<Ipv4Route>
IpsecDataPlane::RouteOuter(Ptr<Packet> packet,
                           Ipv4Address source,
                           Ipv4Address destination,
                           uint8_t protocol) const
{
    // Ipv4L3Protocol::Send without a route checks every interface address for a subnet-directed
    // broadcast, asks the routing protocol, then calls itself with the route it got: the packet
    // is copied and its header built twice. A tunnel endpoint is a unicast address, so asking
    // the routing protocol here, with the packet that will be sent, gives Send the same route
    // and spares it that detour. If there is none, Send looks again and drops the packet with
    // its own trace, as before.
    Ptr<Ipv4RoutingProtocol> routing = m_ipv4->GetRoutingProtocol();
    if (!routing || destination.IsBroadcast() || destination.IsLocalMulticast())
    {
        return nullptr;
    }
    Ipv4Header header;
    header.SetSource(source);
    header.SetDestination(destination);
    header.SetProtocol(protocol);
    header.SetPayloadSize(packet->GetSize());
    Socket::SocketErrno error;
    return routing->RouteOutput(packet, header, nullptr, error);
}

void
IpsecDataPlane::ReceiveEsp(Ptr<Packet> packet, Ipv4Address source, Ipv4Address destination)
{
    if (packet->GetSize() < EspHeader::SIZE)
    {
        Drop(packet, IpsecDropReason::TRUNCATED);
        return;
    }
    EspHeader header;
    packet->PeekHeader(header);
    Ptr<IpsecSa> sa = m_sad.FindInbound(header.GetSpi());
    if (!sa || sa->Params().tunnelDestination != destination)
    {
        Drop(packet, IpsecDropReason::BAD_SPI);
        return;
    }
    if (!m_cpus)
    {
        OpenAndDeliver(sa, packet);
        return;
    }
    const SecurityPolicy* policy = m_spd.FindByReqid(sa->Params().reqid);
    Ptr<CpuCore> core = CurrentCore();
    Ptr<SaSelectionPolicy> selection = policy ? policy->selection : GetDefaultSelection();
    Ptr<CpuCore> runner = selection->ChooseCore(*sa, core, *m_cpus);
    Time service = m_cpus->GetCostModel()->GetServiceTime(
        CpuStage::ESP_DECRYPT, packet->GetSize(), &sa->Params().suite);
    sa->NoteCore(runner->GetIndex());
    Callback<void> open([this, sa, packet]() { OpenAndDeliver(sa, packet); });
    if (runner == core)
    {
        // Cores that share an inbound SA take its replay window in turn.
        runner->Continue(service + SharedStateTime(sa, runner), open);
    }
    else if (!runner->Enqueue(service, open))
    {
        Drop(packet, IpsecDropReason::CPU_BACKLOG);
    }
}

void
IpsecDataPlane::OpenAndDeliver(const Ptr<IpsecSa>& sa, Ptr<Packet> packet)
{
    uint64_t seq = 0;
    FlowTuple tuple;
    if (auto reason = m_esp->Decapsulate(*sa, packet, seq, &tuple))
    {
        Drop(packet, *reason);
        return;
    }
    // RFC 4301 5.2: the inner packet must be one the SA's policy allows.
    const SecurityPolicy* policy = m_spd.FindByReqid(sa->Params().reqid);
    if (policy == nullptr || !policy->remote.Matches(tuple.source, tuple.protocol, tuple.sourcePort)
        || !policy->local.Matches(tuple.destination, tuple.protocol, tuple.destinationPort))
    {
        Drop(packet, IpsecDropReason::POLICY_MISMATCH);
        return;
    }
    Ptr<VirtualNetDevice> device = GetInterface(sa->Params().interfaceId);
    if (!device)
    {
        Drop(packet, IpsecDropReason::POLICY_MISMATCH);
        return;
    }
    CheckLifetime(sa, sa->Account(packet->GetSize()));
    m_espReceived++;
    m_espReceivedInnerBytes += packet->GetSize();
    m_espReceivedTrace(packet, sa->Params().spi, seq);
    device->Receive(
        packet, IPV4_ETHERTYPE, device->GetAddress(), device->GetAddress(), NetDevice::PACKET_HOST);
}

void
IpsecDataPlane::CheckLifetime(const Ptr<IpsecSa>& sa, IpsecSa::LifetimeEvent event)
{
    if (event == IpsecSa::LifetimeEvent::NONE)
    {
        return;
    }
    const SaLifetime& l = sa->Params().lifetime;
    const IpsecSa::Counters& c = sa->GetCounters();
    bool hard = event == IpsecSa::LifetimeEvent::HARD;
    uint64_t packetLimit = hard ? l.hardPackets : l.softPackets;
    ExpireCause cause
        = packetLimit && c.packets >= packetLimit ? ExpireCause::PACKETS : ExpireCause::BYTES;
    // Defer: the SA may still be needed by the packet being processed.
    Simulator::ScheduleNow(&IpsecDataPlane::Expire, this, sa, hard, cause);
}

void
IpsecDataPlane::Expire(Ptr<IpsecSa> sa, bool hard, ExpireCause cause)
{
    if (hard ? !sa->MarkHardExpired() : (sa->IsHardExpired() || !sa->MarkSoftExpired()))
    {
        return; // reported already
    }
    const SaParams& p = sa->Params();
    ExpireEvent event;
    event.spi = p.spi;
    event.direction = p.direction;
    event.reqid = p.reqid;
    event.hard = hard;
    event.cause = cause;
    NS_LOG_INFO("SA spi=0x" << std::hex << p.spi << std::dec << (hard ? " hard" : " soft")
                            << " expired by " << ToString(cause));
    if (hard)
    {
        RemoveSa(sa);
    }
    m_expireTrace(event);
    if (!m_expireCallback.IsNull())
    {
        m_expireCallback(event);
    }
}

void
IpsecDataPlane::RaiseAcquire(const SecurityPolicy& policy, const FlowTuple& trigger, uint32_t cpu)
{
    uint64_t key = AcquireKey(policy.reqid, cpu);
    auto it = m_pendingAcquires.find(key);
    if (it != m_pendingAcquires.end() && Simulator::Now() < it->second)
    {
        return; // one acquire in flight per (reqid, core), as XFRM's larval states
    }
    m_pendingAcquires[key] = Simulator::Now() + m_acquireTimeout;
    m_acquiresRaised++;
    AcquireEvent event;
    event.reqid = policy.reqid;
    event.interfaceId = policy.interfaceId;
    event.trigger = trigger;
    event.cpu = cpu;
    m_acquireTrace(event);
    if (!m_acquireCallback.IsNull())
    {
        m_acquireCallback(event);
    }
}

void
IpsecDataPlane::Drop(Ptr<const Packet> packet, IpsecDropReason reason)
{
    NS_LOG_LOGIC("drop " << ToString(reason));
    m_drops[static_cast<size_t>(reason)]++;
    m_dropTrace(packet, reason);
}

void
IpsecDataPlane::EnsureEncapsulationSocket()
{
    if (m_encapsulationSocket)
    {
        return;
    }
    m_encapsulationSocket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
    if (m_encapsulationSocket->Bind(InetSocketAddress(Ipv4Address::GetAny(), NAT_T_PORT)) != 0)
    {
        NS_FATAL_ERROR("cannot bind UDP port " << NAT_T_PORT << " on node " << m_node->GetId());
    }
    m_encapsulationSocket->SetRecvPktInfo(true);
    m_encapsulationSocket->SetRecvCallback(
        MakeCallback(&IpsecDataPlane::ReceiveFromEncapsulationSocket, this));
}

void
IpsecDataPlane::ReceiveFromEncapsulationSocket(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        uint8_t head[4] = {0, 0, 0, 0};
        uint32_t n = packet->CopyData(head, sizeof(head));
        if (n == 1 && head[0] == 0xff)
        {
            m_natKeepalives++; // RFC 3948 2.3
            continue;
        }
        if (n == 4 && head[0] == 0 && head[1] == 0 && head[2] == 0 && head[3] == 0)
        {
            // Non-ESP marker: IKE on port 4500, for the key manager.
            if (m_natTraversalIkeCallback.IsNull())
            {
                NS_LOG_LOGIC("IKE message on port 4500 and no IKE daemon");
                continue;
            }
            packet->RemoveAtStart(sizeof(head));
            Bytes message(packet->GetSize());
            packet->CopyData(message.data(), message.size());
            InetSocketAddress sender = InetSocketAddress::ConvertFrom(from);
            m_natTraversalIkeCallback(message, sender.GetIpv4(), sender.GetPort());
            continue;
        }
        Ipv4PacketInfoTag info;
        packet->RemovePacketTag(info);
        ReceiveEsp(packet, InetSocketAddress::ConvertFrom(from).GetIpv4(), info.GetAddress());
    }
}

void
IpsecDataPlane::SetNatTraversalIkeCallback(NatTraversalIkeCallback callback)
{
    if (!callback.IsNull())
    {
        EnsureEncapsulationSocket();
    }
    m_natTraversalIkeCallback = callback;
}

void
IpsecDataPlane::SendNatTraversalIke(const Bytes& message, Ipv4Address destination)
{
    EnsureEncapsulationSocket();
    Bytes datagram(4, 0); // RFC 3948 2.2 non-ESP marker
    datagram.insert(datagram.end(), message.begin(), message.end());
    m_encapsulationSocket->SendTo(Create<Packet>(datagram.data(), datagram.size()),
                                  0,
                                  InetSocketAddress(destination, NAT_T_PORT));
}

uint64_t
IpsecDataPlane::AcquireKey(uint32_t reqid, uint32_t cpu)
{
    return (uint64_t{reqid} << 32) | cpu;
}

uint64_t
IpsecDataPlane::GetAcquiresRaised() const
{
    return m_acquiresRaised;
}

uint64_t
IpsecDataPlane::GetAcquiresAnswered() const
{
    return m_acquiresAnswered;
}

uint64_t
IpsecDataPlane::GetDropCount(IpsecDropReason reason) const
{
    return m_drops[static_cast<size_t>(reason)];
}

uint64_t
IpsecDataPlane::GetEspSent() const
{
    return m_espSent;
}

uint64_t
IpsecDataPlane::GetEspReceived() const
{
    return m_espReceived;
}

uint64_t
IpsecDataPlane::GetEspSentInnerBytes() const
{
    return m_espSentInnerBytes;
}

uint64_t
IpsecDataPlane::GetEspReceivedInnerBytes() const
{
    return m_espReceivedInnerBytes;
}

const std::vector<SaParams>&
IpsecDataPlane::GetSaLog() const
{
    return m_saLog;
}

uint64_t
IpsecDataPlane::GetNatKeepalivesReceived() const
{
    return m_natKeepalives;
}

void
IpsecDataPlane::SetDefaultCryptoModeName(std::string name)
{
    m_defaultCryptoMode = CryptoModeFromString(name);
}

std::string
IpsecDataPlane::GetDefaultCryptoModeName() const
{
    return ToString(m_defaultCryptoMode);
}

CryptoMode
IpsecDataPlane::GetDefaultCryptoMode() const
{
    return m_defaultCryptoMode;
}

} // namespace ns3
