/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-sa-manager.h"

#include "ns3/ike-message.h"
#include "ns3/ike-nonce-payload.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeSaManager");

IkeSaManager::IkeSaManager(IkeStatistics& stats)
    : m_stats(stats)
{
}

IkeSaManager::~IkeSaManager() = default;

IkeSession&
IkeSaManager::Add(std::unique_ptr<IkeSession> session)
{
    uint64_t spi = session->GetLocalSpi();
    NS_ABORT_MSG_IF(m_sessions.count(spi), "IkeDaemon: duplicate local SPI");
    if (!session->GetSa().IsInitiator())
    {
        m_byInitiatorSpi[{session->GetConfig().peerAddress.Get(),
                          session->GetSa().GetInitiatorSpi()}]
            = spi;
    }
    IkeSession& ref = *session;
    m_sessions.emplace(spi, std::move(session));
    return ref;
}

void
IkeSaManager::Remove(uint64_t localSpi)
{
    // Deferred: the session asking may be running, and its caller still use it.
    if (m_doomed.empty())
    {
        Simulator::ScheduleNow(&IkeSaManager::Reap, this);
    }
    m_doomed.push_back(localSpi);
}

void
IkeSaManager::Reap()
{
    for (uint64_t spi : m_doomed)
    {
        auto it = m_sessions.find(spi);
        if (it == m_sessions.end())
        {
            continue;
        }
        const IkeSa& sa = it->second->GetSa();
        if (!sa.IsInitiator())
        {
            m_byInitiatorSpi.erase(
                {it->second->GetConfig().peerAddress.Get(), sa.GetInitiatorSpi()});
        }
        m_sessions.erase(it);
    }
    m_doomed.clear();
}

IkeSession*
IkeSaManager::Find(uint64_t localSpi) const
{
    auto it = m_sessions.find(localSpi);
    return it == m_sessions.end() ? nullptr : it->second.get();
}

IkeSession*
IkeSaManager::FindResponder(Ipv4Address peer, uint64_t initiatorSpi) const
{
    auto known = m_byInitiatorSpi.find({peer.Get(), initiatorSpi});
    return known == m_byInitiatorSpi.end() ? nullptr : m_sessions.at(known->second).get();
}

bool
IkeSaManager::Contains(uint64_t localSpi) const
{
    return m_sessions.count(localSpi) > 0;
}

const IkeSaManager::SessionMap&
IkeSaManager::GetAll() const
{
    return m_sessions;
}

void
IkeSaManager::Clear()
{
    m_sessions.clear();
}

void
IkeSaManager::StartCookies(Ptr<UniformRandomVariable> stream, Time secretLifetime)
{
    m_cookies = std::make_unique<IkeCookieGenerator>(stream, secretLifetime);
}

void
IkeSaManager::AddHalfOpen(uint64_t localSpi, Ipv4Address peer, Time timeout)
{
    m_halfOpen[localSpi] = peer.Get();
    m_halfOpenByPeer[peer.Get()]++;
    Simulator::Schedule(timeout, &IkeSaManager::ExpireHalfOpen, this, localSpi, timeout);
}

void
IkeSaManager::ForgetHalfOpen(uint64_t localSpi)
{
    auto it = m_halfOpen.find(localSpi);
    if (it == m_halfOpen.end())
    {
        return;
    }
    auto peer = m_halfOpenByPeer.find(it->second);
    if (peer != m_halfOpenByPeer.end() && --peer->second == 0)
    {
        m_halfOpenByPeer.erase(peer);
    }
    m_halfOpen.erase(it);
}

void
IkeSaManager::PruneHalfOpen()
{
    // Established ones leave at once (IkeDaemon::NoteEstablished), timed-out ones in
    // ExpireHalfOpen; this finds those that failed (e.g. AUTHENTICATION_FAILED) or were
    // removed. It walks all half-open entries, so it runs only when a limit is near, once per
    // instant.
    if (m_lastHalfOpenPrune == Simulator::Now())
    {
        return;
    }
    m_lastHalfOpenPrune = Simulator::Now();
    std::vector<uint64_t> gone;
    for (const auto& [spi, peer] : m_halfOpen)
    {
        auto session = m_sessions.find(spi);
        if (session == m_sessions.end()
            || session->second->GetSa().GetState() != IkeSaState::CONNECTING)
        {
            gone.push_back(spi);
        }
    }
    for (uint64_t spi : gone)
    {
        ForgetHalfOpen(spi);
    }
}

uint32_t
IkeSaManager::GetHalfOpenCount() const
{
    uint32_t count = 0; // exact, whatever PruneHalfOpen has not seen yet
    for (const auto& [spi, peer] : m_halfOpen)
    {
        auto session = m_sessions.find(spi);
        if (session != m_sessions.end()
            && session->second->GetSa().GetState() == IkeSaState::CONNECTING)
        {
            count++;
        }
    }
    return count;
}

void
IkeSaManager::ExpireHalfOpen(uint64_t localSpi, Time timeout)
{
    auto it = m_sessions.find(localSpi);
    if (it == m_sessions.end() || it->second->GetSa().GetState() != IkeSaState::CONNECTING)
    {
        return;
    }
    NS_LOG_INFO("half-open IKE SA " << localSpi << " given up after " << timeout);
    it->second->Fail(static_cast<IkeNotifyType>(0));
    ForgetHalfOpen(localSpi);
    Remove(localSpi);
}

bool
IkeSaManager::HasValidCookie(Ipv4Address from, const IkeMessage& message)
{
    const auto& payloads = message.GetPayloads();
    if (payloads.empty() || payloads.front()->GetType() != IkePayloadType::NOTIFY)
    {
        return false;
    }
    const auto& notify = static_cast<const IkeNotifyPayload&>(*payloads.front());
    if (notify.GetNotifyType() != IkeNotifyType::COOKIE)
    {
        return false;
    }
    const auto* nonce = message.Find<IkeNoncePayload>();
    bool valid = m_cookies->Verify(notify.GetData(),
                                   nonce ? nonce->GetNonce() : Bytes{},
                                   from,
                                   message.GetHeader().GetInitiatorSpi());
    if (!valid)
    {
        m_stats.invalidCookies++;
    }
    return valid;
}

IkeSaManager::Admission
IkeSaManager::Admit(Ipv4Address from,
                    const IkeMessage& message,
                    uint32_t cookieThreshold,
                    uint32_t blockThreshold,
                    Bytes& cookieResponse,
                    std::string& detail)
{
    auto fromPeer = [this, from]()
    {
        auto count = m_halfOpenByPeer.find(from.Get());
        return count == m_halfOpenByPeer.end() ? 0u : count->second;
    };
    auto cookiesRequired = [this, cookieThreshold]()
    { return cookieThreshold == 0 || m_halfOpen.size() >= cookieThreshold; };
    auto blocked = [blockThreshold, &fromPeer]()
    { return blockThreshold > 0 && fromPeer() >= blockThreshold; };
    if ((cookiesRequired() && cookieThreshold > 0) || blocked())
    {
        PruneHalfOpen(); // count exactly before refusing anything
    }
    if (cookiesRequired() && !HasValidCookie(from, message))
    {
        // RFC 7296 2.6: answer with only N(COOKIE) and keep no state. A wrong or stale cookie
        // gets a fresh one too, as strongSwan's receiver does: an initiator whose cookie was
        // made with a secret replaced since can still get through, and an attacker learns
        // nothing it could not learn from a request without a cookie.
        const auto* nonce = message.Find<IkeNoncePayload>();
        uint64_t spiI = message.GetHeader().GetInitiatorSpi();
        IkeMessage response;
        IkeHeader& out = response.GetHeader();
        out.SetInitiatorSpi(spiI);
        out.SetResponderSpi(0);
        out.SetExchangeType(IkeExchangeType::IKE_SA_INIT);
        out.SetInitiator(false);
        out.SetResponse(true);
        out.SetMessageId(0);
        response.AddPayload(
            IkeNotifyPayload(IkeNotifyType::COOKIE,
                             m_cookies->Make(nonce ? nonce->GetNonce() : Bytes{}, from, spiI)));
        NS_LOG_INFO(m_halfOpen.size() << " half-open IKE SAs: COOKIE to " << from);
        m_stats.cookiesSent++;
        cookieResponse = response.Serialize();
        return Admission::COOKIE;
    }
    if (blocked())
    {
        // strongSwan: "ignoring IKE_SA_INIT, peer too aggressive".
        std::ostringstream peer;
        peer << from << " has " << fromPeer() << " half-open IKE SAs";
        detail = peer.str();
        return Admission::BLOCK;
    }
    return Admission::ADMIT;
}

} // namespace ns3
