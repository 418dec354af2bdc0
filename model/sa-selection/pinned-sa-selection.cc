/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "pinned-sa-selection.h"

#include "ns3/cpu-core.h"
#include "ns3/cpu-model.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(PinnedSaSelection);

TypeId
PinnedSaSelection::GetTypeId()
{
    static TypeId tid = TypeId("ns3::PinnedSaSelection")
                            .SetParent<SaSelectionPolicy>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<PinnedSaSelection>();
    return tid;
}

std::string
PinnedSaSelection::GetKeyword() const
{
    return "pinned";
}

Ptr<CpuCore>
PinnedSaSelection::DoChooseCore(const IpsecSa& sa, Ptr<CpuCore> current, const CpuModel& cpus) const
{
    uint32_t owner = sa.Params().cpu == SaParams::NO_CPU ? 0 : sa.Params().cpu;
    return cpus.GetCore(owner % cpus.GetNCores());
}

} // namespace ns3
