/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "wireshark-key-table.h"

#include "ns3/crypto-bytes.h"
#include "ns3/ipsec-data-plane.h"
#include "ns3/node.h"

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace ns3
{

std::vector<std::string>
WiresharkKeyTable::EspSaRows(NodeContainer nodes)
{
    std::vector<std::string> rows;
    std::set<std::string> written; // an SA installed twice (same SPI and keys) once
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<IpsecDataPlane> plane = (*it)->GetObject<IpsecDataPlane>();
        if (!plane)
        {
            continue;
        }
        // Every SA the run installed, deleted ones included: a capture of a run with rekeys
        // holds packets of SAs that are gone at the end.
        for (const SaParams& p : plane->GetSaLog())
        {
            std::string encryption = p.suite.WiresharkEspEncryption();
            if (p.direction != SaDirection::OUTBOUND || encryption.empty())
            {
                continue;
            }
            char spi[16];
            std::snprintf(spi, sizeof(spi), "0x%08x", p.spi);
            std::ostringstream row;
            // Column order of tshark 4.0: protocol, src, dst, SPI, encryption, key,
            // authentication, auth key (shared/spec/platform.md section 3a).
            row << "\"IPv4\",\"" << p.tunnelSource << "\",\"" << p.tunnelDestination << "\",\""
                << spi << "\",\"" << encryption << "\",\"0x" << BytesToHex(p.encryptionKey)
                << "\",\"" << p.suite.WiresharkEspAuthentication() << "\",\""
                << (p.integrityKey.empty() ? "" : "0x" + BytesToHex(p.integrityKey)) << "\"";
            if (written.insert(row.str()).second)
            {
                rows.push_back(row.str());
            }
        }
    }
    return rows;
}

void
WiresharkKeyTable::WriteEspSa(const std::string& path, NodeContainer nodes)
{
    std::ofstream out(path);
    if (!out)
    {
        throw std::runtime_error("cannot write " + path);
    }
    for (const auto& row : EspSaRows(nodes))
    {
        out << row << "\n";
    }
}

} // namespace ns3
