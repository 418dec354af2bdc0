/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ESP_HEADER_H
#define ESP_HEADER_H

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The cleartext start of an ESP packet (RFC 4303 section 2): SPI and the low 32 bits of
 * the sequence number. For reading ESP packets in traces and tests; the data plane writes the
 * whole packet, IV, ciphertext and ICV included, in one pass.
 */
class EspHeader : public Header
{
  public:
    static constexpr uint32_t SIZE = 8; //!< bytes on the wire

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    void SetSpi(uint32_t spi);
    uint32_t GetSpi() const;
    void SetSequenceNumber(uint32_t seq);
    uint32_t GetSequenceNumber() const;

  private:
    uint32_t m_spi{0};
    uint32_t m_seq{0};
};

} // namespace ns3

#endif // ESP_HEADER_H
