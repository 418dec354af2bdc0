/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "policy-destination-index.h"

#include <algorithm>

namespace ns3
{

std::pair<uint32_t, uint32_t>
PolicyDestinationIndex::Blocks(const SecurityPolicy& policy)
{
    return {policy.remote.startAddress.Get() >> 8, policy.remote.endAddress.Get() >> 8};
}

void
PolicyDestinationIndex::Add(const SecurityPolicy* policy, uint32_t age)
{
    auto [first, last] = Blocks(*policy);
    if (last < first || last - first >= MAX_BLOCKS)
    {
        m_wide.push_back({policy, age});
    }
    else
    {
        for (uint32_t block = first; block <= last; ++block)
        {
            m_byBlock[block].push_back({policy, age});
        }
    }
    m_count++;
}

void
PolicyDestinationIndex::Erase(std::vector<Entry>& entries, const SecurityPolicy* policy)
{
    entries.erase(std::find_if(
        entries.begin(), entries.end(), [policy](const Entry& e) { return e.policy == policy; }));
}

void
PolicyDestinationIndex::Remove(const SecurityPolicy* policy)
{
    auto [first, last] = Blocks(*policy);
    if (last < first || last - first >= MAX_BLOCKS)
    {
        Erase(m_wide, policy);
    }
    else
    {
        for (uint32_t block = first; block <= last; ++block)
        {
            auto it = m_byBlock.find(block);
            Erase(it->second, policy);
            if (it->second.empty())
            {
                m_byBlock.erase(it);
            }
        }
    }
    m_count--;
}

void
PolicyDestinationIndex::Best(const std::vector<Entry>& entries,
                             const FlowTuple& t,
                             const Entry*& best)
{
    for (const Entry& entry : entries)
    {
        const SecurityPolicy& policy = *entry.policy;
        if (best != nullptr
            && (policy.priority > best->policy->priority
                || (policy.priority == best->policy->priority && entry.age > best->age)))
        {
            continue; // cannot win: check the cheap part first
        }
        if (policy.local.Matches(t.source, t.protocol, t.sourcePort)
            && policy.remote.Matches(t.destination, t.protocol, t.destinationPort))
        {
            best = &entry;
        }
    }
}

const SecurityPolicy*
PolicyDestinationIndex::Lookup(const FlowTuple& tuple) const
{
    const Entry* best = nullptr;
    auto block = m_byBlock.find(tuple.destination.Get() >> 8);
    if (block != m_byBlock.end())
    {
        Best(block->second, tuple, best);
    }
    Best(m_wide, tuple, best);
    return best ? best->policy : nullptr;
}

bool
PolicyDestinationIndex::IsEmpty() const
{
    return m_count == 0;
}

} // namespace ns3
