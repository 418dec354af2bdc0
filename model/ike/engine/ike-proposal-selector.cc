/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-proposal-selector.h"

#include "ns3/log.h"

#include <algorithm>
#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeProposalSelector");

bool
IkeProposalSelector::Matches(const IkeProposal& local, const IkeProposal& offered)
{
    if (local.GetProtocolId() != offered.GetProtocolId())
    {
        return false;
    }
    std::set<IkeTransformType> localTypes;
    for (const IkeTransform& t : local.GetTransforms())
    {
        localTypes.insert(t.type);
        auto ofType = offered.GetTransforms(t.type);
        if (std::find(ofType.begin(), ofType.end(), t) == ofType.end())
        {
            return false;
        }
    }
    for (const IkeTransform& t : offered.GetTransforms())
    {
        if (localTypes.count(t.type) == 0)
        {
            return false;
        }
    }
    return true;
}

std::optional<IkeProposalSelector::Choice>
IkeProposalSelector::SelectIke(const std::vector<IkeSuite>& local,
                               const std::vector<IkeProposal>& offered)
{
    for (size_t i = 0; i < local.size(); ++i)
    {
        IkeProposal mine = local[i].ToProposal(1);
        for (const IkeProposal& theirs : offered)
        {
            if (Matches(mine, theirs))
            {
                return Choice{i, theirs.GetNumber(), theirs.GetSpi()};
            }
        }
    }
    return std::nullopt;
}

std::optional<IkeProposalSelector::Choice>
IkeProposalSelector::SelectEsp(const std::vector<CipherSuite>& local,
                               bool esn,
                               const std::vector<IkeProposal>& offered)
{
    for (size_t i = 0; i < local.size(); ++i)
    {
        IkeProposal mine = IkeProposal::ForEsp(1, 0, local[i], esn);
        for (const IkeProposal& theirs : offered)
        {
            if (Matches(mine, theirs) && theirs.GetSpi().size() == 4)
            {
                return Choice{i, theirs.GetNumber(), theirs.GetSpi()};
            }
        }
    }
    return std::nullopt;
}

} // namespace ns3
