/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_DATA_PLANE_H
#define IPSEC_DATA_PLANE_H

#include "esp-processor.h"
#include "ipsec-drop-reason.h"
#include "ipsec-nat-traversal-port.h"
#include "ipsec-sa-api.h"
#include "sa-lifetime-queue.h"
#include "security-association-database.h"
#include "security-policy-database.h"

#include "ns3/cpu-cost-model.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <array>
#include <map>
#include <memory>
#include <vector>

namespace ns3
{

class CpuCore;
class CpuModel;
class Node;
class Ipv4L3Protocol;
class Ipv4Route;
class Socket;
class VirtualNetDevice;

/**
 * \ingroup ipsec
 * \brief The ESP data plane of one node, the simulated counterpart of Linux XFRM: SPD, SAD,
 * route-based IPsec interfaces for outbound traffic, and the receive path of ESP (IP protocol
 * 50) and ESP-in-UDP (port 4500, RFC 3948).
 *
 * Aggregated to a Node that has an IPv4 stack (IpsecHelper does it). Key management drives it
 * only through IpsecSaApi and, for IKE on the shared UDP 4500 socket, IpsecNatTraversalPort.
 */
class IpsecDataPlane
    : public Object
    , public IpsecSaApi
    , public IpsecNatTraversalPort
{
  public:
    static constexpr uint16_t NAT_T_PORT = 4500; //!< RFC 3948

    static TypeId GetTypeId();
    IpsecDataPlane();
    ~IpsecDataPlane() override;

    /// Signature of the Drop trace source.
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, IpsecDropReason reason);
    /// Signature of the EspSent and EspReceived trace sources.
    typedef void (*EspTracedCallback)(Ptr<const Packet> packet, uint32_t spi, uint64_t seq);

    // IpsecSaApi
    uint32_t AllocateSpi() override;
    uint32_t AddPolicy(const SecurityPolicy& policy) override;
    bool DeletePolicy(uint32_t id) override;
    void AddSa(const SaParams& params) override;
    bool DeleteSa(SaDirection direction, uint32_t spi, Ipv4Address destination) override;
    Ptr<const IpsecSa> GetSa(SaDirection direction,
                             uint32_t spi,
                             Ipv4Address destination) const override;
    std::vector<Ptr<const IpsecSa>> GetSas() const override;
    void SetAcquireCallback(AcquireCallback callback) override;
    void SetExpireCallback(ExpireCallback callback) override;

    /**
     * Creates the route-based IPsec interface \p interfaceId on this node, like
     * `ip link add ipsecN type xfrm if_id N`. Routes that point into it send packets through
     * the policies and SAs of that interface id.
     */
    Ptr<VirtualNetDevice> CreateInterface(uint32_t interfaceId);

    /// \return the interface \p interfaceId, or nullptr.
    Ptr<VirtualNetDevice> GetInterface(uint32_t interfaceId) const;

    /**
     * Processes an inbound ESP packet (outer headers removed).
     * \param packet the ESP bytes
     * \param source outer source address
     * \param destination outer destination address
     */
    void ReceiveEsp(Ptr<Packet> packet, Ipv4Address source, Ipv4Address destination);

    /// \return the installed SA for white-box use in tests and studies (not part of the API).
    Ptr<IpsecSa> GetMutableSa(SaDirection direction, uint32_t spi, Ipv4Address destination);

    /// \return how many packets were dropped for \p reason.
    uint64_t GetDropCount(IpsecDropReason reason) const;

    /// \return packets sent as ESP.
    uint64_t GetEspSent() const;

    /// \return ESP packets that passed every check and were delivered.
    uint64_t GetEspReceived() const;

    /// \return bytes of the inner packets sent as ESP (before encapsulation).
    uint64_t GetEspSentInnerBytes() const;

    /// \return bytes of the inner packets of ESP packets that passed every check.
    uint64_t GetEspReceivedInnerBytes() const;

    /**
     * \return the parameters of every SA installed on this node, in install order, deleted
     *         ones included (empty if attribute RecordSas is false), so that a key table can
     *         decrypt a capture of the whole run, not only of the SAs alive at its end
     */
    const std::vector<SaParams>& GetSaLog() const;

    /// \return acquires raised (per reqid and core, see AcquireEvent).
    uint64_t GetAcquiresRaised() const;

    /// \return acquires answered: an outbound SA arrived for a pending (reqid, core).
    uint64_t GetAcquiresAnswered() const;

    /// \return NAT-keepalives received on port 4500 (RFC 3948 2.3); not errors.
    uint64_t GetNatKeepalivesReceived() const;

    // IpsecNatTraversalPort (NatTraversalIkeCallback comes from there)

    /**
     * Opens the node's UDP 4500 socket if not yet open and hands it the IKE messages that
     * arrive there (RFC 3948 2.2: four zero octets first), while ESP-in-UDP stays here. This
     * is the Linux UDP_ENCAP_ESPINUDP socket shared by the kernel and the IKE daemon; ns-3
     * lets one socket own a port, so the data plane owns it and the daemon subscribes.
     * \param callback the IKE daemon's receiver
     */
    void SetNatTraversalIkeCallback(NatTraversalIkeCallback callback) override;

    /**
     * Sends an IKE message from UDP port 4500 to \p destination port 4500, with the non-ESP
     * marker in front of it.
     * \param message the IKE message
     * \param destination the peer
     */
    void SendNatTraversalIke(const Bytes& message, Ipv4Address destination) override;

    /// \return the crypto mode of SAs whose parameters leave it unset.
    CryptoMode GetDefaultCryptoMode() const;

    /**
     * Assigns fixed random variable streams (SPI allocation, CBC IVs).
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void NotifyNewAggregate() override;
    void DoDispose() override;

  private:
    void SetDefaultCryptoModeName(std::string name);
    std::string GetDefaultCryptoModeName() const;
    bool SendFromInterface(uint32_t interfaceId,
                           Ptr<Packet> packet,
                           const Address& source,
                           const Address& destination,
                           uint16_t protocol);
    void SendEsp(const Ptr<IpsecSa>& sa, Ptr<Packet> packet);
    /// \return the route of an outer packet, as Ipv4L3Protocol::Send would look it up, or nullptr.
    Ptr<Ipv4Route> RouteOuter(Ptr<Packet> packet,
                              Ipv4Address source,
                              Ipv4Address destination,
                              uint8_t protocol) const;
    Ptr<IpsecSa> SelectOutboundSa(const SecurityPolicy& policy,
                                  uint32_t core,
                                  const FlowTuple& trigger);
    void OpenAndDeliver(const Ptr<IpsecSa>& sa, Ptr<Packet> packet);
    /// \return the core of this node whose job is running, or nullptr.
    Ptr<CpuCore> CurrentCore() const;
    /// \return the selection of PROTECT policies that name none (attribute SaSelection)
    Ptr<SaSelectionPolicy> GetDefaultSelection();
    /// \return the time \p core spends on \p sa's shared state (waiting, then holding it).
    Time SharedStateTime(const Ptr<IpsecSa>& sa, Ptr<CpuCore> core) const;
    /// Takes the next sequence number (or drops the packet at the limit).
    bool ReserveSequence(const Ptr<IpsecSa>& sa, Ptr<const Packet> packet, uint64_t& seq);
    /// Takes a sequence number, then encrypts and sends.
    bool Protect(const Ptr<IpsecSa>& sa, Ptr<Packet> packet);
    void EncryptAndSend(const Ptr<IpsecSa>& sa, uint64_t seq, Ptr<Packet> packet);
    static uint64_t AcquireKey(uint32_t reqid, uint32_t cpu);
    void CheckLifetime(const Ptr<IpsecSa>& sa, IpsecSa::LifetimeEvent event);
    void Expire(Ptr<IpsecSa> sa, bool hard, ExpireCause cause);
    /// A time limit of \p sa: the soft one arms the hard one, then either is reported.
    void TimeLimitReached(Ptr<IpsecSa> sa, bool hard);
    void RaiseAcquire(const SecurityPolicy& policy, const FlowTuple& trigger, uint32_t cpu);
    void Drop(Ptr<const Packet> packet, IpsecDropReason reason);
    void EnsureEncapsulationSocket();
    void ReceiveFromEncapsulationSocket(Ptr<Socket> socket);
    Ptr<IpsecSa> FindSa(SaDirection direction, uint32_t spi, Ipv4Address destination) const;
    bool RemoveSa(const Ptr<IpsecSa>& sa);

    Ptr<Node> m_node;
    Ptr<Ipv4L3Protocol> m_ipv4;
    SecurityPolicyDatabase m_spd;
    SecurityAssociationDatabase m_sad;
    SaLifetimeQueue m_lifetimes; //!< the SAs' time limits
    std::map<uint32_t, Ptr<VirtualNetDevice>> m_interfaces;
    Ptr<CpuModel> m_cpus;                       //!< the node's CPUs, if it has a CPU model
    std::map<uint64_t, Time> m_pendingAcquires; //!< (reqid, core) -> when the acquire lapses
    Ptr<Socket> m_encapsulationSocket;
    Ptr<UniformRandomVariable> m_spiStream;
    Ptr<UniformRandomVariable> m_ivStream;
    std::unique_ptr<EspProcessor> m_esp;
    CryptoMode m_defaultCryptoMode{CryptoMode::REAL};
    Time m_acquireTimeout;
    TypeId m_selectionType;                    //!< attribute SaSelection
    Ptr<SaSelectionPolicy> m_defaultSelection; //!< made from it at first use
    AcquireCallback m_acquireCallback;
    ExpireCallback m_expireCallback;
    NatTraversalIkeCallback m_natTraversalIkeCallback; //!< IKE on port 4500, if any

    std::array<uint64_t, static_cast<size_t>(IpsecDropReason::COUNT)> m_drops{};
    uint64_t m_espSent{0};
    uint64_t m_espReceived{0};
    uint64_t m_espSentInnerBytes{0};     //!< inner bytes of m_espSent
    uint64_t m_espReceivedInnerBytes{0}; //!< inner bytes of m_espReceived
    bool m_recordSas{true};              //!< attribute RecordSas: keep m_saLog
    std::vector<SaParams> m_saLog;       //!< every SA installed, for key tables
    uint64_t m_natKeepalives{0};
    uint64_t m_acquiresRaised{0};
    uint64_t m_acquiresAnswered{0};

    TracedCallback<Ptr<const Packet>, IpsecDropReason> m_dropTrace;
    TracedCallback<Ptr<const Packet>, uint32_t, uint64_t> m_espSentTrace;
    TracedCallback<Ptr<const Packet>, uint32_t, uint64_t> m_espReceivedTrace;
    TracedCallback<const AcquireEvent&> m_acquireTrace;
    TracedCallback<const ExpireEvent&> m_expireTrace;
};

} // namespace ns3

#endif // IPSEC_DATA_PLANE_H
