/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_STRONGSWAN_CPU_ASSIGNER_H
#define IPSEC_STRONGSWAN_CPU_ASSIGNER_H

#include "ike-cpu-assigner.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief strongSwan's get_cpu() (child_create.c): after the fallback, the highest CPU without an
 * SA of the group, walking down from cpuCount - 1 to 1; when those all have one, CPU 0, whether
 * or not it has one already (so CPU 0 may hold several SAs, of which only one is used).
 */
class StrongswanCpuAssigner : public IkeCpuAssigner
{
  public:
    /// \returns the TypeId
    static TypeId GetTypeId();
    StrongswanCpuAssigner();

  private:
    uint32_t DoAssign(const std::vector<uint32_t>& groupCpus, uint32_t cpuCount) override;
};

} // namespace ns3

#endif /* IPSEC_STRONGSWAN_CPU_ASSIGNER_H */
