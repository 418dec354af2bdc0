/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_AUTH_TASK_H
#define IPSEC_IKE_AUTH_TASK_H

#include "ike-task.h"

#include "ns3/ike-child-sa.h"
#include "ns3/ipsec-sa-api.h"

#include <optional>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The IKE_AUTH exchange with a pre-shared key (RFC 7296 sections 1.2 and 2.15): IDs and
 * AUTH, and the first Child SA (SA, TSi, TSr) with keys from KEYMAT installed through
 * the session on each side. A wrong AUTH gives AUTHENTICATION_FAILED and no Child SA; an
 * unacceptable Child SA (NO_PROPOSAL_CHOSEN, TS_UNACCEPTABLE) leaves the IKE SA up without one.
 */
class IkeAuthTask : public IkeTask
{
  public:
    IkeAuthTask();

    IkeExchangeType GetExchangeType() const override;
    void BuildRequest(IkeSession& session, IkeMessage& request) override;
    Result ProcessResponse(IkeSession& session, const IkeMessage& response) override;
    Result ProcessRequest(IkeSession& session,
                          const IkeMessage& request,
                          IkeMessage& response) override;
    /// Establishes the IKE SA, or fails it.
    void Complete(IkeSession& session, Result result) override;

    /// \returns the Child SA installed, if any
    const std::optional<IkeChildSa>& GetChildSa() const;

    /// \returns the error notify of the Child SA (0 if none or if the IKE SA failed)
    IkeNotifyType GetChildError() const;

  private:
    /**
     * \brief Derives KEYMAT and installs both SAs of the pair.
     * \param session the IKE SA
     * \param suite the ESP suite
     * \param peerSpi the peer's inbound SPI (our outbound)
     * \param cpu the local CPU of the outbound SA (NO_CPU: unbound)
     * \param perResource whether it is the first SA of an RFC 9611 group
     */
    void Install(IkeSession& session,
                 const CipherSuite& suite,
                 uint32_t peerSpi,
                 uint32_t cpu,
                 bool perResource);

    uint32_t m_localSpi{0};            ///< our inbound SPI
    std::optional<IkeChildSa> m_child; ///< the Child SA installed
    bool m_resourceRequested{false};   ///< the request carried SA_RESOURCE_INFO (RFC 9611)
    IkeNotifyType m_childError{static_cast<IkeNotifyType>(0)}; ///< why no Child SA
};

} // namespace ns3

#endif /* IPSEC_IKE_AUTH_TASK_H */
