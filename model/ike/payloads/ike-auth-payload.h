/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_AUTH_PAYLOAD_H
#define IPSEC_IKE_AUTH_PAYLOAD_H

#include "ike-payload.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The Authentication payload (AUTH, RFC 7296 section 3.8): Auth Method and Authentication
 * Data (for SHARED_KEY_MIC, IkeKeySchedule::ComputePskAuth).
 */
class IkeAuthPayload : public IkePayload
{
  public:
    /// Body octets before the Authentication Data: Auth Method and RESERVED (3).
    static constexpr uint32_t FIXED_SIZE = 4;

    IkeAuthPayload();

    /**
     * \param method the Auth Method
     * \param data the Authentication Data
     */
    IkeAuthPayload(IkeAuthMethod method, Bytes data);

    /// \returns the Auth Method
    IkeAuthMethod GetMethod() const;
    /// \param method the Auth Method
    void SetMethod(IkeAuthMethod method);
    /// \returns the Authentication Data
    const Bytes& GetData() const;
    /// \param data the Authentication Data
    void SetData(Bytes data);

    std::unique_ptr<IkePayload> Clone() const override;
    void Print(std::ostream& os) const override;

  protected:
    void DoSerializeBody(Bytes& out) const override;
    IkeParseStatus DoDeserializeBody(const uint8_t* body, size_t size) override;

  private:
    IkeAuthMethod m_method; ///< Auth Method
    Bytes m_data;           ///< Authentication Data
};

} // namespace ns3

#endif /* IPSEC_IKE_AUTH_PAYLOAD_H */
