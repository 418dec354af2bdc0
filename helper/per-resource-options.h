/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_PER_RESOURCE_OPTIONS_H
#define IPSEC_PER_RESOURCE_OPTIONS_H

#include "ike-helper.h"

#include "ns3/command-line.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The RFC 9611 options the IKE examples share (--initiatorPolicy, --eagerCount,
 * --cpuAssignment, --maxAdditional, --resourceId): one set of names, help texts and checks,
 * applied to an IkeHelper. The rekey policy is each example's own (rekey-storm also takes
 * "both"), and so is whether groups are negotiated at all.
 *
 * Set the members before AddTo to change an example's defaults.
 */
struct PerResourceOptions
{
    std::string initiatorPolicy{"on-demand"}; //!< IkePerResourceConfig::LookupKeyword keyword
    uint32_t eagerCount{0};                   //!< EagerResourcePolicy::Count
    std::string cpuAssignment{"strongswan"};  //!< IkePerResourceConfig::LookupKeyword keyword
    uint32_t maxAdditional{64};               //!< IkePerResourceConfig::MaxAdditional
    std::string resourceId{"cpu"};            //!< IkePerResourceConfig::ResourceId

    /// \returns the options with eager groups as the default (one SA per core asked for at
    /// once), for examples whose traffic should find every group up.
    static PerResourceOptions Eager();

    /**
     * \brief IkePerResourceConfig::LookupKeyword with an error that names \p option.
     * \param option the option's name \param keyword its value \param base the policy kind
     * \returns the policy's TypeId
     */
    static TypeId Lookup(const std::string& option, const std::string& keyword, TypeId base);

    /// Adds the options to \p cmd, with the members as defaults.
    void AddTo(CommandLine& cmd);
    /// Throws std::invalid_argument naming the first bad option and what is accepted.
    void Validate() const;
    /// Sets the options on \p helper (and EagerResourcePolicy::Count's default); after Validate.
    void Apply(IkeHelper& helper) const;
    /// Adds the options to \p parameters (metrics.json): "initiator_policy", "eager_count",
    /// "cpu_assignment", "max_additional", "resource_id".
    void AddParameters(nlohmann::json& parameters) const;
};

} // namespace ns3

#endif // IPSEC_PER_RESOURCE_OPTIONS_H
