/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef RSS_HASH_INPUT_H
#define RSS_HASH_INPUT_H

#include "ns3/flow-tuple.h"
#include "ns3/object.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The header fields of a received IPv4 packet that RSS hashes and ntuple rules look at.
 */
struct RssPacketHead
{
    FlowTuple tuple;        //!< addresses, protocol and (TCP/UDP) ports
    bool l4Readable{false}; //!< unfragmented, and the first 4 bytes after the header are there
    uint32_t spi{0};        //!< of an ESP packet, if l4Readable
};

/**
 * \ingroup ipsec
 * \brief What the RSS hash of a net device covers (`ethtool -N DEV rx-flow-hash ...`): always
 * the two addresses, then what the variant adds for a readable (unfragmented) layer 4. The
 * variants (FiveTupleRssHashInput "inner", AddressesRssHashInput "outer",
 * AddressesSpiRssHashInput "outer-spi", UdpFiveTupleRssHashInput "udp") are chosen by TypeId in
 * ReceiveSteering::ConfigureDevice. Called for every received packet: keep them cheap.
 */
class RssHashInput : public Object
{
  public:
    static TypeId GetTypeId();
    RssHashInput();
    ~RssHashInput() override;

    /// Shorthands for the variants' TypeIds (these were the names of the former enum).
    static const TypeId FIVE_TUPLE;     //!< FiveTupleRssHashInput, "inner"
    static const TypeId ADDRESSES;      //!< AddressesRssHashInput, "outer"
    static const TypeId ADDRESSES_SPI;  //!< AddressesSpiRssHashInput, "outer-spi"
    static const TypeId UDP_FIVE_TUPLE; //!< UdpFiveTupleRssHashInput, "udp"

    /// The most bytes a variant may add after the addresses.
    static constexpr uint32_t MAX_LAYER4_BYTES = 4;

    /**
     * \param key the Toeplitz key
     * \param head the parsed packet
     * \return the Toeplitz hash over the addresses and the fields this variant adds
     */
    uint32_t Hash(const std::vector<uint8_t>& key, const RssPacketHead& head) const;

    /**
     * The keywords of the examples' --rss option, kept here only.
     * \param keyword "inner", "outer", "outer-spi" or "udp"
     * \return the variant's TypeId (throws std::invalid_argument naming \p keyword and the
     *         accepted ones otherwise)
     */
    static TypeId LookupKeyword(const std::string& keyword);

    /// \return the keyword of \p tid, or its TypeId name.
    static std::string GetKeyword(TypeId tid);

  protected:
    static constexpr uint8_t PROTOCOL_TCP = 6;  //!< IP protocol number
    static constexpr uint8_t PROTOCOL_UDP = 17; //!< IP protocol number
    static constexpr uint8_t PROTOCOL_ESP = 50; //!< IP protocol number

    /**
     * Writes the layer-4 fields of \p head that the variant hashes (at most MAX_LAYER4_BYTES,
     * network order); called only when head.l4Readable.
     * \return the end of what was written
     */
    virtual uint8_t* DoAppendLayer4(const RssPacketHead& head, uint8_t* out) const = 0;

    /// Writes \p x in network order; \return the end.
    static uint8_t* AppendU32(uint8_t* out, uint32_t x);
    /// Writes \p x in network order; \return the end.
    static uint8_t* AppendU16(uint8_t* out, uint16_t x);
};

} // namespace ns3

#endif // RSS_HASH_INPUT_H
