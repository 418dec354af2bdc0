/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cipher-suite.h"

#include "ns3/log.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CipherSuite");

namespace
{

/// A supported suite and its strongSwan keyword.
struct KeywordEntry
{
    const char* keyword; ///< strongSwan ESP proposal keyword
    CipherSuite suite;   ///< the suite it names
};

/// The supported suites, in the order Keywords() lists them.
const KeywordEntry SUPPORTED[] = {
    {"aes128gcm16", {EncrAlgorithm::AES_GCM_16, 128, IntegAlgorithm::NONE}},
    {"aes256gcm16", {EncrAlgorithm::AES_GCM_16, 256, IntegAlgorithm::NONE}},
    {"chacha20poly1305", {EncrAlgorithm::CHACHA20_POLY1305, 256, IntegAlgorithm::NONE}},
    {"aes128-sha256", {EncrAlgorithm::AES_CBC, 128, IntegAlgorithm::HMAC_SHA2_256_128}},
    {"aes256-sha256", {EncrAlgorithm::AES_CBC, 256, IntegAlgorithm::HMAC_SHA2_256_128}},
};

/// Octets of the salt that RFC 4106 / RFC 7634 append to the AEAD key.
const uint32_t AEAD_SALT_BYTES = 4;

} // namespace

CipherSuite
CipherSuite::FromKeyword(const std::string& keyword)
{
    for (const auto& entry : SUPPORTED)
    {
        if (keyword == entry.keyword)
        {
            return entry.suite;
        }
    }
    std::string accepted;
    for (const auto& name : Keywords())
    {
        accepted += (accepted.empty() ? "" : ", ") + name;
    }
    throw std::invalid_argument("unknown ESP cipher suite keyword \"" + keyword
                                + "\"; expected one of: " + accepted);
}

std::vector<std::string>
CipherSuite::Keywords()
{
    std::vector<std::string> keywords;
    for (const auto& entry : SUPPORTED)
    {
        keywords.emplace_back(entry.keyword);
    }
    return keywords;
}

std::string
CipherSuite::Keyword() const
{
    for (const auto& entry : SUPPORTED)
    {
        if (entry.suite == *this)
        {
            return entry.keyword;
        }
    }
    return "";
}

bool
CipherSuite::IsSupported() const
{
    return !Keyword().empty();
}

bool
CipherSuite::IsAead() const
{
    return encr == EncrAlgorithm::AES_GCM_16 || encr == EncrAlgorithm::CHACHA20_POLY1305;
}

uint32_t
CipherSuite::EncrKeyBytes() const
{
    return keyBits / 8 + (IsAead() ? AEAD_SALT_BYTES : 0);
}

uint32_t
CipherSuite::IntegKeyBytes() const
{
    return integ == IntegAlgorithm::HMAC_SHA2_256_128 ? 32 : 0;
}

uint32_t
CipherSuite::IvSize() const
{
    return encr == EncrAlgorithm::AES_CBC ? 16 : 8;
}

uint32_t
CipherSuite::BlockSize() const
{
    return encr == EncrAlgorithm::AES_CBC ? 16 : 1;
}

uint32_t
CipherSuite::IcvSize() const
{
    return 16;
}

std::string
CipherSuite::WiresharkEspEncryption() const
{
    switch (encr)
    {
        case EncrAlgorithm::AES_GCM_16:
            return "AES-GCM with 16 octet ICV [RFC4106]";
        case EncrAlgorithm::AES_CBC:
            return "AES-CBC [RFC3602]";
        default:
            return ""; // tshark 4.0 cannot decrypt ChaCha20-Poly1305
    }
}

std::string
CipherSuite::WiresharkEspAuthentication() const
{
    switch (encr)
    {
        case EncrAlgorithm::AES_GCM_16:
            // tshark 4.0 refuses AES-GCM with anything but "NULL" authentication.
            return "NULL";
        case EncrAlgorithm::AES_CBC:
            return integ == IntegAlgorithm::HMAC_SHA2_256_128 ? "HMAC-SHA-256-128 [RFC4868]"
                                                              : "NULL";
        default:
            return "";
    }
}

std::string
CipherSuite::WiresharkIkeEncryption() const
{
    switch (encr)
    {
        case EncrAlgorithm::AES_GCM_16:
            return "AES-GCM-" + std::to_string(keyBits) + " with 16 octet ICV [RFC5282]";
        case EncrAlgorithm::AES_CBC:
            return "AES-CBC-" + std::to_string(keyBits) + " [RFC3602]";
        default:
            return "";
    }
}

std::string
CipherSuite::WiresharkIkeIntegrity() const
{
    switch (encr)
    {
        case EncrAlgorithm::AES_GCM_16:
            return "NONE [RFC4306]";
        case EncrAlgorithm::AES_CBC:
            return integ == IntegAlgorithm::HMAC_SHA2_256_128 ? "HMAC_SHA2_256_128 [RFC4868]"
                                                              : "NONE [RFC4306]";
        default:
            return "";
    }
}

bool
CipherSuite::operator==(const CipherSuite& other) const
{
    return encr == other.encr && keyBits == other.keyBits && integ == other.integ;
}

bool
CipherSuite::operator!=(const CipherSuite& other) const
{
    return !(*this == other);
}

std::ostream&
operator<<(std::ostream& os, const CipherSuite& suite)
{
    std::string keyword = suite.Keyword();
    if (!keyword.empty())
    {
        return os << keyword;
    }
    return os << "(encr " << static_cast<uint16_t>(suite.encr) << ", " << suite.keyBits
              << " bits, integ " << static_cast<uint16_t>(suite.integ) << ")";
}

} // namespace ns3
