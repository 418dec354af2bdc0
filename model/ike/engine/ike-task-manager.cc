/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-task-manager.h"

#include "ike-daemon.h"
#include "ike-session.h"

#include "ns3/ike-auth-task.h"
#include "ns3/ike-delete-child-sa-task.h"
#include "ns3/ike-delete-ike-sa-task.h"
#include "ns3/ike-delete-payload.h"
#include "ns3/ike-liveness-task.h"
#include "ns3/ike-per-resource-child-sa-task.h"
#include "ns3/ike-rekey-ike-sa-task.h"
#include "ns3/ike-sa-init-task.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeTaskManager");

IkeTaskManager::IkeTaskManager(IkeSession& session)
    : m_session(session)
{
}

IkeTaskManager::~IkeTaskManager()
{
    m_retransmitEvent.Cancel();
}

void
IkeTaskManager::Queue(std::unique_ptr<IkeTask> task)
{
    m_queue.push_back(std::move(task));
    Kick();
}

const IkeTask*
IkeTaskManager::GetActiveTask() const
{
    return m_active.get();
}

const std::deque<std::unique_ptr<IkeTask>>&
IkeTaskManager::GetQueuedTasks() const
{
    return m_queue;
}

size_t
IkeTaskManager::Unqueue(const std::function<bool(const IkeTask&)>& unwanted)
{
    size_t before = m_queue.size();
    m_queue.erase(std::remove_if(m_queue.begin(),
                                 m_queue.end(),
                                 [&unwanted](const std::unique_ptr<IkeTask>& task)
                                 { return unwanted(*task); }),
                  m_queue.end());
    return before - m_queue.size();
}

bool
IkeTaskManager::HasTask(const std::function<bool(const IkeTask&)>& which) const
{
    if (m_active && which(*m_active))
    {
        return true;
    }
    return std::any_of(m_queue.begin(),
                       m_queue.end(),
                       [&which](const std::unique_ptr<IkeTask>& task) { return which(*task); });
}

std::deque<std::unique_ptr<IkeTask>>
IkeTaskManager::TakeQueued(const std::function<bool(const IkeTask&)>& which)
{
    std::deque<std::unique_ptr<IkeTask>> taken;
    std::deque<std::unique_ptr<IkeTask>> keep;
    for (auto& task : m_queue)
    {
        (which(*task) ? taken : keep).push_back(std::move(task));
    }
    m_queue.swap(keep);
    return taken;
}

void
IkeTaskManager::Kick()
{
    IkeSaState state = m_session.GetSa().GetState();
    if (m_active || state == IkeSaState::FAILED || state == IkeSaState::CLOSED)
    {
        return;
    }
    CheckMessageIds();
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it)
    {
        if ((*it)->IsReady(m_session))
        {
            m_active = std::move(*it);
            m_queue.erase(it);
            SendRequest();
            return;
        }
    }
}

bool
IkeTaskManager::CheckMessageIds()
{
    const IkeSa& sa = m_session.GetSa();
    if (sa.GetState() != IkeSaState::ESTABLISHED)
    {
        return false;
    }
    auto isIkeDelete = [](const IkeTask& task)
    { return dynamic_cast<const IkeDeleteIkeSaTask*>(&task) != nullptr; };
    if (sa.GetExpectedRequestId() > IkeSa::MAX_MESSAGE_ID)
    {
        // The peer has used its last Message ID: no request of it can be taken any more (one
        // would carry a wrapped ID), so the IKE SA is of no use: we delete it.
        if (HasTask(isIkeDelete))
        {
            return false;
        }
        NS_LOG_INFO("the peer's Message IDs are used up: deleting the IKE SA");
        m_queue.clear();
        m_queue.push_front(std::make_unique<IkeDeleteIkeSaTask>());
        return true;
    }
    if (m_messageIdRekey || m_session.IsRekeyed()
        || (sa.GetNextRequestId() < IkeSa::REKEY_MESSAGE_ID
            && sa.GetExpectedRequestId() < IkeSa::PEER_REKEY_MESSAGE_ID))
    {
        return false;
    }
    // RFC 7296 2.2: rekeyed, as the IKE SA's IDs would run out; the new IKE SA counts from 0.
    // In front of the queue: every exchange before it would use up one more ID.
    m_messageIdRekey = true;
    if (HasTask([](const IkeTask& task)
                { return dynamic_cast<const IkeRekeyIkeSaTask*>(&task) != nullptr; }))
    {
        return false;
    }
    NS_LOG_INFO("Message ID " << sa.GetNextRequestId() << " (peer's " << sa.GetExpectedRequestId()
                              << "): rekeying the IKE SA");
    m_queue.push_front(std::make_unique<IkeRekeyIkeSaTask>());
    return true;
}

void
IkeTaskManager::SendRequest()
{
    IkeSa& sa = m_session.GetSa();
    IkeDaemon& daemon = m_session.GetDaemon();
    IkeMessage request;
    IkeHeader& header = request.GetHeader();
    IkeExchangeType exchange = m_active->GetExchangeType();
    uint64_t id = sa.GetNextRequestId();
    if (id > IkeSa::MAX_MESSAGE_ID)
    {
        // Never a wrapped Message ID (RFC 7296 2.2); not even a Delete can be sent.
        NS_LOG_INFO("no Message ID left: the IKE SA is closed without a Delete");
        m_session.Close();
        return;
    }
    if (id == IkeSa::MAX_MESSAGE_ID && !dynamic_cast<const IkeDeleteIkeSaTask*>(m_active.get()))
    {
        // The last ID is kept for the Delete, so that the peer learns the IKE SA is gone (the
        // rekey at REKEY_MESSAGE_ID did not happen in time): what was to go now lapses with it.
        NS_LOG_INFO("last Message ID: deleting the IKE SA instead of " << ToString(exchange));
        m_queue.clear();
        m_active = std::make_unique<IkeDeleteIkeSaTask>();
        SendRequest();
        return;
    }
    header.SetInitiatorSpi(sa.GetInitiatorSpi());
    header.SetResponderSpi(exchange == IkeExchangeType::IKE_SA_INIT ? 0 : sa.GetResponderSpi());
    header.SetExchangeType(exchange);
    header.SetInitiator(sa.IsInitiator());
    header.SetResponse(false);
    header.SetMessageId(static_cast<uint32_t>(id));
    m_active->BuildRequest(m_session, request);
    if (exchange == IkeExchangeType::IKE_SA_INIT)
    {
        m_request = request.Serialize();
        sa.SetInitRequest(m_request);
    }
    else
    {
        request.EnableEncryption();
        m_request = sa.Seal(request);
    }
    NS_LOG_INFO("sending " << request);
    m_tries = 0;
    daemon.Send(m_session.GetConfig(), m_request);
    m_retransmitEvent.Cancel();
    m_retransmitEvent
        = Simulator::Schedule(daemon.GetRetransmitTimeout(), &IkeTaskManager::Retransmit, this);
}

void
IkeTaskManager::Retransmit()
{
    IkeDaemon& daemon = m_session.GetDaemon();
    if (m_tries >= daemon.GetRetransmitTries())
    {
        NS_LOG_INFO("giving up after " << m_tries << " retransmissions");
        if (dynamic_cast<const IkeDeleteIkeSaTask*>(m_active.get()))
        {
            // We were deleting it anyway: closed, not failed (strongSwan's ike_delete).
            m_session.Close();
            return;
        }
        m_session.Fail(static_cast<IkeNotifyType>(0));
        return;
    }
    m_tries++;
    NS_LOG_INFO("retransmission " << m_tries);
    daemon.NoteRetransmission(m_tries, m_request);
    daemon.Send(m_session.GetConfig(), m_request);
    Time wait = daemon.GetRetransmitTimeout() * std::pow(daemon.GetRetransmitBase(), m_tries);
    m_retransmitEvent = Simulator::Schedule(wait, &IkeTaskManager::Retransmit, this);
}

void
IkeTaskManager::HandleResponse(IkeMessage& message)
{
    IkeSa& sa = m_session.GetSa();
    IkeDaemon& daemon = m_session.GetDaemon();
    const IkeHeader& header = message.GetHeader();
    if (!m_active || header.GetExchangeType() != m_active->GetExchangeType()
        || header.GetMessageId() != sa.GetNextRequestId()
        || header.IsInitiator() == sa.IsInitiator())
    {
        daemon.Drop("unexpected response", message.ToString());
        return;
    }
    bool init = header.GetExchangeType() == IkeExchangeType::IKE_SA_INIT;
    if (!init)
    {
        IkeParseStatus status = sa.Open(message);
        if (header.GetResponderSpi() != sa.GetResponderSpi() || !message.IsEncrypted()
            || !status.IsOk() || !message.GetEncryptedPayload()->IsDecrypted())
        {
            daemon.Drop("undecryptable response", status.ToString());
            return;
        }
    }
    else if (message.IsEncrypted())
    {
        daemon.Drop("unexpected response", "IKE_SA_INIT with an SK payload");
        return;
    }
    NS_LOG_INFO("received " << message);
    m_session.NoteReceived();
    if (init)
    {
        sa.SetInitResponse(message.GetReceivedBytes());
    }
    m_retransmitEvent.Cancel();
    IkeNotifyType errorBefore = m_active->GetError();
    IkeTask::Result result = m_active->ProcessResponse(m_session, message);
    // A task keeps its error across a retry (INVALID_KE_PAYLOAD, COOKIE): count it once, when
    // the response carrying it arrives, not again with the response that succeeds.
    if (result == IkeTask::Result::RETRY || m_active->GetError() != errorBefore)
    {
        daemon.NoteError(m_active->GetError(), false);
    }
    if (!init)
    {
        // Any response ends the exchange; a retry is a new exchange with the next ID.
        sa.IncrementRequestId();
    }
    if (result == IkeTask::Result::RETRY)
    {
        SendRequest();
        return;
    }
    if (init && result == IkeTask::Result::DONE)
    {
        sa.IncrementRequestId();
        daemon.NoteKeys(sa);
    }
    if (result == IkeTask::Result::DONE)
    {
        daemon.Statistics().exchangesInitiated[ToString(header.GetExchangeType())]++;
    }
    std::unique_ptr<IkeTask> task = std::move(m_active);
    task->Complete(m_session, result);
    Kick();
}

IkeMessage
IkeTaskManager::MakeResponse(const IkeMessage& message) const
{
    const IkeSa& sa = m_session.GetSa();
    IkeMessage response;
    IkeHeader& out = response.GetHeader();
    out.SetInitiatorSpi(sa.GetInitiatorSpi());
    out.SetResponderSpi(sa.GetResponderSpi());
    out.SetExchangeType(message.GetHeader().GetExchangeType());
    out.SetInitiator(sa.IsInitiator());
    out.SetResponse(true);
    out.SetMessageId(message.GetHeader().GetMessageId());
    return response;
}

bool
IkeTaskManager::RespondToInit(IkeMessage& message)
{
    IkeSa& sa = m_session.GetSa();
    IkeDaemon& daemon = m_session.GetDaemon();
    IkeSaInitTask task;
    IkeMessage response;
    IkeTask::Result result = task.ProcessRequest(m_session, message, response);
    IkeHeader& out = response.GetHeader();
    out.SetInitiatorSpi(message.GetHeader().GetInitiatorSpi());
    out.SetResponderSpi(result == IkeTask::Result::DONE ? sa.GetResponderSpi() : 0);
    out.SetExchangeType(IkeExchangeType::IKE_SA_INIT);
    out.SetInitiator(false);
    out.SetResponse(true);
    out.SetMessageId(0);
    Bytes bytes = response.Serialize();
    NS_LOG_INFO("received " << message << ", answering " << response);
    daemon.NoteError(task.GetError(), true);
    if (result == IkeTask::Result::DONE)
    {
        sa.SetInitRequest(message.GetReceivedBytes());
        sa.SetInitResponse(bytes);
        sa.CacheResponse(message.GetReceivedBytes(), bytes);
        daemon.Statistics().exchangesResponded[ToString(IkeExchangeType::IKE_SA_INIT)]++;
    }
    daemon.Send(m_session.GetConfig(), bytes);
    task.Complete(m_session, result);
    return result == IkeTask::Result::DONE;
}

std::unique_ptr<IkeTask>
IkeTaskManager::MakeResponderTask(const IkeMessage& message)
{
    const IkeSa& sa = m_session.GetSa();
    IkeExchangeType exchange = message.GetHeader().GetExchangeType();
    IkeSaState state = sa.GetState();
    if (exchange == IkeExchangeType::IKE_AUTH)
    {
        if (!sa.IsInitiator() && state == IkeSaState::CONNECTING)
        {
            return std::make_unique<IkeAuthTask>();
        }
        return nullptr;
    }
    if (exchange == IkeExchangeType::INFORMATIONAL)
    {
        if (state != IkeSaState::ESTABLISHED)
        {
            return nullptr;
        }
        // Delete requests are answered as usual whatever else is under way (RFC 7296 2.25).
        std::vector<const IkeDeletePayload*> deletes = message.FindAll<IkeDeletePayload>();
        for (const IkeDeletePayload* payload : deletes)
        {
            if (payload->IsIkeSa())
            {
                return std::make_unique<IkeDeleteIkeSaTask>();
            }
        }
        if (!deletes.empty())
        {
            return std::make_unique<IkeDeleteChildSaTask>();
        }
        // Empty (a liveness check) or only notifies we do not act on: an empty response.
        return std::make_unique<IkeLivenessTask>();
    }
    if (exchange == IkeExchangeType::CREATE_CHILD_SA && IkeRekeyIkeSaTask::IsIkeSaRekey(message))
    {
        // An SA payload with Protocol ID IKE: the IKE SA rekey; other CREATE_CHILD_SA requests
        // are for Child SAs, and their responder (IkeCreateChildSaTask) must answer
        // TEMPORARY_FAILURE while IsRekeyingIkeSa() (RFC 7296 2.25, as strongSwan).
        if (state != IkeSaState::ESTABLISHED)
        {
            return nullptr;
        }
        return std::make_unique<IkeRekeyIkeSaTask>();
    }
    if (exchange == IkeExchangeType::CREATE_CHILD_SA)
    {
        if (state != IkeSaState::ESTABLISHED)
        {
            // strongSwan rejects CREATE_CHILD_SA for an unestablished IKE SA; dropped
            // unanswered, the peer retransmits it until the IKE SA is up.
            return nullptr;
        }
        // A CREATE_CHILD_SA without SA_RESOURCE_INFO (or a rekey) is handled as the base
        // IkeCreateChildSaTask would; with it, the RFC 9611 group decides (CPU, TS_MAX_QUEUE).
        return std::make_unique<IkePerResourceChildSaTask>();
    }
    return nullptr;
}

void
IkeTaskManager::HandleRequest(IkeMessage& message)
{
    IkeSa& sa = m_session.GetSa();
    IkeDaemon& daemon = m_session.GetDaemon();
    const IkeHeader& header = message.GetHeader();
    if (!sa.HasKeys() || header.GetInitiatorSpi() != sa.GetInitiatorSpi()
        || header.GetResponderSpi() != sa.GetResponderSpi())
    {
        daemon.Drop("unknown IKE SA", message.ToString());
        return;
    }
    if (header.IsInitiator() != !sa.IsInitiator())
    {
        daemon.Drop("unexpected request", "wrong Initiator flag");
        return;
    }
    uint64_t expected = sa.GetExpectedRequestId();
    if (expected > 0 && header.GetMessageId() == expected - 1 && !sa.GetCachedResponse().empty())
    {
        // strongSwan compares a hash of the request; the octets themselves will do.
        if (message.GetReceivedBytes() != sa.GetCachedRequest())
        {
            daemon.Drop("unexpected request", "another request with the last Message ID");
            return;
        }
        daemon.NoteCachedResponse();
        NS_LOG_INFO("retransmitted request " << header.GetMessageId() << ": cached response");
        daemon.Send(m_session.GetConfig(), sa.GetCachedResponse());
        return;
    }
    if (expected > IkeSa::MAX_MESSAGE_ID)
    {
        // The peer used its last Message ID (RFC 7296 2.2): a request now has a wrapped one,
        // which must not be taken for a new exchange. The IKE SA is of no use: Kick() queues
        // its Delete (CheckMessageIds), unless it is under way already.
        daemon.Drop("Message ID exhausted",
                    "Message ID " + std::to_string(header.GetMessageId()) + " after "
                        + std::to_string(IkeSa::MAX_MESSAGE_ID));
        Kick();
        return;
    }
    if (header.GetMessageId() != expected)
    {
        daemon.Drop("unexpected request", "Message ID " + std::to_string(header.GetMessageId()));
        return;
    }
    IkeParseStatus status = sa.Open(message);
    if (!message.IsEncrypted() || !status.IsOk() || !message.GetEncryptedPayload()->IsDecrypted())
    {
        daemon.Drop("undecryptable request", status.ToString());
        return;
    }
    NS_LOG_INFO("received " << message);
    m_session.NoteReceived();
    std::unique_ptr<IkeTask> task = MakeResponderTask(message);
    if (!task)
    {
        daemon.Drop("unsupported request", message.ToString());
        return;
    }
    IkeMessage response = MakeResponse(message);
    IkeTask::Result result = task->ProcessRequest(m_session, message, response);
    response.EnableEncryption();
    Bytes bytes = sa.Seal(response);
    sa.CacheResponse(message.GetReceivedBytes(), bytes);
    daemon.NoteError(task->GetError(), true);
    daemon.Statistics().exchangesResponded[ToString(header.GetExchangeType())]++;
    daemon.Send(m_session.GetConfig(), bytes);
    task->Complete(m_session, result);
    if (CheckMessageIds())
    {
        Kick();
    }
}

void
IkeTaskManager::Stop()
{
    m_retransmitEvent.Cancel();
}

void
IkeTaskManager::Clear()
{
    Stop();
    m_active.reset();
    m_queue.clear();
}

} // namespace ns3
