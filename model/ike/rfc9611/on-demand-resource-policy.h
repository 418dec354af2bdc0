/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_ON_DEMAND_RESOURCE_POLICY_H
#define IPSEC_ON_DEMAND_RESOURCE_POLICY_H

#include "ike-resource-policy.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief strongSwan's per_cpu_sas: one additional Child SA per per-CPU acquire, for a CPU that
 * has none and none under negotiation (strongSwan's trap manager de-duplicates acquires by
 * CPU), so only the CPUs that send get an SA.
 */
class OnDemandResourcePolicy : public IkeResourcePolicy
{
  public:
    /// \returns the TypeId
    static TypeId GetTypeId();
    OnDemandResourcePolicy();

  private:
    void DoAcquire(IkeResourceGroup& group, IkeSession& session, uint32_t cpu) override;
};

} // namespace ns3

#endif /* IPSEC_ON_DEMAND_RESOURCE_POLICY_H */
