/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_TS_PAYLOAD_H
#define IPSEC_IKE_TS_PAYLOAD_H

#include "ike-payload.h"

#include "ns3/traffic-selector.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One Traffic Selector substructure (RFC 7296 section 3.13.1): TS Type, IP Protocol ID,
 * port range and address range (4 octets each for TS_IPV4_ADDR_RANGE, 16 for
 * TS_IPV6_ADDR_RANGE).
 *
 * The module's policies are IPv4 (TrafficSelector); IPv6 selectors are parsed and kept so that
 * the exchange code can refuse them (TS_UNACCEPTABLE) rather than the parser (INVALID_SYNTAX).
 */
struct IkeTrafficSelector
{
    /// Selector Length of TS_IPV4_ADDR_RANGE.
    static constexpr uint16_t IPV4_SIZE = 16;
    /// Selector Length of TS_IPV6_ADDR_RANGE.
    static constexpr uint16_t IPV6_SIZE = 40;

    IkeTsType type{IkeTsType::TS_IPV4_ADDR_RANGE}; ///< TS Type
    uint8_t protocol{0};                           ///< IP Protocol ID, 0 = any
    uint16_t startPort{0};                         ///< Start Port
    uint16_t endPort{65535};                       ///< End Port
    Bytes startAddress{0, 0, 0, 0};                ///< Starting Address
    Bytes endAddress{255, 255, 255, 255};          ///< Ending Address

    /// \param selector an IPv4 selector \returns its TS_IPV4_ADDR_RANGE
    static IkeTrafficSelector FromTrafficSelector(const TrafficSelector& selector);

    /// \returns true for TS_IPV4_ADDR_RANGE
    bool IsIpv4() const;

    /**
     * \returns the IPv4 selector
     * \throws std::logic_error if this is not TS_IPV4_ADDR_RANGE
     */
    TrafficSelector ToTrafficSelector() const;

    /// \returns e.g. "10.1.0.0-10.1.255.255 proto 0 ports 0-65535"
    std::string ToString() const;

    /// \param other another selector \returns true if every field is equal
    bool operator==(const IkeTrafficSelector& other) const;
};

/**
 * \ingroup ipsec
 * \brief The Traffic Selector payloads (TSi, TSr; RFC 7296 section 3.13): Number of TSs and the
 * selectors.
 *
 * Parsing refuses, as strongSwan's traffic_selector_substructure verify() does, a TS type other
 * than 7 and 8, a Selector Length that does not match it, and a start port above the end port
 * (except the OPAQUE ports 65535-0).
 */
class IkeTsPayload : public IkePayload
{
  public:
    /// Body octets before the selectors: Number of TSs and RESERVED (3).
    static constexpr uint32_t FIXED_SIZE = 4;

    /**
     * \param payloadType TSI or TSR
     * \throws std::invalid_argument for another type
     */
    explicit IkeTsPayload(IkePayloadType payloadType = IkePayloadType::TSI);

    /**
     * \param payloadType TSI or TSR
     * \param selectors the selectors, at most 255
     * \throws std::invalid_argument for another payload type or too many selectors
     */
    IkeTsPayload(IkePayloadType payloadType, std::vector<IkeTrafficSelector> selectors);

    /**
     * \param payloadType TSI or TSR
     * \param selectors IPv4 selectors
     * \returns the payload
     */
    static IkeTsPayload FromTrafficSelectors(IkePayloadType payloadType,
                                             const std::vector<TrafficSelector>& selectors);

    /// \returns the selectors
    const std::vector<IkeTrafficSelector>& GetSelectors() const;

    /// \returns the TS_IPV4_ADDR_RANGE selectors as TrafficSelector, in order
    std::vector<TrafficSelector> GetIpv4Selectors() const;

    std::unique_ptr<IkePayload> Clone() const override;
    void Print(std::ostream& os) const override;

  protected:
    void DoSerializeBody(Bytes& out) const override;
    IkeParseStatus DoDeserializeBody(const uint8_t* body, size_t size) override;

  private:
    std::vector<IkeTrafficSelector> m_selectors; ///< the selectors
};

} // namespace ns3

#endif /* IPSEC_IKE_TS_PAYLOAD_H */
