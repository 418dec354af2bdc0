/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-daemon.h"

#include "ns3/boolean.h"
#include "ns3/cpu-model.h"
#include "ns3/double.h"
#include "ns3/ike-auth-task.h"
#include "ns3/ike-create-child-sa-task.h"
#include "ns3/ike-sa-init-task.h"
#include "ns3/integer.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
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
              .AddAttribute("RecordKeys",
                            "Keep the keys of the IKE SAs initiated here for the tshark key "
                            "table (GetKeyLog); large studies may turn it off",
                            BooleanValue(true),
                            MakeBooleanAccessor(&IkeDaemon::m_recordKeys),
                            MakeBooleanChecker())
              .AddAttribute("RecordResponderKeys",
                            "With RecordKeys, also keep the keys of the IKE SAs the peer "
                            "initiated: needed when the peer is not simulated (a real IKE "
                            "daemon), whose keys no other IkeDaemon records",
                            BooleanValue(false),
                            MakeBooleanAccessor(&IkeDaemon::m_recordResponderKeys),
                            MakeBooleanChecker())
              .AddAttribute("CookieThreshold",
                            "Half-open IKE SAs (IKE_SA_INIT answered, IKE_AUTH not done) from "
                            "which on IKE_SA_INIT requests without a valid COOKIE are answered "
                            "with one and no state (strongSwan's cookie_threshold); 0: always",
                            UintegerValue(30),
                            MakeUintegerAccessor(&IkeDaemon::m_cookieThreshold),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("BlockThreshold",
                            "Half-open IKE SAs of one peer address from which on its IKE_SA_INIT "
                            "requests are dropped (strongSwan's block_threshold); 0: no limit",
                            UintegerValue(5),
                            MakeUintegerAccessor(&IkeDaemon::m_blockThreshold),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("HalfOpenTimeout",
                            "A responder IKE SA not authenticated this long after IKE_SA_INIT "
                            "is given up (strongSwan's half_open_timeout)",
                            TimeValue(Seconds(30)),
                            MakeTimeAccessor(&IkeDaemon::m_halfOpenTimeout),
                            MakeTimeChecker(MilliSeconds(1)))
              .AddAttribute("CookieSecretLifetime",
                            "How long a cookie secret makes new cookies; cookies of the previous "
                            "secret are still accepted (strongSwan replaces its secret after "
                            "10,000 cookies and keeps the old one; a period suits a simulation)",
                            TimeValue(Seconds(60)),
                            MakeTimeAccessor(&IkeDaemon::m_cookieSecretLifetime),
                            MakeTimeChecker(MilliSeconds(1)))
              .AddAttribute("CryptoCost",
                            "Core time of each IKE crypto operation, charged when the node has "
                            "a CpuModel (null: IkeCryptoCost with its defaults)",
                            PointerValue(),
                            MakePointerAccessor(&IkeDaemon::m_cryptoCost),
                            MakePointerChecker<IkeCryptoCost>())
              .AddAttribute("ControlCore",
                            "Core that runs the IKE work when the node has a CpuModel; -1: the "
                            "least loaded core at the time the work is queued (strongSwan's "
                            "charon runs its jobs on a thread pool that the kernel places on "
                            "idle CPUs)",
                            IntegerValue(-1),
                            MakeIntegerAccessor(&IkeDaemon::m_controlCore),
                            MakeIntegerChecker<int32_t>(-1))
              .AddTraceSource("CpuWork",
                              "IKE crypto work was given to a core: service time and core index",
                              MakeTraceSourceAccessor(&IkeDaemon::m_cpuWorkTrace),
                              "ns3::IkeDaemon::CpuWorkCallback")
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
                              "ns3::IkeDaemon::MessageCallback")
              .AddTraceSource("NatDetection",
                              "IKE_SA_INIT ran NAT detection: SPIi, SPIr and what was found",
                              MakeTraceSourceAccessor(&IkeDaemon::m_natTrace),
                              "ns3::IkeDaemon::NatDetectionCallback");
    return tid;
}

IkeDaemon::IkeDaemon()
    : m_stream(CreateObject<UniformRandomVariable>())
    , m_retransmitTimeout(Seconds(4))
    , m_retransmitBase(1.8)
    , m_retransmitTries(5)
    , m_halfOpenTimeout(Seconds(30))
    , m_cookieSecretLifetime(Seconds(60))
{
    NS_LOG_FUNCTION(this);
}

IkeDaemon::~IkeDaemon() = default;

void
IkeDaemon::DoDispose()
{
    m_transport.Close();
    m_saManager.Clear();
    m_saApi = nullptr;
    m_natPort = nullptr;
    m_dataPlane = nullptr;
    Application::DoDispose();
}

void
IkeDaemon::Configure(const IkePeerConfig& config, Ptr<Object> dataPlane)
{
    SetDataPlane(dataPlane);
    AddConnection(config);
}

void
IkeDaemon::SetDataPlane(Ptr<Object> dataPlane)
{
    if (!dataPlane)
    {
        NS_FATAL_ERROR("IkeDaemon: no data plane; use IpsecHelper first");
    }
    auto* saApi = dynamic_cast<IpsecSaApi*>(PeekPointer(dataPlane));
    auto* natPort = dynamic_cast<IpsecNatTraversalPort*>(PeekPointer(dataPlane));
    if (!saApi || !natPort)
    {
        NS_FATAL_ERROR("IkeDaemon: data plane " << dataPlane->GetInstanceTypeId().GetName()
                                                << " must implement IpsecSaApi and "
                                                   "IpsecNatTraversalPort");
    }
    // The Object keeps the interfaces alive as long as the daemon holds it.
    m_dataPlane = dataPlane;
    m_saApi = saApi;
    m_natPort = natPort;
    m_transport.SetNatTraversalPort(natPort);
}

uint32_t
IkeDaemon::AddConnection(const IkePeerConfig& config)
{
    if (config.ikeProposals.empty() || config.espProposals.empty())
    {
        NS_FATAL_ERROR("IkeDaemon: the IKE and ESP proposal lists must not be empty");
    }
    if (FindConnection(config.peerAddress) >= 0)
    {
        NS_FATAL_ERROR("IkeDaemon: a second connection to peer " << config.peerAddress);
    }
    if (config.cpuCount == 0)
    {
        NS_FATAL_ERROR("IkeDaemon: cpuCount must be at least 1");
    }
    auto index = static_cast<uint32_t>(m_configs.size());
    m_configs.push_back(std::make_unique<IkePeerConfig>(config));
    m_configByPeer[config.peerAddress.Get()] = index;
    return index;
}

void
IkeDaemon::SetConnection(uint32_t index, const IkePeerConfig& config)
{
    NS_ABORT_MSG_UNLESS(index < m_configs.size(), "IkeDaemon: no connection " << index);
    NS_ABORT_MSG_UNLESS(m_saManager.GetAll().empty(), "IkeDaemon: connections change before start");
    if (config.ikeProposals.empty() || config.espProposals.empty() || config.cpuCount == 0
        || config.peerAddress != m_configs[index]->peerAddress)
    {
        NS_FATAL_ERROR("IkeDaemon: invalid replacement of connection " << index);
    }
    *m_configs[index] = config;
}

uint32_t
IkeDaemon::GetConnectionCount() const
{
    return static_cast<uint32_t>(m_configs.size());
}

const IkePeerConfig&
IkeDaemon::GetConfig(uint32_t index) const
{
    NS_ABORT_MSG_UNLESS(index < m_configs.size(), "IkeDaemon: no connection " << index);
    return *m_configs[index];
}

IpsecSaApi*
IkeDaemon::GetDataPlane() const
{
    return m_saApi;
}

int
IkeDaemon::FindConnection(Ipv4Address address) const
{
    auto it = m_configByPeer.find(address.Get());
    return it == m_configByPeer.end() ? -1 : static_cast<int>(it->second);
}

uint32_t
IkeDaemon::IndexOf(const IkePeerConfig& config) const
{
    int index = FindConnection(config.peerAddress);
    NS_ASSERT(index >= 0 && m_configs[index].get() == &config);
    return static_cast<uint32_t>(index);
}

int64_t
IkeDaemon::AssignStreams(int64_t stream)
{
    m_stream->SetStream(stream);
    return 1;
}

Ptr<UniformRandomVariable>
IkeDaemon::GetStream() const
{
    return m_stream;
}

Time
IkeDaemon::GetRetransmitTimeout() const
{
    return m_retransmitTimeout;
}

double
IkeDaemon::GetRetransmitBase() const
{
    return m_retransmitBase;
}

uint32_t
IkeDaemon::GetRetransmitTries() const
{
    return m_retransmitTries;
}

IkeStatistics&
IkeDaemon::Statistics()
{
    return m_stats;
}

const IkeStatistics&
IkeDaemon::GetStatistics() const
{
    return m_stats;
}

IkeSession*
IkeDaemon::FindLiveSession(uint32_t index) const
{
    IkeSession* newest = nullptr;
    for (const auto& [spi, session] : m_saManager.GetAll())
    {
        IkeSaState state = session->GetSa().GetState();
        if (&session->GetConfig() == m_configs[index].get() && state != IkeSaState::FAILED
            && state != IkeSaState::CLOSED
            && (!newest || session->GetCreated() > newest->GetCreated()))
        {
            newest = session.get();
        }
    }
    return newest;
}

const IkeSession*
IkeDaemon::GetSession(uint32_t index) const
{
    if (index >= m_configs.size())
    {
        return nullptr;
    }
    if (const IkeSession* live = FindLiveSession(index))
    {
        return live;
    }
    const IkeSession* newest = nullptr;
    for (const auto& [spi, session] : m_saManager.GetAll())
    {
        if (&session->GetConfig() == m_configs[index].get()
            && (!newest || session->GetCreated() >= newest->GetCreated()))
        {
            newest = session.get();
        }
    }
    return newest;
}

const IkeSa*
IkeDaemon::GetIkeSa() const
{
    const IkeSession* session = GetSession(0);
    return session ? &session->GetSa() : nullptr;
}

std::vector<const IkeSession*>
IkeDaemon::GetSessions() const
{
    std::vector<const IkeSession*> sessions;
    sessions.reserve(m_saManager.GetAll().size());
    for (const auto& [spi, session] : m_saManager.GetAll())
    {
        sessions.push_back(session.get());
    }
    return sessions;
}

bool
IkeDaemon::IsEstablished() const
{
    const IkeSa* sa = GetIkeSa();
    return sa && sa->GetState() == IkeSaState::ESTABLISHED;
}

std::vector<IkeChildSa>
IkeDaemon::GetChildSas() const
{
    std::vector<IkeChildSa> children;
    for (const auto& [spi, session] : m_saManager.GetAll())
    {
        const auto& own = session->GetChildSas();
        children.insert(children.end(), own.begin(), own.end());
    }
    return children;
}

IkeNotifyType
IkeDaemon::GetLastError() const
{
    return m_lastError;
}

uint64_t
IkeDaemon::GetDropCount() const
{
    uint64_t total = 0;
    for (const auto& [reason, count] : m_stats.drops)
    {
        total += count;
    }
    return total;
}

uint64_t
IkeDaemon::GetRetransmissionCount() const
{
    return m_stats.retransmissions;
}

uint64_t
IkeDaemon::GetCachedResponseCount() const
{
    return m_stats.cachedResponses;
}

void
IkeDaemon::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_UNLESS(m_dataPlane && !m_configs.empty(),
                        "IkeDaemon started without Configure() or AddConnection()");
    m_transport.Open(GetNode(),
                     m_configs.front()->localAddress,
                     MakeCallback(&IkeDaemon::HandleDatagram, this),
                     MakeCallback(&IkeDaemon::IsFloated, this));
    m_saManager.StartCookies(m_stream, m_cookieSecretLifetime);
    m_saApi->SetAcquireCallback(MakeCallback(&IkeDaemon::HandleAcquire, this));
    m_saApi->SetExpireCallback(MakeCallback(&IkeDaemon::HandleExpire, this));
    m_cpus = GetNode()->GetObject<CpuModel>();
    if (m_cpus)
    {
        if (m_controlCore >= static_cast<int32_t>(m_cpus->GetNCores()))
        {
            NS_FATAL_ERROR("IkeDaemon: ControlCore " << m_controlCore << " is not a core of node "
                                                     << GetNode()->GetId() << ": expected -1 to "
                                                     << m_cpus->GetNCores() - 1);
        }
        if (!m_cryptoCost)
        {
            m_cryptoCost = CreateObject<IkeCryptoCost>();
        }
        m_meter.Enable(m_cryptoCost, m_cpus->GetCostModel());
    }
    for (uint32_t i = 0; i < m_configs.size(); i++)
    {
        if (m_configs[i]->startAction == IkeStartAction::START)
        {
            Initiate(i);
        }
    }
}

void
IkeDaemon::StopApplication()
{
    NS_LOG_FUNCTION(this);
    for (const auto& [spi, session] : m_saManager.GetAll())
    {
        session->Stop();
    }
    m_transport.Close();
}

void
IkeDaemon::HandleAcquire(const AcquireEvent& event)
{
    NS_LOG_FUNCTION(this << event.reqid << event.cpu);
    for (uint32_t i = 0; i < m_configs.size(); i++)
    {
        if (m_configs[i]->reqid != event.reqid)
        {
            continue;
        }
        IkeSession* session = FindLiveSession(i);
        if (!session)
        {
            if (m_configs[i]->startAction != IkeStartAction::NONE)
            {
                Initiate(i);
            }
        }
        else
        {
            session->HandleAcquire(event);
        }
        return;
    }
}

void
IkeDaemon::HandleExpire(const ExpireEvent& event)
{
    NS_LOG_FUNCTION(this << event.spi << event.hard);
    for (const auto& [spi, session] : m_saManager.GetAll())
    {
        if (session->FindChildSaBySpi(event.spi))
        {
            session->HandleExpire(event);
            return;
        }
    }
}

void
IkeDaemon::Initiate(uint32_t index)
{
    NS_LOG_FUNCTION(this << index);
    NS_ABORT_MSG_UNLESS(index < m_configs.size(), "IkeDaemon: no connection " << index);
    if (FindLiveSession(index))
    {
        return;
    }
    const IkePeerConfig& config = *m_configs[index];
    auto sa = std::make_unique<IkeSa>(config, true, m_stream);
    uint64_t spi = sa->RandomSpi();
    while (m_saManager.Contains(spi))
    {
        spi = sa->RandomSpi();
    }
    sa->SetInitiatorSpi(spi);
    IkeSession& session = AddSession(std::make_unique<IkeSession>(*this, config, std::move(sa)));
    session.Queue(std::make_unique<IkeSaInitTask>());
    session.Queue(std::make_unique<IkeAuthTask>());
}

bool
IkeDaemon::CloseIkeSa(uint32_t index)
{
    NS_ABORT_MSG_UNLESS(index < m_configs.size(), "IkeDaemon: no connection " << index);
    IkeSession* session = FindLiveSession(index);
    if (!session)
    {
        return false;
    }
    session->Delete();
    return true;
}

bool
IkeDaemon::DeleteChildSa(uint32_t inboundSpi)
{
    for (const auto& [spi, session] : m_saManager.GetAll())
    {
        if (session->FindChildSa(inboundSpi))
        {
            return session->DeleteChildSa(inboundSpi);
        }
    }
    return false;
}

bool
IkeDaemon::CreateChildSa(uint32_t index, std::unique_ptr<IkeCreateChildSaTask> task)
{
    NS_ABORT_MSG_UNLESS(index < m_configs.size(), "IkeDaemon: no connection " << index);
    IkeSession* session = FindLiveSession(index);
    if (!session || session->GetSa().GetState() != IkeSaState::ESTABLISHED)
    {
        return false;
    }
    session->Queue(task ? std::move(task) : IkeCreateChildSaTask::ForNewChildSa());
    return true;
}

bool
IkeDaemon::RekeyChildSa(uint32_t inboundSpi)
{
    for (const auto& [spi, session] : m_saManager.GetAll())
    {
        if (session->FindChildSa(inboundSpi))
        {
            return session->RekeyChildSa(inboundSpi);
        }
    }
    return false;
}

bool
IkeDaemon::RekeyIkeSa(uint32_t index)
{
    NS_ABORT_MSG_UNLESS(index < m_configs.size(), "IkeDaemon: no connection " << index);
    IkeSession* session = FindLiveSession(index);
    if (!session)
    {
        return false;
    }
    session->RekeyIkeSa();
    return true;
}

IkeSession*
IkeDaemon::FindSession(uint64_t localSpi)
{
    return m_saManager.Find(localSpi);
}

uint64_t
IkeDaemon::NewLocalSpi(IkeSa& sa) const
{
    uint64_t spi = sa.RandomSpi();
    while (m_saManager.Contains(spi))
    {
        spi = sa.RandomSpi();
    }
    return spi;
}

IkeSession&
IkeDaemon::AddSession(std::unique_ptr<IkeSession> session)
{
    return m_saManager.Add(std::move(session));
}

void
IkeDaemon::RemoveSession(uint64_t localSpi)
{
    m_saManager.Remove(localSpi);
}

bool
IkeDaemon::IsFloated(uint64_t localSpi) const
{
    const IkeSession* session = m_saManager.Find(localSpi);
    return session && session->GetSa().UsesNatTraversalPort();
}

IkeCryptoMeter&
IkeDaemon::GetCryptoMeter()
{
    return m_meter;
}

const IkeCryptoMeter&
IkeDaemon::GetCryptoMeter() const
{
    return m_meter;
}

Time
IkeDaemon::GetCpuTime() const
{
    return m_cpuTime;
}

Ptr<CpuCore>
IkeDaemon::ChooseControlCore() const
{
    if (m_controlCore >= 0)
    {
        return m_cpus->GetCore(static_cast<uint32_t>(m_controlCore));
    }
    // Least loaded: fewest jobs in service or waiting; the lowest index on a tie.
    Ptr<CpuCore> best;
    uint32_t bestLoad = 0;
    for (const Ptr<CpuCore>& core : m_cpus->GetCores())
    {
        uint32_t load = core->GetQueueLength() + (core->IsBusy() ? 1 : 0);
        if (!best || load < bestLoad)
        {
            best = core;
            bestLoad = load;
        }
    }
    return best;
}

bool
IkeDaemon::RunCryptoWork(Time work, Callback<void> done)
{
    Ptr<CpuCore> core = ChooseControlCore();
    if (!core->Enqueue(work, done.IsNull() ? Callback<void>([]() {}) : done))
    {
        // The core refuses work like a full backlog refuses packets; what the work would
        // have sent is lost, and the peer retransmits.
        Drop("cpu backlog full", "core " + std::to_string(core->GetIndex()));
        return false;
    }
    m_cpuTime += work;
    m_stats.cpuSeconds += work.GetSeconds();
    m_cpuWorkTrace(work, core->GetIndex());
    return true;
}

void
IkeDaemon::ChargeRemainingWork()
{
    if (!m_cpus)
    {
        return;
    }
    Time pending = m_meter.TakePending();
    if (pending.IsStrictlyPositive())
    {
        RunCryptoWork(pending, Callback<void>());
    }
}

void
IkeDaemon::Send(const IkePeerConfig& config, const Bytes& data)
{
    if (!m_transport.IsOpen())
    {
        return;
    }
    if (m_cpus)
    {
        // The message leaves when a core has done the crypto work that produced it; the
        // daemon is kept alive (and the octets copied) until then.
        Ptr<IkeDaemon> self(this);
        const IkePeerConfig* peer = &config;
        RunCryptoWork(m_meter.TakePending(),
                      Callback<void>([self, peer, data]() { self->Transmit(*peer, data); }));
        return;
    }
    Transmit(config, data);
}

void
IkeDaemon::Transmit(const IkePeerConfig& config, const Bytes& data)
{
    if (!m_transport.IsOpen())
    {
        return;
    }
    m_txTrace(data);
    m_transport.Send(config.peerAddress, data);
}

void
IkeDaemon::Drop(const std::string& reason, const std::string& detail)
{
    NS_LOG_INFO("drop: " << reason << ": " << detail);
    m_stats.drops[reason]++;
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
    (sent ? m_stats.errorsSent : m_stats.errorsReceived)[ToString(error)]++;
    m_errorTrace(static_cast<uint16_t>(error), sent);
}

void
IkeDaemon::NoteRetransmission(uint32_t tries, const Bytes& request)
{
    m_stats.retransmissions++;
    m_retransmitTrace(tries, request);
}

void
IkeDaemon::NoteCachedResponse()
{
    m_stats.cachedResponses++;
}

void
IkeDaemon::NoteEstablished(const IkeSession& session)
{
    m_saManager.ForgetHalfOpen(session.GetLocalSpi());
    m_stats.ikeSasEstablished++;
    m_establishedTrace(session.GetSa().GetInitiatorSpi(), session.GetSa().GetResponderSpi());
}

void
IkeDaemon::NoteKeys(const IkeSa& sa)
{
    if (m_recordKeys && (sa.IsInitiator() || m_recordResponderKeys))
    {
        m_keyLog.push_back(
            {sa.GetInitiatorSpi(), sa.GetResponderSpi(), sa.GetSuite(), sa.GetKeys()});
    }
}

const std::vector<IkeKeyRecord>&
IkeDaemon::GetKeyLog() const
{
    return m_keyLog;
}

void
IkeDaemon::NoteChildSa(const IkeChildSa& child)
{
    m_stats.childSasInstalled++;
    if (child.perResource)
    {
        m_stats.perResourceSas++;
    }
    m_childSaTrace(child);
}

void
IkeDaemon::HandleDatagram(const Bytes& data, Ipv4Address from, uint16_t fromPort, uint16_t port)
{
    m_rxTrace(data);
    // Peers send from the port they send to (500, or 4500 after NAT detection).
    if (fromPort != port || FindConnection(from) < 0)
    {
        Drop("unknown peer", "");
        return;
    }
    HandleMessage(from, data, port);
    ChargeRemainingWork();
}

void
IkeDaemon::HandleMessage(Ipv4Address from, const Bytes& data, uint16_t port)
{
    IkeMessage message;
    IkeParseStatus status = IkeMessage::Parse(data, message);
    if (!status.IsOk())
    {
        Drop("malformed", status.ToString());
        return;
    }
    const IkeHeader& header = message.GetHeader();
    if (!header.IsResponse() && header.GetExchangeType() == IkeExchangeType::IKE_SA_INIT)
    {
        if (port != IKE_PORT)
        {
            // Our initiators start on port 500; NAT detection here assumes it.
            Drop("unexpected request", "IKE_SA_INIT on port " + std::to_string(port));
            return;
        }
        HandleInitRequest(from, message);
        return;
    }
    // The original initiator sets the I flag: if the sender did, we hold SPIr.
    uint64_t localSpi = header.IsInitiator() ? header.GetResponderSpi() : header.GetInitiatorSpi();
    IkeSession* session = m_saManager.Find(localSpi);
    if (!session || session->GetConfig().peerAddress != from)
    {
        Drop("unknown IKE SA", message.ToString());
        return;
    }
    IkeSa& sa = session->GetSa();
    if (port == NAT_T_PORT && !sa.UsesNatTraversalPort() && sa.GetNatState().Any())
    {
        // The peer floated after NAT detection (RFC 7296 2.23): answer and send there too.
        // Only for an IKE SA that saw a NAT, so that a stray datagram cannot move others.
        NS_LOG_INFO("IKE SA " << localSpi << " floats to port " << port);
        sa.FloatToNatTraversalPort();
    }
    if (header.IsResponse())
    {
        session->HandleResponse(message);
    }
    else
    {
        session->HandleRequest(message);
    }
}

void
IkeDaemon::HandleInitRequest(Ipv4Address from, IkeMessage& message)
{
    const IkeHeader& header = message.GetHeader();
    if (header.GetMessageId() != 0 || header.GetResponderSpi() != 0 || !header.IsInitiator()
        || message.IsEncrypted())
    {
        Drop("unexpected request", message.ToString());
        return;
    }
    if (IkeSession* known = m_saManager.FindResponder(from, header.GetInitiatorSpi()))
    {
        if (known->GetSa().GetInitRequest() == message.GetReceivedBytes())
        {
            // Our IKE_SA_INIT response, even if a later response has been cached since.
            NoteCachedResponse();
            Send(known->GetConfig(), known->GetSa().GetInitResponse());
        }
        else
        {
            Drop("unexpected request", "another IKE_SA_INIT with a known SPI");
        }
        return;
    }
    Bytes cookieResponse;
    std::string detail;
    switch (m_saManager.Admit(
        from, message, m_cookieThreshold, m_blockThreshold, cookieResponse, detail))
    {
        case IkeSaManager::Admission::COOKIE:
            Send(*m_configs[FindConnection(from)], cookieResponse);
            return;
        case IkeSaManager::Admission::BLOCK:
            Drop("half-open limit", detail);
            return;
        case IkeSaManager::Admission::ADMIT:
            break;
    }
    // Both ends may initiate at once: each answers the other, and two IKE SAs come up (RFC
    // 7296 allows it; strongSwan does the same unless told to keep unique IKE SAs).
    const IkePeerConfig& config = *m_configs[FindConnection(from)];
    auto sa = std::make_unique<IkeSa>(config, false, m_stream);
    sa->SetInitiatorSpi(header.GetInitiatorSpi());
    auto session = std::make_unique<IkeSession>(*this, config, std::move(sa));
    if (!session->RespondToInit(message))
    {
        return;
    }
    if (m_saManager.Contains(session->GetLocalSpi()))
    {
        Drop("unexpected request", "local SPI collision");
        return;
    }
    uint64_t localSpi = session->GetLocalSpi();
    AddSession(std::move(session));
    m_saManager.AddHalfOpen(localSpi, from, m_halfOpenTimeout);
}

uint32_t
IkeDaemon::GetHalfOpenCount() const
{
    return m_saManager.GetHalfOpenCount();
}

bool
IkeDaemon::IsNatDetected(uint32_t index) const
{
    const IkeSession* session = GetSession(index);
    return session && session->GetSa().GetNatState().Any();
}

void
IkeDaemon::NoteNatDetection(const IkeSession& session)
{
    const IkeSa& sa = session.GetSa();
    if (sa.GetNatState().Any())
    {
        m_stats.natDetected++;
    }
    m_natTrace(sa.GetInitiatorSpi(), sa.GetResponderSpi(), sa.GetNatState());
}

} // namespace ns3
