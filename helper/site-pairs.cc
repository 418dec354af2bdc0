/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "site-pairs.h"

#include <algorithm>
#include <set>

namespace ns3
{

std::vector<std::pair<uint32_t, uint32_t>>
SitePairs::Draw(uint32_t sites, uint64_t count, Ptr<UniformRandomVariable> random)
{
    uint64_t all = uint64_t(sites) * (sites - 1) / 2;
    std::vector<std::pair<uint32_t, uint32_t>> pairs;
    if (count == 0 || count == all)
    {
        for (uint32_t a = 0; a < sites; ++a)
        {
            for (uint32_t b = a + 1; b < sites; ++b)
            {
                pairs.emplace_back(a, b);
            }
        }
        return pairs;
    }
    if (2 * count > all)
    {
        // Most pairs: a partial Fisher-Yates shuffle of them all.
        pairs = Draw(sites, 0, random);
        for (uint64_t i = 0; i < count; ++i)
        {
            std::swap(pairs[i], pairs[random->GetInteger(i, pairs.size() - 1)]);
        }
        pairs.resize(count);
        return pairs;
    }
    // Few of many: draw until new (at most half are taken, so each draw is new with p >= 1/2).
    std::set<std::pair<uint32_t, uint32_t>> seen;
    while (pairs.size() < count)
    {
        uint32_t a = random->GetInteger(0, sites - 1);
        uint32_t b = random->GetInteger(0, sites - 2);
        b += b >= a ? 1 : 0;
        std::pair<uint32_t, uint32_t> pair{std::min(a, b), std::max(a, b)};
        if (seen.insert(pair).second)
        {
            pairs.push_back(pair);
        }
    }
    return pairs;
}

} // namespace ns3
