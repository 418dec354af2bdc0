/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_NOTIFY_PAYLOAD_H
#define IPSEC_IKE_NOTIFY_PAYLOAD_H

#include "ike-payload.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The Notify payload (N, RFC 7296 section 3.10): Protocol ID, SPI Size, Notify Message
 * Type, SPI and Notification Data.
 *
 * Factories build the notifies the exchanges send, with the layouts of RFC 7296 and RFC 9611
 * (SA_RESOURCE_INFO and TS_MAX_QUEUE: Protocol ID 0, no SPI). Parsing accepts Protocol IDs 0 to 3
 * and checks the data length of the types whose length is fixed, as strongSwan's
 * notify_payload verify() does: INVALID_KE_PAYLOAD 2, NAT_DETECTION_* 20, IPCOMP_SUPPORTED 3,
 * INVALID_SYNTAX, INVALID_MAJOR_VERSION and NO_PROPOSAL_CHOSEN none.
 */
class IkeNotifyPayload : public IkePayload
{
  public:
    /// Body octets before the SPI: Protocol ID, SPI Size, Notify Message Type.
    static constexpr uint32_t FIXED_SIZE = 4;

    IkeNotifyPayload();

    /**
     * \brief A notify without SPI (Protocol ID 0).
     * \param type the Notify Message Type
     * \param data the Notification Data
     */
    explicit IkeNotifyPayload(IkeNotifyType type, Bytes data = {});

    /**
     * \param type the Notify Message Type
     * \param protocol the Protocol ID of the SA the SPI names
     * \param spi the SPI (its size is the SPI Size)
     * \param data the Notification Data
     */
    IkeNotifyPayload(IkeNotifyType type, IkeProtocolId protocol, Bytes spi, Bytes data = {});

    /// \param payloadType the unsupported critical payload's type \returns the error notify
    static IkeNotifyPayload UnsupportedCriticalPayload(IkePayloadType payloadType);
    /// \param group the group the responder accepts \returns INVALID_KE_PAYLOAD with its number
    static IkeNotifyPayload InvalidKePayload(uint16_t group);
    /// \param espSpi the SPI the rekey initiator expects in inbound ESP \returns REKEY_SA for ESP
    static IkeNotifyPayload RekeySa(uint32_t espSpi);
    /// \param windowSize the window \returns SET_WINDOW_SIZE with a 4-octet window size
    static IkeNotifyPayload SetWindowSize(uint32_t windowSize);
    /**
     * \param resourceId the optional opaque Resource Identifier (strongSwan sends the CPU number
     *        as 4 octets, or nothing for the fallback SA; libreswan sends nothing)
     * \returns SA_RESOURCE_INFO (RFC 9611)
     */
    static IkeNotifyPayload SaResourceInfo(Bytes resourceId = {});
    /// \returns TS_MAX_QUEUE (RFC 9611): no data
    static IkeNotifyPayload TsMaxQueue();

    /// \returns the Notify Message Type
    IkeNotifyType GetNotifyType() const;
    /// \param type the Notify Message Type
    void SetNotifyType(IkeNotifyType type);
    /// \returns true for an error type (below 16384)
    bool IsError() const;
    /// \returns the Protocol ID
    IkeProtocolId GetProtocolId() const;
    /// \param protocol the Protocol ID
    void SetProtocolId(IkeProtocolId protocol);
    /// \returns the SPI (empty if SPI Size is 0)
    const Bytes& GetSpi() const;
    /// \param spi the SPI, at most 255 octets
    void SetSpi(Bytes spi);
    /// \returns the SPI as a number if it has 4 octets, else 0
    uint32_t GetSpi32() const;
    /// \returns the Notification Data
    const Bytes& GetData() const;
    /// \param data the Notification Data
    void SetData(Bytes data);

    std::unique_ptr<IkePayload> Clone() const override;
    void Print(std::ostream& os) const override;

  protected:
    void DoSerializeBody(Bytes& out) const override;
    IkeParseStatus DoDeserializeBody(const uint8_t* body, size_t size) override;

  private:
    IkeProtocolId m_protocol; ///< Protocol ID
    IkeNotifyType m_type;     ///< Notify Message Type
    Bytes m_spi;              ///< SPI
    Bytes m_data;             ///< Notification Data
};

} // namespace ns3

#endif /* IPSEC_IKE_NOTIFY_PAYLOAD_H */
