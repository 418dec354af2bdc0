/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-sa-payload.h"

#include "ike-wire.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeSaPayload");

IkeSaPayload::IkeSaPayload()
    : IkePayload(IkePayloadType::SA)
{
}

IkeSaPayload::IkeSaPayload(std::vector<IkeProposal> proposals)
    : IkePayload(IkePayloadType::SA)
    , m_proposals(std::move(proposals))
{
}

void
IkeSaPayload::AddProposal(IkeProposal proposal)
{
    m_proposals.push_back(std::move(proposal));
}

const std::vector<IkeProposal>&
IkeSaPayload::GetProposals() const
{
    return m_proposals;
}

std::unique_ptr<IkePayload>
IkeSaPayload::Clone() const
{
    return std::make_unique<IkeSaPayload>(*this);
}

void
IkeSaPayload::Print(std::ostream& os) const
{
    os << "SA(";
    for (size_t i = 0; i < m_proposals.size(); ++i)
    {
        os << (i == 0 ? "" : "; ") << m_proposals[i].ToString();
    }
    os << ")";
}

void
IkeSaPayload::DoSerializeBody(Bytes& out) const
{
    for (size_t i = 0; i < m_proposals.size(); ++i)
    {
        m_proposals[i].Serialize(i + 1 == m_proposals.size(), out);
    }
}

IkeParseStatus
IkeSaPayload::DoDeserializeBody(const uint8_t* body, size_t size)
{
    m_proposals.clear();
    if (size < IkeProposal::FIXED_SIZE)
    {
        return Fail(IkeParseError::PAYLOAD_TOO_SHORT,
                    "body of " + std::to_string(size) + " octets; at least one proposal expected");
    }
    IkeWireReader reader(body, size);
    uint8_t previousNumber = 1;
    while (reader.Remaining() > 0)
    {
        IkeProposal proposal;
        bool last = false;
        IkeParseStatus status = proposal.Deserialize(reader, last);
        if (!status.IsOk())
        {
            return Fail(status.GetError(), status.GetDetail());
        }
        if (proposal.GetNumber() < previousNumber)
        {
            return Fail(IkeParseError::MALFORMED_PAYLOAD,
                        "proposal number " + std::to_string(proposal.GetNumber())
                            + (m_proposals.empty() ? " (the first must be at least 1)"
                                                   : " smaller than the previous"));
        }
        previousNumber = proposal.GetNumber();
        m_proposals.push_back(std::move(proposal));
        if (last != (reader.Remaining() == 0))
        {
            return Fail(IkeParseError::MALFORMED_PAYLOAD,
                        "proposal " + std::to_string(m_proposals.size())
                            + (last ? " says it is the last, but more octets follow"
                                    : " announces another, but the payload ends"));
        }
    }
    return IkeParseStatus();
}

} // namespace ns3
