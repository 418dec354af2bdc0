/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_RAW_PAYLOAD_H
#define IPSEC_IKE_RAW_PAYLOAD_H

#include "ike-payload.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A payload kept as its raw body: a type this module does not know (RFC 7296 section 2.5:
 * skipped unless its critical bit is set) or one it does not model (CERT, CERTREQ, CP, EAP, SKF).
 *
 * IsUnknown() tells the two apart; IkeMessage reports an unknown critical payload as
 * UNSUPPORTED_CRITICAL_PAYLOAD so that the caller can answer with that notify.
 */
class IkeRawPayload : public IkePayload
{
  public:
    /**
     * \param type the payload type
     * \param body the body
     */
    explicit IkeRawPayload(IkePayloadType type, Bytes body = {});

    /// \returns the body as received
    const Bytes& GetBody() const;
    /// \param body the body
    void SetBody(Bytes body);

    /// \returns true if the type is not one of RFC 7296's, so that the critical bit counts
    bool IsUnknown() const;

    std::unique_ptr<IkePayload> Clone() const override;
    void Print(std::ostream& os) const override;

  protected:
    void DoSerializeBody(Bytes& out) const override;
    IkeParseStatus DoDeserializeBody(const uint8_t* body, size_t size) override;

  private:
    Bytes m_body; ///< the body
};

} // namespace ns3

#endif /* IPSEC_IKE_RAW_PAYLOAD_H */
