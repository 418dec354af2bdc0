/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef OPAQUE_BYTES_H
#define OPAQUE_BYTES_H

#include "ns3/header.h"
#include "ns3/trailer.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Bytes the ESP data plane built itself, added to a packet as a header in one copy.
 *
 * Adding bytes as a header writes them straight into the packet's buffer, where
 * Create<Packet>(bytes) followed by AddAtEnd() allocates and copies twice. The view given to
 * the constructor must live until AddHeader() returns. Deserialize() (packet printing) keeps
 * its own copy, of the length it is given.
 */
class OpaqueBytesHeader : public Header
{
  public:
    static TypeId GetTypeId();
    OpaqueBytesHeader();
    /// A view of \p size bytes at \p data.
    OpaqueBytesHeader(const uint8_t* data, uint32_t size);

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;
    void Print(std::ostream& os) const override;

  private:
    const uint8_t* m_data{nullptr};
    uint32_t m_size{0};
    std::vector<uint8_t> m_copy; //!< owns the bytes after Deserialize
};

/**
 * \ingroup ipsec
 * \brief Bytes the ESP data plane built itself, added to (or read from) the end of a packet.
 *
 * To read, construct it with the number of bytes wanted and PeekTrailer(): Data() then holds
 * the packet's last bytes.
 */
class OpaqueBytesTrailer : public Trailer
{
  public:
    static TypeId GetTypeId();
    OpaqueBytesTrailer();
    /// A view of \p size bytes at \p data, to add.
    OpaqueBytesTrailer(const uint8_t* data, uint32_t size);
    /// To read the last \p size bytes of a packet.
    explicit OpaqueBytesTrailer(uint32_t size);

    /// \return the bytes read by Deserialize().
    const std::vector<uint8_t>& Data() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator end) const override;
    uint32_t Deserialize(Buffer::Iterator end) override;
    void Print(std::ostream& os) const override;

  private:
    const uint8_t* m_data{nullptr};
    uint32_t m_size{0};
    std::vector<uint8_t> m_copy;
};

} // namespace ns3

#endif // OPAQUE_BYTES_H
