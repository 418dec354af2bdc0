/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_RESOURCE_POLICY_H
#define IPSEC_IKE_RESOURCE_POLICY_H

#include "ns3/object.h"

#include <cstdint>

namespace ns3
{

class IkeResourceGroup;
class IkeSession;

/**
 * \ingroup ipsec
 * \brief When an initiator asks for the additional Child SAs of an RFC 9611 group (RFC 9611
 * section 4 leaves it to the implementation): on demand, per per-CPU acquire (strongSwan,
 * OnDemandResourcePolicy), or all at once after the first (libreswan's clones=N,
 * EagerResourcePolicy). Start and Acquire look at the group and call the variant's DoStart and
 * DoAcquire only when the group can grow.
 */
class IkeResourcePolicy : public Object
{
  public:
    /// \returns the TypeId
    static TypeId GetTypeId();
    IkeResourcePolicy();
    ~IkeResourcePolicy() override;

    /**
     * \brief The IKE SA and the group's first Child SA are up.
     * \param group the group \param session its IKE SA
     */
    void Start(IkeResourceGroup& group, IkeSession& session);
    /**
     * \brief The data plane raised a per-CPU acquire (Linux 6.13's XFRM_POLICY_CPU_ACQUIRE):
     * the fallback SA carries the packet meanwhile.
     * \param group the group \param session its IKE SA \param cpu the CPU of the acquire
     */
    void Acquire(IkeResourceGroup& group, IkeSession& session, uint32_t cpu);

  private:
    /// \param group an active group \param session its IKE SA (this side initiated it)
    virtual void DoStart(IkeResourceGroup& group, IkeSession& session);
    /// \param group an active group \param session its IKE SA \param cpu the CPU
    virtual void DoAcquire(IkeResourceGroup& group, IkeSession& session, uint32_t cpu);
};

} // namespace ns3

#endif /* IPSEC_IKE_RESOURCE_POLICY_H */
