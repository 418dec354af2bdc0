/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_AES_CBC_HMAC_CIPHER_H
#define IPSEC_AES_CBC_HMAC_CIPHER_H

#include "cipher.h"

#include <cryptopp/hmac.h>
#include <cryptopp/sha.h>

#include <memory>

namespace CryptoPP
{
class SymmetricCipher;
} // namespace CryptoPP

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief AES-CBC (RFC 3602) with HMAC-SHA2-256-128 (RFC 4868), encrypt-then-MAC, for ESP and the
 * IKE SK payload (RFC 7296 section 3.14).
 *
 * ICV = the first 16 octets of HMAC-SHA-256(integKey, aad | iv | ciphertext | macSuffix). Open
 * checks the ICV before it decrypts. The payload must be a multiple of 16 octets (the caller
 * pads); the caller draws a fresh unpredictable 16-octet IV for each packet.
 */
class AesCbcHmacCipher : public Cipher
{
  public:
    /**
     * \param suite an AES_CBC + HMAC_SHA2_256_128 suite
     * \param encrKey suite.EncrKeyBytes() octets: the AES key
     * \param integKey suite.IntegKeyBytes() octets: the HMAC key
     * \param role seal or open
     * \throws std::invalid_argument as Cipher::Create does
     */
    AesCbcHmacCipher(const CipherSuite& suite,
                     const Bytes& encrKey,
                     const Bytes& integKey,
                     CipherRole role);

    ~AesCbcHmacCipher() override;

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
    /**
     * \brief Feeds aad | iv | ciphertext | macSuffix to the HMAC.
     * \param aad the associated data
     * \param aadLen octets of aad
     * \param iv 16 octets
     * \param ciphertext the ciphertext
     * \param ciphertextLen octets of ciphertext
     * \param macSuffix data after the ciphertext
     * \param macSuffixLen octets of macSuffix
     */
    void Authenticate(const uint8_t* aad,
                      size_t aadLen,
                      const uint8_t* iv,
                      const uint8_t* ciphertext,
                      size_t ciphertextLen,
                      const uint8_t* macSuffix,
                      size_t macSuffixLen);

    std::unique_ptr<CryptoPP::SymmetricCipher> m_cbc; ///< CBC_Mode<AES> for the role, keyed once
    CryptoPP::HMAC<CryptoPP::SHA256> m_hmac;          ///< keyed once; restarts after each tag
};

} // namespace ns3

#endif /* IPSEC_AES_CBC_HMAC_CIPHER_H */
