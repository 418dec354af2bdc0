/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_MODP_DIFFIE_HELLMAN_H
#define IPSEC_MODP_DIFFIE_HELLMAN_H

#include "diffie-hellman.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Finite-field Diffie-Hellman over the 2048-bit MODP group, IKEv2 group 14 (RFC 3526,
 * generator 2).
 *
 * The KE payload data and g^ir are 256 octets, big-endian and zero-padded. Fresh private keys are
 * 256-bit exponents (twice the group's 112-bit strength, as RFC 3526 suggests). Peer values
 * outside [2, p-2] are rejected.
 */
class ModpDiffieHellman : public DiffieHellman
{
  public:
    /**
     * \param privateKey the big-endian exponent (at most 256 octets), in [2, p-2]
     * \throws std::invalid_argument if privateKey has the wrong length or value
     */
    explicit ModpDiffieHellman(const Bytes& privateKey);

    /**
     * \param rng the source of the private key
     * \returns a party with a fresh 256-bit private exponent
     */
    static std::unique_ptr<ModpDiffieHellman> Generate(CryptoPP::RandomNumberGenerator& rng);

  protected:
    bool DoComputeSharedSecret(const Bytes& peerPublic, Bytes& sharedSecret) const override;

  private:
    /**
     * \param privateKey the big-endian exponent
     * \returns 2^privateKey mod p, 256 octets
     * \throws std::invalid_argument if privateKey has the wrong length or value
     */
    static Bytes PublicFromPrivate(const Bytes& privateKey);

    Bytes m_privateKey; ///< the big-endian exponent
};

} // namespace ns3

#endif /* IPSEC_MODP_DIFFIE_HELLMAN_H */
