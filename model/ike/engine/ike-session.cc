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

IkeSession::IkeSession(IkeDaemon& daemon, const IkePeerConfig& config, std::unique_ptr<IkeSa> sa)
    : m_daemon(daemon)
    , m_config(config)
    , m_sa(std::move(sa))
    , m_created(Simulator::Now())
    , m_tasks(*this)
    , m_childSas(*this)
    , m_resourceGroup(config.perResource)
{
    m_sa->SetCryptoMeter(&daemon.GetCryptoMeter());
}

IkeSession::~IkeSession()
{
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
    m_tasks.Queue(std::move(task));
}

const IkeTask*
IkeSession::GetActiveTask() const
{
    return m_tasks.GetActiveTask();
}

const std::deque<std::unique_ptr<IkeTask>>&
IkeSession::GetQueuedTasks() const
{
    return m_tasks.GetQueuedTasks();
}

void
IkeSession::Kick()
{
    m_tasks.Kick();
}

size_t
IkeSession::Unqueue(const std::function<bool(const IkeTask&)>& unwanted)
{
    return m_tasks.Unqueue(unwanted);
}

void
IkeSession::HandleResponse(IkeMessage& message)
{
    m_tasks.HandleResponse(message);
}

bool
IkeSession::RespondToInit(IkeMessage& message)
{
    return m_tasks.RespondToInit(message);
}

void
IkeSession::HandleRequest(IkeMessage& message)
{
    m_tasks.HandleRequest(message);
}

std::optional<IkeChildSa>
IkeSession::InstallChildSa(const IkeChildSaSpec& spec)
{
    return m_childSas.Install(spec);
}

const std::vector<IkeChildSa>&
IkeSession::GetChildSas() const
{
    return m_childSas.GetAll();
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
    return m_childSas.Find(inboundSpi);
}

IkeChildSa*
IkeSession::FindChildSaBySpi(uint32_t spi)
{
    return m_childSas.FindBySpi(spi);
}

bool
IkeSession::RemoveChildSa(uint32_t inboundSpi)
{
    return m_childSas.Remove(inboundSpi);
}

void
IkeSession::AdoptChildSas(std::vector<IkeChildSa> children)
{
    m_childSas.Adopt(std::move(children));
}

std::vector<IkeChildSa>
IkeSession::ReleaseChildSas()
{
    return m_childSas.Release();
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
        || m_tasks.HasTask([](const IkeTask& task)
                           { return dynamic_cast<const IkeRekeyIkeSaTask*>(&task); }))
    {
        return;
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
                                               if (m_childSas.GetAll().empty())
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
    return m_rekeyed || dynamic_cast<const IkeRekeyIkeSaTask*>(m_tasks.GetActiveTask());
}

bool
IkeSession::IsRekeyed() const
{
    return m_rekeyed;
}

void
IkeSession::NoteReceived()
{
    m_lastReceived = Simulator::Now();
}

IkeTaskManager&
IkeSession::GetTaskManager()
{
    return m_tasks;
}

IkeChildSaTable&
IkeSession::GetChildSaTable()
{
    return m_childSas;
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
    NS_LOG_INFO("IKE SA rekeyed: " << m_childSas.GetAll().size() << " Child SAs move to SPI "
                                   << successor.GetLocalSpi());
    m_rekeyed = true;
    m_ikeRekeyEvent.Cancel();
    m_livenessEvent.Cancel();
    successor.AdoptChildSas(ReleaseChildSas());
    successor.m_resourceGroup.TakeOver(m_resourceGroup);
    // Queued work for the Child SAs follows them (strongSwan migrates the queued tasks);
    // what concerns this IKE SA itself stays and lapses with it.
    std::deque<std::unique_ptr<IkeTask>> moving = m_tasks.TakeQueued(
        [](const IkeTask& task)
        {
            return !dynamic_cast<const IkeRekeyIkeSaTask*>(&task)
                   && !dynamic_cast<const IkeDeleteIkeSaTask*>(&task)
                   && !dynamic_cast<const IkeLivenessTask*>(&task);
        });
    m_daemon.Statistics().ikeSaRekeys++;
    for (auto& task : moving)
    {
        successor.Queue(std::move(task));
    }
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
        if (!m_tasks.HasTask([](const IkeTask& task)
                             { return dynamic_cast<const IkeLivenessTask*>(&task); }))
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
    m_tasks.Stop();
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
    m_tasks.Clear();
    m_sa->SetState(IkeSaState::FAILED);
    m_daemon.Statistics().ikeSasFailed++;
    m_childSas.RemoveAll();
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
    m_tasks.Clear();
    m_sa->SetState(IkeSaState::CLOSED);
    m_childSas.RemoveAll();
    m_daemon.RemoveSession(GetLocalSpi());
}

void
IkeSession::HandleAcquire(const AcquireEvent& event)
{
    NS_LOG_FUNCTION(this << event.reqid << event.cpu);
    if (event.cpu == SaParams::NO_CPU)
    {
        HandleOrdinaryAcquire();
        return;
    }
    // A per-CPU acquire (Linux 6.13's XFRM_POLICY_CPU_ACQUIRE, the fallback SA carrying the
    // packet meanwhile) asks for an RFC 9611 additional SA, as strongSwan negotiates one per CPU;
    // the initiator policy decides.
    m_resourceGroup.HandleAcquire(*this, event.cpu);
}

void
IkeSession::HandleOrdinaryAcquire()
{
    // The data plane raises an ordinary acquire when the policy has no outbound SA: the only
    // Child SA (or an RFC 9611 group's fallback) was deleted by either side or hard-expired.
    // The policy stays, as strongSwan's start_action=trap: the acquire creates a new Child SA
    // by CREATE_CHILD_SA on this IKE SA. A connection that only responds (NONE) waits for the
    // peer, as the daemon does for an acquire without an IKE SA.
    if (m_config.startAction == IkeStartAction::NONE || m_rekeyed
        || m_sa->GetState() != IkeSaState::ESTABLISHED)
    {
        // CONNECTING: IKE_AUTH brings the first Child SA; rekeyed: the successor has them.
        return;
    }
    // strongSwan de-duplicates acquires while a Child SA for them is being negotiated.
    if (m_tasks.HasTask(
            [](const IkeTask& task)
            {
                const auto* create = dynamic_cast<const IkeCreateChildSaTask*>(&task);
                return create && create->GetReplacedSpi() == 0
                       && create->GetCpu() == SaParams::NO_CPU;
            }))
    {
        return;
    }
    NS_LOG_INFO("acquire without a Child SA: creating one on the IKE SA");
    Queue(IkeCreateChildSaTask::ForNewChildSa());
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
    return m_childSas.FindByOutboundSpi(outboundSpi);
}

bool
IkeSession::RekeyChildSa(uint32_t inboundSpi)
{
    return m_childSas.Rekey(inboundSpi);
}

void
IkeSession::NoteChildRekeyedByPeer(uint32_t replacedSpi,
                                   const IkeChildSa& replacement,
                                   const Bytes& nonceI,
                                   const Bytes& nonceR)
{
    m_childSas.NoteRekeyedByPeer(replacedSpi, replacement, nonceI, nonceR);
}

void
IkeSession::RetryNewChildSa(const IkeCreateChildSaTask& task)
{
    m_childSas.ScheduleCreateRetry(task);
}

void
IkeSession::CompleteChildRekey(const IkeCreateChildSaTask& task, IkeTask::Result result)
{
    m_childSas.CompleteRekey(task, result);
}

} // namespace ns3
