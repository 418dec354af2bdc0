/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PINNED_SA_SELECTION_H
#define PINNED_SA_SELECTION_H

#include "sa-selection-policy.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One SA, all its packets handed to the core the SA is bound to (SaParams::cpu, core 0
 * if unbound), as a deployment that pins an SA's crypto to one core.
 */
class PinnedSaSelection : public SaSelectionPolicy
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    std::string GetKeyword() const override;

  protected:
    Ptr<CpuCore> DoChooseCore(const IpsecSa& sa,
                              Ptr<CpuCore> current,
                              const CpuModel& cpus) const override;
};

} // namespace ns3

#endif // PINNED_SA_SELECTION_H
