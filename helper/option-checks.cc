/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "option-checks.h"

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
