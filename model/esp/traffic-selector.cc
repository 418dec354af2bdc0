/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "traffic-selector.h"

#include <sstream>

namespace ns3
{

TrafficSelector
TrafficSelector::FromPrefix(Ipv4Address prefix, Ipv4Mask mask)
{
    TrafficSelector ts;
    uint32_t net = prefix.Get() & mask.Get();
    ts.startAddress = Ipv4Address(net);
    ts.endAddress = Ipv4Address(net | ~mask.Get());
    return ts;
}

bool
TrafficSelector::Matches(Ipv4Address address, uint8_t proto, uint16_t port) const
{
    // Compared with Ipv4Address's inline operator<, not Get(), which ns-3 does not inline: each
    // ESP packet is matched against its policy on both gateways.
    return !(address < startAddress) && !(endAddress < address)
           && (protocol == 0 || protocol == proto) && port >= startPort && port <= endPort;
}

bool
TrafficSelector::IsSubsetOf(const TrafficSelector& other) const
{
    return startAddress.Get() >= other.startAddress.Get()
           && endAddress.Get() <= other.endAddress.Get()
           && (other.protocol == 0 || other.protocol == protocol) && startPort >= other.startPort
           && endPort <= other.endPort;
}

std::string
TrafficSelector::ToString() const
{
    std::ostringstream os;
    os << startAddress << "-" << endAddress << " proto " << unsigned(protocol) << " ports "
       << startPort << "-" << endPort;
    return os.str();
}

bool
TrafficSelector::operator==(const TrafficSelector& other) const
{
    return startAddress == other.startAddress && endAddress == other.endAddress
           && protocol == other.protocol && startPort == other.startPort
           && endPort == other.endPort;
}

} // namespace ns3
