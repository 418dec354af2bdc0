/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_CIPHER_SUITE_H
#define IPSEC_CIPHER_SUITE_H

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/// Encryption algorithms: IANA IKEv2 transform type 1 (ENCR) identifiers.
enum class EncrAlgorithm : uint16_t
{
    AES_CBC = 12,           ///< ENCR_AES_CBC (RFC 3602)
    AES_GCM_16 = 20,        ///< ENCR_AES_GCM_16 (RFC 4106, RFC 5282), 16-octet ICV
    CHACHA20_POLY1305 = 28, ///< ENCR_CHACHA20_POLY1305 (RFC 7634)
};

/// Integrity algorithms: IANA IKEv2 transform type 3 (INTEG) identifiers.
enum class IntegAlgorithm : uint16_t
{
    NONE = 0,               ///< none (with an AEAD cipher)
    HMAC_SHA2_256_128 = 12, ///< AUTH_HMAC_SHA2_256_128 (RFC 4868)
};

/**
 * \ingroup ipsec
 * \brief An ESP or IKE SK-payload protection suite: an encryption algorithm, its key size and an
 * integrity algorithm, with the sizes and names that follow from them.
 *
 * The supported suites are the strongSwan proposal keywords listed by Keywords(). Sizes follow
 * RFC 4106 / RFC 5282 / RFC 7634 (AEAD keys carry a 4-octet salt) and RFC 3602 / RFC 4868.
 */
struct CipherSuite
{
    EncrAlgorithm encr;   ///< encryption transform
    uint16_t keyBits;     ///< encryption key length in bits, without the salt (256 for ChaCha20)
    IntegAlgorithm integ; ///< integrity transform (NONE for AEAD)

    /**
     * \brief Parses a strongSwan ESP proposal keyword.
     * \param keyword one of Keywords(): "aes128gcm16", "aes256gcm16", "chacha20poly1305",
     *        "aes128-sha256" or "aes256-sha256" (AES-CBC with HMAC-SHA2-256-128)
     * \returns the suite
     * \throws std::invalid_argument naming the keyword and listing the accepted ones
     */
    static CipherSuite FromKeyword(const std::string& keyword);

    /// \returns the keywords FromKeyword accepts
    static std::vector<std::string> Keywords();

    /// \returns the strongSwan keyword of this suite (the inverse of FromKeyword)
    std::string Keyword() const;

    /// \returns true if this suite is one of those Keywords() names (Cipher::Create needs that)
    bool IsSupported() const;

    /// \returns true for AES-GCM and ChaCha20-Poly1305 (no separate integrity transform)
    bool IsAead() const;

    /// \returns KEYMAT octets for encryption, including the 4-octet salt of AES-GCM and
    ///          ChaCha20-Poly1305 (20, 36, 36; AES-CBC 16, 32)
    uint32_t EncrKeyBytes() const;

    /// \returns KEYMAT octets for integrity: 32 for HMAC-SHA2-256-128, 0 for AEAD
    uint32_t IntegKeyBytes() const;

    /// \returns octets of the explicit IV in each packet: 8 for AEAD, 16 for AES-CBC
    uint32_t IvSize() const;

    /// \returns the cipher block size that padding must reach: 16 for AES-CBC, 1 for AEAD (the
    ///          ESP trailer's 4-octet alignment is the ESP code's business)
    uint32_t BlockSize() const;

    /// \returns octets of the ICV: 16 for every supported suite
    uint32_t IcvSize() const;

    /// \returns the tshark 4.0 esp_sa encryption name, or "" if tshark cannot decrypt the suite
    ///          (ChaCha20-Poly1305)
    std::string WiresharkEspEncryption() const;

    /// \returns the tshark 4.0 esp_sa authentication name ("NULL" for AES-GCM), or "" if tshark
    ///          cannot decrypt the suite
    std::string WiresharkEspAuthentication() const;

    /// \returns the tshark 4.0 ikev2_decryption_table encryption name, or "" if tshark cannot
    ///          decrypt the suite
    std::string WiresharkIkeEncryption() const;

    /// \returns the tshark 4.0 ikev2_decryption_table integrity name ("NONE [RFC4306]" for
    ///          AES-GCM), or "" if tshark cannot decrypt the suite
    std::string WiresharkIkeIntegrity() const;

    /**
     * \param other another suite
     * \returns true if the algorithms and key sizes are equal
     */
    bool operator==(const CipherSuite& other) const;

    /**
     * \param other another suite
     * \returns true if the suites differ
     */
    bool operator!=(const CipherSuite& other) const;
};

/**
 * \brief Prints the suite's keyword (or its raw fields if it is not supported).
 * \param os the stream
 * \param suite the suite
 * \returns os
 */
std::ostream& operator<<(std::ostream& os, const CipherSuite& suite);

} // namespace ns3

#endif /* IPSEC_CIPHER_SUITE_H */
