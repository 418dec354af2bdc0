/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "sa-lifetime-queue.h"

#include "ns3/simulator.h"

namespace ns3
{

SaLifetimeQueue::~SaLifetimeQueue()
{
    Clear();
}

void
SaLifetimeQueue::SetHandler(Handler handler)
{
    m_handler = handler;
}

bool
SaLifetimeQueue::Before(const Entry& a, const Entry& b)
{
    return a.at < b.at || (a.at == b.at && a.sequence < b.sequence);
}

void
SaLifetimeQueue::Place(size_t index, Entry entry)
{
    entry.sa->lifetimeSlot = static_cast<uint32_t>(index);
    m_heap[index] = std::move(entry);
}

void
SaLifetimeQueue::SiftUp(size_t index)
{
    Entry moving = std::move(m_heap[index]);
    while (index > 0)
    {
        size_t parent = (index - 1) / 2;
        if (!Before(moving, m_heap[parent]))
        {
            break;
        }
        Place(index, std::move(m_heap[parent]));
        index = parent;
    }
    Place(index, std::move(moving));
}

void
SaLifetimeQueue::SiftDown(size_t index)
{
    Entry moving = std::move(m_heap[index]);
    size_t size = m_heap.size();
    while (true)
    {
        size_t child = 2 * index + 1;
        if (child >= size)
        {
            break;
        }
        if (child + 1 < size && Before(m_heap[child + 1], m_heap[child]))
        {
            child++;
        }
        if (!Before(m_heap[child], moving))
        {
            break;
        }
        Place(index, std::move(m_heap[child]));
        index = child;
    }
    Place(index, std::move(moving));
}

void
SaLifetimeQueue::RemoveAt(size_t index)
{
    m_heap[index].sa->lifetimeSlot = IpsecSa::NO_LIFETIME_SLOT;
    size_t last = m_heap.size() - 1;
    if (index != last)
    {
        Place(index, std::move(m_heap[last]));
        m_heap.pop_back();
        // The moved entry may belong above or below its new place.
        if (index > 0 && Before(m_heap[index], m_heap[(index - 1) / 2]))
        {
            SiftUp(index);
        }
        else
        {
            SiftDown(index);
        }
    }
    else
    {
        m_heap.pop_back();
    }
}

void
SaLifetimeQueue::Arm(const Ptr<IpsecSa>& sa, Time at, bool hard)
{
    if (sa->lifetimeSlot != IpsecSa::NO_LIFETIME_SLOT)
    {
        RemoveAt(sa->lifetimeSlot); // replaced; Reschedule below covers both changes
    }
    m_heap.push_back(Entry{at.GetTimeStep(), m_nextSequence++, sa, hard});
    size_t index = m_heap.size() - 1;
    sa->lifetimeSlot = static_cast<uint32_t>(index);
    SiftUp(index);
    Reschedule();
}

void
SaLifetimeQueue::Disarm(const Ptr<IpsecSa>& sa)
{
    if (sa->lifetimeSlot != IpsecSa::NO_LIFETIME_SLOT)
    {
        RemoveAt(sa->lifetimeSlot);
        Reschedule();
    }
}

void
SaLifetimeQueue::Clear()
{
    for (Entry& entry : m_heap)
    {
        entry.sa->lifetimeSlot = IpsecSa::NO_LIFETIME_SLOT;
    }
    m_heap.clear();
    Simulator::Cancel(m_event);
}

size_t
SaLifetimeQueue::Size() const
{
    return m_heap.size();
}

void
SaLifetimeQueue::Fire()
{
    m_firing = true;
    int64_t now = Simulator::Now().GetTimeStep();
    while (!m_heap.empty() && m_heap.front().at <= now)
    {
        Ptr<IpsecSa> sa = m_heap.front().sa;
        bool hard = m_heap.front().hard;
        RemoveAt(0);
        m_handler(sa, hard); // may arm or disarm limits
    }
    m_firing = false;
    Reschedule();
}

void
SaLifetimeQueue::Reschedule()
{
    if (m_firing)
    {
        return;
    }
    if (m_heap.empty())
    {
        Simulator::Cancel(m_event);
        return;
    }
    int64_t next = m_heap.front().at;
    if (m_event.IsRunning() && m_eventAt == next)
    {
        return;
    }
    Simulator::Cancel(m_event);
    m_eventAt = next;
    m_event = Simulator::Schedule(TimeStep(next) - Simulator::Now(), &SaLifetimeQueue::Fire, this);
}

} // namespace ns3
