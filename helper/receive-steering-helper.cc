/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "receive-steering-helper.h"

#include "ns3/abort.h"
#include "ns3/node.h"

namespace ns3
{

ReceiveSteeringHelper::ReceiveSteeringHelper()
{
    m_factory.SetTypeId(ReceiveSteering::GetTypeId());
}

void
ReceiveSteeringHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

std::vector<Ptr<ReceiveSteering>>
ReceiveSteeringHelper::Install(NodeContainer nodes) const
{
    std::vector<Ptr<ReceiveSteering>> installed;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        installed.push_back(Install(*it));
    }
    return installed;
}

Ptr<ReceiveSteering>
ReceiveSteeringHelper::Install(Ptr<Node> node) const
{
    NS_ABORT_MSG_IF(node->GetObject<ReceiveSteering>(),
                    "node " << node->GetId() << " has a ReceiveSteering already");
    Ptr<ReceiveSteering> steering = m_factory.Create<ReceiveSteering>();
    node->AggregateObject(steering);
    return steering;
}

void
ReceiveSteeringHelper::Configure(NetDeviceContainer devices, TypeId input, uint32_t queues) const
{
    for (auto it = devices.Begin(); it != devices.End(); ++it)
    {
        Ptr<Node> node = (*it)->GetNode();
        Ptr<ReceiveSteering> steering = node->GetObject<ReceiveSteering>();
        if (!steering)
        {
            steering = Install(node);
        }
        steering->ConfigureDevice(*it, input, queues);
    }
}

nlohmann::json
ReceiveSteeringHelper::Metrics(Ptr<ReceiveSteering> steering)
{
    nlohmann::json devices = nlohmann::json::array();
    for (const auto& device : steering->GetDevices())
    {
        nlohmann::json queues = nlohmann::json::array();
        for (uint32_t q = 0; q < steering->GetNQueues(device); ++q)
        {
            ReceiveSteering::QueueStats stats = steering->GetQueueStats(device, q);
            queues.push_back({{"queue", q},
                              {"core", steering->GetQueueCore(device, q)},
                              {"packets", stats.packets},
                              {"bytes", stats.bytes},
                              {"drops", stats.drops}});
        }
        devices.push_back({{"device", device->GetIfIndex()},
                           {"hash_input", RssHashInput::GetKeyword(steering->GetHashInput(device))},
                           {"queues", queues}});
    }
    return devices;
}

} // namespace ns3
