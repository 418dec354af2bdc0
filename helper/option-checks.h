/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_OPTION_CHECKS_H
#define IPSEC_OPTION_CHECKS_H

#include "ns3/command-line.h"
#include "ns3/diffie-hellman.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

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

/// Requires an ns-3 time of zero or more (e.g. a link delay, "1ms"); \return it.
Time NonNegativeTime(const std::string& option, const std::string& text);

/// Requires \p value to be one of \p accepted (e.g. "udp" or "tcp").
void OneOf(const std::string& option,
           const std::string& value,
           const std::vector<std::string>& accepted);

/// Requires an IKE Diffie-Hellman group the module implements (14, 19, 31); \return it.
DhGroup KeyExchangeGroup(const std::string& option, uint32_t number);

/// As KeyExchangeGroup, but 0 means none (e.g. no PFS in CREATE_CHILD_SA): \return nullopt.
std::optional<DhGroup> OptionalKeyExchangeGroup(const std::string& option, uint32_t number);

/**
 * \brief Looks \p value up with \p lookup, one of the model's keyword tables (e.g.
 * SaSelectionPolicy::LookupKeyword, CipherSuite::FromKeyword), so that its error names the
 * option too: a std::invalid_argument from it comes back as "--<option>=<value>: <its message>".
 * \returns what \p lookup returns
 */
template<typename Lookup>
auto
Keyword(const std::string& option, const std::string& value, Lookup lookup)
    -> decltype(lookup(value))
{
    try
    {
        return lookup(value);
    }
    catch (const std::invalid_argument& e)
    {
        throw std::invalid_argument("--" + option + "=" + value + ": " + e.what());
    }
}

/**
 * \brief Adds a text option (e.g. a pre-shared key) that keeps its whole value. ns-3 3.37's
 * CommandLine::AddValue reads a std::string with operator>>, which stops at the first
 * blank: "--psk=ns-3 ipsec interop" gave "ns-3", so a real peer configured with the whole
 * key failed AUTH.
 * \param cmd the command line \param name the option \param help its help
 * \param value where the value goes (its default shown in the help)
 */
void AddText(CommandLine& cmd,
             const std::string& name,
             const std::string& help,
             std::string& value);

/// Requires 0 (anti-replay off) or a window the data plane accepts (32 to 4096).
void ReplayWindowSize(const std::string& option, uint32_t value);

} // namespace optioncheck
} // namespace ns3

#endif // IPSEC_OPTION_CHECKS_H
