/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_PEER_CONFIG_H
#define IPSEC_IKE_PEER_CONFIG_H

#include "ns3/cipher-suite.h"
#include "ns3/crypto-bytes.h"
#include "ns3/diffie-hellman.h"
#include "ns3/ike-per-resource-config.h"
#include "ns3/ike-proposal.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/prf.h"
#include "ns3/traffic-selector.h"

#include <optional>
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
 * \brief When an SA is rekeyed and when it dies, strongSwan's swanctl.conf way: the rekey
 * starts at rekeyTime minus a uniform random jitter in [0, randTime]; the SA dies at lifeTime.
 * A zero lifeTime means rekeyTime + 10%; a negative randTime means lifeTime - rekeyTime.
 * Bytes and packets limits (0: none) work the same way, with life = rekey + 10% when unset.
 */
struct IkeLifetime
{
    Time rekeyTime{Seconds(3600)}; ///< soft limit (strongSwan's child default: 1 h)
    Time lifeTime{Seconds(0)};     ///< hard limit; 0: rekeyTime + 10%
    Time randTime{Seconds(-1)};    ///< jitter; negative: lifeTime - rekeyTime
    uint64_t rekeyBytes{0};        ///< soft bytes limit (0: none)
    uint64_t lifeBytes{0};         ///< hard bytes limit (0: rekeyBytes + 10%)
    uint64_t rekeyPackets{0};      ///< soft packets limit (0: none)
    uint64_t lifePackets{0};       ///< hard packets limit (0: rekeyPackets + 10%)

    /// \returns lifeTime with its default applied
    Time EffectiveLifeTime() const
    {
        return lifeTime.IsStrictlyPositive() ? lifeTime : rekeyTime + rekeyTime / 10;
    }

    /// \returns randTime with its default applied
    Time EffectiveRandTime() const
    {
        return randTime.IsPositive() ? randTime : EffectiveLifeTime() - rekeyTime;
    }
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
    uint32_t cpuCount{1};                    ///< CPUs of this gateway that can hold per-CPU SAs
    std::optional<DhGroup> pfsGroup;         ///< KE group of CREATE_CHILD_SA (PFS), if any
    std::vector<DhGroup> pfsAlternatives;    ///< more KE groups, after pfsGroup (PFS)
    IkeLifetime childLifetime;               ///< Child SA rekeying (strongSwan: 1 h, +10%, jitter)
    IkeLifetime ikeLifetime{Seconds(14400)}; ///< IKE SA rekeying (strongSwan: 4 h)
    Ptr<IkePerResourceConfig> perResource;   ///< RFC 9611 settings (null: off)
    Time dpdDelay{Seconds(0)}; ///< liveness check after this long without a message (0: off)
    /// Force UDP encapsulation as if a NAT were on the path (strongSwan's encap = yes): this
    /// side sends a random NAT_DETECTION_SOURCE_IP hash, so that both ends float IKE to port
    /// 4500 and encapsulate ESP in UDP (ns-3 has no NAT to make them do it).
    bool forceEncap{false};
};

} // namespace ns3

#endif /* IPSEC_IKE_PEER_CONFIG_H */
