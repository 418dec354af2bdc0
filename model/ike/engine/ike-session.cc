/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-session.h"

#include "ike-daemon.h"

#include "ns3/ike-auth-task.h"
#include "ns3/ike-create-child-sa-task.h"
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
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeSession");

namespace
{
/**
 * \param limit the connection's lifetime
 * \param stream the randomness of the jitter
 * \returns the data plane's lifetime of a new Child SA: the rekey (soft) limit minus a
 *          uniform jitter in [0, randTime], as strongSwan's child_cfg_t::get_lifetime
 */
SaLifetime
MakeLifetime(const IkeLifetime& limit, UniformRandomVariable& stream)
{
    SaLifetime lifetime;
    Time rand = limit.EffectiveRandTime();
    Time jitter
        = rand.IsStrictlyPositive() ? Seconds(stream.GetValue(0, rand.GetSeconds())) : Seconds(0);
    lifetime.softTime = std::max(limit.rekeyTime - jitter, MilliSeconds(1));
    lifetime.hardTime = limit.EffectiveLifeTime();
    lifetime.softBytes = limit.rekeyBytes;
    lifetime.hardBytes
        = limit.lifeBytes ? limit.lifeBytes : limit.rekeyBytes + limit.rekeyBytes / 10;
    lifetime.softPackets = limit.rekeyPackets;
    lifetime.hardPackets
        = limit.lifePackets ? limit.lifePackets : limit.rekeyPackets + limit.rekeyPackets / 10;
    return lifetime;
}
} // namespace

IkeSession::IkeSession(IkeDaemon& daemon, const IkePeerConfig& config, std::unique_ptr<IkeSa> sa)
    : m_daemon(daemon)
    , m_config(config)
    , m_sa(std::move(sa))
    , m_created(Simulator::Now())
    , m_resourceGroup(config.perResource)
{
    m_sa->SetCryptoMeter(&daemon.GetCryptoMeter());
}

IkeSession::~IkeSession()
{
    m_retransmitEvent.Cancel();
    m_redundantEvent.Cancel();
    m_livenessEvent.Cancel();
    m_ikeRekeyEvent.Cancel();
    m_ikeExpireEvent.Cancel();
}

IkeSa&
IkeSession::GetSa()
{
    return *m_sa;
}

const IkeSa&
IkeSession::GetSa() const
{
    return *m_sa;
}

const IkePeerConfig&
IkeSession::GetConfig() const
{
    return m_config;
}

IkeDaemon&
IkeSession::GetDaemon()
{
    return m_daemon;
}

const IkeDaemon&
IkeSession::GetDaemon() const
{
    return m_daemon;
}

IpsecSaApi&
IkeSession::GetDataPlane()
{
    return *m_daemon.GetDataPlane();
}

Time
IkeSession::GetCreated() const
{
    return m_created;
}

uint64_t
IkeSession::GetLocalSpi() const
{
    return m_sa->GetLocalSpi();
}

void
IkeSession::Queue(std::unique_ptr<IkeTask> task)
{
    m_queue.push_back(std::move(task));
    StartNextTask();
}

const IkeTask*
IkeSession::GetActiveTask() const
{
    return m_active.get();
}

const std::deque<std::unique_ptr<IkeTask>>&
IkeSession::GetQueuedTasks() const
{
    return m_queue;
}

void
IkeSession::Kick()
{
    StartNextTask();
}

size_t
IkeSession::Unqueue(const std::function<bool(const IkeTask&)>& unwanted)
{
    size_t before = m_queue.size();
    m_queue.erase(std::remove_if(m_queue.begin(),
                                 m_queue.end(),
                                 [&unwanted](const std::unique_ptr<IkeTask>& task)
                                 { return unwanted(*task); }),
                  m_queue.end());
    return before - m_queue.size();
}

void
IkeSession::StartNextTask()
{
    IkeSaState state = m_sa->GetState();
    if (m_active || state == IkeSaState::FAILED || state == IkeSaState::CLOSED)
    {
        return;
    }
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it)
    {
        if ((*it)->IsReady(*this))
        {
            m_active = std::move(*it);
            m_queue.erase(it);
            SendRequest();
            return;
        }
    }
}

void
IkeSession::SendRequest()
{
    IkeMessage request;
    IkeHeader& header = request.GetHeader();
    IkeExchangeType exchange = m_active->GetExchangeType();
    header.SetInitiatorSpi(m_sa->GetInitiatorSpi());
    header.SetResponderSpi(exchange == IkeExchangeType::IKE_SA_INIT ? 0 : m_sa->GetResponderSpi());
    header.SetExchangeType(exchange);
    header.SetInitiator(m_sa->IsInitiator());
    header.SetResponse(false);
    header.SetMessageId(m_sa->GetNextRequestId());
    m_active->BuildRequest(*this, request);
    if (exchange == IkeExchangeType::IKE_SA_INIT)
    {
        m_request = request.Serialize();
        m_sa->SetInitRequest(m_request);
    }
    else
    {
        request.EnableEncryption();
        m_request = m_sa->Seal(request);
    }
    NS_LOG_INFO("sending " << request);
    m_tries = 0;
    m_daemon.Send(m_config, m_request);
    m_retransmitEvent.Cancel();
    m_retransmitEvent
        = Simulator::Schedule(m_daemon.GetRetransmitTimeout(), &IkeSession::Retransmit, this);
}

void
IkeSession::Retransmit()
{
    if (m_tries >= m_daemon.GetRetransmitTries())
    {
        NS_LOG_INFO("giving up after " << m_tries << " retransmissions");
        if (dynamic_cast<const IkeDeleteIkeSaTask*>(m_active.get()))
        {
            // We were deleting it anyway: closed, not failed (strongSwan's ike_delete).
            Close();
            return;
        }
        Fail(static_cast<IkeNotifyType>(0));
        return;
    }
    m_tries++;
    NS_LOG_INFO("retransmission " << m_tries);
    m_daemon.NoteRetransmission(m_tries, m_request);
    m_daemon.Send(m_config, m_request);
    Time wait = m_daemon.GetRetransmitTimeout() * std::pow(m_daemon.GetRetransmitBase(), m_tries);
    m_retransmitEvent = Simulator::Schedule(wait, &IkeSession::Retransmit, this);
}

void
IkeSession::HandleResponse(IkeMessage& message)
{
    const IkeHeader& header = message.GetHeader();
    if (!m_active || header.GetExchangeType() != m_active->GetExchangeType()
        || header.GetMessageId() != m_sa->GetNextRequestId()
        || header.IsInitiator() == m_sa->IsInitiator())
    {
        m_daemon.Drop("unexpected response", message.ToString());
        return;
    }
    bool init = header.GetExchangeType() == IkeExchangeType::IKE_SA_INIT;
    if (!init)
    {
        IkeParseStatus status = m_sa->Open(message);
        if (header.GetResponderSpi() != m_sa->GetResponderSpi() || !message.IsEncrypted()
            || !status.IsOk() || !message.GetEncryptedPayload()->IsDecrypted())
        {
            m_daemon.Drop("undecryptable response", status.ToString());
            return;
        }
    }
    else if (message.IsEncrypted())
    {
        m_daemon.Drop("unexpected response", "IKE_SA_INIT with an SK payload");
        return;
    }
    NS_LOG_INFO("received " << message);
    m_lastReceived = Simulator::Now();
    if (init)
    {
        m_sa->SetInitResponse(message.GetReceivedBytes());
    }
    m_retransmitEvent.Cancel();
    IkeNotifyType errorBefore = m_active->GetError();
    IkeTask::Result result = m_active->ProcessResponse(*this, message);
    // A task keeps its error across a retry (INVALID_KE_PAYLOAD, COOKIE): count it once, when
    // the response carrying it arrives, not again with the response that succeeds.
    if (result == IkeTask::Result::RETRY || m_active->GetError() != errorBefore)
    {
        m_daemon.NoteError(m_active->GetError(), false);
    }
    if (!init)
    {
        // Any response ends the exchange; a retry is a new exchange with the next ID.
        m_sa->IncrementRequestId();
    }
    if (result == IkeTask::Result::RETRY)
    {
        SendRequest();
        return;
    }
    if (init && result == IkeTask::Result::DONE)
    {
        m_sa->IncrementRequestId();
        m_daemon.NoteKeys(*m_sa);
    }
    if (result == IkeTask::Result::DONE)
    {
        m_daemon.Statistics().exchangesInitiated[ToString(header.GetExchangeType())]++;
    }
    std::unique_ptr<IkeTask> task = std::move(m_active);
    task->Complete(*this, result);
    StartNextTask();
}

IkeMessage
IkeSession::MakeResponse(const IkeMessage& message) const
{
    IkeMessage response;
    IkeHeader& out = response.GetHeader();
    out.SetInitiatorSpi(m_sa->GetInitiatorSpi());
    out.SetResponderSpi(m_sa->GetResponderSpi());
    out.SetExchangeType(message.GetHeader().GetExchangeType());
    out.SetInitiator(m_sa->IsInitiator());
    out.SetResponse(true);
    out.SetMessageId(message.GetHeader().GetMessageId());
    return response;
}

bool
IkeSession::RespondToInit(IkeMessage& message)
{
    IkeSaInitTask task;
    IkeMessage response;
    IkeTask::Result result = task.ProcessRequest(*this, message, response);
    IkeHeader& out = response.GetHeader();
    out.SetInitiatorSpi(message.GetHeader().GetInitiatorSpi());
    out.SetResponderSpi(result == IkeTask::Result::DONE ? m_sa->GetResponderSpi() : 0);
    out.SetExchangeType(IkeExchangeType::IKE_SA_INIT);
    out.SetInitiator(false);
    out.SetResponse(true);
    out.SetMessageId(0);
    Bytes bytes = response.Serialize();
    NS_LOG_INFO("received " << message << ", answering " << response);
    m_daemon.NoteError(task.GetError(), true);
    if (result == IkeTask::Result::DONE)
    {
        m_sa->SetInitRequest(message.GetReceivedBytes());
        m_sa->SetInitResponse(bytes);
        m_sa->CacheResponse(message.GetReceivedBytes(), bytes);
        m_daemon.Statistics().exchangesResponded[ToString(IkeExchangeType::IKE_SA_INIT)]++;
    }
    m_daemon.Send(m_config, bytes);
    task.Complete(*this, result);
    return result == IkeTask::Result::DONE;
}

std::unique_ptr<IkeTask>
IkeSession::MakeResponderTask(const IkeMessage& message)
{
    IkeExchangeType exchange = message.GetHeader().GetExchangeType();
    IkeSaState state = m_sa->GetState();
    if (exchange == IkeExchangeType::IKE_AUTH)
    {
        if (!m_sa->IsInitiator() && state == IkeSaState::CONNECTING)
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
IkeSession::HandleRequest(IkeMessage& message)
{
    const IkeHeader& header = message.GetHeader();
    if (!m_sa->HasKeys() || header.GetInitiatorSpi() != m_sa->GetInitiatorSpi()
        || header.GetResponderSpi() != m_sa->GetResponderSpi())
    {
        m_daemon.Drop("unknown IKE SA", message.ToString());
        return;
    }
    if (header.IsInitiator() != !m_sa->IsInitiator())
    {
        m_daemon.Drop("unexpected request", "wrong Initiator flag");
        return;
    }
    uint32_t expected = m_sa->GetExpectedRequestId();
    if (expected > 0 && header.GetMessageId() == expected - 1 && !m_sa->GetCachedResponse().empty())
    {
        // strongSwan compares a hash of the request; the octets themselves will do.
        if (message.GetReceivedBytes() != m_sa->GetCachedRequest())
        {
            m_daemon.Drop("unexpected request", "another request with the last Message ID");
            return;
        }
        m_daemon.NoteCachedResponse();
        NS_LOG_INFO("retransmitted request " << header.GetMessageId() << ": cached response");
        m_daemon.Send(m_config, m_sa->GetCachedResponse());
        return;
    }
    if (header.GetMessageId() != expected)
    {
        m_daemon.Drop("unexpected request", "Message ID " + std::to_string(header.GetMessageId()));
        return;
    }
    IkeParseStatus status = m_sa->Open(message);
    if (!message.IsEncrypted() || !status.IsOk() || !message.GetEncryptedPayload()->IsDecrypted())
    {
        m_daemon.Drop("undecryptable request", status.ToString());
        return;
    }
    NS_LOG_INFO("received " << message);
    m_lastReceived = Simulator::Now();
    std::unique_ptr<IkeTask> task = MakeResponderTask(message);
    if (!task)
    {
        m_daemon.Drop("unsupported request", message.ToString());
        return;
    }
    IkeMessage response = MakeResponse(message);
    IkeTask::Result result = task->ProcessRequest(*this, message, response);
    response.EnableEncryption();
    Bytes bytes = m_sa->Seal(response);
    m_sa->CacheResponse(message.GetReceivedBytes(), bytes);
    m_daemon.NoteError(task->GetError(), true);
    m_daemon.Statistics().exchangesResponded[ToString(header.GetExchangeType())]++;
    m_daemon.Send(m_config, bytes);
    task->Complete(*this, result);
}

std::optional<IkeChildSa>
IkeSession::InstallChildSa(const IkeChildSaSpec& spec)
{
    IkeChildSaKeys keys = m_sa->GetKeySchedule().DeriveChildSaKeys(
        m_sa->GetKeys().skD, spec.suite, spec.nonceI, spec.nonceR, spec.sharedSecret);
    // KEYMAT = prf+(SK_d, [g^ir (new) |] Ni | Nr) (RFC 7296 2.17)
    IkeCryptoOperation keymat{IkeCryptoOp::PRF_PLUS};
    keymat.bytes = static_cast<uint32_t>(keys.initiatorEncr.size() + keys.initiatorInteg.size()
                                         + keys.responderEncr.size() + keys.responderInteg.size());
    keymat.seedBytes
        = static_cast<uint32_t>(spec.sharedSecret.size() + spec.nonceI.size() + spec.nonceR.size());
    m_sa->ChargeCrypto(keymat);
    bool initiator = spec.exchangeInitiator;
    SaParams common;
    common.reqid = m_config.reqid;
    common.interfaceId = m_config.interfaceId;
    common.suite = spec.suite;
    common.esn = m_config.esn;
    common.replayWindow = m_config.replayWindow;
    common.lifetime = MakeLifetime(m_config.childLifetime, *m_daemon.GetStream());
    if (m_sa->GetNatState().Any())
    {
        // RFC 7296 2.23 / RFC 3948: ESP in UDP 4500 once a NAT was found (or faked), as
        // strongSwan's child_sa encap follows the IKE SA's NAT conditions.
        common.udpEncapsulation = UdpEncapsulation{IkeDaemon::NAT_T_PORT, IkeDaemon::NAT_T_PORT};
    }

    SaParams out = common;
    out.direction = SaDirection::OUTBOUND;
    out.spi = spec.peerSpi;
    out.cpu = spec.cpu;
    out.tunnelSource = m_config.localAddress;
    out.tunnelDestination = m_config.peerAddress;
    out.encryptionKey = initiator ? keys.initiatorEncr : keys.responderEncr;
    out.integrityKey = initiator ? keys.initiatorInteg : keys.responderInteg;

    SaParams in = common;
    in.direction = SaDirection::INBOUND;
    in.spi = spec.localSpi;
    in.tunnelSource = m_config.peerAddress;
    in.tunnelDestination = m_config.localAddress;
    in.encryptionKey = initiator ? keys.responderEncr : keys.initiatorEncr;
    in.integrityKey = initiator ? keys.responderInteg : keys.initiatorInteg;

    IpsecSaApi& api = GetDataPlane();
    try
    {
        api.AddSa(in);
        try
        {
            api.AddSa(out);
        }
        catch (const std::invalid_argument&)
        {
            api.DeleteSa(SaDirection::INBOUND, spec.localSpi, m_config.localAddress);
            throw;
        }
    }
    catch (const std::invalid_argument& e)
    {
        NS_LOG_WARN("Child SA refused by the data plane: " << e.what());
        return std::nullopt;
    }
    IkeChildSa child;
    child.inboundSpi = spec.localSpi;
    child.outboundSpi = spec.peerSpi;
    child.suite = spec.suite;
    child.localTs = m_config.localTs;
    child.remoteTs = m_config.remoteTs;
    child.cpu = spec.cpu;
    child.perResource = spec.perResource;
    child.installed = Simulator::Now();
    child.replaces = spec.replaces;
    m_children.push_back(child);
    if (initiator)
    {
        m_daemon.Statistics().childSetupSeconds.push_back(
            (Simulator::Now() - spec.requested).GetSeconds());
    }
    NS_LOG_INFO("Child SA installed: in " << spec.localSpi << " out " << spec.peerSpi << " "
                                          << spec.suite << " cpu " << spec.cpu);
    m_daemon.NoteChildSa(child);
    return child;
}

const std::vector<IkeChildSa>&
IkeSession::GetChildSas() const
{
    return m_children;
}

IkeResourceGroup&
IkeSession::GetResourceGroup()
{
    return m_resourceGroup;
}

const IkeResourceGroup&
IkeSession::GetResourceGroup() const
{
    return m_resourceGroup;
}

IkeChildSa*
IkeSession::FindChildSa(uint32_t inboundSpi)
{
    for (IkeChildSa& child : m_children)
    {
        if (child.inboundSpi == inboundSpi)
        {
            return &child;
        }
    }
    return nullptr;
}

IkeChildSa*
IkeSession::FindChildSaBySpi(uint32_t spi)
{
    for (IkeChildSa& child : m_children)
    {
        if (child.inboundSpi == spi || child.outboundSpi == spi)
        {
            return &child;
        }
    }
    return nullptr;
}

bool
IkeSession::RemoveChildSa(uint32_t inboundSpi)
{
    auto it
        = std::find_if(m_children.begin(),
                       m_children.end(),
                       [inboundSpi](const IkeChildSa& c) { return c.inboundSpi == inboundSpi; });
    if (it == m_children.end())
    {
        return false;
    }
    IpsecSaApi& api = GetDataPlane();
    api.DeleteSa(SaDirection::INBOUND, it->inboundSpi, m_config.localAddress);
    api.DeleteSa(SaDirection::OUTBOUND, it->outboundSpi, m_config.peerAddress);
    NS_LOG_INFO("Child SA removed: in " << it->inboundSpi << " out " << it->outboundSpi);
    // An RFC 9611 group's initial (fallback) SA gone without a successor (a replaced one is
    // REKEYED): the rekey policy decides about the additional SAs.
    bool initialGone
        = it->perResource && it->cpu == SaParams::NO_CPU && it->state != IkeChildSaState::REKEYED;
    m_children.erase(it);
    m_daemon.Statistics().childSasDeleted++;
    if (initialGone)
    {
        m_resourceGroup.NoteInitialGone(*this);
    }
    return true;
}

void
IkeSession::AdoptChildSas(std::vector<IkeChildSa> children)
{
    m_children.insert(m_children.end(), children.begin(), children.end());
}

std::vector<IkeChildSa>
IkeSession::ReleaseChildSas()
{
    std::vector<IkeChildSa> children;
    children.swap(m_children);
    return children;
}

void
IkeSession::Establish()
{
    m_sa->SetState(IkeSaState::ESTABLISHED);
    NS_LOG_INFO("IKE SA established");
    if (m_sa->IsInitiator())
    {
        m_daemon.Statistics().ikeSetupSeconds.push_back(
            (Simulator::Now() - m_created).GetSeconds());
    }
    m_daemon.NoteEstablished(*this);
    ArmTimers();
}

void
IkeSession::EstablishRekeyed()
{
    m_sa->SetState(IkeSaState::ESTABLISHED);
    NS_LOG_INFO("IKE SA established by a rekey");
    ArmTimers();
}

void
IkeSession::ArmTimers()
{
    m_lastReceived = Simulator::Now();
    if (m_config.dpdDelay.IsStrictlyPositive())
    {
        m_livenessEvent.Cancel();
        m_livenessEvent = Simulator::Schedule(m_config.dpdDelay, &IkeSession::CheckLiveness, this);
    }
    // strongSwan's IKE rekey_time minus a jitter of up to rand_time (over_time 10% by
    // default); the IKE SA goes at the hard lifetime if it was not rekeyed by then.
    const IkeLifetime& lifetime = m_config.ikeLifetime;
    if (lifetime.rekeyTime.IsStrictlyPositive())
    {
        Time rand = lifetime.EffectiveRandTime();
        Time jitter = rand.IsStrictlyPositive()
                          ? Seconds(m_daemon.GetStream()->GetValue(0, rand.GetSeconds()))
                          : Seconds(0);
        Time rekey = std::max(lifetime.rekeyTime - jitter, MilliSeconds(1));
        m_ikeRekeyEvent.Cancel();
        m_ikeRekeyEvent = Simulator::Schedule(rekey, &IkeSession::RekeyIkeSa, this);
        m_ikeExpireEvent.Cancel();
        m_ikeExpireEvent
            = Simulator::Schedule(lifetime.EffectiveLifeTime(), &IkeSession::ExpireIkeSa, this);
    }
}

void
IkeSession::ExpireIkeSa()
{
    // strongSwan deletes the IKE SA at its hard lifetime; a Delete could wait behind a
    // stuck exchange, so the IKE SA goes here at once and the peer's liveness checks or
    // lifetime find out.
    NS_LOG_INFO("hard IKE lifetime reached");
    Close();
}

void
IkeSession::RekeyIkeSa()
{
    if (m_rekeyed || m_sa->GetState() != IkeSaState::ESTABLISHED
        || dynamic_cast<const IkeRekeyIkeSaTask*>(m_active.get()))
    {
        return;
    }
    for (const auto& task : m_queue)
    {
        if (dynamic_cast<const IkeRekeyIkeSaTask*>(task.get()))
        {
            return;
        }
    }
    Queue(std::make_unique<IkeRekeyIkeSaTask>());
}

void
IkeSession::ExpectRedundantDelete()
{
    // The peer's retransmissions of its Delete give up after timeout * sum(base^n).
    Time wait = Seconds(0);
    for (uint32_t n = 0; n <= m_daemon.GetRetransmitTries(); ++n)
    {
        wait += m_daemon.GetRetransmitTimeout() * std::pow(m_daemon.GetRetransmitBase(), n);
    }
    m_redundantEvent.Cancel();
    m_redundantEvent = Simulator::Schedule(wait,
                                           [this]()
                                           {
                                               if (m_children.empty())
                                               {
                                                   NS_LOG_INFO("redundant IKE SA never deleted "
                                                               "by the peer: closed");
                                                   Close();
                                               }
                                           });
}

void
IkeSession::RetryIkeRekey(Time delay)
{
    m_ikeRekeyEvent.Cancel();
    m_ikeRekeyEvent = Simulator::Schedule(delay, &IkeSession::RekeyIkeSa, this);
}

bool
IkeSession::IsRekeyingIkeSa() const
{
    return m_rekeyed || dynamic_cast<const IkeRekeyIkeSaTask*>(m_active.get());
}

bool
IkeSession::IsRekeyed() const
{
    return m_rekeyed;
}

void
IkeSession::SetPeerIkeRekey(const PeerIkeRekey& peer)
{
    m_peerIkeRekey = peer;
}

std::optional<IkeSession::PeerIkeRekey>
IkeSession::TakePeerIkeRekey()
{
    std::optional<PeerIkeRekey> peer;
    peer.swap(m_peerIkeRekey);
    return peer;
}

void
IkeSession::HandOver(IkeSession& successor)
{
    NS_LOG_INFO("IKE SA rekeyed: " << m_children.size() << " Child SAs move to SPI "
                                   << successor.GetLocalSpi());
    m_rekeyed = true;
    m_ikeRekeyEvent.Cancel();
    m_livenessEvent.Cancel();
    successor.AdoptChildSas(ReleaseChildSas());
    successor.m_resourceGroup.TakeOver(m_resourceGroup);
    // Queued work for the Child SAs follows them (strongSwan migrates the queued tasks);
    // what concerns this IKE SA itself stays and lapses with it.
    std::deque<std::unique_ptr<IkeTask>> keep;
    for (auto& task : m_queue)
    {
        if (dynamic_cast<IkeRekeyIkeSaTask*>(task.get())
            || dynamic_cast<IkeDeleteIkeSaTask*>(task.get())
            || dynamic_cast<IkeLivenessTask*>(task.get()))
        {
            keep.push_back(std::move(task));
        }
        else
        {
            successor.m_queue.push_back(std::move(task));
        }
    }
    m_queue.swap(keep);
    m_daemon.Statistics().ikeSaRekeys++;
    successor.Kick();
}

void
IkeSession::CheckLiveness()
{
    IkeSaState state = m_sa->GetState();
    if (state != IkeSaState::ESTABLISHED)
    {
        return;
    }
    Time silent = Simulator::Now() - m_lastReceived;
    if (silent >= m_config.dpdDelay)
    {
        // strongSwan's dpd_delay: check only when the peer has been quiet that long, and
        // not while a check is out or queued.
        bool pending = dynamic_cast<const IkeLivenessTask*>(m_active.get());
        for (const auto& task : m_queue)
        {
            pending = pending || dynamic_cast<const IkeLivenessTask*>(task.get());
        }
        if (!pending)
        {
            Queue(std::make_unique<IkeLivenessTask>());
        }
        m_livenessEvent = Simulator::Schedule(m_config.dpdDelay, &IkeSession::CheckLiveness, this);
        return;
    }
    m_livenessEvent
        = Simulator::Schedule(m_config.dpdDelay - silent, &IkeSession::CheckLiveness, this);
}

Time
IkeSession::GetLastReceived() const
{
    return m_lastReceived;
}

bool
IkeSession::DeleteChildSa(uint32_t inboundSpi)
{
    if (!FindChildSa(inboundSpi))
    {
        return false;
    }
    Queue(std::make_unique<IkeDeleteChildSaTask>(std::vector<uint32_t>{inboundSpi}));
    return true;
}

void
IkeSession::Delete()
{
    Queue(std::make_unique<IkeDeleteIkeSaTask>());
}

void
IkeSession::Stop()
{
    m_retransmitEvent.Cancel();
    m_redundantEvent.Cancel();
    m_livenessEvent.Cancel();
    m_ikeRekeyEvent.Cancel();
    m_ikeExpireEvent.Cancel();
}

void
IkeSession::Fail(IkeNotifyType error)
{
    NS_LOG_INFO("IKE SA failed: " << ToString(error));
    Stop();
    m_active.reset();
    m_queue.clear();
    m_sa->SetState(IkeSaState::FAILED);
    m_daemon.Statistics().ikeSasFailed++;
    while (!m_children.empty())
    {
        RemoveChildSa(m_children.front().inboundSpi);
    }
}

void
IkeSession::Close()
{
    NS_LOG_INFO("IKE SA closed");
    if (std::optional<PeerIkeRekey> peer = TakePeerIkeRekey())
    {
        // The peer finished its rekey and deletes this IKE SA before the response to our own
        // rekey arrived (it was lost): the Child SAs live on in the peer's new IKE SA.
        IkeSession* successor = m_daemon.FindSession(peer->newLocalSpi);
        if (successor && successor->GetSa().GetState() == IkeSaState::ESTABLISHED)
        {
            HandOver(*successor);
        }
    }
    Stop();
    m_active.reset();
    m_queue.clear();
    m_sa->SetState(IkeSaState::CLOSED);
    while (!m_children.empty())
    {
        RemoveChildSa(m_children.front().inboundSpi);
    }
    m_daemon.RemoveSession(GetLocalSpi());
}

void
IkeSession::HandleAcquire(const AcquireEvent& event)
{
    NS_LOG_FUNCTION(this << event.reqid << event.cpu);
    // An ordinary acquire while the IKE SA exists: its first Child SA is on its way or up.
    // A per-CPU acquire (Linux 6.13's XFRM_POLICY_CPU_ACQUIRE, the fallback SA carrying the
    // packet meanwhile) asks for an RFC 9611 additional SA, as strongSwan negotiates one per CPU.
    if (event.cpu != SaParams::NO_CPU)
    {
        m_resourceGroup.HandleAcquire(*this, event.cpu); // the initiator policy decides
    }
}

void
IkeSession::HandleExpire(const ExpireEvent& event)
{
    NS_LOG_FUNCTION(this << event.spi << event.hard);
    IkeChildSa* child = FindChildSaBySpi(event.spi);
    if (child && event.hard)
    {
        // The data plane has dropped the expired SA; the pair goes with it.
        RemoveChildSa(child->inboundSpi);
    }
    else if (child && m_resourceGroup.IgnoresSoftExpire(*child))
    {
        NS_LOG_INFO("soft expire of additional Child SA " << child->inboundSpi
                                                          << " ignored: it goes with the initial");
    }
    else if (child && child->state == IkeChildSaState::INSTALLED
             && m_sa->GetState() == IkeSaState::ESTABLISHED)
    {
        // Soft expire (of either SA of the pair, whichever comes first): rekey the pair.
        RekeyChildSa(child->inboundSpi);
    }
}

IkeChildSa*
IkeSession::FindChildSaByOutboundSpi(uint32_t outboundSpi)
{
    for (IkeChildSa& child : m_children)
    {
        if (child.outboundSpi == outboundSpi)
        {
            return &child;
        }
    }
    return nullptr;
}

bool
IkeSession::RekeyChildSa(uint32_t inboundSpi)
{
    IkeChildSa* child = FindChildSa(inboundSpi);
    IkeSaState state = m_sa->GetState();
    if (!child || child->state != IkeChildSaState::INSTALLED || state != IkeSaState::ESTABLISHED)
    {
        return false;
    }
    NS_LOG_INFO("rekeying Child SA " << inboundSpi);
    child->state = IkeChildSaState::REKEYING;
    Queue(IkeCreateChildSaTask::ForRekey(inboundSpi));
    return true;
}

void
IkeSession::ScheduleRekeyRetry(uint32_t inboundSpi)
{
    // strongSwan's child_rekey: RETRY_INTERVAL 15 s minus a random RETRY_JITTER of up to 10 s.
    Time delay = Seconds(m_daemon.GetStream()->GetValue(5, 15));
    NS_LOG_INFO("rekey of Child SA " << inboundSpi << " again in " << delay.As(Time::S));
    // Through the daemon, which finds the pair wherever it is by then: an IKE SA rekey moves
    // the Child SAs to a new session and closes this one. A pair gone by then (deleted,
    // expired) or not INSTALLED (the peer rekeyed it meanwhile) is left alone.
    Ptr<IkeDaemon> daemon(&m_daemon);
    Simulator::Schedule(delay, [daemon, inboundSpi]() { daemon->RekeyChildSa(inboundSpi); });
}

void
IkeSession::NoteChildRekeyedByPeer(uint32_t replacedSpi,
                                   const IkeChildSa& replacement,
                                   const Bytes& nonceI,
                                   const Bytes& nonceR)
{
    m_daemon.Statistics().childSaRekeys++;
    IkeChildSa* old = FindChildSa(replacedSpi);
    if (!old)
    {
        return;
    }
    const auto* ours = dynamic_cast<const IkeCreateChildSaTask*>(m_active.get());
    if (old->state == IkeChildSaState::REKEYING && ours && ours->GetReplacedSpi() == replacedSpi)
    {
        // Both ends rekey the pair at once (RFC 7296 2.8.1): both exchanges complete, and
        // when ours does, the nonces say which new pair is redundant.
        NS_LOG_INFO("Child SA rekey collision on " << replacedSpi);
        m_daemon.Statistics().childRekeyCollisions++;
        m_rekeyCollisions[replacedSpi] = RekeyCollision{replacement.inboundSpi, nonceI, nonceR};
        return;
    }
    // Our rekey of it, if any, has not been sent yet: the peer's replaces it.
    for (auto it = m_queue.begin(); it != m_queue.end();)
    {
        const auto* queued = dynamic_cast<const IkeCreateChildSaTask*>(it->get());
        it = queued && queued->GetReplacedSpi() == replacedSpi ? m_queue.erase(it) : ++it;
    }
    // The old pair still receives until the peer, who initiated the rekey, deletes it.
    old->state = IkeChildSaState::REKEYED;
}

void
IkeSession::CompleteChildRekey(const IkeCreateChildSaTask& task, IkeTask::Result result)
{
    uint32_t replaced = task.GetReplacedSpi();
    IkeChildSa* old = FindChildSa(replaced);
    std::optional<RekeyCollision> collision;
    if (auto it = m_rekeyCollisions.find(replaced); it != m_rekeyCollisions.end())
    {
        collision = it->second;
        m_rekeyCollisions.erase(it);
    }
    if (result != IkeTask::Result::DONE || !task.GetChildSa())
    {
        if (!old)
        {
            return; // gone meanwhile (hard expire, or deleted by the peer)
        }
        if (collision)
        {
            // The peer's rekey of the pair went through; it deletes the old pair.
            old->state = IkeChildSaState::REKEYED;
            return;
        }
        if (old->state != IkeChildSaState::REKEYING)
        {
            return;
        }
        old->state = IkeChildSaState::INSTALLED;
        if (task.GetError() == IkeNotifyType::CHILD_SA_NOT_FOUND)
        {
            // The peer does not know the pair: it is of no use; strongSwan then deletes it
            // and creates a new Child SA in its place.
            NS_LOG_INFO("peer does not know Child SA " << replaced << ": replacing it");
            RemoveChildSa(replaced);
            Queue(IkeCreateChildSaTask::ForNewChildSa(task.GetCpu(), task.IsPerResource()));
            return;
        }
        ScheduleRekeyRetry(replaced);
        return;
    }
    m_daemon.Statistics().childSaRekeys++;
    uint32_t created = task.GetChildSa()->inboundSpi;
    if (collision)
    {
        // RFC 7296 2.8.1: the new pair created with the lowest of the four nonces is
        // redundant; the side that created it (the initiator of that exchange) deletes it,
        // and the initiator of the surviving one deletes the old pair.
        const Bytes& ours = IkeCreateChildSaTask::IsLowerNonce(task.GetNonceI(), task.GetNonceR())
                                ? task.GetNonceI()
                                : task.GetNonceR();
        const Bytes& theirs
            = IkeCreateChildSaTask::IsLowerNonce(collision->nonceI, collision->nonceR)
                  ? collision->nonceI
                  : collision->nonceR;
        if (IkeCreateChildSaTask::IsLowerNonce(ours, theirs))
        {
            NS_LOG_INFO("rekey collision lost: deleting our new Child SA " << created);
            if (old)
            {
                old->state = IkeChildSaState::REKEYED;
            }
            // It is the newest outbound SA of the reqid now, but the peer drops its inbound
            // half as soon as our Delete arrives: stop sending on it at once, so that traffic
            // goes on the surviving pair (installed when we answered the peer's rekey). Its
            // inbound half still receives until the Delete exchange ends.
            GetDataPlane().DeleteSa(
                SaDirection::OUTBOUND, task.GetChildSa()->outboundSpi, m_config.peerAddress);
            DeleteChildSa(created);
            return;
        }
        NS_LOG_INFO("rekey collision won: the peer deletes " << collision->peersPair);
    }
    if (old)
    {
        // Make-before-break: the new pair is installed; the old one still receives until
        // its Delete exchange ends.
        old->state = IkeChildSaState::REKEYED;
        DeleteChildSa(replaced);
    }
    if (task.IsPerResource() && task.GetCpu() == SaParams::NO_CPU)
    {
        // The initial (fallback) SA of an RFC 9611 group: WITH_INITIAL remakes the others.
        m_resourceGroup.NoteInitialRekeyed(*this);
    }
}

} // namespace ns3
