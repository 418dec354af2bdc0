/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_DAEMON_H
#define IPSEC_IKE_DAEMON_H

#include "ike-child-sa.h"
#include "ike-crypto-cost.h"
#include "ike-crypto-meter.h"
#include "ike-nat-detection.h"
#include "ike-peer-config.h"
#include "ike-sa-manager.h"
#include "ike-sa.h"
#include "ike-session.h"
#include "ike-statistics.h"
#include "ike-transport.h"

#include "ns3/application.h"
#include "ns3/ike-create-child-sa-task.h"
#include "ns3/ipsec-nat-traversal-port.h"
#include "ns3/ipsec-sa-api.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class CpuCore;
class CpuModel;

/**
 * \ingroup ipsec
 * \brief The keys of one IKE SA, kept for the tshark key table (ikev2_decryption_table).
 */
struct IkeKeyRecord
{
    uint64_t spiI{0}; ///< SPIi
    uint64_t spiR{0}; ///< SPIr
    IkeSuite suite;   ///< the negotiated suite
    IkeSaKeys keys;   ///< SK_*
};

/**
 * \ingroup ipsec
 * \brief The IKEv2 daemon of one gateway (strongSwan's charon): a UDP socket on port 500,
 * any number of connections (one per peer), and their IKE SAs, each an IkeSession keyed by
 * this side's SPI. Requests that create an IKE SA find their connection by the peer's
 * address; the data plane's acquires (by reqid) and expires (by SPI) go to the connection
 * and session they concern. Malformed or unexpected messages are dropped and counted (trace
 * source "Drop"), never trusted. Under load (CookieThreshold half-open IKE SAs) IKE_SA_INIT
 * is answered with a stateless COOKIE (RFC 7296 2.6); an IKE SA whose NAT detection finds a
 * NAT (or fakes one, IkePeerConfig::forceEncap) moves to UDP port 4500, which the data plane
 * owns and shares (RFC 3948 non-ESP marker), and its Child SAs are UDP-encapsulated.
 *
 * The daemon is the Application and the user-facing API; its sockets are an IkeTransport, its
 * IKE SAs and their admission an IkeSaManager. It reaches the data plane only through
 * IpsecSaApi (SPIs, SAs, policies, acquires, expires) and IpsecNatTraversalPort (IKE on the
 * shared UDP 4500 socket).
 */
class IkeDaemon : public Application
{
  public:
    /// The IKE port.
    static constexpr uint16_t IKE_PORT = IkeTransport::IKE_PORT;
    /// The IKE port after NAT detection (RFC 7296 2.23), shared with ESP-in-UDP (RFC 3948).
    static constexpr uint16_t NAT_T_PORT = IkeTransport::NAT_T_PORT;

    /// \returns the TypeId
    static TypeId GetTypeId();
    IkeDaemon();
    ~IkeDaemon() override;

    /**
     * \brief Sets the data plane and adds a connection (before start).
     * \param config the connection
     * \param dataPlane the gateway's data plane (see SetDataPlane)
     */
    void Configure(const IkePeerConfig& config, Ptr<Object> dataPlane);

    /**
     * \brief Sets the data plane (before start): any Object that implements IpsecSaApi and
     * IpsecNatTraversalPort (IpsecDataPlane, or a fake in a test). The daemon keeps a reference
     * to the Object, so the two interfaces it uses stay valid; it uses nothing else of it.
     * Aborts if \p dataPlane is null or lacks one of the interfaces.
     * \param dataPlane the gateway's data plane
     */
    void SetDataPlane(Ptr<Object> dataPlane);

    /**
     * \brief Adds a connection; aborts on an invalid one (empty proposals, a second
     * connection to the same peer).
     * \param config the connection
     * \returns its index
     */
    uint32_t AddConnection(const IkePeerConfig& config);

    /**
     * \brief Replaces a connection (before start; the peer address may not change).
     * \param index the connection
     * \param config its new configuration
     */
    void SetConnection(uint32_t index, const IkePeerConfig& config);

    /// \returns the number of connections
    uint32_t GetConnectionCount() const;

    /// \param index a connection \returns it
    const IkePeerConfig& GetConfig(uint32_t index = 0) const;

    /// \returns the data plane's SA interface (XFRM netlink role), or null before SetDataPlane;
    /// valid while the daemon lives (it holds the data plane)
    IpsecSaApi* GetDataPlane() const;

    /**
     * \brief Starts an IKE SA with its first Child SA for a connection now, unless one is up
     * or being set up.
     * \param index the connection
     */
    void Initiate(uint32_t index = 0);

    /**
     * \brief Deletes the live IKE SA of a connection and its Child SAs (INFORMATIONAL with an
     * IKE Delete payload; strongSwan's swanctl --terminate --ike).
     * \param index the connection
     * \returns whether there was a live IKE SA
     */
    bool CloseIkeSa(uint32_t index = 0);

    /**
     * \brief Deletes one Child SA pair (INFORMATIONAL with an ESP Delete payload; strongSwan's
     * swanctl --terminate --child).
     * \param inboundSpi our inbound SPI of the pair
     * \returns whether an IKE SA holds the pair (the Delete is then queued)
     */
    bool DeleteChildSa(uint32_t inboundSpi);

    /**
     * \brief Rekeys the live IKE SA of a connection now (CREATE_CHILD_SA; strongSwan's
     * swanctl --rekey --ike), as its rekey time would.
     * \param index the connection
     * \returns whether there was a live IKE SA
     */
    bool RekeyIkeSa(uint32_t index = 0);

    /**
     * \brief Creates one more Child SA of a connection on its established IKE SA
     * (CREATE_CHILD_SA; strongSwan's swanctl --initiate --child with the IKE SA up).
     * \param index the connection
     * \param task a prepared initiator (IkeCreateChildSaTask::ForNewChildSa, e.g. with a CPU or
     *        narrowed selectors), or null for a plain one
     * \returns whether an established IKE SA is there (the exchange is then queued)
     */
    bool CreateChildSa(uint32_t index = 0, std::unique_ptr<IkeCreateChildSaTask> task = nullptr);

    /**
     * \brief Rekeys one Child SA pair now (CREATE_CHILD_SA with REKEY_SA; strongSwan's
     * swanctl --rekey --child), as its soft expire would.
     * \param inboundSpi our inbound SPI of the pair
     * \returns whether the pair is INSTALLED on an established IKE SA (the rekey is queued)
     */
    bool RekeyChildSa(uint32_t inboundSpi);

    /// \returns the newest IKE SA of connection 0 (the live one if any), or null
    const IkeSa* GetIkeSa() const;

    /// \param index a connection \returns its newest session (the live one if any), or null
    const IkeSession* GetSession(uint32_t index = 0) const;

    /// \returns all sessions, ordered by local SPI
    std::vector<const IkeSession*> GetSessions() const;

    /// \returns whether an IKE SA of connection 0 is established
    bool IsEstablished() const;

    /// \returns the Child SAs of all IKE SAs, in session order, oldest first
    std::vector<IkeChildSa> GetChildSas() const;

    /// \returns the last error notify sent or received (0 if none)
    IkeNotifyType GetLastError() const;

    /**
     * \param index a connection
     * \returns whether NAT detection of its newest IKE SA found a NAT (or forceEncap faked
     *          one): its IKE messages then use port 4500 and its Child SAs UDP encapsulation
     */
    bool IsNatDetected(uint32_t index = 0) const;

    /// \returns the responder IKE SAs still half open (IKE_SA_INIT answered, IKE_AUTH not done)
    uint32_t GetHalfOpenCount() const;

    /// \returns messages dropped (malformed, unexpected, failing integrity, unknown SPI)
    uint64_t GetDropCount() const;

    /// \returns requests retransmitted
    uint64_t GetRetransmissionCount() const;

    /// \returns requests answered from the cached response
    uint64_t GetCachedResponseCount() const;

    /// \returns the counters of this daemon
    const IkeStatistics& GetStatistics() const;

    /// \returns the IKE crypto operations counted and their modelled time (only with a CPU
    /// model on the node; the meter stays disabled without one)
    const IkeCryptoMeter& GetCryptoMeter() const;
    /// \returns the core time the IKE work has occupied or will occupy (queued jobs included)
    Time GetCpuTime() const;

    /// \returns the keys of the IKE SAs this daemon initiated (or rekeyed), oldest first,
    /// if attribute RecordKeys is true
    const std::vector<IkeKeyRecord>& GetKeyLog() const;

    /// \param stream the first stream \returns the number of streams used (1)
    int64_t AssignStreams(int64_t stream);

    /// \name For the sessions and their tasks
    /// @{
    /// \returns the randomness of SPIs, nonces, keys and jitter
    Ptr<UniformRandomVariable> GetStream() const;
    /// \returns the first retransmission timeout
    Time GetRetransmitTimeout() const;
    /// \returns the back-off base
    double GetRetransmitBase() const;
    /// \returns retransmissions before an IKE SA is given up
    uint32_t GetRetransmitTries() const;
    /// \returns the counters, to update
    IkeStatistics& Statistics();
    /// \returns where the IKE SAs record their crypto operations
    IkeCryptoMeter& GetCryptoMeter();
    /// \param config the connection \param data octets to send to its peer
    void Send(const IkePeerConfig& config, const Bytes& data);
    /// \param reason why \param detail what
    void Drop(const std::string& reason, const std::string& detail);
    /// \param error the notify (0: nothing) \param sent whether we sent it
    void NoteError(IkeNotifyType error, bool sent);
    /// \param tries the retransmission number \param request the octets resent
    void NoteRetransmission(uint32_t tries, const Bytes& request);
    /// Counts a request answered from the cache.
    void NoteCachedResponse();
    /// \param session the session whose IKE SA was authenticated
    void NoteEstablished(const IkeSession& session);
    /// \param sa an IKE SA that has just been keyed (recorded if this side initiated it)
    void NoteKeys(const IkeSa& sa);
    /// \param child a Child SA pair just installed
    void NoteChildSa(const IkeChildSa& child);
    /// \param session a session whose IKE_SA_INIT has just run NAT detection
    void NoteNatDetection(const IkeSession& session);
    /**
     * \brief Registers a session under its local SPI (IKE SA rekey: the new IKE SA).
     * \param session the session
     * \returns it
     */
    IkeSession& AddSession(std::unique_ptr<IkeSession> session);
    /// \param localSpi a session to discard once the current event is over
    void RemoveSession(uint64_t localSpi);
    /// \param localSpi this side's SPI of an IKE SA \returns its session, or null
    IkeSession* FindSession(uint64_t localSpi);
    /// \param sa the IKE SA whose stream draws it \returns a random SPI no session has here
    uint64_t NewLocalSpi(IkeSa& sa) const;
    /// @}

    /// TracedCallback signature of a Child SA. \param child the pair
    typedef void (*ChildSaCallback)(const IkeChildSa& child);
    /// TracedCallback signature of an established IKE SA. \param spiI SPIi \param spiR SPIr
    typedef void (*EstablishedCallback)(uint64_t spiI, uint64_t spiR);
    /// TracedCallback signature of an error notify. \param type it \param sent whether sent
    typedef void (*ErrorCallback)(uint16_t type, bool sent);
    /// TracedCallback signature of a message. \param data its octets
    typedef void (*MessageCallback)(const Bytes& data);
    /// TracedCallback signature of a drop. \param reason why \param detail what
    typedef void (*DropCallback)(const std::string& reason, const std::string& detail);
    /// TracedCallback signature of a retransmission. \param tries number \param data octets
    typedef void (*RetransmitCallback)(uint32_t tries, const Bytes& data);
    /// TracedCallback signature of IKE work given to a core. \param time its service time
    /// \param core the core's index
    typedef void (*CpuWorkCallback)(Time time, uint32_t core);
    /// TracedCallback signature of NAT detection. \param spiI SPIi \param spiR SPIr
    /// \param state what was found
    typedef void (*NatDetectionCallback)(uint64_t spiI, uint64_t spiR, const IkeNatState& state);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /**
     * \brief Receives a datagram from the transport.
     * \param data its octets
     * \param from the sender
     * \param fromPort the sender's port
     * \param port the local port it arrived on (IKE_PORT or NAT_T_PORT)
     */
    void HandleDatagram(const Bytes& data, Ipv4Address from, uint16_t fromPort, uint16_t port);
    /**
     * \brief Handles a datagram.
     * \param from the sender
     * \param data its octets
     * \param port the UDP port it arrived on (IKE_PORT or NAT_T_PORT)
     */
    void HandleMessage(Ipv4Address from, const Bytes& data, uint16_t port = IKE_PORT);
    /// \param localSpi this side's SPI \returns whether its IKE SA has floated to NAT_T_PORT
    bool IsFloated(uint64_t localSpi) const;
    /// \param from the sender \param message a parsed IKE_SA_INIT request
    void HandleInitRequest(Ipv4Address from, IkeMessage& message);
    /// \param event the acquire
    void HandleAcquire(const AcquireEvent& event);
    /// \param event the expire
    void HandleExpire(const ExpireEvent& event);
    /// \param index a connection \returns its live session (not failed nor closed), or null
    IkeSession* FindLiveSession(uint32_t index) const;
    /// \param address a peer \returns its connection index, or -1
    int FindConnection(Ipv4Address address) const;
    /// \param config a connection \returns its index
    uint32_t IndexOf(const IkePeerConfig& config) const;
    /// \param config the connection \param data octets to send to its peer now
    void Transmit(const IkePeerConfig& config, const Bytes& data);
    /// \returns the core that runs the next piece of IKE work (attribute ControlCore)
    Ptr<CpuCore> ChooseControlCore() const;
    /**
     * \brief Occupies a core for crypto work, then runs done.
     * \param work the service time (the meter's pending time)
     * \param done what follows the work (sending its message), or a null callback
     * \returns false if the core's backlog refused the job (done will not run)
     */
    bool RunCryptoWork(Time work, Callback<void> done);
    /// Charges crypto work that no message has carried out (e.g. a final response processed).
    void ChargeRemainingWork();

    std::vector<std::unique_ptr<IkePeerConfig>> m_configs;    ///< connections (stable addresses)
    std::map<uint32_t, uint32_t> m_configByPeer;              ///< peer address -> connection
    Ptr<Object> m_dataPlane;                                  ///< holds the two below alive
    IpsecSaApi* m_saApi{nullptr};                             ///< SAs, policies, acquires, expires
    IpsecNatTraversalPort* m_natPort{nullptr};                ///< the shared UDP 4500 socket
    IkeTransport m_transport;                                 ///< UDP 500 and IKE on UDP 4500
    Ptr<UniformRandomVariable> m_stream;                      ///< randomness of the IKE SAs
    Time m_retransmitTimeout;                                 ///< first timeout
    double m_retransmitBase;                                  ///< back-off base
    uint32_t m_retransmitTries;                               ///< retransmissions before giving up
    IkeNotifyType m_lastError{static_cast<IkeNotifyType>(0)}; ///< last error notify
    IkeStatistics m_stats;                                    ///< counters
    IkeSaManager m_saManager{m_stats};  ///< the IKE SAs and their admission (after m_stats)
    bool m_recordKeys{true};            ///< keep m_keyLog
    std::vector<IkeKeyRecord> m_keyLog; ///< keys for tshark
    bool m_recordResponderKeys{false};  ///< also log the IKE SAs the peer initiated
    Ptr<IkeCryptoCost> m_cryptoCost;    ///< cost of each IKE crypto operation
    int32_t m_controlCore{-1};          ///< core of the IKE work, -1: the least loaded
    Ptr<CpuModel> m_cpus;               ///< the node's CPUs, or null (IKE then takes no time)
    IkeCryptoMeter m_meter;             ///< crypto operations recorded by the IKE SAs
    Time m_cpuTime;                     ///< core time given to IKE work
    TracedCallback<Time, uint32_t> m_cpuWorkTrace; ///< IKE work queued: service time, core

    TracedCallback<const std::string&, const std::string&> m_dropTrace; ///< reason, detail
    TracedCallback<uint32_t, const Bytes&> m_retransmitTrace;           ///< try, request octets
    TracedCallback<const IkeChildSa&> m_childSaTrace;                   ///< Child SA installed
    TracedCallback<uint64_t, uint64_t> m_establishedTrace;              ///< IKE SA up: SPIi, SPIr
    TracedCallback<uint16_t, bool> m_errorTrace;                        ///< error notify, sent
    TracedCallback<const Bytes&> m_txTrace;                             ///< message sent
    TracedCallback<const Bytes&> m_rxTrace;                             ///< message received
    TracedCallback<uint64_t, uint64_t, const IkeNatState&> m_natTrace;  ///< NAT detection

    // COOKIEs and half-open IKE SAs (RFC 7296 2.6, strongSwan's receiver)
    uint32_t m_cookieThreshold{30}; ///< half-open IKE SAs from which on cookies are required
    uint32_t m_blockThreshold{5};   ///< half-open IKE SAs per peer from which on requests drop
    Time m_halfOpenTimeout;         ///< a half-open IKE SA is given up after this
    Time m_cookieSecretLifetime;    ///< how long a cookie secret makes cookies
};

} // namespace ns3

#endif /* IPSEC_IKE_DAEMON_H */
