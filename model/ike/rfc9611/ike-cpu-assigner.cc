/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-cpu-assigner.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/sa-params.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeCpuAssigner");

NS_OBJECT_ENSURE_REGISTERED(IkeCpuAssigner);

TypeId
IkeCpuAssigner::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeCpuAssigner").SetParent<Object>().SetGroupName("Ipsec");
    return tid;
}

IkeCpuAssigner::IkeCpuAssigner() = default;

IkeCpuAssigner::~IkeCpuAssigner() = default;

uint32_t
IkeCpuAssigner::Assign(const std::vector<uint32_t>& groupCpus, uint32_t cpuCount)
{
    NS_ABORT_MSG_IF(cpuCount == 0, "IkeCpuAssigner: cpuCount must be at least 1");
    if (std::find(groupCpus.begin(), groupCpus.end(), SaParams::NO_CPU) == groupCpus.end())
    {
        // Packets of CPUs without an SA of their own need an unbound SA (RFC 9611 section 4).
        NS_LOG_LOGIC("no fallback SA yet: this one is");
        return SaParams::NO_CPU;
    }
    uint32_t cpu = DoAssign(groupCpus, cpuCount);
    NS_LOG_LOGIC("CPU " << cpu << " of " << cpuCount);
    return cpu;
}

} // namespace ns3
