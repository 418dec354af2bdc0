/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-resource-group.h"

#include "ike-per-resource-child-sa-task.h"

#include "ns3/ike-daemon.h"
#include "ns3/ike-message.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-session.h"
#include "ns3/log.h"
#include "ns3/sa-params.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeResourceGroup");

std::string
ToString(IkeResourceGroup::State state)
{
    switch (state)
    {
        case IkeResourceGroup::State::UNUSED:
            return "UNUSED";
        case IkeResourceGroup::State::ACTIVE:
            return "ACTIVE";
        case IkeResourceGroup::State::REGULAR:
            return "REGULAR";
        case IkeResourceGroup::State::FULL:
            return "FULL";
    }
    return "?";
}

IkeResourceGroup::IkeResourceGroup(Ptr<IkePerResourceConfig> config)
    : m_config(config)
{
}

bool
IkeResourceGroup::IsEnabled() const
{
    return m_config && m_config->IsEnabled();
}

IkeResourceGroup::State
IkeResourceGroup::GetState() const
{
    return m_asInitiator.state;
}

IkeResourceGroup::State
IkeResourceGroup::GetResponderState() const
{
    return m_asResponder.state;
}

void
IkeResourceGroup::TakeOver(const IkeResourceGroup& previous)
{
    m_asInitiator = previous.m_asInitiator;
    m_asResponder = previous.m_asResponder;
}

bool
IkeResourceGroup::IsActive() const
{
    return m_asInitiator.state == State::ACTIVE;
}

bool
IkeResourceGroup::AddToRequest(IkeMessage& request, uint32_t cpu) const
{
    if (!IsEnabled())
    {
        return false;
    }
    request.AddEncryptedPayload(
        IkeNotifyPayload::SaResourceInfo(MakeResourceId(m_config->GetResourceId(), cpu)));
    return true;
}

bool
IkeResourceGroup::ProcessResponse(IkeSession& session, const IkeMessage& response)
{
    IkeStatistics& stats = session.GetDaemon().Statistics();
    if (response.FindNotify(IkeNotifyType::TS_MAX_QUEUE))
    {
        // RFC 9611 section 5.2: the peer wants no more SAs for these selectors; we keep what we
        // have (the fallback carries the other CPUs' packets) and stop asking.
        NS_LOG_INFO("responder reached its maximum of additional Child SAs (TS_MAX_QUEUE)");
        stats.tsMaxQueueReceived++;
        m_asInitiator.state = State::FULL;
        DropQueuedAdditional(session);
        return false;
    }
    const IkeNotifyPayload* info = response.FindNotify(IkeNotifyType::SA_RESOURCE_INFO);
    if (!info)
    {
        for (const IkeNotifyPayload* notify : response.FindAll<IkeNotifyPayload>())
        {
            if (notify->IsError())
            {
                return false; // no Child SA at all; the task reports the error
            }
        }
        // strongSwan's handle_per_resource() clears per_cpu of that one Child SA ("creating
        // regular SA"); it has no group to give up. We follow it for an additional SA: it is
        // a regular Child SA, unbound, and the group goes on (its other requests stand). Only
        // the response for the group's first SA decides whether there is a group at all
        // (RFC 9611 section 3: without the notify the initiator creates no siblings).
        NS_LOG_INFO("peer didn't send SA_RESOURCE_INFO notify, creating regular SA");
        stats.regularFallbacks++;
        if (m_asInitiator.state == State::UNUSED)
        {
            m_asInitiator.state = State::REGULAR;
            DropQueuedAdditional(session);
        }
        return false;
    }
    NS_LOG_INFO("peer's SA_RESOURCE_INFO: " << DescribeResourceId(info->GetData()));
    if (m_asInitiator.state == State::UNUSED)
    {
        // The group's first SA: the peer accepts members either way now.
        m_asInitiator.state = State::ACTIVE;
        m_asResponder.state = State::ACTIVE;
    }
    return true;
}

void
IkeResourceGroup::DropQueuedAdditional(IkeSession& session)
{
    // Additional SAs still queued (EAGER) would only be refused, or be regular duplicates.
    session.Unqueue(
        [this](const IkeTask& task)
        {
            const auto* additional = dynamic_cast<const IkePerResourceChildSaTask*>(&task);
            if (!additional || !additional->IsInitiator() || additional->IsRekey()
                || !additional->IsPerResource())
            {
                return false;
            }
            ClearPending(additional->GetCpu());
            return true;
        });
}

bool
IkeResourceGroup::IsPending(uint32_t cpu) const
{
    return m_asInitiator.pending.count(cpu) > 0;
}

void
IkeResourceGroup::SetPending(uint32_t cpu)
{
    m_asInitiator.pending.insert(cpu);
}

void
IkeResourceGroup::ClearPending(uint32_t cpu)
{
    auto it = m_asInitiator.pending.find(cpu);
    if (it != m_asInitiator.pending.end())
    {
        m_asInitiator.pending.erase(it); // one of them (EAGER may ask twice for a CPU)
    }
}

void
IkeResourceGroup::NoteRegular(uint32_t cpu)
{
    m_asInitiator.regular.insert(cpu);
}

IkeNotifyType
IkeResourceGroup::ProcessRequest(
    IkeSession& session, const IkeMessage& request, bool first, uint32_t& cpu, bool& member)
{
    cpu = SaParams::NO_CPU;
    member = false;
    const IkeNotifyPayload* info = request.FindNotify(IkeNotifyType::SA_RESOURCE_INFO);
    if (!info || !IsEnabled())
    {
        // Not asked for, or not supported here: a regular SA, and the initiator, finding no
        // SA_RESOURCE_INFO in the response, creates no siblings (RFC 9611 section 3).
        return static_cast<IkeNotifyType>(0);
    }
    NS_LOG_INFO("peer's SA_RESOURCE_INFO: " << DescribeResourceId(info->GetData()));
    const std::vector<IkeChildSa>& children = session.GetChildSas();
    // Our limit, whatever the peer answered to our own requests (the initiator view may be
    // FULL or REGULAR while the peer still asks us).
    if (!first && m_asResponder.state == State::ACTIVE
        && CountAdditional(children) >= m_config->GetMaxAdditional())
    {
        // RFC 9611 section 7 recommends a limit per TSi/TSr; libreswan refuses with
        // TS_MAX_QUEUE beyond its MAX_ADDITIONAL_SAS. The IKE SA and the SAs it has stay.
        NS_LOG_INFO("refusing an additional Child SA: " << m_config->GetMaxAdditional()
                                                        << " exist");
        session.GetDaemon().Statistics().tsMaxQueueSent++;
        return IkeNotifyType::TS_MAX_QUEUE;
    }
    m_asResponder.state = State::ACTIVE;
    if (first)
    {
        // We confirm the group's first SA: our own requests may add members too.
        m_asInitiator.state = State::ACTIVE;
    }
    if (!m_asResponder.assigner)
    {
        m_asResponder.assigner = m_config->CreateCpuAssigner();
    }
    cpu = m_asResponder.assigner->Assign(GroupCpus(session), session.GetConfig().cpuCount);
    member = true;
    return static_cast<IkeNotifyType>(0);
}

void
IkeResourceGroup::AddToResponse(IkeMessage& response, uint32_t cpu) const
{
    response.AddEncryptedPayload(
        IkeNotifyPayload::SaResourceInfo(MakeResourceId(m_config->GetResourceId(), cpu)));
}

bool
IkeResourceGroup::RequestAdditional(IkeSession& session, uint32_t cpu)
{
    if (!IsActive() || IsPending(cpu) || m_asInitiator.regular.count(cpu) > 0
        || session.GetSa().GetState() != IkeSaState::ESTABLISHED)
    {
        return false;
    }
    for (const IkeChildSa& child : session.GetChildSas())
    {
        if (child.perResource && child.cpu == cpu && InUse(child))
        {
            return false; // a late acquire: the CPU has its SA
        }
    }
    NS_LOG_INFO("additional Child SA for CPU " << cpu);
    QueueAdditional(session, cpu);
    return true;
}

void
IkeResourceGroup::QueueAdditional(IkeSession& session, uint32_t cpu)
{
    SetPending(cpu);
    session.Queue(IkePerResourceChildSaTask::ForAdditional(cpu));
}

void
IkeResourceGroup::HandleAcquire(IkeSession& session, uint32_t cpu)
{
    if (IsEnabled())
    {
        m_config->GetInitiatorPolicy()->Acquire(*this, session, cpu);
    }
}

void
IkeResourceGroup::Start(IkeSession& session)
{
    if (IsEnabled())
    {
        m_config->GetInitiatorPolicy()->Start(*this, session);
    }
}

bool
IkeResourceGroup::IgnoresSoftExpire(const IkeChildSa& child) const
{
    return IsEnabled() && m_config->GetRekeyPolicy()->IgnoresSoftExpire(child);
}

void
IkeResourceGroup::NoteInitialRekeyed(IkeSession& session)
{
    if (IsEnabled())
    {
        m_config->GetRekeyPolicy()->InitialRekeyed(*this, session);
    }
}

void
IkeResourceGroup::NoteInitialGone(IkeSession& session)
{
    // A closing or failed IKE SA removes all its Child SAs anyway.
    if (IsEnabled() && session.GetSa().GetState() == IkeSaState::ESTABLISHED)
    {
        m_config->GetRekeyPolicy()->InitialGone(*this, session);
    }
}

std::vector<std::pair<uint32_t, uint32_t>>
IkeResourceGroup::InstalledAdditional(const IkeSession& session)
{
    std::vector<std::pair<uint32_t, uint32_t>> additional; // inbound SPI, CPU
    for (const IkeChildSa& child : session.GetChildSas())
    {
        if (child.perResource && child.cpu != SaParams::NO_CPU
            && child.state == IkeChildSaState::INSTALLED)
        {
            additional.emplace_back(child.inboundSpi, child.cpu);
        }
    }
    return additional;
}

void
IkeResourceGroup::RecreateAdditional(IkeSession& session)
{
    // Break before make: the peer counts the SAs in use against its maximum, so each old
    // additional SA goes before its successor is asked for (the fallback carries that
    // CPU's packets meanwhile; the CPU is pending, so its acquires are not answered twice).
    auto additional = InstalledAdditional(session);
    NS_LOG_INFO("initial Child SA rekeyed: recreating " << additional.size()
                                                        << " additional Child SAs");
    for (const auto& [spi, cpu] : additional)
    {
        session.DeleteChildSa(spi);
        QueueAdditional(session, cpu);
    }
}

void
IkeResourceGroup::DeleteAdditional(IkeSession& session)
{
    auto additional = InstalledAdditional(session);
    NS_LOG_INFO("initial Child SA gone: deleting " << additional.size() << " additional Child SAs");
    for (const auto& [spi, cpu] : additional)
    {
        session.DeleteChildSa(spi);
    }
}

bool
IkeResourceGroup::InUse(const IkeChildSa& child)
{
    // A replaced pair (REKEYED) only receives until its Delete, and a DELETING one is going:
    // neither holds a place in the group.
    return child.state == IkeChildSaState::INSTALLED || child.state == IkeChildSaState::REKEYING;
}

const IkeChildSa*
IkeResourceGroup::FindInitial(const IkeSession& session)
{
    const IkeChildSa* member = nullptr;
    for (const IkeChildSa& child : session.GetChildSas())
    {
        if (!child.perResource || !InUse(child))
        {
            continue;
        }
        if (child.cpu == SaParams::NO_CPU)
        {
            return &child;
        }
        if (!member)
        {
            member = &child;
        }
    }
    return member;
}

uint32_t
IkeResourceGroup::CountAdditional(const std::vector<IkeChildSa>& children)
{
    uint32_t count = 0;
    for (const IkeChildSa& child : children)
    {
        if (child.perResource && child.cpu != SaParams::NO_CPU && InUse(child))
        {
            count++;
        }
    }
    return count;
}

std::vector<uint32_t>
IkeResourceGroup::GroupCpus(const IkeSession& session)
{
    std::vector<uint32_t> cpus;
    for (const IkeChildSa& child : session.GetChildSas())
    {
        if (child.perResource && InUse(child))
        {
            cpus.push_back(child.cpu);
        }
    }
    return cpus;
}

Bytes
IkeResourceGroup::MakeResourceId(IkeResourceId setting, uint32_t cpu)
{
    if (setting == IkeResourceId::EMPTY || cpu == SaParams::NO_CPU)
    {
        return {};
    }
    // strongSwan child_create.c: cpu = htonl(this->child.cpu).
    return {static_cast<uint8_t>(cpu >> 24),
            static_cast<uint8_t>(cpu >> 16),
            static_cast<uint8_t>(cpu >> 8),
            static_cast<uint8_t>(cpu)};
}

std::string
IkeResourceGroup::DescribeResourceId(const Bytes& data)
{
    if (data.empty())
    {
        return "no identifier";
    }
    if (data.size() == 4)
    {
        uint32_t cpu = (uint32_t(data[0]) << 24) | (uint32_t(data[1]) << 16)
                       | (uint32_t(data[2]) << 8) | data[3];
        return "CPU " + std::to_string(cpu);
    }
    return std::to_string(data.size()) + " octets";
}

} // namespace ns3
