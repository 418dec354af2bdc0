/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-test-messages.h"

#include "ns3/ike-auth-payload.h"
#include "ns3/ike-delete-payload.h"
#include "ns3/ike-id-payload.h"
#include "ns3/ike-ke-payload.h"
#include "ns3/ike-nonce-payload.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-sa-payload.h"
#include "ns3/ike-ts-payload.h"
#include "ns3/ike-vendor-id-payload.h"

#include <stdexcept>

namespace ns3
{
namespace iketest
{

namespace
{

IkeHeader
MakeHeader(IkeExchangeType exchange, uint32_t messageId, bool initiator, bool response)
{
    IkeHeader header;
    header.SetInitiatorSpi(SPI_I);
    header.SetResponderSpi(exchange == IkeExchangeType::IKE_SA_INIT && !response ? 0 : SPI_R);
    header.SetExchangeType(exchange);
    header.SetMessageId(messageId);
    header.SetInitiator(initiator);
    header.SetResponse(response);
    return header;
}

Bytes
Pattern(size_t size, uint8_t seed)
{
    Bytes bytes(size);
    for (size_t i = 0; i < size; ++i)
    {
        bytes[i] = static_cast<uint8_t>(seed + 31 * i);
    }
    return bytes;
}

std::vector<TrafficSelector>
Subnet(const char* prefix)
{
    return {TrafficSelector::FromPrefix(Ipv4Address(prefix), Ipv4Mask("255.255.0.0"))};
}

} // namespace

Bytes
MakeNonce(uint8_t first)
{
    Bytes nonce(32);
    for (size_t i = 0; i < nonce.size(); ++i)
    {
        nonce[i] = static_cast<uint8_t>(first + i);
    }
    return nonce;
}

IkeMessage
MakeSaInitRequest()
{
    IkeMessage message;
    message.SetHeader(MakeHeader(IkeExchangeType::IKE_SA_INIT, 0, true, false));
    IkeSaPayload sa;
    sa.AddProposal(IkeProposal::ForIke(1,
                                       CipherSuite::FromKeyword("aes256gcm16"),
                                       PrfAlgorithm::HMAC_SHA2_256,
                                       DhGroup::CURVE25519));
    sa.AddProposal(IkeProposal::ForIke(2,
                                       CipherSuite::FromKeyword("aes256-sha256"),
                                       PrfAlgorithm::HMAC_SHA2_256,
                                       DhGroup::ECP_256));
    message.AddPayload(sa);
    message.AddPayload(IkeKePayload(DhGroup::CURVE25519, Pattern(32, 1)));
    message.AddPayload(IkeNoncePayload(MakeNonce(0x10)));
    message.AddPayload(IkeNotifyPayload(IkeNotifyType::NAT_DETECTION_SOURCE_IP, Pattern(20, 2)));
    message.AddPayload(
        IkeNotifyPayload(IkeNotifyType::NAT_DETECTION_DESTINATION_IP, Pattern(20, 3)));
    return message;
}

IkeMessage
MakeSaInitResponse()
{
    IkeMessage message;
    message.SetHeader(MakeHeader(IkeExchangeType::IKE_SA_INIT, 0, false, true));
    message.AddPayload(IkeSaPayload({IkeProposal::ForIke(1,
                                                         CipherSuite::FromKeyword("aes256gcm16"),
                                                         PrfAlgorithm::HMAC_SHA2_256,
                                                         DhGroup::CURVE25519)}));
    message.AddPayload(IkeKePayload(DhGroup::CURVE25519, Pattern(32, 4)));
    message.AddPayload(IkeNoncePayload(MakeNonce(0x30)));
    message.AddPayload(IkeNotifyPayload(IkeNotifyType::NAT_DETECTION_SOURCE_IP, Pattern(20, 5)));
    message.AddPayload(
        IkeNotifyPayload(IkeNotifyType::NAT_DETECTION_DESTINATION_IP, Pattern(20, 6)));
    message.AddPayload(IkeVendorIdPayload(Pattern(16, 7)));
    return message;
}

IkeMessage
MakeAuthRequest()
{
    IkeMessage message;
    message.SetHeader(MakeHeader(IkeExchangeType::IKE_AUTH, 1, true, false));
    message.AddEncryptedPayload(IkeIdPayload::FromFqdn(IkePayloadType::IDI, "gw1.example"));
    message.AddEncryptedPayload(
        IkeIdPayload::FromIpv4(IkePayloadType::IDR, Ipv4Address("10.0.0.2")));
    message.AddEncryptedPayload(IkeAuthPayload(IkeAuthMethod::SHARED_KEY_MIC, Pattern(32, 8)));
    message.AddEncryptedPayload(IkeNotifyPayload::SaResourceInfo());
    message.AddEncryptedPayload(IkeSaPayload(
        {IkeProposal::ForEsp(1, 0xc0010001, CipherSuite::FromKeyword("aes128gcm16"), false)}));
    message.AddEncryptedPayload(
        IkeTsPayload::FromTrafficSelectors(IkePayloadType::TSI, Subnet("10.1.0.0")));
    message.AddEncryptedPayload(
        IkeTsPayload::FromTrafficSelectors(IkePayloadType::TSR, Subnet("10.2.0.0")));
    return message;
}

IkeMessage
MakeCreateChildSaRequest()
{
    IkeMessage message;
    message.SetHeader(MakeHeader(IkeExchangeType::CREATE_CHILD_SA, 2, true, false));
    message.AddEncryptedPayload(IkeNotifyPayload::RekeySa(0xc0010001));
    message.AddEncryptedPayload(
        IkeSaPayload({IkeProposal::ForEsp(1,
                                          0xc0010002,
                                          CipherSuite::FromKeyword("aes256-sha256"),
                                          true,
                                          static_cast<uint16_t>(DhGroup::CURVE25519))}));
    message.AddEncryptedPayload(IkeNoncePayload(MakeNonce(0x50)));
    message.AddEncryptedPayload(IkeKePayload(DhGroup::CURVE25519, Pattern(32, 9)));
    message.AddEncryptedPayload(
        IkeTsPayload::FromTrafficSelectors(IkePayloadType::TSI, Subnet("10.1.0.0")));
    message.AddEncryptedPayload(
        IkeTsPayload::FromTrafficSelectors(IkePayloadType::TSR, Subnet("10.2.0.0")));
    return message;
}

IkeMessage
MakeDeleteRequest()
{
    IkeMessage message;
    message.SetHeader(MakeHeader(IkeExchangeType::INFORMATIONAL, 3, false, false));
    message.AddEncryptedPayload(IkeDeletePayload(IkeProtocolId::ESP, {0xc0010001, 0xc0010002}));
    message.AddEncryptedPayload(IkeDeletePayload());
    return message;
}

IkeMessage
MakeEmptyInformational()
{
    IkeMessage message;
    message.SetHeader(MakeHeader(IkeExchangeType::INFORMATIONAL, 4, true, true));
    message.EnableEncryption();
    return message;
}

TestIkeSa
MakeTestIkeSa(const std::string& keyword)
{
    TestIkeSa sa;
    sa.suite = CipherSuite::FromKeyword(keyword);
    IkeKeySchedule schedule(PrfAlgorithm::HMAC_SHA2_256, sa.suite);
    sa.keys
        = schedule.DeriveIkeSaKeys(MakeNonce(0x10), MakeNonce(0x30), Pattern(32, 11), SPI_I, SPI_R);
    sa.seal = schedule.CreateCipher(sa.keys, true, CipherRole::SEAL);
    sa.open = schedule.CreateCipher(sa.keys, false, CipherRole::OPEN);
    sa.sealR = schedule.CreateCipher(sa.keys, false, CipherRole::SEAL);
    sa.openI = schedule.CreateCipher(sa.keys, true, CipherRole::OPEN);
    return sa;
}

Bytes
SealRawSk(IkeHeader header,
          IkePayloadType firstType,
          const Bytes& plaintext,
          Cipher& seal,
          const Bytes& iv)
{
    const CipherSuite& suite = seal.Suite();
    if (iv.size() != suite.IvSize())
    {
        throw std::invalid_argument("SealRawSk: IV of the wrong size");
    }
    size_t skLength = 4 + iv.size() + plaintext.size() + suite.IcvSize();
    header.SetNextPayload(IkePayloadType::SK);
    header.SetLength(static_cast<uint32_t>(IkeHeader::SIZE + skLength));
    Bytes out(IkeHeader::SIZE);
    header.Write(out.data());
    out.push_back(static_cast<uint8_t>(firstType));
    out.push_back(0);
    out.push_back(static_cast<uint8_t>(skLength >> 8));
    out.push_back(static_cast<uint8_t>(skLength));
    size_t aadLength = out.size();
    out.insert(out.end(), iv.begin(), iv.end());
    size_t payloadOffset = out.size();
    out.insert(out.end(), plaintext.begin(), plaintext.end());
    out.resize(out.size() + suite.IcvSize());
    seal.Seal(out.data(),
              aadLength,
              out.data() + aadLength,
              out.data() + payloadOffset,
              plaintext.size(),
              nullptr,
              0,
              out.data() + payloadOffset + plaintext.size());
    return out;
}

Bytes
InnerOctets(const IkeMessage& message)
{
    std::vector<const IkePayload*> inner;
    for (const auto& payload : message.GetEncryptedPayload()->GetPayloads())
    {
        inner.push_back(payload.get());
    }
    Bytes out;
    IkePayload::SerializeChain(inner, IkePayloadType::NONE, out);
    return out;
}

std::string
Hex(const Bytes& bytes)
{
    return BytesToHex(bytes);
}

} // namespace iketest
} // namespace ns3
