/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-rekey-ike-sa-task.h"

#include "ike-delete-child-sa-task.h"
#include "ike-delete-ike-sa-task.h"

#include "ns3/ike-daemon.h"
#include "ns3/ike-ke-payload.h"
#include "ns3/ike-nonce-payload.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-proposal-selector.h"
#include "ns3/ike-sa-payload.h"
#include "ns3/ike-session.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeRekeyIkeSaTask");

namespace
{
/// \returns the SPI as the 8 octets of an IKE proposal
Bytes
SpiBytes(uint64_t spi)
{
    Bytes out(8);
    for (int i = 7; i >= 0; --i)
    {
        out[i] = static_cast<uint8_t>(spi);
        spi >>= 8;
    }
    return out;
}

/// \returns the lower of two nonces
const Bytes&
LowerNonce(const Bytes& a, const Bytes& b)
{
    return IkeRekeyIkeSaTask::NonceLess(a, b) ? a : b;
}
} // namespace

IkeRekeyIkeSaTask::IkeRekeyIkeSaTask()
    : m_group(DhGroup::CURVE25519)
{
}

IkeRekeyIkeSaTask::~IkeRekeyIkeSaTask() = default;

bool
IkeRekeyIkeSaTask::IsIkeSaRekey(const IkeMessage& request)
{
    const auto* sa = request.Find<IkeSaPayload>();
    if (!sa)
    {
        return false;
    }
    const auto& proposals = sa->GetProposals();
    return std::any_of(proposals.begin(),
                       proposals.end(),
                       [](const IkeProposal& p)
                       { return p.GetProtocolId() == IkeProtocolId::IKE; });
}

bool
IkeRekeyIkeSaTask::NonceLess(const Bytes& a, const Bytes& b)
{
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
}

IkeExchangeType
IkeRekeyIkeSaTask::GetExchangeType() const
{
    return IkeExchangeType::CREATE_CHILD_SA;
}

bool
IkeRekeyIkeSaTask::IsReady(const IkeSession& session) const
{
    return !session.IsRekeyed();
}

void
IkeRekeyIkeSaTask::BuildRequest(IkeSession& session, IkeMessage& request)
{
    m_initiator = true;
    const IkeSa& old = session.GetSa();
    const IkePeerConfig& config = session.GetConfig();
    if (!m_groupSet)
    {
        // strongSwan proposes the DH group of the IKE SA being rekeyed first.
        m_group = old.GetSuite().group;
        m_groupSet = true;
    }
    if (!m_newSa)
    {
        // An INVALID_KE_PAYLOAD retry keeps the new SPI and nonce, as for IKE_SA_INIT.
        m_newSa = std::make_unique<IkeSa>(config, true, session.GetDaemon().GetStream());
        m_newSa->SetCryptoMeter(&session.GetDaemon().GetCryptoMeter());
        m_newSa->InheritNatTraversal(session.GetSa());
        m_newSa->SetInitiatorSpi(session.GetDaemon().NewLocalSpi(*m_newSa));
        m_newSa->SetNonceI(m_newSa->RandomBytes(NONCE_SIZE));
    }
    Bytes spi = SpiBytes(m_newSa->GetInitiatorSpi());
    IkeSaPayload saPayload;
    uint8_t number = 1;
    for (const IkeSuite& suite : config.ikeProposals)
    {
        saPayload.AddProposal(suite.ToProposal(number++, spi));
    }
    const DiffieHellman& dh = m_newSa->CreateDh(m_group);
    request.AddEncryptedPayload(saPayload);
    request.AddEncryptedPayload(IkeNoncePayload(m_newSa->GetNonceI()));
    request.AddEncryptedPayload(IkeKePayload(m_group, dh.PublicValue()));
    NS_LOG_INFO("rekeying the IKE SA, new SPIi " << std::hex << m_newSa->GetInitiatorSpi());
}

IkeTask::Result
IkeRekeyIkeSaTask::ProcessResponse(IkeSession& session, const IkeMessage& response)
{
    const IkePeerConfig& config = session.GetConfig();
    if (const IkeNotifyPayload* ke = response.FindNotify(IkeNotifyType::INVALID_KE_PAYLOAD))
    {
        const Bytes& data = ke->GetData();
        if (data.size() == 2 && m_keRetries == 0)
        {
            auto wanted = static_cast<DhGroup>((data[0] << 8) | data[1]);
            for (const IkeSuite& suite : config.ikeProposals)
            {
                if (suite.group == wanted && wanted != m_group)
                {
                    m_group = wanted;
                    m_keRetries++;
                    SetError(IkeNotifyType::INVALID_KE_PAYLOAD);
                    return Result::RETRY;
                }
            }
        }
        return Fail(IkeNotifyType::INVALID_KE_PAYLOAD);
    }
    for (const IkeNotifyPayload* notify : response.FindAll<IkeNotifyPayload>())
    {
        if (notify->IsError())
        {
            NS_LOG_INFO("IKE SA rekey refused: " << ToString(notify->GetNotifyType()));
            return Fail(notify->GetNotifyType());
        }
    }
    const auto* saPayload = response.Find<IkeSaPayload>();
    const auto* kePayload = response.Find<IkeKePayload>();
    const auto* noncePayload = response.Find<IkeNoncePayload>();
    if (!saPayload || !kePayload || !noncePayload || saPayload->GetProposals().size() != 1
        || saPayload->GetProposals().front().GetProtocolId() != IkeProtocolId::IKE
        || saPayload->GetProposals().front().GetSpi().size() != 8)
    {
        return Fail(IkeNotifyType::INVALID_SYNTAX);
    }
    const IkeProposal& chosen = saPayload->GetProposals().front();
    auto choice = IkeProposalSelector::SelectIke(config.ikeProposals, {chosen});
    if (!choice)
    {
        return Fail(IkeNotifyType::NO_PROPOSAL_CHOSEN);
    }
    const IkeSuite& suite = config.ikeProposals[choice->local];
    Bytes shared;
    if (suite.group != m_group || kePayload->GetGroup() != static_cast<uint16_t>(m_group)
        || !m_newSa->ComputeSharedSecret(kePayload->GetData(), shared) || chosen.GetSpi64() == 0)
    {
        return Fail(IkeNotifyType::INVALID_SYNTAX);
    }
    m_newSa->SetResponderSpi(chosen.GetSpi64());
    m_newSa->SetNonceR(noncePayload->GetNonce());
    m_newSa->DeriveRekeyedKeys(suite, session.GetSa(), shared);
    return Result::DONE;
}

IkeTask::Result
IkeRekeyIkeSaTask::Refuse(IkeSession& session, IkeMessage& response, IkeNotifyType error)
{
    response.AddEncryptedPayload(IkeNotifyPayload(error));
    return Fail(error);
}

IkeTask::Result
IkeRekeyIkeSaTask::ProcessRequest(IkeSession& session,
                                  const IkeMessage& request,
                                  IkeMessage& response)
{
    const IkeSa& old = session.GetSa();
    const IkePeerConfig& config = session.GetConfig();
    const IkeTask* active = session.GetActiveTask();
    if (session.IsRekeyed() || dynamic_cast<const IkeDeleteIkeSaTask*>(active))
    {
        NS_LOG_INFO("IKE SA rekey while the IKE SA is replaced or deleted: TEMPORARY_FAILURE");
        return Refuse(session, response, IkeNotifyType::TEMPORARY_FAILURE);
    }
    // RFC 7296 2.25: an IKE SA rekey while we create, rekey or delete a Child SA. strongSwan's
    // ike_rekey also refuses while a Child SA is in such a state (e.g. waiting for the Delete
    // of a rekeyed one).
    bool childExchange = dynamic_cast<const IkeDeleteChildSaTask*>(active)
                         || (active && !dynamic_cast<const IkeRekeyIkeSaTask*>(active)
                             && active->GetExchangeType() == IkeExchangeType::CREATE_CHILD_SA);
    for (const IkeChildSa& child : session.GetChildSas())
    {
        childExchange = childExchange || child.state == IkeChildSaState::REKEYING
                        || child.state == IkeChildSaState::DELETING;
    }
    if (childExchange)
    {
        NS_LOG_INFO("IKE SA rekey during a Child SA exchange: TEMPORARY_FAILURE");
        return Refuse(session, response, IkeNotifyType::TEMPORARY_FAILURE);
    }
    const auto* saPayload = request.Find<IkeSaPayload>();
    const auto* kePayload = request.Find<IkeKePayload>();
    const auto* noncePayload = request.Find<IkeNoncePayload>();
    if (!saPayload || !kePayload || !noncePayload)
    {
        return Refuse(session, response, IkeNotifyType::INVALID_SYNTAX);
    }
    std::vector<IkeProposal> offered;
    for (const IkeProposal& proposal : saPayload->GetProposals())
    {
        if (proposal.GetProtocolId() == IkeProtocolId::IKE && proposal.GetSpi().size() == 8
            && proposal.GetSpi64() != 0)
        {
            offered.push_back(proposal);
        }
    }
    auto choice = IkeProposalSelector::SelectIke(config.ikeProposals, offered);
    if (!choice)
    {
        return Refuse(session, response, IkeNotifyType::NO_PROPOSAL_CHOSEN);
    }
    const IkeSuite& suite = config.ikeProposals[choice->local];
    if (kePayload->GetGroup() != static_cast<uint16_t>(suite.group))
    {
        response.AddEncryptedPayload(
            IkeNotifyPayload::InvalidKePayload(static_cast<uint16_t>(suite.group)));
        return Fail(IkeNotifyType::INVALID_KE_PAYLOAD);
    }
    uint64_t spiI = 0;
    for (uint8_t octet : choice->spi)
    {
        spiI = (spiI << 8) | octet;
    }
    m_newSa = std::make_unique<IkeSa>(config, false, session.GetDaemon().GetStream());
    m_newSa->SetCryptoMeter(&session.GetDaemon().GetCryptoMeter());
    m_newSa->InheritNatTraversal(session.GetSa());
    const DiffieHellman& dh = m_newSa->CreateDh(suite.group);
    Bytes shared;
    if (!m_newSa->ComputeSharedSecret(kePayload->GetData(), shared))
    {
        m_newSa.reset();
        return Refuse(session, response, IkeNotifyType::INVALID_SYNTAX);
    }
    m_newSa->SetInitiatorSpi(spiI);
    m_newSa->SetResponderSpi(session.GetDaemon().NewLocalSpi(*m_newSa));
    m_newSa->SetNonceI(noncePayload->GetNonce());
    m_newSa->SetNonceR(m_newSa->RandomBytes(NONCE_SIZE));
    m_newSa->DeriveRekeyedKeys(suite, old, shared);
    response.AddEncryptedPayload(
        IkeSaPayload({suite.ToProposal(choice->number, SpiBytes(m_newSa->GetResponderSpi()))}));
    response.AddEncryptedPayload(IkeNoncePayload(m_newSa->GetNonceR()));
    response.AddEncryptedPayload(IkeKePayload(suite.group, dh.PublicValue()));
    return Result::DONE;
}

void
IkeRekeyIkeSaTask::Complete(IkeSession& session, Result result)
{
    if (m_initiator)
    {
        CompleteInitiator(session, result);
    }
    else
    {
        CompleteResponder(session, result);
    }
}

void
IkeRekeyIkeSaTask::CompleteResponder(IkeSession& session, Result result)
{
    if (result != Result::DONE || !m_newSa)
    {
        return;
    }
    IkeDaemon& daemon = session.GetDaemon();
    IkeSession& successor = daemon.AddSession(
        std::make_unique<IkeSession>(daemon, session.GetConfig(), std::move(m_newSa)));
    daemon.NoteKeys(successor.GetSa()); // only with RecordResponderKeys: the peer rekeyed it
    successor.EstablishRekeyed();
    if (session.IsRekeyingIkeSa())
    {
        // Our own rekey is out: both exchanges complete, and the nonces decide when ours
        // does (RFC 7296 2.8.2).
        NS_LOG_INFO("simultaneous IKE SA rekeys: deciding when ours completes");
        session.SetPeerIkeRekey({successor.GetLocalSpi(),
                                 successor.GetSa().GetNonceI(),
                                 successor.GetSa().GetNonceR()});
        return;
    }
    // The peer deletes the old IKE SA once its exchange is done.
    session.HandOver(successor);
}

void
IkeRekeyIkeSaTask::CompleteInitiator(IkeSession& session, Result result)
{
    IkeDaemon& daemon = session.GetDaemon();
    std::optional<IkeSession::PeerIkeRekey> peer = session.TakePeerIkeRekey();
    IkeSession* peerSuccessor = peer ? daemon.FindSession(peer->newLocalSpi) : nullptr;
    if (peerSuccessor && peerSuccessor->GetSa().GetState() != IkeSaState::ESTABLISHED)
    {
        peerSuccessor = nullptr;
    }
    if (result != Result::DONE || !m_newSa)
    {
        if (peerSuccessor)
        {
            // Ours failed (e.g. TEMPORARY_FAILURE as the peer had finished first): the
            // peer's new IKE SA is the only one; the peer deletes the old one.
            session.HandOver(*peerSuccessor);
        }
        else if (GetError() == IkeNotifyType::TEMPORARY_FAILURE)
        {
            double wait
                = RETRY_INTERVAL_SECONDS - daemon.GetStream()->GetValue(0, RETRY_JITTER_SECONDS);
            NS_LOG_INFO("IKE SA rekey retried in " << wait << " s");
            session.RetryIkeRekey(Seconds(wait));
        }
        return;
    }
    IkeSession& successor = daemon.AddSession(
        std::make_unique<IkeSession>(daemon, session.GetConfig(), std::move(m_newSa)));
    daemon.NoteKeys(successor.GetSa());
    successor.EstablishRekeyed();
    if (!peerSuccessor)
    {
        session.HandOver(successor);
        session.Delete();
        return;
    }
    // RFC 7296 2.8.2: the new IKE SA created with the lowest of the four nonces is deleted by
    // the node that created it; the other one inherits the Child SAs, and the node that
    // initiated it deletes the old IKE SA.
    daemon.Statistics().ikeRekeyCollisions++;
    const IkeSa& ours = successor.GetSa();
    const Bytes& ourLowest = LowerNonce(ours.GetNonceI(), ours.GetNonceR());
    const Bytes& peerLowest = LowerNonce(peer->nonceI, peer->nonceR);
    if (NonceLess(ourLowest, peerLowest))
    {
        NS_LOG_INFO("IKE SA rekey collision lost: deleting our new IKE SA");
        session.HandOver(*peerSuccessor);
        successor.Delete();
    }
    else
    {
        NS_LOG_INFO("IKE SA rekey collision won: deleting the old IKE SA");
        session.HandOver(successor);
        session.Delete();
        // The peer deletes its new IKE SA, unless its exchange never completes.
        peerSuccessor->ExpectRedundantDelete();
    }
}

} // namespace ns3
