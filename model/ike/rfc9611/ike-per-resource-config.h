/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_PER_RESOURCE_CONFIG_H
#define IPSEC_IKE_PER_RESOURCE_CONFIG_H

#include "ike-cpu-assigner.h"
#include "ike-resource-policy.h"
#include "ike-resource-rekey-policy.h"

#include "ns3/object.h"
#include "ns3/type-id.h"

#include <cstdint>
#include <string>

namespace ns3
{

/// \ingroup ipsec
/// What the Resource Identifier of SA_RESOURCE_INFO carries.
enum class IkeResourceId : uint8_t
{
    EMPTY,      ///< nothing (libreswan; RFC 9611's privacy advice)
    CPU_NUMBER, ///< the CPU as 4 octets, big-endian, empty for the fallback SA (strongSwan)
};

/**
 * \ingroup ipsec
 * \brief The RFC 9611 settings of one connection, as attributes (so that every knob is reachable
 * with --ns3::IkePerResourceConfig::<Attribute>=... or Config::SetDefault): whether groups are
 * negotiated, the TS_MAX_QUEUE limit, what the notify carries, and the three policies, each
 * chosen by TypeId as TCP's congestion control is. IkeHelper makes one per connection end; a
 * test may change one end's after Install.
 */
class IkePerResourceConfig : public Object
{
  public:
    /// \returns the TypeId
    static TypeId GetTypeId();
    IkePerResourceConfig();
    ~IkePerResourceConfig() override;

    /// \returns whether per-resource groups are negotiated
    bool IsEnabled() const;
    /// \returns the most additional Child SAs of the group this side accepts as responder
    uint32_t GetMaxAdditional() const;
    /// \returns what SA_RESOURCE_INFO carries
    IkeResourceId GetResourceId() const;
    /// \returns the initiator policy (when to ask for additional SAs)
    Ptr<IkeResourcePolicy> GetInitiatorPolicy() const;
    /// \param policy the initiator policy, with its own attributes (a per-connection override)
    void SetInitiatorPolicy(Ptr<IkeResourcePolicy> policy);
    /// \returns the rekey policy of the group
    Ptr<IkeResourceRekeyPolicy> GetRekeyPolicy() const;
    /// \param policy the rekey policy (a per-connection override)
    void SetRekeyPolicy(Ptr<IkeResourceRekeyPolicy> policy);
    /// \returns a new responder CPU assigner (one per group: round-robin keeps its turn)
    Ptr<IkeCpuAssigner> CreateCpuAssigner() const;

    /**
     * \brief The one table of the keywords examples and users name policies by.
     * \param keyword "on-demand", "eager" (initiator), "individual", "with-initial" (rekey),
     *        "strongswan", "round-robin" (responder CPU assignment)
     * \param base the kind expected: IkeResourcePolicy, IkeResourceRekeyPolicy or
     *        IkeCpuAssigner
     * \returns the variant's TypeId; throws std::invalid_argument naming the keyword and the
     *          accepted ones if it is not one of \p base's
     */
    static TypeId LookupKeyword(const std::string& keyword, TypeId base);
    /// \param base a policy kind \returns its keywords, "a or b", for --help and errors
    static std::string Keywords(TypeId base);

  private:
    /// \param tid the initiator policy's TypeId (the attribute)
    void SetInitiatorPolicyType(TypeId tid);
    /// \returns the initiator policy's TypeId
    TypeId GetInitiatorPolicyType() const;
    /// \param tid the rekey policy's TypeId (the attribute)
    void SetRekeyPolicyType(TypeId tid);
    /// \returns the rekey policy's TypeId
    TypeId GetRekeyPolicyType() const;

    bool m_enabled;                            ///< negotiate per-resource groups
    uint32_t m_maxAdditional;                  ///< responder: TS_MAX_QUEUE beyond this
    int m_resourceId;                          ///< what the notify carries (IkeResourceId)
    Ptr<IkeResourcePolicy> m_initiatorPolicy;  ///< when to ask for additional SAs
    Ptr<IkeResourceRekeyPolicy> m_rekeyPolicy; ///< rekeying of the group
    TypeId m_cpuAssigner;                      ///< responder's CPU binding
};

} // namespace ns3

#endif /* IPSEC_IKE_PER_RESOURCE_CONFIG_H */
