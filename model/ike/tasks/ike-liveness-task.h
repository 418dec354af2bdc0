/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_LIVENESS_TASK_H
#define IPSEC_IKE_LIVENESS_TASK_H

#include "ike-task.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The liveness check (RFC 7296 section 1.4; strongSwan's ike_dpd task): an empty
 * INFORMATIONAL request (an SK payload without inner payloads) answered by an empty response.
 * A peer that never answers makes the IKE SA fail once the session's retransmissions give up.
 * The responder role also answers INFORMATIONAL requests that carry only payloads we do not
 * act on (status notifies), with an empty response.
 */
class IkeLivenessTask : public IkeTask
{
  public:
    IkeLivenessTask();

    IkeExchangeType GetExchangeType() const override;
    /// Counts IkeStatistics::livenessChecks (once per check, not per retransmission).
    void BuildRequest(IkeSession& session, IkeMessage& request) override;
    Result ProcessResponse(IkeSession& session, const IkeMessage& response) override;
    Result ProcessRequest(IkeSession& session,
                          const IkeMessage& request,
                          IkeMessage& response) override;
};

} // namespace ns3

#endif /* IPSEC_IKE_LIVENESS_TASK_H */
