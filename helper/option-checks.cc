/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "option-checks.h"

#include "ns3/data-rate.h"
#include "ns3/replay-window.h"

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
    // DataRate is unsigned: refuse a sign before parsing.
    if (text.empty() || text[0] == '-' || !value.DeserializeFromString(text, MakeDataRateChecker())
        || value.Get().GetBitRate() == 0)
    {
        throw std::invalid_argument("--" + option + "=" + text
                                    + " is not a positive data rate: expected e.g. 100Mbps");
    }
    return value.Get().GetBitRate();
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

} // namespace optioncheck
} // namespace ns3
