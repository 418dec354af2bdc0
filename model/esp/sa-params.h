/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SA_PARAMS_H
#define SA_PARAMS_H

#include "ns3/cipher-suite.h"
#include "ns3/crypto-bytes.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <optional>

namespace ns3
{

/// \ingroup ipsec
/// Direction of an SA, as seen from the node that holds it.
enum class SaDirection : uint8_t
{
    INBOUND,
    OUTBOUND
};

/**
 * \ingroup ipsec
 * \brief Whether an SA really transforms bytes.
 *
 * SIZE_ONLY keeps every length, header field and simulated cost of REAL but copies the payload
 * unencrypted and writes an all-zero ICV: for very large runs, and chosen explicitly.
 */
enum class CryptoMode : uint8_t
{
    REAL,
    SIZE_ONLY
};

/// \return "real" or "size-only".
std::string ToString(CryptoMode mode);

/// \return the mode named \p name ("real", "size-only"); throws std::invalid_argument otherwise.
CryptoMode CryptoModeFromString(const std::string& name);

/**
 * \ingroup ipsec
 * \brief Soft and hard limits of an SA (0 = no limit), like XFRM's lifetime_cfg.
 */
struct SaLifetime
{
    uint64_t softBytes{0};
    uint64_t hardBytes{0};
    uint64_t softPackets{0};
    uint64_t hardPackets{0};
    Time softTime{Seconds(0)};
    Time hardTime{Seconds(0)};
};

/**
 * \ingroup ipsec
 * \brief UDP encapsulation of ESP (RFC 3948).
 */
struct UdpEncapsulation
{
    uint16_t sourcePort{4500};
    uint16_t destinationPort{4500};
};

/**
 * \ingroup ipsec
 * \brief Everything that defines one SA when it is installed; immutable afterwards.
 */
struct SaParams
{
    /// No CPU binding: the fallback SA of a per-CPU group, or any SA outside one (UINT_MAX as
    /// Linux's pcpu_num).
    static constexpr uint32_t NO_CPU = UINT32_MAX;

    SaDirection direction{SaDirection::OUTBOUND};
    uint32_t spi{0};               //!< chosen by the receiver; 1..255 reserved, 0 never sent
    uint32_t reqid{0};             //!< links the SA to the policies that use it
    uint32_t interfaceId{0};       //!< IPsec interface the SA belongs to (XFRM if_id)
    Ipv4Address tunnelSource;      //!< outer source address
    Ipv4Address tunnelDestination; //!< outer destination address
    CipherSuite suite;             //!< transforms
    Bytes encryptionKey;           //!< including the salt of AEAD transforms
    Bytes integrityKey;            //!< empty for AEAD transforms
    bool esn{false};               //!< 64-bit extended sequence numbers (RFC 4304)
    uint32_t replayWindow{64};     //!< inbound only: 0 disables, else 32..4096
    std::optional<UdpEncapsulation> udpEncapsulation; //!< RFC 3948 when set
    std::optional<CryptoMode> cryptoMode;             //!< unset: the data plane's default
    SaLifetime lifetime;
    /// Outbound: the CPU whose packets use this SA (per-CPU selection, RFC 9611 as in Linux
    /// 6.13's XFRMA_SA_PCPU) or that processes all of them (pinned selection).
    /// Inbound: the CPU that processes it in pinned selection.
    uint32_t cpu{NO_CPU};
};

} // namespace ns3

#endif // SA_PARAMS_H
