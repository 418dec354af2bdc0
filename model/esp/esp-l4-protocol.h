/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ESP_L4_PROTOCOL_H
#define ESP_L4_PROTOCOL_H

#include "ns3/ip-l4-protocol.h"

namespace ns3
{

class IpsecDataPlane;

/**
 * \ingroup ipsec
 * \brief Hands IP protocol 50 (ESP) to the node's IpsecDataPlane; inserted into Ipv4L3Protocol
 * like UDP or TCP, so that ns-3's internet module needs no change.
 */
class EspL4Protocol : public IpL4Protocol
{
  public:
    static constexpr uint8_t PROT_NUMBER = 50; //!< IANA protocol number of ESP

    static TypeId GetTypeId();

    /// Sets where received ESP packets go.
    void SetDataPlane(Ptr<IpsecDataPlane> dataPlane);

    int GetProtocolNumber() const override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv4Header& header,
                     Ptr<Ipv4Interface> incomingInterface) override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv6Header& header,
                     Ptr<Ipv6Interface> incomingInterface) override;
    void SetDownTarget(DownTargetCallback cb) override;
    void SetDownTarget6(DownTargetCallback6 cb) override;
    DownTargetCallback GetDownTarget() const override;
    DownTargetCallback6 GetDownTarget6() const override;

  protected:
    void DoDispose() override;

  private:
    Ptr<IpsecDataPlane> m_dataPlane;
    DownTargetCallback m_downTarget;
    DownTargetCallback6 m_downTarget6;
};

} // namespace ns3

#endif // ESP_L4_PROTOCOL_H
