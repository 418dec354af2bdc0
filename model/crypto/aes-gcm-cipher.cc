/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "aes-gcm-cipher.h"

#include "compact-aes.h"

#include "ns3/log.h"

#include <cryptopp/gcm.h>
#include <cryptopp/misc.h>

#include <cstring>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("AesGcmCipher");

namespace
{
const size_t SALT_BYTES = 4;   ///< RFC 4106 salt
const size_t IV_BYTES = 8;     ///< RFC 4106 explicit IV
const size_t NONCE_BYTES = 12; ///< salt | IV
const size_t ICV_BYTES = 16;   ///< ENCR_AES_GCM_16
} // namespace

AesGcmCipher::AesGcmCipher(const CipherSuite& suite,
                           const Bytes& encrKey,
                           const Bytes& integKey,
                           CipherRole role)
    : Cipher(suite, encrKey, integKey, role, EncrAlgorithm::AES_GCM_16)
{
    NS_LOG_FUNCTION(this << suite);
    size_t keyBytes = encrKey.size() - SALT_BYTES;
    if (role == CipherRole::SEAL)
    {
        m_aead = std::make_unique<CryptoPP::GCM<CompactAes>::Encryption>();
    }
    else
    {
        m_aead = std::make_unique<CryptoPP::GCM<CompactAes>::Decryption>();
    }
    // Crypto++ wants an IV with the key; each packet resynchronizes with its own nonce anyway.
    const uint8_t zeroNonce[NONCE_BYTES] = {};
    m_aead->SetKeyWithIV(encrKey.data(), keyBytes, zeroNonce, NONCE_BYTES);
    std::memcpy(m_salt.data(), encrKey.data() + keyBytes, SALT_BYTES);
}

AesGcmCipher::~AesGcmCipher() = default;

void
AesGcmCipher::DoSeal(const uint8_t* aad,
                     size_t aadLen,
                     const uint8_t* iv,
                     uint8_t* payload,
                     size_t payloadLen,
                     const uint8_t* macSuffix,
                     size_t macSuffixLen,
                     uint8_t* icv)
{
    uint8_t nonce[NONCE_BYTES];
    std::memcpy(nonce, m_salt.data(), SALT_BYTES);
    std::memcpy(nonce + SALT_BYTES, iv, IV_BYTES);
    m_aead->EncryptAndAuthenticate(
        payload, icv, ICV_BYTES, nonce, NONCE_BYTES, aad, aadLen, payload, payloadLen);
}

bool
AesGcmCipher::DoOpen(const uint8_t* aad,
                     size_t aadLen,
                     const uint8_t* iv,
                     uint8_t* payload,
                     size_t payloadLen,
                     const uint8_t* macSuffix,
                     size_t macSuffixLen,
                     const uint8_t* icv)
{
    uint8_t nonce[NONCE_BYTES];
    std::memcpy(nonce, m_salt.data(), SALT_BYTES);
    std::memcpy(nonce + SALT_BYTES, iv, IV_BYTES);
    // Not DecryptAndVerify: its TruncatedVerify allocates the tag buffer on the heap each call.
    uint8_t expected[ICV_BYTES];
    try
    {
        m_aead->Resynchronize(nonce, NONCE_BYTES);
        if (aadLen > 0)
        {
            m_aead->Update(aad, aadLen);
        }
        m_aead->ProcessData(payload, payload, payloadLen);
        m_aead->TruncatedFinal(expected, ICV_BYTES);
    }
    catch (const CryptoPP::Exception& e)
    {
        NS_LOG_LOGIC("GCM rejected the input: " << e.what());
        return false;
    }
    if (!CryptoPP::VerifyBufsEqual(expected, icv, ICV_BYTES))
    {
        NS_LOG_LOGIC("ICV mismatch");
        return false;
    }
    return true;
}

} // namespace ns3
