/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_CREATE_CHILD_SA_TASK_H
#define IPSEC_IKE_CREATE_CHILD_SA_TASK_H

#include "ike-task.h"

#include "ns3/diffie-hellman.h"
#include "ns3/ike-child-sa.h"
#include "ns3/ike-proposal.h"
#include "ns3/traffic-selector.h"

#include <memory>
#include <optional>
#include <vector>

namespace ns3
{

struct IkePeerConfig;

/**
 * \ingroup ipsec
 * \brief The CREATE_CHILD_SA exchange for a Child SA (RFC 7296 sections 1.3.1 and 1.3.3;
 * strongSwan's child_create with the REKEY_SA part of child_rekey), in both roles:
 *
 *     new Child SA:   HDR, SK {SA, Ni, [KEi], TSi, TSr}  -->  <--  HDR, SK {SA, Nr, [KEr], TSi,
 * TSr} Child SA rekey: HDR, SK {N(REKEY_SA), SA, Ni, [KEi], TSi, TSr}  -->  <--  (the same)
 *
 * KEi/KEr (PFS) only if the connection has a pfsGroup; a responder that wants another of the
 * offered groups answers INVALID_KE_PAYLOAD and the initiator retries with it. The keys come
 * from KEYMAT with this exchange's nonces (and g^ir), installed through
 * IkeSession::InstallChildSa. The responder answers NO_PROPOSAL_CHOSEN, TS_UNACCEPTABLE,
 * INVALID_KE_PAYLOAD, CHILD_SA_NOT_FOUND (rekey of an unknown pair) and TEMPORARY_FAILURE (rekey
 * of a pair being deleted or already replaced). A failed exchange never fails the IKE SA.
 *
 * What happens around a rekey (REKEYING, collisions, deleting the old pair, retries) is the
 * session's: Complete hands the outcome to IkeSession::CompleteChildRekey, and the responder
 * tells IkeSession::NoteChildRekeyedByPeer.
 *
 * Extensions (RFC 9611 per-resource SAs) subclass it: IkeChildSaSpec::cpu and perResource flow
 * from the initiator's task into the installed pair, and the four *Notifies hooks add and read
 * notifies of both messages.
 */
class IkeCreateChildSaTask : public IkeTask
{
  public:
    /// Octets of the nonces this side sends (strongSwan's NONCE_SIZE).
    static constexpr size_t NONCE_SIZE = 32;

    /// A responder (the session makes it for each CREATE_CHILD_SA request for a Child SA).
    IkeCreateChildSaTask();

    /**
     * \brief An initiator of a new Child SA of the connection.
     * \param cpu the local CPU to bind the pair to (RFC 9611), or SaParams::NO_CPU
     * \param perResource whether the pair is a member of an RFC 9611 group
     * \returns the task, to be queued on the session
     */
    static std::unique_ptr<IkeCreateChildSaTask> ForNewChildSa(uint32_t cpu = SaParams::NO_CPU,
                                                               bool perResource = false);

    /**
     * \brief An initiator of the rekey of a Child SA pair (the session marks it REKEYING).
     * \param inboundSpi our inbound SPI of the pair (what REKEY_SA carries)
     * \returns the task, to be queued on the session
     */
    static std::unique_ptr<IkeCreateChildSaTask> ForRekey(uint32_t inboundSpi);

    /**
     * \brief Which of two nonces is lower for the collision rule of RFC 7296 section 2.8.1:
     * octet by octet, and a nonce that ends first is the lower one. (strongSwan's
     * lost_collision() compares with memcmp over the shorter length, which differs only when
     * one nonce is a prefix of the other; both send 32-octet nonces, so they agree.)
     * \param a a nonce \param b another \returns whether a is lower than b
     */
    static bool IsLowerNonce(const Bytes& a, const Bytes& b);

    /**
     * \brief Initiator: asks for these selectors instead of the connection's (e.g. narrowed to
     * an acquire's packet); the responder must accept them or answer TS_UNACCEPTABLE.
     * \param local TSi \param remote TSr
     */
    void SetTrafficSelectors(const TrafficSelector& local, const TrafficSelector& remote);

    IkeExchangeType GetExchangeType() const override;
    void BuildRequest(IkeSession& session, IkeMessage& request) override;
    Result ProcessResponse(IkeSession& session, const IkeMessage& response) override;
    Result ProcessRequest(IkeSession& session,
                          const IkeMessage& request,
                          IkeMessage& response) override;
    /// Initiator of a rekey: hands the outcome to the session's rekey life cycle; initiator
    /// of a new Child SA refused with TEMPORARY_FAILURE: has the session retry it later.
    void Complete(IkeSession& session, Result result) override;
    /**
     * \brief A fresh initiator of the same new Child SA (CPU, RFC 9611 membership, selectors),
     * for a retry after TEMPORARY_FAILURE. Subclasses that add state override it.
     * \returns the task, to be queued
     */
    virtual std::unique_ptr<IkeCreateChildSaTask> CloneForRetry() const;

    /// \returns whether this side initiated the exchange
    bool IsInitiator() const;
    /// \returns whether the exchange rekeys a pair (REKEY_SA)
    bool IsRekey() const;
    /// \returns our inbound SPI of the pair this exchange rekeys (0: a new Child SA)
    uint32_t GetReplacedSpi() const;
    /// \returns the pair installed, once the exchange succeeded
    const std::optional<IkeChildSa>& GetChildSa() const;
    /// \returns the exchange initiator's nonce data (empty until sent or received)
    const Bytes& GetNonceI() const;
    /// \returns the exchange responder's nonce data (empty until sent or received)
    const Bytes& GetNonceR() const;
    /// \returns the KE group used (the one of the last request), if PFS
    std::optional<DhGroup> GetKeGroup() const;
    /// \returns how many times the initiator retried after INVALID_KE_PAYLOAD
    uint32_t GetKeRetries() const;
    /// \returns the CPU the pair is to be bound to (SaParams::NO_CPU: none)
    uint32_t GetCpu() const;
    /// \returns whether the pair is a member of an RFC 9611 group
    bool IsPerResource() const;

  protected:
    /**
     * \brief An initiator of a new Child SA, for subclasses (RFC 9611's additional SAs).
     * \param cpu the local CPU to bind the pair to \param perResource an RFC 9611 member
     */
    IkeCreateChildSaTask(uint32_t cpu, bool perResource);

    /**
     * \brief Initiator hook: adds notifies to the request (after TSr). Default: none.
     * \param session the IKE SA \param request the request being built
     */
    virtual void AddRequestNotifies(IkeSession& session, IkeMessage& request);

    /**
     * \brief Initiator hook: reads the response's status notifies before the pair is
     * installed, and may change \p spec (cpu, perResource). Default: accepts.
     * \param session the IKE SA \param response the response \param spec the pair to install
     * \returns false to install nothing (call SetError to say why)
     */
    virtual bool ProcessResponseNotifies(IkeSession& session,
                                         const IkeMessage& response,
                                         IkeChildSaSpec& spec);

    /**
     * \brief Responder hook: reads the request's notifies once the proposal and selectors
     * are acceptable and before the key exchange (a refusal costs no DH), and may change
     * \p spec (cpu, perResource; nonces and shared secret are not set yet). Default: accepts.
     * \param session the IKE SA \param request the request \param spec the pair to install
     * \returns 0 to go on, or the error notify to answer with (e.g. TS_MAX_QUEUE)
     */
    virtual IkeNotifyType ProcessRequestNotifies(IkeSession& session,
                                                 const IkeMessage& request,
                                                 IkeChildSaSpec& spec);

    /**
     * \brief Responder hook: adds notifies to a successful response (after TSr). Default: none.
     * \param session the IKE SA \param response the response \param child the pair installed
     */
    virtual void AddResponseNotifies(IkeSession& session,
                                     IkeMessage& response,
                                     const IkeChildSa& child);

    /**
     * \brief The Child SA whose properties a new (not rekeying) pair must share, or null: the
     * connection's proposals and selectors apply. With one, the initiator offers exactly its
     * suite and ESN with its selectors, and the responder accepts nothing else (it answers
     * NO_PROPOSAL_CHOSEN). RFC 9611 section 3: additional SAs of a group have the properties
     * of its initial SA. Default: none. Not asked for a rekey, which keeps its own pair's.
     * \param session the IKE SA
     * \param request responder: the peer's request; initiator: null
     * \returns the pair to copy, or null
     */
    virtual const IkeChildSa* FindTemplate(IkeSession& session, const IkeMessage* request);

    /// \param cpu the CPU of the pair \param perResource an RFC 9611 member
    void SetResource(uint32_t cpu, bool perResource);

  private:
    /**
     * \param error the notify to answer with \param response the response
     * \returns Result::FAILED
     */
    Result Refuse(IkeNotifyType error, IkeMessage& response);

    /// \param config the connection \returns the KE groups, preferred first (empty: no PFS)
    static std::vector<DhGroup> PfsGroups(const IkePeerConfig& config);

    /**
     * \param number the Proposal Num \param spi our inbound SPI \param suite the ESP suite
     * \param esn ESN \param groups DH transforms (none: no PFS)
     * \returns an ESP proposal with every group of \p groups as a DH transform
     */
    static IkeProposal MakeProposal(uint8_t number,
                                    uint32_t spi,
                                    const CipherSuite& suite,
                                    bool esn,
                                    const std::vector<DhGroup>& groups);

    /**
     * \brief Derives g^ir.
     * \param session the IKE SA \param group the KE group
     * \param peerValue the peer's KE data \param shared receives g^ir
     * \returns false if the peer's value is not valid
     */
    bool ComputeSharedSecret(IkeSession& session,
                             DhGroup group,
                             const Bytes& peerValue,
                             Bytes& shared);

    bool m_initiator{false};                   ///< this side initiated the exchange
    uint32_t m_rekeySpi{0};                    ///< our inbound SPI of the pair rekeyed (0: new)
    uint32_t m_cpu{SaParams::NO_CPU};          ///< CPU of the pair (RFC 9611)
    bool m_perResource{false};                 ///< an RFC 9611 member
    std::optional<TrafficSelector> m_localTs;  ///< initiator: TSi instead of the connection's
    std::optional<TrafficSelector> m_remoteTs; ///< initiator: TSr instead of the connection's
    std::vector<CipherSuite> m_offered;        ///< initiator: the suites of the last request
    bool m_offeredEsn{false};                  ///< initiator: the ESN of the last request
    uint32_t m_localSpi{0};                    ///< our inbound SPI of the new pair
    Bytes m_nonceI;                            ///< Ni of this exchange
    Bytes m_nonceR;                            ///< Nr of this exchange
    std::optional<DhGroup> m_keGroup;          ///< KE group (PFS)
    std::unique_ptr<DiffieHellman> m_dh;       ///< our KE key pair (PFS)
    uint32_t m_keRetries{0};                   ///< INVALID_KE_PAYLOAD retries
    std::optional<IkeChildSa> m_child;         ///< the pair installed
};

} // namespace ns3

#endif /* IPSEC_IKE_CREATE_CHILD_SA_TASK_H */
