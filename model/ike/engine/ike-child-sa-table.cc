/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-child-sa-table.h"

#include "ike-daemon.h"
#include "ike-session.h"

#include "ns3/ike-create-child-sa-task.h"
#include "ns3/ike-per-resource-child-sa-task.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeChildSaTable");

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

IkeChildSaTable::IkeChildSaTable(IkeSession& session)
    : m_session(session)
{
}

void
IkeChildSaTable::RemoveAll()
{
    while (!m_children.empty())
    {
        Remove(m_children.front().inboundSpi);
    }
}

std::optional<IkeChildSa>
IkeChildSaTable::Install(const IkeChildSaSpec& spec)
{
    IkeChildSaKeys keys = m_session.GetSa().GetKeySchedule().DeriveChildSaKeys(
        m_session.GetSa().GetKeys().skD, spec.suite, spec.nonceI, spec.nonceR, spec.sharedSecret);
    // KEYMAT = prf+(SK_d, [g^ir (new) |] Ni | Nr) (RFC 7296 2.17)
    IkeCryptoOperation keymat{IkeCryptoOp::PRF_PLUS};
    keymat.bytes = static_cast<uint32_t>(keys.initiatorEncr.size() + keys.initiatorInteg.size()
                                         + keys.responderEncr.size() + keys.responderInteg.size());
    keymat.seedBytes
        = static_cast<uint32_t>(spec.sharedSecret.size() + spec.nonceI.size() + spec.nonceR.size());
    m_session.GetSa().ChargeCrypto(keymat);
    bool initiator = spec.exchangeInitiator;
    SaParams common;
    common.reqid = m_session.GetConfig().reqid;
    common.interfaceId = m_session.GetConfig().interfaceId;
    common.suite = spec.suite;
    common.esn = spec.esn;
    common.replayWindow = m_session.GetConfig().replayWindow;
    common.lifetime
        = MakeLifetime(m_session.GetConfig().childLifetime, *m_session.GetDaemon().GetStream());
    if (m_session.GetSa().GetNatState().Any())
    {
        // RFC 7296 2.23 / RFC 3948: ESP in UDP 4500 once a NAT was found (or faked), as
        // strongSwan's child_sa encap follows the IKE SA's NAT conditions.
        common.udpEncapsulation = UdpEncapsulation{IkeDaemon::NAT_T_PORT, IkeDaemon::NAT_T_PORT};
    }

    SaParams out = common;
    out.direction = SaDirection::OUTBOUND;
    out.spi = spec.peerSpi;
    out.cpu = spec.cpu;
    out.tunnelSource = m_session.GetConfig().localAddress;
    out.tunnelDestination = m_session.GetConfig().peerAddress;
    out.encryptionKey = initiator ? keys.initiatorEncr : keys.responderEncr;
    out.integrityKey = initiator ? keys.initiatorInteg : keys.responderInteg;

    SaParams in = common;
    in.direction = SaDirection::INBOUND;
    in.spi = spec.localSpi;
    in.tunnelSource = m_session.GetConfig().peerAddress;
    in.tunnelDestination = m_session.GetConfig().localAddress;
    in.encryptionKey = initiator ? keys.responderEncr : keys.initiatorEncr;
    in.integrityKey = initiator ? keys.responderInteg : keys.initiatorInteg;

    IpsecSaApi& api = m_session.GetDataPlane();
    try
    {
        api.AddSa(in);
        try
        {
            api.AddSa(out);
        }
        catch (const std::invalid_argument&)
        {
            api.DeleteSa(SaDirection::INBOUND, spec.localSpi, m_session.GetConfig().localAddress);
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
    child.esn = spec.esn;
    child.localTs = m_session.GetConfig().localTs;
    child.remoteTs = m_session.GetConfig().remoteTs;
    child.cpu = spec.cpu;
    child.perResource = spec.perResource;
    child.installed = Simulator::Now();
    child.replaces = spec.replaces;
    m_children.push_back(child);
    if (initiator)
    {
        m_session.GetDaemon().Statistics().childSetupSeconds.push_back(
            (Simulator::Now() - spec.requested).GetSeconds());
    }
    NS_LOG_INFO("Child SA installed: in " << spec.localSpi << " out " << spec.peerSpi << " "
                                          << spec.suite << " cpu " << spec.cpu);
    m_session.GetDaemon().NoteChildSa(child);
    return child;
}

const std::vector<IkeChildSa>&
IkeChildSaTable::GetAll() const
{
    return m_children;
}

IkeChildSa*
IkeChildSaTable::Find(uint32_t inboundSpi)
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
IkeChildSaTable::FindBySpi(uint32_t spi)
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

IkeChildSa*
IkeChildSaTable::FindByOutboundSpi(uint32_t outboundSpi)
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
IkeChildSaTable::Remove(uint32_t inboundSpi)
{
    auto it
        = std::find_if(m_children.begin(),
                       m_children.end(),
                       [inboundSpi](const IkeChildSa& c) { return c.inboundSpi == inboundSpi; });
    if (it == m_children.end())
    {
        return false;
    }
    IpsecSaApi& api = m_session.GetDataPlane();
    api.DeleteSa(SaDirection::INBOUND, it->inboundSpi, m_session.GetConfig().localAddress);
    api.DeleteSa(SaDirection::OUTBOUND, it->outboundSpi, m_session.GetConfig().peerAddress);
    NS_LOG_INFO("Child SA removed: in " << it->inboundSpi << " out " << it->outboundSpi);
    // An RFC 9611 group's initial (fallback) SA gone without a successor: the rekey policy
    // decides about the additional SAs. A replaced one is DELETING by now, hence the flag.
    bool initialGone = it->perResource && it->cpu == SaParams::NO_CPU && !it->replaced;
    m_children.erase(it);
    m_session.GetDaemon().Statistics().childSasDeleted++;
    if (initialGone)
    {
        m_session.GetResourceGroup().NoteInitialGone(m_session);
    }
    return true;
}

void
IkeChildSaTable::Adopt(std::vector<IkeChildSa> children)
{
    m_children.insert(m_children.end(), children.begin(), children.end());
}

std::vector<IkeChildSa>
IkeChildSaTable::Release()
{
    std::vector<IkeChildSa> children;
    children.swap(m_children);
    return children;
}

bool
IkeChildSaTable::Rekey(uint32_t inboundSpi)
{
    IkeChildSa* child = Find(inboundSpi);
    IkeSaState state = m_session.GetSa().GetState();
    if (!child || child->state != IkeChildSaState::INSTALLED || state != IkeSaState::ESTABLISHED)
    {
        return false;
    }
    NS_LOG_INFO("rekeying Child SA " << inboundSpi);
    child->state = IkeChildSaState::REKEYING;
    m_session.Queue(IkeCreateChildSaTask::ForRekey(inboundSpi));
    return true;
}

void
IkeChildSaTable::ScheduleRekeyRetry(uint32_t inboundSpi)
{
    // strongSwan's child_rekey: RETRY_INTERVAL 15 s minus a random RETRY_JITTER of up to 10 s.
    Time delay = Seconds(m_session.GetDaemon().GetStream()->GetValue(5, 15));
    NS_LOG_INFO("rekey of Child SA " << inboundSpi << " again in " << delay.As(Time::S));
    // Through the daemon, which finds the pair wherever it is by then: an IKE SA rekey moves
    // the Child SAs to a new session and closes this one. A pair gone by then (deleted,
    // expired) or not INSTALLED (the peer rekeyed it meanwhile) is left alone.
    Ptr<IkeDaemon> daemon(&m_session.GetDaemon());
    Simulator::Schedule(delay, [daemon, inboundSpi]() { daemon->RekeyChildSa(inboundSpi); });
}

void
IkeChildSaTable::ScheduleCreateRetry(const IkeCreateChildSaTask& task)
{
    auto retry = std::make_shared<std::unique_ptr<IkeCreateChildSaTask>>();
    if (dynamic_cast<const IkePerResourceChildSaTask*>(&task) && task.IsPerResource())
    {
        // An RFC 9611 member keeps its SA_RESOURCE_INFO (the subclass has no clone of its own).
        *retry = IkePerResourceChildSaTask::ForAdditional(task.GetCpu());
    }
    else
    {
        *retry = task.CloneForRetry();
    }
    // strongSwan's child_create retry after TEMPORARY_FAILURE: 15 s minus up to 10 s jitter,
    // as the Child SA rekey retry.
    IkeDaemon& daemon = m_session.GetDaemon();
    Time delay = Seconds(daemon.GetStream()->GetValue(5, 15));
    uint32_t index = 0;
    while (index < daemon.GetConnectionCount()
           && &daemon.GetConfig(index) != &m_session.GetConfig())
    {
        index++;
    }
    NS_LOG_INFO("new Child SA refused with TEMPORARY_FAILURE: again in " << delay.As(Time::S));
    // Through the daemon, which finds the connection's live IKE SA by then: the IKE SA rekey
    // that caused the refusal replaces this session.
    Ptr<IkeDaemon> owner(&daemon);
    Simulator::Schedule(delay,
                        [owner, index, retry]()
                        {
                            if (index < owner->GetConnectionCount()
                                && !owner->CreateChildSa(index, std::move(*retry)))
                            {
                                NS_LOG_INFO("no established IKE SA for the retry: dropped");
                            }
                        });
}

void
IkeChildSaTable::NoteRekeyedByPeer(uint32_t replacedSpi,
                                   const IkeChildSa& replacement,
                                   const Bytes& nonceI,
                                   const Bytes& nonceR)
{
    m_session.GetDaemon().Statistics().childSaRekeys++;
    IkeChildSa* old = Find(replacedSpi);
    if (!old)
    {
        return;
    }
    const auto* ours = dynamic_cast<const IkeCreateChildSaTask*>(m_session.GetActiveTask());
    if (old->state == IkeChildSaState::REKEYING && ours && ours->GetReplacedSpi() == replacedSpi)
    {
        // Both ends rekey the pair at once (RFC 7296 2.8.1): both exchanges complete, and
        // when ours does, the nonces say which new pair is redundant.
        NS_LOG_INFO("Child SA rekey collision on " << replacedSpi);
        m_session.GetDaemon().Statistics().childRekeyCollisions++;
        m_rekeyCollisions[replacedSpi] = RekeyCollision{replacement.inboundSpi, nonceI, nonceR};
        return;
    }
    // Our rekey of it, if any, has not been sent yet: the peer's replaces it.
    m_session.Unqueue(
        [replacedSpi](const IkeTask& task)
        {
            const auto* queued = dynamic_cast<const IkeCreateChildSaTask*>(&task);
            return queued && queued->GetReplacedSpi() == replacedSpi;
        });
    // The old pair still receives until the peer, who initiated the rekey, deletes it.
    old->state = IkeChildSaState::REKEYED;
    old->replaced = true;
}

void
IkeChildSaTable::CompleteRekey(const IkeCreateChildSaTask& task, IkeTask::Result result)
{
    uint32_t replaced = task.GetReplacedSpi();
    IkeChildSa* old = Find(replaced);
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
            old->replaced = true;
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
            Remove(replaced);
            m_session.Queue(
                IkeCreateChildSaTask::ForNewChildSa(task.GetCpu(), task.IsPerResource()));
            return;
        }
        ScheduleRekeyRetry(replaced);
        return;
    }
    m_session.GetDaemon().Statistics().childSaRekeys++;
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
                old->replaced = true;
            }
            // It is the newest outbound SA of the reqid now, but the peer drops its inbound
            // half as soon as our Delete arrives: stop sending on it at once, so that traffic
            // goes on the surviving pair (installed when we answered the peer's rekey). Its
            // inbound half still receives until the Delete exchange ends.
            m_session.GetDataPlane().DeleteSa(SaDirection::OUTBOUND,
                                              task.GetChildSa()->outboundSpi,
                                              m_session.GetConfig().peerAddress);
            m_session.DeleteChildSa(created);
            return;
        }
        NS_LOG_INFO("rekey collision won: the peer deletes " << collision->peersPair);
    }
    if (old)
    {
        // Make-before-break: the new pair is installed; the old one still receives until
        // its Delete exchange ends.
        old->state = IkeChildSaState::REKEYED;
        old->replaced = true;
        m_session.DeleteChildSa(replaced);
    }
    if (task.IsPerResource() && task.GetCpu() == SaParams::NO_CPU)
    {
        // The initial (fallback) SA of an RFC 9611 group: WITH_INITIAL remakes the others.
        m_session.GetResourceGroup().NoteInitialRekeyed(m_session);
    }
}

} // namespace ns3
