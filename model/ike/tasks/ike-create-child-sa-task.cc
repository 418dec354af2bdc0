/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-create-child-sa-task.h"

#include "ns3/ike-daemon.h"
#include "ns3/ike-ke-payload.h"
#include "ns3/ike-nonce-payload.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-proposal-selector.h"
#include "ns3/ike-sa-payload.h"
#include "ns3/ike-session.h"
#include "ns3/ike-ts-payload.h"
#include "ns3/log.h"
#include "ns3/ns3-random-source.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeCreateChildSaTask");

namespace
{
/// \returns the TS payload of \p type in \p message, or null
const IkeTsPayload*
FindTs(const IkeMessage& message, IkePayloadType type)
{
    return dynamic_cast<const IkeTsPayload*>(message.FindPayload(type));
}

/// \returns whether \p selector lies inside one of the selectors of \p payload
bool
Covered(const TrafficSelector& selector, const IkeTsPayload& payload)
{
    std::vector<TrafficSelector> offered = payload.GetIpv4Selectors();
    return std::any_of(offered.begin(),
                       offered.end(),
                       [&selector](const TrafficSelector& t) { return selector.IsSubsetOf(t); });
}

/// \returns the 4-octet SPI of a proposal as a number
uint32_t
Spi32(const Bytes& spi)
{
    return (uint32_t(spi[0]) << 24) | (uint32_t(spi[1]) << 16) | (uint32_t(spi[2]) << 8) | spi[3];
}
} // namespace

IkeCreateChildSaTask::IkeCreateChildSaTask() = default;

IkeCreateChildSaTask::IkeCreateChildSaTask(uint32_t cpu, bool perResource)
    : m_initiator(true)
    , m_cpu(cpu)
    , m_perResource(perResource)
{
}

std::unique_ptr<IkeCreateChildSaTask>
IkeCreateChildSaTask::ForNewChildSa(uint32_t cpu, bool perResource)
{
    auto task = std::make_unique<IkeCreateChildSaTask>();
    task->m_initiator = true;
    task->m_cpu = cpu;
    task->m_perResource = perResource;
    return task;
}

std::unique_ptr<IkeCreateChildSaTask>
IkeCreateChildSaTask::ForRekey(uint32_t inboundSpi)
{
    auto task = std::make_unique<IkeCreateChildSaTask>();
    task->m_initiator = true;
    task->m_rekeySpi = inboundSpi;
    return task;
}

bool
IkeCreateChildSaTask::IsLowerNonce(const Bytes& a, const Bytes& b)
{
    // Octet by octet; if one ends first (equal so far), it is the lower (RFC 7296 2.8.1).
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
}

void
IkeCreateChildSaTask::SetTrafficSelectors(const TrafficSelector& local,
                                          const TrafficSelector& remote)
{
    m_localTs = local;
    m_remoteTs = remote;
}

IkeExchangeType
IkeCreateChildSaTask::GetExchangeType() const
{
    return IkeExchangeType::CREATE_CHILD_SA;
}

bool
IkeCreateChildSaTask::IsInitiator() const
{
    return m_initiator;
}

bool
IkeCreateChildSaTask::IsRekey() const
{
    return m_rekeySpi != 0;
}

uint32_t
IkeCreateChildSaTask::GetReplacedSpi() const
{
    return m_rekeySpi;
}

const std::optional<IkeChildSa>&
IkeCreateChildSaTask::GetChildSa() const
{
    return m_child;
}

const Bytes&
IkeCreateChildSaTask::GetNonceI() const
{
    return m_nonceI;
}

const Bytes&
IkeCreateChildSaTask::GetNonceR() const
{
    return m_nonceR;
}

std::optional<DhGroup>
IkeCreateChildSaTask::GetKeGroup() const
{
    return m_keGroup;
}

uint32_t
IkeCreateChildSaTask::GetKeRetries() const
{
    return m_keRetries;
}

uint32_t
IkeCreateChildSaTask::GetCpu() const
{
    return m_cpu;
}

bool
IkeCreateChildSaTask::IsPerResource() const
{
    return m_perResource;
}

void
IkeCreateChildSaTask::SetResource(uint32_t cpu, bool perResource)
{
    m_cpu = cpu;
    m_perResource = perResource;
}

std::vector<DhGroup>
IkeCreateChildSaTask::PfsGroups(const IkePeerConfig& config)
{
    std::vector<DhGroup> groups;
    if (config.pfsGroup)
    {
        groups.push_back(*config.pfsGroup);
        for (DhGroup group : config.pfsAlternatives)
        {
            if (std::find(groups.begin(), groups.end(), group) == groups.end())
            {
                groups.push_back(group);
            }
        }
    }
    return groups;
}

IkeProposal
IkeCreateChildSaTask::MakeProposal(uint8_t number,
                                   uint32_t spi,
                                   const CipherSuite& suite,
                                   bool esn,
                                   const std::vector<DhGroup>& groups)
{
    IkeProposal base = IkeProposal::ForEsp(number, spi, suite, esn);
    IkeProposal proposal(number, IkeProtocolId::ESP, base.GetSpi());
    for (const IkeTransform& transform : base.GetTransforms())
    {
        if (transform.type == IkeTransformType::ESN)
        {
            // strongSwan's order of transform types: ENCR, INTEG, DH, ESN.
            for (DhGroup group : groups)
            {
                proposal.AddTransform(IkeTransform::Dh(group));
            }
        }
        proposal.AddTransform(transform);
    }
    return proposal;
}

bool
IkeCreateChildSaTask::ComputeSharedSecret(IkeSession& session,
                                          DhGroup group,
                                          const Bytes& peerValue,
                                          Bytes& shared)
{
    if (!m_dh || m_dh->Group() != group)
    {
        Ns3RandomSource random(session.GetDaemon().GetStream());
        m_dh = DiffieHellman::Create(group, random);
        session.GetSa().ChargeCrypto({IkeCryptoOp::DH_KEYGEN, group});
    }
    session.GetSa().ChargeCrypto({IkeCryptoOp::DH_AGREE, group});
    return m_dh->ComputeSharedSecret(peerValue, shared);
}

void
IkeCreateChildSaTask::BuildRequest(IkeSession& session, IkeMessage& request)
{
    IkeSa& sa = session.GetSa();
    const IkePeerConfig& config = session.GetConfig();
    // The connection's KE groups, for an RFC 9611 additional SA too: the KE belongs to the
    // exchange, not to the Child SA (each CREATE_CHILD_SA does its own, RFC 7296 1.3), and the
    // group's initial SA, made in IKE_AUTH, had none to copy. field-data.md records nothing
    // else of strongSwan's per-CPU SAs; a responder wanting another group says so with
    // INVALID_KE_PAYLOAD as for any Child SA.
    std::vector<DhGroup> groups = PfsGroups(config);
    if (m_localSpi == 0)
    {
        m_localSpi = session.GetDataPlane().AllocateSpi();
    }
    if (!m_keGroup && !groups.empty())
    {
        m_keGroup = groups.front();
    }
    // A fresh nonce for every request, a retry after INVALID_KE_PAYLOAD included.
    m_nonceI = sa.RandomBytes(NONCE_SIZE);
    m_nonceR.clear();
    if (m_rekeySpi != 0)
    {
        request.AddEncryptedPayload(IkeNotifyPayload::RekeySa(m_rekeySpi));
    }
    // A rekey offers the suite of the pair it replaces first (RFC 7296 2.8: the new SA SHOULD
    // NOT have different algorithms), then the connection's others, as strongSwan does.
    std::vector<CipherSuite> suites = config.espProposals;
    bool esn = config.esn;
    if (const IkeChildSa* old = m_rekeySpi ? session.FindChildSa(m_rekeySpi) : nullptr)
    {
        // The new pair keeps the old one's CPU (strongSwan af34b5b1dc, RFC 9611 rekeying).
        m_cpu = old->cpu;
        m_perResource = old->perResource;
        auto it = std::find(suites.begin(), suites.end(), old->suite);
        if (it != suites.end())
        {
            std::rotate(suites.begin(), it, it + 1);
        }
    }
    else if (const IkeChildSa* model = m_rekeySpi ? nullptr : FindTemplate(session, nullptr))
    {
        // Exactly the template's suite, ESN and selectors, not the whole list: RFC 9611
        // section 3 ("identical Child SA properties"; libreswan: "TS as well as proposals are
        // the same for Initial and Additional Child SA").
        suites = {model->suite};
        esn = model->esn;
        m_localTs = model->localTs;
        m_remoteTs = model->remoteTs;
    }
    m_offered = suites;
    m_offeredEsn = esn;
    IkeSaPayload saPayload;
    uint8_t number = 1;
    for (const CipherSuite& suite : suites)
    {
        saPayload.AddProposal(MakeProposal(number++, m_localSpi, suite, esn, groups));
    }
    request.AddEncryptedPayload(saPayload);
    request.AddEncryptedPayload(IkeNoncePayload(m_nonceI));
    if (m_keGroup)
    {
        Ns3RandomSource random(session.GetDaemon().GetStream());
        m_dh = DiffieHellman::Create(*m_keGroup, random);
        session.GetSa().ChargeCrypto({IkeCryptoOp::DH_KEYGEN, *m_keGroup});
        request.AddEncryptedPayload(IkeKePayload(*m_keGroup, m_dh->PublicValue()));
    }
    request.AddEncryptedPayload(IkeTsPayload::FromTrafficSelectors(
        IkePayloadType::TSI, {m_localTs.value_or(config.localTs)}));
    request.AddEncryptedPayload(IkeTsPayload::FromTrafficSelectors(
        IkePayloadType::TSR, {m_remoteTs.value_or(config.remoteTs)}));
    AddRequestNotifies(session, request);
}

IkeTask::Result
IkeCreateChildSaTask::ProcessResponse(IkeSession& session, const IkeMessage& response)
{
    const IkePeerConfig& config = session.GetConfig();
    std::vector<DhGroup> groups = PfsGroups(config);
    // The error of an earlier try was counted with its response.
    SetError(static_cast<IkeNotifyType>(0));
    if (const IkeNotifyPayload* ke = response.FindNotify(IkeNotifyType::INVALID_KE_PAYLOAD))
    {
        const Bytes& data = ke->GetData();
        if (data.size() == 2 && m_keGroup && m_keRetries < groups.size())
        {
            auto wanted = static_cast<DhGroup>((data[0] << 8) | data[1]);
            if (wanted != *m_keGroup
                && std::find(groups.begin(), groups.end(), wanted) != groups.end())
            {
                NS_LOG_INFO("responder wants KE group " << static_cast<uint16_t>(wanted));
                m_keGroup = wanted;
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
            NS_LOG_INFO("CREATE_CHILD_SA refused: " << ToString(notify->GetNotifyType()));
            return Fail(notify->GetNotifyType());
        }
    }
    const auto* saPayload = response.Find<IkeSaPayload>();
    const auto* nonce = response.Find<IkeNoncePayload>();
    const auto* ke = response.Find<IkeKePayload>();
    const IkeTsPayload* tsi = FindTs(response, IkePayloadType::TSI);
    const IkeTsPayload* tsr = FindTs(response, IkePayloadType::TSR);
    if (!saPayload || saPayload->GetProposals().size() != 1 || !nonce || !tsi || !tsr
        || bool(ke) != m_keGroup.has_value())
    {
        NS_LOG_INFO("incomplete CREATE_CHILD_SA response");
        return Fail(IkeNotifyType::INVALID_SYNTAX);
    }
    // The one proposal returned must be one we offered, with the KE group we sent.
    const IkeProposal& theirs = saPayload->GetProposals().front();
    std::vector<DhGroup> keGroup;
    if (m_keGroup)
    {
        keGroup.push_back(*m_keGroup);
    }
    std::optional<CipherSuite> suite;
    for (const CipherSuite& mine : m_offered)
    {
        if (IkeProposalSelector::Matches(MakeProposal(1, 0, mine, m_offeredEsn, keGroup), theirs)
            && theirs.GetSpi().size() == 4)
        {
            suite = mine;
            break;
        }
    }
    if (!suite || !Covered(m_localTs.value_or(config.localTs), *tsi)
        || !Covered(m_remoteTs.value_or(config.remoteTs), *tsr))
    {
        NS_LOG_INFO("the CREATE_CHILD_SA response does not match the request");
        return Fail(IkeNotifyType::INVALID_SYNTAX);
    }
    Bytes shared;
    if (m_keGroup && ke && m_dh)
    {
        session.GetSa().ChargeCrypto({IkeCryptoOp::DH_AGREE, *m_keGroup}); // PFS
    }
    if (m_keGroup
        && (ke->GetGroup() != static_cast<uint16_t>(*m_keGroup)
            || !m_dh->ComputeSharedSecret(ke->GetData(), shared)))
    {
        NS_LOG_INFO("invalid KEr");
        return Fail(IkeNotifyType::INVALID_SYNTAX);
    }
    m_nonceR = nonce->GetNonce();
    IkeChildSaSpec spec;
    spec.suite = *suite;
    spec.esn = m_offeredEsn;
    spec.localSpi = m_localSpi;
    spec.peerSpi = theirs.GetSpi32();
    spec.exchangeInitiator = true;
    spec.nonceI = m_nonceI;
    spec.nonceR = m_nonceR;
    spec.sharedSecret = shared;
    spec.cpu = m_cpu;
    spec.perResource = m_perResource;
    spec.replaces = m_rekeySpi;
    spec.requested = GetCreated();
    if (!ProcessResponseNotifies(session, response, spec))
    {
        return Result::FAILED;
    }
    m_cpu = spec.cpu;
    m_perResource = spec.perResource;
    m_child = session.InstallChildSa(spec);
    if (!m_child)
    {
        return Fail(IkeNotifyType::NO_PROPOSAL_CHOSEN);
    }
    return Result::DONE;
}

IkeTask::Result
IkeCreateChildSaTask::Refuse(IkeNotifyType error, IkeMessage& response)
{
    response.AddEncryptedPayload(IkeNotifyPayload(error));
    return Fail(error);
}

IkeTask::Result
IkeCreateChildSaTask::ProcessRequest(IkeSession& session,
                                     const IkeMessage& request,
                                     IkeMessage& response)
{
    const IkePeerConfig& config = session.GetConfig();
    if (session.GetSa().GetState() != IkeSaState::ESTABLISHED)
    {
        // The session does not hand us such requests; refuse them anyway.
        return Refuse(IkeNotifyType::TEMPORARY_FAILURE, response);
    }
    if (session.IsRekeyingIkeSa())
    {
        // RFC 7296 2.25: no new or rekeyed Child SA while the IKE SA is being rekeyed; the
        // initiator retries on the new IKE SA (strongSwan's child_create build_r, same words).
        NS_LOG_INFO("unable to create CHILD_SA while rekeying IKE_SA");
        return Refuse(IkeNotifyType::TEMPORARY_FAILURE, response);
    }
    uint32_t replaced = 0;
    if (const IkeNotifyPayload* rekey = request.FindNotify(IkeNotifyType::REKEY_SA))
    {
        if (rekey->GetProtocolId() != IkeProtocolId::ESP || rekey->GetSpi().size() != 4)
        {
            NS_LOG_INFO("REKEY_SA for an SA that is not ESP");
            return Refuse(IkeNotifyType::CHILD_SA_NOT_FOUND, response);
        }
        // REKEY_SA names the SPI the peer receives on: our outbound SPI.
        const IkeChildSa* old = session.FindChildSaByOutboundSpi(rekey->GetSpi32());
        if (!old)
        {
            NS_LOG_INFO("rekey of an unknown Child SA " << rekey->GetSpi32());
            return Refuse(IkeNotifyType::CHILD_SA_NOT_FOUND, response);
        }
        if (old->state == IkeChildSaState::DELETING || old->state == IkeChildSaState::REKEYED)
        {
            // RFC 7296 2.25: we are closing it (or have replaced it and are about to).
            NS_LOG_INFO("rekey of Child SA " << old->inboundSpi << " in state "
                                             << ToString(old->state));
            return Refuse(IkeNotifyType::TEMPORARY_FAILURE, response);
        }
        m_rekeySpi = old->inboundSpi;
        replaced = old->inboundSpi;
    }
    const auto* saPayload = request.Find<IkeSaPayload>();
    const auto* nonce = request.Find<IkeNoncePayload>();
    const auto* ke = request.Find<IkeKePayload>();
    const IkeTsPayload* tsi = FindTs(request, IkePayloadType::TSI);
    const IkeTsPayload* tsr = FindTs(request, IkePayloadType::TSR);
    if (!saPayload || !nonce || !tsi || !tsr)
    {
        return Refuse(IkeNotifyType::INVALID_SYNTAX, response);
    }
    // Our suites in order of preference, and for each the first of our KE groups offered
    // (strongSwan's prefer_configured_proposals). A new pair with a template (RFC 9611: an
    // additional SA of a group) may have only the template's suite and ESN, even if we
    // would prefer another of the offered ones; the rekey of a group member prefers the
    // suite it had (RFC 7296 2.8: a rekey keeps the algorithms), so that the group stays alike.
    std::vector<CipherSuite> suites = config.espProposals;
    bool esn = config.esn;
    const IkeChildSa* model = replaced == 0 ? FindTemplate(session, &request) : nullptr;
    if (model)
    {
        suites = {model->suite};
        esn = model->esn;
    }
    else if (const IkeChildSa* old = replaced ? session.FindChildSa(replaced) : nullptr;
             old && old->perResource)
    {
        auto it = std::find(suites.begin(), suites.end(), old->suite);
        if (it != suites.end())
        {
            std::rotate(suites.begin(), it, it + 1);
        }
    }
    std::vector<DhGroup> groups = PfsGroups(config);
    std::vector<std::optional<DhGroup>> candidates(groups.begin(), groups.end());
    if (candidates.empty())
    {
        candidates.push_back(std::nullopt);
    }
    std::optional<CipherSuite> suite;
    std::optional<DhGroup> group;
    const IkeProposal* chosen = nullptr;
    for (const CipherSuite& mine : suites)
    {
        for (const IkeProposal& theirs : saPayload->GetProposals())
        {
            for (const std::optional<DhGroup>& g : candidates)
            {
                std::vector<DhGroup> one;
                if (g)
                {
                    one.push_back(*g);
                }
                if (!chosen && theirs.GetSpi().size() == 4
                    && IkeProposalSelector::Matches(MakeProposal(1, 0, mine, esn, one), theirs))
                {
                    chosen = &theirs;
                    suite = mine;
                    group = g;
                }
            }
        }
    }
    if (!chosen && model)
    {
        // Rather than a suite of our own list: the new pair would differ from its group.
        NS_LOG_INFO("the request does not offer the suite "
                    << model->suite << " (ESN " << model->esn << ") of the pair it must copy");
        return Refuse(IkeNotifyType::NO_PROPOSAL_CHOSEN, response);
    }
    if (!chosen)
    {
        NS_LOG_INFO("no ESP proposal in common");
        return Refuse(IkeNotifyType::NO_PROPOSAL_CHOSEN, response);
    }
    if (group && (!ke || ke->GetGroup() != static_cast<uint16_t>(*group)))
    {
        NS_LOG_INFO("KE of group " << (ke ? ke->GetGroup() : 0) << ", want "
                                   << static_cast<uint16_t>(*group));
        response.AddEncryptedPayload(
            IkeNotifyPayload::InvalidKePayload(static_cast<uint16_t>(*group)));
        return Fail(IkeNotifyType::INVALID_KE_PAYLOAD);
    }
    if (!Covered(config.remoteTs, *tsi) || !Covered(config.localTs, *tsr))
    {
        NS_LOG_INFO("traffic selectors unacceptable");
        return Refuse(IkeNotifyType::TS_UNACCEPTABLE, response);
    }
    IkeChildSaSpec spec;
    spec.suite = *suite;
    spec.esn = esn;
    spec.peerSpi = Spi32(chosen->GetSpi());
    spec.exchangeInitiator = false;
    spec.replaces = replaced;
    if (replaced != 0)
    {
        // The new pair keeps what the old one was (strongSwan's child_rekey keeps the CPU).
        const IkeChildSa* old = session.FindChildSa(replaced);
        spec.cpu = old->cpu;
        spec.perResource = old->perResource;
    }
    spec.requested = GetCreated();
    // Before the key exchange: a refusal (RFC 9611's TS_MAX_QUEUE) costs no DH.
    IkeNotifyType error = ProcessRequestNotifies(session, request, spec);
    if (error != static_cast<IkeNotifyType>(0))
    {
        return Refuse(error, response);
    }
    Bytes shared;
    if (group && !ComputeSharedSecret(session, *group, ke->GetData(), shared))
    {
        return Refuse(IkeNotifyType::INVALID_SYNTAX, response);
    }
    m_keGroup = group;
    m_nonceI = nonce->GetNonce();
    m_nonceR = session.GetSa().RandomBytes(NONCE_SIZE);
    spec.nonceI = m_nonceI;
    spec.nonceR = m_nonceR;
    spec.sharedSecret = shared;
    m_cpu = spec.cpu;
    m_perResource = spec.perResource;
    m_localSpi = session.GetDataPlane().AllocateSpi();
    spec.localSpi = m_localSpi;
    m_child = session.InstallChildSa(spec);
    if (!m_child)
    {
        return Refuse(IkeNotifyType::NO_PROPOSAL_CHOSEN, response);
    }
    std::vector<DhGroup> keGroup;
    if (group)
    {
        keGroup.push_back(*group);
    }
    response.AddEncryptedPayload(
        IkeSaPayload({MakeProposal(chosen->GetNumber(), m_localSpi, *suite, esn, keGroup)}));
    response.AddEncryptedPayload(IkeNoncePayload(m_nonceR));
    if (group)
    {
        response.AddEncryptedPayload(IkeKePayload(*group, m_dh->PublicValue()));
    }
    // Narrowed to the configured selectors, as strongSwan's responder does.
    response.AddEncryptedPayload(
        IkeTsPayload::FromTrafficSelectors(IkePayloadType::TSI, {config.remoteTs}));
    response.AddEncryptedPayload(
        IkeTsPayload::FromTrafficSelectors(IkePayloadType::TSR, {config.localTs}));
    AddResponseNotifies(session, response, *m_child);
    if (replaced != 0)
    {
        session.NoteChildRekeyedByPeer(replaced, *m_child, m_nonceI, m_nonceR);
    }
    return Result::DONE;
}

void
IkeCreateChildSaTask::Complete(IkeSession& session, Result result)
{
    if (m_initiator && m_rekeySpi != 0)
    {
        session.CompleteChildRekey(*this, result);
    }
    else if (m_initiator && result == Result::FAILED
             && GetError() == IkeNotifyType::TEMPORARY_FAILURE)
    {
        // The peer was busy (an IKE SA rekey, RFC 7296 2.25): the same request, later.
        session.RetryNewChildSa(*this);
    }
}

std::unique_ptr<IkeCreateChildSaTask>
IkeCreateChildSaTask::CloneForRetry() const
{
    auto task = ForNewChildSa(m_cpu, m_perResource);
    task->m_localTs = m_localTs;
    task->m_remoteTs = m_remoteTs;
    return task;
}

void
IkeCreateChildSaTask::AddRequestNotifies(IkeSession& /* session */, IkeMessage& /* request */)
{
}

const IkeChildSa*
IkeCreateChildSaTask::FindTemplate(IkeSession& /* session */, const IkeMessage* /* request */)
{
    return nullptr;
}

bool
IkeCreateChildSaTask::ProcessResponseNotifies(IkeSession& /* session */,
                                              const IkeMessage& /* response */,
                                              IkeChildSaSpec& /* spec */)
{
    return true;
}

IkeNotifyType
IkeCreateChildSaTask::ProcessRequestNotifies(IkeSession& /* session */,
                                             const IkeMessage& /* request */,
                                             IkeChildSaSpec& /* spec */)
{
    return static_cast<IkeNotifyType>(0);
}

void
IkeCreateChildSaTask::AddResponseNotifies(IkeSession& /* session */,
                                          IkeMessage& /* response */,
                                          const IkeChildSa& /* child */)
{
}

} // namespace ns3
