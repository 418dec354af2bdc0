/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "cpu-helper.h"

#include "node-locality.h"

#include "ns3/abort.h"
#include "ns3/linear-cpu-cost-model.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/pointer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CpuHelper");

CpuHelper::CpuHelper()
{
    m_cpuFactory.SetTypeId(CpuModel::GetTypeId());
    m_costFactory.SetTypeId(LinearCpuCostModel::GetTypeId());
}

void
CpuHelper::SetCpuAttribute(const std::string& name, const AttributeValue& value)
{
    m_cpuFactory.Set(name, value);
}

void
CpuHelper::SetCostModelAttribute(const std::string& name, const AttributeValue& value)
{
    m_costFactory.Set(name, value);
}

std::vector<Ptr<CpuModel>>
CpuHelper::Install(NodeContainer nodes) const
{
    std::vector<Ptr<CpuModel>> cpus;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        cpus.push_back(Install(*it));
    }
    return cpus;
}

Ptr<CpuModel>
CpuHelper::Install(Ptr<Node> node) const
{
    NS_LOG_FUNCTION(this << node);
    NS_ABORT_MSG_IF(node->GetObject<CpuModel>(), "node " << node->GetId() << " has CPUs already");
    Ptr<CpuCostModel> cost = m_costFactory.Create<CpuCostModel>();
    NS_ABORT_MSG_UNLESS(
        cost, "CpuHelper: " << m_costFactory.GetTypeId().GetName() << " is not a CpuCostModel");
    Ptr<CpuModel> cpu = m_cpuFactory.Create<CpuModel>();
    cpu->SetAttribute("CostModel", PointerValue(cost));
    node->AggregateObject(cpu);
    cpu->GetCores();           // created now, with the node's id
    cpu->GetApplicationCore(); // checked against Cores now rather than at Initialize
    return cpu;
}

nlohmann::json
CpuHelper::Metrics(Ptr<CpuModel> cpu, Time interval)
{
    if (Ptr<Node> node = cpu->GetObject<Node>())
    {
        NodeLocality::RequireLocal(node, "CpuHelper::Metrics");
    }
    NS_ABORT_MSG_UNLESS(interval.IsStrictlyPositive(),
                        "CpuHelper::Metrics: the interval must be positive, got " << interval);
    nlohmann::json cores = nlohmann::json::array();
    for (const auto& core : cpu->GetCores())
    {
        cores.push_back({
            {"core", core->GetIndex()},
            {"utilization", core->GetUtilization(interval)},
            {"busy_s", core->GetBusyTime().GetSeconds()},
            {"jobs", core->GetJobsServed()},
            {"backlog_drops", core->GetBacklogDrops()},
        });
    }
    return cores;
}

} // namespace ns3
