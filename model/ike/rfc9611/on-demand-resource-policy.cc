/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "on-demand-resource-policy.h"

#include "ike-resource-group.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(OnDemandResourcePolicy);

TypeId
OnDemandResourcePolicy::GetTypeId()
{
    static TypeId tid = TypeId("ns3::OnDemandResourcePolicy")
                            .SetParent<IkeResourcePolicy>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<OnDemandResourcePolicy>();
    return tid;
}

OnDemandResourcePolicy::OnDemandResourcePolicy() = default;

void
OnDemandResourcePolicy::DoAcquire(IkeResourceGroup& group, IkeSession& session, uint32_t cpu)
{
    group.RequestAdditional(session, cpu);
}

} // namespace ns3
