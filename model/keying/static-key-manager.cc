/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "static-key-manager.h"

#include "ns3/boolean.h"
#include "ns3/cpu-model.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/receive-steering.h"
#include "ns3/simulator.h"
#include "ns3/strongswan-cpu-assigner.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("StaticKeyManager");

NS_OBJECT_ENSURE_REGISTERED(StaticKeyManager);

TypeId
StaticKeyManager::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::StaticKeyManager")
              .SetParent<Object>()
              .SetGroupName("Ipsec")
              .AddConstructor<StaticKeyManager>()
              .AddAttribute("Delay",
                            "Time from an acquire to the installed SA pair (stands in for one "
                            "CREATE_CHILD_SA exchange).",
                            TimeValue(MilliSeconds(1)),
                            MakeTimeAccessor(&StaticKeyManager::m_delay),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute(
                  "RandomEncapsulationPorts",
                  "Give each outbound per-CPU SA with UDP encapsulation its own random "
                  "source port in 49152-65535, as strongSwan's per_cpu_sas=encap, so that "
                  "RSS on the UDP ports spreads the SAs.",
                  BooleanValue(false),
                  MakeBooleanAccessor(&StaticKeyManager::m_randomEncapsulationPorts),
                  MakeBooleanChecker())
              .AddAttribute("SteerInboundSas",
                            "Install an ntuple steering rule at the receiver for each per-CPU SA "
                            "(by SPI, or by UDP source port with random encapsulation ports), "
                            "sending it to the queue of the sender's core number.",
                            BooleanValue(false),
                            MakeBooleanAccessor(&StaticKeyManager::m_steerInboundSas),
                            MakeBooleanChecker());
    return tid;
}

StaticKeyManager::StaticKeyManager()
    : m_stream(CreateObject<UniformRandomVariable>())
    , m_responderCpus(CreateObject<StrongswanCpuAssigner>())
{
}

void
StaticKeyManager::DoDispose()
{
    for (auto& t : m_tunnels)
    {
        for (auto& peer : t.peers)
        {
            peer.dataPlane = nullptr;
        }
    }
    m_tunnels.clear();
    m_byReqid.clear();
    Object::DoDispose();
}

int64_t
StaticKeyManager::AssignStreams(int64_t stream)
{
    m_stream->SetStream(stream);
    return 1;
}

uint64_t
StaticKeyManager::GetPairsInstalled() const
{
    return m_pairsInstalled;
}

uint32_t
StaticKeyManager::AddTunnel(const StaticKeyingPeer& a,
                            const StaticKeyingPeer& b,
                            const SaParams& sa)
{
    uint32_t index = m_tunnels.size();
    m_tunnels.push_back({{a, b}, sa});
    for (uint32_t side : {0u, 1u})
    {
        const StaticKeyingPeer& peer = m_tunnels.back().peers[side];
        bool first = true;
        for (const auto& [key, value] : m_byReqid)
        {
            first = first && key.first != PeekPointer(peer.dataPlane);
        }
        m_byReqid[{PeekPointer(peer.dataPlane), peer.reqid}] = {index, side};
        if (first)
        {
            peer.dataPlane->SetAcquireCallback(
                // The data plane holds the manager, so that it outlives the helper that made it;
                // IpsecDataPlane::DoDispose drops the callback and with it this reference.
                MakeCallback(&StaticKeyManager::HandleAcquire, Ptr<StaticKeyManager>(this))
                    .Bind(PeekPointer(peer.dataPlane)));
        }
    }
    return index;
}

Bytes
StaticKeyManager::RandomBytes(uint32_t length) const
{
    Bytes bytes(length);
    for (auto& b : bytes)
    {
        b = static_cast<uint8_t>(m_stream->GetInteger(0, 255));
    }
    return bytes;
}

SaParams
StaticKeyManager::MakeSa(const Tunnel& t, uint32_t from, uint32_t spi, uint32_t cpu) const
{
    SaParams p = t.sa;
    p.spi = spi;
    p.tunnelSource = t.peers[from].outerAddress;
    p.tunnelDestination = t.peers[1 - from].outerAddress;
    p.encryptionKey = RandomBytes(p.suite.EncrKeyBytes());
    p.integrityKey = RandomBytes(p.suite.IntegKeyBytes());
    p.cpu = cpu;
    if (p.udpEncapsulation && m_randomEncapsulationPorts && cpu != SaParams::NO_CPU)
    {
        // strongSwan child_sa.c: 0xc000 | random(), a port in 49152-65535.
        p.udpEncapsulation->sourcePort = static_cast<uint16_t>(m_stream->GetInteger(49152, 65535));
    }
    return p;
}

uint32_t
StaticKeyManager::ResponderCpu(const StaticKeyingPeer& responder) const
{
    // The peer binds its SA as strongSwan's responder would (StrongswanCpuAssigner), among the
    // outbound SAs of the tunnel's reqid.
    uint32_t cores = 1;
    if (Ptr<CpuModel> cpus = responder.dataPlane->GetObject<CpuModel>())
    {
        cores = cpus->GetNCores();
    }
    std::vector<uint32_t> groupCpus;
    for (const auto& sa : responder.dataPlane->GetSas())
    {
        const SaParams& p = sa->Params();
        if (p.direction == SaDirection::OUTBOUND && p.reqid == responder.reqid)
        {
            groupCpus.push_back(p.cpu);
        }
    }
    return m_responderCpus->Assign(groupCpus, cores);
}

void
StaticKeyManager::InstallPair(uint32_t tunnel, uint32_t initiator, uint32_t cpu)
{
    Tunnel& t = m_tunnels.at(tunnel);
    const StaticKeyingPeer& x = t.peers[initiator];
    const StaticKeyingPeer& y = t.peers[1 - initiator];
    uint32_t responderCpu = cpu == SaParams::NO_CPU ? SaParams::NO_CPU : ResponderCpu(y);
    // x -> y: x's outbound (bound to the acquiring core), y's inbound.
    SaParams toY = MakeSa(t, initiator, y.dataPlane->AllocateSpi(), cpu);
    SaParams toX = MakeSa(t, 1 - initiator, x.dataPlane->AllocateSpi(), responderCpu);
    toY.reqid = toY.interfaceId = x.reqid;
    toY.direction = SaDirection::OUTBOUND;
    x.dataPlane->AddSa(toY);
    toY.reqid = toY.interfaceId = y.reqid;
    toY.direction = SaDirection::INBOUND;
    y.dataPlane->AddSa(toY);
    toX.reqid = toX.interfaceId = y.reqid;
    toX.direction = SaDirection::OUTBOUND;
    y.dataPlane->AddSa(toX);
    toX.reqid = toX.interfaceId = x.reqid;
    toX.direction = SaDirection::INBOUND;
    x.dataPlane->AddSa(toX);
    SteerInbound(y, toY, cpu);
    SteerInbound(x, toX, responderCpu);
    NS_LOG_INFO("tunnel " << tunnel << ": SA pair for core " << cpu << " of side " << initiator
                          << ", peer bound its SA to " << responderCpu);
}

void
StaticKeyManager::SteerInbound(const StaticKeyingPeer& receiver,
                               const SaParams& sa,
                               uint32_t cpu) const
{
    Ptr<Node> node = receiver.dataPlane->GetObject<Node>();
    Ptr<ReceiveSteering> steering = node->GetObject<ReceiveSteering>();
    if (!m_steerInboundSas || cpu == SaParams::NO_CPU || !steering)
    {
        return;
    }
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    int32_t interface = ipv4->GetInterfaceForAddress(receiver.outerAddress);
    if (interface < 0)
    {
        return;
    }
    Ptr<NetDevice> device = ipv4->GetNetDevice(interface);
    Ptr<CpuModel> cpus = node->GetObject<CpuModel>();
    uint32_t queue = cpus ? cpu % cpus->GetNCores() : 0;
    if (sa.udpEncapsulation && sa.udpEncapsulation->sourcePort != IpsecDataPlane::NAT_T_PORT)
    {
        steering->AddUdpSourcePortRule(device, sa.udpEncapsulation->sourcePort, queue);
    }
    else
    {
        steering->AddSpiRule(device, sa.spi, queue);
    }
}

void
StaticKeyManager::HandleAcquire(IpsecDataPlane* dataPlane, const AcquireEvent& event)
{
    auto it = m_byReqid.find({dataPlane, event.reqid});
    if (it == m_byReqid.end())
    {
        return; // not a tunnel of ours
    }
    auto [tunnel, side] = it->second;
    Simulator::Schedule(
        m_delay,
        [self = Ptr<StaticKeyManager>(this), tunnel = tunnel, side = side, cpu = event.cpu]()
        {
            self->m_pairsInstalled++;
            self->InstallPair(tunnel, side, cpu);
        });
}

} // namespace ns3
