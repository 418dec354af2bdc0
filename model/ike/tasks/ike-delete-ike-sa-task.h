/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_DELETE_IKE_SA_TASK_H
#define IPSEC_IKE_DELETE_IKE_SA_TASK_H

#include "ike-task.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The INFORMATIONAL exchange that deletes the IKE SA (RFC 7296 section 1.4.1;
 * strongSwan's ike_delete task): the request holds a Delete payload with Protocol ID IKE and
 * no SPIs, the response is empty. Both ends close the IKE SA with all its Child SAs
 * (IkeSession::Close): the responder once its response is sent, the initiator on the response
 * or when the retransmissions give up (strongSwan then deletes the IKE SA all the same).
 */
class IkeDeleteIkeSaTask : public IkeTask
{
  public:
    IkeDeleteIkeSaTask();

    IkeExchangeType GetExchangeType() const override;
    void BuildRequest(IkeSession& session, IkeMessage& request) override;
    Result ProcessResponse(IkeSession& session, const IkeMessage& response) override;
    Result ProcessRequest(IkeSession& session,
                          const IkeMessage& request,
                          IkeMessage& response) override;
    /// Closes the IKE SA, whatever the result.
    void Complete(IkeSession& session, Result result) override;
};

} // namespace ns3

#endif /* IPSEC_IKE_DELETE_IKE_SA_TASK_H */
