/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_EAGER_RESOURCE_POLICY_H
#define IPSEC_EAGER_RESOURCE_POLICY_H

#include "ike-resource-policy.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief libreswan's clones=N (PR #2856): the IKE SA's initiator asks for Count additional
 * Child SAs right after the first, CPUs 0, 1, ... in turn; per-CPU acquires are not answered.
 */
class EagerResourcePolicy : public IkeResourcePolicy
{
  public:
    /// \returns the TypeId
    static TypeId GetTypeId();
    EagerResourcePolicy();

  private:
    void DoStart(IkeResourceGroup& group, IkeSession& session) override;

    uint32_t m_count; ///< additional SAs (0: one per CPU of the gateway, clones=yes)
};

} // namespace ns3

#endif /* IPSEC_EAGER_RESOURCE_POLICY_H */
