/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-sa-api.h"

namespace ns3
{

std::string
ToString(ExpireCause cause)
{
    switch (cause)
    {
        case ExpireCause::BYTES:
            return "bytes";
        case ExpireCause::PACKETS:
            return "packets";
        case ExpireCause::TIME:
            return "time";
        case ExpireCause::SEQUENCE_OVERFLOW:
            return "sequence_overflow";
    }
    return "unknown";
}

} // namespace ns3
