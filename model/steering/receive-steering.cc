/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "receive-steering.h"

#include "toeplitz-hash.h"

#include "ns3/abort.h"
#include "ns3/arp-l3-protocol.h"
#include "ns3/cpu-model.h"
#include "ns3/flow-tuple.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"
#include "ns3/packet.h"
#include "ns3/traffic-control-layer.h"

#include <algorithm>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ReceiveSteering");
// Functions called per packet have no NS_LOG_FUNCTION: NS3_LOG_ENABLE makes each one a call to
// LogComponent::IsEnabled even with logging off, the top self-time entry of the ESP path.

NS_OBJECT_ENSURE_REGISTERED(ReceiveSteering);

namespace
{

constexpr uint8_t PROTOCOL_UDP = 17;
constexpr uint8_t PROTOCOL_ESP = 50;
constexpr uint16_t IPV6_PROTOCOL_NUMBER = 0x86dd;

/// Parses the IPv4 header and the first 4 bytes after it; \return false if not IPv4.
bool
ParseHead(Ptr<const Packet> packet, RssPacketHead& head)
{
    // The longest IPv4 header (60 bytes) and the 4 bytes of ports or SPI after it.
    uint8_t bytes[64] = {};
    uint32_t length = packet->CopyData(bytes, sizeof(bytes));
    if (!FlowTuple::Parse(bytes, length, head.tuple))
    {
        return false;
    }
    uint32_t headerLength = (bytes[0] & 0x0f) * 4u;
    bool moreFragments = (bytes[6] & 0x20) != 0;
    uint32_t fragmentOffset = ((uint32_t{bytes[6]} & 0x1f) << 8) | bytes[7];
    head.l4Readable = !moreFragments && fragmentOffset == 0 && length >= headerLength + 4;
    if (head.l4Readable && head.tuple.protocol == PROTOCOL_ESP)
    {
        const uint8_t* esp = bytes + headerLength;
        head.spi = (uint32_t{esp[0]} << 24) | (uint32_t{esp[1]} << 16) | (uint32_t{esp[2]} << 8)
                   | esp[3];
    }
    return true;
}

} // namespace

TypeId
ReceiveSteering::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::ReceiveSteering")
              .SetParent<Object>()
              .SetGroupName("Ipsec")
              .AddConstructor<ReceiveSteering>()
              .AddTraceSource("Steer",
                              "An IPv4 packet was queued on a receive queue's core "
                              "(packet, device, queue, core).",
                              MakeTraceSourceAccessor(&ReceiveSteering::m_steerTrace),
                              "ns3::ReceiveSteering::QueueTracedCallback")
              .AddTraceSource("Drop",
                              "An IPv4 packet was dropped because its core's backlog was full "
                              "(packet, device, queue, core).",
                              MakeTraceSourceAccessor(&ReceiveSteering::m_dropTrace),
                              "ns3::ReceiveSteering::QueueTracedCallback");
    return tid;
}

ReceiveSteering::ReceiveSteering()
{
    NS_LOG_FUNCTION(this);
}

ReceiveSteering::~ReceiveSteering()
{
    NS_LOG_FUNCTION(this);
}

void
ReceiveSteering::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_devices.clear();
    m_order.clear();
    m_cpu = nullptr;
    m_tc = nullptr;
    m_node = nullptr;
    Object::DoDispose();
}

void
ReceiveSteering::Bind()
{
    if (!m_node)
    {
        m_node = GetObject<Node>();
        NS_ABORT_MSG_UNLESS(m_node, "ReceiveSteering must be aggregated to a Node");
    }
    if (!m_tc)
    {
        m_tc = m_node->GetObject<TrafficControlLayer>();
        NS_ABORT_MSG_UNLESS(m_tc && m_node->GetObject<Ipv4L3Protocol>(),
                            "ReceiveSteering on node " << m_node->GetId()
                                                       << " needs an IPv4 stack "
                                                          "(InternetStackHelper) first");
    }
    if (!m_cpu)
    {
        m_cpu = m_node->GetObject<CpuModel>();
        NS_ABORT_MSG_UNLESS(m_cpu,
                            "ReceiveSteering on node " << m_node->GetId()
                                                       << " needs a CpuModel aggregated to it");
    }
}

void
ReceiveSteering::ConfigureDevice(Ptr<NetDevice> device, TypeId input, uint32_t queues)
{
    NS_LOG_FUNCTION(this << device << input.GetName() << queues);
    NS_ABORT_MSG_UNLESS(input.IsChildOf(RssHashInput::GetTypeId()),
                        "ReceiveSteering::ConfigureDevice: hash input " << input.GetName()
                                                                        << " is not a subclass of "
                                                                           "ns3::RssHashInput");
    Bind();
    NS_ABORT_MSG_UNLESS(device && device->GetNode() == m_node,
                        "ReceiveSteering::ConfigureDevice: the device is not on node "
                            << m_node->GetId());
    uint32_t cores = m_cpu->GetNCores();
    if (queues == 0)
    {
        queues = cores;
    }

    bool known = m_devices.count(device) > 0;
    DeviceState& state = m_devices[device];
    ObjectFactory factory(input.GetName());
    state.input = factory.Create<RssHashInput>();
    const auto& key = ToeplitzHash::DefaultKey();
    state.key.assign(key.begin(), key.end());
    state.table.resize(INDIRECTION_TABLE_SIZE);
    for (uint32_t i = 0; i < INDIRECTION_TABLE_SIZE; ++i)
    {
        state.table[i] = i % queues;
    }
    state.queueCore.resize(queues);
    for (uint32_t q = 0; q < queues; ++q)
    {
        state.queueCore[q] = q % cores;
    }
    state.stats.assign(queues, QueueStats());
    // Rules stay while their queue exists.
    auto dropRulesBeyond = [queues](auto& rules)
    {
        for (auto i = rules.begin(); i != rules.end();)
        {
            i = i->second < queues ? std::next(i) : rules.erase(i);
        }
    };
    dropRulesBeyond(state.spiRules);
    dropRulesBeyond(state.udpSourceRules);
    if (!known)
    {
        TakeOverIpv4(device);
        m_order.push_back(device);
    }
}

// ns-3.37 offers no way to replace the handler of one protocol on one device. A node's handlers
// are a list of (callback, protocol, device) entries; Ipv4L3Protocol::AddInterface appends
// MakeCallback(&TrafficControlLayer::Receive, tc) twice per device (IPv4 0x0800, then ARP
// 0x0806), Ipv6L3Protocol::AddInterface once (0x86dd); the loopback interfaces register
// Ipv4L3Protocol::Receive and Ipv6L3Protocol::Receive instead (checked against the 3.37 library).
// Node::UnregisterProtocolHandler(cb) erases the first entry whose callback IsEqual(cb), and
// two callbacks are equal when they bind the same member function to the same Ptr: protocol
// and device play no part. So Unregister can only peel those entries off one by one in
// registration order. We therefore peel off all of them (their number follows from the IPv4
// and IPv6 interfaces of the node) and register back every one except IPv4 on the devices we
// steer, where our own handler goes instead. The order of the node's list changes; dispatch
// does not depend on it. Interfaces added later register themselves as usual, which is why a
// device must have its IPv4 interface before it is configured.
void
ReceiveSteering::TakeOverIpv4(Ptr<NetDevice> device)
{
    NS_LOG_FUNCTION(this << device);
    Ptr<Ipv4L3Protocol> ipv4 = m_node->GetObject<Ipv4L3Protocol>();
    NS_ABORT_MSG_IF(ipv4->GetInterfaceForDevice(device) < 0,
                    "ReceiveSteering::ConfigureDevice: device "
                        << device->GetIfIndex() << " of node " << m_node->GetId()
                        << " has no IPv4 interface yet; assign its addresses first");
    auto isLoopback = [](Ptr<NetDevice> d) { return DynamicCast<LoopbackNetDevice>(d) != nullptr; };
    auto steered = [this](Ptr<NetDevice> d)
    { return std::find(m_order.begin(), m_order.end(), d) != m_order.end(); };

    std::vector<std::pair<uint16_t, Ptr<NetDevice>>> keep;
    uint32_t registered = 0;
    for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
    {
        Ptr<NetDevice> d = ipv4->GetNetDevice(i);
        if (isLoopback(d))
        {
            continue;
        }
        if (!steered(d))
        {
            ++registered;
            if (d != device)
            {
                keep.emplace_back(Ipv4L3Protocol::PROT_NUMBER, d);
            }
        }
        ++registered;
        keep.emplace_back(ArpL3Protocol::PROT_NUMBER, d);
    }
    Ptr<Ipv6> ipv6 = m_node->GetObject<Ipv6>();
    for (uint32_t i = 0; ipv6 && i < ipv6->GetNInterfaces(); ++i)
    {
        Ptr<NetDevice> d = ipv6->GetNetDevice(i);
        if (!isLoopback(d))
        {
            ++registered;
            keep.emplace_back(IPV6_PROTOCOL_NUMBER, d);
        }
    }

    auto tcReceive = MakeCallback(&TrafficControlLayer::Receive, m_tc);
    for (uint32_t i = 0; i < registered; ++i)
    {
        m_node->UnregisterProtocolHandler(tcReceive);
    }
    for (const auto& [protocol, d] : keep)
    {
        m_node->RegisterProtocolHandler(tcReceive, protocol, d);
    }
    m_node->RegisterProtocolHandler(
        MakeCallback(&ReceiveSteering::Receive, this), Ipv4L3Protocol::PROT_NUMBER, device);
    NS_LOG_INFO("node " << m_node->GetId() << ": IPv4 of device " << device->GetIfIndex()
                        << " now steered (" << registered << " handlers re-registered as "
                        << keep.size() << ")");
}

bool
ReceiveSteering::IsConfigured(Ptr<NetDevice> device) const
{
    return m_devices.count(device) > 0;
}

ReceiveSteering::DeviceState&
ReceiveSteering::GetState(Ptr<NetDevice> device, const char* caller)
{
    auto i = m_devices.find(device);
    NS_ABORT_MSG_IF(i == m_devices.end(),
                    "ReceiveSteering::" << caller << ": device "
                                        << (device ? int(device->GetIfIndex()) : -1)
                                        << " is not configured (call ConfigureDevice first)");
    return i->second;
}

const ReceiveSteering::DeviceState&
ReceiveSteering::GetState(Ptr<NetDevice> device, const char* caller) const
{
    return const_cast<ReceiveSteering*>(this)->GetState(device, caller);
}

void
ReceiveSteering::CheckQueue(const DeviceState& state, uint32_t queue, const char* caller)
{
    NS_ABORT_MSG_IF(queue >= state.queueCore.size(),
                    "ReceiveSteering::" << caller << ": queue " << queue
                                        << " does not exist; the device has queues 0 to "
                                        << state.queueCore.size() - 1);
}

TypeId
ReceiveSteering::GetHashInput(Ptr<NetDevice> device) const
{
    return GetState(device, "GetHashInput").input->GetInstanceTypeId();
}

uint32_t
ReceiveSteering::GetNQueues(Ptr<NetDevice> device) const
{
    return GetState(device, "GetNQueues").queueCore.size();
}

void
ReceiveSteering::SetQueueCore(Ptr<NetDevice> device, uint32_t queue, uint32_t core)
{
    NS_LOG_FUNCTION(this << device << queue << core);
    DeviceState& state = GetState(device, "SetQueueCore");
    CheckQueue(state, queue, "SetQueueCore");
    NS_ABORT_MSG_IF(core >= m_cpu->GetNCores(),
                    "ReceiveSteering::SetQueueCore: core " << core << " does not exist; node "
                                                           << m_node->GetId() << " has cores 0 to "
                                                           << m_cpu->GetNCores() - 1);
    state.queueCore[queue] = core;
}

uint32_t
ReceiveSteering::GetQueueCore(Ptr<NetDevice> device, uint32_t queue) const
{
    const DeviceState& state = GetState(device, "GetQueueCore");
    CheckQueue(state, queue, "GetQueueCore");
    return state.queueCore[queue];
}

void
ReceiveSteering::SetIndirectionTable(Ptr<NetDevice> device, const std::vector<uint32_t>& table)
{
    NS_LOG_FUNCTION(this << device);
    DeviceState& state = GetState(device, "SetIndirectionTable");
    NS_ABORT_MSG_IF(table.size() != INDIRECTION_TABLE_SIZE,
                    "ReceiveSteering::SetIndirectionTable: the table has "
                        << table.size() << " entries; expected " << INDIRECTION_TABLE_SIZE);
    for (uint32_t queue : table)
    {
        CheckQueue(state, queue, "SetIndirectionTable");
    }
    state.table = table;
}

const std::vector<uint32_t>&
ReceiveSteering::GetIndirectionTable(Ptr<NetDevice> device) const
{
    return GetState(device, "GetIndirectionTable").table;
}

void
ReceiveSteering::SetHashKey(Ptr<NetDevice> device, const std::vector<uint8_t>& key)
{
    NS_LOG_FUNCTION(this << device);
    DeviceState& state = GetState(device, "SetHashKey");
    // 16 bytes cover the longest IPv4 input (12 bytes) plus the 4-byte window.
    NS_ABORT_MSG_IF(key.size() < 16,
                    "ReceiveSteering::SetHashKey: a key of " << key.size()
                                                             << " bytes; expected at least 16");
    state.key = key;
}

void
ReceiveSteering::AddSpiRule(Ptr<NetDevice> device, uint32_t spi, uint32_t queue)
{
    NS_LOG_FUNCTION(this << device << spi << queue);
    DeviceState& state = GetState(device, "AddSpiRule");
    CheckQueue(state, queue, "AddSpiRule");
    state.spiRules[spi] = queue;
}

bool
ReceiveSteering::RemoveSpiRule(Ptr<NetDevice> device, uint32_t spi)
{
    NS_LOG_FUNCTION(this << device << spi);
    return GetState(device, "RemoveSpiRule").spiRules.erase(spi) > 0;
}

void
ReceiveSteering::AddUdpSourcePortRule(Ptr<NetDevice> device, uint16_t port, uint32_t queue)
{
    NS_LOG_FUNCTION(this << device << port << queue);
    DeviceState& state = GetState(device, "AddUdpSourcePortRule");
    CheckQueue(state, queue, "AddUdpSourcePortRule");
    state.udpSourceRules[port] = queue;
}

bool
ReceiveSteering::RemoveUdpSourcePortRule(Ptr<NetDevice> device, uint16_t port)
{
    NS_LOG_FUNCTION(this << device << port);
    return GetState(device, "RemoveUdpSourcePortRule").udpSourceRules.erase(port) > 0;
}

uint32_t
ReceiveSteering::Hash(const DeviceState& state, Ptr<const Packet> packet)
{
    RssPacketHead head;
    return ParseHead(packet, head) ? state.input->Hash(state.key, head) : 0;
}

uint32_t
ReceiveSteering::SelectQueue(const DeviceState& state, Ptr<const Packet> packet)
{
    RssPacketHead head;
    if (!ParseHead(packet, head))
    {
        return 0;
    }
    if (head.l4Readable)
    {
        if (head.tuple.protocol == PROTOCOL_ESP)
        {
            auto rule = state.spiRules.find(head.spi);
            if (rule != state.spiRules.end())
            {
                return rule->second;
            }
        }
        else if (head.tuple.protocol == PROTOCOL_UDP)
        {
            auto rule = state.udpSourceRules.find(head.tuple.sourcePort);
            if (rule != state.udpSourceRules.end())
            {
                return rule->second;
            }
        }
    }
    return state.table[state.input->Hash(state.key, head) % INDIRECTION_TABLE_SIZE];
}

uint32_t
ReceiveSteering::GetHash(Ptr<NetDevice> device, Ptr<const Packet> packet) const
{
    return Hash(GetState(device, "GetHash"), packet);
}

uint32_t
ReceiveSteering::GetQueueFor(Ptr<NetDevice> device, Ptr<const Packet> packet) const
{
    return SelectQueue(GetState(device, "GetQueueFor"), packet);
}

ReceiveSteering::QueueStats
ReceiveSteering::GetQueueStats(Ptr<NetDevice> device, uint32_t queue) const
{
    const DeviceState& state = GetState(device, "GetQueueStats");
    CheckQueue(state, queue, "GetQueueStats");
    return state.stats[queue];
}

std::vector<Ptr<NetDevice>>
ReceiveSteering::GetDevices() const
{
    return m_order;
}

void
ReceiveSteering::Receive(Ptr<NetDevice> device,
                         Ptr<const Packet> packet,
                         uint16_t protocol,
                         const Address& from,
                         const Address& to,
                         NetDevice::PacketType packetType)
{
    auto i = m_devices.find(device);
    if (i == m_devices.end())
    {
        // Only registered for steered devices; kept for safety.
        m_tc->Receive(device, packet, protocol, from, to, packetType);
        return;
    }
    DeviceState& state = i->second;
    uint32_t queue = SelectQueue(state, packet);
    uint32_t coreIndex = state.queueCore[queue];
    Ptr<CpuCore> core = m_cpu->GetCore(coreIndex);
    uint32_t bytes = packet->GetSize();
    Time service = m_cpu->GetCostModel()->GetServiceTime(CpuStage::RECEIVE, bytes, nullptr);
    Ptr<TrafficControlLayer> tc = m_tc;
    Callback<void> deliver([tc, device, packet, protocol, from, to, packetType]()
                           { tc->Receive(device, packet, protocol, from, to, packetType); });
    QueueStats& stats = state.stats[queue];
    if (core->Enqueue(service, deliver))
    {
        ++stats.packets;
        stats.bytes += bytes;
        m_steerTrace(packet, device, queue, coreIndex);
    }
    else
    {
        NS_LOG_LOGIC("queue " << queue << ": core " << coreIndex << " backlog full, dropped");
        ++stats.drops;
        m_dropTrace(packet, device, queue, coreIndex);
    }
}

} // namespace ns3
