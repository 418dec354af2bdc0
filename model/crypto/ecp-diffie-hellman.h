/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_ECP_DIFFIE_HELLMAN_H
#define IPSEC_ECP_DIFFIE_HELLMAN_H

#include "diffie-hellman.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief ECDH over NIST P-256, IKEv2 group 19 (RFC 5903).
 *
 * The KE payload data is x | y (64 octets, no 0x04 prefix); g^ir is the x-coordinate of the
 * shared point (32 octets). The peer's point is checked to lie on the curve.
 */
class EcpDiffieHellman : public DiffieHellman
{
  public:
    /**
     * \param privateKey 32 octets big-endian, in [1, n-1]
     * \throws std::invalid_argument if privateKey has the wrong length or value
     */
    explicit EcpDiffieHellman(const Bytes& privateKey);

    /**
     * \param rng the source of the private key
     * \returns a party with a fresh private key
     */
    static std::unique_ptr<EcpDiffieHellman> Generate(CryptoPP::RandomNumberGenerator& rng);

  protected:
    bool DoComputeSharedSecret(const Bytes& peerPublic, Bytes& sharedSecret) const override;

  private:
    /**
     * \param privateKey 32 octets big-endian
     * \returns x | y of privateKey * G
     * \throws std::invalid_argument if privateKey has the wrong length or value
     */
    static Bytes PublicFromPrivate(const Bytes& privateKey);

    Bytes m_privateKey; ///< 32 octets big-endian
};

} // namespace ns3

#endif /* IPSEC_ECP_DIFFIE_HELLMAN_H */
