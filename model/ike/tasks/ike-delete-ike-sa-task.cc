/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-delete-ike-sa-task.h"

#include "ns3/ike-delete-payload.h"
#include "ns3/ike-session.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeDeleteIkeSaTask");

IkeDeleteIkeSaTask::IkeDeleteIkeSaTask() = default;

IkeExchangeType
IkeDeleteIkeSaTask::GetExchangeType() const
{
    return IkeExchangeType::INFORMATIONAL;
}

void
IkeDeleteIkeSaTask::BuildRequest(IkeSession& session, IkeMessage& request)
{
    request.AddEncryptedPayload(IkeDeletePayload());
}

IkeTask::Result
IkeDeleteIkeSaTask::ProcessResponse(IkeSession& session, const IkeMessage& response)
{
    return Result::DONE;
}

IkeTask::Result
IkeDeleteIkeSaTask::ProcessRequest(IkeSession& session,
                                   const IkeMessage& request,
                                   IkeMessage& response)
{
    // RFC 7296 1.4.1: the response to an IKE SA Delete is empty; any other Delete payloads of
    // the request are moot, as the Child SAs go with the IKE SA.
    NS_LOG_INFO("the peer deletes the IKE SA");
    return Result::DONE;
}

void
IkeDeleteIkeSaTask::Complete(IkeSession& session, Result result)
{
    session.Close();
}

} // namespace ns3
