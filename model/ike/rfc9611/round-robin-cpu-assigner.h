/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_ROUND_ROBIN_CPU_ASSIGNER_H
#define IPSEC_ROUND_ROBIN_CPU_ASSIGNER_H

#include "ike-cpu-assigner.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief libreswan's round-robin binding per connection (PR #2856): after the fallback, CPUs
 * 0, 1, ..., cpuCount - 1, 0, ... in turn, whatever the SAs of the group already hold. One
 * assigner per group, since the turn is its state.
 */
class RoundRobinCpuAssigner : public IkeCpuAssigner
{
  public:
    /// \returns the TypeId
    static TypeId GetTypeId();
    RoundRobinCpuAssigner();

  private:
    uint32_t DoAssign(const std::vector<uint32_t>& groupCpus, uint32_t cpuCount) override;

    uint32_t m_next{0}; ///< SAs bound so far (the next turn)
};

} // namespace ns3

#endif /* IPSEC_ROUND_ROBIN_CPU_ASSIGNER_H */
