/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SECURITY_ASSOCIATION_DATABASE_H
#define SECURITY_ASSOCIATION_DATABASE_H

#include "ipsec-sa.h"

#include "ns3/ptr.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The SAD of one node: inbound SAs by SPI, outbound SAs by (destination, SPI) and by
 * reqid, so that packets find their SA in constant time however many SAs there are.
 */
class SecurityAssociationDatabase
{
  public:
    /// Adds \p sa; throws std::invalid_argument if its SPI is taken in that direction.
    void Add(Ptr<IpsecSa> sa);

    /// \return the inbound SA with \p spi, or nullptr.
    Ptr<IpsecSa> FindInbound(uint32_t spi) const;

    /// \return the outbound SA to \p destination with \p spi, or nullptr.
    Ptr<IpsecSa> FindOutbound(Ipv4Address destination, uint32_t spi) const;

    /// \return the newest outbound SA of \p reqid that has not hard-expired, or nullptr. While a
    /// rekey installs a new SA, the newest one carries the traffic (make-before-break).
    Ptr<IpsecSa> SelectOutbound(uint32_t reqid) const;

    /// \return the newest usable outbound SA of \p reqid bound to \p cpu (SaParams::NO_CPU:
    /// the fallback SA), or nullptr.
    Ptr<IpsecSa> SelectOutbound(uint32_t reqid, uint32_t cpu) const;

    /// Removes \p sa; \return whether it was installed.
    bool Remove(const Ptr<IpsecSa>& sa);

    /// \return every installed SA, inbound first, each in installation order of its map.
    std::vector<Ptr<IpsecSa>> All() const;

    /// \return how many SAs are installed (both directions).
    size_t Size() const;

    /// Removes every SA at once (a node going away: no order to keep, no per-SA index upkeep).
    void Clear();

  private:
    static uint64_t OutboundKey(Ipv4Address destination, uint32_t spi);
    static uint64_t CpuKey(uint32_t reqid, uint32_t cpu);
    static Ptr<IpsecSa> Newest(const std::vector<Ptr<IpsecSa>>& sas);
    static void Erase(std::unordered_map<uint64_t, std::vector<Ptr<IpsecSa>>>& index,
                      uint64_t key,
                      const Ptr<IpsecSa>& sa);

    std::unordered_map<uint32_t, Ptr<IpsecSa>> m_inbound;
    std::unordered_map<uint64_t, Ptr<IpsecSa>> m_outbound;
    std::unordered_map<uint64_t, std::vector<Ptr<IpsecSa>>> m_outboundByReqid; //!< oldest first
    std::unordered_map<uint64_t, std::vector<Ptr<IpsecSa>>> m_outboundByCpu;   //!< (reqid, cpu)
};

} // namespace ns3

#endif // SECURITY_ASSOCIATION_DATABASE_H
