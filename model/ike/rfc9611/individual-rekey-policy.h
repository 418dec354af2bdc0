/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_INDIVIDUAL_REKEY_POLICY_H
#define IPSEC_INDIVIDUAL_REKEY_POLICY_H

#include "ike-resource-rekey-policy.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief strongSwan: each SA of the group is rekeyed on its own lifetime and jitter (the new
 * SA keeps the CPU, child_rekey.c) and deleted on its own; nothing follows the fallback SA.
 */
class IndividualRekeyPolicy : public IkeResourceRekeyPolicy
{
  public:
    /// \returns the TypeId
    static TypeId GetTypeId();
    IndividualRekeyPolicy();
};

} // namespace ns3

#endif /* IPSEC_INDIVIDUAL_REKEY_POLICY_H */
