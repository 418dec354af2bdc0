/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_HELPER_H
#define IKE_HELPER_H

#include "ipsec-tunnel-helper.h"
#include "wireshark-ike-key-table.h"

#include "ns3/ike-daemon.h"
#include "ns3/object-factory.h"

#include <string>
#include <vector>

namespace ns3
{

/// \ingroup ipsec
/// \brief A tunnel keyed by IKE, as installed: interfaces and policies, and the two daemons.
struct IkeTunnel
{
    IpsecTunnel tunnel;       //!< interfaces and policies (no SAs until IKE installs them)
    Ptr<IkeDaemon> initiator; //!< the daemon on end a
    Ptr<IkeDaemon> responder; //!< the daemon on end b
};

/**
 * \ingroup ipsec
 * \brief Sets up a route-based tunnel between two gateways whose Child SAs are negotiated by
 * IKEv2: the IPsec interfaces, routes and policies come from IpsecTunnelHelper::PrepareSide,
 * and each gateway gets an IkeDaemon configured with the other as peer (IDs: the outer
 * addresses; traffic selectors: the protected subnets). End a initiates (start action "start"
 * by default, or "trap"), end b responds.
 */
class IkeHelper
{
  public:
    IkeHelper();

    /// \param psk the pre-shared key of both ends
    void SetPsk(const Bytes& psk);
    /// \param proposals the IKE proposals of both ends, preferred first
    void SetIkeProposals(const std::vector<IkeSuite>& proposals);
    /// \param proposals the ESP proposals of both ends, preferred first
    void SetEspProposals(const std::vector<CipherSuite>& proposals);
    /// \param action what the initiating end does at start (START or TRAP)
    void SetStartAction(IkeStartAction action);
    /**
     * \brief Sets an attribute of the RFC 9611 settings (IkePerResourceConfig) each end's
     * connection gets, e.g. ("Enabled", BooleanValue(true)) or ("InitiatorPolicy",
     * TypeIdValue(EagerResourcePolicy::GetTypeId())); unset ones keep their defaults
     * (Config::SetDefault, --ns3::IkePerResourceConfig::...). Each end has its own object
     * (IkePeerConfig::perResource; its cpuCount is its gateway's number of cores). When enabled,
     * the tunnels' policies select SAs per CPU (PerCpuSaSelection, the data plane's per-CPU
     * acquires). Call before Install.
     * \param name the attribute \param value its value
     */
    void SetPerResourceAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \brief All tunnels of \p gateway share one IPsec interface routed to \p network /
     * \p mask (a hub: see IpsecTunnelHelper::SetSharedInterface); before its first Install.
     * \param gateway the node
     * \param network the aggregate of the remote subnets
     * \param mask its mask
     */
    void SetSharedInterface(Ptr<Node> gateway, Ipv4Address network, Ipv4Mask mask);
    /// \param name an IkeDaemon attribute \param value its value, for both daemons
    void SetDaemonAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Installs the tunnel and the daemons; both gateways need an IpsecDataPlane (IpsecHelper).
     * In a distributed run every process installs every tunnel, so that configurations and
     * random streams match, but a daemon runs only in its gateway's process (NodeLocality): on
     * other gateways it is configured and never started.
     * \param a the initiating end
     * \param b the responding end
     * \returns what was installed; the daemons may be reconfigured before they start
     */
    IkeTunnel Install(const IpsecTunnelEnd& a, const IpsecTunnelEnd& b);

    /**
     * \brief Installs one gateway's side of a tunnel to a peer that is not simulated (a real
     * IKE daemon reached through an emulated device, e.g. strongSwan): \p local's IPsec
     * interface, route and policy, and its daemon, which initiates with this helper's start
     * action when \p initiate is true and only responds otherwise. The daemon also records the
     * keys of the IKE SAs the peer initiates (RecordResponderKeys), as nobody else can.
     * Refused in a distributed run: a real peer needs the real-time simulator.
     * \param local this gateway \param remote the peer (its gateway is not used and may be null)
     * \param initiate whether this end initiates
     * \returns the daemon
     */
    Ptr<IkeDaemon> InstallToExternalPeer(const IpsecTunnelEnd& local,
                                         const IpsecTunnelEnd& remote,
                                         bool initiate);

    /**
     * \returns one ikev2_decryption_table row (WiresharkIkeKeyTable) per IKE SA keyed so far
     * (rekeyed ones included) by the daemons installed, for tshark. Refused in a distributed
     * run: the keys of the other processes' daemons are not here.
     */
    std::vector<std::string> IkeKeyTableRows() const;

    /// Writes IkeKeyTableRows() to \p path, one per line; throws std::runtime_error if it cannot.
    void WriteIkeKeyTable(const std::string& path) const;

    /// Fixes the streams of the daemons installed so far; \return the number used.
    int64_t AssignStreams(int64_t stream);

  private:
    /// \returns the key table of the initiators' IKE SAs
    WiresharkIkeKeyTable MakeIkeKeyTable() const;

    /**
     * \param gateway a node \param dataPlane its data plane
     * \returns the daemon this helper installed on it, or a new one (one per gateway: the
     *          hub of many tunnels has one daemon with one connection per spoke)
     */
    Ptr<IkeDaemon> DaemonFor(Ptr<Node> gateway, Ptr<IpsecDataPlane> dataPlane);

    /// \returns one end's configuration, with \p perResource as its RFC 9611 settings
    IkePeerConfig MakeConfig(const IpsecTunnelEnd& local,
                             const IpsecTunnelEnd& remote,
                             const IpsecTunnelSide& side,
                             IkeStartAction action,
                             Ptr<IkePerResourceConfig> perResource) const;

    IpsecTunnelHelper m_tunnels;             //!< interfaces, routes, policies
    ObjectFactory m_factory;                 //!< daemons
    Bytes m_psk;                             //!< pre-shared key
    std::vector<IkeSuite> m_ikeProposals;    //!< IKE proposals
    std::vector<CipherSuite> m_espProposals; //!< ESP proposals
    IkeStartAction m_startAction;            //!< end a's start action
    ObjectFactory m_perResource;             //!< RFC 9611 settings of each end
    std::vector<Ptr<IkeDaemon>> m_daemons;   //!< installed daemons
};

} // namespace ns3

#endif // IKE_HELPER_H
