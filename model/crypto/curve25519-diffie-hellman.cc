/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "curve25519-diffie-hellman.h"

#include "ns3/log.h"

#include <cryptopp/xed25519.h>

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Curve25519DiffieHellman");

namespace
{
const size_t KEY_BYTES = 32; ///< scalar, u-coordinate and shared secret
} // namespace

Bytes
Curve25519DiffieHellman::PublicFromPrivate(const Bytes& privateKey)
{
    if (privateKey.size() != KEY_BYTES)
    {
        throw std::invalid_argument("X25519 private key must be 32 octets, got "
                                    + std::to_string(privateKey.size()));
    }
    Bytes publicValue(KEY_BYTES);
    // x25519 ignores the generator here: the public value is a fixed function of the scalar.
    CryptoPP::x25519().GeneratePublicKey(
        CryptoPP::NullRNG(), privateKey.data(), publicValue.data());
    return publicValue;
}

Curve25519DiffieHellman::Curve25519DiffieHellman(const Bytes& privateKey)
    : DiffieHellman(DhGroup::CURVE25519, PublicFromPrivate(privateKey))
    , m_privateKey(privateKey)
{
    NS_LOG_FUNCTION(this);
}

std::unique_ptr<Curve25519DiffieHellman>
Curve25519DiffieHellman::Generate(CryptoPP::RandomNumberGenerator& rng)
{
    Bytes privateKey(KEY_BYTES);
    rng.GenerateBlock(privateKey.data(), privateKey.size());
    return std::make_unique<Curve25519DiffieHellman>(privateKey);
}

bool
Curve25519DiffieHellman::DoComputeSharedSecret(const Bytes& peerPublic, Bytes& sharedSecret) const
{
    Bytes secret(KEY_BYTES);
    // Validation rejects the small-order points, whose result would be all zero.
    if (!CryptoPP::x25519().Agree(secret.data(), m_privateKey.data(), peerPublic.data(), true))
    {
        NS_LOG_LOGIC("X25519 peer value of small order");
        return false;
    }
    uint8_t any = 0;
    for (uint8_t b : secret)
    {
        any |= b;
    }
    if (any == 0)
    {
        NS_LOG_LOGIC("X25519 shared secret is all zero");
        return false;
    }
    sharedSecret = std::move(secret);
    return true;
}

} // namespace ns3
