/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_CURVE25519_DIFFIE_HELLMAN_H
#define IPSEC_CURVE25519_DIFFIE_HELLMAN_H

#include "diffie-hellman.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief X25519 key exchange, IKEv2 group 31 (RFC 8031, RFC 7748).
 *
 * The KE payload data and g^ir are 32-octet little-endian u-coordinates. The private key is a
 * 32-octet scalar that X25519 clamps. A peer value of small order (all-zero secret) is rejected.
 */
class Curve25519DiffieHellman : public DiffieHellman
{
  public:
    /**
     * \param privateKey the 32-octet scalar
     * \throws std::invalid_argument if privateKey is not 32 octets
     */
    explicit Curve25519DiffieHellman(const Bytes& privateKey);

    /**
     * \param rng the source of the private key
     * \returns a party with a fresh private key
     */
    static std::unique_ptr<Curve25519DiffieHellman> Generate(CryptoPP::RandomNumberGenerator& rng);

  protected:
    bool DoComputeSharedSecret(const Bytes& peerPublic, Bytes& sharedSecret) const override;

  private:
    /**
     * \param privateKey the 32-octet scalar
     * \returns X25519(privateKey, 9)
     * \throws std::invalid_argument if privateKey is not 32 octets
     */
    static Bytes PublicFromPrivate(const Bytes& privateKey);

    Bytes m_privateKey; ///< the scalar
};

} // namespace ns3

#endif /* IPSEC_CURVE25519_DIFFIE_HELLMAN_H */
