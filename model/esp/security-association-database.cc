/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "security-association-database.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace ns3
{

uint64_t
SecurityAssociationDatabase::OutboundKey(Ipv4Address destination, uint32_t spi)
{
    return (uint64_t{destination.Get()} << 32) | spi;
}

uint64_t
SecurityAssociationDatabase::CpuKey(uint32_t reqid, uint32_t cpu)
{
    return (uint64_t{reqid} << 32) | cpu;
}

Ptr<IpsecSa>
SecurityAssociationDatabase::Newest(const std::vector<Ptr<IpsecSa>>& sas)
{
    for (auto sa = sas.rbegin(); sa != sas.rend(); ++sa)
    {
        if (!(*sa)->IsHardExpired())
        {
            return *sa;
        }
    }
    return nullptr;
}

void
SecurityAssociationDatabase::Erase(std::unordered_map<uint64_t, std::vector<Ptr<IpsecSa>>>& index,
                                   uint64_t key,
                                   const Ptr<IpsecSa>& sa)
{
    auto it = index.find(key);
    if (it == index.end())
    {
        return;
    }
    auto& list = it->second;
    list.erase(std::remove(list.begin(), list.end(), sa), list.end());
    if (list.empty())
    {
        index.erase(it);
    }
}

void
SecurityAssociationDatabase::Add(Ptr<IpsecSa> sa)
{
    const SaParams& p = sa->Params();
    if (p.direction == SaDirection::INBOUND)
    {
        if (!m_inbound.emplace(p.spi, sa).second)
        {
            throw std::invalid_argument("inbound SPI " + std::to_string(p.spi)
                                        + " is already installed");
        }
        return;
    }
    if (!m_outbound.emplace(OutboundKey(p.tunnelDestination, p.spi), sa).second)
    {
        throw std::invalid_argument("outbound SPI " + std::to_string(p.spi)
                                    + " is already installed for this destination");
    }
    m_outboundByReqid[p.reqid].push_back(sa);
    m_outboundByCpu[CpuKey(p.reqid, p.cpu)].push_back(sa);
}

Ptr<IpsecSa>
SecurityAssociationDatabase::FindInbound(uint32_t spi) const
{
    auto it = m_inbound.find(spi);
    return it == m_inbound.end() ? nullptr : it->second;
}

Ptr<IpsecSa>
SecurityAssociationDatabase::FindOutbound(Ipv4Address destination, uint32_t spi) const
{
    auto it = m_outbound.find(OutboundKey(destination, spi));
    return it == m_outbound.end() ? nullptr : it->second;
}

Ptr<IpsecSa>
SecurityAssociationDatabase::SelectOutbound(uint32_t reqid) const
{
    auto it = m_outboundByReqid.find(reqid);
    return it == m_outboundByReqid.end() ? nullptr : Newest(it->second);
}

Ptr<IpsecSa>
SecurityAssociationDatabase::SelectOutbound(uint32_t reqid, uint32_t cpu) const
{
    auto it = m_outboundByCpu.find(CpuKey(reqid, cpu));
    return it == m_outboundByCpu.end() ? nullptr : Newest(it->second);
}

bool
SecurityAssociationDatabase::Remove(const Ptr<IpsecSa>& sa)
{
    const SaParams& p = sa->Params();
    if (p.direction == SaDirection::INBOUND)
    {
        auto it = m_inbound.find(p.spi);
        if (it == m_inbound.end() || it->second != sa)
        {
            return false;
        }
        m_inbound.erase(it);
        return true;
    }
    auto it = m_outbound.find(OutboundKey(p.tunnelDestination, p.spi));
    if (it == m_outbound.end() || it->second != sa)
    {
        return false;
    }
    m_outbound.erase(it);
    Erase(m_outboundByReqid, p.reqid, sa);
    Erase(m_outboundByCpu, CpuKey(p.reqid, p.cpu), sa);
    return true;
}

void
SecurityAssociationDatabase::Clear()
{
    m_inbound.clear();
    m_outbound.clear();
    m_outboundByReqid.clear();
    m_outboundByCpu.clear();
}

std::vector<Ptr<IpsecSa>>
SecurityAssociationDatabase::All() const
{
    std::vector<Ptr<IpsecSa>> all;
    all.reserve(Size());
    for (const auto& [spi, sa] : m_inbound)
    {
        all.push_back(sa);
    }
    for (const auto& [key, sa] : m_outbound)
    {
        all.push_back(sa);
    }
    // Hash-map order is not portable; sort so that outputs built from this are deterministic.
    std::sort(all.begin(),
              all.end(),
              [](const Ptr<IpsecSa>& a, const Ptr<IpsecSa>& b)
              {
                  const SaParams& pa = a->Params();
                  const SaParams& pb = b->Params();
                  if (pa.direction != pb.direction)
                  {
                      return pa.direction < pb.direction;
                  }
                  if (pa.spi != pb.spi)
                  {
                      return pa.spi < pb.spi;
                  }
                  return pa.tunnelDestination.Get() < pb.tunnelDestination.Get();
              });
    return all;
}

size_t
SecurityAssociationDatabase::Size() const
{
    return m_inbound.size() + m_outbound.size();
}

} // namespace ns3
