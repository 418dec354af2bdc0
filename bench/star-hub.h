/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_BENCH_STAR_HUB_H
#define IPSEC_BENCH_STAR_HUB_H

// The hub-and-spoke WAN of the IKE benchmarks (ike-setup, scale): one hub and N spoke gateways
// on one shared link that costs O(1) per packet whatever N is. A CSMA segment would copy each
// frame to every device, and a star of N point-to-point links would give the hub N IPv4
// interfaces and N on-link routes, both of which grow the per-packet cost with N.

#include "ns3/drop-tail-queue.h"
#include "ns3/ike-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4.h"
#include "ns3/network-module.h"
#include "ns3/simple-channel.h"
#include "ns3/simple-net-device.h"
#include "ns3/simulator.h"

#include <unordered_map>

namespace ns3
{
namespace bench
{

/**
 * A shared link that delivers a unicast IPv4 packet only to the device holding its destination
 * address (O(1) per packet); the devices run in point-to-point mode (no ARP).
 */
class StarChannel : public SimpleChannel
{
  public:
    /// \param delay the one-way delay
    explicit StarChannel(Time delay)
        : m_delay(delay)
    {
    }

    /// \param address an IPv4 address \param device the device that owns it
    void Register(Ipv4Address address, Ptr<SimpleNetDevice> device)
    {
        m_byAddress[address.Get()] = device;
    }

    void Send(Ptr<Packet> p,
              uint16_t protocol,
              Mac48Address to,
              Mac48Address from,
              Ptr<SimpleNetDevice> sender) override
    {
        Ipv4Header header;
        p->PeekHeader(header);
        auto it = m_byAddress.find(header.GetDestination().Get());
        if (it == m_byAddress.end())
        {
            return; // nobody there: the packet is lost, as on a real link
        }
        Ptr<SimpleNetDevice> device = it->second;
        Simulator::ScheduleWithContext(device->GetNode()->GetId(),
                                       m_delay,
                                       &SimpleNetDevice::Receive,
                                       device,
                                       p->Copy(),
                                       protocol,
                                       Mac48Address::ConvertFrom(device->GetAddress()),
                                       from);
    }

  private:
    Time m_delay;                                                   ///< one-way delay
    std::unordered_map<uint32_t, Ptr<SimpleNetDevice>> m_byAddress; ///< device by address
};

/// The outer (WAN) addresses: 100.64.0.0/10, hub .1, spoke i at 100.64.0.2 + i.
inline const Ipv4Mask WAN_MASK("255.192.0.0");

/// \param i a spoke \returns its outer address
inline Ipv4Address
SpokeOuter(uint32_t i)
{
    return Ipv4Address(Ipv4Address("100.64.0.2").Get() + i);
}

/// \param i a spoke \returns its protected subnet: 10.0.0.0 + (i + 1) * 256 /24
inline Ipv4Address
SpokeSubnet(uint32_t i)
{
    return Ipv4Address(Ipv4Address("10.0.0.0").Get() + (i + 1) * 256);
}

/**
 * Gives \p node a WAN device on \p channel with \p address, and \p subnetAddress (its subnet's
 * first address) on the loopback, so that the tunnel helper finds the gateway's address inside
 * its subnet; a gateway whose subnet is on a LAN device of its own passes Ipv4Address().
 */
inline void
Attach(Ptr<Node> node, Ptr<StarChannel> channel, Ipv4Address address, Ipv4Address subnetAddress)
{
    Ptr<SimpleNetDevice> device = CreateObject<SimpleNetDevice>();
    device->SetAttribute("PointToPointMode", BooleanValue(true));
    device->SetAddress(Mac48Address::Allocate());
    // Every spoke starts at once: the hub answers them all within one instant, and its device
    // must hold those messages (a zero-rate SimpleNetDevice sends one per event).
    Ptr<DropTailQueue<Packet>> queue = CreateObject<DropTailQueue<Packet>>();
    queue->SetMaxSize(QueueSize(QueueSizeUnit::PACKETS, 1u << 22));
    device->SetQueue(queue);
    node->AddDevice(device);
    device->SetChannel(channel);
    channel->Register(address, device);
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    if (subnetAddress != Ipv4Address())
    {
        ipv4->AddAddress(0, Ipv4InterfaceAddress(subnetAddress, Ipv4Mask::GetOnes()));
    }
    uint32_t ifIndex = ipv4->AddInterface(device);
    ipv4->AddAddress(ifIndex, Ipv4InterfaceAddress(address, WAN_MASK));
    ipv4->SetUp(ifIndex);
}

/// Gives \p ike the IKE settings both star benchmarks measure: AES-GCM-128 with HMAC-SHA-256
/// and X25519 for IKE, AES-GCM-128 for ESP, and no key recording (it keeps every key).
inline void
UseBenchIkeSettings(IkeHelper& ike)
{
    ike.SetIkeProposals({IkeSuite{CipherSuite::FromKeyword("aes128gcm16"),
                                  PrfAlgorithm::HMAC_SHA2_256,
                                  DhGroup::CURVE25519}});
    ike.SetEspProposals({CipherSuite::FromKeyword("aes128gcm16")});
    ike.SetDaemonAttribute("RecordKeys", BooleanValue(false));
}

} // namespace bench
} // namespace ns3

#endif // IPSEC_BENCH_STAR_HUB_H
