/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-helper.h"

#include "wireshark-ike-key-table.h"

#include "ns3/log.h"

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
IkeHelper::SetDaemonAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

IkePeerConfig
IkeHelper::MakeConfig(const IpsecTunnelEnd& local,
                      const IpsecTunnelEnd& remote,
                      const IpsecTunnelSide& side,
                      IkeStartAction action) const
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
    config.reqid = side.interfaceId;
    return config;
}

IkeTunnel
IkeHelper::Install(const IpsecTunnelEnd& a, const IpsecTunnelEnd& b)
{
    IkeTunnel result;
    result.tunnel.a = m_tunnels.PrepareSide(a, b);
    result.tunnel.b = m_tunnels.PrepareSide(b, a);
    result.initiator = m_factory.Create<IkeDaemon>();
    result.initiator->Configure(MakeConfig(a, b, result.tunnel.a, m_startAction),
                                result.tunnel.a.dataPlane);
    a.gateway->AddApplication(result.initiator);
    result.responder = m_factory.Create<IkeDaemon>();
    result.responder->Configure(MakeConfig(b, a, result.tunnel.b, IkeStartAction::NONE),
                                result.tunnel.b.dataPlane);
    b.gateway->AddApplication(result.responder);
    m_daemons.push_back(result.initiator);
    m_daemons.push_back(result.responder);
    return result;
}

WiresharkIkeKeyTable
IkeHelper::MakeIkeKeyTable() const
{
    WiresharkIkeKeyTable table;
    for (const auto& daemon : m_daemons)
    {
        const IkeSa* sa = daemon->GetIkeSa();
        if (sa && sa->IsInitiator() && sa->HasKeys())
        {
            table.Add(
                sa->GetInitiatorSpi(), sa->GetResponderSpi(), sa->GetSuite().encr, sa->GetKeys());
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
