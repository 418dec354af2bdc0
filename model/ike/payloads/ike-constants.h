/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_CONSTANTS_H
#define IPSEC_IKE_CONSTANTS_H

#include <cstdint>
#include <ostream>
#include <string>

/**
 * \file
 * \ingroup ipsec
 * IKEv2 code points (RFC 7296 and the IANA IKEv2 registries, as strongSwan and libreswan carry
 * them; RFC 9611 for SA_RESOURCE_INFO and TS_MAX_QUEUE) and their names.
 *
 * The transform IDs that the module implements are EncrAlgorithm, IntegAlgorithm (cipher-suite.h),
 * PrfAlgorithm (prf.h) and DhGroup (diffie-hellman.h); IkeTransformIdToString names those and the
 * other common IDs a peer may offer.
 */

namespace ns3
{

/// UDP port of IKE (RFC 7296 section 2).
constexpr uint16_t IKE_UDP_PORT = 500;
/// UDP port of IKE and ESP after NAT detection (RFC 3947, RFC 7296 section 2.23).
constexpr uint16_t IKE_NATT_UDP_PORT = 4500;

/// Major version of IKEv2 (the high nibble of the version octet).
constexpr uint8_t IKE_MAJOR_VERSION = 2;
/// The version octet every IKEv2 message carries: major 2, minor 0.
constexpr uint8_t IKE_VERSION = 0x20;

/// Header flag I: set in every message from the original initiator of the IKE SA.
constexpr uint8_t IKE_FLAG_INITIATOR = 0x08;
/// Header flag V: the sender can speak a higher major version (never set by IKEv2-only peers).
constexpr uint8_t IKE_FLAG_VERSION = 0x10;
/// Header flag R: the message is a response.
constexpr uint8_t IKE_FLAG_RESPONSE = 0x20;

/// Critical bit of the generic payload header's second octet.
constexpr uint8_t IKE_PAYLOAD_CRITICAL = 0x80;

/// Transform attribute type Key Length (RFC 7296 section 3.3.5), always sent as TV.
constexpr uint16_t IKE_ATTRIBUTE_KEY_LENGTH = 14;

/// Exchange types (RFC 7296 section 3.1, IANA "IKEv2 Exchange Types").
enum class IkeExchangeType : uint8_t
{
    IKE_SA_INIT = 34,
    IKE_AUTH = 35,
    CREATE_CHILD_SA = 36,
    INFORMATIONAL = 37,
    IKE_SESSION_RESUME = 38, ///< RFC 5723
    IKE_INTERMEDIATE = 43,   ///< RFC 9242
    IKE_FOLLOWUP_KE = 44,    ///< RFC 9370
};

/// Payload types (RFC 7296 section 3.2, IANA "IKEv2 Payload Types").
enum class IkePayloadType : uint8_t
{
    NONE = 0,       ///< No Next Payload
    SA = 33,        ///< Security Association
    KE = 34,        ///< Key Exchange
    IDI = 35,       ///< Identification - Initiator
    IDR = 36,       ///< Identification - Responder
    CERT = 37,      ///< Certificate
    CERTREQ = 38,   ///< Certificate Request
    AUTH = 39,      ///< Authentication
    NONCE = 40,     ///< Nonce (Ni, Nr)
    NOTIFY = 41,    ///< Notify (N)
    DELETE = 42,    ///< Delete (D)
    VENDOR_ID = 43, ///< Vendor ID (V)
    TSI = 44,       ///< Traffic Selector - Initiator
    TSR = 45,       ///< Traffic Selector - Responder
    SK = 46,        ///< Encrypted and Authenticated
    CP = 47,        ///< Configuration
    EAP = 48,       ///< Extensible Authentication
    SKF = 53,       ///< Encrypted and Authenticated Fragment (RFC 7383)
};

/**
 * Notify message types (RFC 7296 section 3.10.1, IANA "IKEv2 Notify Message Types"). Types below
 * 16384 report errors, the others status.
 */
enum class IkeNotifyType : uint16_t
{
    // Errors
    UNSUPPORTED_CRITICAL_PAYLOAD = 1,
    INVALID_IKE_SPI = 4,
    INVALID_MAJOR_VERSION = 5,
    INVALID_SYNTAX = 7,
    INVALID_MESSAGE_ID = 9,
    INVALID_SPI = 11,
    NO_PROPOSAL_CHOSEN = 14,
    INVALID_KE_PAYLOAD = 17,
    AUTHENTICATION_FAILED = 24,
    SINGLE_PAIR_REQUIRED = 34,
    NO_ADDITIONAL_SAS = 35,
    INTERNAL_ADDRESS_FAILURE = 36,
    FAILED_CP_REQUIRED = 37,
    TS_UNACCEPTABLE = 38,
    INVALID_SELECTORS = 39,
    TEMPORARY_FAILURE = 43,
    CHILD_SA_NOT_FOUND = 44,
    STATE_NOT_FOUND = 47, ///< RFC 9370
    TS_MAX_QUEUE = 48,    ///< RFC 9611: no more per-resource Child SAs for these selectors
    // Status
    INITIAL_CONTACT = 16384,
    SET_WINDOW_SIZE = 16385,
    ADDITIONAL_TS_POSSIBLE = 16386,
    IPCOMP_SUPPORTED = 16387,
    NAT_DETECTION_SOURCE_IP = 16388,
    NAT_DETECTION_DESTINATION_IP = 16389,
    COOKIE = 16390,
    USE_TRANSPORT_MODE = 16391,
    HTTP_CERT_LOOKUP_SUPPORTED = 16392,
    REKEY_SA = 16393,
    ESP_TFC_PADDING_NOT_SUPPORTED = 16394,
    NON_FIRST_FRAGMENTS_ALSO = 16395,
    IKEV2_FRAGMENTATION_SUPPORTED = 16430, ///< RFC 7383
    SIGNATURE_HASH_ALGORITHMS = 16431,     ///< RFC 7427
    SA_RESOURCE_INFO = 16444,              ///< RFC 9611: Child SA of a per-resource group
};

/// First notify type of the status range (RFC 7296 section 3.10.1).
constexpr uint16_t IKE_NOTIFY_STATUS_MIN = 16384;

/**
 * \param type a notify type
 * \returns true for error types (0 - 16383): an unrecognized one in a response means that the
 *          request failed entirely (RFC 7296 section 3.10.1)
 */
bool IsErrorNotify(IkeNotifyType type);

/// Transform types (RFC 7296 section 3.3.2; 4 is "Key Exchange Method" since RFC 9370).
enum class IkeTransformType : uint8_t
{
    ENCR = 1,  ///< Encryption Algorithm
    PRF = 2,   ///< Pseudorandom Function
    INTEG = 3, ///< Integrity Algorithm
    DH = 4,    ///< Diffie-Hellman group
    ESN = 5,   ///< Extended Sequence Numbers
};

/// Transform IDs of transform type 5 (ESN).
enum class IkeEsn : uint16_t
{
    NO_ESN = 0,
    ESN = 1,
};

/// Security protocol identifiers (RFC 7296 section 3.3.1); NONE where no SPI is carried.
enum class IkeProtocolId : uint8_t
{
    NONE = 0,
    IKE = 1,
    AH = 2,
    ESP = 3,
};

/// Identification types (RFC 7296 section 3.5; ID_NULL from RFC 7619).
enum class IkeIdType : uint8_t
{
    ID_IPV4_ADDR = 1,
    ID_FQDN = 2,
    ID_RFC822_ADDR = 3,
    ID_IPV6_ADDR = 5,
    ID_DER_ASN1_DN = 9,
    ID_DER_ASN1_GN = 10,
    ID_KEY_ID = 11,
    ID_NULL = 13,
};

/// Authentication methods (RFC 7296 section 3.8, RFC 4754, RFC 7619, RFC 7427).
enum class IkeAuthMethod : uint8_t
{
    RSA_DIGITAL_SIGNATURE = 1,
    SHARED_KEY_MIC = 2, ///< Shared Key Message Integrity Code (PSK)
    DSS_DIGITAL_SIGNATURE = 3,
    ECDSA_SHA256_P256 = 9,
    ECDSA_SHA384_P384 = 10,
    ECDSA_SHA512_P521 = 11,
    NULL_AUTH = 13,
    DIGITAL_SIGNATURE = 14,
};

/// Traffic selector types (RFC 7296 section 3.13.1).
enum class IkeTsType : uint8_t
{
    TS_IPV4_ADDR_RANGE = 7,
    TS_IPV6_ADDR_RANGE = 8,
};

/**
 * \param type a payload type
 * \returns true for the payload types of RFC 7296 (33 to 48): a receiver understands them, so
 *          their critical bit is ignored
 */
bool IsRfc7296PayloadType(IkePayloadType type);

/// \returns e.g. "IKE_SA_INIT", or "EXCHANGE_TYPE_99" for an unknown value
std::string ToString(IkeExchangeType type);
/// \returns e.g. "SA", "IDi", "SK", "NONE", or "PAYLOAD_TYPE_99"
std::string ToString(IkePayloadType type);
/// \returns e.g. "SA_RESOURCE_INFO", or "NOTIFY_TYPE_99"
std::string ToString(IkeNotifyType type);
/// \returns e.g. "ENCR", or "TRANSFORM_TYPE_9"
std::string ToString(IkeTransformType type);
/// \returns e.g. "ESP", or "PROTOCOL_9"
std::string ToString(IkeProtocolId id);
/// \returns e.g. "ID_FQDN", or "ID_TYPE_99"
std::string ToString(IkeIdType type);
/// \returns e.g. "SHARED_KEY_MIC", or "AUTH_METHOD_99"
std::string ToString(IkeAuthMethod method);
/// \returns e.g. "TS_IPV4_ADDR_RANGE", or "TS_TYPE_99"
std::string ToString(IkeTsType type);

/**
 * \param type the transform type
 * \param id the transform ID
 * \returns the IANA name, e.g. "ENCR_AES_GCM_16", "PRF_HMAC_SHA2_256", "AUTH_HMAC_SHA2_256_128",
 *          "CURVE_25519", "ESN"; or e.g. "ENCR_99" for an ID without a name here
 */
std::string IkeTransformIdToString(IkeTransformType type, uint16_t id);

/**
 * \brief Prints ToString(type).
 * \param os the stream
 * \param type the exchange type
 * \returns os
 */
std::ostream& operator<<(std::ostream& os, IkeExchangeType type);

/**
 * \brief Prints ToString(type).
 * \param os the stream
 * \param type the payload type
 * \returns os
 */
std::ostream& operator<<(std::ostream& os, IkePayloadType type);

/**
 * \brief Prints ToString(type).
 * \param os the stream
 * \param type the notify type
 * \returns os
 */
std::ostream& operator<<(std::ostream& os, IkeNotifyType type);

} // namespace ns3

#endif /* IPSEC_IKE_CONSTANTS_H */
