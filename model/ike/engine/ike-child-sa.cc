/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-child-sa.h"

namespace ns3
{

std::string
ToString(IkeChildSaState state)
{
    switch (state)
    {
        case IkeChildSaState::INSTALLED:
            return "INSTALLED";
        case IkeChildSaState::REKEYING:
            return "REKEYING";
        case IkeChildSaState::REKEYED:
            return "REKEYED";
        case IkeChildSaState::DELETING:
            return "DELETING";
    }
    return "?";
}

} // namespace ns3
