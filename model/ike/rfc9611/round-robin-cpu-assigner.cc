/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "round-robin-cpu-assigner.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(RoundRobinCpuAssigner);

TypeId
RoundRobinCpuAssigner::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RoundRobinCpuAssigner")
                            .SetParent<IkeCpuAssigner>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<RoundRobinCpuAssigner>();
    return tid;
}

RoundRobinCpuAssigner::RoundRobinCpuAssigner() = default;

uint32_t
RoundRobinCpuAssigner::DoAssign(const std::vector<uint32_t>& /* groupCpus */, uint32_t cpuCount)
{
    return m_next++ % cpuCount;
}

} // namespace ns3
