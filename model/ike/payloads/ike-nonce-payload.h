/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_NONCE_PAYLOAD_H
#define IPSEC_IKE_NONCE_PAYLOAD_H

#include "ike-payload.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The Nonce payload (Ni, Nr; RFC 7296 section 3.9): 16 to 256 random octets.
 */
class IkeNoncePayload : public IkePayload
{
  public:
    /// Shortest nonce RFC 7296 allows (128 bits).
    static constexpr uint32_t MIN_NONCE_SIZE = 16;
    /// Longest nonce RFC 7296 allows.
    static constexpr uint32_t MAX_NONCE_SIZE = 256;

    IkeNoncePayload();

    /// \param nonce the nonce data
    explicit IkeNoncePayload(Bytes nonce);

    /// \returns the nonce data (what SKEYSEED and the AUTH octets use)
    const Bytes& GetNonce() const;
    /// \param nonce the nonce data
    void SetNonce(Bytes nonce);

    std::unique_ptr<IkePayload> Clone() const override;
    void Print(std::ostream& os) const override;

  protected:
    void DoSerializeBody(Bytes& out) const override;
    IkeParseStatus DoDeserializeBody(const uint8_t* body, size_t size) override;

  private:
    Bytes m_nonce; ///< Nonce Data
};

} // namespace ns3

#endif /* IPSEC_IKE_NONCE_PAYLOAD_H */
