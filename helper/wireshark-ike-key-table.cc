/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "wireshark-ike-key-table.h"

#include "ns3/crypto-bytes.h"
#include "ns3/log.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("WiresharkIkeKeyTable");

std::string
WiresharkIkeKeyTable::Row(uint64_t spiI,
                          uint64_t spiR,
                          const CipherSuite& suite,
                          const IkeSaKeys& keys)
{
    std::string encryption = suite.WiresharkIkeEncryption();
    if (encryption.empty())
    {
        return "";
    }
    char spis[40];
    std::snprintf(spis,
                  sizeof(spis),
                  "%016llx,%016llx",
                  static_cast<unsigned long long>(spiI),
                  static_cast<unsigned long long>(spiR));
    // Column order of tshark 4.0 (spec/platform.md 3a; strongSwan save_keys_listener.c).
    return std::string(spis) + "," + BytesToHex(keys.skEi) + "," + BytesToHex(keys.skEr) + ",\""
           + encryption + "\"," + BytesToHex(keys.skAi) + "," + BytesToHex(keys.skAr) + ",\""
           + suite.WiresharkIkeIntegrity() + "\"";
}

void
WiresharkIkeKeyTable::Add(uint64_t spiI,
                          uint64_t spiR,
                          const CipherSuite& suite,
                          const IkeSaKeys& keys)
{
    std::string row = Row(spiI, spiR, suite, keys);
    if (!row.empty())
    {
        m_rows.push_back(row);
    }
}

const std::vector<std::string>&
WiresharkIkeKeyTable::GetRows() const
{
    return m_rows;
}

void
WiresharkIkeKeyTable::Write(const std::string& path) const
{
    std::ofstream out(path);
    if (!out)
    {
        throw std::runtime_error("WiresharkIkeKeyTable: cannot write " + path);
    }
    for (const auto& row : m_rows)
    {
        out << row << "\n";
    }
    if (!out)
    {
        throw std::runtime_error("WiresharkIkeKeyTable: cannot write " + path);
    }
}

} // namespace ns3
