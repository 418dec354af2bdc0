/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TRAFFIC_SELECTOR_H
#define TRAFFIC_SELECTOR_H

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One side of a traffic selector: an IPv4 address range, an IP protocol (0 = any) and a
 * port range, as in an IKEv2 TS_IPV4_ADDR_RANGE (RFC 7296 section 3.13.1).
 */
struct TrafficSelector
{
    Ipv4Address startAddress{"0.0.0.0"};
    Ipv4Address endAddress{"255.255.255.255"};
    uint8_t protocol{0}; //!< 0 matches every protocol
    uint16_t startPort{0};
    uint16_t endPort{65535};

    /// \return a selector for every address of \p prefix / \p mask, any protocol and port.
    static TrafficSelector FromPrefix(Ipv4Address prefix, Ipv4Mask mask);

    /// \return whether \p address, \p protocol and \p port fall inside this selector.
    bool Matches(Ipv4Address address, uint8_t protocol, uint16_t port) const;

    /// \return whether this selector's ranges lie within \p other's.
    bool IsSubsetOf(const TrafficSelector& other) const;

    /// \return e.g. "10.1.0.0-10.1.255.255 proto 17 ports 0-65535".
    std::string ToString() const;

    bool operator==(const TrafficSelector& other) const;
};

} // namespace ns3

#endif // TRAFFIC_SELECTOR_H
