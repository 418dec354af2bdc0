/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "node-locality.h"

#include "ns3/fatal-error.h"
#include "ns3/global-value.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

namespace ns3
{

bool
NodeLocality::IsDistributed()
{
    StringValue type;
    GlobalValue::GetValueByName("SimulatorImplementationType", type);
    return type.Get() == "ns3::DistributedSimulatorImpl"
           || type.Get() == "ns3::NullMessageSimulatorImpl";
}

bool
NodeLocality::IsLocal(Ptr<const Node> node)
{
    return node->GetSystemId() == Simulator::GetSystemId();
}

void
NodeLocality::RequireLocal(Ptr<const Node> node, const std::string& user)
{
    if (!IsLocal(node))
    {
        NS_FATAL_ERROR(user << ": node " << node->GetId() << " runs in process "
                            << node->GetSystemId() << ", not in this one ("
                            << Simulator::GetSystemId()
                            << "); read it in its own process and merge the results there");
    }
}

void
NodeLocality::RequireSingleProcess(const std::string& user, const std::string& reason)
{
    if (IsDistributed())
    {
        NS_FATAL_ERROR(user << " cannot run under the distributed simulator: " << reason);
    }
}

} // namespace ns3
