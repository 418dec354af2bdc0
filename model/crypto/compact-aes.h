/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_COMPACT_AES_H
#define IPSEC_COMPACT_AES_H

#include <cryptopp/aes.h>
#include <cryptopp/cpu.h>

#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A Crypto++ AES direction that frees Crypto++'s unused x86 scratch block after keying.
 *
 * Crypto++ 8.7 allocates a 4368-octet "alias block" in every AES key schedule on x86. Only its
 * SSE2 assembly path (CPUs without AES-NI) uses it. With 100,000 SAs, each holding one keyed AES,
 * that block would be three quarters of a Cipher's memory; so, when AES-NI is present, it is
 * released right after the key schedule is built. Without AES-NI nothing changes.
 *
 * \tparam Base CryptoPP::AES::Encryption or CryptoPP::AES::Decryption
 */
template<class Base>
class CompactAesDirection : public Base
{
  public:
    /**
     * \brief Builds the key schedule, then drops the scratch block if AES-NI makes it unused.
     * \param key the AES key
     * \param length octets of key
     * \param params Crypto++ parameters
     */
    void UncheckedSetKey(const CryptoPP::byte* key,
                         unsigned int length,
                         const CryptoPP::NameValuePairs& params) override
    {
        Base::UncheckedSetKey(key, length, params);
#if CRYPTOPP_BOOL_X86 || CRYPTOPP_BOOL_X32 || CRYPTOPP_BOOL_X64
        if (CryptoPP::HasAESNI())
        {
            this->m_aliasBlock.New(0);
        }
#endif
    }
};

/**
 * \ingroup ipsec
 * \brief AES for Crypto++'s mode templates (GCM<CompactAes>, CBC_Mode<CompactAes>), with the
 * memory saving of CompactAesDirection.
 */
struct CompactAes
{
    /// \returns the algorithm name Crypto++ modes build their own name from
    static std::string StaticAlgorithmName()
    {
        return CryptoPP::AES::StaticAlgorithmName();
    }

    /// The encryption direction.
    using Encryption = CompactAesDirection<CryptoPP::AES::Encryption>;
    /// The decryption direction.
    using Decryption = CompactAesDirection<CryptoPP::AES::Decryption>;
};

} // namespace ns3

#endif /* IPSEC_COMPACT_AES_H */
