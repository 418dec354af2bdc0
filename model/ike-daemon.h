/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_DAEMON_H
#define IPSEC_IKE_DAEMON_H

#include "ike-child-sa.h"
#include "ike-peer-config.h"
#include "ike-sa.h"
#include "ike-task.h"
#include "ipsec-data-plane.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The IKEv2 daemon of one gateway (strongSwan's charon for one connection): a UDP
 * socket on port 500, one IKE SA with its peer, exchanges run as task objects (IKE_SA_INIT,
 * IKE_AUTH with PSK and the first Child SA), requests retransmitted with strongSwan's
 * exponential back-off, retransmitted requests answered from the cached response, and the
 * Child SAs installed through the data plane's IpsecSaApi. Malformed or unexpected messages
 * are dropped and counted (trace source "Drop"), never trusted.
 */
class IkeDaemon : public Application
{
  public:
    /// The IKE port.
    static constexpr uint16_t IKE_PORT = 500;

    /// \returns the TypeId
    static TypeId GetTypeId();
    IkeDaemon();
    ~IkeDaemon() override;

    /**
     * \brief Sets the connection and the data plane its Child SAs go to (before start).
     * \param config the connection
     * \param dataPlane the gateway's data plane
     */
    void Configure(const IkePeerConfig& config, Ptr<IpsecDataPlane> dataPlane);

    /// \returns the connection
    const IkePeerConfig& GetConfig() const;

    /// Starts an IKE SA with its first Child SA now, unless one is up or being set up.
    void Initiate();

    /// \returns the current IKE SA, or null
    const IkeSa* GetIkeSa() const;

    /// \returns whether the IKE SA is established
    bool IsEstablished() const;

    /// \returns the Child SAs installed, oldest first
    const std::vector<IkeChildSa>& GetChildSas() const;

    /// \returns the last error notify sent or received (0 if none)
    IkeNotifyType GetLastError() const;

    /// \returns messages dropped (malformed, unexpected, failing integrity, unknown SPI)
    uint64_t GetDropCount() const;

    /// \returns requests retransmitted
    uint64_t GetRetransmissionCount() const;

    /// \returns requests answered from the cached response
    uint64_t GetCachedResponseCount() const;

    /// \param stream the first stream \returns the number of streams used (1)
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// Receives datagrams. \param socket the socket
    void HandleRead(Ptr<Socket> socket);
    /// Handles a datagram. \param data its octets
    void HandleMessage(const Bytes& data);
    /// \param message a parsed response
    void HandleResponse(IkeMessage& message);
    /// \param message a parsed request
    void HandleRequest(IkeMessage& message);
    /// \param message a parsed IKE_SA_INIT request
    void HandleInitRequest(IkeMessage& message);
    /// Starts the next queued task, or finishes.
    void StartNextTask();
    /// Builds, protects and sends the active task's request.
    void SendRequest();
    /// Resends the request or gives up.
    void Retransmit();
    /// \param data octets to send to the peer
    void Send(const Bytes& data);
    /// \param reason why \param detail what
    void Drop(const std::string& reason, const std::string& detail);
    /// \param error the notify \param sent whether we sent it
    void NoteError(IkeNotifyType error, bool sent);
    /// \param event the acquire
    void HandleAcquire(const AcquireEvent& event);
    /// Ends the IKE SA in failure. \param error why
    void FailIkeSa(IkeNotifyType error);
    /// Records what a completed task installed. \param task the task
    void Harvest(IkeTask& task);

    IkePeerConfig m_config;                                   ///< the connection
    Ptr<IpsecDataPlane> m_dataPlane;                          ///< the data plane
    Ptr<Socket> m_socket;                                     ///< UDP 500
    Ptr<UniformRandomVariable> m_stream;                      ///< randomness of the IKE SAs
    Time m_retransmitTimeout;                                 ///< first timeout
    double m_retransmitBase;                                  ///< back-off base
    uint32_t m_retransmitTries;                               ///< retransmissions before giving up
    std::unique_ptr<IkeSa> m_sa;                              ///< the IKE SA
    std::deque<std::unique_ptr<IkeTask>> m_queue;             ///< tasks to initiate
    std::unique_ptr<IkeTask> m_active;                        ///< the task whose request is out
    Bytes m_request;                                          ///< the request as sent
    uint32_t m_tries{0};                                      ///< retransmissions of m_request
    EventId m_retransmitEvent;                                ///< the next retransmission
    std::vector<IkeChildSa> m_children;                       ///< Child SAs installed
    IkeNotifyType m_lastError{static_cast<IkeNotifyType>(0)}; ///< last error notify
    uint64_t m_drops{0};                                      ///< messages dropped
    uint64_t m_retransmissions{0};                            ///< requests resent
    uint64_t m_cachedResponses{0};                            ///< responses resent

    TracedCallback<const std::string&, const std::string&> m_dropTrace; ///< reason, detail
    TracedCallback<uint32_t, const Bytes&> m_retransmitTrace;           ///< try, request octets
    TracedCallback<const IkeChildSa&> m_childSaTrace;                   ///< Child SA installed
    TracedCallback<uint64_t, uint64_t> m_establishedTrace;              ///< IKE SA up: SPIi, SPIr
    TracedCallback<uint16_t, bool> m_errorTrace;                        ///< error notify, sent
    TracedCallback<const Bytes&> m_txTrace;                             ///< message sent
    TracedCallback<const Bytes&> m_rxTrace;                             ///< message received
};

} // namespace ns3

#endif /* IPSEC_IKE_DAEMON_H */
