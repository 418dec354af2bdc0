/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-per-resource-child-sa-task.h"

#include "ike-resource-group.h"

#include "ns3/ike-session.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkePerResourceChildSaTask");

IkePerResourceChildSaTask::IkePerResourceChildSaTask() = default;

IkePerResourceChildSaTask::IkePerResourceChildSaTask(uint32_t cpu)
    : IkeCreateChildSaTask(cpu, true)
    , m_additionalCpu(cpu)
{
}

std::unique_ptr<IkePerResourceChildSaTask>
IkePerResourceChildSaTask::ForAdditional(uint32_t cpu)
{
    return std::unique_ptr<IkePerResourceChildSaTask>(new IkePerResourceChildSaTask(cpu));
}

IkeTask::Result
IkePerResourceChildSaTask::ProcessResponse(IkeSession& session, const IkeMessage& response)
{
    if (IsInitiator() && IsPerResource() && !IsRekey()
        && response.FindNotify(IkeNotifyType::TS_MAX_QUEUE))
    {
        session.GetResourceGroup().ProcessResponse(session, response);
        return Fail(IkeNotifyType::TS_MAX_QUEUE);
    }
    return IkeCreateChildSaTask::ProcessResponse(session, response);
}

void
IkePerResourceChildSaTask::Complete(IkeSession& session, Result result)
{
    if (IsInitiator() && m_additionalCpu != SaParams::NO_CPU)
    {
        session.GetResourceGroup().ClearPending(m_additionalCpu);
    }
    IkeCreateChildSaTask::Complete(session, result);
}

void
IkePerResourceChildSaTask::AddRequestNotifies(IkeSession& session, IkeMessage& request)
{
    if (IsPerResource() && !IsRekey())
    {
        // strongSwan sends it only for new Child SAs (!this->rekey): a rekey keeps the CPU.
        session.GetResourceGroup().AddToRequest(request, GetCpu());
    }
}

bool
IkePerResourceChildSaTask::ProcessResponseNotifies(IkeSession& session,
                                                   const IkeMessage& response,
                                                   IkeChildSaSpec& spec)
{
    if (!IsPerResource() || IsRekey())
    {
        return true;
    }
    if (!session.GetResourceGroup().ProcessResponse(session, response))
    {
        // strongSwan's handle_per_resource(): a regular SA, bound to no CPU.
        if (m_additionalCpu != SaParams::NO_CPU)
        {
            session.GetResourceGroup().NoteRegular(m_additionalCpu);
        }
        spec.cpu = SaParams::NO_CPU;
        spec.perResource = false;
    }
    return true;
}

IkeNotifyType
IkePerResourceChildSaTask::ProcessRequestNotifies(IkeSession& session,
                                                  const IkeMessage& request,
                                                  IkeChildSaSpec& spec)
{
    if (spec.replaces != 0)
    {
        return static_cast<IkeNotifyType>(0); // a rekey keeps what the old pair was
    }
    uint32_t cpu = SaParams::NO_CPU;
    bool member = false;
    IkeNotifyType error
        = session.GetResourceGroup().ProcessRequest(session, request, false, cpu, member);
    spec.cpu = cpu;
    spec.perResource = member;
    return error;
}

void
IkePerResourceChildSaTask::AddResponseNotifies(IkeSession& session,
                                               IkeMessage& response,
                                               const IkeChildSa& child)
{
    if (child.perResource && child.replaces == 0)
    {
        session.GetResourceGroup().AddToResponse(response, child.cpu);
    }
}

} // namespace ns3
