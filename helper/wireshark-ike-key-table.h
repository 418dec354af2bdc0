/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WIRESHARK_IKE_KEY_TABLE_H
#define WIRESHARK_IKE_KEY_TABLE_H

#include "ns3/cipher-suite.h"
#include "ns3/ike-key-schedule.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Writes the keys of IKE SAs as tshark 4.0's `ikev2_decryption_table` UAT, so that the
 * SK payloads in a pcap can be decrypted and their ICVs checked.
 *
 * One row per IKE SA: `SPIi,SPIr,SK_ei,SK_er,"encryption",SK_ai,SK_ar,"integrity"`, SPIs as 16
 * hex digits and keys as unquoted lower-case hex, as strongSwan's save-keys plugin writes them
 * (AEAD: SK_e with its salt, SK_a empty, integrity "NONE [RFC4306]"). Use the file as
 * $HOME/.config/wireshark/ikev2_decryption_table, or pass a row as
 * `-o 'uat:ikev2_decryption_table:<row>'`. The ESP keys go to WiresharkKeyTable's esp_sa.
 */
class WiresharkIkeKeyTable
{
  public:
    /**
     * \param spiI the IKE SA initiator's SPI
     * \param spiR the IKE SA responder's SPI
     * \param suite the SK payload suite
     * \param keys the IKE SA's keys
     * \returns the row, or "" if tshark 4.0 cannot decrypt the suite (ChaCha20-Poly1305)
     */
    static std::string Row(uint64_t spiI,
                           uint64_t spiR,
                           const CipherSuite& suite,
                           const IkeSaKeys& keys);

    /**
     * \brief Adds the row of an IKE SA (nothing if tshark cannot decrypt its suite).
     * \param spiI the IKE SA initiator's SPI
     * \param spiR the IKE SA responder's SPI
     * \param suite the SK payload suite
     * \param keys the IKE SA's keys
     */
    void Add(uint64_t spiI, uint64_t spiR, const CipherSuite& suite, const IkeSaKeys& keys);

    /// \returns the rows added, in order
    const std::vector<std::string>& GetRows() const;

    /**
     * \brief Writes the rows, one per line.
     * \param path the file
     * \throws std::runtime_error naming the path if it cannot be written
     */
    void Write(const std::string& path) const;

  private:
    std::vector<std::string> m_rows; ///< the rows
};

} // namespace ns3

#endif // WIRESHARK_IKE_KEY_TABLE_H
