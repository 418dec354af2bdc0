/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-constants.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeConstants");

namespace
{

/// A code point and its name.
struct Name
{
    uint16_t value;   ///< the code point
    const char* name; ///< its name
};

/**
 * \param table the names
 * \param value a code point
 * \param fallback prefix for a value without a name
 * \returns the name of value, or fallback followed by the number
 */
template<size_t N>
std::string
Lookup(const Name (&table)[N], uint16_t value, const char* fallback)
{
    for (const auto& entry : table)
    {
        if (entry.value == value)
        {
            return entry.name;
        }
    }
    return std::string(fallback) + std::to_string(value);
}

const Name EXCHANGE_NAMES[] = {
    {34, "IKE_SA_INIT"},
    {35, "IKE_AUTH"},
    {36, "CREATE_CHILD_SA"},
    {37, "INFORMATIONAL"},
    {38, "IKE_SESSION_RESUME"},
    {43, "IKE_INTERMEDIATE"},
    {44, "IKE_FOLLOWUP_KE"},
};

// The notation of RFC 7296 section 3.2.
const Name PAYLOAD_NAMES[] = {
    {0, "NONE"},
    {33, "SA"},
    {34, "KE"},
    {35, "IDi"},
    {36, "IDr"},
    {37, "CERT"},
    {38, "CERTREQ"},
    {39, "AUTH"},
    {40, "Nonce"},
    {41, "N"},
    {42, "D"},
    {43, "V"},
    {44, "TSi"},
    {45, "TSr"},
    {46, "SK"},
    {47, "CP"},
    {48, "EAP"},
    {53, "SKF"},
};

const Name NOTIFY_NAMES[] = {
    {1, "UNSUPPORTED_CRITICAL_PAYLOAD"},
    {4, "INVALID_IKE_SPI"},
    {5, "INVALID_MAJOR_VERSION"},
    {7, "INVALID_SYNTAX"},
    {9, "INVALID_MESSAGE_ID"},
    {11, "INVALID_SPI"},
    {14, "NO_PROPOSAL_CHOSEN"},
    {17, "INVALID_KE_PAYLOAD"},
    {24, "AUTHENTICATION_FAILED"},
    {34, "SINGLE_PAIR_REQUIRED"},
    {35, "NO_ADDITIONAL_SAS"},
    {36, "INTERNAL_ADDRESS_FAILURE"},
    {37, "FAILED_CP_REQUIRED"},
    {38, "TS_UNACCEPTABLE"},
    {39, "INVALID_SELECTORS"},
    {43, "TEMPORARY_FAILURE"},
    {44, "CHILD_SA_NOT_FOUND"},
    {47, "STATE_NOT_FOUND"},
    {48, "TS_MAX_QUEUE"},
    {16384, "INITIAL_CONTACT"},
    {16385, "SET_WINDOW_SIZE"},
    {16386, "ADDITIONAL_TS_POSSIBLE"},
    {16387, "IPCOMP_SUPPORTED"},
    {16388, "NAT_DETECTION_SOURCE_IP"},
    {16389, "NAT_DETECTION_DESTINATION_IP"},
    {16390, "COOKIE"},
    {16391, "USE_TRANSPORT_MODE"},
    {16392, "HTTP_CERT_LOOKUP_SUPPORTED"},
    {16393, "REKEY_SA"},
    {16394, "ESP_TFC_PADDING_NOT_SUPPORTED"},
    {16395, "NON_FIRST_FRAGMENTS_ALSO"},
    {16430, "IKEV2_FRAGMENTATION_SUPPORTED"},
    {16431, "SIGNATURE_HASH_ALGORITHMS"},
    {16444, "SA_RESOURCE_INFO"},
};

const Name TRANSFORM_TYPE_NAMES[] = {
    {1, "ENCR"},
    {2, "PRF"},
    {3, "INTEG"},
    {4, "DH"},
    {5, "ESN"},
};

const Name PROTOCOL_NAMES[] = {
    {0, "NONE"},
    {1, "IKE"},
    {2, "AH"},
    {3, "ESP"},
};

const Name ID_TYPE_NAMES[] = {
    {1, "ID_IPV4_ADDR"},
    {2, "ID_FQDN"},
    {3, "ID_RFC822_ADDR"},
    {5, "ID_IPV6_ADDR"},
    {9, "ID_DER_ASN1_DN"},
    {10, "ID_DER_ASN1_GN"},
    {11, "ID_KEY_ID"},
    {13, "ID_NULL"},
};

const Name AUTH_METHOD_NAMES[] = {
    {1, "RSA_DIGITAL_SIGNATURE"},
    {2, "SHARED_KEY_MIC"},
    {3, "DSS_DIGITAL_SIGNATURE"},
    {9, "ECDSA_SHA256_P256"},
    {10, "ECDSA_SHA384_P384"},
    {11, "ECDSA_SHA512_P521"},
    {13, "NULL_AUTH"},
    {14, "DIGITAL_SIGNATURE"},
};

const Name TS_TYPE_NAMES[] = {
    {7, "TS_IPV4_ADDR_RANGE"},
    {8, "TS_IPV6_ADDR_RANGE"},
};

// IANA "Transform Type 1 - Encryption Algorithm Transform IDs" (common subset).
const Name ENCR_NAMES[] = {
    {3, "ENCR_3DES"},
    {11, "ENCR_NULL"},
    {12, "ENCR_AES_CBC"},
    {13, "ENCR_AES_CTR"},
    {14, "ENCR_AES_CCM_8"},
    {15, "ENCR_AES_CCM_12"},
    {16, "ENCR_AES_CCM_16"},
    {18, "ENCR_AES_GCM_8"},
    {19, "ENCR_AES_GCM_12"},
    {20, "ENCR_AES_GCM_16"},
    {28, "ENCR_CHACHA20_POLY1305"},
};

const Name PRF_NAMES[] = {
    {1, "PRF_HMAC_MD5"},
    {2, "PRF_HMAC_SHA1"},
    {4, "PRF_AES128_XCBC"},
    {5, "PRF_HMAC_SHA2_256"},
    {6, "PRF_HMAC_SHA2_384"},
    {7, "PRF_HMAC_SHA2_512"},
    {8, "PRF_AES128_CMAC"},
};

const Name INTEG_NAMES[] = {
    {0, "NONE"},
    {1, "AUTH_HMAC_MD5_96"},
    {2, "AUTH_HMAC_SHA1_96"},
    {5, "AUTH_AES_XCBC_96"},
    {12, "AUTH_HMAC_SHA2_256_128"},
    {13, "AUTH_HMAC_SHA2_384_192"},
    {14, "AUTH_HMAC_SHA2_512_256"},
};

const Name DH_NAMES[] = {
    {0, "NONE"},
    {2, "MODP_1024"},
    {14, "MODP_2048"},
    {15, "MODP_3072"},
    {16, "MODP_4096"},
    {19, "ECP_256"},
    {20, "ECP_384"},
    {21, "ECP_521"},
    {31, "CURVE_25519"},
    {32, "CURVE_448"},
};

const Name ESN_NAMES[] = {
    {0, "NO_ESN"},
    {1, "ESN"},
};

} // namespace

bool
IsErrorNotify(IkeNotifyType type)
{
    return static_cast<uint16_t>(type) < IKE_NOTIFY_STATUS_MIN;
}

bool
IsRfc7296PayloadType(IkePayloadType type)
{
    auto value = static_cast<uint8_t>(type);
    return value >= static_cast<uint8_t>(IkePayloadType::SA)
           && value <= static_cast<uint8_t>(IkePayloadType::EAP);
}

std::string
ToString(IkeExchangeType type)
{
    return Lookup(EXCHANGE_NAMES, static_cast<uint8_t>(type), "EXCHANGE_TYPE_");
}

std::string
ToString(IkePayloadType type)
{
    return Lookup(PAYLOAD_NAMES, static_cast<uint8_t>(type), "PAYLOAD_TYPE_");
}

std::string
ToString(IkeNotifyType type)
{
    return Lookup(NOTIFY_NAMES, static_cast<uint16_t>(type), "NOTIFY_TYPE_");
}

std::string
ToString(IkeTransformType type)
{
    return Lookup(TRANSFORM_TYPE_NAMES, static_cast<uint8_t>(type), "TRANSFORM_TYPE_");
}

std::string
ToString(IkeProtocolId id)
{
    return Lookup(PROTOCOL_NAMES, static_cast<uint8_t>(id), "PROTOCOL_");
}

std::string
ToString(IkeIdType type)
{
    return Lookup(ID_TYPE_NAMES, static_cast<uint8_t>(type), "ID_TYPE_");
}

std::string
ToString(IkeAuthMethod method)
{
    return Lookup(AUTH_METHOD_NAMES, static_cast<uint8_t>(method), "AUTH_METHOD_");
}

std::string
ToString(IkeTsType type)
{
    return Lookup(TS_TYPE_NAMES, static_cast<uint8_t>(type), "TS_TYPE_");
}

std::string
IkeTransformIdToString(IkeTransformType type, uint16_t id)
{
    switch (type)
    {
        case IkeTransformType::ENCR:
            return Lookup(ENCR_NAMES, id, "ENCR_");
        case IkeTransformType::PRF:
            return Lookup(PRF_NAMES, id, "PRF_");
        case IkeTransformType::INTEG:
            return Lookup(INTEG_NAMES, id, "INTEG_");
        case IkeTransformType::DH:
            return Lookup(DH_NAMES, id, "DH_");
        case IkeTransformType::ESN:
            return Lookup(ESN_NAMES, id, "ESN_");
    }
    return ToString(type) + "_" + std::to_string(id);
}

std::ostream&
operator<<(std::ostream& os, IkeExchangeType type)
{
    return os << ToString(type);
}

std::ostream&
operator<<(std::ostream& os, IkePayloadType type)
{
    return os << ToString(type);
}

std::ostream&
operator<<(std::ostream& os, IkeNotifyType type)
{
    return os << ToString(type);
}

} // namespace ns3
