/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "flow-tuple.h"

namespace ns3
{

namespace
{
uint32_t
ReadU32(const uint8_t* p)
{
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}
} // namespace

bool
FlowTuple::Parse(const uint8_t* data, uint32_t length, FlowTuple& tuple)
{
    if (length < 20 || (data[0] >> 4) != 4)
    {
        return false;
    }
    uint32_t headerLength = (data[0] & 0x0f) * 4u;
    uint32_t totalLength = (uint32_t{data[2]} << 8) | data[3];
    if (headerLength < 20 || totalLength < headerLength || headerLength > length)
    {
        return false;
    }
    tuple.protocol = data[9];
    tuple.source = Ipv4Address(ReadU32(data + 12));
    tuple.destination = Ipv4Address(ReadU32(data + 16));
    tuple.sourcePort = 0;
    tuple.destinationPort = 0;
    bool firstFragment = ((uint32_t{data[6]} & 0x1f) << 8 | data[7]) == 0;
    if ((tuple.protocol == 6 || tuple.protocol == 17) && firstFragment
        && totalLength >= headerLength + 4 && length >= headerLength + 4)
    {
        const uint8_t* l4 = data + headerLength;
        tuple.sourcePort = static_cast<uint16_t>((l4[0] << 8) | l4[1]);
        tuple.destinationPort = static_cast<uint16_t>((l4[2] << 8) | l4[3]);
    }
    return true;
}

} // namespace ns3
