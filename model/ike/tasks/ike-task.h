/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_TASK_H
#define IPSEC_IKE_TASK_H

#include "ns3/ike-constants.h"
#include "ns3/ike-message.h"
#include "ns3/nstime.h"

#include <cstdint>

namespace ns3
{

class IkeSession;

/**
 * \ingroup ipsec
 * \brief One IKE exchange as a small object (strongSwan's task_t): the initiator builds the
 * request and processes the response, the responder processes the request and builds the
 * response. The session carries the messages: header, Message IDs, encryption and
 * retransmissions are not the task's business. Tasks reach the IKE SA, its Child SAs, the
 * connection and the data plane through the IkeSession they run on.
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

    IkeTask();
    virtual ~IkeTask();

    /// \returns the exchange type of the task's messages
    virtual IkeExchangeType GetExchangeType() const = 0;

    /**
     * \brief Initiator: adds the request's payloads.
     * \param session the IKE SA the exchange runs on
     * \param request the request, header filled in by the session
     */
    virtual void BuildRequest(IkeSession& session, IkeMessage& request) = 0;

    /**
     * \brief Initiator: processes the response (decrypted, if the exchange is protected).
     * \param session the IKE SA the exchange runs on
     * \param response the response
     * \returns what comes next
     */
    virtual Result ProcessResponse(IkeSession& session, const IkeMessage& response) = 0;

    /**
     * \brief Responder: processes a request and adds the response's payloads.
     * \param session the IKE SA the exchange runs on
     * \param request the request (decrypted, if the exchange is protected)
     * \param response the response, header filled in by the session
     * \returns DONE or FAILED (the response is sent either way)
     */
    virtual Result ProcessRequest(IkeSession& session,
                                  const IkeMessage& request,
                                  IkeMessage& response)
        = 0;

    /**
     * \brief Both roles: called once the exchange is over (the response processed, or sent),
     * whatever the result, to act on the session (install, delete, queue follow-up tasks).
     * The default does nothing.
     * \param session the IKE SA the exchange ran on
     * \param result what ProcessResponse or ProcessRequest returned
     */
    virtual void Complete(IkeSession& session, Result result);

    /**
     * \brief Initiator: whether this task should start now or wait (strongSwan defers a
     * CREATE_CHILD_SA while the IKE SA is being rekeyed). The default: always ready.
     * \param session the IKE SA
     * \returns true to start the task now
     */
    virtual bool IsReady(const IkeSession& session) const;

    /// \returns the error notify that ended the task (sent or received), 0 if none
    IkeNotifyType GetError() const;

    /// \returns when the task was created (for setup latencies)
    Time GetCreated() const;

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
    Time m_created;                                       ///< creation time
};

} // namespace ns3

#endif /* IPSEC_IKE_TASK_H */
