/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_CPU_HELPER_H
#define IPSEC_CPU_HELPER_H

#include "ns3/cpu-model.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Gives nodes CPUs: aggregates a CpuModel (with its cores and a cost model of its own)
 * to each node, in the style of InternetStackHelper; and reports per-core figures for
 * metrics.json.
 *
 * \code
 * CpuHelper cpus;
 * cpus.SetCpuAttribute("Cores", UintegerValue(8));
 * cpus.SetCostModel("ns3::ProfileCpuCostModel", "ProfileFile", StringValue("profile.json"));
 * cpus.Install(gateways);
 * \endcode
 */
class CpuHelper
{
  public:
    CpuHelper();

    /**
     * \brief Sets an attribute of every CpuModel this helper creates (Cores, BacklogLimit,
     * ApplicationCore). A bad value stops the program with a message naming it.
     * \param name the attribute
     * \param value its value
     */
    void SetCpuAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Chooses the cost model: each node gets its own object of this type (by default a
     * LinearCpuCostModel with its default attributes).
     * \param type a CpuCostModel subclass, e.g. "ns3::ProfileCpuCostModel"
     * \param args name-value pairs of its attributes
     */
    template<typename... Args>
    void SetCostModel(const std::string& type, Args&&... args);

    /**
     * \brief Sets an attribute of the cost models this helper creates.
     * \param name the attribute
     * \param value its value
     */
    void SetCostModelAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \param nodes the nodes
     * \return the CpuModel installed on each node, in the same order
     */
    std::vector<Ptr<CpuModel>> Install(NodeContainer nodes) const;

    /**
     * \param node a node without a CpuModel (aborts if it has one)
     * \return the CpuModel installed on it, its cores created
     */
    Ptr<CpuModel> Install(Ptr<Node> node) const;

    /**
     * \brief Per-core figures for metrics.json.
     * \param cpu the node's CPUs
     * \param interval the observation interval that utilization is relative to (positive)
     * \return an array, by core: {"core", "utilization", "busy_s", "jobs", "backlog_drops"}
     */
    static nlohmann::json Metrics(Ptr<CpuModel> cpu, Time interval);

  private:
    ObjectFactory m_cpuFactory;  //!< creates the CpuModels
    ObjectFactory m_costFactory; //!< creates the cost models
};

template<typename... Args>
void
CpuHelper::SetCostModel(const std::string& type, Args&&... args)
{
    m_costFactory = ObjectFactory(type, std::forward<Args>(args)...);
}

} // namespace ns3

#endif // IPSEC_CPU_HELPER_H
