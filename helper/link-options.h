/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_LINK_OPTIONS_H
#define IPSEC_LINK_OPTIONS_H

#include "ns3/command-line.h"

#include <nlohmann/json.hpp>

#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The rate and delay of one kind of point-to-point link of an example as command-line
 * options, --<name>Rate and --<name>Delay (e.g. --wanRate, --wanDelay), checked with
 * optioncheck and echoed into metrics.json as <name>_rate and <name>_delay, so that every
 * example offers its links the same way.
 */
struct LinkOptions
{
    /**
     * \param name the options' prefix ("lan", "wan", "access")
     * \param what the links, for --help ("host-gateway links")
     * \param rate the default rate (ns-3 data rate, "1Gbps")
     * \param delay the default delay (ns-3 time, "1ms")
     */
    LinkOptions(const std::string& name,
                const std::string& what,
                const std::string& rate,
                const std::string& delay);

    /// Adds --<name>Rate and --<name>Delay to \p cmd, with the current values as defaults.
    void AddTo(CommandLine& cmd);
    /// Throws std::invalid_argument naming the option if the rate is not above zero or the
    /// delay is not a time of zero or more.
    void Validate() const;
    /// Adds <name>_rate and <name>_delay to \p parameters.
    void AddParameters(nlohmann::json& parameters) const;

    std::string name;  //!< the options' prefix
    std::string what;  //!< the links, for --help
    std::string rate;  //!< ns-3 data rate
    std::string delay; //!< ns-3 time
};

} // namespace ns3

#endif // IPSEC_LINK_OPTIONS_H
