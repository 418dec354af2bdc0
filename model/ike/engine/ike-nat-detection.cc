/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-nat-detection.h"

#include "ike-sa.h"

#include "ns3/ike-notify-payload.h"
#include "ns3/log.h"

#include <cryptopp/sha.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeNatDetection");

Bytes
IkeNatDetection::Hash(uint64_t spiI, uint64_t spiR, Ipv4Address address, uint16_t port)
{
    uint8_t input[8 + 8 + 4 + 2];
    for (int i = 0; i < 8; ++i)
    {
        input[i] = static_cast<uint8_t>(spiI >> (56 - 8 * i));
        input[8 + i] = static_cast<uint8_t>(spiR >> (56 - 8 * i));
    }
    address.Serialize(input + 16);
    input[20] = static_cast<uint8_t>(port >> 8);
    input[21] = static_cast<uint8_t>(port);
    Bytes hash(HASH_SIZE);
    CryptoPP::SHA1().CalculateDigest(hash.data(), input, sizeof(input));
    return hash;
}

void
IkeNatDetection::AddNotifies(IkeSa& sa, IkeMessage& message, uint64_t spiR, uint16_t port)
{
    const IkePeerConfig& config = sa.GetConfig();
    uint64_t spiI = sa.GetInitiatorSpi();
    // strongSwan's encap = yes (generate_natd_hash_faked): a random source hash makes the peer
    // believe this side is behind a NAT, and both ends then encapsulate.
    Bytes source = config.forceEncap ? sa.RandomBytes(HASH_SIZE)
                                     : Hash(spiI, spiR, config.localAddress, port);
    message.AddPayload(IkeNotifyPayload(IkeNotifyType::NAT_DETECTION_SOURCE_IP, source));
    message.AddPayload(IkeNotifyPayload(IkeNotifyType::NAT_DETECTION_DESTINATION_IP,
                                        Hash(spiI, spiR, config.peerAddress, port)));
}

IkeNatState
IkeNatDetection::Check(const IkeSa& sa, const IkeMessage& message, uint64_t spiR, uint16_t port)
{
    const IkePeerConfig& config = sa.GetConfig();
    uint64_t spiI = sa.GetInitiatorSpi();
    IkeNatState state;
    std::vector<const IkeNotifyPayload*> sources;
    const IkeNotifyPayload* destination = nullptr;
    for (const IkeNotifyPayload* notify : message.FindAll<IkeNotifyPayload>())
    {
        if (notify->GetNotifyType() == IkeNotifyType::NAT_DETECTION_SOURCE_IP)
        {
            sources.push_back(notify); // one per address of a multihomed sender
        }
        else if (notify->GetNotifyType() == IkeNotifyType::NAT_DETECTION_DESTINATION_IP)
        {
            destination = notify;
        }
    }
    if (sources.empty() || !destination)
    {
        // RFC 7296 2.23: detection needs both; strongSwan then assumes no NAT.
        return state;
    }
    state.supported = true;
    Bytes expectedSource = Hash(spiI, spiR, config.peerAddress, port);
    bool sourceMatched = false;
    for (const IkeNotifyPayload* source : sources)
    {
        sourceMatched = sourceMatched || source->GetData() == expectedSource;
    }
    bool destinationMatched = destination->GetData() == Hash(spiI, spiR, config.localAddress, port);
    state.here = !destinationMatched;
    state.there = !sourceMatched;
    // strongSwan sets COND_NAT_FAKE when it sees no NAT but forces encapsulation itself.
    state.faked = !state.here && !state.there && config.forceEncap;
    NS_LOG_INFO("NAT detection: here " << state.here << " there " << state.there << " faked "
                                       << state.faked);
    return state;
}

} // namespace ns3
