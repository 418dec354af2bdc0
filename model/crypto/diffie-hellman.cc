/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "diffie-hellman.h"

#include "curve25519-diffie-hellman.h"
#include "ecp-diffie-hellman.h"
#include "modp-diffie-hellman.h"

#include "ns3/log.h"

#include <cryptopp/cryptlib.h>

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DiffieHellman");

namespace
{

/**
 * \param group a group identifier
 * \returns an exception naming it and the supported groups
 */
std::invalid_argument
UnsupportedGroup(DhGroup group)
{
    return std::invalid_argument("unsupported Diffie-Hellman group "
                                 + std::to_string(static_cast<uint16_t>(group))
                                 + "; expected 14 (MODP-2048), 19 (ECP-256) or 31 (Curve25519)");
}

} // namespace

std::unique_ptr<DiffieHellman>
DiffieHellman::Create(DhGroup group, CryptoPP::RandomNumberGenerator& rng)
{
    NS_LOG_FUNCTION(static_cast<uint16_t>(group));
    switch (group)
    {
        case DhGroup::MODP_2048:
            return ModpDiffieHellman::Generate(rng);
        case DhGroup::ECP_256:
            return EcpDiffieHellman::Generate(rng);
        case DhGroup::CURVE25519:
            return Curve25519DiffieHellman::Generate(rng);
    }
    throw UnsupportedGroup(group);
}

std::unique_ptr<DiffieHellman>
DiffieHellman::CreateFromPrivateKey(DhGroup group, const Bytes& privateKey)
{
    NS_LOG_FUNCTION(static_cast<uint16_t>(group) << privateKey.size());
    switch (group)
    {
        case DhGroup::MODP_2048:
            return std::make_unique<ModpDiffieHellman>(privateKey);
        case DhGroup::ECP_256:
            return std::make_unique<EcpDiffieHellman>(privateKey);
        case DhGroup::CURVE25519:
            return std::make_unique<Curve25519DiffieHellman>(privateKey);
    }
    throw UnsupportedGroup(group);
}

DiffieHellman::DiffieHellman(DhGroup group, Bytes publicValue)
    : m_group(group)
    , m_publicValue(std::move(publicValue))
{
}

DiffieHellman::~DiffieHellman() = default;

DhGroup
DiffieHellman::Group() const
{
    return m_group;
}

const Bytes&
DiffieHellman::PublicValue() const
{
    return m_publicValue;
}

size_t
DiffieHellman::PublicValueSize(DhGroup group)
{
    switch (group)
    {
        case DhGroup::MODP_2048:
            return 256;
        case DhGroup::ECP_256:
            return 64;
        case DhGroup::CURVE25519:
            return 32;
    }
    throw UnsupportedGroup(group);
}

bool
DiffieHellman::ComputeSharedSecret(const Bytes& peerPublic, Bytes& sharedSecret) const
{
    NS_LOG_FUNCTION(this << peerPublic.size());
    if (peerPublic.size() != PublicValueSize(m_group))
    {
        NS_LOG_LOGIC("peer public value has " << peerPublic.size() << " octets, expected "
                                              << PublicValueSize(m_group));
        return false;
    }
    try
    {
        return DoComputeSharedSecret(peerPublic, sharedSecret);
    }
    catch (const std::exception& e)
    {
        NS_LOG_LOGIC("peer public value rejected: " << e.what());
        return false;
    }
}

} // namespace ns3
