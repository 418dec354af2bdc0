/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-daemon.h"

#include "ike-auth-task.h"
#include "ike-notify-payload.h"
#include "ike-sa-init-task.h"

#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeDaemon");

NS_OBJECT_ENSURE_REGISTERED(IkeDaemon);

TypeId
IkeDaemon::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::IkeDaemon")
              .SetParent<Application>()
              .SetGroupName("Ipsec")
              .AddConstructor<IkeDaemon>()
              .AddAttribute("RetransmitTimeout",
                            "Time before the first retransmission of a request (strongSwan's "
                            "retransmit_timeout)",
                            TimeValue(Seconds(4)),
                            MakeTimeAccessor(&IkeDaemon::m_retransmitTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("RetransmitBase",
                            "Base of the exponential back-off: the n-th retransmission waits "
                            "RetransmitTimeout * RetransmitBase^n (strongSwan's retransmit_base)",
                            DoubleValue(1.8),
                            MakeDoubleAccessor(&IkeDaemon::m_retransmitBase),
                            MakeDoubleChecker<double>(1.0))
              .AddAttribute("RetransmitTries",
                            "Retransmissions before giving up (strongSwan's retransmit_tries)",
                            UintegerValue(5),
                            MakeUintegerAccessor(&IkeDaemon::m_retransmitTries),
                            MakeUintegerChecker<uint32_t>())
              .AddTraceSource("Drop",
                              "A received message was dropped: reason and detail",
                              MakeTraceSourceAccessor(&IkeDaemon::m_dropTrace),
                              "ns3::IkeDaemon::DropCallback")
              .AddTraceSource("Retransmit",
                              "A request was sent again: try number and octets",
                              MakeTraceSourceAccessor(&IkeDaemon::m_retransmitTrace),
                              "ns3::IkeDaemon::RetransmitCallback")
              .AddTraceSource("ChildSa",
                              "A Child SA pair was installed in the data plane",
                              MakeTraceSourceAccessor(&IkeDaemon::m_childSaTrace),
                              "ns3::IkeDaemon::ChildSaCallback")
              .AddTraceSource("Established",
                              "The IKE SA was authenticated: SPIi and SPIr",
                              MakeTraceSourceAccessor(&IkeDaemon::m_establishedTrace),
                              "ns3::IkeDaemon::EstablishedCallback")
              .AddTraceSource("Error",
                              "An error notify was sent (true) or received (false)",
                              MakeTraceSourceAccessor(&IkeDaemon::m_errorTrace),
                              "ns3::IkeDaemon::ErrorCallback")
              .AddTraceSource("Tx",
                              "An IKE message was sent (UDP payload)",
                              MakeTraceSourceAccessor(&IkeDaemon::m_txTrace),
                              "ns3::IkeDaemon::MessageCallback")
              .AddTraceSource("Rx",
                              "An IKE message was received (UDP payload)",
                              MakeTraceSourceAccessor(&IkeDaemon::m_rxTrace),
                              "ns3::IkeDaemon::MessageCallback");
    return tid;
}

IkeDaemon::IkeDaemon()
    : m_stream(CreateObject<UniformRandomVariable>())
    , m_retransmitTimeout(Seconds(4))
    , m_retransmitBase(1.8)
    , m_retransmitTries(5)
{
    NS_LOG_FUNCTION(this);
}

IkeDaemon::~IkeDaemon() = default;

void
IkeDaemon::DoDispose()
{
    m_retransmitEvent.Cancel();
    m_socket = nullptr;
    m_dataPlane = nullptr;
    m_queue.clear();
    m_active.reset();
    m_sa.reset();
    Application::DoDispose();
}

void
IkeDaemon::Configure(const IkePeerConfig& config, Ptr<IpsecDataPlane> dataPlane)
{
    if (config.ikeProposals.empty() || config.espProposals.empty())
    {
        NS_FATAL_ERROR("IkeDaemon: the IKE and ESP proposal lists must not be empty");
    }
    if (!dataPlane)
    {
        NS_FATAL_ERROR("IkeDaemon: no data plane; use IpsecHelper first");
    }
    m_config = config;
    m_dataPlane = dataPlane;
}

const IkePeerConfig&
IkeDaemon::GetConfig() const
{
    return m_config;
}

int64_t
IkeDaemon::AssignStreams(int64_t stream)
{
    m_stream->SetStream(stream);
    return 1;
}

const IkeSa*
IkeDaemon::GetIkeSa() const
{
    return m_sa.get();
}

bool
IkeDaemon::IsEstablished() const
{
    return m_sa && m_sa->GetState() == IkeSaState::ESTABLISHED;
}

const std::vector<IkeChildSa>&
IkeDaemon::GetChildSas() const
{
    return m_children;
}

IkeNotifyType
IkeDaemon::GetLastError() const
{
    return m_lastError;
}

uint64_t
IkeDaemon::GetDropCount() const
{
    return m_drops;
}

uint64_t
IkeDaemon::GetRetransmissionCount() const
{
    return m_retransmissions;
}

uint64_t
IkeDaemon::GetCachedResponseCount() const
{
    return m_cachedResponses;
}

void
IkeDaemon::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_UNLESS(m_dataPlane, "IkeDaemon started without Configure()");
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    if (m_socket->Bind(InetSocketAddress(m_config.localAddress, IKE_PORT)) != 0)
    {
        NS_FATAL_ERROR("IkeDaemon: cannot bind UDP " << m_config.localAddress << ":" << IKE_PORT);
    }
    m_socket->SetRecvCallback(MakeCallback(&IkeDaemon::HandleRead, this));
    if (m_config.startAction == IkeStartAction::TRAP)
    {
        m_dataPlane->SetAcquireCallback(MakeCallback(&IkeDaemon::HandleAcquire, this));
    }
    else if (m_config.startAction == IkeStartAction::START)
    {
        Initiate();
    }
}

void
IkeDaemon::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_retransmitEvent.Cancel();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
IkeDaemon::HandleAcquire(const AcquireEvent& event)
{
    NS_LOG_FUNCTION(this << event.reqid);
    if (event.reqid == m_config.reqid)
    {
        Initiate();
    }
}

void
IkeDaemon::Initiate()
{
    NS_LOG_FUNCTION(this);
    if (m_sa && m_sa->GetState() != IkeSaState::FAILED)
    {
        return;
    }
    m_sa = std::make_unique<IkeSa>(m_config, true, m_stream);
    m_sa->SetInitiatorSpi(m_sa->RandomSpi());
    m_queue.clear();
    m_queue.push_back(std::make_unique<IkeSaInitTask>());
    m_queue.push_back(std::make_unique<IkeAuthTask>(*m_dataPlane));
    StartNextTask();
}

void
IkeDaemon::StartNextTask()
{
    m_active.reset();
    if (m_queue.empty())
    {
        return;
    }
    m_active = std::move(m_queue.front());
    m_queue.pop_front();
    SendRequest();
}

void
IkeDaemon::SendRequest()
{
    IkeMessage request;
    IkeHeader& header = request.GetHeader();
    IkeExchangeType exchange = m_active->GetExchangeType();
    header.SetInitiatorSpi(m_sa->GetInitiatorSpi());
    header.SetResponderSpi(exchange == IkeExchangeType::IKE_SA_INIT ? 0 : m_sa->GetResponderSpi());
    header.SetExchangeType(exchange);
    header.SetInitiator(m_sa->IsInitiator());
    header.SetResponse(false);
    header.SetMessageId(m_sa->GetNextRequestId());
    m_active->BuildRequest(*m_sa, request);
    if (exchange == IkeExchangeType::IKE_SA_INIT)
    {
        m_request = request.Serialize();
        m_sa->SetInitRequest(m_request);
    }
    else
    {
        m_request = m_sa->Seal(request);
    }
    NS_LOG_INFO("sending " << request);
    m_tries = 0;
    Send(m_request);
    m_retransmitEvent.Cancel();
    m_retransmitEvent = Simulator::Schedule(m_retransmitTimeout, &IkeDaemon::Retransmit, this);
}

void
IkeDaemon::Retransmit()
{
    if (m_tries >= m_retransmitTries)
    {
        NS_LOG_INFO("giving up after " << m_tries << " retransmissions");
        m_active.reset();
        m_queue.clear();
        if (m_sa)
        {
            m_sa->SetState(IkeSaState::FAILED);
        }
        return;
    }
    m_tries++;
    m_retransmissions++;
    NS_LOG_INFO("retransmission " << m_tries);
    m_retransmitTrace(m_tries, m_request);
    Send(m_request);
    Time wait = m_retransmitTimeout * std::pow(m_retransmitBase, m_tries);
    m_retransmitEvent = Simulator::Schedule(wait, &IkeDaemon::Retransmit, this);
}

void
IkeDaemon::Send(const Bytes& data)
{
    if (!m_socket)
    {
        return;
    }
    m_txTrace(data);
    m_socket->SendTo(Create<Packet>(data.data(), data.size()),
                     0,
                     InetSocketAddress(m_config.peerAddress, IKE_PORT));
}

void
IkeDaemon::Drop(const std::string& reason, const std::string& detail)
{
    NS_LOG_INFO("drop: " << reason << ": " << detail);
    m_drops++;
    m_dropTrace(reason, detail);
}

void
IkeDaemon::NoteError(IkeNotifyType error, bool sent)
{
    if (error == static_cast<IkeNotifyType>(0))
    {
        return;
    }
    m_lastError = error;
    m_errorTrace(static_cast<uint16_t>(error), sent);
}

void
IkeDaemon::FailIkeSa(IkeNotifyType error)
{
    NS_LOG_INFO("IKE SA failed: " << ToString(error));
    m_retransmitEvent.Cancel();
    m_active.reset();
    m_queue.clear();
    if (m_sa)
    {
        m_sa->SetState(IkeSaState::FAILED);
    }
}

void
IkeDaemon::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        InetSocketAddress address = InetSocketAddress::ConvertFrom(from);
        Bytes data(packet->GetSize());
        packet->CopyData(data.data(), data.size());
        m_rxTrace(data);
        if (address.GetIpv4() != m_config.peerAddress || address.GetPort() != IKE_PORT)
        {
            Drop("unknown peer", "");
            continue;
        }
        HandleMessage(data);
    }
}

void
IkeDaemon::HandleMessage(const Bytes& data)
{
    IkeMessage message;
    IkeParseStatus status = IkeMessage::Parse(data, message);
    if (!status.IsOk())
    {
        Drop("malformed", status.ToString());
        return;
    }
    if (message.GetHeader().IsResponse())
    {
        HandleResponse(message);
    }
    else
    {
        HandleRequest(message);
    }
}

void
IkeDaemon::HandleResponse(IkeMessage& message)
{
    const IkeHeader& header = message.GetHeader();
    if (!m_active || !m_sa || header.GetExchangeType() != m_active->GetExchangeType()
        || header.GetMessageId() != m_sa->GetNextRequestId()
        || header.GetInitiatorSpi() != m_sa->GetInitiatorSpi()
        || header.IsInitiator() == m_sa->IsInitiator())
    {
        Drop("unexpected response", message.ToString());
        return;
    }
    bool init = header.GetExchangeType() == IkeExchangeType::IKE_SA_INIT;
    if (!init)
    {
        IkeParseStatus status = m_sa->Open(message);
        if (header.GetResponderSpi() != m_sa->GetResponderSpi() || !message.IsEncrypted()
            || !status.IsOk() || !message.GetEncryptedPayload()->IsDecrypted())
        {
            Drop("undecryptable response", status.ToString());
            return;
        }
    }
    else if (message.IsEncrypted())
    {
        Drop("unexpected response", "IKE_SA_INIT with an SK payload");
        return;
    }
    NS_LOG_INFO("received " << message);
    if (init)
    {
        m_sa->SetInitResponse(message.GetReceivedBytes());
    }
    IkeTask::Result result = m_active->ProcessResponse(*m_sa, message);
    m_retransmitEvent.Cancel();
    NoteError(m_active->GetError(), false);
    switch (result)
    {
        case IkeTask::Result::RETRY:
            SendRequest();
            return;
        case IkeTask::Result::FAILED:
            FailIkeSa(m_active->GetError());
            return;
        case IkeTask::Result::DONE:
            m_sa->IncrementRequestId();
            Harvest(*m_active);
            StartNextTask();
            return;
    }
}

void
IkeDaemon::Harvest(IkeTask& task)
{
    if (auto* auth = dynamic_cast<IkeAuthTask*>(&task))
    {
        m_sa->SetState(IkeSaState::ESTABLISHED);
        NS_LOG_INFO("IKE SA established");
        m_establishedTrace(m_sa->GetInitiatorSpi(), m_sa->GetResponderSpi());
        if (auth->GetChildSa())
        {
            m_children.push_back(*auth->GetChildSa());
            m_childSaTrace(m_children.back());
        }
    }
}

void
IkeDaemon::HandleInitRequest(IkeMessage& message)
{
    const IkeHeader& header = message.GetHeader();
    if (header.GetMessageId() != 0 || header.GetResponderSpi() != 0 || !header.IsInitiator()
        || message.IsEncrypted())
    {
        Drop("unexpected request", message.ToString());
        return;
    }
    if (m_sa && !m_sa->IsInitiator() && m_sa->GetInitiatorSpi() == header.GetInitiatorSpi()
        && !m_sa->GetCachedResponse().empty())
    {
        if (m_sa->GetInitRequest() == message.GetReceivedBytes())
        {
            // Our IKE_SA_INIT response, even if a later response has been cached since.
            m_cachedResponses++;
            Send(m_sa->GetInitResponse());
        }
        else
        {
            Drop("unexpected request", "another IKE_SA_INIT with a known SPI");
        }
        return;
    }
    if (m_sa && m_sa->IsInitiator() && m_sa->GetState() != IkeSaState::FAILED)
    {
        Drop("unexpected request", "IKE_SA_INIT while initiating");
        return;
    }
    auto sa = std::make_unique<IkeSa>(m_config, false, m_stream);
    IkeSaInitTask task;
    IkeMessage response;
    IkeTask::Result result = task.ProcessRequest(*sa, message, response);
    IkeHeader& out = response.GetHeader();
    out.SetInitiatorSpi(header.GetInitiatorSpi());
    out.SetResponderSpi(result == IkeTask::Result::DONE ? sa->GetResponderSpi() : 0);
    out.SetExchangeType(IkeExchangeType::IKE_SA_INIT);
    out.SetInitiator(false);
    out.SetResponse(true);
    out.SetMessageId(0);
    Bytes bytes = response.Serialize();
    NS_LOG_INFO("received " << message << ", answering " << response);
    NoteError(task.GetError(), true);
    if (result == IkeTask::Result::DONE)
    {
        sa->SetInitRequest(message.GetReceivedBytes());
        sa->SetInitResponse(bytes);
        sa->CacheResponse(message.GetReceivedBytes(), bytes);
        m_sa = std::move(sa);
    }
    Send(bytes);
}

void
IkeDaemon::HandleRequest(IkeMessage& message)
{
    const IkeHeader& header = message.GetHeader();
    if (header.GetExchangeType() == IkeExchangeType::IKE_SA_INIT)
    {
        HandleInitRequest(message);
        return;
    }
    if (!m_sa || m_sa->GetInitiatorSpi() != header.GetInitiatorSpi()
        || m_sa->GetResponderSpi() != header.GetResponderSpi() || !m_sa->HasKeys())
    {
        Drop("unknown IKE SA", message.ToString());
        return;
    }
    if (header.IsInitiator() != !m_sa->IsInitiator())
    {
        Drop("unexpected request", "wrong Initiator flag");
        return;
    }
    uint32_t expected = m_sa->GetExpectedRequestId();
    if (expected > 0 && header.GetMessageId() == expected - 1 && !m_sa->GetCachedResponse().empty())
    {
        // strongSwan compares a hash of the request; the octets themselves will do.
        if (message.GetReceivedBytes() != m_sa->GetCachedRequest())
        {
            Drop("unexpected request", "another request with the last Message ID");
            return;
        }
        m_cachedResponses++;
        NS_LOG_INFO("retransmitted request " << header.GetMessageId() << ": cached response");
        Send(m_sa->GetCachedResponse());
        return;
    }
    if (header.GetMessageId() != expected)
    {
        Drop("unexpected request", "Message ID " + std::to_string(header.GetMessageId()));
        return;
    }
    IkeParseStatus status = m_sa->Open(message);
    if (!message.IsEncrypted() || !status.IsOk() || !message.GetEncryptedPayload()->IsDecrypted())
    {
        Drop("undecryptable request", status.ToString());
        return;
    }
    NS_LOG_INFO("received " << message);
    std::unique_ptr<IkeTask> task;
    if (header.GetExchangeType() == IkeExchangeType::IKE_AUTH && !m_sa->IsInitiator()
        && m_sa->GetState() == IkeSaState::CONNECTING)
    {
        task = std::make_unique<IkeAuthTask>(*m_dataPlane);
    }
    else
    {
        // CREATE_CHILD_SA and INFORMATIONAL are the next slice of the daemon.
        Drop("unsupported request", message.ToString());
        return;
    }
    IkeMessage response;
    IkeHeader& out = response.GetHeader();
    out.SetInitiatorSpi(m_sa->GetInitiatorSpi());
    out.SetResponderSpi(m_sa->GetResponderSpi());
    out.SetExchangeType(header.GetExchangeType());
    out.SetInitiator(m_sa->IsInitiator());
    out.SetResponse(true);
    out.SetMessageId(header.GetMessageId());
    IkeTask::Result result = task->ProcessRequest(*m_sa, message, response);
    response.EnableEncryption();
    Bytes bytes = m_sa->Seal(response);
    m_sa->CacheResponse(message.GetReceivedBytes(), bytes);
    NoteError(task->GetError(), true);
    if (result == IkeTask::Result::DONE)
    {
        Harvest(*task);
    }
    else
    {
        m_sa->SetState(IkeSaState::FAILED);
    }
    Send(bytes);
}

} // namespace ns3
