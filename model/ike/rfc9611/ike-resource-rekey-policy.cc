/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-resource-rekey-policy.h"

#include "ike-resource-group.h"

#include "ns3/ike-child-sa.h"
#include "ns3/sa-params.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IkeResourceRekeyPolicy);

TypeId
IkeResourceRekeyPolicy::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::IkeResourceRekeyPolicy").SetParent<Object>().SetGroupName("Ipsec");
    return tid;
}

IkeResourceRekeyPolicy::IkeResourceRekeyPolicy() = default;

IkeResourceRekeyPolicy::~IkeResourceRekeyPolicy() = default;

bool
IkeResourceRekeyPolicy::IgnoresSoftExpire(const IkeChildSa& child) const
{
    // The fallback and regular SAs are rekeyed as any Child SA under every policy.
    return child.perResource && child.cpu != SaParams::NO_CPU && DoIgnoresSoftExpire(child);
}

void
IkeResourceRekeyPolicy::InitialRekeyed(IkeResourceGroup& group, IkeSession& session)
{
    if (group.IsActive())
    {
        DoInitialRekeyed(group, session);
    }
}

void
IkeResourceRekeyPolicy::InitialGone(IkeResourceGroup& group, IkeSession& session)
{
    DoInitialGone(group, session);
}

bool
IkeResourceRekeyPolicy::DoIgnoresSoftExpire(const IkeChildSa& /* child */) const
{
    return false;
}

void
IkeResourceRekeyPolicy::DoInitialRekeyed(IkeResourceGroup& /* group */, IkeSession& /* session */)
{
}

void
IkeResourceRekeyPolicy::DoInitialGone(IkeResourceGroup& /* group */, IkeSession& /* session */)
{
}

} // namespace ns3
