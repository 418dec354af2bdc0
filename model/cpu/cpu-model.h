/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_CPU_MODEL_H
#define IPSEC_CPU_MODEL_H

#include "cpu-core.h"
#include "cpu-cost-model.h"

#include "ns3/object.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The CPUs of a node: a number of CpuCore servers and the cost model that turns packet
 * processing into service time. Aggregated to a Node (CpuHelper installs it).
 *
 * The cores are created once the attributes are known: at the first GetCore() or GetCores()
 * call or at DoInitialize, whichever comes first; each gets its index and the node's id (or the
 * id of the node it is aggregated to later). After that, Cores cannot change; BacklogLimit can
 * (it is applied to every core).
 */
class CpuModel : public Object
{
  public:
    /// Largest number of cores a node may have.
    static constexpr uint32_t MAX_CORES = 4096;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    CpuModel();
    ~CpuModel() override;

    /// \return the number of cores (the Cores attribute)
    uint32_t GetNCores() const;

    /**
     * \param i a core number, below GetNCores() (aborts otherwise)
     * \return core i
     */
    Ptr<CpuCore> GetCore(uint32_t i) const;

    /// \return every core, by number
    const std::vector<Ptr<CpuCore>>& GetCores() const;

    /// \return the cost model (a default LinearCpuCostModel if none was set)
    Ptr<CpuCostModel> GetCostModel() const;

    /// \return the core that runs locally generated traffic (aborts if it is not below Cores)
    uint32_t GetApplicationCore() const;

    /// \return how many jobs may wait on each core
    uint32_t GetBacklogLimit() const;

  protected:
    void DoInitialize() override;
    void DoDispose() override;
    void NotifyNewAggregate() override;

  private:
    /**
     * \brief Cores attribute setter.
     * \param n the number of cores
     * \return false, with a message on std::cerr naming the value and the range, if n is not in
     *         1 to MAX_CORES or the cores exist already
     */
    bool SetNCores(uint32_t n);

    /// BacklogLimit attribute setter: applies the limit to existing cores too.
    void SetBacklogLimit(uint32_t limit);

    /// Creates the cores if they do not exist yet.
    void CreateCores() const;

    /// \return the id of the node this model is aggregated to, or Simulator::NO_CONTEXT
    uint32_t NodeId() const;

    uint32_t m_nCores{1};                      //!< the Cores attribute
    uint32_t m_backlogLimit{1000};             //!< the BacklogLimit attribute
    uint32_t m_applicationCore{0};             //!< the ApplicationCore attribute
    mutable Ptr<CpuCostModel> m_costModel;     //!< the CostModel attribute
    mutable std::vector<Ptr<CpuCore>> m_cores; //!< created by CreateCores
};

} // namespace ns3

#endif // IPSEC_CPU_MODEL_H
