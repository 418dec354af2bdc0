/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-per-resource-child-sa-task.h"

#include "ike-resource-group.h"

#include "ns3/ike-daemon.h"
#include "ns3/ike-message.h"
#include "ns3/ike-notify-payload.h"
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

IkeTask::Result
IkePerResourceChildSaTask::ProcessRequest(IkeSession& session,
                                          const IkeMessage& request,
                                          IkeMessage& response)
{
    Result result = IkeCreateChildSaTask::ProcessRequest(session, request, response);
    if (result == Result::FAILED && m_copiesInitial
        && GetError() == IkeNotifyType::NO_PROPOSAL_CHOSEN)
    {
        session.GetDaemon().Statistics().perResourceProposalRefusals++;
    }
    return result;
}

const IkeChildSa*
IkePerResourceChildSaTask::FindTemplate(IkeSession& session, const IkeMessage* request)
{
    IkeResourceGroup& group = session.GetResourceGroup();
    // Responder: only if we take part in RFC 9611; without it the notify is ignored and the
    // SA is a regular one with our own choice of suite.
    bool additional
        = request ? group.IsEnabled() && request->FindNotify(IkeNotifyType::SA_RESOURCE_INFO)
                  : IsPerResource();
    if (!additional || IsRekey())
    {
        return nullptr;
    }
    const IkeChildSa* initial = IkeResourceGroup::FindInitial(session);
    m_copiesInitial = request && initial;
    return initial;
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
