/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-key-schedule.h"

#include "ns3/ike-wire.h"
#include "ns3/log.h"

#include <cryptopp/misc.h>

#include <cstring>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeKeySchedule");

const char IkeKeySchedule::KEY_PAD[] = "Key Pad for IKEv2";

namespace
{

/**
 * \param parts byte strings
 * \returns their concatenation
 */
Bytes
Concat(std::initializer_list<const Bytes*> parts)
{
    Bytes out;
    for (const Bytes* part : parts)
    {
        out.insert(out.end(), part->begin(), part->end());
    }
    return out;
}

/**
 * \param keyMaterial the octets
 * \param offset the position, advanced by length
 * \param length octets to take
 * \returns keyMaterial[offset, offset + length)
 */
Bytes
Take(const Bytes& keyMaterial, size_t& offset, size_t length)
{
    Bytes part(keyMaterial.begin() + offset, keyMaterial.begin() + offset + length);
    offset += length;
    return part;
}

} // namespace

IkeKeySchedule::IkeKeySchedule(PrfAlgorithm prf, const CipherSuite& suite)
    : m_prf(Prf::Create(prf))
    , m_suite(suite)
{
}

IkeKeySchedule::IkeKeySchedule(std::shared_ptr<const Prf> prf, const CipherSuite& suite)
    : m_prf(std::move(prf))
    , m_suite(suite)
{
    if (!m_prf)
    {
        throw std::invalid_argument("IkeKeySchedule: null PRF");
    }
}

const Prf&
IkeKeySchedule::GetPrf() const
{
    return *m_prf;
}

const CipherSuite&
IkeKeySchedule::GetSuite() const
{
    return m_suite;
}

size_t
IkeKeySchedule::GetKeyMaterialSize() const
{
    return 3 * m_prf->OutputSize() + 2 * m_suite.IntegKeyBytes() + 2 * m_suite.EncrKeyBytes();
}

Bytes
IkeKeySchedule::ComputeSkeyseed(const Bytes& ni, const Bytes& nr, const Bytes& sharedSecret) const
{
    // HMAC PRFs take the whole nonces as key (the 64-bit truncation of RFC 7296 2.14 is for
    // fixed-key PRFs such as AES-XCBC, which this module does not offer).
    return m_prf->Compute(Concat({&ni, &nr}), sharedSecret);
}

Bytes
IkeKeySchedule::ComputeKeyMaterial(const Bytes& skeyseed,
                                   const Bytes& ni,
                                   const Bytes& nr,
                                   uint64_t spiI,
                                   uint64_t spiR,
                                   size_t length) const
{
    Bytes seed = Concat({&ni, &nr});
    IkeWireWriter writer(seed);
    writer.U64(spiI);
    writer.U64(spiR);
    return m_prf->PrfPlus(skeyseed, seed, length);
}

IkeSaKeys
IkeKeySchedule::SplitKeyMaterial(const Bytes& keyMaterial) const
{
    if (keyMaterial.size() < GetKeyMaterialSize())
    {
        throw std::invalid_argument("IkeKeySchedule::SplitKeyMaterial: "
                                    + std::to_string(keyMaterial.size()) + " octets; "
                                    + std::to_string(GetKeyMaterialSize()) + " needed");
    }
    size_t prf = m_prf->OutputSize();
    size_t integ = m_suite.IntegKeyBytes();
    size_t encr = m_suite.EncrKeyBytes();
    size_t offset = 0;
    IkeSaKeys keys;
    keys.skD = Take(keyMaterial, offset, prf);
    keys.skAi = Take(keyMaterial, offset, integ);
    keys.skAr = Take(keyMaterial, offset, integ);
    keys.skEi = Take(keyMaterial, offset, encr);
    keys.skEr = Take(keyMaterial, offset, encr);
    keys.skPi = Take(keyMaterial, offset, prf);
    keys.skPr = Take(keyMaterial, offset, prf);
    return keys;
}

IkeSaKeys
IkeKeySchedule::DeriveIkeSaKeys(
    const Bytes& ni, const Bytes& nr, const Bytes& sharedSecret, uint64_t spiI, uint64_t spiR) const
{
    NS_LOG_FUNCTION(this << ni.size() << nr.size() << spiI << spiR);
    Bytes skeyseed = ComputeSkeyseed(ni, nr, sharedSecret);
    return SplitKeyMaterial(ComputeKeyMaterial(skeyseed, ni, nr, spiI, spiR, GetKeyMaterialSize()));
}

Bytes
IkeKeySchedule::ComputeRekeySkeyseed(const Prf& oldPrf,
                                     const Bytes& oldSkD,
                                     const Bytes& sharedSecret,
                                     const Bytes& ni,
                                     const Bytes& nr)
{
    return oldPrf.Compute(oldSkD, Concat({&sharedSecret, &ni, &nr}));
}

IkeSaKeys
IkeKeySchedule::DeriveRekeyedIkeSaKeys(const Prf& oldPrf,
                                       const Bytes& oldSkD,
                                       const Bytes& sharedSecret,
                                       const Bytes& ni,
                                       const Bytes& nr,
                                       uint64_t spiI,
                                       uint64_t spiR) const
{
    NS_LOG_FUNCTION(this << spiI << spiR);
    Bytes skeyseed = ComputeRekeySkeyseed(oldPrf, oldSkD, sharedSecret, ni, nr);
    Bytes seed = Concat({&ni, &nr});
    IkeWireWriter writer(seed);
    writer.U64(spiI);
    writer.U64(spiR);
    return SplitKeyMaterial(oldPrf.PrfPlus(skeyseed, seed, GetKeyMaterialSize()));
}

Bytes
IkeKeySchedule::ComputeChildKeyMaterial(const Bytes& skD,
                                        const Bytes& ni,
                                        const Bytes& nr,
                                        const Bytes& sharedSecret,
                                        size_t length) const
{
    return m_prf->PrfPlus(skD, Concat({&sharedSecret, &ni, &nr}), length);
}

IkeChildSaKeys
IkeKeySchedule::DeriveChildSaKeys(const Bytes& skD,
                                  const CipherSuite& espSuite,
                                  const Bytes& ni,
                                  const Bytes& nr,
                                  const Bytes& sharedSecret) const
{
    size_t encr = espSuite.EncrKeyBytes();
    size_t integ = espSuite.IntegKeyBytes();
    Bytes keyMaterial = ComputeChildKeyMaterial(skD, ni, nr, sharedSecret, 2 * (encr + integ));
    size_t offset = 0;
    IkeChildSaKeys keys;
    keys.initiatorEncr = Take(keyMaterial, offset, encr);
    keys.initiatorInteg = Take(keyMaterial, offset, integ);
    keys.responderEncr = Take(keyMaterial, offset, encr);
    keys.responderInteg = Take(keyMaterial, offset, integ);
    return keys;
}

Bytes
IkeKeySchedule::ComputePskPad(const Bytes& psk) const
{
    Bytes pad(KEY_PAD, KEY_PAD + std::strlen(KEY_PAD));
    return m_prf->Compute(psk, pad);
}

Bytes
IkeKeySchedule::ComputeSignedOctets(const Bytes& realMessage,
                                    const Bytes& peerNonce,
                                    const Bytes& skP,
                                    const Bytes& idBody) const
{
    Bytes macedId = m_prf->Compute(skP, idBody);
    return Concat({&realMessage, &peerNonce, &macedId});
}

Bytes
IkeKeySchedule::ComputePskAuth(const Bytes& psk,
                               const Bytes& realMessage,
                               const Bytes& peerNonce,
                               const Bytes& skP,
                               const Bytes& idBody) const
{
    return m_prf->Compute(ComputePskPad(psk),
                          ComputeSignedOctets(realMessage, peerNonce, skP, idBody));
}

bool
IkeKeySchedule::VerifyPskAuth(const Bytes& authData,
                              const Bytes& psk,
                              const Bytes& realMessage,
                              const Bytes& peerNonce,
                              const Bytes& skP,
                              const Bytes& idBody) const
{
    Bytes expected = ComputePskAuth(psk, realMessage, peerNonce, skP, idBody);
    return authData.size() == expected.size()
           && CryptoPP::VerifyBufsEqual(authData.data(), expected.data(), expected.size());
}

std::unique_ptr<Cipher>
IkeKeySchedule::CreateCipher(const IkeSaKeys& keys, bool originalInitiator, CipherRole role) const
{
    // The initiator's keys protect what the original initiator sends.
    bool initiatorKeys = originalInitiator == (role == CipherRole::SEAL);
    return Cipher::Create(m_suite,
                          initiatorKeys ? keys.skEi : keys.skEr,
                          initiatorKeys ? keys.skAi : keys.skAr,
                          role);
}

} // namespace ns3
