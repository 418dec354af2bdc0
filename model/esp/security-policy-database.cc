/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "security-policy-database.h"

#include <algorithm>

namespace ns3
{

uint32_t
SecurityPolicyDatabase::Add(const SecurityPolicy& policy)
{
    uint32_t id = m_nextId++;
    const SecurityPolicy& stored = m_policies.emplace(id, policy).first->second;
    m_byInterface[policy.interfaceId].Add(&stored, id);
    if (policy.action == PolicyAction::PROTECT)
    {
        m_protectByReqid.emplace(policy.reqid, id); // keeps the oldest
    }
    return id;
}

bool
SecurityPolicyDatabase::Remove(uint32_t id)
{
    auto it = m_policies.find(id);
    if (it == m_policies.end())
    {
        return false;
    }
    uint32_t reqid = it->second.reqid;
    auto ofInterface = m_byInterface.find(it->second.interfaceId);
    ofInterface->second.Remove(&it->second);
    if (ofInterface->second.IsEmpty())
    {
        m_byInterface.erase(ofInterface);
    }
    m_policies.erase(it);
    auto byReqid = m_protectByReqid.find(reqid);
    if (byReqid != m_protectByReqid.end() && byReqid->second == id)
    {
        m_protectByReqid.erase(byReqid);
        for (const auto& [otherId, policy] : m_policies) // the next oldest, if any
        {
            if (policy.action == PolicyAction::PROTECT && policy.reqid == reqid)
            {
                m_protectByReqid.emplace(reqid, otherId);
                break;
            }
        }
    }
    return true;
}

const SecurityPolicy*
SecurityPolicyDatabase::LookupOutbound(uint32_t interfaceId, const FlowTuple& t) const
{
    auto ofInterface = m_byInterface.find(interfaceId);
    return ofInterface == m_byInterface.end() ? nullptr : ofInterface->second.Lookup(t);
}

const SecurityPolicy*
SecurityPolicyDatabase::FindByReqid(uint32_t reqid) const
{
    auto it = m_protectByReqid.find(reqid);
    return it == m_protectByReqid.end() ? nullptr : &m_policies.at(it->second);
}

size_t
SecurityPolicyDatabase::Size() const
{
    return m_policies.size();
}

} // namespace ns3
