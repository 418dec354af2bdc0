/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_CHACHA20_POLY1305_CIPHER_H
#define IPSEC_CHACHA20_POLY1305_CIPHER_H

#include "cipher.h"

#include <cryptopp/chacha.h>
#include <cryptopp/poly1305.h>

#include <array>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief ChaCha20-Poly1305 for ESP and the IKE SK payload (RFC 7634).
 *
 * The 32-octet key is followed by a 4-octet salt; the 12-octet nonce is salt | 8-octet IV; the
 * ICV is the 16-octet Poly1305 tag.
 *
 * The RFC 8439 section 2.8 construction is built here from Crypto++'s ChaChaTLS and Poly1305TLS
 * rather than taken from its ChaCha20Poly1305 class, which allocates on the heap and rekeys
 * ChaCha20 twice for every packet. Open verifies the tag before it decrypts.
 */
class ChaCha20Poly1305Cipher : public Cipher
{
  public:
    /**
     * \param suite a CHACHA20_POLY1305 suite
     * \param encrKey suite.EncrKeyBytes() octets: ChaCha20 key | salt
     * \param integKey must be empty
     * \param role seal or open
     * \throws std::invalid_argument as Cipher::Create does
     */
    ChaCha20Poly1305Cipher(const CipherSuite& suite,
                           const Bytes& encrKey,
                           const Bytes& integKey,
                           CipherRole role);

    ~ChaCha20Poly1305Cipher() override;

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
     * \brief Sets the nonce, keys Poly1305 from ChaCha20 block 0 and leaves the keystream at
     * block 1.
     * \param iv the 8-octet IV
     */
    void StartPacket(const uint8_t* iv);

    /**
     * \brief Computes the Poly1305 tag over aad and ciphertext (RFC 8439 section 2.8).
     * \param aad the associated data
     * \param aadLen octets of aad
     * \param ciphertext the ciphertext
     * \param ciphertextLen octets of ciphertext
     * \param tag receives 16 octets
     */
    void ComputeTag(const uint8_t* aad,
                    size_t aadLen,
                    const uint8_t* ciphertext,
                    size_t ciphertextLen,
                    uint8_t* tag);

    CryptoPP::ChaChaTLS::Encryption m_chacha; ///< ChaCha20 (RFC 8439), keyed once
    CryptoPP::Poly1305TLS m_poly1305;         ///< rekeyed per packet from block 0
    std::array<uint8_t, 4> m_salt;            ///< the implicit first 4 octets of each nonce
};

} // namespace ns3

#endif /* IPSEC_CHACHA20_POLY1305_CIPHER_H */
