/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_ENCRYPTED_PAYLOAD_H
#define IPSEC_IKE_ENCRYPTED_PAYLOAD_H

#include "ike-payload.h"

#include "ns3/cipher.h"
#include "ns3/ike-iv-generator.h"

#include <memory>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The Encrypted and Authenticated payload (SK, RFC 7296 section 3.14): the inner payloads,
 * encrypted and integrity-protected with the IKE SA's SK_e/SK_a keys.
 *
 * Wire format: generic header (Next Payload = type of the first inner payload) | IV |
 * E(inner payloads | Padding | Pad Length) | ICV.
 *  - AES-CBC + HMAC (RFC 7296 3.14): 16-octet random IV; padding to the 16-octet block; ICV =
 *    HMAC-SHA-256-128 over the message from the IKE header through the Pad Length.
 *  - AEAD (RFC 5282 AES-GCM, RFC 7634 ChaCha20-Poly1305): 8-octet IV from a per-key counter;
 *    no padding (Pad Length 0, as strongSwan sends); nonce = salt | IV; AAD = the message from
 *    the IKE header through the SK generic header; 16-octet ICV.
 * Padding octets are sent as zero (RFC 7296 lets them hold any value; strongSwan sends random).
 *
 * A received SK payload first holds its encrypted body; IkeMessage::Decrypt fills in the inner
 * payloads. Serializing without a cipher (IkePayload::Serialize) writes the received body
 * unchanged, so that a parsed message is written back byte for byte.
 */
class IkeEncryptedPayload : public IkePayload
{
  public:
    IkeEncryptedPayload();
    IkeEncryptedPayload(const IkeEncryptedPayload& other);
    IkeEncryptedPayload& operator=(const IkeEncryptedPayload& other);
    ~IkeEncryptedPayload() override;

    /**
     * \brief Appends an inner payload. A received body no longer matches the content, so it is
     * dropped: the payload must be encrypted again (IkeMessage::Serialize(seal, ivs)).
     * \param payload the payload (an SK payload is refused)
     */
    void AddPayload(std::unique_ptr<IkePayload> payload);
    /// \returns the inner payloads in order (empty before decryption)
    const std::vector<std::unique_ptr<IkePayload>>& GetPayloads() const;

    /// \returns true if this holds a received encrypted body
    bool HasEncryptedBody() const;
    /// \returns the received IV | ciphertext | ICV
    const Bytes& GetEncryptedBody() const;
    /// \returns true once IkeMessage::Decrypt has verified the body and parsed the inner payloads
    bool IsDecrypted() const;
    /**
     * \brief Sets the inner payloads parsed from the decrypted received body, which is kept (for
     * IkeMessage::Decrypt).
     * \param payloads the inner payloads
     */
    void SetDecryptedPayloads(std::vector<std::unique_ptr<IkePayload>> payloads);
    /// \returns the Next Payload octet: the type of the first inner payload
    IkePayloadType GetFirstPayloadType() const;
    /// \param type the Next Payload octet as received
    void SetFirstPayloadType(IkePayloadType type);

    /**
     * \param suite the SK suite
     * \param plaintextSize octets of the inner payloads
     * \returns octets of the whole SK payload (header, IV, ciphertext with padding, ICV)
     */
    static uint32_t GetEncryptedSize(const CipherSuite& suite, size_t plaintextSize);

    /**
     * \brief Appends this payload, encrypted, to a message that holds the IKE header and the
     * payloads before it, and sets the header's Length (octets 24-27) to the final size.
     * \param message the message so far (at least the 28-octet header)
     * \param seal a SEAL cipher keyed with the sender's SK_e (and SK_a)
     * \param ivs the IV source of that key
     * \throws std::length_error if the payload exceeds 65535 octets
     * \throws std::logic_error if seal is an OPEN cipher
     */
    void SerializeEncrypted(Bytes& message, Cipher& seal, IkeIvGenerator& ivs) const;

    /**
     * \brief Verifies the ICV and decrypts the received body. Never throws on bad input.
     * \param message the whole received message
     * \param skOffset where this payload's generic header starts in message
     * \param open an OPEN cipher keyed with the peer's SK_e (and SK_a)
     * \param plaintext receives the inner payload octets (without padding)
     * \returns NONE, BAD_ENCRYPTED_LENGTH, INTEGRITY_CHECK_FAILED or BAD_PADDING
     */
    IkeParseStatus Decrypt(const uint8_t* message,
                           size_t skOffset,
                           Cipher& open,
                           Bytes& plaintext) const;

    std::unique_ptr<IkePayload> Clone() const override;
    void Print(std::ostream& os) const override;

  protected:
    /**
     * \brief Writes the received encrypted body.
     * \param out the message being written
     * \throws std::logic_error if there is none (encryption needs SerializeEncrypted)
     */
    void DoSerializeBody(Bytes& out) const override;
    IkeParseStatus DoDeserializeBody(const uint8_t* body, size_t size) override;

  private:
    std::vector<std::unique_ptr<IkePayload>> m_payloads; ///< the inner payloads
    Bytes m_encrypted;                                   ///< received IV | ciphertext | ICV
    bool m_hasEncrypted;                                 ///< m_encrypted was received
    bool m_decrypted;                                    ///< m_payloads come from m_encrypted
    IkePayloadType m_firstType;                          ///< received Next Payload octet
};

} // namespace ns3

#endif /* IPSEC_IKE_ENCRYPTED_PAYLOAD_H */
