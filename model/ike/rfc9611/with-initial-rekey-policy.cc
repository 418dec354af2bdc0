/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "with-initial-rekey-policy.h"

#include "ike-resource-group.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("WithInitialRekeyPolicy");

NS_OBJECT_ENSURE_REGISTERED(WithInitialRekeyPolicy);

TypeId
WithInitialRekeyPolicy::GetTypeId()
{
    static TypeId tid = TypeId("ns3::WithInitialRekeyPolicy")
                            .SetParent<IkeResourceRekeyPolicy>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<WithInitialRekeyPolicy>();
    return tid;
}

WithInitialRekeyPolicy::WithInitialRekeyPolicy() = default;

bool
WithInitialRekeyPolicy::DoIgnoresSoftExpire(const IkeChildSa& /* child */) const
{
    return true; // made again when the initial one is rekeyed
}

void
WithInitialRekeyPolicy::DoInitialRekeyed(IkeResourceGroup& group, IkeSession& session)
{
    group.RecreateAdditional(session);
}

void
WithInitialRekeyPolicy::DoInitialGone(IkeResourceGroup& group, IkeSession& session)
{
    group.DeleteAdditional(session);
}

} // namespace ns3
