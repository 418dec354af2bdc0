/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SITE_PAIRS_H
#define IPSEC_SITE_PAIRS_H

#include "ns3/random-variable-stream.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Draws the talking pairs of sites of the VPN-site examples, the same way in each, so
 * that a distributed run draws the pairs of a single-process one.
 */
class SitePairs
{
  public:
    /**
     * \param sites how many sites
     * \param count how many distinct pairs (a < b); 0 for every pair
     * \param random the stream to draw from
     * \returns the pairs in the order drawn; every pair, in order, for 0 or all
     */
    static std::vector<std::pair<uint32_t, uint32_t>> Draw(uint32_t sites,
                                                           uint64_t count,
                                                           Ptr<UniformRandomVariable> random);
};

} // namespace ns3

#endif // IPSEC_SITE_PAIRS_H
