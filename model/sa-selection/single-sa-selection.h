/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SINGLE_SA_SELECTION_H
#define SINGLE_SA_SELECTION_H

#include "sa-selection-policy.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One SA used by every core: they take its sequence counter in turn (the default, and
 * what Linux does without per-CPU SAs).
 */
class SingleSaSelection : public SaSelectionPolicy
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    std::string GetKeyword() const override;
};

} // namespace ns3

#endif // SINGLE_SA_SELECTION_H
