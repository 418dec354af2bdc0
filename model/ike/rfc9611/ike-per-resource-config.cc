/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-per-resource-config.h"

#include "eager-resource-policy.h"
#include "individual-rekey-policy.h"
#include "on-demand-resource-policy.h"
#include "round-robin-cpu-assigner.h"
#include "strongswan-cpu-assigner.h"
#include "with-initial-rekey-policy.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/fatal-error.h"
#include "ns3/object-factory.h"
#include "ns3/uinteger.h"

#include <stdexcept>
#include <utility>
#include <vector>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IkePerResourceConfig);

namespace
{

/// \returns the keywords of the policies, with their TypeIds
const std::vector<std::pair<std::string, TypeId>>&
KeywordTable()
{
    static const std::vector<std::pair<std::string, TypeId>> table{
        {"on-demand", OnDemandResourcePolicy::GetTypeId()},
        {"eager", EagerResourcePolicy::GetTypeId()},
        {"individual", IndividualRekeyPolicy::GetTypeId()},
        {"with-initial", WithInitialRekeyPolicy::GetTypeId()},
        {"strongswan", StrongswanCpuAssigner::GetTypeId()},
        {"round-robin", RoundRobinCpuAssigner::GetTypeId()},
    };
    return table;
}

} // namespace

TypeId
IkePerResourceConfig::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::IkePerResourceConfig")
              .SetParent<Object>()
              .SetGroupName("Ipsec")
              .AddConstructor<IkePerResourceConfig>()
              .AddAttribute("Enabled",
                            "Negotiate RFC 9611 per-resource Child SA groups (SA_RESOURCE_INFO)",
                            BooleanValue(false),
                            MakeBooleanAccessor(&IkePerResourceConfig::m_enabled),
                            MakeBooleanChecker())
              .AddAttribute(
                  "MaxAdditional",
                  "Responder: additional Child SAs of a group accepted before TS_MAX_QUEUE "
                  "(libreswan's MAX_ADDITIONAL_SAS, 64)",
                  UintegerValue(64),
                  MakeUintegerAccessor(&IkePerResourceConfig::m_maxAdditional),
                  MakeUintegerChecker<uint32_t>())
              .AddAttribute("ResourceId",
                            "What SA_RESOURCE_INFO carries: the CPU as 4 octets (strongSwan) or "
                            "nothing (libreswan, RFC 9611's privacy advice)",
                            EnumValue(static_cast<int>(IkeResourceId::CPU_NUMBER)),
                            MakeEnumAccessor(&IkePerResourceConfig::m_resourceId),
                            MakeEnumChecker(static_cast<int>(IkeResourceId::CPU_NUMBER),
                                            "cpu",
                                            static_cast<int>(IkeResourceId::EMPTY),
                                            "empty"))
              .AddAttribute("InitiatorPolicy",
                            "When to ask for additional Child SAs: ns3::OnDemandResourcePolicy "
                            "(strongSwan) or ns3::EagerResourcePolicy (libreswan's clones=N)",
                            TypeIdValue(OnDemandResourcePolicy::GetTypeId()),
                            MakeTypeIdAccessor(&IkePerResourceConfig::SetInitiatorPolicyType,
                                               &IkePerResourceConfig::GetInitiatorPolicyType),
                            MakeTypeIdChecker())
              .AddAttribute("RekeyPolicy",
                            "How the group is rekeyed: ns3::IndividualRekeyPolicy (strongSwan) or "
                            "ns3::WithInitialRekeyPolicy (libreswan)",
                            TypeIdValue(IndividualRekeyPolicy::GetTypeId()),
                            MakeTypeIdAccessor(&IkePerResourceConfig::SetRekeyPolicyType,
                                               &IkePerResourceConfig::GetRekeyPolicyType),
                            MakeTypeIdChecker())
              .AddAttribute("CpuAssigner",
                            "Responder's CPU binding: ns3::StrongswanCpuAssigner (get_cpu()) or "
                            "ns3::RoundRobinCpuAssigner (libreswan)",
                            TypeIdValue(StrongswanCpuAssigner::GetTypeId()),
                            MakeTypeIdAccessor(&IkePerResourceConfig::m_cpuAssigner),
                            MakeTypeIdChecker());
    return tid;
}

IkePerResourceConfig::IkePerResourceConfig() = default;

IkePerResourceConfig::~IkePerResourceConfig() = default;

bool
IkePerResourceConfig::IsEnabled() const
{
    return m_enabled;
}

uint32_t
IkePerResourceConfig::GetMaxAdditional() const
{
    return m_maxAdditional;
}

IkeResourceId
IkePerResourceConfig::GetResourceId() const
{
    return static_cast<IkeResourceId>(m_resourceId);
}

Ptr<IkeResourcePolicy>
IkePerResourceConfig::GetInitiatorPolicy() const
{
    return m_initiatorPolicy;
}

void
IkePerResourceConfig::SetInitiatorPolicy(Ptr<IkeResourcePolicy> policy)
{
    NS_ABORT_MSG_IF(!policy, "IkePerResourceConfig: the initiator policy must not be null");
    m_initiatorPolicy = policy;
}

Ptr<IkeResourceRekeyPolicy>
IkePerResourceConfig::GetRekeyPolicy() const
{
    return m_rekeyPolicy;
}

void
IkePerResourceConfig::SetRekeyPolicy(Ptr<IkeResourceRekeyPolicy> policy)
{
    NS_ABORT_MSG_IF(!policy, "IkePerResourceConfig: the rekey policy must not be null");
    m_rekeyPolicy = policy;
}

Ptr<IkeCpuAssigner>
IkePerResourceConfig::CreateCpuAssigner() const
{
    NS_ABORT_MSG_UNLESS(m_cpuAssigner.IsChildOf(IkeCpuAssigner::GetTypeId()),
                        "IkePerResourceConfig: CpuAssigner " << m_cpuAssigner.GetName()
                                                             << " is not an ns3::IkeCpuAssigner");
    ObjectFactory factory(m_cpuAssigner.GetName());
    return factory.Create<IkeCpuAssigner>();
}

void
IkePerResourceConfig::SetInitiatorPolicyType(TypeId tid)
{
    NS_ABORT_MSG_UNLESS(tid.IsChildOf(IkeResourcePolicy::GetTypeId()),
                        "IkePerResourceConfig: InitiatorPolicy "
                            << tid.GetName() << " is not an ns3::IkeResourcePolicy");
    ObjectFactory factory(tid.GetName());
    m_initiatorPolicy = factory.Create<IkeResourcePolicy>();
}

TypeId
IkePerResourceConfig::GetInitiatorPolicyType() const
{
    return m_initiatorPolicy ? m_initiatorPolicy->GetInstanceTypeId()
                             : OnDemandResourcePolicy::GetTypeId();
}

void
IkePerResourceConfig::SetRekeyPolicyType(TypeId tid)
{
    NS_ABORT_MSG_UNLESS(tid.IsChildOf(IkeResourceRekeyPolicy::GetTypeId()),
                        "IkePerResourceConfig: RekeyPolicy "
                            << tid.GetName() << " is not an ns3::IkeResourceRekeyPolicy");
    ObjectFactory factory(tid.GetName());
    m_rekeyPolicy = factory.Create<IkeResourceRekeyPolicy>();
}

TypeId
IkePerResourceConfig::GetRekeyPolicyType() const
{
    return m_rekeyPolicy ? m_rekeyPolicy->GetInstanceTypeId() : IndividualRekeyPolicy::GetTypeId();
}

TypeId
IkePerResourceConfig::LookupKeyword(const std::string& keyword, TypeId base)
{
    for (const auto& [name, tid] : KeywordTable())
    {
        if (name == keyword && tid.IsChildOf(base))
        {
            return tid;
        }
    }
    throw std::invalid_argument("\"" + keyword + "\" is not a " + base.GetName()
                                + " keyword: expected " + Keywords(base));
}

std::string
IkePerResourceConfig::Keywords(TypeId base)
{
    std::vector<std::string> names;
    for (const auto& [name, tid] : KeywordTable())
    {
        if (tid.IsChildOf(base))
        {
            names.push_back(name);
        }
    }
    std::string out;
    for (size_t i = 0; i < names.size(); ++i)
    {
        out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
    }
    return out;
}

} // namespace ns3
