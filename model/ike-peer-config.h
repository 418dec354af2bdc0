/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_PEER_CONFIG_H
#define IPSEC_IKE_PEER_CONFIG_H

#include "cipher-suite.h"
#include "crypto-bytes.h"
#include "diffie-hellman.h"
#include "ike-proposal.h"
#include "prf.h"
#include "traffic-selector.h"

#include "ns3/ipv4-address.h"

#include <string>
#include <vector>

namespace ns3
{

/// \ingroup ipsec
/// What a daemon does with its connection once it starts (strongSwan's start_action).
enum class IkeStartAction : uint8_t
{
    NONE,  ///< only respond
    START, ///< initiate the IKE SA and its first Child SA at once
    TRAP,  ///< initiate on the first acquire of the data plane
};

/**
 * \ingroup ipsec
 * \brief One IKE proposal: the SK payload suite, the PRF and the DH group.
 */
struct IkeSuite
{
    CipherSuite encr{CipherSuite::FromKeyword("aes128gcm16")}; ///< SK payload ENCR (and INTEG)
    PrfAlgorithm prf{PrfAlgorithm::HMAC_SHA2_256};             ///< PRF
    DhGroup group{DhGroup::CURVE25519};                        ///< DH group

    /// \param number the Proposal Num \param spi the SPI \returns the proposal on the wire
    IkeProposal ToProposal(uint8_t number, Bytes spi = {}) const
    {
        return IkeProposal::ForIke(number, encr, prf, group, std::move(spi));
    }
};

/**
 * \ingroup ipsec
 * \brief The configuration of one IKE connection of a gateway (strongSwan's swanctl.conf
 * connection with one child): the peer, the identities, the PSK, the proposals, the traffic
 * selectors and where the Child SAs go in the data plane.
 */
struct IkePeerConfig
{
    Ipv4Address localAddress;               ///< this gateway's outer address
    Ipv4Address peerAddress;                ///< the peer's outer address
    Ipv4Address localId;                    ///< ID_IPV4_ADDR sent as IDi/IDr
    Ipv4Address remoteId;                   ///< the identity the peer must prove
    Bytes psk;                              ///< the pre-shared key
    std::vector<IkeSuite> ikeProposals{{}}; ///< IKE proposals, preferred first
    std::vector<CipherSuite> espProposals{CipherSuite::FromKeyword("aes128gcm16")}; ///< ESP
    bool esn{false};                                  ///< propose extended sequence numbers
    TrafficSelector localTs;                          ///< the subnet this gateway protects
    TrafficSelector remoteTs;                         ///< the subnet behind the peer
    IkeStartAction startAction{IkeStartAction::NONE}; ///< what to do at start
    uint32_t interfaceId{0};                          ///< IPsec interface of the Child SAs
    uint32_t reqid{0};                                ///< reqid of the Child SAs' policy
    uint32_t replayWindow{64};                        ///< inbound replay window of the Child SAs
};

} // namespace ns3

#endif /* IPSEC_IKE_PEER_CONFIG_H */
