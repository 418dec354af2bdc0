/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_DELETE_CHILD_SA_TASK_H
#define IPSEC_IKE_DELETE_CHILD_SA_TASK_H

#include "ike-task.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The INFORMATIONAL exchange that deletes Child SA pairs (RFC 7296 section 1.4.1;
 * strongSwan's child_delete task): the request lists our inbound SPIs in one ESP Delete
 * payload, the responder removes the pairs and answers with a Delete payload for its inbound
 * SPIs of the same pairs, and the initiator removes them on the response.
 *
 * Crossing deletes (both ends delete the same pair at once): the responder finds the pair
 * already DELETING, removes it and leaves it out of its Delete payload (RFC 7296 1.4.1
 * "MUST NOT include Delete payloads for the deleted SAs"); unknown SPIs are ignored. A pair
 * being rekeyed (REKEYING or REKEYED) is answered as usual (RFC 7296 2.25).
 *
 * Other tasks (the Child SA rekey) queue this task with IkeSession::DeleteChildSa or directly;
 * BuildRequest marks the pairs DELETING.
 */
class IkeDeleteChildSaTask : public IkeTask
{
  public:
    /// Responder.
    IkeDeleteChildSaTask();

    /// \param inboundSpis the pairs to delete, by our inbound SPI (initiator)
    explicit IkeDeleteChildSaTask(std::vector<uint32_t> inboundSpis);

    IkeExchangeType GetExchangeType() const override;
    void BuildRequest(IkeSession& session, IkeMessage& request) override;
    Result ProcessResponse(IkeSession& session, const IkeMessage& response) override;
    Result ProcessRequest(IkeSession& session,
                          const IkeMessage& request,
                          IkeMessage& response) override;

    /// \returns the inbound SPIs of the pairs this task removed
    const std::vector<uint32_t>& GetRemoved() const;

  private:
    std::vector<uint32_t> m_inboundSpis; ///< initiator: the pairs asked for
    std::vector<uint32_t> m_removed;     ///< pairs removed, by our inbound SPI
};

} // namespace ns3

#endif /* IPSEC_IKE_DELETE_CHILD_SA_TASK_H */
