/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_WITH_INITIAL_REKEY_POLICY_H
#define IPSEC_WITH_INITIAL_REKEY_POLICY_H

#include "ike-resource-rekey-policy.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief libreswan (PR #2856): the additional SAs have no rekey of their own; when this side
 * rekeys the initial (fallback) SA each is deleted and negotiated again (same CPU), and when
 * the initial SA dies without a rekey they are deleted ("If this is an Initial SA, also delete
 * its Additional SAs").
 */
class WithInitialRekeyPolicy : public IkeResourceRekeyPolicy
{
  public:
    /// \returns the TypeId
    static TypeId GetTypeId();
    WithInitialRekeyPolicy();

  private:
    bool DoIgnoresSoftExpire(const IkeChildSa& child) const override;
    void DoInitialRekeyed(IkeResourceGroup& group, IkeSession& session) override;
    void DoInitialGone(IkeResourceGroup& group, IkeSession& session) override;
};

} // namespace ns3

#endif /* IPSEC_WITH_INITIAL_REKEY_POLICY_H */
