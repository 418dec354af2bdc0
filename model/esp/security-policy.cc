/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "security-policy.h"

#include <stdexcept>

namespace ns3
{

std::string
ToString(SaSelection selection)
{
    switch (selection)
    {
        case SaSelection::SINGLE:
            return "single";
        case SaSelection::PINNED:
            return "pinned";
        case SaSelection::PER_CPU:
            return "per-cpu";
    }
    return "unknown";
}

SaSelection
SaSelectionFromString(const std::string& name)
{
    if (name == "single")
    {
        return SaSelection::SINGLE;
    }
    if (name == "pinned")
    {
        return SaSelection::PINNED;
    }
    if (name == "per-cpu")
    {
        return SaSelection::PER_CPU;
    }
    throw std::invalid_argument("unknown SA selection '" + name
                                + "': expected single, pinned or per-cpu");
}

} // namespace ns3
