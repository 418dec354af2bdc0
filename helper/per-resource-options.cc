/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "per-resource-options.h"

#include "option-checks.h"

#include "ns3/config.h"
#include "ns3/ike-per-resource-config.h"
#include "ns3/string.h"
#include "ns3/type-id.h"
#include "ns3/uinteger.h"

namespace ns3
{

PerResourceOptions
PerResourceOptions::Eager()
{
    PerResourceOptions options;
    options.initiatorPolicy = "eager";
    return options;
}

TypeId
PerResourceOptions::Lookup(const std::string& option, const std::string& keyword, TypeId base)
{
    return optioncheck::Keyword(option,
                                keyword,
                                [base](const std::string& k)
                                { return IkePerResourceConfig::LookupKeyword(k, base); });
}

void
PerResourceOptions::AddTo(CommandLine& cmd)
{
    cmd.AddValue("initiatorPolicy",
                 "when the initiator asks for additional Child SAs: on-demand (one per per-CPU "
                 "acquire, strongSwan) or eager (--eagerCount at once after the first, libreswan)",
                 initiatorPolicy);
    cmd.AddValue("eagerCount",
                 "eager: additional Child SAs asked for (0: one per core, clones=yes)",
                 eagerCount);
    cmd.AddValue("cpuAssignment",
                 "responder's CPU binding of the additional SAs: strongswan (highest free core, "
                 "then 0) or round-robin (libreswan)",
                 cpuAssignment);
    cmd.AddValue("maxAdditional",
                 "additional Child SAs a gateway accepts per peer before it answers TS_MAX_QUEUE",
                 maxAdditional);
    cmd.AddValue("resourceId",
                 "what SA_RESOURCE_INFO carries: cpu (4 octets, strongSwan) or empty (libreswan)",
                 resourceId);
}

void
PerResourceOptions::Validate() const
{
    Lookup("initiatorPolicy", initiatorPolicy, IkeResourcePolicy::GetTypeId());
    Lookup("cpuAssignment", cpuAssignment, IkeCpuAssigner::GetTypeId());
    // The names of IkePerResourceConfig::ResourceId's enum values.
    optioncheck::OneOf("resourceId", resourceId, {"cpu", "empty"});
}

void
PerResourceOptions::Apply(IkeHelper& helper) const
{
    Config::SetDefault("ns3::EagerResourcePolicy::Count", UintegerValue(eagerCount));
    helper.SetPerResourceAttribute(
        "InitiatorPolicy",
        TypeIdValue(Lookup("initiatorPolicy", initiatorPolicy, IkeResourcePolicy::GetTypeId())));
    helper.SetPerResourceAttribute(
        "CpuAssigner",
        TypeIdValue(Lookup("cpuAssignment", cpuAssignment, IkeCpuAssigner::GetTypeId())));
    helper.SetPerResourceAttribute("MaxAdditional", UintegerValue(maxAdditional));
    helper.SetPerResourceAttribute("ResourceId", StringValue(resourceId));
}

void
PerResourceOptions::AddParameters(nlohmann::json& parameters) const
{
    parameters["initiator_policy"] = initiatorPolicy;
    parameters["eager_count"] = eagerCount;
    parameters["cpu_assignment"] = cpuAssignment;
    parameters["max_additional"] = maxAdditional;
    parameters["resource_id"] = resourceId;
}

} // namespace ns3
