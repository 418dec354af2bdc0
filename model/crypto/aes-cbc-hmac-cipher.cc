/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "aes-cbc-hmac-cipher.h"

#include "compact-aes.h"

#include "ns3/log.h"

#include <cryptopp/misc.h>
#include <cryptopp/modes.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("AesCbcHmacCipher");

namespace
{
const size_t IV_BYTES = 16;  ///< AES block = CBC IV
const size_t ICV_BYTES = 16; ///< HMAC-SHA-256 truncated to 128 bits (RFC 4868)
} // namespace

AesCbcHmacCipher::AesCbcHmacCipher(const CipherSuite& suite,
                                   const Bytes& encrKey,
                                   const Bytes& integKey,
                                   CipherRole role)
    : Cipher(suite, encrKey, integKey, role, EncrAlgorithm::AES_CBC)
{
    NS_LOG_FUNCTION(this << suite);
    if (role == CipherRole::SEAL)
    {
        m_cbc = std::make_unique<CryptoPP::CBC_Mode<CompactAes>::Encryption>();
    }
    else
    {
        m_cbc = std::make_unique<CryptoPP::CBC_Mode<CompactAes>::Decryption>();
    }
    // Any IV will do here: each packet resynchronizes with its own.
    const uint8_t zeroIv[IV_BYTES] = {};
    m_cbc->SetKeyWithIV(encrKey.data(), encrKey.size(), zeroIv, IV_BYTES);
    m_hmac.SetKey(integKey.data(), integKey.size());
}

AesCbcHmacCipher::~AesCbcHmacCipher() = default;

void
AesCbcHmacCipher::Authenticate(const uint8_t* aad,
                               size_t aadLen,
                               const uint8_t* iv,
                               const uint8_t* ciphertext,
                               size_t ciphertextLen,
                               const uint8_t* macSuffix,
                               size_t macSuffixLen)
{
    if (aadLen > 0)
    {
        m_hmac.Update(aad, aadLen);
    }
    m_hmac.Update(iv, IV_BYTES);
    if (ciphertextLen > 0)
    {
        m_hmac.Update(ciphertext, ciphertextLen);
    }
    if (macSuffixLen > 0)
    {
        m_hmac.Update(macSuffix, macSuffixLen);
    }
}

void
AesCbcHmacCipher::DoSeal(const uint8_t* aad,
                         size_t aadLen,
                         const uint8_t* iv,
                         uint8_t* payload,
                         size_t payloadLen,
                         const uint8_t* macSuffix,
                         size_t macSuffixLen,
                         uint8_t* icv)
{
    m_cbc->Resynchronize(iv, IV_BYTES);
    m_cbc->ProcessData(payload, payload, payloadLen);
    Authenticate(aad, aadLen, iv, payload, payloadLen, macSuffix, macSuffixLen);
    m_hmac.TruncatedFinal(icv, ICV_BYTES);
}

bool
AesCbcHmacCipher::DoOpen(const uint8_t* aad,
                         size_t aadLen,
                         const uint8_t* iv,
                         uint8_t* payload,
                         size_t payloadLen,
                         const uint8_t* macSuffix,
                         size_t macSuffixLen,
                         const uint8_t* icv)
{
    Authenticate(aad, aadLen, iv, payload, payloadLen, macSuffix, macSuffixLen);
    // Not TruncatedVerify: it allocates its buffer on the heap on every call.
    uint8_t expected[ICV_BYTES];
    m_hmac.TruncatedFinal(expected, ICV_BYTES);
    if (!CryptoPP::VerifyBufsEqual(expected, icv, ICV_BYTES))
    {
        NS_LOG_LOGIC("ICV mismatch");
        return false;
    }
    m_cbc->Resynchronize(iv, IV_BYTES);
    m_cbc->ProcessData(payload, payload, payloadLen);
    return true;
}

} // namespace ns3
