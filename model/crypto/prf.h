/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_PRF_H
#define IPSEC_PRF_H

#include "crypto-bytes.h"

#include <cstddef>
#include <cstdint>
#include <memory>

namespace ns3
{

/// Pseudo-random functions: IANA IKEv2 transform type 2 (PRF) identifiers.
enum class PrfAlgorithm : uint16_t
{
    HMAC_SHA2_256 = 5, ///< PRF_HMAC_SHA2_256 (RFC 4868)
    HMAC_SHA2_384 = 6, ///< PRF_HMAC_SHA2_384 (RFC 4868)
    HMAC_SHA2_512 = 7, ///< PRF_HMAC_SHA2_512 (RFC 4868)
};

/**
 * \ingroup ipsec
 * \brief The IKEv2 pseudo-random function and prf+ (RFC 7296 section 2.13), which derive
 * SKEYSEED, the IKE SA keys, Child SA KEYMAT and the PSK AUTH value.
 *
 * Create picks the implementation; subclasses implement DoCompute. Instances hold no key and no
 * state, so one instance may serve any number of SAs.
 */
class Prf
{
  public:
    /**
     * \param algorithm the PRF transform
     * \returns the PRF
     * \throws std::invalid_argument if the algorithm is not one of PrfAlgorithm
     */
    static std::unique_ptr<Prf> Create(PrfAlgorithm algorithm);

    virtual ~Prf();

    /// \returns the PRF transform
    PrfAlgorithm Algorithm() const;

    /// \returns the output length in octets (32/48/64), also the preferred key length (SK_d,
    ///          SK_pi, SK_pr)
    size_t OutputSize() const;

    /**
     * \param key the key (any length)
     * \param data the data
     * \returns prf(key, data), OutputSize() octets
     */
    Bytes Compute(const Bytes& key, const Bytes& data) const;

    /**
     * \brief prf+ of RFC 7296 section 2.13: T1 | T2 | ... with T1 = prf(K, S | 0x01) and
     * Tn = prf(K, Tn-1 | S | n).
     * \param key K
     * \param seed S
     * \param length octets wanted
     * \returns the first length octets of prf+(key, seed)
     * \throws std::invalid_argument if length exceeds 255 * OutputSize()
     */
    Bytes PrfPlus(const Bytes& key, const Bytes& seed, size_t length) const;

  protected:
    /**
     * \param algorithm the PRF transform
     * \param outputSize its output length in octets
     */
    Prf(PrfAlgorithm algorithm, size_t outputSize);

    /**
     * \brief Computes prf(key, data1 | data2 | data3) into output (OutputSize() octets).
     *
     * Three data pieces so that prf+ need not concatenate Tn-1, S and the counter.
     *
     * \param key the key
     * \param keyLen octets of key
     * \param data1 first data piece
     * \param data1Len octets of data1
     * \param data2 second data piece
     * \param data2Len octets of data2
     * \param data3 third data piece
     * \param data3Len octets of data3
     * \param output receives OutputSize() octets
     */
    virtual void DoCompute(const uint8_t* key,
                           size_t keyLen,
                           const uint8_t* data1,
                           size_t data1Len,
                           const uint8_t* data2,
                           size_t data2Len,
                           const uint8_t* data3,
                           size_t data3Len,
                           uint8_t* output) const = 0;

  private:
    PrfAlgorithm m_algorithm; ///< the PRF transform
    size_t m_outputSize;      ///< output octets
};

} // namespace ns3

#endif /* IPSEC_PRF_H */
