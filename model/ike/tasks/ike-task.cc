/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-task.h"

#include "ns3/simulator.h"

namespace ns3
{

IkeTask::IkeTask()
    : m_created(Simulator::Now())
{
}

IkeTask::~IkeTask() = default;

Time
IkeTask::GetCreated() const
{
    return m_created;
}

void
IkeTask::Complete(IkeSession& /* session */, Result /* result */)
{
}

bool
IkeTask::IsReady(const IkeSession& /* session */) const
{
    return true;
}

IkeNotifyType
IkeTask::GetError() const
{
    return m_error;
}

IkeTask::Result
IkeTask::Fail(IkeNotifyType type)
{
    m_error = type;
    return Result::FAILED;
}

void
IkeTask::SetError(IkeNotifyType type)
{
    m_error = type;
}

} // namespace ns3
