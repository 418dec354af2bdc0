/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "chacha20-poly1305-cipher.h"

#include "ns3/log.h"

#include <cryptopp/misc.h>

#include <cstring>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ChaCha20Poly1305Cipher");

namespace
{
const size_t SALT_BYTES = 4;      ///< RFC 7634 salt
const size_t IV_BYTES = 8;        ///< RFC 7634 explicit IV
const size_t NONCE_BYTES = 12;    ///< salt | IV
const size_t ICV_BYTES = 16;      ///< Poly1305 tag
const size_t BLOCK_BYTES = 64;    ///< ChaCha20 block
const size_t POLY_KEY_BYTES = 32; ///< one-time Poly1305 key: first half of block 0

/**
 * \param value a length
 * \param out receives value as 8 octets little-endian
 */
void
PutLittleEndian64(uint64_t value, uint8_t* out)
{
    for (int i = 0; i < 8; ++i)
    {
        out[i] = static_cast<uint8_t>(value >> (8 * i));
    }
}
} // namespace

ChaCha20Poly1305Cipher::ChaCha20Poly1305Cipher(const CipherSuite& suite,
                                               const Bytes& encrKey,
                                               const Bytes& integKey,
                                               CipherRole role)
    : Cipher(suite, encrKey, integKey, role, EncrAlgorithm::CHACHA20_POLY1305)
{
    NS_LOG_FUNCTION(this << suite);
    size_t keyBytes = encrKey.size() - SALT_BYTES;
    // Crypto++ wants an IV with the key; each packet resynchronizes with its own nonce anyway.
    const uint8_t zeroNonce[NONCE_BYTES] = {};
    m_chacha.SetKeyWithIV(encrKey.data(), keyBytes, zeroNonce, NONCE_BYTES);
    std::memcpy(m_salt.data(), encrKey.data() + keyBytes, SALT_BYTES);
}

ChaCha20Poly1305Cipher::~ChaCha20Poly1305Cipher() = default;

void
ChaCha20Poly1305Cipher::StartPacket(const uint8_t* iv)
{
    uint8_t nonce[NONCE_BYTES];
    std::memcpy(nonce, m_salt.data(), SALT_BYTES);
    std::memcpy(nonce + SALT_BYTES, iv, IV_BYTES);
    // The block counter restarts at 0. Block 0 gives the one-time Poly1305 key; consuming all of
    // it leaves the keystream at block 1, where the RFC 8439 AEAD starts encrypting.
    m_chacha.Resynchronize(nonce, NONCE_BYTES);
    uint8_t block0[BLOCK_BYTES] = {};
    m_chacha.ProcessString(block0, BLOCK_BYTES);
    m_poly1305.SetKey(block0, POLY_KEY_BYTES);
    CryptoPP::SecureWipeArray(block0, BLOCK_BYTES);
}

void
ChaCha20Poly1305Cipher::ComputeTag(const uint8_t* aad,
                                   size_t aadLen,
                                   const uint8_t* ciphertext,
                                   size_t ciphertextLen,
                                   uint8_t* tag)
{
    static const uint8_t ZEROS[16] = {};
    if (aadLen > 0)
    {
        m_poly1305.Update(aad, aadLen);
        m_poly1305.Update(ZEROS, (16 - aadLen % 16) % 16);
    }
    if (ciphertextLen > 0)
    {
        m_poly1305.Update(ciphertext, ciphertextLen);
        m_poly1305.Update(ZEROS, (16 - ciphertextLen % 16) % 16);
    }
    uint8_t lengths[16];
    PutLittleEndian64(aadLen, lengths);
    PutLittleEndian64(ciphertextLen, lengths + 8);
    m_poly1305.Update(lengths, sizeof(lengths));
    m_poly1305.TruncatedFinal(tag, ICV_BYTES);
}

void
ChaCha20Poly1305Cipher::DoSeal(const uint8_t* aad,
                               size_t aadLen,
                               const uint8_t* iv,
                               uint8_t* payload,
                               size_t payloadLen,
                               const uint8_t* macSuffix,
                               size_t macSuffixLen,
                               uint8_t* icv)
{
    StartPacket(iv);
    if (payloadLen > 0)
    {
        m_chacha.ProcessData(payload, payload, payloadLen);
    }
    ComputeTag(aad, aadLen, payload, payloadLen, icv);
}

bool
ChaCha20Poly1305Cipher::DoOpen(const uint8_t* aad,
                               size_t aadLen,
                               const uint8_t* iv,
                               uint8_t* payload,
                               size_t payloadLen,
                               const uint8_t* macSuffix,
                               size_t macSuffixLen,
                               const uint8_t* icv)
{
    StartPacket(iv);
    uint8_t expected[ICV_BYTES];
    ComputeTag(aad, aadLen, payload, payloadLen, expected);
    if (!CryptoPP::VerifyBufsEqual(expected, icv, ICV_BYTES))
    {
        NS_LOG_LOGIC("ICV mismatch");
        return false;
    }
    if (payloadLen > 0)
    {
        m_chacha.ProcessData(payload, payload, payloadLen);
    }
    return true;
}

} // namespace ns3
