/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_IV_GENERATOR_H
#define IPSEC_IKE_IV_GENERATOR_H

#include "ns3/cipher-suite.h"
#include "ns3/ns3-random-source.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

#include <cstddef>
#include <cstdint>
#include <memory>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The source of the IVs of one SK key (SK_ei or SK_er): each encrypted IKE message takes
 * the next one.
 *
 * Two variants, as strongSwan's iv_gen: IkeCounterIvGenerator for AEAD, whose nonce must never
 * repeat under a key (a 64-bit counter; not the Message ID alone, since the requests and the
 * responses one peer sends share a key and can carry equal Message IDs); IkeRandomIvGenerator for
 * AES-CBC, whose IV must be unpredictable (RFC 7296 section 3.14), drawn from an ns-3 stream.
 * Create picks the one a suite needs.
 */
class IkeIvGenerator
{
  public:
    virtual ~IkeIvGenerator();

    /**
     * \param suite the SK payload suite
     * \param stream the stream CBC IVs are drawn from (unused for AEAD; must not be null for
     *        AES-CBC)
     * \returns a counter generator for AEAD suites, a random one for AES-CBC
     * \throws std::invalid_argument if a random generator gets no stream
     */
    static std::unique_ptr<IkeIvGenerator> Create(const CipherSuite& suite,
                                                  Ptr<UniformRandomVariable> stream);

    /**
     * \brief Writes the next IV.
     * \param iv receives size octets
     * \param size the suite's IvSize()
     */
    void Generate(uint8_t* iv, size_t size);

  protected:
    /**
     * \brief Writes the next IV; the arguments are those of Generate.
     * \param iv receives size octets
     * \param size octets wanted
     */
    virtual void DoGenerate(uint8_t* iv, size_t size) = 0;
};

/**
 * \ingroup ipsec
 * \brief AEAD IVs: a 64-bit counter, big-endian, one value per message.
 */
class IkeCounterIvGenerator : public IkeIvGenerator
{
  public:
    /// \param first the first IV (a test can start from a published IV)
    explicit IkeCounterIvGenerator(uint64_t first = 0);

    /// \returns the value the next IV will have
    uint64_t GetNext() const;

  protected:
    /**
     * \param iv receives the counter
     * \param size 8
     * \throws std::invalid_argument if size is not 8
     * \throws std::overflow_error once all 2^64 values are used
     */
    void DoGenerate(uint8_t* iv, size_t size) override;

  private:
    uint64_t m_next;  ///< the next IV
    bool m_exhausted; ///< every value has been used
};

/**
 * \ingroup ipsec
 * \brief AES-CBC IVs: random octets from an ns-3 stream (never an OS entropy source).
 */
class IkeRandomIvGenerator : public IkeIvGenerator
{
  public:
    /// \param stream the stream; must not be null
    explicit IkeRandomIvGenerator(Ptr<UniformRandomVariable> stream);

  protected:
    void DoGenerate(uint8_t* iv, size_t size) override;

  private:
    Ns3RandomSource m_random; ///< the octets
};

} // namespace ns3

#endif /* IPSEC_IKE_IV_GENERATOR_H */
