/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-delete-child-sa-task.h"

#include "ns3/ike-daemon.h"
#include "ns3/ike-delete-payload.h"
#include "ns3/ike-session.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeDeleteChildSaTask");

IkeDeleteChildSaTask::IkeDeleteChildSaTask() = default;

IkeDeleteChildSaTask::IkeDeleteChildSaTask(std::vector<uint32_t> inboundSpis)
    : m_inboundSpis(std::move(inboundSpis))
{
}

IkeExchangeType
IkeDeleteChildSaTask::GetExchangeType() const
{
    return IkeExchangeType::INFORMATIONAL;
}

const std::vector<uint32_t>&
IkeDeleteChildSaTask::GetRemoved() const
{
    return m_removed;
}

void
IkeDeleteChildSaTask::BuildRequest(IkeSession& session, IkeMessage& request)
{
    for (uint32_t spi : m_inboundSpis)
    {
        if (IkeChildSa* child = session.FindChildSa(spi))
        {
            child->state = IkeChildSaState::DELETING;
        }
    }
    // SPIs that vanished meanwhile (a crossing delete) are still listed: the peer ignores
    // SPIs it does not know.
    request.AddEncryptedPayload(IkeDeletePayload(IkeProtocolId::ESP, m_inboundSpis));
}

IkeTask::Result
IkeDeleteChildSaTask::ProcessResponse(IkeSession& session, const IkeMessage& response)
{
    // The response lists the peer's inbound SPIs of the same pairs, or nothing for pairs it
    // was deleting itself (crossing deletes); either way the pairs we asked for go now.
    for (uint32_t spi : m_inboundSpis)
    {
        if (session.RemoveChildSa(spi))
        {
            m_removed.push_back(spi);
        }
    }
    return Result::DONE;
}

IkeTask::Result
IkeDeleteChildSaTask::ProcessRequest(IkeSession& session,
                                     const IkeMessage& request,
                                     IkeMessage& response)
{
    std::vector<uint32_t> ours;
    for (const IkeDeletePayload* payload : request.FindAll<IkeDeletePayload>())
    {
        if (payload->IsIkeSa() || payload->GetProtocolId() != IkeProtocolId::ESP)
        {
            continue;
        }
        for (uint32_t peerInbound : payload->GetSpis())
        {
            IkeChildSa* child = session.FindChildSaBySpi(peerInbound);
            if (!child || child->outboundSpi != peerInbound)
            {
                NS_LOG_INFO("Delete for unknown SPI " << peerInbound << " ignored");
                continue;
            }
            uint32_t inbound = child->inboundSpi;
            bool crossing = child->state == IkeChildSaState::DELETING;
            session.RemoveChildSa(inbound);
            m_removed.push_back(inbound);
            if (crossing)
            {
                // RFC 7296 1.4.1: both ends delete the pair; no Delete payload for it.
                NS_LOG_INFO("crossing Delete of the pair with inbound SPI " << inbound);
                session.GetDaemon().Statistics().deleteCollisions++;
            }
            else
            {
                ours.push_back(inbound);
            }
        }
    }
    if (!ours.empty())
    {
        response.AddEncryptedPayload(IkeDeletePayload(IkeProtocolId::ESP, ours));
    }
    return Result::DONE;
}

} // namespace ns3
