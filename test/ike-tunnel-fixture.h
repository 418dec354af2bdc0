/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_IKE_TUNNEL_FIXTURE_H
#define IPSEC_IKE_TUNNEL_FIXTURE_H

#include "ns3/error-model.h"
#include "ns3/gateway-pair-topology.h"
#include "ns3/ike-helper.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"
#include "ns3/test.h"

#include <functional>
#include <memory>
#include <set>
#include <string>

namespace ns3
{
namespace ipsectest
{

/**
 * \ingroup ipsec-tests
 * \brief A tunnel between two gateways keyed by IKE, with UDP sockets on both hosts (host1 on
 * port 1000, host2 on port 2000); subclasses configure the daemons, act on them during the run
 * and check the outcome.
 *
 * As in ns-3's TcpGeneralTest: Build() makes the scenario and calls the DoBuild() hook, so that
 * a subclass can connect traces; DoTeardown() destroys the simulator and resets the state.
 */
class IkeTunnelFixture : public TestCase
{
  public:
    /// \p stream is the daemons' first random variable stream (IkeHelper::AssignStreams).
    explicit IkeTunnelFixture(const std::string& name, int64_t stream = 20);

  protected:
    /// Changes one daemon's configuration before it starts.
    using Tweak = std::function<void(IkePeerConfig&)>;

    /// Builds the scenario with \p helper; \p initiator and \p responder adjust the daemons.
    void Build(IkeHelper& helper, Tweak initiator = {}, Tweak responder = {});

    /// Hook called at the end of Build(), when the tunnel and the sockets exist.
    virtual void DoBuild();

    /// Applies \p tweak (if any) to the configuration of \p daemon.
    static void Reconfigure(Ptr<IkeDaemon> daemon, const Tweak& tweak);

    /// \return a UDP socket on \p node bound to \p port that counts in \p received what it reads.
    static Ptr<Socket> MakeSocket(Ptr<Node> node, uint16_t port, uint32_t& received);

    /// Sends \p count datagrams each way, one every \p interval from \p start.
    void SendBothWays(Time start, uint32_t count, Time interval = MilliSeconds(10));

    void DoTeardown() override;

    int64_t m_stream;                                ///< the daemons' first stream
    std::unique_ptr<GatewayPairTopology> m_topology; ///< the network
    IkeTunnel m_tunnel;                              ///< the daemons
    Ptr<Socket> m_socket1;                           ///< host1's socket
    Ptr<Socket> m_socket2;                           ///< host2's socket
    uint32_t m_received1{0};                         ///< datagrams host1 received
    uint32_t m_received2{0};                         ///< datagrams host2 received
    uint32_t m_sent{0};                              ///< datagrams sent each way
};

/// Drops the packets of the given indexes (counting from 0) that a device receives.
class DropIndexErrorModel : public ErrorModel
{
  public:
    explicit DropIndexErrorModel(std::set<uint32_t> drop);

  private:
    bool DoCorrupt(Ptr<Packet>) override;
    void DoReset() override;

    std::set<uint32_t> m_drop; ///< indexes to drop
    uint32_t m_index{0};       ///< index of the next packet
};

} // namespace ipsectest
} // namespace ns3

#endif // IPSEC_IKE_TUNNEL_FIXTURE_H
