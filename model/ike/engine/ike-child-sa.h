/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_CHILD_SA_H
#define IPSEC_IKE_CHILD_SA_H

#include "ns3/cipher-suite.h"
#include "ns3/crypto-bytes.h"
#include "ns3/nstime.h"
#include "ns3/sa-params.h"
#include "ns3/traffic-selector.h"

#include <cstdint>
#include <string>

namespace ns3
{

/// \ingroup ipsec
/// The life of a Child SA pair, as its IKE SA sees it.
enum class IkeChildSaState : uint8_t
{
    INSTALLED, ///< in use
    REKEYING,  ///< a rekey of it is under way (it stays in use)
    REKEYED,   ///< replaced; kept until its Delete exchange ends (it still receives)
    DELETING,  ///< a Delete of it is under way
};

/// \returns "INSTALLED", "REKEYING", "REKEYED" or "DELETING"
std::string ToString(IkeChildSaState state);

/**
 * \ingroup ipsec
 * \brief A Child SA pair as the IKE daemon negotiated and installed it in the data plane.
 */
struct IkeChildSa
{
    uint32_t inboundSpi{0};         ///< SPI this gateway receives on (it chose it)
    uint32_t outboundSpi{0};        ///< SPI this gateway sends on (the peer chose it)
    CipherSuite suite;              ///< the ESP suite negotiated
    bool esn{false};                ///< extended sequence numbers negotiated (ESN transform)
    TrafficSelector localTs;        ///< the local traffic selector
    TrafficSelector remoteTs;       ///< the remote traffic selector
    uint32_t cpu{SaParams::NO_CPU}; ///< local CPU it is bound to (RFC 9611)
    bool perResource{false};        ///< member of an RFC 9611 group
    IkeChildSaState state{IkeChildSaState::INSTALLED}; ///< state
    Time installed;                                    ///< when it was installed
    uint32_t replaces{0}; ///< inbound SPI of the SA this one rekeyed (0: a new SA)
    /// a rekey replaced it; stays true when its Delete makes it DELETING
    bool replaced{false};
};

/**
 * \ingroup ipsec
 * \brief What a Child SA pair is made of when an exchange has negotiated it; the session
 * derives KEYMAT from it and installs the pair (IkeSession::InstallChildSa).
 */
struct IkeChildSaSpec
{
    CipherSuite suite;              ///< the ESP suite
    bool esn{false};                ///< extended sequence numbers (the ESN transform chosen)
    uint32_t localSpi{0};           ///< our inbound SPI
    uint32_t peerSpi{0};            ///< the peer's inbound SPI (our outbound)
    bool exchangeInitiator{false};  ///< we initiated the exchange (picks the KEYMAT halves)
    Bytes nonceI;                   ///< the exchange initiator's nonce data
    Bytes nonceR;                   ///< the exchange responder's nonce data
    Bytes sharedSecret;             ///< g^ir of a PFS exchange, or empty
    uint32_t cpu{SaParams::NO_CPU}; ///< local CPU to bind the outbound SA to
    bool perResource{false};        ///< member of an RFC 9611 group
    uint32_t replaces{0};           ///< inbound SPI of the SA it rekeys (0: new)
    Time requested;                 ///< initiator: when the exchange was wanted (latency)
};

} // namespace ns3

#endif /* IPSEC_IKE_CHILD_SA_H */
