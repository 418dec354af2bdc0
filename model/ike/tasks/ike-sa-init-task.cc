/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-sa-init-task.h"

#include "ns3/ike-daemon.h"
#include "ns3/ike-ke-payload.h"
#include "ns3/ike-nat-detection.h"
#include "ns3/ike-nonce-payload.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-proposal-selector.h"
#include "ns3/ike-sa-payload.h"
#include "ns3/ike-session.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeSaInitTask");

namespace
{
/// IKE_SA_INIT always travels between the IKE ports 500 of both ends (IkeDaemon::IKE_PORT).
constexpr uint16_t NAT_DETECTION_PORT = 500;
} // namespace

IkeSaInitTask::IkeSaInitTask()
    : m_group(DhGroup::CURVE25519)
{
}

IkeExchangeType
IkeSaInitTask::GetExchangeType() const
{
    return IkeExchangeType::IKE_SA_INIT;
}

uint32_t
IkeSaInitTask::GetKeRetries() const
{
    return m_keRetries;
}

uint32_t
IkeSaInitTask::GetCookieRetries() const
{
    return m_cookieRetries;
}

void
IkeSaInitTask::BuildRequest(IkeSession& session, IkeMessage& request)
{
    IkeSa& sa = session.GetSa();
    const IkePeerConfig& config = sa.GetConfig();
    if (!m_groupSet)
    {
        m_group = config.ikeProposals.front().group;
        m_groupSet = true;
    }
    if (!m_cookie.empty())
    {
        // RFC 7296 2.6: N(COOKIE) is the first payload of the repeated request.
        request.AddPayload(IkeNotifyPayload(IkeNotifyType::COOKIE, m_cookie));
    }
    IkeSaPayload saPayload;
    uint8_t number = 1;
    for (const IkeSuite& suite : config.ikeProposals)
    {
        saPayload.AddProposal(suite.ToProposal(number++));
    }
    request.AddPayload(saPayload);
    // A COOKIE retry repeats KEi and Ni; after INVALID_KE_PAYLOAD only the KE changes
    // (strongSwan's ike_init keeps its nonce and reuses a key exchange of the same group).
    const DiffieHellman* dh = sa.GetDh();
    if (!dh || dh->Group() != m_group)
    {
        dh = &sa.CreateDh(m_group);
    }
    request.AddPayload(IkeKePayload(m_group, dh->PublicValue()));
    if (sa.GetNonceI().empty())
    {
        sa.SetNonceI(sa.RandomBytes(NONCE_SIZE));
    }
    request.AddPayload(IkeNoncePayload(sa.GetNonceI()));
    IkeNatDetection::AddNotifies(sa, request, 0, NAT_DETECTION_PORT);
}

IkeTask::Result
IkeSaInitTask::ProcessResponse(IkeSession& session, const IkeMessage& response)
{
    IkeSa& sa = session.GetSa();
    const IkePeerConfig& config = sa.GetConfig();
    if (const IkeNotifyPayload* cookie = response.FindNotify(IkeNotifyType::COOKIE))
    {
        const Bytes& data = cookie->GetData();
        if (data.empty() || data.size() > 64 || m_cookieRetries >= MAX_COOKIE_RETRIES)
        {
            NS_LOG_INFO("COOKIE of " << data.size() << " octets after " << m_cookieRetries
                                     << " retries: giving up");
            return Fail(IkeNotifyType::COOKIE);
        }
        m_cookie = data;
        m_cookieRetries++;
        NS_LOG_INFO("responder asks for a COOKIE of " << data.size() << " octets");
        return Result::RETRY;
    }
    if (const IkeNotifyPayload* ke = response.FindNotify(IkeNotifyType::INVALID_KE_PAYLOAD))
    {
        const Bytes& data = ke->GetData();
        if (data.size() != 2 || m_keRetries > 0)
        {
            return Fail(IkeNotifyType::INVALID_KE_PAYLOAD);
        }
        auto wanted = static_cast<DhGroup>((data[0] << 8) | data[1]);
        for (const IkeSuite& suite : config.ikeProposals)
        {
            if (suite.group == wanted && wanted != m_group)
            {
                NS_LOG_INFO("responder wants DH group " << static_cast<uint16_t>(wanted));
                m_group = wanted;
                m_keRetries++;
                SetError(IkeNotifyType::INVALID_KE_PAYLOAD);
                return Result::RETRY;
            }
        }
        return Fail(IkeNotifyType::INVALID_KE_PAYLOAD);
    }
    for (const IkeNotifyPayload* notify : response.FindAll<IkeNotifyPayload>())
    {
        if (notify->IsError())
        {
            return Fail(notify->GetNotifyType());
        }
    }
    const auto* saPayload = response.Find<IkeSaPayload>();
    const auto* kePayload = response.Find<IkeKePayload>();
    const auto* noncePayload = response.Find<IkeNoncePayload>();
    if (!saPayload || !kePayload || !noncePayload || saPayload->GetProposals().size() != 1
        || response.GetHeader().GetResponderSpi() == 0)
    {
        return Fail(IkeNotifyType::INVALID_SYNTAX);
    }
    auto choice = IkeProposalSelector::SelectIke(config.ikeProposals, saPayload->GetProposals());
    if (!choice)
    {
        return Fail(IkeNotifyType::NO_PROPOSAL_CHOSEN);
    }
    const IkeSuite& suite = config.ikeProposals[choice->local];
    Bytes shared;
    if (suite.group != m_group || kePayload->GetGroup() != static_cast<uint16_t>(m_group)
        || !sa.ComputeSharedSecret(kePayload->GetData(), shared))
    {
        return Fail(IkeNotifyType::INVALID_SYNTAX);
    }
    sa.SetResponderSpi(response.GetHeader().GetResponderSpi());
    sa.SetNonceR(noncePayload->GetNonce());
    sa.DeriveKeys(suite, shared);
    IkeNatState nat
        = IkeNatDetection::Check(sa, response, sa.GetResponderSpi(), NAT_DETECTION_PORT);
    sa.SetNatState(nat);
    session.GetDaemon().NoteNatDetection(session);
    if (nat.Any())
    {
        // RFC 7296 2.23: from IKE_AUTH on, IKE goes through port 4500 (strongSwan's
        // float_ports() when any NAT condition is set, including a faked one).
        sa.FloatToNatTraversalPort();
    }
    return Result::DONE;
}

IkeTask::Result
IkeSaInitTask::Refuse(IkeNotifyType error, IkeMessage& response)
{
    response.AddPayload(IkeNotifyPayload(error));
    return Fail(error);
}

IkeTask::Result
IkeSaInitTask::ProcessRequest(IkeSession& session, const IkeMessage& request, IkeMessage& response)
{
    IkeSa& sa = session.GetSa();
    const IkePeerConfig& config = sa.GetConfig();
    const auto* saPayload = request.Find<IkeSaPayload>();
    const auto* kePayload = request.Find<IkeKePayload>();
    const auto* noncePayload = request.Find<IkeNoncePayload>();
    if (!saPayload || !kePayload || !noncePayload || request.GetHeader().GetInitiatorSpi() == 0)
    {
        return Refuse(IkeNotifyType::INVALID_SYNTAX, response);
    }
    auto choice = IkeProposalSelector::SelectIke(config.ikeProposals, saPayload->GetProposals());
    if (!choice)
    {
        NS_LOG_INFO("no IKE proposal in common");
        return Refuse(IkeNotifyType::NO_PROPOSAL_CHOSEN, response);
    }
    const IkeSuite& suite = config.ikeProposals[choice->local];
    if (kePayload->GetGroup() != static_cast<uint16_t>(suite.group))
    {
        NS_LOG_INFO("KE of group " << kePayload->GetGroup() << ", want "
                                   << static_cast<uint16_t>(suite.group));
        response.AddPayload(IkeNotifyPayload::InvalidKePayload(static_cast<uint16_t>(suite.group)));
        return Fail(IkeNotifyType::INVALID_KE_PAYLOAD);
    }
    const DiffieHellman& dh = sa.CreateDh(suite.group);
    Bytes shared;
    if (!sa.ComputeSharedSecret(kePayload->GetData(), shared))
    {
        return Refuse(IkeNotifyType::INVALID_SYNTAX, response);
    }
    sa.SetInitiatorSpi(request.GetHeader().GetInitiatorSpi());
    sa.SetResponderSpi(sa.RandomSpi());
    sa.SetNonceI(noncePayload->GetNonce());
    sa.SetNonceR(sa.RandomBytes(NONCE_SIZE));
    sa.DeriveKeys(suite, shared);
    // Logged only with RecordResponderKeys (a peer that is not simulated logs nothing for us).
    session.GetDaemon().NoteKeys(sa);
    response.AddPayload(IkeSaPayload({suite.ToProposal(choice->number)}));
    response.AddPayload(IkeKePayload(suite.group, dh.PublicValue()));
    response.AddPayload(IkeNoncePayload(sa.GetNonceR()));
    IkeNatState nat = IkeNatDetection::Check(sa, request, 0, NAT_DETECTION_PORT);
    sa.SetNatState(nat);
    session.GetDaemon().NoteNatDetection(session);
    if (nat.supported)
    {
        // Only to a peer that does NAT detection (RFC 7296 2.23); the responder floats when
        // the initiator's first message on port 4500 arrives (IkeDaemon).
        IkeNatDetection::AddNotifies(sa, response, sa.GetResponderSpi(), NAT_DETECTION_PORT);
    }
    return Result::DONE;
}

void
IkeSaInitTask::Complete(IkeSession& session, Result result)
{
    if (result == Result::FAILED && session.GetSa().IsInitiator())
    {
        session.Fail(GetError());
    }
}

} // namespace ns3
