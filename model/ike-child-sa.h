/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_CHILD_SA_H
#define IPSEC_IKE_CHILD_SA_H

#include "cipher-suite.h"
#include "traffic-selector.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A Child SA pair as the IKE daemon negotiated and installed it in the data plane.
 */
struct IkeChildSa
{
    uint32_t inboundSpi{0};   ///< SPI of the SA this gateway receives on (it chose it)
    uint32_t outboundSpi{0};  ///< SPI of the SA this gateway sends on (the peer chose it)
    CipherSuite suite;        ///< the ESP suite negotiated
    TrafficSelector localTs;  ///< the local traffic selector
    TrafficSelector remoteTs; ///< the remote traffic selector
};

} // namespace ns3

#endif /* IPSEC_IKE_CHILD_SA_H */
