/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_TRANSPORT_H
#define IPSEC_IKE_TRANSPORT_H

#include "ns3/callback.h"
#include "ns3/crypto-bytes.h"
#include "ns3/ipv4-address.h"
#include "ns3/ptr.h"

#include <cstdint>

namespace ns3
{

class IpsecNatTraversalPort;
class Node;
class Socket;

/**
 * \ingroup ipsec
 * \brief The sockets of an IKE daemon (strongSwan's charon socket): its own UDP 500 socket, and
 * IKE on UDP 4500 through the data plane's shared socket (IpsecNatTraversalPort, RFC 3948
 * non-ESP marker). An IKE SA moves to port 4500 after NAT detection (RFC 7296 2.23); the
 * transport asks, for each message it sends, whether the IKE SA of its SPI has (the daemon
 * knows its IKE SAs, the transport does not).
 */
class IkeTransport
{
  public:
    /// The IKE port.
    static constexpr uint16_t IKE_PORT = 500;
    /// The IKE port after NAT detection (RFC 7296 2.23), shared with ESP-in-UDP (RFC 3948).
    static constexpr uint16_t NAT_T_PORT = 4500;

    /// Receives a datagram: its octets, the sender, the sender's port and the local port it
    /// arrived on (IKE_PORT or NAT_T_PORT).
    using ReceiveCallback = Callback<void, const Bytes&, Ipv4Address, uint16_t, uint16_t>;
    /// \returns whether the IKE SA of this side's SPI has moved to NAT_T_PORT
    using FloatedCallback = Callback<bool, uint64_t>;

    IkeTransport();
    ~IkeTransport();
    IkeTransport(const IkeTransport&) = delete;
    IkeTransport& operator=(const IkeTransport&) = delete;

    /// \param port the data plane's UDP 4500 socket (not owned; it outlives the transport's
    ///        open period), or null
    void SetNatTraversalPort(IpsecNatTraversalPort* port);

    /**
     * \brief Binds UDP 500 and subscribes to IKE on UDP 4500; aborts if the bind fails.
     * \param node the daemon's node
     * \param local the address to bind
     * \param receive who gets received datagrams
     * \param floated who knows the port of each IKE SA
     */
    void Open(Ptr<Node> node, Ipv4Address local, ReceiveCallback receive, FloatedCallback floated);

    /// Closes UDP 500 and unsubscribes from UDP 4500.
    void Close();

    /// \returns whether Open() ran and Close() did not since
    bool IsOpen() const;

    /// \param message an IKE message to send \returns whether its IKE SA has floated to 4500
    bool UsesNatTraversalPort(const Bytes& message) const;

    /**
     * \brief Sends an IKE message to a peer, on the port its IKE SA uses.
     * \param peer the peer's address
     * \param data the octets
     */
    void Send(Ipv4Address peer, const Bytes& data);

  private:
    /// Receives datagrams on UDP 500. \param socket the socket
    void HandleRead(Ptr<Socket> socket);
    /// Receives IKE messages on port 4500 (non-ESP marker removed).
    /// \param data the IKE message \param from the sender \param port its port
    void HandleNatTraversalRead(const Bytes& data, Ipv4Address from, uint16_t port);

    Ptr<Socket> m_socket;                      ///< UDP 500
    IpsecNatTraversalPort* m_natPort{nullptr}; ///< UDP 4500, owned by the data plane
    ReceiveCallback m_receive;                 ///< the daemon's receiver
    FloatedCallback m_floated;                 ///< the IKE SAs' ports
};

} // namespace ns3

#endif /* IPSEC_IKE_TRANSPORT_H */
