/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_KE_PAYLOAD_H
#define IPSEC_IKE_KE_PAYLOAD_H

#include "ike-payload.h"

#include "ns3/diffie-hellman.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The Key Exchange payload (KE, RFC 7296 section 3.4): a Diffie-Hellman group number and
 * the sender's public value (DiffieHellman::PublicValue()).
 *
 * The group is kept as the number received, so that a responder can answer a group it does not
 * support with INVALID_KE_PAYLOAD; whether the data length suits the group is the key exchange's
 * business (DiffieHellman::ComputeSharedSecret).
 */
class IkeKePayload : public IkePayload
{
  public:
    /// Body octets before the Key Exchange Data: DH Group Num (2) and RESERVED (2).
    static constexpr uint32_t FIXED_SIZE = 4;

    IkeKePayload();

    /**
     * \param group the group number (transform type 4 ID)
     * \param data the public value
     */
    IkeKePayload(uint16_t group, Bytes data);

    /**
     * \param group the group
     * \param data the public value
     */
    IkeKePayload(DhGroup group, Bytes data);

    /// \returns the group number as received or set
    uint16_t GetGroup() const;
    /// \param group the group number
    void SetGroup(uint16_t group);
    /// \returns the Key Exchange Data
    const Bytes& GetData() const;
    /// \param data the Key Exchange Data
    void SetData(Bytes data);

    std::unique_ptr<IkePayload> Clone() const override;
    void Print(std::ostream& os) const override;

  protected:
    void DoSerializeBody(Bytes& out) const override;
    IkeParseStatus DoDeserializeBody(const uint8_t* body, size_t size) override;

  private:
    uint16_t m_group; ///< DH Group Num
    Bytes m_data;     ///< Key Exchange Data
};

} // namespace ns3

#endif /* IPSEC_IKE_KE_PAYLOAD_H */
