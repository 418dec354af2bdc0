/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_PROPOSAL_SELECTOR_H
#define IPSEC_IKE_PROPOSAL_SELECTOR_H

#include "ike-peer-config.h"

#include "ns3/ike-proposal.h"

#include <optional>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Chooses among the proposals of an SA payload (RFC 7296 section 2.7): the responder
 * takes the first of its own proposals, in its order of preference (strongSwan's
 * prefer_configured_proposals), all of whose transforms the peer offered in one proposal; the
 * initiator checks that the one proposal returned is one it offered.
 */
class IkeProposalSelector
{
  public:
    /// A choice: the index into the local list and the peer's Proposal Num and SPI.
    struct Choice
    {
        size_t local{0};   ///< index of the local suite chosen
        uint8_t number{0}; ///< the peer's Proposal Num
        Bytes spi;         ///< the SPI of the peer's proposal
    };

    /**
     * \param local the local proposals, built with the peer's protocol
     * \param offered the peer's proposals
     * \returns true if every transform type of \p local appears in \p offered and nothing
     *          else does, each local transform among the offered ones of its type
     */
    static bool Matches(const IkeProposal& local, const IkeProposal& offered);

    /**
     * \param local the local IKE proposals
     * \param offered the peer's
     * \returns the first local suite the peer accepts, or nothing
     */
    static std::optional<Choice> SelectIke(const std::vector<IkeSuite>& local,
                                           const std::vector<IkeProposal>& offered);

    /**
     * \param local the local ESP suites
     * \param esn whether the local side wants extended sequence numbers
     * \param offered the peer's ESP proposals
     * \returns the first local suite the peer accepts, or nothing
     */
    static std::optional<Choice> SelectEsp(const std::vector<CipherSuite>& local,
                                           bool esn,
                                           const std::vector<IkeProposal>& offered);
};

} // namespace ns3

#endif /* IPSEC_IKE_PROPOSAL_SELECTOR_H */
