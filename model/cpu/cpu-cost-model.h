/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_CPU_COST_MODEL_H
#define IPSEC_CPU_COST_MODEL_H

#include "ns3/cipher-suite.h"
#include "ns3/nstime.h"
#include "ns3/object.h"

#include <cstdint>
#include <string>

namespace ns3
{

/// A stage of per-packet work on a core, each with its own cost.
enum class CpuStage : uint8_t
{
    RECEIVE,     //!< receive and forward one packet through the IP stack (no crypto)
    ESP_ENCRYPT, //!< ESP output of one packet: SA work, encrypt and ICV, outer header
    ESP_DECRYPT, //!< ESP input of one packet: SA lookup, replay check, ICV and decrypt
};

/// \return "receive", "esp_encrypt" or "esp_decrypt" (the names in cost profiles)
std::string ToString(CpuStage stage);

/**
 * \ingroup ipsec
 * \brief How much core time a stage of packet processing costs: the pluggable part of the CPU
 * model (template method: GetServiceTime checks, DoGetServiceTime computes).
 *
 * Variants: LinearCpuCostModel (fixed cycles per stage plus cycles per byte per suite, at a
 * frequency) and ProfileCpuCostModel (a measured profile written by ipsec-calibrate).
 *
 * The base also holds the two costs of sharing one SA between cores: CriticalSectionTime, the
 * hold time of the SA's sequence-counter/replay-window update (taken in turn by the cores that
 * share the SA), and CacheLineTransferTime, added to a hold when the previous holder was another
 * core. The stage costs already include one uncontended critical section (they are calibrated on
 * a single core); whoever serializes the cores adds only the waiting and the transfers.
 */
class CpuCostModel : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    CpuCostModel();
    ~CpuCostModel() override;

    /**
     * \brief The service time of one packet in one stage.
     * \param stage the stage
     * \param bytes octets the stage works on: for the ESP stages the plaintext (inner packet)
     *        length, for RECEIVE the packet length
     * \param suite the SA's suite for the ESP stages; nullptr for RECEIVE (ignored there)
     * \return the service time, never negative (aborts if an ESP stage has no suite)
     */
    Time GetServiceTime(CpuStage stage, uint32_t bytes, const CipherSuite* suite) const;

    /// \return the hold time of an SA's sequence-counter/replay-window update
    Time GetCriticalSectionTime() const;

    /// \return the extra hold time when the previous holder of the SA was another core
    Time GetCacheLineTransferTime() const;

  protected:
    /**
     * \brief Computes the service time; the arguments are checked (suite is not nullptr for
     * the ESP stages).
     * \param stage the stage
     * \param bytes octets the stage works on
     * \param suite the SA's suite, or nullptr for RECEIVE
     * \return the service time (negative results are raised to zero by GetServiceTime)
     */
    virtual Time DoGetServiceTime(CpuStage stage,
                                  uint32_t bytes,
                                  const CipherSuite* suite) const = 0;

  private:
    Time m_criticalSection;   //!< hold time of an SA's sequence/replay update
    Time m_cacheLineTransfer; //!< extra hold time after another core held the SA
};

} // namespace ns3

#endif // IPSEC_CPU_COST_MODEL_H
