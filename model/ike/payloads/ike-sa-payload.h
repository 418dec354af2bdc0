/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_SA_PAYLOAD_H
#define IPSEC_IKE_SA_PAYLOAD_H

#include "ike-payload.h"
#include "ike-proposal.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The Security Association payload (SA, RFC 7296 section 3.3): one or more proposals.
 *
 * Parsing refuses an SA payload without proposals, proposal numbers that start below 1 or
 * decrease (strongSwan's sa_payload verify() rule: equal numbers, old AH+ESP bundles, are left to
 * proposal selection), Last Substruc octets that disagree with the position, and lengths that
 * disagree with the content.
 */
class IkeSaPayload : public IkePayload
{
  public:
    IkeSaPayload();

    /// \param proposals the proposals, in order of preference
    explicit IkeSaPayload(std::vector<IkeProposal> proposals);

    /// \param proposal appended
    void AddProposal(IkeProposal proposal);

    /// \returns the proposals in order
    const std::vector<IkeProposal>& GetProposals() const;

    std::unique_ptr<IkePayload> Clone() const override;
    void Print(std::ostream& os) const override;

  protected:
    void DoSerializeBody(Bytes& out) const override;
    IkeParseStatus DoDeserializeBody(const uint8_t* body, size_t size) override;

  private:
    std::vector<IkeProposal> m_proposals; ///< the proposals
};

} // namespace ns3

#endif /* IPSEC_IKE_SA_PAYLOAD_H */
