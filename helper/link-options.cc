/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "link-options.h"

#include "option-checks.h"

namespace ns3
{

LinkOptions::LinkOptions(const std::string& name,
                         const std::string& what,
                         const std::string& rate,
                         const std::string& delay)
    : name(name)
    , what(what)
    , rate(rate)
    , delay(delay)
{
}

void
LinkOptions::AddTo(CommandLine& cmd)
{
    cmd.AddValue(name + "Rate", "rate of the " + what + " (ns-3 data rate, e.g. 100Mbps)", rate);
    cmd.AddValue(name + "Delay", "one-way delay of the " + what + " (ns-3 time, e.g. 1ms)", delay);
}

void
LinkOptions::Validate() const
{
    optioncheck::PositiveDataRate(name + "Rate", rate);
    optioncheck::NonNegativeTime(name + "Delay", delay);
}

void
LinkOptions::AddParameters(nlohmann::json& parameters) const
{
    parameters[name + "_rate"] = rate;
    parameters[name + "_delay"] = delay;
}

} // namespace ns3
