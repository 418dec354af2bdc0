/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "security-policy-database.h"

namespace ns3
{

uint32_t
SecurityPolicyDatabase::Add(const SecurityPolicy& policy)
{
    uint32_t id = m_nextId++;
    m_policies.emplace(id, policy);
    return id;
}

bool
SecurityPolicyDatabase::Remove(uint32_t id)
{
    return m_policies.erase(id) > 0;
}

const SecurityPolicy*
SecurityPolicyDatabase::LookupOutbound(uint32_t interfaceId, const FlowTuple& t) const
{
    const SecurityPolicy* best = nullptr;
    for (const auto& [id, policy] : m_policies)
    {
        if (policy.interfaceId == interfaceId
            && policy.local.Matches(t.source, t.protocol, t.sourcePort)
            && policy.remote.Matches(t.destination, t.protocol, t.destinationPort)
            && (best == nullptr || policy.priority < best->priority))
        {
            best = &policy;
        }
    }
    return best;
}

const SecurityPolicy*
SecurityPolicyDatabase::FindByReqid(uint32_t reqid) const
{
    for (const auto& [id, policy] : m_policies)
    {
        if (policy.action == PolicyAction::PROTECT && policy.reqid == reqid)
        {
            return &policy;
        }
    }
    return nullptr;
}

size_t
SecurityPolicyDatabase::Size() const
{
    return m_policies.size();
}

} // namespace ns3
