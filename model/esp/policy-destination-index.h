/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef POLICY_DESTINATION_INDEX_H
#define POLICY_DESTINATION_INDEX_H

#include "flow-tuple.h"
#include "security-policy.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The policies of one IPsec interface, indexed by the /24 blocks their remote selector
 * covers, so that an outbound lookup walks only the policies that can match the destination.
 *
 * A hub's shared interface holds one policy per spoke; walking them all made each packet cost
 * O(spokes). A policy whose remote range covers at most MAX_BLOCKS blocks (a /16) is listed
 * under each; a wider one (e.g. 0.0.0.0/0) is on a short list every lookup also walks. The
 * result is the one a walk over all policies gives: lowest priority value, then oldest.
 */
class PolicyDestinationIndex
{
  public:
    /// Most /24 blocks a policy is listed under; wider policies go on the wide list.
    static constexpr uint32_t MAX_BLOCKS = 256;

    /// Adds \p policy (which must stay where it is until removed); \p age orders equal
    /// priorities: older (smaller) wins. Ages must grow with each Add.
    void Add(const SecurityPolicy* policy, uint32_t age);

    /// Removes \p policy, added before.
    void Remove(const SecurityPolicy* policy);

    /// \returns the best policy whose local selector matches the source side of \p tuple and
    /// remote one the destination side, or nullptr
    const SecurityPolicy* Lookup(const FlowTuple& tuple) const;

    /// \returns whether no policy is indexed
    bool IsEmpty() const;

  private:
    /// One indexed policy.
    struct Entry
    {
        const SecurityPolicy* policy;
        uint32_t age;
    };

    /// \returns the first and last /24 block of \p policy's remote range
    static std::pair<uint32_t, uint32_t> Blocks(const SecurityPolicy& policy);

    /// Replaces \p best by the better matching entry of \p entries.
    static void Best(const std::vector<Entry>& entries, const FlowTuple& tuple, const Entry*& best);

    /// Removes \p policy from \p entries.
    static void Erase(std::vector<Entry>& entries, const SecurityPolicy* policy);

    std::unordered_map<uint32_t, std::vector<Entry>> m_byBlock; //!< block -> policies, oldest first
    std::vector<Entry> m_wide;                                  //!< wider than MAX_BLOCKS
    size_t m_count{0};                                          //!< policies indexed
};

} // namespace ns3

#endif // POLICY_DESTINATION_INDEX_H
