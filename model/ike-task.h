/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_TASK_H
#define IPSEC_IKE_TASK_H

#include "ike-constants.h"
#include "ike-message.h"
#include "ike-sa.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One IKE exchange as a small object (strongSwan's task_t): the initiator builds the
 * request and processes the response, the responder processes the request and builds the
 * response. The daemon carries the messages: header, Message IDs, encryption and
 * retransmissions are not the task's business.
 */
class IkeTask
{
  public:
    /// What a task says after a message.
    enum class Result : uint8_t
    {
        DONE,   ///< the exchange completed
        RETRY,  ///< send a new request of this task (e.g. after INVALID_KE_PAYLOAD)
        FAILED, ///< the exchange failed; GetError() says why
    };

    virtual ~IkeTask();

    /// \returns the exchange type of the task's messages
    virtual IkeExchangeType GetExchangeType() const = 0;

    /**
     * \brief Initiator: adds the request's payloads.
     * \param sa the IKE SA
     * \param request the request, header filled in by the daemon
     */
    virtual void BuildRequest(IkeSa& sa, IkeMessage& request) = 0;

    /**
     * \brief Initiator: processes the response (decrypted, if the exchange is protected).
     * \param sa the IKE SA
     * \param response the response
     * \returns what comes next
     */
    virtual Result ProcessResponse(IkeSa& sa, const IkeMessage& response) = 0;

    /**
     * \brief Responder: processes a request and adds the response's payloads.
     * \param sa the IKE SA
     * \param request the request (decrypted, if the exchange is protected)
     * \param response the response, header filled in by the daemon
     * \returns DONE or FAILED (the response is sent either way)
     */
    virtual Result ProcessRequest(IkeSa& sa, const IkeMessage& request, IkeMessage& response) = 0;

    /// \returns the error notify that ended the task (sent or received), 0 if none
    IkeNotifyType GetError() const;

  protected:
    /**
     * \param type the error notify
     * \returns Result::FAILED
     */
    Result Fail(IkeNotifyType type);

    /// \param type the error notify, recorded without failing the task (a Child SA's error)
    void SetError(IkeNotifyType type);

  private:
    IkeNotifyType m_error{static_cast<IkeNotifyType>(0)}; ///< the error notify
};

} // namespace ns3

#endif /* IPSEC_IKE_TASK_H */
