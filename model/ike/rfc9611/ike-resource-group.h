/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_RESOURCE_GROUP_H
#define IPSEC_IKE_RESOURCE_GROUP_H

#include "ike-cpu-assigner.h"
#include "ike-per-resource-config.h"

#include "ns3/crypto-bytes.h"
#include "ns3/ike-child-sa.h"
#include "ns3/ike-constants.h"

#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class IkeMessage;
class IkeSession;

/**
 * \ingroup ipsec
 * \brief The RFC 9611 group of per-resource Child SAs of one IKE SA (one connection: one pair of
 * traffic selectors, so one group): whether the peer agreed to it, which CPUs have an
 * additional Child SA under negotiation, whether the peer refused more (TS_MAX_QUEUE), and the
 * responder's CPU assignment. The exchange tasks (IKE_AUTH, CREATE_CHILD_SA) call its
 * Add...To / Process... hooks so that the notify logic lives in one place.
 */
class IkeResourceGroup
{
  public:
    /// Where the group stands.
    enum class State : uint8_t
    {
        UNUSED,  ///< not configured, or the first Child SA not yet negotiated
        ACTIVE,  ///< both sides sent SA_RESOURCE_INFO with the first Child SA
        REGULAR, ///< the peer did not confirm: the first Child SA is a regular one
        FULL,    ///< the peer answered TS_MAX_QUEUE: no more additional SAs
    };

    /// \param config the connection's RFC 9611 settings (null: off)
    explicit IkeResourceGroup(Ptr<IkePerResourceConfig> config);

    /// \returns whether the connection negotiates per-resource groups
    bool IsEnabled() const;

    /// \returns the state of the group as this side's own requests see it (the initiator view:
    /// ACTIVE, REGULAR or FULL once the first Child SA is negotiated)
    State GetState() const;
    /// \returns the state of the group as the peer's requests see it (the responder view:
    /// UNUSED or ACTIVE; it never turns FULL or REGULAR, the limit is counted per request)
    State GetResponderState() const;
    /**
     * \brief An IKE SA rekey moved the Child SAs here (IkeSession::HandOver): the group goes on
     * with its state, the CPUs under negotiation (their tasks move too) and the turn of the
     * responder's CPU assignment.
     * \param previous the group of the replaced IKE SA
     */
    void TakeOver(const IkeResourceGroup& previous);
    /// \returns whether this side may ask for additional Child SAs (initiator view ACTIVE)
    bool IsActive() const;

    /// \name Exchange initiator
    /// @{
    /**
     * \brief Adds SA_RESOURCE_INFO to a request creating a Child SA of the group, if per-resource
     * SAs are configured.
     * \param request the IKE_AUTH or CREATE_CHILD_SA request
     * \param cpu the local CPU the new SA will be bound to (NO_CPU: the fallback)
     * \returns whether the notify was added
     */
    bool AddToRequest(IkeMessage& request, uint32_t cpu) const;
    /**
     * \brief Reads the response to a request that carried SA_RESOURCE_INFO.
     * \param session the IKE SA (for the counters)
     * \param response the response
     * \returns whether the new Child SA is a member of the group; false when the peer did not
     *          confirm (a regular SA; no more are asked for) or refused it with TS_MAX_QUEUE
     *          (no SA; no more are asked for)
     */
    bool ProcessResponse(IkeSession& session, const IkeMessage& response);
    /// \param cpu a CPU \returns whether an additional SA for it is under negotiation
    bool IsPending(uint32_t cpu) const;
    /// \param cpu a CPU whose additional SA is now under negotiation
    void SetPending(uint32_t cpu);
    /// \param cpu a CPU whose additional SA exchange is over (whatever the result)
    void ClearPending(uint32_t cpu);
    /// \param cpu a CPU whose additional SA the peer did not confirm (a regular SA now): its
    /// acquires are not answered again, or each would make one more regular SA
    void NoteRegular(uint32_t cpu);
    /// @}

    /// \name Exchange responder
    /// @{
    /**
     * \brief Decides on a request that creates a Child SA: regular (no notify), a member of the
     * group (SA_RESOURCE_INFO answered, CPU assigned) or refused with TS_MAX_QUEUE.
     * \param session the IKE SA (its Child SAs, the connection, the counters)
     * \param request the IKE_AUTH or CREATE_CHILD_SA request
     * \param first whether it creates the group's first Child SA (IKE_AUTH)
     * \param[out] cpu the local CPU of the new SA (NO_CPU if unbound)
     * \param[out] member whether the new SA is a member of the group
     * \returns TS_MAX_QUEUE if refused (the caller answers with it alone, no SA or TS
     *          payloads), else 0
     */
    IkeNotifyType ProcessRequest(
        IkeSession& session, const IkeMessage& request, bool first, uint32_t& cpu, bool& member);
    /**
     * \brief Adds SA_RESOURCE_INFO to the response that creates a member of the group.
     * \param response the response \param cpu the local CPU of the new SA
     */
    void AddToResponse(IkeMessage& response, uint32_t cpu) const;
    /// @}

    /// \name Initiator policy (RFC 9611 section 4: when to make the additional SAs)
    /// @{
    /**
     * \brief A per-CPU acquire of the data plane: the initiator policy decides.
     * \param session the IKE SA \param cpu the CPU of the acquire
     */
    void HandleAcquire(IkeSession& session, uint32_t cpu);
    /**
     * \brief After the IKE SA and its first Child SA are up: the initiator policy decides.
     * \param session the IKE SA
     */
    void Start(IkeSession& session);
    /**
     * \brief Asks for an additional SA bound to \p cpu unless the group is not active, one for
     * that CPU is under negotiation, or the CPU has one (strongSwan de-duplicates acquires by
     * CPU too).
     * \param session the IKE SA \param cpu the CPU
     * \returns whether a CREATE_CHILD_SA was queued
     */
    bool RequestAdditional(IkeSession& session, uint32_t cpu);
    /**
     * \brief Queues a CREATE_CHILD_SA for an additional SA bound to \p cpu, which becomes pending.
     * \param session the IKE SA \param cpu the CPU
     */
    void QueueAdditional(IkeSession& session, uint32_t cpu);
    /// @}

    /// \name Rekey policy
    /// @{
    /// \param child a Child SA of the group \returns whether its soft expire is to be ignored
    /// (an additional SA under WithInitialRekeyPolicy: it has no rekey of its own)
    bool IgnoresSoftExpire(const IkeChildSa& child) const;
    /**
     * \brief This side has rekeyed the group's initial (fallback) SA: the rekey policy decides.
     * \param session the IKE SA
     */
    void NoteInitialRekeyed(IkeSession& session);
    /**
     * \brief The group's initial (fallback) SA is gone without a rekey (deleted by either side,
     * or hard-expired): the rekey policy decides (WithInitialRekeyPolicy deletes the others).
     * \param session the IKE SA (nothing happens unless it is ESTABLISHED)
     */
    void NoteInitialGone(IkeSession& session);
    /**
     * \brief Deletes each additional SA and asks for it again (same CPU): break before make,
     * since the peer counts the SAs in use against its maximum.
     * \param session the IKE SA
     */
    void RecreateAdditional(IkeSession& session);
    /**
     * \brief Deletes every additional SA of the group (their initial SA is gone).
     * \param session the IKE SA
     */
    void DeleteAdditional(IkeSession& session);
    /// @}

    /**
     * \brief The Child SA whose properties (suite, ESN, traffic selectors) a new member of the
     * group must have (RFC 9611 section 3: those negotiated for the initial SA): the initial
     * (fallback) SA in use, which after a rekey is its successor (a rekey keeps the
     * algorithms); if the initial is gone (deleted, and the rekey policy kept the others), a
     * member in use, since each was made with the initial's properties.
     * \param session the IKE SA
     * \returns the pair, or null if the group has none in use (a new member then takes the
     *          connection's proposals, as the initial did)
     */
    static const IkeChildSa* FindInitial(const IkeSession& session);

    /**
     * \param children Child SAs of an IKE SA
     * \returns how many are additional members of the group (bound to a CPU) and in use (not
     *          replaced, not being deleted)
     */
    static uint32_t CountAdditional(const std::vector<IkeChildSa>& children);

    /**
     * \param setting what the notify carries
     * \param cpu the local CPU of the SA (NO_CPU: the fallback)
     * \returns the Resource Identifier: empty, or the CPU as 4 octets big-endian (strongSwan;
     *          empty for the fallback SA: "always send the notify, but possibly without CPU ID")
     */
    static Bytes MakeResourceId(IkeResourceId setting, uint32_t cpu);

    /// \param data a received Resource Identifier \returns it for a log line (only for debugging)
    static std::string DescribeResourceId(const Bytes& data);

  private:
    /// \param session the IKE SA whose queued requests for additional SAs are dropped (the
    /// group stopped growing) and no longer pending
    void DropQueuedAdditional(IkeSession& session);
    /// \param child a Child SA \returns whether it holds its place in the group (in use)
    static bool InUse(const IkeChildSa& child);
    /// \param session the IKE SA \returns (inbound SPI, CPU) of its installed additional SAs
    static std::vector<std::pair<uint32_t, uint32_t>> InstalledAdditional(
        const IkeSession& session);
    /// \param session the IKE SA \returns the CPUs of its group's outbound SAs in use
    static std::vector<uint32_t> GroupCpus(const IkeSession& session);

    /// The group as this side's CREATE_CHILD_SA requests see it: the peer may refuse more
    /// (FULL) or not confirm the first SA (REGULAR); neither changes what we accept.
    struct InitiatorView
    {
        State state{State::UNUSED};      ///< ACTIVE, REGULAR or FULL after the first SA
        std::multiset<uint32_t> pending; ///< CPUs with an additional SA under negotiation
        std::set<uint32_t> regular;      ///< CPUs whose SA the peer made a regular one
    };

    /// The group as the peer's requests see it: our own TS_MAX_QUEUE limit applies whatever
    /// the peer answered to our requests.
    struct ResponderView
    {
        State state{State::UNUSED};   ///< ACTIVE once we accepted a member
        Ptr<IkeCpuAssigner> assigner; ///< our CPU binding of the peer's SAs (made on first use)
    };

    Ptr<IkePerResourceConfig> m_config; ///< the settings (null: off)
    InitiatorView m_asInitiator;        ///< our requests
    ResponderView m_asResponder;        ///< the peer's requests
};

/// \returns "UNUSED", "ACTIVE", "REGULAR" or "FULL"
std::string ToString(IkeResourceGroup::State state);

} // namespace ns3

#endif /* IPSEC_IKE_RESOURCE_GROUP_H */
