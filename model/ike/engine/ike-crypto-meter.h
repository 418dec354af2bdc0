/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_CRYPTO_METER_H
#define IPSEC_IKE_CRYPTO_METER_H

#include "ike-crypto-cost.h"

#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <array>
#include <cstdint>

namespace ns3
{

class CpuCostModel;

/**
 * \ingroup ipsec
 * \brief Counts the IKE crypto operations of one daemon and the core time they cost: the IKE SA
 * and its tasks record each operation as they do it, and the daemon takes the time accumulated
 * since the last message it sent (TakePending) to occupy a core for it before that message
 * leaves.
 *
 * Disabled (Record does nothing) until Enable is called, which the daemon does only when its
 * node has a CpuModel: without CPUs IKE takes no time, as before.
 */
class IkeCryptoMeter
{
  public:
    IkeCryptoMeter();

    /**
     * \brief Starts metering.
     * \param cost the cost of each operation
     * \param packetModel the node's packet cost model (for the SK payload's per-octet cost)
     */
    void Enable(Ptr<const IkeCryptoCost> cost, Ptr<const CpuCostModel> packetModel);
    /// \returns whether Enable was called
    bool IsEnabled() const;

    /// \param operation an operation just done; its time is added to the pending time
    void Record(const IkeCryptoOperation& operation);
    /// \returns the time recorded since the last call, and starts again from zero
    Time TakePending();

    /// \param op a kind \returns how many operations of the kind were recorded
    uint64_t GetCount(IkeCryptoOp op) const;
    /// \param op a kind \returns their time
    Time GetTime(IkeCryptoOp op) const;
    /// \returns the time of all operations recorded
    Time GetTotalTime() const;

  private:
    Ptr<const IkeCryptoCost> m_cost;                    ///< costs, null while disabled
    Ptr<const CpuCostModel> m_packetModel;              ///< the node's packet cost model
    Time m_pending;                                     ///< not yet taken
    Time m_total;                                       ///< all recorded
    std::array<uint64_t, IKE_CRYPTO_OP_COUNT> m_counts; ///< by kind
    std::array<Time, IKE_CRYPTO_OP_COUNT> m_times;      ///< by kind
};

} // namespace ns3

#endif /* IPSEC_IKE_CRYPTO_METER_H */
