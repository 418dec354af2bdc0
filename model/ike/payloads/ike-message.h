/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_MESSAGE_H
#define IPSEC_IKE_MESSAGE_H

#include "ike-encrypted-payload.h"
#include "ike-header.h"
#include "ike-parse-status.h"
#include "ike-payload.h"

#include "ns3/cipher.h"
#include "ns3/ike-iv-generator.h"

#include <memory>
#include <ostream>
#include <string>
#include <type_traits>
#include <vector>

namespace ns3
{

class IkeNotifyPayload;

/**
 * \ingroup ipsec
 * \brief An IKEv2 message (RFC 7296 section 3): the IKE header, the cleartext payloads in order,
 * and at most one Encrypted (SK) payload, always the last, holding the inner payloads.
 *
 * Building: set the header fields (SPIs, exchange type, flags, Message ID), AddPayload for
 * cleartext payloads (IKE_SA_INIT), AddEncryptedPayload for protected ones (an empty SK payload
 * with EnableEncryption, for liveness checks). Serialize() writes a message without SK payload;
 * Serialize(seal, ivs) encrypts the SK payload. Both fill in the header's Next Payload and
 * Length.
 *
 * Receiving: Parse(bytes) validates the header and the cleartext payload chain and keeps the SK
 * payload's encrypted body; the header is then known (SPIs, Message ID: find the IKE SA), and
 * Decrypt(open) verifies and decrypts the SK payload and parses the inner chain. Every failure
 * is an IkeParseStatus, never an exception or a crash; after any error past the header checks,
 * GetHeader() is the received header, so that the caller can answer with an error notify.
 *
 * Parse checks syntax only. Which payloads an exchange requires, and that they came inside the
 * SK payload (IsEncrypted(), GetEncryptedPayload()->IsDecrypted()), is the exchange's check,
 * as strongSwan's per-exchange message rules do it: a bit flip can turn an SK payload into a
 * well-formed unencrypted one.
 */
class IkeMessage
{
  public:
    IkeMessage();
    IkeMessage(const IkeMessage& other);
    IkeMessage& operator=(const IkeMessage& other);
    IkeMessage(IkeMessage&& other) noexcept;
    IkeMessage& operator=(IkeMessage&& other) noexcept;
    ~IkeMessage();

    /// \returns the header (Next Payload and Length are written by Serialize)
    IkeHeader& GetHeader();
    /// \returns the header
    const IkeHeader& GetHeader() const;
    /// \param header the header
    void SetHeader(const IkeHeader& header);

    /**
     * \brief Appends a cleartext payload (it goes before the SK payload, if any).
     * \param payload the payload; an IkeEncryptedPayload becomes the SK payload
     * \throws std::invalid_argument for a null payload, a second SK payload, or an SK-typed
     *         payload that is not an IkeEncryptedPayload
     */
    void AddPayload(std::unique_ptr<IkePayload> payload);

    /**
     * \param payload a payload object, copied
     * \returns the copy in the message
     */
    template<class T, class = std::enable_if_t<std::is_base_of_v<IkePayload, T>>>
    T& AddPayload(const T& payload)
    {
        auto copy = std::make_unique<T>(payload);
        T& ref = *copy;
        AddPayload(std::unique_ptr<IkePayload>(std::move(copy)));
        return ref;
    }

    /**
     * \brief Appends a payload to the SK payload, creating the SK payload if needed.
     * \param payload the payload (not an SK payload)
     */
    void AddEncryptedPayload(std::unique_ptr<IkePayload> payload);

    /**
     * \param payload a payload object, copied into the SK payload
     * \returns the copy in the message
     */
    template<class T, class = std::enable_if_t<std::is_base_of_v<IkePayload, T>>>
    T& AddEncryptedPayload(const T& payload)
    {
        auto copy = std::make_unique<T>(payload);
        T& ref = *copy;
        AddEncryptedPayload(std::unique_ptr<IkePayload>(std::move(copy)));
        return ref;
    }

    /// \returns the SK payload, created empty if there was none (e.g. for an empty
    ///          INFORMATIONAL)
    IkeEncryptedPayload& EnableEncryption();

    /// \returns the cleartext payloads in order (without the SK payload)
    const std::vector<std::unique_ptr<IkePayload>>& GetPayloads() const;

    /// \returns the SK payload, or null if there is none
    const IkeEncryptedPayload* GetEncryptedPayload() const;

    /// \returns true if the message has an SK payload
    bool IsEncrypted() const;

    /// \returns the cleartext payloads, then the inner payloads of the SK payload
    std::vector<const IkePayload*> GetAllPayloads() const;

    /// \param type a payload type \returns the first payload of that type in GetAllPayloads()
    const IkePayload* FindPayload(IkePayloadType type) const;

    /// \param type a payload type \returns every payload of that type in GetAllPayloads()
    std::vector<const IkePayload*> FindPayloads(IkePayloadType type) const;

    /// \returns the first payload of class T in GetAllPayloads(), or null
    template<class T>
    const T* Find() const
    {
        for (const IkePayload* payload : GetAllPayloads())
        {
            if (auto typed = dynamic_cast<const T*>(payload))
            {
                return typed;
            }
        }
        return nullptr;
    }

    /// \returns every payload of class T in GetAllPayloads()
    template<class T>
    std::vector<const T*> FindAll() const
    {
        std::vector<const T*> found;
        for (const IkePayload* payload : GetAllPayloads())
        {
            if (auto typed = dynamic_cast<const T*>(payload))
            {
                found.push_back(typed);
            }
        }
        return found;
    }

    /// \param type a notify type \returns the first Notify payload of that type, or null
    const IkeNotifyPayload* FindNotify(IkeNotifyType type) const;

    /**
     * \brief Writes a message without SK payload (or with a received, still encrypted one).
     * \returns the octets, from the first octet of the IKE header
     * \throws std::logic_error if the SK payload must be encrypted first
     * \throws std::length_error if a payload exceeds 65535 octets
     */
    Bytes Serialize() const;

    /**
     * \brief Writes the message and encrypts its SK payload.
     * \param seal a SEAL cipher keyed with the sender's SK_e (and SK_a)
     * \param ivs the IV source of that key
     * \returns the octets, from the first octet of the IKE header
     * \throws std::logic_error if there is no SK payload, or seal is an OPEN cipher
     * \throws std::length_error if a payload exceeds 65535 octets
     */
    Bytes Serialize(Cipher& seal, IkeIvGenerator& ivs) const;

    /**
     * \brief Parses a received message (the UDP payload, without the non-ESP marker).
     * \param data the first octet
     * \param size the octets received
     * \param message receives the message (the SK payload still encrypted)
     * \returns NONE or the first error found
     */
    static IkeParseStatus Parse(const uint8_t* data, size_t size, IkeMessage& message);

    /**
     * \param data the octets received
     * \param message receives the message (the SK payload still encrypted)
     * \returns NONE or the first error found
     */
    static IkeParseStatus Parse(const Bytes& data, IkeMessage& message);

    /**
     * \brief Parses and decrypts a received message.
     * \param data the octets received
     * \param open an OPEN cipher keyed with the peer's SK_e (and SK_a)
     * \param message receives the message
     * \returns NONE or the first error found
     */
    static IkeParseStatus Parse(const Bytes& data, Cipher& open, IkeMessage& message);

    /**
     * \brief Verifies and decrypts the SK payload of a parsed message and parses its inner
     * payloads. Does nothing for a message without a received SK payload.
     * \param open an OPEN cipher keyed with the peer's SK_e (and SK_a)
     * \returns NONE, BAD_ENCRYPTED_LENGTH, INTEGRITY_CHECK_FAILED, BAD_PADDING, or an error of
     *          the inner chain (NESTED_SK, UNSUPPORTED_CRITICAL_PAYLOAD, ...)
     */
    IkeParseStatus Decrypt(Cipher& open);

    /// \returns the octets of the last Parse (RealMessage of the AUTH computation for
    ///          IKE_SA_INIT), empty for a message built locally
    const Bytes& GetReceivedBytes() const;

    /// \returns the header and payloads on one line, e.g.
    ///          "IKE_SA_INIT request 0 [I] ...: SA(...), KE(...), Nonce(32 octets)"
    std::string ToString() const;

  private:
    IkeHeader m_header;                                  ///< the header
    std::vector<std::unique_ptr<IkePayload>> m_payloads; ///< cleartext payloads
    std::unique_ptr<IkeEncryptedPayload> m_encrypted;    ///< the SK payload, if any
    Bytes m_received;                                    ///< octets of the last Parse
    size_t m_skOffset;                                   ///< where the received SK starts
};

/**
 * \brief Prints message.ToString().
 * \param os the stream
 * \param message the message
 * \returns os
 */
std::ostream& operator<<(std::ostream& os, const IkeMessage& message);

} // namespace ns3

#endif /* IPSEC_IKE_MESSAGE_H */
