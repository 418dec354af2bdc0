/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WIRESHARK_KEY_TABLE_H
#define WIRESHARK_KEY_TABLE_H

#include "ns3/node-container.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Writes the keys of installed SAs as Wireshark/tshark 4.0 UAT tables, so that the
 * pcaps of a run can be decrypted: `esp_sa` now, `ikev2_decryption_table` with the IKE daemon.
 *
 * Use the file as $HOME/.config/wireshark/esp_sa, or pass each row as
 * `-o 'uat:esp_sa:<row>'`, with `-o esp.enable_encryption_decode:TRUE`.
 */
class WiresharkKeyTable
{
  public:
    /// \return one esp_sa row per outbound SA of \p nodes that tshark can decrypt (not
    /// ChaCha20-Poly1305, which tshark 4.0 lacks), sorted by node then SPI.
    static std::vector<std::string> EspSaRows(NodeContainer nodes);

    /// Writes EspSaRows() to \p path, one per line; throws std::runtime_error if it cannot.
    static void WriteEspSa(const std::string& path, NodeContainer nodes);
};

} // namespace ns3

#endif // WIRESHARK_KEY_TABLE_H
