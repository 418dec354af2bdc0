/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_CPU_ASSIGNER_H
#define IPSEC_IKE_CPU_ASSIGNER_H

#include "ns3/object.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Picks the local CPU of a Child SA that a gateway creates as the responder of an RFC 9611
 * group (the peer's Resource Identifier is only for debugging, RFC 9611 section 5.1, so each side
 * binds its SAs on its own). Assign() makes the group's first SA the fallback (bound to no CPU),
 * as strongSwan and libreswan both do; the variants choose the CPU of the others (DoAssign).
 */
class IkeCpuAssigner : public Object
{
  public:
    /// \returns the TypeId
    static TypeId GetTypeId();
    IkeCpuAssigner();
    ~IkeCpuAssigner() override;

    /**
     * \brief Chooses the CPU of a new SA of a group.
     * \param groupCpus the CPUs of the group's outbound SAs in use (SaParams::NO_CPU for an
     *        unbound one)
     * \param cpuCount the CPUs of this gateway (at least 1)
     * \returns SaParams::NO_CPU if the group has no unbound (fallback) SA yet, else a CPU below
     *          cpuCount
     */
    uint32_t Assign(const std::vector<uint32_t>& groupCpus, uint32_t cpuCount);

  private:
    /**
     * \param groupCpus the CPUs of the group's outbound SAs (one of them is the fallback)
     * \param cpuCount the CPUs of this gateway (at least 1)
     * \returns a CPU below cpuCount
     */
    virtual uint32_t DoAssign(const std::vector<uint32_t>& groupCpus, uint32_t cpuCount) = 0;
};

} // namespace ns3

#endif /* IPSEC_IKE_CPU_ASSIGNER_H */
