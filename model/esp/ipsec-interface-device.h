/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_INTERFACE_DEVICE_H
#define IPSEC_INTERFACE_DEVICE_H

#include "ns3/virtual-net-device.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A route-based IPsec interface (an xfrm interface): a VirtualNetDevice whose send
 * callback is the data plane.
 *
 * It differs from its parent only in GetBroadcast(), which IPv4 asks for on every packet sent
 * through a device without ARP: VirtualNetDevice parses "ff:ff:ff:ff:ff:ff" from a string each
 * time (about 450 instructions, a third of a percent of an ESP packet's whole journey).
 */
class IpsecInterfaceDevice : public VirtualNetDevice
{
  public:
    /// \returns the object TypeId
    static TypeId GetTypeId();

    Address GetBroadcast() const override;
};

} // namespace ns3

#endif // IPSEC_INTERFACE_DEVICE_H
