/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-helper.h"

#include "node-locality.h"
#include "wireshark-ike-key-table.h"

#include "ns3/boolean.h"
#include "ns3/cpu-model.h"
#include "ns3/log.h"
#include "ns3/per-cpu-sa-selection.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeHelper");

IkeHelper::IkeHelper()
    : m_psk({'n', 's', '-', '3', ' ', 'i', 'p', 's', 'e', 'c', ' ', 'p', 's', 'k'})
    , m_ikeProposals({IkeSuite{}})
    , m_espProposals({CipherSuite::FromKeyword("aes128gcm16")})
    , m_startAction(IkeStartAction::START)
{
    m_factory.SetTypeId(IkeDaemon::GetTypeId());
    m_perResource.SetTypeId(IkePerResourceConfig::GetTypeId());
}

void
IkeHelper::SetPsk(const Bytes& psk)
{
    m_psk = psk;
}

void
IkeHelper::SetIkeProposals(const std::vector<IkeSuite>& proposals)
{
    m_ikeProposals = proposals;
}

void
IkeHelper::SetEspProposals(const std::vector<CipherSuite>& proposals)
{
    m_espProposals = proposals;
}

void
IkeHelper::SetStartAction(IkeStartAction action)
{
    m_startAction = action;
}

void
IkeHelper::SetPerResourceAttribute(const std::string& name, const AttributeValue& value)
{
    m_perResource.Set(name, value);
}

void
IkeHelper::SetSharedInterface(Ptr<Node> gateway, Ipv4Address network, Ipv4Mask mask)
{
    m_tunnels.SetSharedInterface(gateway, network, mask);
}

void
IkeHelper::SetDaemonAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

IkePeerConfig
IkeHelper::MakeConfig(const IpsecTunnelEnd& local,
                      const IpsecTunnelEnd& remote,
                      const IpsecTunnelSide& side,
                      IkeStartAction action,
                      Ptr<IkePerResourceConfig> perResource) const
{
    IkePeerConfig config;
    config.localAddress = local.outerAddress;
    config.peerAddress = remote.outerAddress;
    config.localId = local.outerAddress;
    config.remoteId = remote.outerAddress;
    config.psk = m_psk;
    config.ikeProposals = m_ikeProposals;
    config.espProposals = m_espProposals;
    config.localTs = TrafficSelector::FromPrefix(local.subnet, local.mask);
    config.remoteTs = TrafficSelector::FromPrefix(remote.subnet, remote.mask);
    config.startAction = action;
    config.interfaceId = side.interfaceId;
    config.reqid = side.reqid;
    config.perResource = perResource;
    if (Ptr<CpuModel> cpus = local.gateway->GetObject<CpuModel>())
    {
        config.cpuCount = cpus->GetNCores();
    }
    return config;
}

IkeTunnel
IkeHelper::Install(const IpsecTunnelEnd& a, const IpsecTunnelEnd& b)
{
    IkeTunnel result;
    Ptr<IkePerResourceConfig> perResourceA = m_perResource.Create<IkePerResourceConfig>();
    Ptr<IkePerResourceConfig> perResourceB = m_perResource.Create<IkePerResourceConfig>();
    if (perResourceA->IsEnabled() || perResourceB->IsEnabled())
    {
        // Without per-CPU selection the data plane raises no per-CPU acquire and ignores
        // the CPU binding of the SAs.
        m_tunnels.SetSaSelection(PerCpuSaSelection::GetTypeId());
    }
    result.tunnel.a = m_tunnels.PrepareSide(a, b);
    result.tunnel.b = m_tunnels.PrepareSide(b, a);
    result.initiator = DaemonFor(a.gateway, result.tunnel.a.dataPlane);
    result.initiator->AddConnection(MakeConfig(a, b, result.tunnel.a, m_startAction, perResourceA));
    result.responder = DaemonFor(b.gateway, result.tunnel.b.dataPlane);
    result.responder->AddConnection(
        MakeConfig(b, a, result.tunnel.b, IkeStartAction::NONE, perResourceB));
    return result;
}

Ptr<IkeDaemon>
IkeHelper::InstallToExternalPeer(const IpsecTunnelEnd& local,
                                 const IpsecTunnelEnd& remote,
                                 bool initiate)
{
    NodeLocality::RequireSingleProcess("IkeHelper::InstallToExternalPeer",
                                       "a real peer needs the real-time simulator");
    Ptr<IkePerResourceConfig> perResource = m_perResource.Create<IkePerResourceConfig>();
    if (perResource->IsEnabled())
    {
        m_tunnels.SetSaSelection(PerCpuSaSelection::GetTypeId());
    }
    IpsecTunnelSide side = m_tunnels.PrepareSide(local, remote);
    Ptr<IkeDaemon> daemon = DaemonFor(local.gateway, side.dataPlane);
    daemon->SetAttribute("RecordResponderKeys", BooleanValue(true));
    daemon->AddConnection(MakeConfig(
        local, remote, side, initiate ? m_startAction : IkeStartAction::NONE, perResource));
    return daemon;
}

Ptr<IkeDaemon>
IkeHelper::DaemonFor(Ptr<Node> gateway, Ptr<IpsecDataPlane> dataPlane)
{
    for (const auto& daemon : m_daemons)
    {
        if (daemon->GetNode() == gateway)
        {
            return daemon;
        }
    }
    Ptr<IkeDaemon> daemon = m_factory.Create<IkeDaemon>();
    daemon->SetDataPlane(dataPlane);
    if (NodeLocality::IsLocal(gateway))
    {
        gateway->AddApplication(daemon);
    }
    else
    {
        // Another process runs this gateway: keep the daemon configured (the same tunnels and
        // streams in every process) but never start it, or both processes would speak for it.
        daemon->SetNode(gateway);
    }
    m_daemons.push_back(daemon);
    return daemon;
}

WiresharkIkeKeyTable
IkeHelper::MakeIkeKeyTable() const
{
    NodeLocality::RequireSingleProcess(
        "IkeHelper's IKE key table",
        "it needs the keys of every daemon, and each process holds only its own");
    WiresharkIkeKeyTable table;
    for (const auto& daemon : m_daemons)
    {
        // Each IKE SA once: from the side that initiated it (or its rekey).
        for (const IkeKeyRecord& record : daemon->GetKeyLog())
        {
            table.Add(record.spiI, record.spiR, record.suite.encr, record.keys);
        }
    }
    return table;
}

std::vector<std::string>
IkeHelper::IkeKeyTableRows() const
{
    return MakeIkeKeyTable().GetRows();
}

void
IkeHelper::WriteIkeKeyTable(const std::string& path) const
{
    MakeIkeKeyTable().Write(path);
}

int64_t
IkeHelper::AssignStreams(int64_t stream)
{
    int64_t used = 0;
    for (const auto& daemon : m_daemons)
    {
        used += daemon->AssignStreams(stream + used);
    }
    return used;
}

} // namespace ns3
