/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_AES_GCM_CIPHER_H
#define IPSEC_AES_GCM_CIPHER_H

#include "cipher.h"

#include <array>
#include <memory>

namespace CryptoPP
{
class AuthenticatedSymmetricCipher;
} // namespace CryptoPP

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief AES-GCM with a 16-octet ICV for ESP (RFC 4106) and the IKE SK payload (RFC 5282).
 *
 * The key is followed by a 4-octet salt; the 12-octet nonce is salt | 8-octet IV. Uses Crypto++
 * GCM over CompactAes with the default 2K tables: with CLMUL the GHASH table is only 128 octets,
 * and 64K tables gain nothing. About 0.9 KB of memory per object.
 */
class AesGcmCipher : public Cipher
{
  public:
    /**
     * \param suite an AES_GCM_16 suite
     * \param encrKey suite.EncrKeyBytes() octets: AES key | salt
     * \param integKey must be empty
     * \param role seal or open
     * \throws std::invalid_argument as Cipher::Create does
     */
    AesGcmCipher(const CipherSuite& suite,
                 const Bytes& encrKey,
                 const Bytes& integKey,
                 CipherRole role);

    ~AesGcmCipher() override;

  protected:
    void DoSeal(const uint8_t* aad,
                size_t aadLen,
                const uint8_t* iv,
                uint8_t* payload,
                size_t payloadLen,
                const uint8_t* macSuffix,
                size_t macSuffixLen,
                uint8_t* icv) override;

    bool DoOpen(const uint8_t* aad,
                size_t aadLen,
                const uint8_t* iv,
                uint8_t* payload,
                size_t payloadLen,
                const uint8_t* macSuffix,
                size_t macSuffixLen,
                const uint8_t* icv) override;

  private:
    /// GCM<CompactAes>::Encryption or ::Decryption, keyed once
    std::unique_ptr<CryptoPP::AuthenticatedSymmetricCipher> m_aead;
    std::array<uint8_t, 4> m_salt; ///< the implicit first 4 octets of each nonce
};

} // namespace ns3

#endif /* IPSEC_AES_GCM_CIPHER_H */
