/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FLOW_TUPLE_H
#define FLOW_TUPLE_H

#include "ns3/ipv4-address.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The 5-tuple of an IPv4 packet, read straight from its bytes; what policies match and
 * what receive-side steering hashes.
 */
struct FlowTuple
{
    Ipv4Address source;
    Ipv4Address destination;
    uint8_t protocol{0};
    uint16_t sourcePort{0};      //!< 0 unless TCP or UDP
    uint16_t destinationPort{0}; //!< 0 unless TCP or UDP

    /**
     * Parses an IPv4 header (and the ports of a first TCP or UDP fragment). \p data may be
     * just the packet's head: the Total Length field is checked against the header only.
     * \param data the packet's first bytes
     * \param length how many bytes \p data holds
     * \param[out] tuple the result
     * \return false when the bytes are not a plausible IPv4 packet
     */
    static bool Parse(const uint8_t* data, uint32_t length, FlowTuple& tuple);
};

} // namespace ns3

#endif // FLOW_TUPLE_H
