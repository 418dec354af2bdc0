/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_NAT_TRAVERSAL_PORT_H
#define IPSEC_NAT_TRAVERSAL_PORT_H

#include "ns3/callback.h"
#include "ns3/crypto-bytes.h"
#include "ns3/ipv4-address.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The IKE side of the node's shared UDP 4500 socket (RFC 3948). On Linux the IKE daemon
 * and the kernel share one UDP_ENCAP_ESPINUDP socket: ESP-in-UDP stays in the kernel, and
 * datagrams with the four-octet non-ESP marker go up to the daemon. ns-3 lets one socket own a
 * port, so the data plane owns it and key management reaches it only through this interface,
 * next to IpsecSaApi.
 */
class IpsecNatTraversalPort
{
  public:
    /// Receiver of IKE messages arriving on UDP port 4500: the IKE message (the non-ESP
    /// marker removed), the sender's address and port.
    using NatTraversalIkeCallback = Callback<void, const Bytes&, Ipv4Address, uint16_t>;

    virtual ~IpsecNatTraversalPort() = default;

    /**
     * Opens the UDP 4500 socket if not yet open and hands \p callback the IKE messages that
     * arrive there; a null callback unsubscribes.
     * \param callback the IKE daemon's receiver
     */
    virtual void SetNatTraversalIkeCallback(NatTraversalIkeCallback callback) = 0;

    /**
     * Sends an IKE message from UDP port 4500 to \p destination port 4500, with the non-ESP
     * marker in front of it.
     * \param message the IKE message
     * \param destination the peer
     */
    virtual void SendNatTraversalIke(const Bytes& message, Ipv4Address destination) = 0;
};

} // namespace ns3

#endif // IPSEC_NAT_TRAVERSAL_PORT_H
