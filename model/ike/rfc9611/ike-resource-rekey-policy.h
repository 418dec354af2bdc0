/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_RESOURCE_REKEY_POLICY_H
#define IPSEC_IKE_RESOURCE_REKEY_POLICY_H

#include "ns3/object.h"

namespace ns3
{

class IkeResourceGroup;
class IkeSession;
struct IkeChildSa;

/**
 * \ingroup ipsec
 * \brief How the Child SAs of an RFC 9611 group are rekeyed and when the additional ones go:
 * each on its own (strongSwan, IndividualRekeyPolicy: this base class does nothing special) or
 * with the initial (fallback) SA (libreswan, WithInitialRekeyPolicy).
 */
class IkeResourceRekeyPolicy : public Object
{
  public:
    /// \returns the TypeId
    static TypeId GetTypeId();
    IkeResourceRekeyPolicy();
    ~IkeResourceRekeyPolicy() override;

    /// \param child a Child SA of the group \returns whether its soft expire is to be ignored
    bool IgnoresSoftExpire(const IkeChildSa& child) const;
    /**
     * \brief This side has rekeyed the group's initial (fallback) SA.
     * \param group the group \param session its IKE SA
     */
    void InitialRekeyed(IkeResourceGroup& group, IkeSession& session);
    /**
     * \brief The group's initial (fallback) SA is gone without a successor (deleted by either
     * side, or hard-expired).
     * \param group the group \param session its IKE SA
     */
    void InitialGone(IkeResourceGroup& group, IkeSession& session);

  private:
    /// \param child an additional (CPU-bound) member \returns whether to ignore its soft expire
    virtual bool DoIgnoresSoftExpire(const IkeChildSa& child) const;
    /// \param group an active group \param session its IKE SA
    virtual void DoInitialRekeyed(IkeResourceGroup& group, IkeSession& session);
    /// \param group the group \param session its IKE SA
    virtual void DoInitialGone(IkeResourceGroup& group, IkeSession& session);
};

} // namespace ns3

#endif /* IPSEC_IKE_RESOURCE_REKEY_POLICY_H */
