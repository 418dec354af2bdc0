/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "sa-selection-policy.h"

#include "per-cpu-sa-selection.h"
#include "pinned-sa-selection.h"
#include "single-sa-selection.h"

#include "ns3/cpu-core.h"
#include "ns3/cpu-model.h"
#include "ns3/object-factory.h"
#include "ns3/security-association-database.h"

#include <stdexcept>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(SaSelectionPolicy);

TypeId
SaSelectionPolicy::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SaSelectionPolicy").SetParent<Object>().SetGroupName("Ipsec");
    return tid;
}

SaSelectionPolicy::~SaSelectionPolicy() = default;

TypeId
SaSelectionPolicy::LookupKeyword(const std::string& keyword)
{
    // The one place where the keywords of the example options meet the variants.
    for (TypeId tid : {SingleSaSelection::GetTypeId(),
                       PinnedSaSelection::GetTypeId(),
                       PerCpuSaSelection::GetTypeId()})
    {
        ObjectFactory factory(tid.GetName());
        if (factory.Create<SaSelectionPolicy>()->GetKeyword() == keyword)
        {
            return tid;
        }
    }
    throw std::invalid_argument("unknown SA selection '" + keyword
                                + "': expected single, pinned or per-cpu");
}

Ptr<CpuCore>
SaSelectionPolicy::ChooseCore(const IpsecSa& sa, Ptr<CpuCore> current, const CpuModel& cpus) const
{
    return DoChooseCore(sa, current, cpus);
}

SaChoice
SaSelectionPolicy::DoSelectOutbound(const SecurityAssociationDatabase& sad,
                                    uint32_t reqid,
                                    uint32_t core) const
{
    SaChoice choice;
    choice.sa = sad.SelectOutbound(reqid);
    choice.acquire = !choice.sa;
    return choice;
}

Ptr<CpuCore>
SaSelectionPolicy::DoChooseCore(const IpsecSa& sa, Ptr<CpuCore> current, const CpuModel& cpus) const
{
    // Packets that did not arrive on a steered device run on the application's core.
    return current ? current : cpus.GetCore(cpus.GetApplicationCore());
}

} // namespace ns3
