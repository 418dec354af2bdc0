/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "toeplitz-hash.h"

namespace ns3
{

const std::array<uint8_t, ToeplitzHash::DEFAULT_KEY_LENGTH>&
ToeplitzHash::DefaultKey()
{
    static const std::array<uint8_t, DEFAULT_KEY_LENGTH> key = {
        0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3,
        0x8f, 0xb0, 0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3,
        0x80, 0x30, 0xf2, 0x0c, 0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
    };
    return key;
}

uint32_t
ToeplitzHash::Compute(const uint8_t* key,
                      size_t keyLength,
                      const uint8_t* input,
                      size_t inputLength)
{
    auto keyByte = [key, keyLength](size_t i) -> uint32_t { return i < keyLength ? key[i] : 0; };
    // The 32-bit window of the key that starts at the current input bit; it slides left by
    // one bit per input bit, taking in the next key byte one bit at a time.
    uint32_t window = (keyByte(0) << 24) | (keyByte(1) << 16) | (keyByte(2) << 8) | keyByte(3);
    uint32_t result = 0;
    for (size_t i = 0; i < inputLength; ++i)
    {
        uint32_t next = keyByte(i + 4);
        for (int bit = 7; bit >= 0; --bit)
        {
            if (input[i] & (1u << bit))
            {
                result ^= window;
            }
            window = (window << 1) | ((next >> bit) & 1u);
        }
    }
    return result;
}

} // namespace ns3
