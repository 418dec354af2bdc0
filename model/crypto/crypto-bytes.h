/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_CRYPTO_BYTES_H
#define IPSEC_CRYPTO_BYTES_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup ipsec
 * Byte strings for keys, nonces and test vectors, and their hex form.
 */

namespace ns3
{

/// A byte string: key material, nonces, public values, test vectors.
using Bytes = std::vector<uint8_t>;

/**
 * \brief Parses hex digits into bytes.
 *
 * White space (spaces, tabs, newlines) between digits is ignored, so test vectors can be written
 * the way RFCs print them. Upper and lower case digits are accepted.
 *
 * \param hex the hex text
 * \returns the bytes
 * \throws std::invalid_argument if hex holds a character that is not a hex digit or white space,
 *         or an odd number of digits
 */
Bytes HexToBytes(const std::string& hex);

/**
 * \brief Formats bytes as lower case hex without separators.
 * \param data the bytes
 * \param length the number of bytes
 * \returns 2 * length hex digits
 */
std::string BytesToHex(const uint8_t* data, size_t length);

/**
 * \brief Formats bytes as lower case hex without separators.
 * \param data the bytes
 * \returns 2 * data.size() hex digits
 */
std::string BytesToHex(const Bytes& data);

} // namespace ns3

#endif /* IPSEC_CRYPTO_BYTES_H */
