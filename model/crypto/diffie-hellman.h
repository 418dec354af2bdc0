/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_DIFFIE_HELLMAN_H
#define IPSEC_DIFFIE_HELLMAN_H

#include "crypto-bytes.h"

#include <cstddef>
#include <cstdint>
#include <memory>

namespace CryptoPP
{
class RandomNumberGenerator;
} // namespace CryptoPP

namespace ns3
{

/// Key exchange groups: IANA IKEv2 transform type 4 (D-H) identifiers.
enum class DhGroup : uint16_t
{
    MODP_2048 = 14,  ///< 2048-bit MODP group (RFC 3526)
    ECP_256 = 19,    ///< 256-bit random ECP group, NIST P-256 (RFC 5903)
    CURVE25519 = 31, ///< Curve25519, X25519 (RFC 8031)
};

/**
 * \ingroup ipsec
 * \brief One side of an IKEv2 Diffie-Hellman exchange: a private key, the public value sent in the
 * KE payload, and the shared secret g^ir computed from the peer's KE payload.
 *
 * One subclass per group family (ModpDiffieHellman, EcpDiffieHellman, Curve25519DiffieHellman);
 * Create picks it. Public values and secrets are in the IKEv2 wire encoding of each group.
 */
class DiffieHellman
{
  public:
    /**
     * \brief Creates a party with a fresh private key.
     * \param group the group
     * \param rng the source of the private key (an Ns3RandomSource, for reproducible runs)
     * \returns the party
     * \throws std::invalid_argument if the group is not one of DhGroup
     */
    static std::unique_ptr<DiffieHellman> Create(DhGroup group,
                                                 CryptoPP::RandomNumberGenerator& rng);

    /**
     * \brief Creates a party with a given private key (for test vectors).
     * \param group the group
     * \param privateKey X25519: the 32-octet scalar (clamped by X25519 itself); ECP-256: 32
     *        octets big-endian, in [1, n-1]; MODP: the big-endian exponent, in [2, p-2]
     * \returns the party
     * \throws std::invalid_argument if the group is unknown or the key has the wrong length or
     *         value
     */
    static std::unique_ptr<DiffieHellman> CreateFromPrivateKey(DhGroup group,
                                                               const Bytes& privateKey);

    virtual ~DiffieHellman();

    DiffieHellman(const DiffieHellman&) = delete;
    DiffieHellman& operator=(const DiffieHellman&) = delete;

    /// \returns the group
    DhGroup Group() const;

    /**
     * \returns the KE payload data: X25519 32 octets (RFC 8031); ECP-256 x | y, 64 octets
     *          (RFC 5903); MODP-2048 256 octets big-endian, zero-padded
     */
    const Bytes& PublicValue() const;

    /**
     * \param group the group
     * \returns octets of the group's KE payload data (256, 64, 32)
     * \throws std::invalid_argument if the group is not one of DhGroup
     */
    static size_t PublicValueSize(DhGroup group);

    /**
     * \brief Computes g^ir as used in SKEYSEED and PFS KEYMAT.
     *
     * X25519: 32 octets; ECP-256: the x-coordinate, 32 octets; MODP-2048: 256 octets zero-padded.
     * Never throws.
     *
     * \param peerPublic the peer's KE payload data
     * \param sharedSecret receives g^ir (untouched on failure)
     * \returns false if peerPublic has the wrong length or is invalid: a point not on the curve,
     *          an X25519 value that gives the all-zero secret, a MODP value <= 1 or >= p-1
     */
    bool ComputeSharedSecret(const Bytes& peerPublic, Bytes& sharedSecret) const;

  protected:
    /**
     * \param group the group
     * \param publicValue the KE payload data that goes with the private key
     */
    DiffieHellman(DhGroup group, Bytes publicValue);

    /**
     * \brief Computes g^ir; peerPublic has PublicValueSize(Group()) octets. May throw: the
     * caller turns exceptions into false.
     * \param peerPublic the peer's KE payload data
     * \param sharedSecret receives g^ir
     * \returns false if peerPublic is invalid
     */
    virtual bool DoComputeSharedSecret(const Bytes& peerPublic, Bytes& sharedSecret) const = 0;

  private:
    DhGroup m_group;     ///< the group
    Bytes m_publicValue; ///< the KE payload data
};

} // namespace ns3

#endif /* IPSEC_DIFFIE_HELLMAN_H */
