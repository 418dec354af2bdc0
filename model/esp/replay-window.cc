/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "replay-window.h"

#include <stdexcept>
#include <string>

namespace ns3
{

ReplayWindow::ReplayWindow(uint32_t size, bool esn)
    : m_size(size)
    , m_esn(esn)
{
    if (size != 0 && (size < MIN_SIZE || size > MAX_SIZE))
    {
        throw std::invalid_argument("replay window " + std::to_string(size)
                                    + " is out of range: expected 0 (disabled) or 32 to 4096");
    }
    // One spare word, so that the bits of the window never alias one another.
    m_words.assign((size + 63) / 64 + 1, 0);
}

uint32_t
ReplayWindow::Size() const
{
    return m_size;
}

uint64_t
ReplayWindow::Top() const
{
    return m_top;
}

void
ReplayWindow::SetTop(uint64_t seq)
{
    m_top = seq;
    std::fill(m_words.begin(), m_words.end(), 0);
}

bool
ReplayWindow::TestBit(uint64_t seq) const
{
    uint64_t bit = seq % (m_words.size() * 64);
    return (m_words[bit / 64] >> (bit % 64)) & 1;
}

void
ReplayWindow::SetBit(uint64_t seq)
{
    uint64_t bit = seq % (m_words.size() * 64);
    m_words[bit / 64] |= uint64_t{1} << (bit % 64);
}

void
ReplayWindow::ClearBit(uint64_t seq)
{
    uint64_t bit = seq % (m_words.size() * 64);
    m_words[bit / 64] &= ~(uint64_t{1} << (bit % 64));
}

ReplayWindow::Verdict
ReplayWindow::Check(uint32_t seqLow, uint64_t& seq) const
{
    uint32_t tl = static_cast<uint32_t>(m_top);
    uint32_t th = static_cast<uint32_t>(m_top >> 32);
    if (!m_esn)
    {
        seq = seqLow;
    }
    else
    {
        // RFC 4303 Appendix A2.2; without a window (not allowed with ESN) W would be 1.
        uint32_t w = m_size == 0 ? 1 : m_size;
        uint32_t bottom = tl - w + 1; // arithmetic mod 2^32, as the RFC says
        uint32_t seqh;
        if (tl >= w - 1) // case A: the window does not span a high-bit boundary
        {
            seqh = seqLow >= bottom ? th : th + 1;
        }
        else // case B: the window spans the boundary
        {
            seqh = seqLow >= bottom ? th - 1 : th;
        }
        seq = (uint64_t{seqh} << 32) | seqLow;
    }
    if (m_size == 0)
    {
        return Verdict::NEW;
    }
    if (seq == 0)
    {
        return Verdict::TOO_OLD; // sequence number 0 is never sent
    }
    if (seq > m_top)
    {
        return Verdict::NEW;
    }
    if (m_top - seq >= m_size)
    {
        return Verdict::TOO_OLD;
    }
    return TestBit(seq) ? Verdict::DUPLICATE : Verdict::NEW;
}

void
ReplayWindow::Accept(uint64_t seq)
{
    if (seq > m_top)
    {
        uint64_t advance = seq - m_top;
        if (advance >= m_words.size() * 64)
        {
            std::fill(m_words.begin(), m_words.end(), 0);
        }
        else
        {
            for (uint64_t s = m_top + 1; s <= seq; ++s)
            {
                ClearBit(s);
            }
        }
        m_top = seq;
    }
    if (m_size != 0)
    {
        SetBit(seq);
    }
}

} // namespace ns3
