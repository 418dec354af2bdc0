/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "sa-params.h"

#include <stdexcept>

namespace ns3
{

std::string
ToString(CryptoMode mode)
{
    return mode == CryptoMode::REAL ? "real" : "size-only";
}

CryptoMode
CryptoModeFromString(const std::string& name)
{
    if (name == "real")
    {
        return CryptoMode::REAL;
    }
    if (name == "size-only")
    {
        return CryptoMode::SIZE_ONLY;
    }
    throw std::invalid_argument("unknown crypto mode '" + name
                                + "': expected 'real' or 'size-only'");
}

} // namespace ns3
