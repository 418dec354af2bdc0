/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TOEPLITZ_HASH_H
#define TOEPLITZ_HASH_H

#include <array>
#include <cstddef>
#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The Toeplitz hash of Microsoft's Receive Side Scaling, the hash that multi-queue NICs
 * compute over packet headers to choose a receive queue.
 *
 * For each bit of the input that is set, taken from the most significant bit of the first
 * byte on, the 32 key bits that start at the same bit position are XORed into the result. The
 * key must therefore be at least 4 bytes longer than the input (40 bytes cover IPv6 with
 * ports); missing key bits count as zero.
 */
class ToeplitzHash
{
  public:
    static constexpr size_t DEFAULT_KEY_LENGTH = 40; //!< bytes

    /**
     * \return Microsoft's default RSS key (6d 5a 56 da ... 01 fa), the key of the RSS
     * verification suite and the default of many NIC drivers.
     */
    static const std::array<uint8_t, DEFAULT_KEY_LENGTH>& DefaultKey();

    /**
     * \param key the secret key
     * \param keyLength bytes in \p key
     * \param input the bytes to hash, in network byte order (for IPv4: source address,
     *        destination address, then optionally source and destination ports)
     * \param inputLength bytes in \p input
     * \return the 32-bit hash
     */
    static uint32_t Compute(const uint8_t* key,
                            size_t keyLength,
                            const uint8_t* input,
                            size_t inputLength);
};

} // namespace ns3

#endif // TOEPLITZ_HASH_H
