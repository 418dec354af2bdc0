/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_HEADER_H
#define IPSEC_IKE_HEADER_H

#include "ike-constants.h"

#include "ns3/crypto-bytes.h"
#include "ns3/header.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The IKE header (RFC 7296 section 3.1), 28 octets: IKE SA Initiator's and Responder's
 * SPIs, Next Payload, version (0x20), Exchange Type, Flags (I, V, R), Message ID and Length.
 *
 * IkeMessage writes Next Payload and Length from its payloads; the other fields are the caller's.
 * As an ns-3 Header it also lets traces and tests peek at the IKE header of a UDP payload.
 * Flags are kept as received; the X bits are sent as given (zero unless set by hand).
 */
class IkeHeader : public Header
{
  public:
    static constexpr uint32_t SIZE = 28; //!< octets on the wire

    IkeHeader();

    /**
     * \brief Registers this type.
     * \return The TypeId.
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    /**
     * \brief Writes the 28 octets.
     * \param out where they go (at least SIZE octets)
     */
    void Write(uint8_t* out) const;

    /**
     * \brief Reads the 28 octets; checks nothing (IkeMessage::Parse validates).
     * \param data at least SIZE octets
     */
    void Read(const uint8_t* data);

    /// \param spi the IKE SA Initiator's SPI
    void SetInitiatorSpi(uint64_t spi);
    /// \returns the IKE SA Initiator's SPI
    uint64_t GetInitiatorSpi() const;
    /// \param spi the IKE SA Responder's SPI (0 in the first IKE_SA_INIT request)
    void SetResponderSpi(uint64_t spi);
    /// \returns the IKE SA Responder's SPI
    uint64_t GetResponderSpi() const;
    /// \param type the type of the first payload
    void SetNextPayload(IkePayloadType type);
    /// \returns the type of the first payload
    IkePayloadType GetNextPayload() const;
    /// \param version the version octet (IKE_VERSION is the default)
    void SetVersion(uint8_t version);
    /// \returns the version octet
    uint8_t GetVersion() const;
    /// \returns the major version (high nibble)
    uint8_t GetMajorVersion() const;
    /// \returns the minor version (low nibble, ignored on receipt)
    uint8_t GetMinorVersion() const;
    /// \param type the Exchange Type
    void SetExchangeType(IkeExchangeType type);
    /// \returns the Exchange Type
    IkeExchangeType GetExchangeType() const;
    /// \param flags the whole Flags octet
    void SetFlags(uint8_t flags);
    /// \returns the whole Flags octet
    uint8_t GetFlags() const;
    /// \param initiator the I flag: the sender is the original initiator of the IKE SA
    void SetInitiator(bool initiator);
    /// \returns the I flag
    bool IsInitiator() const;
    /// \param response the R flag: the message is a response
    void SetResponse(bool response);
    /// \returns the R flag
    bool IsResponse() const;
    /// \returns the V flag
    bool GetVersionFlag() const;
    /// \param id the Message ID
    void SetMessageId(uint32_t id);
    /// \returns the Message ID
    uint32_t GetMessageId() const;
    /// \param length the Length of the whole message
    void SetLength(uint32_t length);
    /// \returns the Length of the whole message
    uint32_t GetLength() const;

    /// \param other another header \returns true if every field is equal
    bool operator==(const IkeHeader& other) const;

  private:
    uint64_t m_initiatorSpi;        ///< IKE SA Initiator's SPI
    uint64_t m_responderSpi;        ///< IKE SA Responder's SPI
    IkePayloadType m_nextPayload;   ///< Next Payload
    uint8_t m_version;              ///< MjVer | MnVer
    IkeExchangeType m_exchangeType; ///< Exchange Type
    uint8_t m_flags;                ///< Flags
    uint32_t m_messageId;           ///< Message ID
    uint32_t m_length;              ///< Length
};

} // namespace ns3

#endif /* IPSEC_IKE_HEADER_H */
