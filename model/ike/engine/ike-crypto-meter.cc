/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-crypto-meter.h"

#include "ns3/cpu-cost-model.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeCryptoMeter");

IkeCryptoMeter::IkeCryptoMeter()
{
    m_counts.fill(0);
    m_times.fill(Seconds(0));
}

void
IkeCryptoMeter::Enable(Ptr<const IkeCryptoCost> cost, Ptr<const CpuCostModel> packetModel)
{
    NS_ABORT_MSG_UNLESS(cost && packetModel, "IkeCryptoMeter: Enable needs both cost models");
    m_cost = cost;
    m_packetModel = packetModel;
}

bool
IkeCryptoMeter::IsEnabled() const
{
    return m_cost != nullptr;
}

void
IkeCryptoMeter::Record(const IkeCryptoOperation& operation)
{
    if (!m_cost)
    {
        return;
    }
    Time time = m_cost->GetTime(operation, *m_packetModel);
    NS_LOG_LOGIC(ToString(operation.op) << " " << operation.bytes << " B: " << time);
    auto kind = static_cast<size_t>(operation.op);
    m_counts[kind]++;
    m_times[kind] += time;
    m_pending += time;
    m_total += time;
}

Time
IkeCryptoMeter::TakePending()
{
    Time pending = m_pending;
    m_pending = Seconds(0);
    return pending;
}

uint64_t
IkeCryptoMeter::GetCount(IkeCryptoOp op) const
{
    return m_counts[static_cast<size_t>(op)];
}

Time
IkeCryptoMeter::GetTime(IkeCryptoOp op) const
{
    return m_times[static_cast<size_t>(op)];
}

Time
IkeCryptoMeter::GetTotalTime() const
{
    return m_total;
}

} // namespace ns3
