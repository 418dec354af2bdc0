/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_VENDOR_ID_PAYLOAD_H
#define IPSEC_IKE_VENDOR_ID_PAYLOAD_H

#include "ike-payload.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The Vendor ID payload (V, RFC 7296 section 3.12): an opaque vendor identifier.
 */
class IkeVendorIdPayload : public IkePayload
{
  public:
    IkeVendorIdPayload();

    /// \param vendorId the Vendor ID
    explicit IkeVendorIdPayload(Bytes vendorId);

    /// \returns the Vendor ID
    const Bytes& GetVendorId() const;
    /// \param vendorId the Vendor ID
    void SetVendorId(Bytes vendorId);

    std::unique_ptr<IkePayload> Clone() const override;
    void Print(std::ostream& os) const override;

  protected:
    void DoSerializeBody(Bytes& out) const override;
    IkeParseStatus DoDeserializeBody(const uint8_t* body, size_t size) override;

  private:
    Bytes m_vendorId; ///< the Vendor ID
};

} // namespace ns3

#endif /* IPSEC_IKE_VENDOR_ID_PAYLOAD_H */
