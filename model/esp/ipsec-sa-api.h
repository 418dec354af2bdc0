/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SA_API_H
#define IPSEC_SA_API_H

#include "flow-tuple.h"
#include "ipsec-sa.h"
#include "sa-params.h"
#include "security-policy.h"

#include "ns3/callback.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The data plane asks key management for an SA (XFRM_MSG_ACQUIRE): a PROTECT policy
 * matched and no SA was there, or a per-CPU policy's core has no SA of its own. Raised once per
 * (reqid, core) until an SA arrives or the acquire times out.
 */
struct AcquireEvent
{
    uint32_t reqid{0};
    uint32_t interfaceId{0};
    FlowTuple trigger; //!< the packet that found no SA
    /// The core that wants an SA of its own (per-CPU policies, with a fallback SA installed),
    /// or SaParams::NO_CPU for an ordinary acquire, which creates the fallback.
    uint32_t cpu{SaParams::NO_CPU};
};

/// \ingroup ipsec
/// Which limit ended (or will soon end) an SA.
enum class ExpireCause : uint8_t
{
    BYTES,
    PACKETS,
    TIME,
    SEQUENCE_OVERFLOW
};

/// \return "bytes", "packets", "time" or "sequence_overflow".
std::string ToString(ExpireCause cause);

/**
 * \ingroup ipsec
 * \brief An SA reached a lifetime limit (XFRM_MSG_EXPIRE). After a hard expiry the data plane
 * no longer uses the SA and removes it.
 */
struct ExpireEvent
{
    uint32_t spi{0};
    SaDirection direction{SaDirection::OUTBOUND};
    uint32_t reqid{0};
    bool hard{false};
    ExpireCause cause{ExpireCause::TIME};
};

/**
 * \ingroup ipsec
 * \brief The narrow interface between key management (the IKE daemon, or static keying) and
 * the ESP data plane, playing the role of Linux's XFRM netlink API: policies and SAs go in,
 * acquire and expire events come out. Nothing else crosses the border.
 */
class IpsecSaApi
{
  public:
    /// Receives acquire events.
    using AcquireCallback = Callback<void, const AcquireEvent&>;
    /// Receives expire events.
    using ExpireCallback = Callback<void, const ExpireEvent&>;

    virtual ~IpsecSaApi() = default;

    /// \return a fresh inbound SPI (256 or more) not used by any SA of this node (XFRM ALLOCSPI).
    virtual uint32_t AllocateSpi() = 0;

    /// Installs \p policy; \return its id.
    virtual uint32_t AddPolicy(const SecurityPolicy& policy) = 0;

    /// Removes the policy \p id; \return whether it existed.
    virtual bool DeletePolicy(uint32_t id) = 0;

    /// Installs an SA; throws std::invalid_argument naming what is wrong with \p params.
    virtual void AddSa(const SaParams& params) = 0;

    /// Removes an SA; for inbound SAs \p destination is ignored. \return whether it existed.
    virtual bool DeleteSa(SaDirection direction, uint32_t spi, Ipv4Address destination) = 0;

    /// \return the installed SA, or nullptr (for statistics; do not keep it).
    virtual Ptr<const IpsecSa> GetSa(SaDirection direction,
                                     uint32_t spi,
                                     Ipv4Address destination) const = 0;

    /// \return every installed SA, sorted by direction then SPI.
    virtual std::vector<Ptr<const IpsecSa>> GetSas() const = 0;

    /// Sets who answers acquires (one key manager per node).
    virtual void SetAcquireCallback(AcquireCallback callback) = 0;

    /// Sets who hears about expiring SAs.
    virtual void SetExpireCallback(ExpireCallback callback) = 0;
};

} // namespace ns3

#endif // IPSEC_SA_API_H
