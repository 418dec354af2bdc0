/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_PAYLOAD_H
#define IPSEC_IKE_PAYLOAD_H

#include "ike-constants.h"
#include "ike-parse-status.h"

#include "ns3/crypto-bytes.h"

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief An IKEv2 payload (RFC 7296 section 3.2): the base of the one class per payload type that
 * knows its own wire format.
 *
 * This class writes and reads the 4-octet generic payload header (Next Payload, Critical bit,
 * Payload Length); each subclass writes and parses its body (template method: Serialize calls
 * DoSerializeBody, DeserializeBody calls DoDeserializeBody). The Next Payload octet belongs to the
 * chain, not to the payload: IkeMessage fills it in when it serializes and consumes it when it
 * parses. RESERVED fields are sent as zero and ignored on receipt.
 */
class IkePayload
{
  public:
    /// Octets of the generic payload header.
    static constexpr uint32_t HEADER_SIZE = 4;
    /// Largest body: Payload Length is 16 bits and includes the header.
    static constexpr uint32_t MAX_BODY_SIZE = 65535 - HEADER_SIZE;

    virtual ~IkePayload();

    /// \returns the payload type (e.g. IDI or IDR for an IkeIdPayload)
    IkePayloadType GetType() const;

    /// \returns the critical bit as received or set (RFC 7296 types are sent with 0)
    bool IsCritical() const;

    /// \param critical the critical bit to send
    void SetCritical(bool critical);

    /// \returns octets on the wire: HEADER_SIZE + body
    uint32_t GetSerializedSize() const;

    /**
     * \brief Appends the generic header and the body.
     * \param next the type of the payload that follows (NONE for the last one)
     * \param out the message being written
     * \throws std::length_error if the body exceeds MAX_BODY_SIZE
     */
    void Serialize(IkePayloadType next, Bytes& out) const;

    /// \returns the body alone, e.g. RestOfInitIDPayload of an ID payload (RFC 7296 2.15)
    Bytes SerializeBody() const;

    /**
     * \brief Parses a received body (the octets after the generic header, Payload Length - 4).
     *
     * Never throws on bad input. On failure the payload's content is unspecified.
     *
     * \param body the first octet of the body
     * \param size octets of the body
     * \returns NONE, PAYLOAD_TOO_SHORT or MALFORMED_PAYLOAD with what was wrong
     */
    IkeParseStatus DeserializeBody(const uint8_t* body, size_t size);

    /// \returns a deep copy
    virtual std::unique_ptr<IkePayload> Clone() const = 0;

    /**
     * \brief Prints the payload on one line, e.g. "N(SA_RESOURCE_INFO)".
     * \param os the stream
     */
    virtual void Print(std::ostream& os) const = 0;

    /// \returns what Print writes
    std::string ToString() const;

    /**
     * \brief Appends payloads, each one's Next Payload octet naming the type of the one after it.
     * \param payloads the payloads, in order
     * \param after the type that follows the last one (NONE, or SK after the cleartext payloads)
     * \param out the message being written
     * \returns the type of the first payload (after, if there is none): the Next Payload of the
     *          IKE header or of the SK payload
     */
    static IkePayloadType SerializeChain(const std::vector<const IkePayload*>& payloads,
                                         IkePayloadType after,
                                         Bytes& out);

    /**
     * \brief Creates an empty payload of the class that parses a received type: SA, KE, IDi/IDr,
     * AUTH, Nonce, N, D, V, TSi/TSr; an IkeRawPayload for every other type (CERT, CP, EAP and
     * types this module does not know). Not for SK, which IkeMessage handles itself.
     * \param type the type from the previous Next Payload field
     * \returns the payload
     */
    static std::unique_ptr<IkePayload> Create(IkePayloadType type);

  protected:
    /// \param type the payload type
    explicit IkePayload(IkePayloadType type);

    IkePayload(const IkePayload&) = default;
    IkePayload& operator=(const IkePayload&) = default;

    /// \param type the payload type, for classes that serve two types (IDi/IDr, TSi/TSr)
    void SetType(IkePayloadType type);

    /**
     * \brief Appends the body.
     * \param out the message being written
     */
    virtual void DoSerializeBody(Bytes& out) const = 0;

    /**
     * \brief Parses the body; must not read outside [body, body + size) nor throw.
     * \param body the first octet of the body
     * \param size octets of the body
     * \returns NONE or the error
     */
    virtual IkeParseStatus DoDeserializeBody(const uint8_t* body, size_t size) = 0;

    /**
     * \param error the error
     * \param what what was wrong
     * \returns a status naming this payload's type before what
     */
    IkeParseStatus Fail(IkeParseError error, const std::string& what) const;

  private:
    IkePayloadType m_type; ///< the payload type
    bool m_critical;       ///< the critical bit
};

/**
 * \brief Prints payload.Print().
 * \param os the stream
 * \param payload the payload
 * \returns os
 */
std::ostream& operator<<(std::ostream& os, const IkePayload& payload);

} // namespace ns3

#endif /* IPSEC_IKE_PAYLOAD_H */
