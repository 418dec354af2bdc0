/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_NS3_RANDOM_SOURCE_H
#define IPSEC_NS3_RANDOM_SOURCE_H

#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

#include <cryptopp/cryptlib.h>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A Crypto++ random number generator that draws from an ns-3 random variable stream.
 *
 * Every random value of the module (Diffie-Hellman private keys, CBC IVs, SPIs, nonces) comes
 * from here, so that a run is reproduced by the ns-3 seed and RngRun (and the stream number
 * assigned with AssignStreams) and changed by nothing else. It is not a source of cryptographic
 * strength: the keys of a simulation are as predictable as its random streams.
 */
class Ns3RandomSource : public CryptoPP::RandomNumberGenerator
{
  public:
    /**
     * \param stream the stream the bytes are drawn from; must not be null
     */
    explicit Ns3RandomSource(Ptr<UniformRandomVariable> stream);

    /**
     * \brief Fills output with size bytes from the stream, four bytes per draw.
     * \param output the buffer to fill
     * \param size the number of bytes
     */
    void GenerateBlock(CryptoPP::byte* output, size_t size) override;

    /// \returns the stream the bytes are drawn from
    Ptr<UniformRandomVariable> GetStream() const;

  private:
    Ptr<UniformRandomVariable> m_stream; ///< the ns-3 stream
};

} // namespace ns3

#endif /* IPSEC_NS3_RANDOM_SOURCE_H */
