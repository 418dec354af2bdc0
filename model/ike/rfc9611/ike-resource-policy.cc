/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-resource-policy.h"

#include "ike-resource-group.h"

#include "ns3/ike-session.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeResourcePolicy");

NS_OBJECT_ENSURE_REGISTERED(IkeResourcePolicy);

TypeId
IkeResourcePolicy::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeResourcePolicy").SetParent<Object>().SetGroupName("Ipsec");
    return tid;
}

IkeResourcePolicy::IkeResourcePolicy() = default;

IkeResourcePolicy::~IkeResourcePolicy() = default;

void
IkeResourcePolicy::Start(IkeResourceGroup& group, IkeSession& session)
{
    // Only the IKE SA's initiator starts a group's growth at once: if both did, each CPU
    // would get two SAs.
    if (group.IsActive() && session.GetSa().IsInitiator())
    {
        DoStart(group, session);
    }
}

void
IkeResourcePolicy::Acquire(IkeResourceGroup& group, IkeSession& session, uint32_t cpu)
{
    if (group.IsActive())
    {
        DoAcquire(group, session, cpu);
    }
}

void
IkeResourcePolicy::DoStart(IkeResourceGroup& /* group */, IkeSession& /* session */)
{
}

void
IkeResourcePolicy::DoAcquire(IkeResourceGroup& /* group */,
                             IkeSession& /* session */,
                             uint32_t /* cpu */)
{
}

} // namespace ns3
