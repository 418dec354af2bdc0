/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_WIRE_H
#define IPSEC_IKE_WIRE_H

#include "ns3/crypto-bytes.h"

#include <cstddef>
#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Appends big-endian integers and byte strings to a Bytes: the one way IKE payloads write
 * their wire format.
 */
class IkeWireWriter
{
  public:
    /// \param out the byte string appended to; must outlive the writer
    explicit IkeWireWriter(Bytes& out)
        : m_out(out)
    {
    }

    /// \param value appended as one octet
    void U8(uint8_t value)
    {
        m_out.push_back(value);
    }

    /// \param value appended as two octets, big-endian
    void U16(uint16_t value)
    {
        m_out.push_back(static_cast<uint8_t>(value >> 8));
        m_out.push_back(static_cast<uint8_t>(value));
    }

    /// \param value appended as four octets, big-endian
    void U32(uint32_t value)
    {
        U16(static_cast<uint16_t>(value >> 16));
        U16(static_cast<uint16_t>(value));
    }

    /// \param value appended as eight octets, big-endian
    void U64(uint64_t value)
    {
        U32(static_cast<uint32_t>(value >> 32));
        U32(static_cast<uint32_t>(value));
    }

    /// \param count zero octets appended (RESERVED fields)
    void Zeros(size_t count)
    {
        m_out.insert(m_out.end(), count, 0);
    }

    /// \param data appended as is
    void Append(const Bytes& data)
    {
        m_out.insert(m_out.end(), data.begin(), data.end());
    }

    /// \returns the octets in the byte string so far
    size_t Size() const
    {
        return m_out.size();
    }

    /**
     * \brief Overwrites two octets already written (a length known only afterwards).
     * \param offset position of the first octet
     * \param value the value, big-endian
     */
    void PatchU16(size_t offset, uint16_t value)
    {
        m_out[offset] = static_cast<uint8_t>(value >> 8);
        m_out[offset + 1] = static_cast<uint8_t>(value);
    }

  private:
    Bytes& m_out; ///< the byte string
};

/**
 * \ingroup ipsec
 * \brief Reads big-endian integers and byte strings from received octets, never past their end:
 * every read says whether the octets were there.
 */
class IkeWireReader
{
  public:
    /**
     * \param data the first octet
     * \param size octets available
     */
    IkeWireReader(const uint8_t* data, size_t size)
        : m_data(data)
        , m_size(size)
        , m_pos(0)
    {
    }

    /// \returns octets not read yet
    size_t Remaining() const
    {
        return m_size - m_pos;
    }

    /// \returns octets read so far
    size_t Position() const
    {
        return m_pos;
    }

    /// \returns the next octet to read
    const uint8_t* Current() const
    {
        return m_data + m_pos;
    }

    /// \param value receives one octet \returns false if none is left
    bool U8(uint8_t& value)
    {
        if (Remaining() < 1)
        {
            return false;
        }
        value = m_data[m_pos++];
        return true;
    }

    /// \param value receives two octets, big-endian \returns false if fewer are left
    bool U16(uint16_t& value)
    {
        if (Remaining() < 2)
        {
            return false;
        }
        value = static_cast<uint16_t>((m_data[m_pos] << 8) | m_data[m_pos + 1]);
        m_pos += 2;
        return true;
    }

    /// \param value receives four octets, big-endian \returns false if fewer are left
    bool U32(uint32_t& value)
    {
        uint16_t high = 0;
        uint16_t low = 0;
        if (Remaining() < 4)
        {
            return false;
        }
        U16(high);
        U16(low);
        value = (static_cast<uint32_t>(high) << 16) | low;
        return true;
    }

    /// \param value receives eight octets, big-endian \returns false if fewer are left
    bool U64(uint64_t& value)
    {
        uint32_t high = 0;
        uint32_t low = 0;
        if (Remaining() < 8)
        {
            return false;
        }
        U32(high);
        U32(low);
        value = (static_cast<uint64_t>(high) << 32) | low;
        return true;
    }

    /// \param count octets to pass over \returns false if fewer are left
    bool Skip(size_t count)
    {
        if (Remaining() < count)
        {
            return false;
        }
        m_pos += count;
        return true;
    }

    /**
     * \param count octets to read
     * \param out receives them
     * \returns false if fewer are left
     */
    bool Take(size_t count, Bytes& out)
    {
        if (Remaining() < count)
        {
            return false;
        }
        out.assign(m_data + m_pos, m_data + m_pos + count);
        m_pos += count;
        return true;
    }

  private:
    const uint8_t* m_data; ///< the octets
    size_t m_size;         ///< how many
    size_t m_pos;          ///< octets read
};

} // namespace ns3

#endif /* IPSEC_IKE_WIRE_H */
