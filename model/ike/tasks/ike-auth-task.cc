/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-auth-task.h"

#include "ns3/ike-auth-payload.h"
#include "ns3/ike-id-payload.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-proposal-selector.h"
#include "ns3/ike-sa-payload.h"
#include "ns3/ike-session.h"
#include "ns3/ike-ts-payload.h"
#include "ns3/log.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeAuthTask");

namespace
{
/// \returns whether \p selector lies inside one of \p offered
bool
Covered(const TrafficSelector& selector, const std::vector<TrafficSelector>& offered)
{
    for (const TrafficSelector& t : offered)
    {
        if (selector.IsSubsetOf(t))
        {
            return true;
        }
    }
    return false;
}

/// \returns the first ID payload of \p type in \p message, or null
const IkeIdPayload*
FindId(const IkeMessage& message, IkePayloadType type)
{
    for (const IkeIdPayload* id : message.FindAll<IkeIdPayload>())
    {
        if (id->GetType() == type)
        {
            return id;
        }
    }
    return nullptr;
}

/// \returns the first TS payload of \p type in \p message, or null
const IkeTsPayload*
FindTs(const IkeMessage& message, IkePayloadType type)
{
    for (const IkeTsPayload* ts : message.FindAll<IkeTsPayload>())
    {
        if (ts->GetType() == type)
        {
            return ts;
        }
    }
    return nullptr;
}
} // namespace

IkeAuthTask::IkeAuthTask() = default;

IkeExchangeType
IkeAuthTask::GetExchangeType() const
{
    return IkeExchangeType::IKE_AUTH;
}

const std::optional<IkeChildSa>&
IkeAuthTask::GetChildSa() const
{
    return m_child;
}

IkeNotifyType
IkeAuthTask::GetChildError() const
{
    return m_childError;
}

void
IkeAuthTask::BuildRequest(IkeSession& session, IkeMessage& request)
{
    IkeSa& sa = session.GetSa();
    const IkePeerConfig& config = sa.GetConfig();
    const IkeSaKeys& keys = sa.GetKeys();
    IkeIdPayload idi = IkeIdPayload::FromIpv4(IkePayloadType::IDI, config.localId);
    request.AddEncryptedPayload(idi);
    Bytes auth = sa.GetKeySchedule().ComputePskAuth(
        config.psk, sa.GetInitRequest(), sa.GetNonceR(), keys.skPi, idi.SerializeBody());
    sa.ChargePskAuth(
        sa.GetInitRequest().size(), sa.GetNonceR().size(), idi.GetSerializedSize() - 4);
    request.AddEncryptedPayload(IkeAuthPayload(IkeAuthMethod::SHARED_KEY_MIC, auth));
    m_localSpi = session.GetDataPlane().AllocateSpi();
    // RFC 9611: the first Child SA of a group is the fallback, bound to no CPU.
    m_resourceRequested = session.GetResourceGroup().AddToRequest(request, SaParams::NO_CPU);
    IkeSaPayload saPayload;
    uint8_t number = 1;
    for (const CipherSuite& suite : config.espProposals)
    {
        saPayload.AddProposal(IkeProposal::ForEsp(number++, m_localSpi, suite, config.esn));
    }
    request.AddEncryptedPayload(saPayload);
    request.AddEncryptedPayload(
        IkeTsPayload::FromTrafficSelectors(IkePayloadType::TSI, {config.localTs}));
    request.AddEncryptedPayload(
        IkeTsPayload::FromTrafficSelectors(IkePayloadType::TSR, {config.remoteTs}));
}

IkeTask::Result
IkeAuthTask::ProcessResponse(IkeSession& session, const IkeMessage& response)
{
    IkeSa& sa = session.GetSa();
    const IkePeerConfig& config = sa.GetConfig();
    if (response.FindNotify(IkeNotifyType::AUTHENTICATION_FAILED))
    {
        NS_LOG_INFO("the responder refused our AUTH");
        return Fail(IkeNotifyType::AUTHENTICATION_FAILED);
    }
    const IkeIdPayload* idr = FindId(response, IkePayloadType::IDR);
    const auto* auth = response.Find<IkeAuthPayload>();
    if (idr && auth)
    {
        sa.ChargePskAuth(
            sa.GetInitResponse().size(), sa.GetNonceI().size(), idr->GetSerializedSize() - 4);
    }
    if (!idr || !auth || auth->GetMethod() != IkeAuthMethod::SHARED_KEY_MIC
        || !idr->SameIdentity(IkeIdPayload::FromIpv4(IkePayloadType::IDR, config.remoteId))
        || !sa.GetKeySchedule().VerifyPskAuth(auth->GetData(),
                                              config.psk,
                                              sa.GetInitResponse(),
                                              sa.GetNonceI(),
                                              sa.GetKeys().skPr,
                                              idr->SerializeBody()))
    {
        NS_LOG_INFO("the responder's AUTH or ID does not verify");
        return Fail(IkeNotifyType::AUTHENTICATION_FAILED);
    }
    for (const IkeNotifyPayload* notify : response.FindAll<IkeNotifyPayload>())
    {
        if (notify->IsError())
        {
            NS_LOG_INFO("IKE SA up without Child SA: " << ToString(notify->GetNotifyType()));
            m_childError = notify->GetNotifyType();
            SetError(m_childError);
            return Result::DONE;
        }
    }
    const auto* saPayload = response.Find<IkeSaPayload>();
    const IkeTsPayload* tsi = FindTs(response, IkePayloadType::TSI);
    const IkeTsPayload* tsr = FindTs(response, IkePayloadType::TSR);
    std::optional<IkeProposalSelector::Choice> choice;
    if (saPayload && saPayload->GetProposals().size() == 1)
    {
        choice = IkeProposalSelector::SelectEsp(
            config.espProposals, config.esn, saPayload->GetProposals());
    }
    if (!choice || !tsi || !tsr || !Covered(config.localTs, tsi->GetIpv4Selectors())
        || !Covered(config.remoteTs, tsr->GetIpv4Selectors()))
    {
        m_childError = IkeNotifyType::INVALID_SYNTAX;
        SetError(m_childError);
        return Result::DONE;
    }
    uint32_t peerSpi = saPayload->GetProposals().front().GetSpi32();
    bool member
        = m_resourceRequested && session.GetResourceGroup().ProcessResponse(session, response);
    Install(session, config.espProposals[choice->local], peerSpi, SaParams::NO_CPU, member);
    return Result::DONE;
}

IkeTask::Result
IkeAuthTask::ProcessRequest(IkeSession& session, const IkeMessage& request, IkeMessage& response)
{
    IkeSa& sa = session.GetSa();
    const IkePeerConfig& config = sa.GetConfig();
    const IkeIdPayload* idi = FindId(request, IkePayloadType::IDI);
    const auto* auth = request.Find<IkeAuthPayload>();
    if (idi && auth)
    {
        sa.ChargePskAuth(
            sa.GetInitRequest().size(), sa.GetNonceR().size(), idi->GetSerializedSize() - 4);
    }
    if (!idi || !auth || auth->GetMethod() != IkeAuthMethod::SHARED_KEY_MIC
        || !idi->SameIdentity(IkeIdPayload::FromIpv4(IkePayloadType::IDI, config.remoteId))
        || !sa.GetKeySchedule().VerifyPskAuth(auth->GetData(),
                                              config.psk,
                                              sa.GetInitRequest(),
                                              sa.GetNonceR(),
                                              sa.GetKeys().skPi,
                                              idi->SerializeBody()))
    {
        NS_LOG_INFO("the initiator's AUTH or ID does not verify");
        response.AddEncryptedPayload(IkeNotifyPayload(IkeNotifyType::AUTHENTICATION_FAILED));
        return Fail(IkeNotifyType::AUTHENTICATION_FAILED);
    }
    IkeIdPayload idr = IkeIdPayload::FromIpv4(IkePayloadType::IDR, config.localId);
    response.AddEncryptedPayload(idr);
    Bytes authData = sa.GetKeySchedule().ComputePskAuth(
        config.psk, sa.GetInitResponse(), sa.GetNonceI(), sa.GetKeys().skPr, idr.SerializeBody());
    sa.ChargePskAuth(
        sa.GetInitResponse().size(), sa.GetNonceI().size(), idr.GetSerializedSize() - 4);
    response.AddEncryptedPayload(IkeAuthPayload(IkeAuthMethod::SHARED_KEY_MIC, authData));

    const auto* saPayload = request.Find<IkeSaPayload>();
    const IkeTsPayload* tsi = FindTs(request, IkePayloadType::TSI);
    const IkeTsPayload* tsr = FindTs(request, IkePayloadType::TSR);
    std::optional<IkeProposalSelector::Choice> choice;
    if (saPayload)
    {
        choice = IkeProposalSelector::SelectEsp(
            config.espProposals, config.esn, saPayload->GetProposals());
    }
    if (!choice)
    {
        NS_LOG_INFO("no ESP proposal in common");
        m_childError = IkeNotifyType::NO_PROPOSAL_CHOSEN;
    }
    else if (!tsi || !tsr || !Covered(config.remoteTs, tsi->GetIpv4Selectors())
             || !Covered(config.localTs, tsr->GetIpv4Selectors()))
    {
        NS_LOG_INFO("traffic selectors unacceptable");
        m_childError = IkeNotifyType::TS_UNACCEPTABLE;
    }
    if (m_childError != static_cast<IkeNotifyType>(0))
    {
        SetError(m_childError);
        response.AddEncryptedPayload(IkeNotifyPayload(m_childError));
        return Result::DONE;
    }
    const CipherSuite& suite = config.espProposals[choice->local];
    uint32_t cpu = SaParams::NO_CPU;
    bool member = false;
    // The first SA of a group is never refused with TS_MAX_QUEUE; it becomes the fallback.
    session.GetResourceGroup().ProcessRequest(session, request, true, cpu, member);
    if (member)
    {
        session.GetResourceGroup().AddToResponse(response, cpu);
    }
    m_localSpi = session.GetDataPlane().AllocateSpi();
    response.AddEncryptedPayload(
        IkeSaPayload({IkeProposal::ForEsp(choice->number, m_localSpi, suite, config.esn)}));
    // Narrowed to the configured selectors, as strongSwan's responder does.
    response.AddEncryptedPayload(
        IkeTsPayload::FromTrafficSelectors(IkePayloadType::TSI, {config.remoteTs}));
    response.AddEncryptedPayload(
        IkeTsPayload::FromTrafficSelectors(IkePayloadType::TSR, {config.localTs}));
    uint32_t peerSpi = (uint32_t(choice->spi[0]) << 24) | (uint32_t(choice->spi[1]) << 16)
                       | (uint32_t(choice->spi[2]) << 8) | choice->spi[3];
    Install(session, suite, peerSpi, cpu, member);
    return Result::DONE;
}

void
IkeAuthTask::Install(
    IkeSession& session, const CipherSuite& suite, uint32_t peerSpi, uint32_t cpu, bool perResource)
{
    const IkeSa& sa = session.GetSa();
    IkeChildSaSpec spec;
    spec.suite = suite;
    spec.esn = session.GetConfig().esn; // what both proposals carried
    spec.localSpi = m_localSpi;
    spec.peerSpi = peerSpi;
    spec.exchangeInitiator = sa.IsInitiator();
    spec.nonceI = sa.GetNonceI();
    spec.nonceR = sa.GetNonceR();
    spec.requested = session.GetCreated();
    spec.cpu = cpu;
    spec.perResource = perResource;
    m_child = session.InstallChildSa(spec);
    if (!m_child)
    {
        m_childError = IkeNotifyType::NO_PROPOSAL_CHOSEN;
        SetError(m_childError);
    }
}

void
IkeAuthTask::Complete(IkeSession& session, Result result)
{
    if (result == Result::FAILED)
    {
        session.Fail(GetError());
        return;
    }
    session.Establish();
    if (m_child && m_child->perResource)
    {
        session.GetResourceGroup().Start(session); // EAGER: the additional SAs
    }
}

} // namespace ns3
