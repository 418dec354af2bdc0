/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_PROPOSAL_H
#define IPSEC_IKE_PROPOSAL_H

#include "ike-constants.h"
#include "ike-parse-status.h"

#include "ns3/cipher-suite.h"
#include "ns3/crypto-bytes.h"
#include "ns3/diffie-hellman.h"
#include "ns3/prf.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

class IkeWireReader;

/**
 * \ingroup ipsec
 * \brief A Data Attribute of a transform (RFC 7296 section 3.3.5): TV (AF = 1, a 2-octet value)
 * or TLV (AF = 0, a variable value). The only one RFC 7296 defines is Key Length (14, TV).
 */
struct IkeTransformAttribute
{
    uint16_t type{IKE_ATTRIBUTE_KEY_LENGTH}; ///< Attribute Type (15 bits)
    bool tv{true};                           ///< AF: true for TV, false for TLV
    uint16_t value{0};                       ///< the value of a TV attribute
    Bytes data;                              ///< the value of a TLV attribute

    /// \param bits the key length \returns the Key Length attribute `80 0E <bits>`
    static IkeTransformAttribute KeyLength(uint16_t bits);

    /// \param other another attribute \returns true if the fields that are sent are equal
    bool operator==(const IkeTransformAttribute& other) const;
};

/**
 * \ingroup ipsec
 * \brief A Transform substructure (RFC 7296 section 3.3.2): Transform Type, Transform ID and
 * attributes. IDs are the wire numbers, so that offers this module does not implement can be
 * parsed, printed and declined.
 */
struct IkeTransform
{
    IkeTransformType type{IkeTransformType::ENCR}; ///< Transform Type
    uint16_t id{0};                                ///< Transform ID
    std::vector<IkeTransformAttribute> attributes; ///< Transform Attributes

    /**
     * \param suite the suite whose encryption algorithm is meant
     * \returns its ENCR transform, with a Key Length attribute except for ChaCha20-Poly1305
     *          (RFC 7634 forbids one)
     */
    static IkeTransform Encr(const CipherSuite& suite);
    /// \param algorithm the PRF \returns its PRF transform
    static IkeTransform Prf(PrfAlgorithm algorithm);
    /// \param algorithm the integrity algorithm \returns its INTEG transform
    static IkeTransform Integ(IntegAlgorithm algorithm);
    /// \param group the group \returns its DH transform
    static IkeTransform Dh(DhGroup group);
    /// \param esn whether extended sequence numbers are meant \returns the ESN transform
    static IkeTransform Esn(bool esn);

    /// \returns the Key Length attribute's value, 0 if there is none
    uint16_t GetKeyLength() const;

    /// \returns e.g. "ENCR_AES_GCM_16/256" or "PRF_HMAC_SHA2_256"
    std::string ToString() const;

    /// \param other another transform \returns true if type, ID and attributes are equal
    bool operator==(const IkeTransform& other) const;
};

/**
 * \ingroup ipsec
 * \brief A Proposal substructure of an SA payload (RFC 7296 section 3.3.1): Proposal Num,
 * Protocol ID, SPI and transforms.
 *
 * SPI sizes (checked on receipt, as strongSwan's proposal_substructure verify() does): ESP and AH
 * 4 octets; IKE none in IKE_SA_INIT and 8 octets in an IKE SA rekey.
 */
class IkeProposal
{
  public:
    /// Octets before the SPI.
    static constexpr uint32_t FIXED_SIZE = 8;

    IkeProposal();

    /**
     * \param number the Proposal Num (1 for the first; the responder keeps the chosen one)
     * \param protocol IKE, ESP or AH
     * \param spi the SPI (none, 4 or 8 octets)
     */
    IkeProposal(uint8_t number, IkeProtocolId protocol, Bytes spi = {});

    /**
     * \brief An IKE proposal: ENCR, INTEG (unless AEAD), PRF and DH, in the order strongSwan's
     * proposal_substructure writes transform types.
     * \param number the Proposal Num
     * \param suite encryption and integrity of the SK payloads
     * \param prf the PRF
     * \param group the DH group
     * \param spi the new IKE SPI for an IKE SA rekey (8 octets), or none in IKE_SA_INIT
     * \returns the proposal
     */
    static IkeProposal ForIke(
        uint8_t number, const CipherSuite& suite, PrfAlgorithm prf, DhGroup group, Bytes spi = {});

    /**
     * \brief An ESP proposal: ENCR, INTEG (unless AEAD), DH (for PFS only) and ESN.
     * \param number the Proposal Num
     * \param spi the sender's inbound SPI
     * \param suite the ESP suite
     * \param esn whether to propose extended sequence numbers
     * \param pfsGroup the DH group of a CREATE_CHILD_SA with PFS; 0 for none
     * \returns the proposal
     */
    static IkeProposal ForEsp(
        uint8_t number, uint32_t spi, const CipherSuite& suite, bool esn, uint16_t pfsGroup = 0);

    /// \returns the Proposal Num
    uint8_t GetNumber() const;
    /// \param number the Proposal Num
    void SetNumber(uint8_t number);
    /// \returns the Protocol ID
    IkeProtocolId GetProtocolId() const;
    /// \param protocol the Protocol ID
    void SetProtocolId(IkeProtocolId protocol);
    /// \returns the SPI
    const Bytes& GetSpi() const;
    /// \param spi the SPI (at most 255 octets)
    void SetSpi(Bytes spi);
    /// \returns a 4-octet SPI as a number (0 otherwise)
    uint32_t GetSpi32() const;
    /// \returns an 8-octet SPI as a number (0 otherwise)
    uint64_t GetSpi64() const;

    /// \param transform appended (at most 255 transforms)
    void AddTransform(IkeTransform transform);
    /// \returns the transforms in order
    const std::vector<IkeTransform>& GetTransforms() const;
    /// \param type a transform type \returns the transforms of that type, in order
    std::vector<IkeTransform> GetTransforms(IkeTransformType type) const;

    /// \returns e.g. "1: IKE ENCR_AES_GCM_16/256, PRF_HMAC_SHA2_256, CURVE_25519"
    std::string ToString() const;

    /// \param other another proposal \returns true if every field is equal
    bool operator==(const IkeProposal& other) const;

    /**
     * \brief Appends the substructure.
     * \param last whether this is the last proposal of its SA payload
     * \param out the message being written
     * \throws std::length_error if it exceeds 65535 octets
     */
    void Serialize(bool last, Bytes& out) const;

    /**
     * \brief Parses one substructure from reader, which it advances.
     * \param reader positioned at the substructure
     * \param last receives whether the Last Substruc octet says it is the last one
     * \returns NONE or MALFORMED_PAYLOAD with the reason (the caller prefixes the payload)
     */
    IkeParseStatus Deserialize(IkeWireReader& reader, bool& last);

  private:
    uint8_t m_number;                       ///< Proposal Num
    IkeProtocolId m_protocol;               ///< Protocol ID
    Bytes m_spi;                            ///< SPI
    std::vector<IkeTransform> m_transforms; ///< transforms
};

} // namespace ns3

#endif /* IPSEC_IKE_PROPOSAL_H */
