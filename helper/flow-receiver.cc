/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "flow-receiver.h"

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/seq-ts-size-header.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FlowReceiver");

void
FlowReceiver::ConnectSink(Ptr<Application> sink)
{
    bool connected = sink->TraceConnectWithoutContext(
        "RxWithSeqTsSize", MakeCallback(&FlowReceiver::ReceiveFromSink, this));
    NS_ABORT_MSG_UNLESS(connected, "FlowReceiver: the sink has no RxWithSeqTsSize trace");
}

void
FlowReceiver::ConnectSocket(Ptr<Socket> socket)
{
    socket->SetRecvCallback(MakeCallback(&FlowReceiver::ReceiveFromSocket, this));
}

void
FlowReceiver::ConnectSource(Ptr<Application> source)
{
    bool connected
        = source->TraceConnectWithoutContext("Tx", MakeCallback(&FlowReceiver::Offered, this));
    NS_ABORT_MSG_UNLESS(connected, "FlowReceiver: the source has no Tx trace");
}

void
FlowReceiver::NoteOffered()
{
    m_offered++;
}

uint64_t
FlowReceiver::GetOffered() const
{
    return m_offered;
}

uint64_t
FlowReceiver::GetReceived() const
{
    return m_received;
}

uint64_t
FlowReceiver::GetLost() const
{
    return m_offered - std::min(m_offered, m_received);
}

uint64_t
FlowReceiver::GetReceivedBytes() const
{
    return m_bytes;
}

uint64_t
FlowReceiver::GetReordered() const
{
    return m_reordered;
}

const DelayStatistics&
FlowReceiver::GetDelays() const
{
    return m_delays;
}

void
FlowReceiver::AddResults(nlohmann::json& results, Time duration) const
{
    results["offered_packets"] = m_offered;
    results["delivered_packets"] = m_received;
    results["delivered_bytes"] = m_bytes;
    results["goodput_bps"] = m_bytes * 8.0 / duration.GetSeconds();
    results["latency"] = m_delays.ToJson();
}

void
FlowReceiver::ReceiveFromSink(Ptr<const Packet> packet,
                              const Address& from,
                              const Address& /* to */,
                              const SeqTsSizeHeader& header)
{
    m_received++;
    m_bytes += packet->GetSize();
    m_delays.Add(Simulator::Now() - header.GetTs());
    if (!InetSocketAddress::IsMatchingType(from))
    {
        return;
    }
    InetSocketAddress source = InetSocketAddress::ConvertFrom(from);
    auto flow = std::make_pair(source.GetIpv4().Get(), source.GetPort());
    auto it = m_highest.find(flow);
    if (it != m_highest.end() && header.GetSeq() < it->second)
    {
        m_reordered++;
    }
    else
    {
        m_highest[flow] = header.GetSeq();
    }
}

void
FlowReceiver::ReceiveFromSocket(Ptr<Socket> socket)
{
    while (Ptr<Packet> packet = socket->Recv())
    {
        m_received++;
        m_bytes += packet->GetSize();
    }
}

void
FlowReceiver::Offered(Ptr<const Packet> /* packet */)
{
    m_offered++;
}

} // namespace ns3
