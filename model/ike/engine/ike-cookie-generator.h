/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_COOKIE_GENERATOR_H
#define IPSEC_IKE_COOKIE_GENERATOR_H

#include "ns3/crypto-bytes.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Makes and checks the stateless COOKIEs of a responder (RFC 7296 section 2.6):
 * Cookie = <VersionIDofSecret> | SHA-256(Ni | IPi | SPIi | <secret>), with a 4-octet version
 * and a 32-octet secret drawn from the daemon's ns-3 stream. The secret is replaced once its
 * lifetime is over; cookies of the previous secret are still accepted, as strongSwan keeps
 * secret_old, so that a cookie handed out just before the switch still works.
 */
class IkeCookieGenerator
{
  public:
    /// Octets of the version that precedes the hash.
    static constexpr size_t VERSION_SIZE = 4;
    /// Octets of the secret (and of the SHA-256 hash).
    static constexpr size_t SECRET_SIZE = 32;
    /// Octets of a cookie.
    static constexpr size_t COOKIE_SIZE = VERSION_SIZE + SECRET_SIZE;

    /**
     * \param stream the randomness of the secrets
     * \param secretLifetime how long a secret makes new cookies (positive)
     */
    IkeCookieGenerator(Ptr<UniformRandomVariable> stream, Time secretLifetime);

    /**
     * \param nonceI the initiator's nonce data
     * \param initiator the initiator's address
     * \param spiI the initiator's SPI
     * \returns the cookie for them, made with the current secret
     */
    Bytes Make(const Bytes& nonceI, Ipv4Address initiator, uint64_t spiI);

    /**
     * \param cookie the data of a received N(COOKIE)
     * \param nonceI the initiator's nonce data of the same request
     * \param initiator the initiator's address
     * \param spiI the initiator's SPI
     * \returns whether the cookie was made here with the current or the previous secret
     */
    bool Verify(const Bytes& cookie, const Bytes& nonceI, Ipv4Address initiator, uint64_t spiI);

    /// \returns the version of the current secret (starts at 1, +1 per replacement)
    uint32_t GetVersion() const;

  private:
    /// Replaces the secret if its lifetime is over (lazily, when a cookie is made or checked).
    void Rotate();
    /**
     * \param version the secret's version \param secret the secret
     * \param nonceI Ni \param initiator IPi \param spiI SPIi
     * \returns the cookie
     */
    static Bytes Compute(uint32_t version,
                         const Bytes& secret,
                         const Bytes& nonceI,
                         Ipv4Address initiator,
                         uint64_t spiI);

    Ptr<UniformRandomVariable> m_stream; ///< randomness of the secrets
    Time m_secretLifetime;               ///< how long a secret makes new cookies
    Time m_secretCreated;                ///< when the current secret was drawn
    uint32_t m_version{0};               ///< version of m_secret (0: none yet)
    Bytes m_secret;                      ///< the current secret
    Bytes m_previousSecret;              ///< the secret before it (version - 1), or empty
};

} // namespace ns3

#endif /* IPSEC_IKE_COOKIE_GENERATOR_H */
