/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "prf.h"

#include "ns3/log.h"

#include <cryptopp/hmac.h>
#include <cryptopp/sha.h>

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Prf");

namespace
{

/// Most prf+ blocks: the counter is one octet (RFC 7296 section 2.13).
const size_t PRF_PLUS_MAX_BLOCKS = 255;

/**
 * \brief PRF_HMAC_SHA2_* (RFC 4868): HMAC with a SHA-2 hash.
 * \tparam Hash the Crypto++ hash (SHA256, SHA384, SHA512)
 */
template<class Hash>
class HmacSha2Prf : public Prf
{
  public:
    /// \param algorithm the PRF transform that Hash implements
    explicit HmacSha2Prf(PrfAlgorithm algorithm)
        : Prf(algorithm, Hash::DIGESTSIZE)
    {
    }

  protected:
    void DoCompute(const uint8_t* key,
                   size_t keyLen,
                   const uint8_t* data1,
                   size_t data1Len,
                   const uint8_t* data2,
                   size_t data2Len,
                   const uint8_t* data3,
                   size_t data3Len,
                   uint8_t* output) const override
    {
        CryptoPP::HMAC<Hash> hmac(key, keyLen);
        for (auto [data, len] : {std::pair{data1, data1Len}, {data2, data2Len}, {data3, data3Len}})
        {
            if (len > 0)
            {
                hmac.Update(data, len);
            }
        }
        hmac.Final(output);
    }
};

} // namespace

std::unique_ptr<Prf>
Prf::Create(PrfAlgorithm algorithm)
{
    switch (algorithm)
    {
        case PrfAlgorithm::HMAC_SHA2_256:
            return std::make_unique<HmacSha2Prf<CryptoPP::SHA256>>(algorithm);
        case PrfAlgorithm::HMAC_SHA2_384:
            return std::make_unique<HmacSha2Prf<CryptoPP::SHA384>>(algorithm);
        case PrfAlgorithm::HMAC_SHA2_512:
            return std::make_unique<HmacSha2Prf<CryptoPP::SHA512>>(algorithm);
    }
    throw std::invalid_argument("Prf::Create: unsupported PRF transform "
                                + std::to_string(static_cast<uint16_t>(algorithm))
                                + "; expected 5 (HMAC_SHA2_256), 6 (HMAC_SHA2_384) or 7 "
                                  "(HMAC_SHA2_512)");
}

Prf::Prf(PrfAlgorithm algorithm, size_t outputSize)
    : m_algorithm(algorithm)
    , m_outputSize(outputSize)
{
}

Prf::~Prf() = default;

PrfAlgorithm
Prf::Algorithm() const
{
    return m_algorithm;
}

size_t
Prf::OutputSize() const
{
    return m_outputSize;
}

Bytes
Prf::Compute(const Bytes& key, const Bytes& data) const
{
    Bytes output(m_outputSize);
    DoCompute(
        key.data(), key.size(), data.data(), data.size(), nullptr, 0, nullptr, 0, output.data());
    return output;
}

Bytes
Prf::PrfPlus(const Bytes& key, const Bytes& seed, size_t length) const
{
    NS_LOG_FUNCTION(this << key.size() << seed.size() << length);
    if (length > PRF_PLUS_MAX_BLOCKS * m_outputSize)
    {
        throw std::invalid_argument("Prf::PrfPlus: " + std::to_string(length)
                                    + " octets requested; prf+ is defined for at most 255 blocks ("
                                    + std::to_string(PRF_PLUS_MAX_BLOCKS * m_outputSize)
                                    + " octets) of this PRF");
    }
    size_t blocks = (length + m_outputSize - 1) / m_outputSize;
    Bytes output(blocks * m_outputSize);
    for (size_t n = 1; n <= blocks; ++n)
    {
        const uint8_t counter = static_cast<uint8_t>(n);
        uint8_t* block = output.data() + (n - 1) * m_outputSize;
        // T1 = prf(K, S | 0x01); Tn = prf(K, Tn-1 | S | n)
        const uint8_t* previous = n == 1 ? nullptr : block - m_outputSize;
        DoCompute(key.data(),
                  key.size(),
                  previous,
                  n == 1 ? 0 : m_outputSize,
                  seed.data(),
                  seed.size(),
                  &counter,
                  1,
                  block);
    }
    output.resize(length);
    return output;
}

} // namespace ns3
