/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-interface-device.h"

#include "ns3/mac48-address.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IpsecInterfaceDevice);

TypeId
IpsecInterfaceDevice::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecInterfaceDevice")
                            .SetParent<VirtualNetDevice>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IpsecInterfaceDevice>();
    return tid;
}

Address
IpsecInterfaceDevice::GetBroadcast() const
{
    static const Address broadcast = Mac48Address("ff:ff:ff:ff:ff:ff");
    return broadcast;
}

} // namespace ns3
