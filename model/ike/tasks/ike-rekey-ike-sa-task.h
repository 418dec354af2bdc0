/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_REKEY_IKE_SA_TASK_H
#define IPSEC_IKE_REKEY_IKE_SA_TASK_H

#include "ike-task.h"

#include "ns3/diffie-hellman.h"
#include "ns3/ike-peer-config.h"
#include "ns3/ike-sa.h"

#include <memory>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The IKE SA rekey (RFC 7296 sections 1.3.2 and 2.18; strongSwan's ike_rekey task):
 * CREATE_CHILD_SA with SA (Protocol ID IKE, SPI Size 8, the sender's new SPI), Ni, KEi ->
 * SA, Nr, KEr. The new IKE SA is keyed from the old SK_d (IkeSa::DeriveRekeyedKeys); the rekey
 * initiator is the original initiator of the new IKE SA. The new IKE SA becomes an IkeSession
 * of its own that takes over the Child SAs; the initiator of the surviving exchange then
 * deletes the old IKE SA with an INFORMATIONAL Delete, and the other end closes it when that
 * Delete arrives.
 *
 * Collisions (RFC 7296 sections 2.8.2 and 2.25, as strongSwan's ike_rekey.c):
 * - both ends rekey at once: both exchanges complete; the new IKE SA created with the lowest
 *   of the four nonces is deleted by the node that initiated its exchange, the other one
 *   inherits the Child SAs, and its initiator deletes the old IKE SA;
 * - a rekey request while we create, rekey or delete a Child SA, or while the IKE SA is being
 *   deleted or has been replaced: TEMPORARY_FAILURE; an initiator that gets it retries after
 *   a random 5 to 15 s (strongSwan's RETRY_INTERVAL 15 s minus up to RETRY_JITTER 10 s).
 *
 * INVALID_KE_PAYLOAD is answered for a KE of another group than the one chosen, and retried
 * once with the group asked for.
 */
class IkeRekeyIkeSaTask : public IkeTask
{
  public:
    /// Octets of the nonces this side sends (strongSwan's NONCE_SIZE).
    static constexpr size_t NONCE_SIZE = 32;
    /// strongSwan's RETRY_INTERVAL: the longest wait after TEMPORARY_FAILURE.
    static constexpr double RETRY_INTERVAL_SECONDS = 15;
    /// strongSwan's RETRY_JITTER: the wait is RETRY_INTERVAL minus up to this.
    static constexpr double RETRY_JITTER_SECONDS = 10;

    IkeRekeyIkeSaTask();
    ~IkeRekeyIkeSaTask() override;

    /**
     * \param request a CREATE_CHILD_SA request (decrypted)
     * \returns whether it rekeys the IKE SA: its SA payload has a proposal with Protocol ID IKE
     */
    static bool IsIkeSaRekey(const IkeMessage& request);

    /**
     * \param a one nonce
     * \param b another
     * \returns whether a is lower than b, octet by octet, a prefix being the lower (RFC 7296
     *          2.8.1 "If you reach the end of one nonce, that nonce is the lower one")
     */
    static bool NonceLess(const Bytes& a, const Bytes& b);

    IkeExchangeType GetExchangeType() const override;
    void BuildRequest(IkeSession& session, IkeMessage& request) override;
    Result ProcessResponse(IkeSession& session, const IkeMessage& response) override;
    Result ProcessRequest(IkeSession& session,
                          const IkeMessage& request,
                          IkeMessage& response) override;
    /// Registers the new IKE SA, hands the Child SAs over (or resolves a collision), deletes
    /// the old IKE SA or the redundant new one, or schedules a retry.
    void Complete(IkeSession& session, Result result) override;
    /// Not on an IKE SA already replaced by a rekey.
    bool IsReady(const IkeSession& session) const override;

  private:
    /// Initiator: resolves the exchange of ours against one of the peer's, if any.
    void CompleteInitiator(IkeSession& session, Result result);
    /// Responder: registers the new IKE SA and hands over, unless we rekey too.
    void CompleteResponder(IkeSession& session, Result result);
    /**
     * \param session the old IKE SA
     * \param response the response to fill
     * \param error the error notify
     * \returns FAILED
     */
    Result Refuse(IkeSession& session, IkeMessage& response, IkeNotifyType error);

    bool m_initiator{false};        ///< whether we initiated this exchange
    std::unique_ptr<IkeSa> m_newSa; ///< the new IKE SA, until it gets its session
    DhGroup m_group;                ///< initiator: the KE group of the request
    bool m_groupSet{false};         ///< initiator: m_group chosen
    uint32_t m_keRetries{0};        ///< initiator: INVALID_KE_PAYLOAD retries
};

} // namespace ns3

#endif /* IPSEC_IKE_REKEY_IKE_SA_TASK_H */
