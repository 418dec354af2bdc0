/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "eager-resource-policy.h"

#include "ike-resource-group.h"

#include "ns3/ike-session.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EagerResourcePolicy");

NS_OBJECT_ENSURE_REGISTERED(EagerResourcePolicy);

TypeId
EagerResourcePolicy::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::EagerResourcePolicy")
              .SetParent<IkeResourcePolicy>()
              .SetGroupName("Ipsec")
              .AddConstructor<EagerResourcePolicy>()
              .AddAttribute(
                  "Count",
                  "Additional Child SAs asked for after the first (libreswan's clones=N); "
                  "0: one per CPU of the gateway (clones=yes)",
                  UintegerValue(0),
                  MakeUintegerAccessor(&EagerResourcePolicy::m_count),
                  MakeUintegerChecker<uint32_t>());
    return tid;
}

EagerResourcePolicy::EagerResourcePolicy() = default;

void
EagerResourcePolicy::DoStart(IkeResourceGroup& group, IkeSession& session)
{
    uint32_t cpuCount = session.GetConfig().cpuCount;
    uint32_t count = m_count ? m_count : cpuCount;
    NS_LOG_INFO("EAGER: " << count << " additional Child SAs");
    for (uint32_t i = 0; i < count; ++i)
    {
        group.QueueAdditional(session, i % cpuCount);
    }
}

} // namespace ns3
