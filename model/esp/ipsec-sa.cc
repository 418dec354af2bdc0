/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-sa.h"

#include "ns3/simulator.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace ns3
{

namespace
{
void
Validate(const SaParams& p)
{
    if (p.spi < 256)
    {
        // RFC 4303 2.1: 0 is never sent, 1..255 are reserved by IANA.
        throw std::invalid_argument("SPI " + std::to_string(p.spi)
                                    + " is reserved: expected 256 or more");
    }
    if (p.encryptionKey.size() != p.suite.EncrKeyBytes())
    {
        throw std::invalid_argument("encryption key of " + std::to_string(p.encryptionKey.size())
                                    + " bytes for " + p.suite.Keyword() + ": expected "
                                    + std::to_string(p.suite.EncrKeyBytes()));
    }
    if (p.integrityKey.size() != p.suite.IntegKeyBytes())
    {
        throw std::invalid_argument("integrity key of " + std::to_string(p.integrityKey.size())
                                    + " bytes for " + p.suite.Keyword() + ": expected "
                                    + std::to_string(p.suite.IntegKeyBytes()));
    }
    if (p.direction == SaDirection::INBOUND && p.esn && p.replayWindow == 0)
    {
        // As Linux: the high sequence bits are inferred from the window.
        throw std::invalid_argument("ESN needs a replay window: expected a window of 32 to 4096");
    }
}
} // namespace

IpsecSa::IpsecSa(const SaParams& params, CryptoMode mode)
    : m_params(params)
    , m_mode(mode)
{
    Validate(params);
    if (params.direction == SaDirection::INBOUND)
    {
        m_replay = std::make_unique<ReplayWindow>(params.replayWindow, params.esn);
    }
    if (mode == CryptoMode::REAL)
    {
        m_cipher = Cipher::Create(params.suite,
                                  params.encryptionKey,
                                  params.integrityKey,
                                  params.direction == SaDirection::OUTBOUND ? CipherRole::SEAL
                                                                            : CipherRole::OPEN);
    }
}

IpsecSa::~IpsecSa() = default;

const SaParams&
IpsecSa::Params() const
{
    return m_params;
}

CryptoMode
IpsecSa::Mode() const
{
    return m_mode;
}

Cipher*
IpsecSa::GetCipher() const
{
    return m_cipher.get();
}

ReplayWindow&
IpsecSa::Replay()
{
    return *m_replay;
}

bool
IpsecSa::NextSequence(uint64_t& seq)
{
    uint64_t limit = m_params.esn ? UINT64_MAX : UINT32_MAX;
    if (m_lastSequence >= limit)
    {
        return false;
    }
    seq = ++m_lastSequence;
    return true;
}

uint64_t
IpsecSa::LastSequence() const
{
    return m_lastSequence;
}

void
IpsecSa::SetLastSequence(uint64_t seq)
{
    m_lastSequence = seq;
}

IpsecSa::LifetimeEvent
IpsecSa::Account(uint32_t innerBytes)
{
    m_counters.packets++;
    m_counters.bytes += innerBytes;
    const SaLifetime& l = m_params.lifetime;
    if ((l.hardPackets && m_counters.packets >= l.hardPackets)
        || (l.hardBytes && m_counters.bytes >= l.hardBytes))
    {
        return LifetimeEvent::HARD;
    }
    if ((l.softPackets && m_counters.packets >= l.softPackets)
        || (l.softBytes && m_counters.bytes >= l.softBytes))
    {
        return LifetimeEvent::SOFT;
    }
    return LifetimeEvent::NONE;
}

void
IpsecSa::NoteCore(uint32_t core)
{
    auto& cores = m_counters.cores;
    auto it = std::lower_bound(cores.begin(), cores.end(), core);
    if (it == cores.end() || *it != core)
    {
        cores.insert(it, core);
    }
}

Time
IpsecSa::TakeSharedState(uint32_t core, Time hold, Time transfer)
{
    Time now = Simulator::Now();
    Time start = std::max(now, m_sharedStateFreeAt);
    Time extra = start - now;
    if (m_lastHolder != SaParams::NO_CPU && m_lastHolder != core)
    {
        extra += transfer;
        hold += transfer;
    }
    m_sharedStateFreeAt = start + hold;
    m_lastHolder = core;
    return extra;
}

bool
IpsecSa::MarkSoftExpired()
{
    bool first = !m_softExpired;
    m_softExpired = true;
    return first;
}

bool
IpsecSa::MarkHardExpired()
{
    bool first = !m_hardExpired;
    m_hardExpired = true;
    return first;
}

bool
IpsecSa::IsHardExpired() const
{
    return m_hardExpired;
}

IpsecSa::Counters&
IpsecSa::GetCounters()
{
    return m_counters;
}

const IpsecSa::Counters&
IpsecSa::GetCounters() const
{
    return m_counters;
}

} // namespace ns3
