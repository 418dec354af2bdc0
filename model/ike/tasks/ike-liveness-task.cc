/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-liveness-task.h"

#include "ns3/ike-daemon.h"
#include "ns3/ike-session.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeLivenessTask");

IkeLivenessTask::IkeLivenessTask() = default;

IkeExchangeType
IkeLivenessTask::GetExchangeType() const
{
    return IkeExchangeType::INFORMATIONAL;
}

void
IkeLivenessTask::BuildRequest(IkeSession& session, IkeMessage& request)
{
    NS_LOG_INFO("liveness check");
    session.GetDaemon().Statistics().livenessChecks++;
    request.EnableEncryption();
}

IkeTask::Result
IkeLivenessTask::ProcessResponse(IkeSession& session, const IkeMessage& response)
{
    return Result::DONE;
}

IkeTask::Result
IkeLivenessTask::ProcessRequest(IkeSession& session,
                                const IkeMessage& request,
                                IkeMessage& response)
{
    return Result::DONE;
}

} // namespace ns3
