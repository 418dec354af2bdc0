/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef STATIC_KEY_MANAGER_H
#define STATIC_KEY_MANAGER_H

#include "ns3/ike-cpu-assigner.h"
#include "ns3/ipsec-data-plane.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"

#include <map>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One gateway of a statically keyed tunnel, as the key manager sees it.
 */
struct StaticKeyingPeer
{
    Ptr<IpsecDataPlane> dataPlane;
    uint32_t reqid{0};        //!< of the tunnel's policy on this gateway (also its interface id)
    Ipv4Address outerAddress; //!< the tunnel address of this gateway
};

/**
 * \ingroup ipsec
 * \brief Key management without IKE: installs SA pairs with keys from an ns-3 random stream,
 * once for each tunnel and then in answer to every acquire (after a configurable delay), so
 * that per-CPU SAs can be studied before, and apart from, the IKE daemon. It uses only
 * IpsecSaApi, like the IKE daemon.
 *
 * For an acquire of gateway X's core c it installs, as one IKE CREATE_CHILD_SA would, a pair:
 * X's outbound SA bound to c with the peer's inbound SA, and the peer's outbound SA with X's
 * inbound SA. The peer binds its outbound SA as strongSwan's responder does (get_cpu()): the
 * fallback first, then the highest core without an SA, then core 0. With "SteerInboundSas",
 * each receiver also gets an ntuple rule (`ethtool -N ... action Q`) that sends the new
 * inbound SA's packets to the receive queue of the core the sender bound it to, as the
 * published per-CPU testbeds do by hand.
 */
class StaticKeyManager : public Object
{
  public:
    static TypeId GetTypeId();
    StaticKeyManager();

    /**
     * Manages a tunnel between \p a and \p b whose SAs follow \p sa (suite, ESN, window,
     * encapsulation, mode, lifetime; SPIs, keys, directions and CPUs are filled in here).
     * \return the tunnel's index
     */
    uint32_t AddTunnel(const StaticKeyingPeer& a, const StaticKeyingPeer& b, const SaParams& sa);

    /**
     * Installs an SA pair now, as if \p initiator (0 = a, 1 = b) of \p tunnel acquired one for
     * \p cpu (SaParams::NO_CPU: the first, or fallback, pair).
     */
    void InstallPair(uint32_t tunnel, uint32_t initiator, uint32_t cpu);

    /// \return SA pairs installed in answer to acquires.
    uint64_t GetPairsInstalled() const;

    /// Fixes the random streams (keys, encapsulation ports); \return the number used.
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    struct Tunnel
    {
        StaticKeyingPeer peers[2];
        SaParams sa;
    };

    void HandleAcquire(IpsecDataPlane* dataPlane, const AcquireEvent& event);
    uint32_t ResponderCpu(const StaticKeyingPeer& responder) const;
    void SteerInbound(const StaticKeyingPeer& receiver, const SaParams& sa, uint32_t cpu) const;
    SaParams MakeSa(const Tunnel& t, uint32_t from, uint32_t spi, uint32_t cpu) const;
    Bytes RandomBytes(uint32_t length) const;

    std::vector<Tunnel> m_tunnels;
    std::map<std::pair<IpsecDataPlane*, uint32_t>, std::pair<uint32_t, uint32_t>> m_byReqid;
    Time m_delay;
    bool m_randomEncapsulationPorts;
    bool m_steerInboundSas;
    uint64_t m_pairsInstalled{0};
    Ptr<UniformRandomVariable> m_stream;
    Ptr<IkeCpuAssigner> m_responderCpus; //!< strongSwan's get_cpu() for the peer's SAs
};

} // namespace ns3

#endif // STATIC_KEY_MANAGER_H
