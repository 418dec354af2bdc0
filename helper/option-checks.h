/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_OPTION_CHECKS_H
#define IPSEC_OPTION_CHECKS_H

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Checks of command-line option values shared by the module's programs. Each throws
 * std::invalid_argument with a message that names the option, the bad value and what is
 * accepted, e.g. "--cpus=0 is out of range: expected 1 to 256".
 */
namespace optioncheck
{

/// Requires \p min <= \p value <= \p max; \p unit (may be empty) follows the range.
void InRange(
    const std::string& option, double value, double min, double max, const std::string& unit = "");

/// Requires 0 < \p value <= \p max (e.g. a duration or a rate).
void Positive(const std::string& option, double value, double max, const std::string& unit = "");

/// Requires an ns-3 data rate above zero (e.g. "100Mbps"); \return it in bit/s.
uint64_t PositiveDataRate(const std::string& option, const std::string& text);

/// Requires 0 (anti-replay off) or a window the data plane accepts (32 to 4096).
void ReplayWindowSize(const std::string& option, uint32_t value);

} // namespace optioncheck
} // namespace ns3

#endif // IPSEC_OPTION_CHECKS_H
