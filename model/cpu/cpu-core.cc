/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "cpu-core.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CpuCore");
// Functions called per packet have no NS_LOG_FUNCTION: NS3_LOG_ENABLE makes each one a call to
// LogComponent::IsEnabled even with logging off, the top self-time entry of the ESP path.

NS_OBJECT_ENSURE_REGISTERED(CpuCore);

CpuCore* CpuCore::s_current = nullptr;

TypeId
CpuCore::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::CpuCore")
              .SetParent<Object>()
              .SetGroupName("Ipsec")
              .AddConstructor<CpuCore>()
              .AddAttribute(
                  "BacklogLimit",
                  "Jobs that may wait for this core, not counting the one in service "
                  "(Linux net.core.netdev_max_backlog, default 1000).",
                  UintegerValue(1000),
                  MakeUintegerAccessor(&CpuCore::SetBacklogLimit, &CpuCore::GetBacklogLimit),
                  MakeUintegerChecker<uint32_t>())
              .AddTraceSource("QueueLength",
                              "Number of jobs waiting in the backlog (not the one in service).",
                              MakeTraceSourceAccessor(&CpuCore::m_queueLength),
                              "ns3::TracedValueCallback::Uint32")
              .AddTraceSource("Drop",
                              "A job was refused because BacklogLimit jobs were waiting (no "
                              "arguments).",
                              MakeTraceSourceAccessor(&CpuCore::m_dropTrace),
                              "ns3::CpuCore::DropTracedCallback");
    return tid;
}

CpuCore::CpuCore()
    : m_nodeId(Simulator::NO_CONTEXT)
    , m_backlogLimit(1000)
    , m_queueLength(0)
{
    NS_LOG_FUNCTION(this);
}

CpuCore::~CpuCore() = default;

void
CpuCore::DoDispose()
{
    NS_LOG_FUNCTION(this);
    ++m_generation;
    m_waiting.clear();
    m_continue.clear();
    m_newContinue.clear();
    m_current = Job();
    m_serving = false;
    Object::DoDispose();
}

bool
CpuCore::Enqueue(Time serviceTime, Callback<void> done)
{
    NS_ABORT_MSG_IF(serviceTime.IsStrictlyNegative(),
                    "CpuCore::Enqueue: negative service time " << serviceTime);
    if (!m_serving && !m_completing)
    {
        Start({serviceTime, done});
        return true;
    }
    if (m_waiting.size() >= m_backlogLimit)
    {
        ++m_backlogDrops;
        NS_LOG_LOGIC("core " << m_index << " of node " << m_nodeId << ": backlog full ("
                             << m_backlogLimit << "), job dropped");
        m_dropTrace();
        return false;
    }
    m_waiting.push_back({serviceTime, std::move(done)});
    m_queueLength = static_cast<uint32_t>(m_waiting.size());
    return true;
}

void
CpuCore::Continue(Time serviceTime, Callback<void> done)
{
    NS_ABORT_MSG_IF(serviceTime.IsStrictlyNegative(),
                    "CpuCore::Continue: negative service time " << serviceTime);
    if (m_completing)
    {
        // Collected, then put ahead of older follow-on jobs once the callback returns.
        m_newContinue.push_back({serviceTime, done});
    }
    else if (m_serving)
    {
        m_continue.push_front({serviceTime, done});
    }
    else
    {
        Start({serviceTime, done});
    }
}

Ptr<CpuCore>
CpuCore::GetCurrent()
{
    return Ptr<CpuCore>(s_current);
}

void
CpuCore::Start(Job job)
{
    m_serving = true;
    Time serviceTime = job.serviceTime;
    m_current = std::move(job);
    m_serviceStart = Simulator::Now();
    // The completion runs in the node's context (ScheduleWithContext cannot be cancelled: a
    // disposed core ignores completions of an older generation).
    uint32_t context = m_nodeId == Simulator::NO_CONTEXT ? Simulator::GetContext() : m_nodeId;
    Simulator::ScheduleWithContext(
        context, serviceTime, &CpuCore::Complete, Ptr<CpuCore>(this), m_generation);
}

void
CpuCore::Complete(uint64_t generation)
{
    if (generation != m_generation)
    {
        return; // the core was disposed while the job was in service
    }
    Job job = std::move(m_current);
    m_current = Job();
    m_serving = false;
    m_busy += job.serviceTime;
    ++m_jobsServed;

    m_completing = true;
    CpuCore* previous = s_current;
    s_current = this;
    if (!job.done.IsNull())
    {
        job.done();
    }
    s_current = previous;
    m_completing = false;
    // Depth first: this job's follow-on jobs run before those of earlier jobs.
    m_continue.insert(m_continue.begin(), m_newContinue.begin(), m_newContinue.end());
    m_newContinue.clear();

    StartNext();
}

void
CpuCore::StartNext()
{
    if (m_serving)
    {
        return;
    }
    if (!m_continue.empty())
    {
        Job job = std::move(m_continue.front());
        m_continue.pop_front();
        Start(std::move(job));
    }
    else if (!m_waiting.empty())
    {
        Job job = std::move(m_waiting.front());
        m_waiting.pop_front();
        m_queueLength = static_cast<uint32_t>(m_waiting.size());
        Start(std::move(job));
    }
}

void
CpuCore::SetIndex(uint32_t index)
{
    m_index = index;
}

uint32_t
CpuCore::GetIndex() const
{
    return m_index;
}

void
CpuCore::SetNodeId(uint32_t nodeId)
{
    m_nodeId = nodeId;
}

uint32_t
CpuCore::GetNodeId() const
{
    return m_nodeId;
}

void
CpuCore::SetBacklogLimit(uint32_t limit)
{
    m_backlogLimit = limit;
}

uint32_t
CpuCore::GetBacklogLimit() const
{
    return m_backlogLimit;
}

Time
CpuCore::GetBusyTime() const
{
    if (m_serving)
    {
        return m_busy + (Simulator::Now() - m_serviceStart);
    }
    return m_busy;
}

uint64_t
CpuCore::GetJobsServed() const
{
    return m_jobsServed;
}

uint64_t
CpuCore::GetBacklogDrops() const
{
    return m_backlogDrops;
}

uint32_t
CpuCore::GetQueueLength() const
{
    return static_cast<uint32_t>(m_waiting.size());
}

bool
CpuCore::IsBusy() const
{
    return m_serving || m_completing;
}

double
CpuCore::GetUtilization(Time interval) const
{
    NS_ABORT_MSG_UNLESS(interval.IsStrictlyPositive(),
                        "CpuCore::GetUtilization: the interval must be positive, got " << interval);
    return static_cast<double>(GetBusyTime().GetTimeStep())
           / static_cast<double>(interval.GetTimeStep());
}

} // namespace ns3
