/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "cpu-model.h"

#include "linear-cpu-cost-model.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <iostream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CpuModel");

NS_OBJECT_ENSURE_REGISTERED(CpuModel);

namespace
{

/**
 * A uinteger range checker that says what is wrong when it refuses a value: ns-3's own
 * messages ("could not be set", "Invalid value for attribute set") name neither the value nor
 * the range. Every other call is delegated to MakeUintegerChecker's checker.
 */
class RangeReportingChecker : public AttributeChecker
{
  public:
    /**
     * \param name what the message calls the attribute ("CpuModel Cores")
     * \param min the smallest value accepted
     * \param max the largest value accepted
     */
    RangeReportingChecker(std::string name, uint32_t min, uint32_t max)
        : m_name(std::move(name))
        , m_min(min)
        , m_max(max)
        , m_inner(MakeUintegerChecker<uint32_t>(min, max))
    {
    }

    bool Check(const AttributeValue& value) const override
    {
        if (m_inner->Check(value))
        {
            return true;
        }
        const auto* v = dynamic_cast<const UintegerValue*>(&value);
        std::cerr << m_name << ": "
                  << (v ? std::to_string(v->Get()) : std::string("a non-integer value"))
                  << " is out of range: expected " << m_min << " to " << m_max << std::endl;
        return false;
    }

    std::string GetValueTypeName() const override
    {
        return m_inner->GetValueTypeName();
    }

    bool HasUnderlyingTypeInformation() const override
    {
        return m_inner->HasUnderlyingTypeInformation();
    }

    std::string GetUnderlyingTypeInformation() const override
    {
        return m_inner->GetUnderlyingTypeInformation();
    }

    Ptr<AttributeValue> Create() const override
    {
        return m_inner->Create();
    }

    bool Copy(const AttributeValue& source, AttributeValue& destination) const override
    {
        return m_inner->Copy(source, destination);
    }

  private:
    std::string m_name;                  //!< named in the message
    uint32_t m_min;                      //!< smallest accepted
    uint32_t m_max;                      //!< largest accepted
    Ptr<const AttributeChecker> m_inner; //!< ns-3's uinteger checker
};

} // namespace

TypeId
CpuModel::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::CpuModel")
              .SetParent<Object>()
              .SetGroupName("Ipsec")
              .AddConstructor<CpuModel>()
              .AddAttribute("Cores",
                            "Number of cores of the node, 1 to 4096. Fixed once the cores exist "
                            "(first GetCore or Initialize).",
                            UintegerValue(1),
                            MakeUintegerAccessor(&CpuModel::SetNCores, &CpuModel::GetNCores),
                            Ptr<const AttributeChecker>(
                                Create<RangeReportingChecker>("CpuModel Cores", 1, MAX_CORES)))
              .AddAttribute(
                  "BacklogLimit",
                  "Jobs that may wait on each core, not counting the one in service "
                  "(Linux net.core.netdev_max_backlog, default 1000).",
                  UintegerValue(1000),
                  MakeUintegerAccessor(&CpuModel::SetBacklogLimit, &CpuModel::GetBacklogLimit),
                  MakeUintegerChecker<uint32_t>())
              .AddAttribute("CostModel",
                            "The cost model of the node's cores (a CpuCostModel); a "
                            "LinearCpuCostModel with its defaults if not set.",
                            PointerValue(),
                            MakePointerAccessor(&CpuModel::m_costModel),
                            MakePointerChecker<CpuCostModel>())
              .AddAttribute("ApplicationCore",
                            "The core that runs locally generated traffic (below Cores).",
                            UintegerValue(0),
                            MakeUintegerAccessor(&CpuModel::m_applicationCore),
                            MakeUintegerChecker<uint32_t>());
    return tid;
}

CpuModel::CpuModel()
{
    NS_LOG_FUNCTION(this);
}

CpuModel::~CpuModel() = default;

bool
CpuModel::SetNCores(uint32_t n)
{
    NS_LOG_FUNCTION(this << n);
    if (!m_cores.empty() && n != m_nCores)
    {
        std::cerr << "CpuModel Cores: cannot change from " << m_nCores << " to " << n
                  << " after the cores were created" << std::endl;
        return false;
    }
    m_nCores = n;
    return true;
}

uint32_t
CpuModel::GetNCores() const
{
    return m_nCores;
}

void
CpuModel::SetBacklogLimit(uint32_t limit)
{
    NS_LOG_FUNCTION(this << limit);
    m_backlogLimit = limit;
    for (const auto& core : m_cores)
    {
        core->SetBacklogLimit(limit);
    }
}

uint32_t
CpuModel::GetBacklogLimit() const
{
    return m_backlogLimit;
}

uint32_t
CpuModel::NodeId() const
{
    Ptr<Node> node = GetObject<Node>();
    return node ? node->GetId() : Simulator::NO_CONTEXT;
}

void
CpuModel::CreateCores() const
{
    if (!m_cores.empty())
    {
        return;
    }
    NS_LOG_FUNCTION(this << m_nCores);
    uint32_t nodeId = NodeId();
    m_cores.reserve(m_nCores);
    for (uint32_t i = 0; i < m_nCores; ++i)
    {
        Ptr<CpuCore> core = CreateObject<CpuCore>();
        core->SetIndex(i);
        core->SetNodeId(nodeId);
        core->SetBacklogLimit(m_backlogLimit);
        m_cores.push_back(core);
    }
}

Ptr<CpuCore>
CpuModel::GetCore(uint32_t i) const
{
    NS_ABORT_MSG_UNLESS(i < m_nCores,
                        "CpuModel::GetCore: core " << i << " does not exist: expected 0 to "
                                                   << m_nCores - 1);
    CreateCores();
    return m_cores[i];
}

const std::vector<Ptr<CpuCore>>&
CpuModel::GetCores() const
{
    CreateCores();
    return m_cores;
}

Ptr<CpuCostModel>
CpuModel::GetCostModel() const
{
    if (!m_costModel)
    {
        m_costModel = CreateObject<LinearCpuCostModel>();
    }
    return m_costModel;
}

uint32_t
CpuModel::GetApplicationCore() const
{
    NS_ABORT_MSG_UNLESS(m_applicationCore < m_nCores,
                        "CpuModel ApplicationCore: "
                            << m_applicationCore << " is not a core of this node: expected 0 to "
                            << m_nCores - 1);
    return m_applicationCore;
}

void
CpuModel::NotifyNewAggregate()
{
    uint32_t nodeId = NodeId();
    if (nodeId != Simulator::NO_CONTEXT)
    {
        for (const auto& core : m_cores)
        {
            core->SetNodeId(nodeId);
        }
    }
    Object::NotifyNewAggregate();
}

void
CpuModel::DoInitialize()
{
    NS_LOG_FUNCTION(this);
    CreateCores();
    GetApplicationCore(); // checks it against Cores
    GetCostModel();
    Object::DoInitialize();
}

void
CpuModel::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (const auto& core : m_cores)
    {
        core->Dispose();
    }
    m_cores.clear();
    m_costModel = nullptr;
    Object::DoDispose();
}

} // namespace ns3
