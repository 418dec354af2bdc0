/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ESP_PROCESSOR_H
#define ESP_PROCESSOR_H

#include "flow-tuple.h"
#include "ipsec-drop-reason.h"
#include "ipsec-sa.h"

#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Builds and opens ESP packets in tunnel mode (RFC 4303), byte-exact:
 * SPI | Seq | IV | E(inner IPv4 packet | Padding 1,2,3.. | Pad Length | Next Header 4) | ICV.
 *
 * The packet object is reused, so that its packet tags travel through the tunnel. IVs of
 * AEAD transforms are the 64-bit sequence number (unique per key, as Linux's seqiv); CBC IVs
 * come from an ns-3 random stream.
 */
class EspProcessor
{
  public:
    /// \param cbcIvStream the stream that draws CBC IVs
    explicit EspProcessor(Ptr<UniformRandomVariable> cbcIvStream);

    /// \return the ESP bytes (header, IV, padding, trailer, ICV) added to an inner packet.
    static uint32_t Overhead(const CipherSuite& suite, uint32_t innerLength);

    /**
     * Replaces \p packet, an inner IPv4 packet, by its ESP packet under \p sa with sequence
     * number \p seq.
     */
    void Encapsulate(IpsecSa& sa, uint64_t seq, Ptr<Packet> packet);

    /**
     * Checks and opens \p packet (ESP bytes, outer headers removed) under inbound \p sa: length,
     * replay window, ICV, padding and trailer; on success \p packet becomes the inner IPv4
     * packet and the replay window moves.
     * \param[out] seq the packet's full sequence number
     * \param[out] inner if not null, the inner packet's flow (read while checking it, so that
     *             the caller need not read the packet again)
     * \return the reason to drop it, or nothing if it is good
     */
    std::optional<IpsecDropReason> Decapsulate(IpsecSa& sa,
                                               Ptr<Packet> packet,
                                               uint64_t& seq,
                                               FlowTuple* inner = nullptr);

  private:
    static void WriteU32(uint8_t* p, uint32_t value);
    static uint32_t ReadU32(const uint8_t* p);

    Ptr<UniformRandomVariable> m_cbcIvStream;
    std::vector<uint8_t> m_buffer; //!< reused for every packet, so the hot path does not allocate
};

} // namespace ns3

#endif // ESP_PROCESSOR_H
