/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_NAT_DETECTION_H
#define IPSEC_IKE_NAT_DETECTION_H

#include "ns3/crypto-bytes.h"
#include "ns3/ike-message.h"
#include "ns3/ipv4-address.h"

#include <cstdint>

namespace ns3
{

class IkeSa;

/**
 * \ingroup ipsec
 * \brief What NAT detection found for one IKE SA (strongSwan's COND_NAT_HERE, COND_NAT_THERE
 * and COND_NAT_FAKE conditions).
 */
struct IkeNatState
{
    bool supported{false}; ///< the peer sent NAT_DETECTION_* notifies
    bool here{false};      ///< this side is behind a NAT (the destination hash did not match)
    bool there{false};     ///< the peer is behind a NAT (no source hash matched)
    bool faked{false};     ///< no NAT, but this side forces UDP encapsulation (encap = yes)

    /// \returns whether IKE floats to port 4500 and ESP is UDP-encapsulated
    bool Any() const
    {
        return here || there || faked;
    }
};

/**
 * \ingroup ipsec
 * \brief NAT detection in IKE_SA_INIT (RFC 7296 section 2.23): the NAT_DETECTION_SOURCE_IP
 * and NAT_DETECTION_DESTINATION_IP notifies carry SHA-1(SPIi | SPIr | IP | port) of the
 * addresses the sender uses; a receiver that computes another hash from the datagram knows
 * that a NAT rewrote it. A connection with forceEncap sends a random source hash, as
 * strongSwan's encap = yes does, so that both ends see a NAT and use UDP encapsulation.
 */
class IkeNatDetection
{
  public:
    /// Octets of a NAT detection hash (SHA-1).
    static constexpr size_t HASH_SIZE = 20;

    /**
     * \param spiI the initiator's SPI \param spiR the responder's SPI (0 in the request)
     * \param address an IPv4 address \param port a UDP port
     * \returns SHA-1(SPIi | SPIr | address | port)
     */
    static Bytes Hash(uint64_t spiI, uint64_t spiR, Ipv4Address address, uint16_t port);

    /**
     * \brief Adds the two notifies to an IKE_SA_INIT message this side sends.
     * \param sa the IKE SA (its SPIs as they stand in the message's header, its connection
     *        for the addresses and forceEncap; a faked hash comes from its random stream)
     * \param message the IKE_SA_INIT request or response
     * \param spiR the responder's SPI in the message's header (0 in the request)
     * \param port this side's and the peer's UDP port (500 in IKE_SA_INIT)
     */
    static void AddNotifies(IkeSa& sa, IkeMessage& message, uint64_t spiR, uint16_t port);

    /**
     * \brief Checks the notifies of a received IKE_SA_INIT message against the addresses it
     * travelled with. ns-3 has no NAT and the daemon accepts IKE_SA_INIT only from the
     * connection's peer on port 500, to its own address, so the datagram's addresses are the
     * connection's.
     * \param sa the IKE SA (connection, forceEncap)
     * \param message the received IKE_SA_INIT request or response
     * \param spiR the responder's SPI in the message's header
     * \param port the UDP port of both ends
     * \returns what was found (supported false if the notifies are missing)
     */
    static IkeNatState Check(const IkeSa& sa,
                             const IkeMessage& message,
                             uint64_t spiR,
                             uint16_t port);
};

} // namespace ns3

#endif /* IPSEC_IKE_NAT_DETECTION_H */
