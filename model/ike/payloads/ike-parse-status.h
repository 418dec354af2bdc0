/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_PARSE_STATUS_H
#define IPSEC_IKE_PARSE_STATUS_H

#include "ike-constants.h"

#include <cstdint>
#include <ostream>
#include <string>

namespace ns3
{

/// Why a received IKE message (or one of its payloads) was refused.
enum class IkeParseError : uint8_t
{
    NONE = 0,                     ///< parsed
    TRUNCATED_HEADER,             ///< fewer than 28 octets
    UNSUPPORTED_MAJOR_VERSION,    ///< major version is not 2
    LENGTH_MISMATCH,              ///< header Length differs from the octets received
    BAD_PAYLOAD_LENGTH,           ///< a payload header is cut off, or its Payload Length is
                                  ///< below 4 or reaches past its enclosing data
    PAYLOAD_TOO_SHORT,            ///< a payload body is below its type's minimum size
    MALFORMED_PAYLOAD,            ///< a payload body contradicts itself or RFC 7296's rules
    TRAILING_DATA,                ///< octets left after the last payload of the chain
    SK_NOT_LAST,                  ///< octets follow the Encrypted (SK) payload
    NESTED_SK,                    ///< an SK payload inside the SK payload
    UNSUPPORTED_CRITICAL_PAYLOAD, ///< an unknown payload type with the critical bit set
    BAD_ENCRYPTED_LENGTH,         ///< the SK body cannot hold IV, one block and the ICV
    INTEGRITY_CHECK_FAILED,       ///< the ICV of the SK payload does not verify
    BAD_PADDING,                  ///< the decrypted Pad Length exceeds the plaintext
};

/**
 * \param error an error
 * \returns its name, e.g. "INTEGRITY_CHECK_FAILED"
 */
std::string ToString(IkeParseError error);

/**
 * \brief Prints ToString(error).
 * \param os the stream
 * \param error the error
 * \returns os
 */
std::ostream& operator<<(std::ostream& os, IkeParseError error);

/**
 * \ingroup ipsec
 * \brief The outcome of parsing or decrypting an IKE message: NONE, or an error code with a
 * sentence that says what was wrong and where.
 *
 * Parsing never throws on bad input; it returns one of these. For UNSUPPORTED_CRITICAL_PAYLOAD
 * GetPayloadType() is the type to put in the UNSUPPORTED_CRITICAL_PAYLOAD notify (RFC 7296
 * section 2.5). GetSuggestedNotify() names the error notify RFC 7296 associates with the error,
 * for the exchange code to decide whether to send it.
 */
class IkeParseStatus
{
  public:
    /// A success.
    IkeParseStatus();

    /**
     * \param error the error (NONE for success)
     * \param detail what was wrong and where, for logs and test messages
     * \param payloadType the payload concerned (NONE if none)
     */
    IkeParseStatus(IkeParseError error,
                   std::string detail,
                   IkePayloadType payloadType = IkePayloadType::NONE);

    /// \returns true if the message was accepted
    bool IsOk() const;

    /// \returns the error (NONE on success)
    IkeParseError GetError() const;

    /// \returns the detail text ("" on success)
    const std::string& GetDetail() const;

    /// \returns the payload concerned, e.g. the unsupported critical payload's type
    IkePayloadType GetPayloadType() const;

    /**
     * \returns the error notify for a reply, if one is sent: INVALID_MAJOR_VERSION,
     *          UNSUPPORTED_CRITICAL_PAYLOAD, or INVALID_SYNTAX for a malformed message.
     *          INTEGRITY_CHECK_FAILED gives INVALID_SYNTAX too, but RFC 7296 section 2.21.2
     *          wants such messages dropped without a reply (0 is returned for NONE).
     */
    IkeNotifyType GetSuggestedNotify() const;

    /// \returns e.g. "MALFORMED_PAYLOAD: SA proposal 1: ..." or "OK"
    std::string ToString() const;

  private:
    IkeParseError m_error;        ///< the error
    std::string m_detail;         ///< what and where
    IkePayloadType m_payloadType; ///< the payload concerned
};

/**
 * \brief Prints status.ToString().
 * \param os the stream
 * \param status the status
 * \returns os
 */
std::ostream& operator<<(std::ostream& os, const IkeParseStatus& status);

} // namespace ns3

#endif /* IPSEC_IKE_PARSE_STATUS_H */
