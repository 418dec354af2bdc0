/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_SESSION_H
#define IPSEC_IKE_SESSION_H

#include "ike-child-sa-table.h"
#include "ike-child-sa.h"
#include "ike-peer-config.h"
#include "ike-sa.h"
#include "ike-task-manager.h"

#include "ns3/event-id.h"
#include "ns3/ike-resource-group.h"
#include "ns3/ike-task.h"
#include "ns3/ipsec-sa-api.h"
#include "ns3/nstime.h"

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace ns3
{

class IkeCreateChildSaTask;
class IkeDaemon;

/**
 * \ingroup ipsec
 * \brief One IKE SA (strongSwan's ike_sa_t): its lifetimes and liveness timers, its
 * establishment, failure, close and rekey hand-over; it owns its exchanges (IkeTaskManager)
 * and its Child SAs (IkeChildSaTable) and dispatches the data plane's acquires and expires.
 * The methods that forward to those two stay for the tasks and the daemon.
 */
class IkeSession
{
  public:
    /**
     * \param daemon the daemon that owns the session (outlives it)
     * \param config the connection (outlives it)
     * \param sa the IKE SA
     */
    IkeSession(IkeDaemon& daemon, const IkePeerConfig& config, std::unique_ptr<IkeSa> sa);
    ~IkeSession();
    IkeSession(const IkeSession&) = delete;
    IkeSession& operator=(const IkeSession&) = delete;

    /// \returns the IKE SA
    IkeSa& GetSa();
    /// \returns the IKE SA
    const IkeSa& GetSa() const;
    /// \returns the connection
    const IkePeerConfig& GetConfig() const;
    /// \returns the daemon
    IkeDaemon& GetDaemon();
    /// \returns the daemon
    const IkeDaemon& GetDaemon() const;
    /// \returns the data plane the Child SAs go to
    IpsecSaApi& GetDataPlane();
    /// \returns when the session was created
    Time GetCreated() const;

    /// \returns this side's SPI of the IKE SA (the daemon's key for it)
    uint64_t GetLocalSpi() const;

    /// \param task an exchange to initiate once the ones before it are done
    void Queue(std::unique_ptr<IkeTask> task);
    /// \returns the exchange whose request is out, or null
    const IkeTask* GetActiveTask() const;
    /// \returns the exchanges waiting to be initiated
    const std::deque<std::unique_ptr<IkeTask>>& GetQueuedTasks() const;
    /// Starts the next queued task if none is out (e.g. after a task became ready).
    void Kick();
    /**
     * \brief Drops queued exchanges that are no longer wanted (e.g. more RFC 9611 additional
     * SAs after TS_MAX_QUEUE).
     * \param unwanted says which
     * \returns how many were dropped
     */
    size_t Unqueue(const std::function<bool(const IkeTask&)>& unwanted);

    /// \param message a response to one of our requests (parsed, still encrypted)
    void HandleResponse(IkeMessage& message);
    /// \param message a request of the peer after IKE_SA_INIT (parsed, still encrypted)
    void HandleRequest(IkeMessage& message);
    /**
     * \brief Responder: answers the IKE_SA_INIT request that created this session.
     * \param message the request
     * \returns whether the IKE SA goes on (false: refused, the session is to be discarded)
     */
    bool RespondToInit(IkeMessage& message);

    /**
     * \brief Derives KEYMAT and installs both SAs of a pair in the data plane, with this
     * connection's lifetimes and a fresh jitter.
     * \param spec what was negotiated
     * \returns the Child SA recorded, or nullopt if the data plane refused it
     */
    std::optional<IkeChildSa> InstallChildSa(const IkeChildSaSpec& spec);
    /// \returns the Child SAs of this IKE SA, oldest first
    const std::vector<IkeChildSa>& GetChildSas() const;
    /// \returns the RFC 9611 group of this IKE SA's Child SAs
    IkeResourceGroup& GetResourceGroup();
    /// \returns the RFC 9611 group of this IKE SA's Child SAs
    const IkeResourceGroup& GetResourceGroup() const;
    /// \param inboundSpi our inbound SPI \returns the Child SA, or null
    IkeChildSa* FindChildSa(uint32_t inboundSpi);
    /// \param spi an inbound or outbound SPI \returns the Child SA having it, or null
    IkeChildSa* FindChildSaBySpi(uint32_t spi);
    /**
     * \brief Removes a Child SA pair from the data plane and from the session.
     * \param inboundSpi our inbound SPI
     * \returns whether it existed
     */
    bool RemoveChildSa(uint32_t inboundSpi);
    /// \param children Child SAs to take over (IKE SA rekey: they move to the new IKE SA)
    void AdoptChildSas(std::vector<IkeChildSa> children);
    /// \returns and forgets the Child SAs (IKE SA rekey), without touching the data plane
    std::vector<IkeChildSa> ReleaseChildSas();

    /// Marks the IKE SA established, records it and arms its timers.
    void Establish();
    /**
     * \brief Ends the IKE SA in failure: stops its exchanges and removes its Child SAs.
     * \param error why (0 if no notify)
     */
    void Fail(IkeNotifyType error);
    /// Ends the IKE SA after a Delete (or a rekey): stops everything, removes its Child SAs
    /// (none are left after a rekey moved them), and has the daemon discard the session.
    void Close();
    /// Stops timers and retransmissions (the daemon stops).
    void Stop();

    /// \name For users and examples (strongSwan's swanctl --terminate)
    /// @{
    /**
     * \brief Deletes a Child SA pair with an INFORMATIONAL exchange (IkeDeleteChildSaTask).
     * \param inboundSpi our inbound SPI of the pair
     * \returns whether the pair exists (the Delete is then queued)
     */
    bool DeleteChildSa(uint32_t inboundSpi);
    /// Deletes the IKE SA and its Child SAs with an INFORMATIONAL exchange
    /// (IkeDeleteIkeSaTask); both ends close it.
    void Delete();
    /// @}

    /// \returns when a message of the peer last passed the integrity check (liveness)
    Time GetLastReceived() const;
    /// A message of the peer passed the integrity check just now (liveness).
    void NoteReceived();

    /// \returns the exchanges of this IKE SA
    IkeTaskManager& GetTaskManager();
    /// \returns the Child SAs of this IKE SA and their rekeys
    IkeChildSaTable& GetChildSaTable();

    /// \name IKE SA rekey (IkeRekeyIkeSaTask)
    /// @{
    /// The new IKE SA of a peer's rekey exchange that crossed ours, with its nonces.
    struct PeerIkeRekey
    {
        uint64_t newLocalSpi{0}; ///< our SPI of the peer's new IKE SA
        Bytes nonceI;            ///< the peer's nonce of that exchange
        Bytes nonceR;            ///< ours
    };

    /// Rekeys the IKE SA now, unless a rekey is out or queued or it was replaced already.
    void RekeyIkeSa();
    /**
     * \brief Whether an IKE SA rekey of ours is out, or this IKE SA was replaced by a rekey
     * (its Child SAs moved to the new one). The CREATE_CHILD_SA responder for Child SAs must
     * answer TEMPORARY_FAILURE then (RFC 7296 2.25; strongSwan: "unable to create CHILD_SA
     * while rekeying IKE_SA").
     * \returns true during an IKE SA rekey
     */
    bool IsRekeyingIkeSa() const;
    /// \returns whether this IKE SA was replaced by a rekey and waits for its Delete
    bool IsRekeyed() const;
    /**
     * \brief Moves the Child SAs and the queued Child SA work to the IKE SA that replaces
     * this one, and marks this one rekeyed (no rekey, liveness nor new work any more).
     * \param successor the new IKE SA
     */
    void HandOver(IkeSession& successor);
    /// Marks a new IKE SA made by a rekey established and arms its timers.
    void EstablishRekeyed();
    /// \param peer the peer's rekey that crossed ours, to decide when ours completes
    void SetPeerIkeRekey(const PeerIkeRekey& peer);
    /// \returns and forgets the peer's crossing rekey, if any
    std::optional<PeerIkeRekey> TakePeerIkeRekey();
    /// \param delay when to try the IKE SA rekey again (after TEMPORARY_FAILURE)
    void RetryIkeRekey(Time delay);
    /**
     * \brief This new IKE SA lost a rekey collision and its creator, the peer, is to delete
     * it; should the peer's exchange never complete (its response lost while the old IKE SA
     * was deleted), it is closed here once the peer's retransmissions would have given up.
     */
    void ExpectRedundantDelete();
    /// @}

    /// \param event an acquire of the data plane for this connection's reqid
    void HandleAcquire(const AcquireEvent& event);
    /// \param event an expire of one of this IKE SA's Child SAs
    void HandleExpire(const ExpireEvent& event);

    /// \name The Child SA rekey life cycle (IkeCreateChildSaTask; RFC 7296 2.8, 2.8.1, 2.25)
    /// @{
    /// \param outboundSpi an SPI the peer receives on \returns the Child SA, or null
    IkeChildSa* FindChildSaByOutboundSpi(uint32_t outboundSpi);
    /**
     * \brief Queues the rekey of an INSTALLED pair and marks it REKEYING (a soft expire, or
     * strongSwan's swanctl --rekey --child).
     * \param inboundSpi our inbound SPI of the pair
     * \returns whether the rekey was queued
     */
    bool RekeyChildSa(uint32_t inboundSpi);
    /**
     * \brief The rekey this side initiated is over. On success the new pair is installed
     * already (make-before-break); the old one is deleted, unless the peer rekeyed it at the
     * same time and won (then we delete our redundant new pair). On failure the rekey is
     * retried after a random delay (RFC 7296 2.25), unless the peer rekeyed the pair.
     * \param task the rekey task \param result its outcome
     */
    void CompleteChildRekey(const IkeCreateChildSaTask& task, IkeTask::Result result);
    /**
     * \brief The peer rekeyed one of our pairs (we answered its CREATE_CHILD_SA): the old pair
     * is REKEYED (kept receiving until the peer deletes it), or, if we are rekeying it too, the
     * collision is noted for CompleteChildRekey.
     * \param replacedSpi our inbound SPI of the old pair
     * \param replacement the new pair installed
     * \param nonceI the peer's nonce \param nonceR ours
     */
    void NoteChildRekeyedByPeer(uint32_t replacedSpi,
                                const IkeChildSa& replacement,
                                const Bytes& nonceI,
                                const Bytes& nonceR);
    /**
     * \brief A new Child SA this side asked for was refused with TEMPORARY_FAILURE (the peer
     * was rekeying the IKE SA): it is asked for again after a random delay (5-15 s).
     * \param task the refused initiator
     */
    void RetryNewChildSa(const IkeCreateChildSaTask& task);
    /// @}

  private:
    /// Queues a liveness check if the peer has been silent for dpdDelay, and re-arms.
    void CheckLiveness();
    /// Arms the liveness check, the IKE SA rekey and the hard IKE lifetime.
    void ArmTimers();
    /// The hard IKE lifetime has passed: the IKE SA goes, rekeyed or not.
    void ExpireIkeSa();
    /// An acquire not bound to a CPU: the policy has no outbound SA, create one (trap).
    void HandleOrdinaryAcquire();

    IkeDaemon& m_daemon;                        ///< the owner
    const IkePeerConfig& m_config;              ///< the connection
    std::unique_ptr<IkeSa> m_sa;                ///< the IKE SA
    Time m_created;                             ///< creation time
    IkeTaskManager m_tasks;                     ///< the exchanges
    IkeChildSaTable m_childSas;                 ///< the Child SAs
    Time m_lastReceived;                        ///< last authentic message of the peer
    EventId m_livenessEvent;                    ///< the next liveness check (dpdDelay)
    EventId m_ikeRekeyEvent;                    ///< the IKE SA rekey (soft lifetime)
    EventId m_ikeExpireEvent;                   ///< the hard IKE lifetime
    bool m_rekeyed{false};                      ///< replaced by a rekey
    std::optional<PeerIkeRekey> m_peerIkeRekey; ///< the peer's crossing rekey
    EventId m_redundantEvent;                   ///< closes a redundant IKE SA left over
    IkeResourceGroup m_resourceGroup;           ///< RFC 9611 group of the Child SAs
};

} // namespace ns3

#endif /* IPSEC_IKE_SESSION_H */
