/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef RECEIVE_STEERING_HELPER_H
#define RECEIVE_STEERING_HELPER_H

#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/receive-steering.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Installs ReceiveSteering on nodes and makes their devices multi-queue NICs; reports
 * per-queue figures for metrics.json.
 *
 * The nodes need an IPv4 stack with the devices' addresses assigned, and a CpuModel
 * (CpuHelper):
 * \code
 * ReceiveSteeringHelper rss;
 * rss.Configure(topology.WanDevices(), RssHashInput::LookupKeyword("outer-spi"));
 * \endcode
 */
class ReceiveSteeringHelper
{
  public:
    ReceiveSteeringHelper();

    /**
     * \brief Sets an attribute of every ReceiveSteering this helper creates.
     * \param name the attribute
     * \param value its value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \param nodes nodes without a ReceiveSteering
     * \return the ReceiveSteering installed on each node, in the same order
     */
    std::vector<Ptr<ReceiveSteering>> Install(NodeContainer nodes) const;

    /**
     * \param node a node without a ReceiveSteering (aborts if it has one)
     * \return the ReceiveSteering installed on it
     */
    Ptr<ReceiveSteering> Install(Ptr<Node> node) const;

    /**
     * \brief Configures each device of \p devices (ReceiveSteering::ConfigureDevice), first
     * installing a ReceiveSteering on its node if the node has none.
     * \param devices the devices
     * \param input what the hash covers
     * \param queues receive queues per device; 0 means one per core of the device's node
     */
    void Configure(NetDeviceContainer devices, TypeId input, uint32_t queues = 0) const;

    /**
     * \param steering a node's ReceiveSteering
     * \return an array, by configured device: {"device" (interface index), "hash_input",
     *         "queues": [{"queue", "core", "packets", "bytes", "drops"}]}
     */
    static nlohmann::json Metrics(Ptr<ReceiveSteering> steering);

  private:
    ObjectFactory m_factory; //!< creates the ReceiveSteering objects
};

} // namespace ns3

#endif // RECEIVE_STEERING_HELPER_H
