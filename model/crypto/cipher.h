/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_CIPHER_H
#define IPSEC_CIPHER_H

#include "cipher-suite.h"
#include "crypto-bytes.h"

#include <cstddef>
#include <cstdint>
#include <memory>

namespace ns3
{

/// The direction a Cipher works in.
enum class CipherRole
{
    SEAL, ///< encrypt and compute the ICV (outbound SA, own SK payloads)
    OPEN, ///< verify the ICV and decrypt (inbound SA, peer's SK payloads)
};

/**
 * \ingroup ipsec
 * \brief A keyed encryption-and-integrity transform for one direction of an ESP SA or of an IKE
 * SA's SK payloads.
 *
 * Seal and Open are called per packet. The keys are set once, at construction; a call allocates
 * nothing. Subclasses (one per algorithm family: AesGcmCipher, ChaCha20Poly1305Cipher,
 * AesCbcHmacCipher) implement DoSeal and DoOpen; this class checks the role and the lengths.
 *
 * Inputs of Seal/Open:
 *  - aad: data that is authenticated but not encrypted (ESP: SPI | Seq [| Seq high]; IKE: the IKE
 *    header through the SK payload header).
 *  - iv: Suite().IvSize() octets, carried in clear in the packet. AEAD nonce = salt | iv.
 *  - payload: encrypted/decrypted in place.
 *  - macSuffix: data authenticated after the ciphertext (the ESN high bits of RFC 4303 for
 *    AES-CBC+HMAC). Must be empty for AEAD (the ESN high bits go into the aad there).
 *  - icv: Suite().IcvSize() octets.
 */
class Cipher
{
  public:
    /**
     * \brief Creates the cipher for a suite.
     * \param suite a suite for which CipherSuite::IsSupported() is true
     * \param encrKey Suite().EncrKeyBytes() octets; for AEAD the key followed by the 4-octet salt
     * \param integKey Suite().IntegKeyBytes() octets (empty for AEAD)
     * \param role whether this object seals or opens
     * \returns the cipher
     * \throws std::invalid_argument if the suite is not supported or a key has the wrong length
     */
    static std::unique_ptr<Cipher> Create(const CipherSuite& suite,
                                          const Bytes& encrKey,
                                          const Bytes& integKey,
                                          CipherRole role);

    virtual ~Cipher();

    Cipher(const Cipher&) = delete;
    Cipher& operator=(const Cipher&) = delete;

    /// \returns the suite
    const CipherSuite& Suite() const;

    /// \returns the role
    CipherRole Role() const;

    /**
     * \brief Encrypts payload in place and computes the ICV.
     *
     * AEAD: the AAD is aad, the nonce salt | iv. AES-CBC + HMAC (encrypt-then-MAC): ICV = the first
     * 16 octets of HMAC-SHA-256(integKey, aad | iv | ciphertext | macSuffix).
     *
     * \param aad the associated data
     * \param aadLen octets of aad
     * \param iv Suite().IvSize() octets
     * \param payload the plaintext, replaced by the ciphertext
     * \param payloadLen octets of payload; for AES-CBC a multiple of 16
     * \param macSuffix data authenticated after the ciphertext (AES-CBC + HMAC only)
     * \param macSuffixLen octets of macSuffix; 0 for AEAD
     * \param icv receives Suite().IcvSize() octets
     * \throws std::logic_error if the role is OPEN
     * \throws std::invalid_argument if payloadLen is not a multiple of Suite().BlockSize() or an
     *         AEAD cipher gets a macSuffix
     */
    void Seal(const uint8_t* aad,
              size_t aadLen,
              const uint8_t* iv,
              uint8_t* payload,
              size_t payloadLen,
              const uint8_t* macSuffix,
              size_t macSuffixLen,
              uint8_t* icv);

    /**
     * \brief Verifies the ICV and decrypts payload in place.
     *
     * AES-CBC + HMAC verifies the ICV before it decrypts anything. The comparison takes constant
     * time. Never throws on bad input.
     *
     * \param aad the associated data
     * \param aadLen octets of aad
     * \param iv Suite().IvSize() octets
     * \param payload the ciphertext, replaced by the plaintext (unspecified on failure)
     * \param payloadLen octets of payload
     * \param macSuffix data authenticated after the ciphertext (AES-CBC + HMAC only)
     * \param macSuffixLen octets of macSuffix
     * \param icv Suite().IcvSize() octets received
     * \returns false if the ICV does not match, payloadLen is not a multiple of
     *          Suite().BlockSize(), or an AEAD cipher gets a macSuffix
     * \throws std::logic_error if the role is SEAL (a programming error, not bad input)
     */
    bool Open(const uint8_t* aad,
              size_t aadLen,
              const uint8_t* iv,
              uint8_t* payload,
              size_t payloadLen,
              const uint8_t* macSuffix,
              size_t macSuffixLen,
              const uint8_t* icv);

  protected:
    /**
     * \brief Checks the suite and the key lengths (see Create).
     * \param suite the suite
     * \param encrKey the encryption key (with salt for AEAD)
     * \param integKey the integrity key
     * \param role the role
     * \param family the encryption algorithm the subclass implements
     * \throws std::invalid_argument if the suite is unsupported, is not of the subclass's family,
     *         or a key has the wrong length
     */
    Cipher(const CipherSuite& suite,
           const Bytes& encrKey,
           const Bytes& integKey,
           CipherRole role,
           EncrAlgorithm family);

    /**
     * \brief Seals; the arguments are those of Seal, already checked.
     * \param aad the associated data
     * \param aadLen octets of aad
     * \param iv Suite().IvSize() octets
     * \param payload the plaintext, replaced by the ciphertext
     * \param payloadLen octets of payload
     * \param macSuffix data authenticated after the ciphertext
     * \param macSuffixLen octets of macSuffix
     * \param icv receives Suite().IcvSize() octets
     */
    virtual void DoSeal(const uint8_t* aad,
                        size_t aadLen,
                        const uint8_t* iv,
                        uint8_t* payload,
                        size_t payloadLen,
                        const uint8_t* macSuffix,
                        size_t macSuffixLen,
                        uint8_t* icv)
        = 0;

    /**
     * \brief Opens; the arguments are those of Open, already checked. Must not throw.
     * \param aad the associated data
     * \param aadLen octets of aad
     * \param iv Suite().IvSize() octets
     * \param payload the ciphertext, replaced by the plaintext
     * \param payloadLen octets of payload
     * \param macSuffix data authenticated after the ciphertext
     * \param macSuffixLen octets of macSuffix
     * \param icv Suite().IcvSize() octets received
     * \returns true if the ICV matches
     */
    virtual bool DoOpen(const uint8_t* aad,
                        size_t aadLen,
                        const uint8_t* iv,
                        uint8_t* payload,
                        size_t payloadLen,
                        const uint8_t* macSuffix,
                        size_t macSuffixLen,
                        const uint8_t* icv)
        = 0;

  private:
    CipherSuite m_suite; ///< the suite
    CipherRole m_role;   ///< the role
};

} // namespace ns3

#endif /* IPSEC_CIPHER_H */
