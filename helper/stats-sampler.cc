/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "stats-sampler.h"

#include "node-locality.h"

#include "ns3/abort.h"
#include "ns3/cpu-core.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("StatsSampler");

namespace
{

/// \returns the sum of the counts of \p counts
uint64_t
Sum(const std::map<std::string, uint64_t>& counts)
{
    uint64_t sum = 0;
    for (const auto& [name, count] : counts)
    {
        sum += count;
    }
    return sum;
}

} // namespace

StatsSampler::StatsSampler(Time interval)
    : m_interval(interval)
{
    NS_ABORT_MSG_UNLESS(interval.IsStrictlyPositive(),
                        "StatsSampler: the interval must be positive, got " << interval);
}

void
StatsSampler::AddGateway(const std::string& name, Ptr<Node> gateway, Ptr<IkeDaemon> daemon)
{
    NodeLocality::RequireLocal(gateway, "StatsSampler::AddGateway");
    Gateway g;
    g.name = name;
    g.plane = gateway->GetObject<IpsecDataPlane>();
    NS_ABORT_MSG_UNLESS(g.plane, "StatsSampler: gateway " << name << " has no IpsecDataPlane");
    g.cpu = gateway->GetObject<CpuModel>();
    g.daemon = daemon;
    if (g.cpu)
    {
        g.utilization.resize(g.cpu->GetNCores());
        g.backlog.resize(g.cpu->GetNCores());
    }
    m_gateways.push_back(std::move(g));
}

void
StatsSampler::Start(Time stop)
{
    NS_ABORT_MSG_UNLESS(m_times.empty(), "StatsSampler: started twice");
    for (Gateway& g : m_gateways)
    {
        g.last = Read(g);
    }
    m_expected = stop.GetTimeStep() / m_interval.GetTimeStep();
    for (uint64_t k = 1; k <= m_expected; ++k)
    {
        Time t = TimeStep(m_interval.GetTimeStep() * k);
        // The sample at the stop time itself is Finish's: an event scheduled now at that time
        // would run before whatever else happens in the run's last instant.
        if (t < stop)
        {
            Simulator::Schedule(t - Simulator::Now(), &StatsSampler::Sample, this);
        }
    }
}

void
StatsSampler::Finish()
{
    if (m_times.size() < m_expected
        && Simulator::Now() == TimeStep(m_interval.GetTimeStep() * (m_times.size() + 1)))
    {
        Sample();
    }
}

size_t
StatsSampler::GetSampleCount() const
{
    return m_times.size();
}

StatsSampler::Counters
StatsSampler::Read(const Gateway& g)
{
    Counters c;
    c.espSent = g.plane->GetEspSent();
    c.espReceived = g.plane->GetEspReceived();
    c.sentInnerBytes = g.plane->GetEspSentInnerBytes();
    c.receivedInnerBytes = g.plane->GetEspReceivedInnerBytes();
    for (size_t r = 0; r < REASONS; ++r)
    {
        c.drops[r] = g.plane->GetDropCount(static_cast<IpsecDropReason>(r));
    }
    if (g.daemon)
    {
        const IkeStatistics& s = g.daemon->GetStatistics();
        c.exchanges = Sum(s.exchangesInitiated) + Sum(s.exchangesResponded);
        c.childRekeys = s.childSaRekeys;
        c.ikeRekeys = s.ikeSaRekeys;
    }
    if (g.cpu)
    {
        for (const auto& core : g.cpu->GetCores())
        {
            c.busy.push_back(core->GetBusyTime());
        }
    }
    return c;
}

void
StatsSampler::Sample()
{
    m_times.push_back(TimeStep(m_interval.GetTimeStep() * (m_times.size() + 1)).GetSeconds());
    double seconds = m_interval.GetSeconds();
    for (Gateway& g : m_gateways)
    {
        Counters now = Read(g);
        g.goodputOutBps.push_back((now.sentInnerBytes - g.last.sentInnerBytes) * 8.0 / seconds);
        g.goodputInBps.push_back((now.receivedInnerBytes - g.last.receivedInnerBytes) * 8.0
                                 / seconds);
        g.espSent.push_back(now.espSent - g.last.espSent);
        g.espReceived.push_back(now.espReceived - g.last.espReceived);
        for (size_t r = 0; r < REASONS; ++r)
        {
            g.drops[r].push_back(now.drops[r] - g.last.drops[r]);
        }
        uint64_t outbound = 0;
        for (const auto& sa : g.plane->GetSas())
        {
            outbound += sa->Params().direction == SaDirection::OUTBOUND ? 1 : 0;
        }
        g.childSas.push_back(outbound);
        g.exchanges.push_back(now.exchanges - g.last.exchanges);
        g.childRekeys.push_back(now.childRekeys - g.last.childRekeys);
        g.ikeRekeys.push_back(now.ikeRekeys - g.last.ikeRekeys);
        for (size_t i = 0; i < now.busy.size(); ++i)
        {
            Ptr<CpuCore> core = g.cpu->GetCore(i);
            g.utilization[i].push_back(
                static_cast<double>((now.busy[i] - g.last.busy[i]).GetTimeStep())
                / static_cast<double>(m_interval.GetTimeStep()));
            g.backlog[i].push_back(core->GetQueueLength());
        }
        g.last = std::move(now);
    }
}

nlohmann::json
StatsSampler::ToJson() const
{
    nlohmann::json gateways = nlohmann::json::object();
    for (const Gateway& g : m_gateways)
    {
        nlohmann::json drops = nlohmann::json::object();
        for (size_t r = 0; r < REASONS; ++r)
        {
            uint64_t total = 0;
            for (uint64_t n : g.drops[r])
            {
                total += n;
            }
            if (total > 0)
            {
                drops[ToString(static_cast<IpsecDropReason>(r))] = g.drops[r];
            }
        }
        nlohmann::json json = {{"goodput_out_bps", g.goodputOutBps},
                               {"goodput_in_bps", g.goodputInBps},
                               {"esp_sent_packets", g.espSent},
                               {"esp_received_packets", g.espReceived},
                               {"drops_packets", drops},
                               {"child_sas_installed", g.childSas}};
        if (g.daemon)
        {
            json["ike_exchanges"] = g.exchanges;
            json["child_sa_rekeys"] = g.childRekeys;
            json["ike_sa_rekeys"] = g.ikeRekeys;
        }
        if (g.cpu)
        {
            json["core_utilization"] = g.utilization;
            json["core_backlog_jobs"] = g.backlog;
        }
        gateways[g.name] = json;
    }
    return {{"interval_s", m_interval.GetSeconds()}, {"t_s", m_times}, {"gateways", gateways}};
}

} // namespace ns3
