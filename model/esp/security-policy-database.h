/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SECURITY_POLICY_DATABASE_H
#define SECURITY_POLICY_DATABASE_H

#include "flow-tuple.h"
#include "policy-destination-index.h"
#include "security-policy.h"

#include <cstdint>
#include <map>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The SPD of one node: policies in priority order, looked up per packet among the
 * policies of the packet's IPsec interface (indexed by destination: PolicyDestinationIndex).
 */
class SecurityPolicyDatabase
{
  public:
    /// Adds \p policy; \return its id, for Remove().
    uint32_t Add(const SecurityPolicy& policy);

    /// \return whether a policy with \p id existed.
    bool Remove(uint32_t id);

    /// \return the best (lowest priority value, then oldest) policy of \p interfaceId whose
    /// local selector matches the source side of \p tuple and remote one the destination side,
    /// or nullptr.
    const SecurityPolicy* LookupOutbound(uint32_t interfaceId, const FlowTuple& tuple) const;

    /// \return the policy of \p reqid, or nullptr.
    const SecurityPolicy* FindByReqid(uint32_t reqid) const;

    /// \return how many policies are installed.
    size_t Size() const;

  private:
    uint32_t m_nextId{1};
    std::map<uint32_t, SecurityPolicy> m_policies; //!< by id, so iteration is insertion order
    std::unordered_map<uint32_t, uint32_t> m_protectByReqid; //!< reqid -> oldest PROTECT policy id
    /// interface id -> its policies (nodes of m_policies, which do not move): a lookup only
    /// considers the policies of the interface the packet was routed to (one per tunnel unless
    /// the interface is shared), and of those the ones that cover its destination
    std::unordered_map<uint32_t, PolicyDestinationIndex> m_byInterface;
};

} // namespace ns3

#endif // SECURITY_POLICY_DATABASE_H
