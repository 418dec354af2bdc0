/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_ID_PAYLOAD_H
#define IPSEC_IKE_ID_PAYLOAD_H

#include "ike-payload.h"

#include "ns3/ipv4-address.h"

#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The Identification payloads (IDi, IDr; RFC 7296 section 3.5): ID Type and
 * Identification Data.
 *
 * SerializeBody() is RestOfInitIDPayload / RestOfRespIDPayload of the AUTH computation
 * (IDType | RESERVED | Data, RFC 7296 section 2.15).
 */
class IkeIdPayload : public IkePayload
{
  public:
    /// Body octets before the Identification Data: ID Type and RESERVED (3).
    static constexpr uint32_t FIXED_SIZE = 4;

    /**
     * \param payloadType IDI or IDR
     * \throws std::invalid_argument for another type
     */
    explicit IkeIdPayload(IkePayloadType payloadType = IkePayloadType::IDI);

    /**
     * \param payloadType IDI or IDR
     * \param idType the ID Type
     * \param data the Identification Data
     * \throws std::invalid_argument for another payload type
     */
    IkeIdPayload(IkePayloadType payloadType, IkeIdType idType, Bytes data);

    /// \param payloadType IDI or IDR \param address the identity \returns an ID_IPV4_ADDR
    static IkeIdPayload FromIpv4(IkePayloadType payloadType, Ipv4Address address);
    /// \param payloadType IDI or IDR \param fqdn the identity \returns an ID_FQDN
    static IkeIdPayload FromFqdn(IkePayloadType payloadType, const std::string& fqdn);
    /// \param payloadType IDI or IDR \param email the identity \returns an ID_RFC822_ADDR
    static IkeIdPayload FromRfc822(IkePayloadType payloadType, const std::string& email);
    /// \param payloadType IDI or IDR \param keyId the identity \returns an ID_KEY_ID
    static IkeIdPayload FromKeyId(IkePayloadType payloadType, Bytes keyId);

    /// \returns the ID Type
    IkeIdType GetIdType() const;
    /// \returns the Identification Data
    const Bytes& GetData() const;
    /// \returns the ID_IPV4_ADDR address (0.0.0.0 for other types)
    Ipv4Address GetIpv4Address() const;
    /// \returns the data as text (ID_FQDN, ID_RFC822_ADDR); "" for the other types
    std::string GetText() const;
    /// \returns a readable form of the identity, e.g. "10.0.0.1", "gw1.example", "0x0102"
    std::string GetIdentity() const;

    /**
     * \param other another ID payload
     * \returns true if ID Type and data are equal (the payload type is not compared)
     */
    bool SameIdentity(const IkeIdPayload& other) const;

    std::unique_ptr<IkePayload> Clone() const override;
    void Print(std::ostream& os) const override;

  protected:
    void DoSerializeBody(Bytes& out) const override;
    IkeParseStatus DoDeserializeBody(const uint8_t* body, size_t size) override;

  private:
    IkeIdType m_idType; ///< ID Type
    Bytes m_data;       ///< Identification Data
};

} // namespace ns3

#endif /* IPSEC_IKE_ID_PAYLOAD_H */
