/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SECURITY_POLICY_H
#define SECURITY_POLICY_H

#include "traffic-selector.h"

#include <cstdint>
#include <string>

namespace ns3
{

/// \ingroup ipsec
/// What a policy does with the packets it matches.
enum class PolicyAction : uint8_t
{
    PROTECT, //!< send through (or require arrival through) an SA with the policy's reqid
    BYPASS,  //!< let pass in clear
    DISCARD  //!< drop
};

/**
 * \ingroup ipsec
 * \brief How the cores of a multi-core node share the SAs of a PROTECT policy.
 */
enum class SaSelection : uint8_t
{
    SINGLE, //!< one SA used by every core: they take its sequence counter in turn
    PINNED, //!< one SA, all its packets handed to the core the SA is bound to
    PER_CPU //!< each core its own SA, a fallback SA meanwhile (RFC 9611, Linux 6.13)
};

/// \return "single", "pinned" or "per-cpu".
std::string ToString(SaSelection selection);

/// \return the mode named \p name; throws std::invalid_argument naming it otherwise.
SaSelection SaSelectionFromString(const std::string& name);

/**
 * \ingroup ipsec
 * \brief One SPD entry (RFC 4301 section 4.4.1) for a route-based IPsec interface: the
 * local and remote selectors, the action and, for PROTECT, the reqid of the SAs to use.
 *
 * The same policy governs both directions: outbound packets match local -> remote, and
 * the inner packets of inbound SAs with this reqid must match remote -> local.
 */
struct SecurityPolicy
{
    uint32_t interfaceId{0};
    TrafficSelector local;
    TrafficSelector remote;
    PolicyAction action{PolicyAction::PROTECT};
    uint32_t reqid{0};
    uint32_t priority{0}; //!< lower wins, as in XFRM
    /// PER_CPU is XFRM_POLICY_CPU_ACQUIRE: one acquire per sending core.
    SaSelection selection{SaSelection::SINGLE};
};

} // namespace ns3

#endif // SECURITY_POLICY_H
