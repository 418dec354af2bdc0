/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SA_SELECTION_POLICY_H
#define SA_SELECTION_POLICY_H

#include "ns3/ipsec-sa.h"
#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/sa-params.h"

#include <cstdint>
#include <string>

namespace ns3
{

class CpuCore;
class CpuModel;
class SecurityAssociationDatabase;

/**
 * \ingroup ipsec
 * \brief The outbound SA a PROTECT policy's packet takes, and the acquire it raises.
 */
struct SaChoice
{
    Ptr<IpsecSa> sa;                       //!< the SA to send on, or null (the packet is dropped)
    bool acquire{false};                   //!< whether to ask key management for an SA
    uint32_t acquireCpu{SaParams::NO_CPU}; //!< the CPU of that acquire (NO_CPU: an ordinary one)
};

/**
 * \ingroup ipsec
 * \brief How the cores of a multi-core node share the SAs of a PROTECT policy: which outbound
 * SA a core's packet takes (and what acquire it raises) and which core processes an SA's
 * packets. One object per variant (traffic-control style: public methods call the virtual
 * Do... ones); a policy names its variant, or the data plane's SaSelection attribute does.
 *
 * The base class is the plain rule, as SingleSaSelection: the newest SA of the reqid, used by
 * every core, processed on the core the packet is on.
 */
class SaSelectionPolicy : public Object
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    ~SaSelectionPolicy() override;

    /**
     * \param sad the SAD
     * \param reqid the policy's reqid
     * \param core the index of the core sending the packet
     * \return the SA and the acquire to raise
     */
    SaChoice SelectOutbound(const SecurityAssociationDatabase& sad,
                            uint32_t reqid,
                            uint32_t core) const
    {
        return DoSelectOutbound(sad, reqid, core);
    }

    /**
     * \param sa an SA of the policy, either direction
     * \param current the core the packet is on (null: it did not arrive on a steered device)
     * \param cpus the node's CPUs
     * \return the core that encrypts or decrypts it
     */
    Ptr<CpuCore> ChooseCore(const IpsecSa& sa, Ptr<CpuCore> current, const CpuModel& cpus) const;

    /// \return the variant's keyword ("single", "pinned", "per-cpu")
    virtual std::string GetKeyword() const = 0;

    /**
     * \param keyword "single", "pinned" or "per-cpu" (example option --saMode)
     * \return the TypeId of that variant; throws std::invalid_argument naming the keyword
     *         and the accepted ones otherwise
     */
    static TypeId LookupKeyword(const std::string& keyword);

  protected:
    /// \copydoc SelectOutbound
    virtual SaChoice DoSelectOutbound(const SecurityAssociationDatabase& sad,
                                      uint32_t reqid,
                                      uint32_t core) const;
    /// \copydoc ChooseCore
    virtual Ptr<CpuCore> DoChooseCore(const IpsecSa& sa,
                                      Ptr<CpuCore> current,
                                      const CpuModel& cpus) const;
};

} // namespace ns3

#endif // SA_SELECTION_POLICY_H
