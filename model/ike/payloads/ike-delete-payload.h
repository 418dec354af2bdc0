/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_DELETE_PAYLOAD_H
#define IPSEC_IKE_DELETE_PAYLOAD_H

#include "ike-payload.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The Delete payload (D, RFC 7296 section 3.11): Protocol ID, SPI Size, Num of SPIs and
 * the SPIs.
 *
 * For the IKE SA: Protocol ID 1, SPI Size 0, no SPIs. For Child SAs: Protocol ID 3 (ESP) or 2
 * (AH), SPI Size 4, the sender's inbound SPIs. Other combinations are refused on receipt, as
 * strongSwan's delete_payload verify() refuses them.
 */
class IkeDeletePayload : public IkePayload
{
  public:
    /// Body octets before the SPIs: Protocol ID, SPI Size, Num of SPIs (2).
    static constexpr uint32_t FIXED_SIZE = 4;

    /// A Delete for the IKE SA.
    IkeDeletePayload();

    /**
     * \brief A Delete for Child SAs, with 4-octet SPIs.
     * \param protocol ESP or AH
     * \param spis the sender's inbound SPIs
     */
    IkeDeletePayload(IkeProtocolId protocol, std::vector<uint32_t> spis);

    /// \returns the Protocol ID
    IkeProtocolId GetProtocolId() const;
    /// \returns the SPIs (empty for the IKE SA)
    const std::vector<uint32_t>& GetSpis() const;
    /// \returns true if this deletes the IKE SA
    bool IsIkeSa() const;

    std::unique_ptr<IkePayload> Clone() const override;
    void Print(std::ostream& os) const override;

  protected:
    void DoSerializeBody(Bytes& out) const override;
    IkeParseStatus DoDeserializeBody(const uint8_t* body, size_t size) override;

  private:
    IkeProtocolId m_protocol;     ///< Protocol ID
    std::vector<uint32_t> m_spis; ///< the SPIs
};

} // namespace ns3

#endif /* IPSEC_IKE_DELETE_PAYLOAD_H */
