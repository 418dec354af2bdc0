/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "crypto-bytes.h"

#include "ns3/log.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CryptoBytes");

namespace
{

/**
 * \param c a character
 * \returns the value of the hex digit c, or -1 if c is not a hex digit
 */
int
HexDigitValue(char c)
{
    if (c >= '0' && c <= '9')
    {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f')
    {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F')
    {
        return c - 'A' + 10;
    }
    return -1;
}

} // namespace

Bytes
HexToBytes(const std::string& hex)
{
    Bytes bytes;
    bytes.reserve(hex.size() / 2);
    int high = -1; // first digit of the byte being parsed, or -1 between bytes
    for (size_t i = 0; i < hex.size(); ++i)
    {
        char c = hex[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
            continue;
        }
        int value = HexDigitValue(c);
        if (value < 0)
        {
            throw std::invalid_argument("HexToBytes: '" + std::string(1, c) + "' at offset "
                                        + std::to_string(i)
                                        + " is not a hex digit (expected 0-9, a-f, A-F or white "
                                          "space)");
        }
        if (high < 0)
        {
            high = value;
        }
        else
        {
            bytes.push_back(static_cast<uint8_t>((high << 4) | value));
            high = -1;
        }
    }
    if (high >= 0)
    {
        throw std::invalid_argument("HexToBytes: odd number of hex digits ("
                                    + std::to_string(2 * bytes.size() + 1)
                                    + "); expected two digits per byte");
    }
    return bytes;
}

std::string
BytesToHex(const uint8_t* data, size_t length)
{
    static const char DIGITS[] = "0123456789abcdef";
    std::string hex(2 * length, '0');
    for (size_t i = 0; i < length; ++i)
    {
        hex[2 * i] = DIGITS[data[i] >> 4];
        hex[2 * i + 1] = DIGITS[data[i] & 0x0f];
    }
    return hex;
}

std::string
BytesToHex(const Bytes& data)
{
    return BytesToHex(data.data(), data.size());
}

} // namespace ns3
