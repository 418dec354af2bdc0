/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "modp-diffie-hellman.h"

#include "ns3/log.h"

#include <cryptopp/integer.h>
#include <cryptopp/nbtheory.h>

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ModpDiffieHellman");

namespace
{

const size_t MODULUS_BYTES = 256; ///< 2048 bits
const size_t EXPONENT_BYTES = 32; ///< fresh private exponents: 256 bits

/// \returns p of the 2048-bit MODP group (RFC 3526 section 3): 2^2048 - 2^1984 - 1 +
///          2^64 * ( [2^1918 pi] + 124476 )
const CryptoPP::Integer&
Prime()
{
    static const CryptoPP::Integer p("0x"
                                     "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
                                     "29024E088A67CC74020BBEA63B139B22514A08798E3404DD"
                                     "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
                                     "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
                                     "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D"
                                     "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
                                     "83655D23DCA3AD961C62F356208552BB9ED529077096966D"
                                     "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
                                     "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9"
                                     "DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
                                     "15728E5A8AACAA68FFFFFFFFFFFFFFFF");
    return p;
}

/// The generator of the group.
const CryptoPP::word GENERATOR = 2;

/**
 * \param value an integer in [0, p)
 * \returns value as MODULUS_BYTES octets big-endian
 */
Bytes
Encode(const CryptoPP::Integer& value)
{
    Bytes encoded(MODULUS_BYTES);
    value.Encode(encoded.data(), encoded.size());
    return encoded;
}

/**
 * \param value an integer
 * \returns true if 2 <= value <= p - 2
 */
bool
InRange(const CryptoPP::Integer& value)
{
    return value > CryptoPP::Integer::One() && value < Prime() - CryptoPP::Integer::One();
}

} // namespace

Bytes
ModpDiffieHellman::PublicFromPrivate(const Bytes& privateKey)
{
    if (privateKey.empty() || privateKey.size() > MODULUS_BYTES)
    {
        throw std::invalid_argument("MODP-2048 private exponent must be 1 to 256 octets, got "
                                    + std::to_string(privateKey.size()));
    }
    CryptoPP::Integer x(privateKey.data(), privateKey.size());
    if (!InRange(x))
    {
        throw std::invalid_argument("MODP-2048 private exponent must lie in [2, p-2]");
    }
    return Encode(CryptoPP::ModularExponentiation(CryptoPP::Integer(GENERATOR), x, Prime()));
}

ModpDiffieHellman::ModpDiffieHellman(const Bytes& privateKey)
    : DiffieHellman(DhGroup::MODP_2048, PublicFromPrivate(privateKey))
    , m_privateKey(privateKey)
{
    NS_LOG_FUNCTION(this);
}

std::unique_ptr<ModpDiffieHellman>
ModpDiffieHellman::Generate(CryptoPP::RandomNumberGenerator& rng)
{
    Bytes privateKey(EXPONENT_BYTES);
    do
    {
        rng.GenerateBlock(privateKey.data(), privateKey.size());
    } while (!InRange(CryptoPP::Integer(privateKey.data(), privateKey.size())));
    return std::make_unique<ModpDiffieHellman>(privateKey);
}

bool
ModpDiffieHellman::DoComputeSharedSecret(const Bytes& peerPublic, Bytes& sharedSecret) const
{
    CryptoPP::Integer y(peerPublic.data(), peerPublic.size());
    if (!InRange(y))
    {
        NS_LOG_LOGIC("MODP peer value outside [2, p-2]");
        return false;
    }
    CryptoPP::Integer x(m_privateKey.data(), m_privateKey.size());
    sharedSecret = Encode(CryptoPP::ModularExponentiation(y, x, Prime()));
    return true;
}

} // namespace ns3
