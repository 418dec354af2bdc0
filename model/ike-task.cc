/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-task.h"

namespace ns3
{

IkeTask::~IkeTask() = default;

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
