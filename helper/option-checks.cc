/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "option-checks.h"

#include "ns3/data-rate.h"
#include "ns3/replay-window.h"

#include <algorithm>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace optioncheck
{

namespace
{
std::string
Number(double value)
{
    std::ostringstream os;
    os << value;
    return os.str();
}

/// The DhGroup enumerators: the groups DiffieHellman::Create implements.
const std::vector<uint32_t> DH_GROUPS{static_cast<uint32_t>(DhGroup::MODP_2048),
                                      static_cast<uint32_t>(DhGroup::ECP_256),
                                      static_cast<uint32_t>(DhGroup::CURVE25519)};

/// Stores \p text in \p value; the CommandLine callback of AddText. \returns true
bool
StoreText(std::string* value, std::string text)
{
    *value = text;
    return true;
}

/// \returns "a, b or c"
std::string
Alternatives(const std::vector<std::string>& names)
{
    std::string out;
    for (size_t i = 0; i < names.size(); ++i)
    {
        out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
    }
    return out;
}

/// \returns the DH group numbers as "14, 19 or 31"
std::string
GroupList()
{
    std::vector<std::string> names;
    for (uint32_t group : DH_GROUPS)
    {
        names.push_back(std::to_string(group));
    }
    return Alternatives(names);
}
} // namespace

void
InRange(const std::string& option, double value, double min, double max, const std::string& unit)
{
    if (!(value >= min && value <= max)) // also refuses NaN
    {
        throw std::invalid_argument("--" + option + "=" + Number(value)
                                    + " is out of range: expected " + Number(min) + " to "
                                    + Number(max) + (unit.empty() ? "" : " " + unit));
    }
}

void
Positive(const std::string& option, double value, double max, const std::string& unit)
{
    if (!(value > 0 && value <= max))
    {
        throw std::invalid_argument("--" + option + "=" + Number(value)
                                    + " is out of range: expected more than 0 and at most "
                                    + Number(max) + (unit.empty() ? "" : " " + unit));
    }
}

uint64_t
PositiveDataRate(const std::string& option, const std::string& text)
{
    DataRateValue value;
    // DataRate is unsigned: refuse a sign before parsing; and ns-3's parser aborts on a blank
    // between number and unit ("1 Gbps"), so refuse blanks too.
    if (text.empty() || text[0] == '-' || text.find_first_of(" \t\n\r\f\v") != std::string::npos
        || !value.DeserializeFromString(text, MakeDataRateChecker())
        || value.Get().GetBitRate() == 0)
    {
        throw std::invalid_argument("--" + option + "=" + text
                                    + " is not a positive data rate: expected e.g. 100Mbps");
    }
    return value.Get().GetBitRate();
}

Time
NonNegativeTime(const std::string& option, const std::string& text)
{
    // ns-3's Time parser aborts on a unit it does not know: check the form first (a number of
    // zero or more, then one of its units; none means seconds).
    static const std::regex form(
        "[0-9]+(\\.[0-9]*)?([eE][+-]?[0-9]+)?(y|d|h|min|s|ms|us|ns|ps|fs)?");
    TimeValue value;
    if (!std::regex_match(text, form) || !value.DeserializeFromString(text, MakeTimeChecker())
        || value.Get().IsStrictlyNegative())
    {
        throw std::invalid_argument("--" + option + "=" + text
                                    + " is not a time of zero or more: expected e.g. 1ms");
    }
    return value.Get();
}

void
OneOf(const std::string& option, const std::string& value, const std::vector<std::string>& accepted)
{
    if (std::find(accepted.begin(), accepted.end(), value) == accepted.end())
    {
        throw std::invalid_argument("--" + option + "=" + value + " is not valid: expected "
                                    + Alternatives(accepted));
    }
}

DhGroup
KeyExchangeGroup(const std::string& option, uint32_t number)
{
    if (std::find(DH_GROUPS.begin(), DH_GROUPS.end(), number) == DH_GROUPS.end())
    {
        throw std::invalid_argument("--" + option + "=" + std::to_string(number)
                                    + " is not supported: expected " + GroupList());
    }
    return static_cast<DhGroup>(number);
}

std::optional<DhGroup>
OptionalKeyExchangeGroup(const std::string& option, uint32_t number)
{
    if (number == 0)
    {
        return std::nullopt;
    }
    if (std::find(DH_GROUPS.begin(), DH_GROUPS.end(), number) == DH_GROUPS.end())
    {
        throw std::invalid_argument("--" + option + "=" + std::to_string(number)
                                    + " is not supported: expected 0 (none), " + GroupList());
    }
    return static_cast<DhGroup>(number);
}

void
ReplayWindowSize(const std::string& option, uint32_t value)
{
    if (value != 0 && (value < ReplayWindow::MIN_SIZE || value > ReplayWindow::MAX_SIZE))
    {
        throw std::invalid_argument("--" + option + "=" + std::to_string(value)
                                    + " is out of range: expected 0 (off) or 32 to 4096");
    }
}

void
AddText(CommandLine& cmd, const std::string& name, const std::string& help, std::string& value)
{
    cmd.AddValue(name, help, MakeBoundCallback(&StoreText, &value), value);
}

} // namespace optioncheck
} // namespace ns3
