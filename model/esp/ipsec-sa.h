/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SA_H
#define IPSEC_SA_H

#include "replay-window.h"
#include "sa-params.h"

#include "ns3/cipher.h"
#include "ns3/nstime.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One installed SA: its parameters, its keyed transform and its mutable state (sequence
 * counter or replay window, counters, lifetime). ESP processing itself is in EspProcessor.
 */
class IpsecSa : public SimpleRefCount<IpsecSa>
{
  public:
    /// Which limit a packet made the SA cross.
    enum class LifetimeEvent : uint8_t
    {
        NONE,
        SOFT,
        HARD
    };

    /// Per-SA counters, as `ip xfrm state` shows them.
    struct Counters
    {
        uint64_t packets{0};
        uint64_t bytes{0}; //!< inner (cleartext) bytes
        uint64_t integrityFailures{0};
        uint64_t replayDrops{0};
        std::vector<uint32_t> cores; //!< cores that processed its packets, ascending
    };

    /**
     * Validates \p params and keys the transform (REAL mode only).
     * Throws std::invalid_argument naming the bad value.
     */
    IpsecSa(const SaParams& params, CryptoMode mode);
    ~IpsecSa();

    const SaParams& Params() const;
    CryptoMode Mode() const;

    /// \return the keyed transform, or nullptr in SIZE_ONLY mode.
    Cipher* GetCipher() const;

    /// \return the replay window (inbound SAs).
    ReplayWindow& Replay();

    /**
     * Reserves the next outbound sequence number.
     * \return false when it would cycle (2^32 without ESN, 2^64 with it)
     */
    bool NextSequence(uint64_t& seq);

    /// \return the last sequence number sent (0 before the first packet).
    uint64_t LastSequence() const;

    /// Sets the last sequence number sent, e.g. to study what happens at the limit.
    void SetLastSequence(uint64_t seq);

    /// Counts one packet of \p innerBytes and reports a lifetime limit it crossed.
    LifetimeEvent Account(uint32_t innerBytes);

    /// Records that \p core processed one of its packets.
    void NoteCore(uint32_t core);

    /**
     * Takes the SA's shared state (sequence counter or replay window) on \p core: cores take it
     * in turn, each holding it for \p hold, plus \p transfer when another core held it last
     * (the cache line moves).
     * \return the time this adds to the core's stage cost, which already includes one
     * uncontended hold: the wait for the state plus any transfer
     */
    Time TakeSharedState(uint32_t core, Time hold, Time transfer);

    /// Marks the soft limit as reported; \return false if it already was.
    bool MarkSoftExpired();

    /// Marks the hard limit as reached; \return false if it already was.
    bool MarkHardExpired();

    bool IsHardExpired() const;

    Counters& GetCounters();
    const Counters& GetCounters() const;

    /// No time limit armed (lifetimeSlot).
    static constexpr uint32_t NO_LIFETIME_SLOT = UINT32_MAX;
    /// Where the SA's armed time limit is in its data plane's SaLifetimeQueue (which alone
    /// sets it), so that removing the SA removes the limit at once.
    uint32_t lifetimeSlot{NO_LIFETIME_SLOT};

  private:
    SaParams m_params;
    CryptoMode m_mode;
    std::unique_ptr<Cipher> m_cipher;
    std::unique_ptr<ReplayWindow> m_replay;
    uint64_t m_lastSequence{0};
    Counters m_counters;
    Time m_sharedStateFreeAt;                //!< when the last holder releases the state
    uint32_t m_lastHolder{SaParams::NO_CPU}; //!< core that held it last
    bool m_softExpired{false};
    bool m_hardExpired{false};
};

} // namespace ns3

#endif // IPSEC_SA_H
