/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef REPLAY_WINDOW_H
#define REPLAY_WINDOW_H

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The receiver's anti-replay window of one inbound SA (RFC 4303 section 3.4.3 and
 * Appendix A, with the ESN high-bit inference of Appendix A2).
 *
 * Use it in two steps, as the RFC orders them: Check() before the integrity check (it also
 * infers the high 32 bits of an ESN sequence number, which the ICV covers), and Accept() only
 * after the ICV verified, so that forged packets never move the window.
 */
class ReplayWindow
{
  public:
    static constexpr uint32_t MIN_SIZE = 32;   //!< RFC 4303: at least 32 must be supported
    static constexpr uint32_t MAX_SIZE = 4096; //!< Linux XFRMA_REPLAY_ESN_MAX

    /// Outcome of the preliminary check.
    enum class Verdict : uint8_t
    {
        NEW,       //!< right of the window or inside it and not yet seen
        DUPLICATE, //!< inside the window and already seen
        TOO_OLD    //!< left of the window
    };

    /**
     * \param size window size in packets: 0 disables replay protection, otherwise 32..4096
     * \param esn whether the SA uses 64-bit extended sequence numbers (RFC 4304)
     */
    ReplayWindow(uint32_t size, bool esn);

    /**
     * \param seqLow the 32-bit sequence number from the ESP header
     * \param[out] seq the full sequence number (high bits inferred when ESN is on)
     * \return whether the packet may proceed to the integrity check
     */
    Verdict Check(uint32_t seqLow, uint64_t& seq) const;

    /// Records \p seq (from Check()) as received and moves the right edge if needed.
    void Accept(uint64_t seq);

    /// \return the highest sequence number accepted so far (0 before the first packet).
    uint64_t Top() const;

    /// \return the configured size (0 when disabled).
    uint32_t Size() const;

    /// Moves the right edge without marking anything, e.g. to study ESN wrap-around.
    void SetTop(uint64_t seq);

  private:
    bool TestBit(uint64_t seq) const;
    void SetBit(uint64_t seq);
    void ClearBit(uint64_t seq);

    uint32_t m_size;               //!< W
    bool m_esn;                    //!< infer the high 32 bits
    uint64_t m_top{0};             //!< right edge T = Th:Tl
    std::vector<uint64_t> m_words; //!< bitmap indexed by sequence number modulo its bit count
};

} // namespace ns3

#endif // REPLAY_WINDOW_H
