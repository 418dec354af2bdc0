/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ecp-diffie-hellman.h"

#include "ns3/log.h"

#include <cryptopp/eccrypto.h>
#include <cryptopp/oids.h>

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EcpDiffieHellman");

namespace
{

const size_t COORDINATE_BYTES = 32; ///< a P-256 field element, also the private key size

/// Crypto++'s ECDH over P-256.
using Domain = CryptoPP::ECDH<CryptoPP::ECP>::Domain;

/// \returns the P-256 domain, built once (building it costs more than a key agreement step)
const Domain&
P256()
{
    static const Domain domain(CryptoPP::ASN1::secp256r1());
    return domain;
}

} // namespace

Bytes
EcpDiffieHellman::PublicFromPrivate(const Bytes& privateKey)
{
    if (privateKey.size() != COORDINATE_BYTES)
    {
        throw std::invalid_argument("ECP-256 private key must be 32 octets, got "
                                    + std::to_string(privateKey.size()));
    }
    CryptoPP::Integer d(privateKey.data(), privateKey.size());
    if (d.IsZero() || d >= P256().GetGroupParameters().GetSubgroupOrder())
    {
        throw std::invalid_argument("ECP-256 private key must lie in [1, n-1]");
    }
    // Crypto++ encodes the point as 04 | x | y; the KE payload carries x | y.
    Bytes encoded(P256().PublicKeyLength());
    P256().GeneratePublicKey(CryptoPP::NullRNG(), privateKey.data(), encoded.data());
    return Bytes(encoded.begin() + 1, encoded.end());
}

EcpDiffieHellman::EcpDiffieHellman(const Bytes& privateKey)
    : DiffieHellman(DhGroup::ECP_256, PublicFromPrivate(privateKey))
    , m_privateKey(privateKey)
{
    NS_LOG_FUNCTION(this);
}

std::unique_ptr<EcpDiffieHellman>
EcpDiffieHellman::Generate(CryptoPP::RandomNumberGenerator& rng)
{
    Bytes privateKey(P256().PrivateKeyLength());
    P256().GeneratePrivateKey(rng, privateKey.data());
    return std::make_unique<EcpDiffieHellman>(privateKey);
}

bool
EcpDiffieHellman::DoComputeSharedSecret(const Bytes& peerPublic, Bytes& sharedSecret) const
{
    Bytes encoded(1 + peerPublic.size());
    encoded[0] = 0x04; // uncompressed point
    std::copy(peerPublic.begin(), peerPublic.end(), encoded.begin() + 1);
    Bytes secret(P256().AgreedValueLength());
    // With validation, Agree checks that the peer's point is on the curve.
    if (!P256().Agree(secret.data(), m_privateKey.data(), encoded.data(), true))
    {
        NS_LOG_LOGIC("ECP-256 peer value is not a valid point");
        return false;
    }
    sharedSecret = std::move(secret);
    return true;
}

} // namespace ns3
