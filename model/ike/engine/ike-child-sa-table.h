/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_CHILD_SA_TABLE_H
#define IPSEC_IKE_CHILD_SA_TABLE_H

#include "ike-child-sa.h"

#include "ns3/ike-task.h"

#include <map>
#include <optional>
#include <vector>

namespace ns3
{

class IkeCreateChildSaTask;
class IkeSession;

/**
 * \ingroup ipsec
 * \brief The Child SA pairs of one IKE SA and their rekey life cycle (RFC 7296 2.8, 2.8.1,
 * 2.25): installing and removing pairs in the data plane, REKEYING/REKEYED states, rekey
 * collisions decided by the nonces, and rekey retries after a failure.
 */
class IkeChildSaTable
{
  public:
    /// \param session the IKE SA the pairs belong to (owns the table)
    explicit IkeChildSaTable(IkeSession& session);

    /**
     * \brief Derives KEYMAT and installs both SAs of a pair in the data plane, with the
     * connection's lifetimes and a fresh jitter.
     * \param spec what was negotiated
     * \returns the Child SA recorded, or nullopt if the data plane refused it
     */
    std::optional<IkeChildSa> Install(const IkeChildSaSpec& spec);
    /// \returns the pairs, oldest first
    const std::vector<IkeChildSa>& GetAll() const;
    /// \param inboundSpi our inbound SPI \returns the pair, or null
    IkeChildSa* Find(uint32_t inboundSpi);
    /// \param spi an inbound or outbound SPI \returns the pair having it, or null
    IkeChildSa* FindBySpi(uint32_t spi);
    /// \param outboundSpi an SPI the peer receives on \returns the pair, or null
    IkeChildSa* FindByOutboundSpi(uint32_t outboundSpi);
    /// \param inboundSpi our inbound SPI \returns whether the pair existed (it is removed
    /// from the data plane and the table)
    bool Remove(uint32_t inboundSpi);
    /// Removes every pair from the data plane and the table (the IKE SA ends).
    void RemoveAll();
    /// \param children pairs to take over (IKE SA rekey: they move to the new IKE SA)
    void Adopt(std::vector<IkeChildSa> children);
    /// \returns and forgets the pairs (IKE SA rekey), without touching the data plane
    std::vector<IkeChildSa> Release();

    /// \param inboundSpi an INSTALLED pair \returns whether its rekey was queued (REKEYING)
    bool Rekey(uint32_t inboundSpi);
    /// See IkeSession::CompleteChildRekey. \param task the rekey task \param result its outcome
    void CompleteRekey(const IkeCreateChildSaTask& task, IkeTask::Result result);
    /// See IkeSession::NoteChildRekeyedByPeer.
    /// \param replacedSpi our inbound SPI of the old pair \param replacement the new pair
    /// \param nonceI the peer's nonce \param nonceR ours
    void NoteRekeyedByPeer(uint32_t replacedSpi,
                           const IkeChildSa& replacement,
                           const Bytes& nonceI,
                           const Bytes& nonceR);

    /// \param task a new Child SA refused with TEMPORARY_FAILURE: try it again after a random
    /// delay, on whatever IKE SA of the connection is live by then
    void ScheduleCreateRetry(const IkeCreateChildSaTask& task);

  private:
    /// \param inboundSpi a pair whose rekey failed: rekey it again after a random delay
    void ScheduleRekeyRetry(uint32_t inboundSpi);

    /// The peer's rekey of a pair we were rekeying too, until our own rekey completes.
    struct RekeyCollision
    {
        uint32_t peersPair{0}; ///< our inbound SPI of the pair the peer's exchange created
        Bytes nonceI;          ///< the peer's exchange: Ni
        Bytes nonceR;          ///< the peer's exchange: Nr
    };

    IkeSession& m_session;                                ///< the owner
    std::vector<IkeChildSa> m_children;                   ///< pairs installed
    std::map<uint32_t, RekeyCollision> m_rekeyCollisions; ///< by our old inbound SPI
};

} // namespace ns3

#endif /* IPSEC_IKE_CHILD_SA_TABLE_H */
