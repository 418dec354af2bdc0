/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "strongswan-cpu-assigner.h"

#include <algorithm>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(StrongswanCpuAssigner);

TypeId
StrongswanCpuAssigner::GetTypeId()
{
    static TypeId tid = TypeId("ns3::StrongswanCpuAssigner")
                            .SetParent<IkeCpuAssigner>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<StrongswanCpuAssigner>();
    return tid;
}

StrongswanCpuAssigner::StrongswanCpuAssigner() = default;

uint32_t
StrongswanCpuAssigner::DoAssign(const std::vector<uint32_t>& groupCpus, uint32_t cpuCount)
{
    for (uint32_t cpu = cpuCount - 1; cpu >= 1; --cpu)
    {
        if (std::find(groupCpus.begin(), groupCpus.end(), cpu) == groupCpus.end())
        {
            return cpu;
        }
    }
    // strongSwan's loop ends at CPU_ID_MIN without looking whether it is taken.
    return 0;
}

} // namespace ns3
