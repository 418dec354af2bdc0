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
 * \brief Writes the keys of every SA installed during the run (IpsecDataPlane::GetSaLog,
 * rekeyed and deleted ones included) as Wireshark/tshark 4.0's `esp_sa` UAT table, so that the
 * pcaps of a whole run can be decrypted (the IKE SAs' table is WiresharkIkeKeyTable).
 *
 * Use the file as $HOME/.config/wireshark/esp_sa, or pass each row as
 * `-o 'uat:esp_sa:<row>'`, with `-o esp.enable_encryption_decode:TRUE`.
 */
class WiresharkKeyTable
{
  public:
    /// \return one esp_sa row per outbound SA installed on \p nodes during the run that tshark
    /// can decrypt (not ChaCha20-Poly1305, which tshark 4.0 lacks), by node in install order.
    static std::vector<std::string> EspSaRows(NodeContainer nodes);

    /// Writes EspSaRows() to \p path, one per line; throws std::runtime_error if it cannot.
    static void WriteEspSa(const std::string& path, NodeContainer nodes);
};

} // namespace ns3

#endif // WIRESHARK_KEY_TABLE_H
