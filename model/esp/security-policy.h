/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SECURITY_POLICY_H
#define SECURITY_POLICY_H

#include "traffic-selector.h"

#include "ns3/ptr.h"
#include "ns3/sa-selection-policy.h"

#include <cstdint>

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
    /// How cores share the SAs (model/sa-selection/); null: the data plane's SaSelection
    /// attribute. PerCpuSaSelection is XFRM_POLICY_CPU_ACQUIRE: one acquire per sending core.
    Ptr<SaSelectionPolicy> selection;
};

} // namespace ns3

#endif // SECURITY_POLICY_H
