/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cipher.h"

#include "aes-cbc-hmac-cipher.h"
#include "aes-gcm-cipher.h"
#include "chacha20-poly1305-cipher.h"

#include "ns3/log.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Cipher");

// Functions called per packet have no NS_LOG_FUNCTION: NS3_LOG_ENABLE makes each one a call to
// LogComponent::IsEnabled even with logging off, the top self-time entry of the ESP path.

std::unique_ptr<Cipher>
Cipher::Create(const CipherSuite& suite,
               const Bytes& encrKey,
               const Bytes& integKey,
               CipherRole role)
{
    NS_LOG_FUNCTION(suite << encrKey.size() << integKey.size() << static_cast<int>(role));
    switch (suite.encr)
    {
        case EncrAlgorithm::AES_GCM_16:
            return std::make_unique<AesGcmCipher>(suite, encrKey, integKey, role);
        case EncrAlgorithm::CHACHA20_POLY1305:
            return std::make_unique<ChaCha20Poly1305Cipher>(suite, encrKey, integKey, role);
        case EncrAlgorithm::AES_CBC:
            return std::make_unique<AesCbcHmacCipher>(suite, encrKey, integKey, role);
    }
    std::ostringstream message;
    message << "Cipher::Create: unsupported cipher suite " << suite
            << "; supported are those of CipherSuite::Keywords()";
    throw std::invalid_argument(message.str());
}

Cipher::Cipher(const CipherSuite& suite,
               const Bytes& encrKey,
               const Bytes& integKey,
               CipherRole role,
               EncrAlgorithm family)
    : m_suite(suite)
    , m_role(role)
{
    NS_LOG_FUNCTION(this << suite << encrKey.size() << integKey.size() << static_cast<int>(role));
    if (!suite.IsSupported())
    {
        std::ostringstream message;
        message << "Cipher: unsupported cipher suite " << suite
                << "; supported are those of CipherSuite::Keywords()";
        throw std::invalid_argument(message.str());
    }
    if (suite.encr != family)
    {
        throw std::invalid_argument("Cipher: " + suite.Keyword()
                                    + " is not for this cipher class; use Cipher::Create");
    }
    if (encrKey.size() != suite.EncrKeyBytes())
    {
        throw std::invalid_argument("Cipher: " + suite.Keyword() + " needs a "
                                    + std::to_string(suite.EncrKeyBytes()) + "-octet encryption key"
                                    + (suite.IsAead() ? " (key and 4-octet salt)" : "") + ", got "
                                    + std::to_string(encrKey.size()) + " octets");
    }
    if (integKey.size() != suite.IntegKeyBytes())
    {
        throw std::invalid_argument(
            "Cipher: " + suite.Keyword() + " needs a " + std::to_string(suite.IntegKeyBytes())
            + "-octet integrity key, got " + std::to_string(integKey.size()) + " octets");
    }
}

Cipher::~Cipher() = default;

const CipherSuite&
Cipher::Suite() const
{
    return m_suite;
}

CipherRole
Cipher::Role() const
{
    return m_role;
}

void
Cipher::Seal(const uint8_t* aad,
             size_t aadLen,
             const uint8_t* iv,
             uint8_t* payload,
             size_t payloadLen,
             const uint8_t* macSuffix,
             size_t macSuffixLen,
             uint8_t* icv)
{
    if (m_role != CipherRole::SEAL)
    {
        throw std::logic_error("Cipher::Seal called on a " + m_suite.Keyword()
                               + " cipher created for the OPEN role");
    }
    if (payloadLen % m_suite.BlockSize() != 0)
    {
        throw std::invalid_argument(
            "Cipher::Seal: " + m_suite.Keyword() + " payload of " + std::to_string(payloadLen)
            + " octets is not a multiple of the block size " + std::to_string(m_suite.BlockSize()));
    }
    if (m_suite.IsAead() && macSuffixLen != 0)
    {
        throw std::invalid_argument("Cipher::Seal: " + m_suite.Keyword()
                                    + " takes no MAC suffix (put the ESN high bits in the AAD)");
    }
    DoSeal(aad, aadLen, iv, payload, payloadLen, macSuffix, macSuffixLen, icv);
}

bool
Cipher::Open(const uint8_t* aad,
             size_t aadLen,
             const uint8_t* iv,
             uint8_t* payload,
             size_t payloadLen,
             const uint8_t* macSuffix,
             size_t macSuffixLen,
             const uint8_t* icv)
{
    if (m_role != CipherRole::OPEN)
    {
        throw std::logic_error("Cipher::Open called on a " + m_suite.Keyword()
                               + " cipher created for the SEAL role");
    }
    if (payloadLen % m_suite.BlockSize() != 0)
    {
        NS_LOG_LOGIC("payload of " << payloadLen << " octets is not a multiple of the block size");
        return false;
    }
    if (m_suite.IsAead() && macSuffixLen != 0)
    {
        NS_LOG_LOGIC("MAC suffix given to an AEAD cipher");
        return false;
    }
    return DoOpen(aad, aadLen, iv, payload, payloadLen, macSuffix, macSuffixLen, icv);
}

} // namespace ns3
