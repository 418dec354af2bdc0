/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-helper.h"

#include "ns3/abort.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/node.h"

namespace ns3
{

IpsecHelper::IpsecHelper()
{
    m_factory.SetTypeId(IpsecDataPlane::GetTypeId());
}

void
IpsecHelper::SetDataPlaneAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

std::vector<Ptr<IpsecDataPlane>>
IpsecHelper::Install(NodeContainer nodes) const
{
    std::vector<Ptr<IpsecDataPlane>> planes;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        planes.push_back(Install(*it));
    }
    return planes;
}

Ptr<IpsecDataPlane>
IpsecHelper::Install(Ptr<Node> node) const
{
    NS_ABORT_MSG_IF(node->GetObject<IpsecDataPlane>(),
                    "node " << node->GetId() << " has an IPsec data plane already");
    NS_ABORT_MSG_UNLESS(node->GetObject<Ipv4L3Protocol>(),
                        "node " << node->GetId()
                                << " has no IPv4 stack: install InternetStackHelper first");
    Ptr<IpsecDataPlane> plane = m_factory.Create<IpsecDataPlane>();
    node->AggregateObject(plane);
    return plane;
}

int64_t
IpsecHelper::AssignStreams(NodeContainer nodes, int64_t stream) const
{
    int64_t current = stream;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        if (Ptr<IpsecDataPlane> plane = (*it)->GetObject<IpsecDataPlane>())
        {
            current += plane->AssignStreams(current);
        }
    }
    return current - stream;
}

} // namespace ns3
