/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SA_LIFETIME_QUEUE_H
#define SA_LIFETIME_QUEUE_H

#include "ipsec-sa.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The time limits of one data plane's SAs, kept in a heap of our own with one simulator
 * event for the earliest, as XFRM keeps one timer per state.
 *
 * With a simulator event per limit, a hub's million Child SAs kept four million events pending
 * in the simulator's event set, and every packet's events paid for that set's size (its
 * inserts walk a tree far larger than the caches). Limits due at the same time fire in the
 * order they were armed, as separate events would.
 */
class SaLifetimeQueue
{
  public:
    /// What to do when a limit is reached: the SA, and whether it is the hard limit.
    using Handler = Callback<void, Ptr<IpsecSa>, bool>;

    SaLifetimeQueue() = default;
    ~SaLifetimeQueue();
    SaLifetimeQueue(const SaLifetimeQueue&) = delete;
    SaLifetimeQueue& operator=(const SaLifetimeQueue&) = delete;

    /// \param handler called for each limit reached
    void SetHandler(Handler handler);

    /**
     * \brief Arms \p sa's next limit, replacing the one armed before, if any.
     * \param sa the SA (kept alive until the limit fires or it is disarmed)
     * \param at when, in absolute simulation time (not before now)
     * \param hard whether it is the hard limit
     */
    void Arm(const Ptr<IpsecSa>& sa, Time at, bool hard);

    /// Disarms \p sa's limit, if it has one (the SA is going away).
    void Disarm(const Ptr<IpsecSa>& sa);

    /// Disarms every limit and cancels the event.
    void Clear();

    /// \returns the limits armed
    size_t Size() const;

  private:
    /// One armed limit.
    struct Entry
    {
        int64_t at;        //!< time steps
        uint64_t sequence; //!< arming order, for limits due at the same time
        Ptr<IpsecSa> sa;
        bool hard;
    };

    /// \returns whether entry \p a is due before entry \p b
    static bool Before(const Entry& a, const Entry& b);
    /// Moves the entry at \p index towards the root until the heap is ordered.
    void SiftUp(size_t index);
    /// Moves the entry at \p index towards the leaves until the heap is ordered.
    void SiftDown(size_t index);
    /// Puts \p entry at \p index and tells its SA where it is.
    void Place(size_t index, Entry entry);
    /// Removes the entry at \p index.
    void RemoveAt(size_t index);
    /// Fires every limit that is due, then waits for the next.
    void Fire();
    /// Sets the event for the earliest limit, if that changed.
    void Reschedule();

    std::vector<Entry> m_heap; //!< binary min-heap by (at, sequence)
    uint64_t m_nextSequence{0};
    EventId m_event;      //!< for the earliest limit
    int64_t m_eventAt{0}; //!< when m_event fires
    bool m_firing{false}; //!< inside Fire: it reschedules once at the end
    Handler m_handler;
};

} // namespace ns3

#endif // SA_LIFETIME_QUEUE_H
