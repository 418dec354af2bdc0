/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "per-cpu-sa-selection.h"

#include "ns3/security-association-database.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(PerCpuSaSelection);

TypeId
PerCpuSaSelection::GetTypeId()
{
    static TypeId tid = TypeId("ns3::PerCpuSaSelection")
                            .SetParent<SaSelectionPolicy>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<PerCpuSaSelection>();
    return tid;
}

std::string
PerCpuSaSelection::GetKeyword() const
{
    return "per-cpu";
}

SaChoice
PerCpuSaSelection::DoSelectOutbound(const SecurityAssociationDatabase& sad,
                                    uint32_t reqid,
                                    uint32_t core) const
{
    // Linux 6.13 xfrm_state_find(): this core's SA first; otherwise the fallback SA carries
    // the packet and one acquire for this core goes out; with no fallback either, an ordinary
    // acquire creates the fallback.
    SaChoice choice;
    if ((choice.sa = sad.SelectOutbound(reqid, core)))
    {
        return choice;
    }
    choice.sa = sad.SelectOutbound(reqid, SaParams::NO_CPU);
    choice.acquire = true;
    choice.acquireCpu = choice.sa ? core : SaParams::NO_CPU;
    return choice;
}

} // namespace ns3
