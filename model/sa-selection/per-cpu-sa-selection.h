/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PER_CPU_SA_SELECTION_H
#define PER_CPU_SA_SELECTION_H

#include "sa-selection-policy.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Each core its own SA, the fallback SA meanwhile (RFC 9611 as Linux 6.13's
 * XFRM_POLICY_CPU_ACQUIRE selects): the sending core's SA if it has one; otherwise the fallback
 * (unbound) SA carries the packet and one acquire for that core goes out; with no fallback
 * either, an ordinary acquire asks for the fallback. SAs of other cores are never used.
 */
class PerCpuSaSelection : public SaSelectionPolicy
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    std::string GetKeyword() const override;

  protected:
    SaChoice DoSelectOutbound(const SecurityAssociationDatabase& sad,
                              uint32_t reqid,
                              uint32_t core) const override;
};

} // namespace ns3

#endif // PER_CPU_SA_SELECTION_H
