/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef RECEIVE_STEERING_H
#define RECEIVE_STEERING_H

#include "rss-hash-input.h"

#include "ns3/address.h"
#include "ns3/net-device.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

class CpuModel;
class Node;
class Packet;
class TrafficControlLayer;

/**
 * \ingroup ipsec
 * \brief Receive-side steering of a node: multi-queue NICs whose RSS hash, indirection table
 * and ntuple rules choose a receive queue per IPv4 packet, each queue's interrupts pinned to a
 * core (IRQ affinity). The packet then waits for that core and costs it the receive stage of
 * the cost model before the IP stack sees it.
 *
 * Aggregated to a Node with an IPv4 stack and a CpuModel (ReceiveSteeringHelper does it).
 * Devices that are not configured deliver as before, on no core.
 *
 * Per configured device, like Linux: N queues (default: one per core), a 128-entry indirection
 * table indexed by the low 7 bits of the Toeplitz hash (default: round-robin over the queues,
 * `ethtool -X DEV equal N`), queue i served by core i mod cores (`set_irq_affinity`), and ntuple
 * rules that win over the hash (`ethtool -N DEV flow-type esp4 spi X action Q`, `flow-type udp4
 * src-port P action Q`). A packet the hash input cannot parse (not IPv4) goes to queue 0.
 * Fragments hash on the addresses only, as NICs do. A packet whose core has a full backlog is
 * dropped and counted for its queue.
 */
class ReceiveSteering : public Object
{
  public:
    static constexpr uint32_t INDIRECTION_TABLE_SIZE = 128; //!< entries, as in most NICs

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    ReceiveSteering();
    ~ReceiveSteering() override;

    /// Signature of the "Steer" and "Drop" trace sources.
    typedef void (*QueueTracedCallback)(Ptr<const Packet> packet,
                                        Ptr<NetDevice> device,
                                        uint32_t queue,
                                        uint32_t core);

    /// Per-queue counters.
    struct QueueStats
    {
        uint64_t packets{0}; //!< packets handed to the queue's core
        uint64_t bytes{0};   //!< their bytes (IPv4 packets)
        uint64_t drops{0};   //!< packets dropped because the core's backlog was full
    };

    /**
     * \brief Makes \p device a multi-queue NIC steered by this object, or reconfigures it
     * (which resets its indirection table, queue-to-core map, key and statistics; rules stay
     * if their queues still exist).
     *
     * The device's IPv4 interface must exist already (assign addresses first): from then on
     * this object, not the traffic-control layer, receives the device's IPv4 packets.
     *
     * \param device a device of this node
     * \param input what the hash covers: a subclass of RssHashInput
     * (RssHashInput::LookupKeyword maps the keywords inner, outer, outer-spi, udp) \param
     * queues the number of receive queues; 0 means one per core
     */
    void ConfigureDevice(Ptr<NetDevice> device, TypeId input, uint32_t queues = 0);

    /// \return true if ConfigureDevice was called for \p device
    bool IsConfigured(Ptr<NetDevice> device) const;

    /// \return the hash input of \p device (its TypeId)
    TypeId GetHashInput(Ptr<NetDevice> device) const;

    /// \return the number of receive queues of \p device
    uint32_t GetNQueues(Ptr<NetDevice> device) const;

    /// Pins the interrupts of \p queue of \p device to \p core (IRQ affinity).
    void SetQueueCore(Ptr<NetDevice> device, uint32_t queue, uint32_t core);

    /// \return the core that serves \p queue of \p device
    uint32_t GetQueueCore(Ptr<NetDevice> device, uint32_t queue) const;

    /**
     * \brief Replaces the indirection table of \p device (`ethtool -X DEV weight ...`).
     * \param device a configured device
     * \param table INDIRECTION_TABLE_SIZE queue numbers, each below GetNQueues(device)
     */
    void SetIndirectionTable(Ptr<NetDevice> device, const std::vector<uint32_t>& table);

    /// \return the indirection table of \p device
    const std::vector<uint32_t>& GetIndirectionTable(Ptr<NetDevice> device) const;

    /// Replaces the Toeplitz key of \p device (`ethtool -X DEV hkey ...`); at least 16 bytes.
    void SetHashKey(Ptr<NetDevice> device, const std::vector<uint8_t>& key);

    /// Sends ESP (protocol 50) packets with \p spi to \p queue (`flow-type esp4 spi`).
    void AddSpiRule(Ptr<NetDevice> device, uint32_t spi, uint32_t queue);

    /// Removes the rule for \p spi; \return false if there was none.
    bool RemoveSpiRule(Ptr<NetDevice> device, uint32_t spi);

    /// Sends UDP packets from source port \p port to \p queue (`flow-type udp4 src-port`).
    void AddUdpSourcePortRule(Ptr<NetDevice> device, uint16_t port, uint32_t queue);

    /// Removes the rule for source port \p port; \return false if there was none.
    bool RemoveUdpSourcePortRule(Ptr<NetDevice> device, uint16_t port);

    /**
     * \param device a configured device
     * \param packet an IPv4 packet as the device delivers it (starting with the IPv4 header)
     * \return the RSS hash \p device computes for \p packet (0 if the input does not parse)
     */
    uint32_t GetHash(Ptr<NetDevice> device, Ptr<const Packet> packet) const;

    /**
     * \param device a configured device
     * \param packet an IPv4 packet as the device delivers it (starting with the IPv4 header)
     * \return the receive queue \p device chooses for \p packet: a matching rule, else the
     *         indirection table entry of the hash
     */
    uint32_t GetQueueFor(Ptr<NetDevice> device, Ptr<const Packet> packet) const;

    /// \return the counters of \p queue of \p device
    QueueStats GetQueueStats(Ptr<NetDevice> device, uint32_t queue) const;

    /// \return the devices this object steers, in the order they were configured
    std::vector<Ptr<NetDevice>> GetDevices() const;

  protected:
    void DoDispose() override;

  private:
    /// The state of one steered device.
    struct DeviceState
    {
        Ptr<RssHashInput> input;                     //!< what the hash covers
        std::vector<uint8_t> key;                    //!< Toeplitz key
        std::vector<uint32_t> table;                 //!< indirection table
        std::vector<uint32_t> queueCore;             //!< queue -> core
        std::vector<QueueStats> stats;               //!< per queue
        std::map<uint32_t, uint32_t> spiRules;       //!< SPI -> queue
        std::map<uint16_t, uint32_t> udpSourceRules; //!< UDP source port -> queue
    };

    /// \return the state of \p device (aborts with a message if it is not configured)
    DeviceState& GetState(Ptr<NetDevice> device, const char* caller);
    /// \copydoc GetState
    const DeviceState& GetState(Ptr<NetDevice> device, const char* caller) const;

    /// Checks \p queue against the queues of \p state (aborts with a message otherwise).
    static void CheckQueue(const DeviceState& state, uint32_t queue, const char* caller);

    /// \return the hash of \p packet under the settings of \p state
    static uint32_t Hash(const DeviceState& state, Ptr<const Packet> packet);

    /// \return the queue of \p packet under the settings of \p state
    static uint32_t SelectQueue(const DeviceState& state, Ptr<const Packet> packet);

    /// Finds the node, its traffic-control layer and CPU model (aborts if one is missing).
    void Bind();

    /// Makes this object the node's IPv4 receive handler of \p device (see the .cc for how).
    void TakeOverIpv4(Ptr<NetDevice> device);

    /// The node's protocol handler for IPv4 on steered devices.
    void Receive(Ptr<NetDevice> device,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 const Address& from,
                 const Address& to,
                 NetDevice::PacketType packetType);

    Ptr<Node> m_node;                                //!< the node
    Ptr<TrafficControlLayer> m_tc;                   //!< where received packets go next
    Ptr<CpuModel> m_cpu;                             //!< the node's cores and cost model
    std::map<Ptr<NetDevice>, DeviceState> m_devices; //!< steered devices
    std::vector<Ptr<NetDevice>> m_order;             //!< steered devices, in configuration order

    TracedCallback<Ptr<const Packet>, Ptr<NetDevice>, uint32_t, uint32_t> m_steerTrace;
    TracedCallback<Ptr<const Packet>, Ptr<NetDevice>, uint32_t, uint32_t> m_dropTrace;
};

} // namespace ns3

#endif // RECEIVE_STEERING_H
