/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_TASK_MANAGER_H
#define IPSEC_IKE_TASK_MANAGER_H

#include "ns3/event-id.h"
#include "ns3/ike-message.h"
#include "ns3/ike-task.h"

#include <deque>
#include <functional>
#include <memory>

namespace ns3
{

class IkeSession;

/**
 * \ingroup ipsec
 * \brief The exchanges of one IKE SA (strongSwan's task_manager_t): the ones this side
 * initiates run one at a time from a queue (window of 1), each request retransmitted with
 * exponential back-off until its response arrives or the IKE SA is given up; the peer's
 * requests are answered in Message ID order, and a retransmitted one gets the cached response.
 */
class IkeTaskManager
{
  public:
    /// \param session the IKE SA whose exchanges these are (owns the manager)
    explicit IkeTaskManager(IkeSession& session);
    ~IkeTaskManager();
    IkeTaskManager(const IkeTaskManager&) = delete;
    IkeTaskManager& operator=(const IkeTaskManager&) = delete;

    /// \param task an exchange to initiate once the ones before it are done
    void Queue(std::unique_ptr<IkeTask> task);
    /// \returns the exchange whose request is out, or null
    const IkeTask* GetActiveTask() const;
    /// \returns the exchanges waiting to be initiated
    const std::deque<std::unique_ptr<IkeTask>>& GetQueuedTasks() const;
    /// Starts the next queued task that is ready, if none is out.
    void Kick();
    /// \param unwanted says which queued exchanges to drop \returns how many were dropped
    size_t Unqueue(const std::function<bool(const IkeTask&)>& unwanted);
    /// \param which says which tasks \returns whether the active or a queued task is one
    bool HasTask(const std::function<bool(const IkeTask&)>& which) const;
    /**
     * \brief Takes the queued tasks that \p which selects out of the queue (IKE SA rekey:
     * the Child SA work moves to the new IKE SA).
     * \param which says which \returns them, in queue order
     */
    std::deque<std::unique_ptr<IkeTask>> TakeQueued(
        const std::function<bool(const IkeTask&)>& which);

    /// \param message a response to one of our requests (parsed, still encrypted)
    void HandleResponse(IkeMessage& message);
    /// \param message a request of the peer after IKE_SA_INIT (parsed, still encrypted)
    void HandleRequest(IkeMessage& message);
    /**
     * \brief Responder: answers the IKE_SA_INIT request that created the IKE SA.
     * \param message the request
     * \returns whether the IKE SA goes on (false: refused)
     */
    bool RespondToInit(IkeMessage& message);

    /// Stops the retransmissions.
    void Stop();
    /// Stops everything and forgets the active and queued tasks (the IKE SA ends).
    void Clear();

  private:
    /**
     * \brief Acts on the Message ID limits (IkeSa::REKEY_MESSAGE_ID and the others) before
     * the next exchange: queues an IKE SA rekey in front once our or the peer's IDs passed
     * their threshold (once per IKE SA; a failed rekey is retried as any), or the Delete of
     * the IKE SA once the peer's IDs are used up.
     * \returns whether a task was queued
     */
    bool CheckMessageIds();
    /// Builds, protects and sends the active task's request; with the last Message ID left
    /// only the Delete of the IKE SA goes, with none left the IKE SA is closed.
    void SendRequest();
    /// Resends the request or gives up.
    void Retransmit();
    /// \param message a protected request \returns the responder task for it, or null
    std::unique_ptr<IkeTask> MakeResponderTask(const IkeMessage& message);
    /// \param message a request \returns an empty response to it, header filled in
    IkeMessage MakeResponse(const IkeMessage& message) const;

    IkeSession& m_session;                        ///< the owner
    std::deque<std::unique_ptr<IkeTask>> m_queue; ///< tasks to initiate
    std::unique_ptr<IkeTask> m_active;            ///< the task whose request is out
    Bytes m_request;                              ///< the request as sent
    uint32_t m_tries{0};                          ///< retransmissions of m_request
    EventId m_retransmitEvent;                    ///< the next retransmission
    bool m_messageIdRekey{false};                 ///< the Message ID rekey was queued
};

} // namespace ns3

#endif /* IPSEC_IKE_TASK_MANAGER_H */
