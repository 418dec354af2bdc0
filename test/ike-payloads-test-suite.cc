/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// IKEv2 payloads one by one: each serializes to its RFC 7296 / RFC 9611 layout, parses back to
// the same content and serializes to the same octets; the IKE header's fields and octets; and
// every malformed body each payload type must refuse.

#include "ns3/crypto-bytes.h"
#include "ns3/ike-auth-payload.h"
#include "ns3/ike-delete-payload.h"
#include "ns3/ike-header.h"
#include "ns3/ike-id-payload.h"
#include "ns3/ike-ke-payload.h"
#include "ns3/ike-nonce-payload.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-raw-payload.h"
#include "ns3/ike-sa-payload.h"
#include "ns3/ike-ts-payload.h"
#include "ns3/ike-vendor-id-payload.h"
#include "ns3/packet.h"
#include "ns3/test.h"

using namespace ns3;

namespace
{

/// \return \p payload serialized with Next Payload \p next.
Bytes
Wire(const IkePayload& payload, IkePayloadType next = IkePayloadType::NONE)
{
    Bytes out;
    payload.Serialize(next, out);
    return out;
}

/// Parses the body of \p wire (a whole payload) into a fresh payload of \p type.
std::unique_ptr<IkePayload>
Reparse(IkePayloadType type, const Bytes& wire, IkeParseStatus& status)
{
    auto payload = IkePayload::Create(type);
    payload->SetCritical((wire[1] & IKE_PAYLOAD_CRITICAL) != 0);
    status = payload->DeserializeBody(wire.data() + 4, wire.size() - 4);
    return payload;
}

/// Parses a body given in hex as \p type; \return the status.
IkeParseStatus
ParseBody(IkePayloadType type, const std::string& hex)
{
    Bytes body = HexToBytes(hex);
    auto payload = IkePayload::Create(type);
    return payload->DeserializeBody(body.data(), body.size());
}

} // namespace

/**
 * \ingroup ipsec-tests
 * \brief The 28-octet IKE header: fields, flags and octets (the RFC 7634 Appendix B header).
 */
class IkeHeaderTestCase : public TestCase
{
  public:
    IkeHeaderTestCase()
        : TestCase("IKE header fields, flags and the RFC 7634 App. B octets")
    {
    }

  private:
    void DoRun() override
    {
        IkeHeader header;
        NS_TEST_EXPECT_MSG_EQ(unsigned(header.GetVersion()), 0x20u, "version 2.0 by default");
        header.SetInitiatorSpi(0xc0c1c2c3c4c5c6c7ULL);
        header.SetResponderSpi(0xd0d1d2d3d4d5d6d7ULL);
        header.SetNextPayload(IkePayloadType::SK);
        header.SetExchangeType(IkeExchangeType::INFORMATIONAL);
        header.SetMessageId(9);
        header.SetLength(69);
        uint8_t octets[IkeHeader::SIZE];
        header.Write(octets);
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(octets, sizeof(octets)),
                              "c0c1c2c3c4c5c6c7d0d1d2d3d4d5d6d72e20250000000009"
                              "00000045",
                              "RFC 7634 App. B header");

        header.SetInitiator(true);
        NS_TEST_EXPECT_MSG_EQ(unsigned(header.GetFlags()), 0x08u, "I = 0x08");
        header.SetResponse(true);
        NS_TEST_EXPECT_MSG_EQ(unsigned(header.GetFlags()), 0x28u, "I | R = 0x28");
        header.SetInitiator(false);
        NS_TEST_EXPECT_MSG_EQ(unsigned(header.GetFlags()), 0x20u, "R = 0x20");
        NS_TEST_EXPECT_MSG_EQ(header.IsResponse(), true, "R read back");
        NS_TEST_EXPECT_MSG_EQ(header.IsInitiator(), false, "I cleared");
        header.SetFlags(IKE_FLAG_VERSION);
        NS_TEST_EXPECT_MSG_EQ(header.GetVersionFlag(), true, "V = 0x10");

        // Read back, and through an ns-3 Packet as a Header.
        header.SetFlags(IKE_FLAG_INITIATOR);
        IkeHeader read;
        header.Write(octets);
        read.Read(octets);
        NS_TEST_EXPECT_MSG_EQ((read == header), true, "Write/Read round trip");
        NS_TEST_EXPECT_MSG_EQ(read.GetInitiatorSpi(), 0xc0c1c2c3c4c5c6c7ULL, "SPIi");
        NS_TEST_EXPECT_MSG_EQ(read.GetResponderSpi(), 0xd0d1d2d3d4d5d6d7ULL, "SPIr");
        NS_TEST_EXPECT_MSG_EQ(unsigned(read.GetMajorVersion()), 2u, "major");
        NS_TEST_EXPECT_MSG_EQ(unsigned(read.GetMinorVersion()), 0u, "minor");
        NS_TEST_EXPECT_MSG_EQ(read.GetMessageId(), 9u, "Message ID");
        NS_TEST_EXPECT_MSG_EQ(read.GetLength(), 69u, "Length");
        NS_TEST_EXPECT_MSG_EQ(
            (read.GetExchangeType() == IkeExchangeType::INFORMATIONAL), true, "exchange");
        Ptr<Packet> packet = Create<Packet>();
        packet->AddHeader(header);
        NS_TEST_EXPECT_MSG_EQ(packet->GetSize(), 28u, "28 octets in a packet");
        IkeHeader peeked;
        packet->RemoveHeader(peeked);
        NS_TEST_EXPECT_MSG_EQ((peeked == header), true, "ns-3 Header round trip");
        NS_TEST_EXPECT_MSG_EQ(
            ToString(IkeExchangeType::CREATE_CHILD_SA), "CREATE_CHILD_SA", "exchange name");
    }
};

/**
 * \ingroup ipsec-tests
 * \brief RFC 9611's notifies at their published octets, and the other notifies' layouts.
 */
class IkeNotifyLayoutTestCase : public TestCase
{
  public:
    IkeNotifyLayoutTestCase()
        : TestCase("Notify layouts: SA_RESOURCE_INFO, TS_MAX_QUEUE (RFC 9611), REKEY_SA, "
                   "INVALID_KE_PAYLOAD, SET_WINDOW_SIZE")
    {
    }

  private:
    void DoRun() override
    {
        // protocols.md 1.4: empty SA_RESOURCE_INFO followed by an SA payload; empty and last;
        // with strongSwan's 4-octet resource identifier 3.
        NS_TEST_EXPECT_MSG_EQ(
            BytesToHex(Wire(IkeNotifyPayload::SaResourceInfo(), IkePayloadType::SA)),
            "210000080000403c",
            "SA_RESOURCE_INFO before SA");
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(Wire(IkeNotifyPayload::SaResourceInfo())),
                              "000000080000403c",
                              "SA_RESOURCE_INFO last");
        NS_TEST_EXPECT_MSG_EQ(
            BytesToHex(
                Wire(IkeNotifyPayload::SaResourceInfo(HexToBytes("00000003")), IkePayloadType::SA)),
            "2100000c0000403c00000003",
            "SA_RESOURCE_INFO with CPU 3");
        // TS_MAX_QUEUE as it appears inside the SK payload of a CREATE_CHILD_SA response.
        NS_TEST_EXPECT_MSG_EQ(
            BytesToHex(Wire(IkeNotifyPayload::TsMaxQueue())), "0000000800000030", "TS_MAX_QUEUE");
        NS_TEST_EXPECT_MSG_EQ(IsErrorNotify(IkeNotifyType::TS_MAX_QUEUE), true, "48 is an error");
        NS_TEST_EXPECT_MSG_EQ(
            IsErrorNotify(IkeNotifyType::SA_RESOURCE_INFO), false, "16444 is a status");
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(Wire(IkeNotifyPayload::RekeySa(0xc0010001))),
                              "0000000c03044009c0010001",
                              "REKEY_SA: ESP, SPI size 4, the SPI");
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(Wire(IkeNotifyPayload::InvalidKePayload(19))),
                              "0000000a000000110013",
                              "INVALID_KE_PAYLOAD with group 19");
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(Wire(IkeNotifyPayload::SetWindowSize(10))),
                              "0000000c000040010000000a",
                              "SET_WINDOW_SIZE 10 (RFC 7634 App. B plaintext)");
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(Wire(IkeNotifyPayload::UnsupportedCriticalPayload(
                                  static_cast<IkePayloadType>(99)))),
                              "000000090000000163",
                              "UNSUPPORTED_CRITICAL_PAYLOAD names the type");

        IkeParseStatus status;
        auto parsed
            = Reparse(IkePayloadType::NOTIFY, HexToBytes("0000000c03044009c0010001"), status);
        auto notify = dynamic_cast<IkeNotifyPayload*>(parsed.get());
        NS_TEST_ASSERT_MSG_EQ(status.IsOk(), true, status);
        NS_TEST_EXPECT_MSG_EQ((notify->GetNotifyType() == IkeNotifyType::REKEY_SA), true, "type");
        NS_TEST_EXPECT_MSG_EQ((notify->GetProtocolId() == IkeProtocolId::ESP), true, "ESP");
        NS_TEST_EXPECT_MSG_EQ(notify->GetSpi32(), 0xc0010001u, "SPI");
        NS_TEST_EXPECT_MSG_EQ(notify->GetData().size(), 0u, "no data");
    }
};

/**
 * \ingroup ipsec-tests
 * \brief SA payload: IKE and ESP proposals at their octets, Key Length attribute, SPI sizes.
 */
class IkeSaLayoutTestCase : public TestCase
{
  public:
    IkeSaLayoutTestCase()
        : TestCase("SA payload layouts: IKE proposal, ESP proposal with SPI, IKE rekey SPI")
    {
    }

  private:
    void DoRun() override
    {
        // ENCR_AES_GCM_16 + Key Length 256, PRF_HMAC_SHA2_256, Curve25519; no INTEG for AEAD.
        IkeSaPayload ike({IkeProposal::ForIke(1,
                                              CipherSuite::FromKeyword("aes256gcm16"),
                                              PrfAlgorithm::HMAC_SHA2_256,
                                              DhGroup::CURVE25519)});
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(Wire(ike, IkePayloadType::KE)),
                              "22000028"                 // SA header, next KE, length 40
                              "0000002401010003"         // last, length 36, #1, IKE, no SPI, 3
                              "0300000c01000014800e0100" // ENCR 20, Key Length 256
                              "0300000802000005"         // PRF 5
                              "000000080400001f",        // DH 31 (last)
                              "IKE proposal octets");

        // ESP with a 4-octet SPI: AES-CBC-128, HMAC-SHA2-256-128, no ESN.
        IkeSaPayload esp(
            {IkeProposal::ForEsp(1, 0x01020304, CipherSuite::FromKeyword("aes128-sha256"), false)});
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(Wire(esp)),
                              "0000002c"
                              "0000002801030403"
                              "01020304"
                              "0300000c0100000c800e0080"
                              "030000080300000c"
                              "0000000805000000",
                              "ESP proposal octets");
        NS_TEST_EXPECT_MSG_EQ(esp.GetProposals()[0].GetSpi32(), 0x01020304u, "ESP SPI");

        // ChaCha20-Poly1305 carries no Key Length attribute (RFC 7634).
        IkeTransform chacha = IkeTransform::Encr(CipherSuite::FromKeyword("chacha20poly1305"));
        NS_TEST_EXPECT_MSG_EQ(chacha.attributes.size(), 0u, "no Key Length for ChaCha20");
        NS_TEST_EXPECT_MSG_EQ(chacha.ToString(), "ENCR_CHACHA20_POLY1305", "name");

        // IKE SA rekey: SPI size 8; two proposals with PFS groups; ESN on.
        IkeSaPayload rekey;
        rekey.AddProposal(IkeProposal::ForIke(1,
                                              CipherSuite::FromKeyword("aes128gcm16"),
                                              PrfAlgorithm::HMAC_SHA2_512,
                                              DhGroup::ECP_256,
                                              HexToBytes("a1a2a3a4a5a6a7a8")));
        rekey.AddProposal(IkeProposal::ForIke(2,
                                              CipherSuite::FromKeyword("aes256-sha256"),
                                              PrfAlgorithm::HMAC_SHA2_384,
                                              DhGroup::MODP_2048,
                                              HexToBytes("a1a2a3a4a5a6a7a8")));
        Bytes wire = Wire(rekey);
        IkeParseStatus status;
        auto parsed = Reparse(IkePayloadType::SA, wire, status);
        NS_TEST_ASSERT_MSG_EQ(status.IsOk(), true, status);
        auto sa = dynamic_cast<IkeSaPayload*>(parsed.get());
        NS_TEST_ASSERT_MSG_EQ(sa->GetProposals().size(), 2u, "two proposals");
        NS_TEST_EXPECT_MSG_EQ(sa->GetProposals()[0].GetSpi64(), 0xa1a2a3a4a5a6a7a8ULL, "SPI");
        NS_TEST_EXPECT_MSG_EQ((sa->GetProposals()[0] == rekey.GetProposals()[0]), true, "#1");
        NS_TEST_EXPECT_MSG_EQ((sa->GetProposals()[1] == rekey.GetProposals()[1]), true, "#2");
        NS_TEST_EXPECT_MSG_EQ(sa->GetProposals()[1].GetTransforms(IkeTransformType::INTEG).size(),
                              1u,
                              "INTEG for CBC");
        NS_TEST_EXPECT_MSG_EQ(
            sa->GetProposals()[1].GetTransforms()[0].GetKeyLength(), 256u, "Key Length");
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(Wire(*sa)), BytesToHex(wire), "byte-exact round trip");

        // A TLV attribute (not defined by RFC 7296, but the format allows it) survives.
        IkeProposal odd(1, IkeProtocolId::ESP, HexToBytes("00000001"));
        IkeTransform transform{IkeTransformType::ENCR, 12, {}};
        IkeTransformAttribute tlv;
        tlv.type = 0x1234;
        tlv.tv = false;
        tlv.data = HexToBytes("0102030405");
        transform.attributes.push_back(tlv);
        transform.attributes.push_back(IkeTransformAttribute::KeyLength(128));
        odd.AddTransform(transform);
        IkeSaPayload oddSa({odd});
        wire = Wire(oddSa);
        parsed = Reparse(IkePayloadType::SA, wire, status);
        NS_TEST_ASSERT_MSG_EQ(status.IsOk(), true, status);
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(Wire(*parsed)), BytesToHex(wire), "TLV round trip");
        NS_TEST_EXPECT_MSG_EQ(dynamic_cast<IkeSaPayload*>(parsed.get())
                                  ->GetProposals()[0]
                                  .GetTransforms()[0]
                                  .GetKeyLength(),
                              128u,
                              "Key Length after a TLV");
    }
};

/**
 * \ingroup ipsec-tests
 * \brief KE, Nonce, ID, AUTH, TS, Delete, Vendor ID and unknown payloads: layouts and
 * byte-exact round trips through their parsers.
 */
class IkePayloadRoundTripTestCase : public TestCase
{
  public:
    IkePayloadRoundTripTestCase()
        : TestCase("every payload type: known layout and byte-exact round trip")
    {
    }

  private:
    /// Serializes \p payload, compares with \p expected (if not empty), parses, re-serializes.
    void Check(const IkePayload& payload, const std::string& expected)
    {
        Bytes wire = Wire(payload);
        if (!expected.empty())
        {
            NS_TEST_EXPECT_MSG_EQ(BytesToHex(wire), expected, payload.ToString() << " layout");
        }
        NS_TEST_EXPECT_MSG_EQ(payload.GetSerializedSize(), wire.size(), "GetSerializedSize");
        IkeParseStatus status;
        auto parsed = Reparse(payload.GetType(), wire, status);
        NS_TEST_ASSERT_MSG_EQ(status.IsOk(), true, payload.ToString() << ": " << status);
        NS_TEST_EXPECT_MSG_EQ(
            BytesToHex(Wire(*parsed)), BytesToHex(wire), payload.ToString() << " round trip");
        NS_TEST_EXPECT_MSG_EQ(parsed->ToString(), payload.ToString(), "same content");
        auto clone = parsed->Clone();
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(Wire(*clone)), BytesToHex(wire), "clone");
    }

    void DoRun() override
    {
        Bytes x25519
            = HexToBytes("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        Check(IkeKePayload(DhGroup::CURVE25519, x25519), "00000028001f0000" + BytesToHex(x25519));
        IkeKePayload ke;
        IkeParseStatus status;
        Bytes body = HexToBytes("0013000001");
        status = ke.DeserializeBody(body.data(), body.size());
        NS_TEST_EXPECT_MSG_EQ(ke.GetGroup(), 19u, "group number kept");

        Bytes nonce(32, 0xab);
        Check(IkeNoncePayload(nonce), "00000024" + BytesToHex(nonce));
        Check(IkeNoncePayload(Bytes(16, 1)), "");
        Check(IkeNoncePayload(Bytes(256, 2)), "");

        Check(IkeIdPayload::FromFqdn(IkePayloadType::IDI, "gw1.example"),
              "0000001302000000677731"
              "2e6578616d706c65");
        IkeIdPayload ipv4 = IkeIdPayload::FromIpv4(IkePayloadType::IDR, Ipv4Address("10.0.0.1"));
        Check(ipv4, "0000000c010000000a000001");
        NS_TEST_EXPECT_MSG_EQ(ipv4.GetIpv4Address(), Ipv4Address("10.0.0.1"), "address");
        NS_TEST_EXPECT_MSG_EQ(
            BytesToHex(ipv4.SerializeBody()), "010000000a000001", "RestOfIDPayload");
        Check(IkeIdPayload::FromKeyId(IkePayloadType::IDI, HexToBytes("0102030405")),
              "0000000d0b0000000102030405");
        Check(IkeIdPayload::FromRfc822(IkePayloadType::IDR, "a@b.c"), "");
        Check(IkeIdPayload(IkePayloadType::IDI, IkeIdType::ID_NULL, {}), "000000080d000000");

        Check(IkeAuthPayload(IkeAuthMethod::SHARED_KEY_MIC, Bytes(32, 0x5a)),
              "0000002802000000" + BytesToHex(Bytes(32, 0x5a)));

        TrafficSelector subnet
            = TrafficSelector::FromPrefix(Ipv4Address("10.1.0.0"), Ipv4Mask("255.255.0.0"));
        IkeTsPayload ts = IkeTsPayload::FromTrafficSelectors(IkePayloadType::TSI, {subnet});
        Check(ts,
              "0000001801000000"
              "070000100000ffff0a0100000a01ffff");
        TrafficSelector udp;
        udp.startAddress = Ipv4Address("192.168.1.7");
        udp.endAddress = Ipv4Address("192.168.1.7");
        udp.protocol = 17;
        udp.startPort = 500;
        udp.endPort = 4500;
        IkeTsPayload two = IkeTsPayload::FromTrafficSelectors(IkePayloadType::TSR, {subnet, udp});
        Check(two,
              "0000002802000000"
              "070000100000ffff0a0100000a01ffff"
              "0711001001f41194c0a80107c0a80107");
        std::vector<TrafficSelector> back = two.GetIpv4Selectors();
        NS_TEST_ASSERT_MSG_EQ(back.size(), 2u, "two selectors");
        NS_TEST_EXPECT_MSG_EQ((back[0] == subnet), true, "subnet maps back");
        NS_TEST_EXPECT_MSG_EQ((back[1] == udp), true, "UDP host selector maps back");
        IkeTrafficSelector v6;
        v6.type = IkeTsType::TS_IPV6_ADDR_RANGE;
        v6.startAddress = Bytes(16, 0);
        v6.endAddress = Bytes(16, 0xff);
        v6.startPort = 65535; // OPAQUE
        v6.endPort = 0;
        IkeTsPayload mixed(IkePayloadType::TSI, {IkeTrafficSelector::FromTrafficSelector(udp), v6});
        Check(mixed, "");
        NS_TEST_EXPECT_MSG_EQ(mixed.GetIpv4Selectors().size(), 1u, "the IPv6 one is skipped");

        Check(IkeDeletePayload(IkeProtocolId::ESP, {0xc0010001, 0xc0010002}),
              "0000001003040002c0010001c0010002");
        Check(IkeDeletePayload(), "0000000801000000");

        Check(IkeVendorIdPayload(HexToBytes("882fe56d6fd20dbc2251613b2ebe5beb")),
              "00000014882fe56d6fd20dbc2251613b2ebe5beb");
        Check(IkeVendorIdPayload(), "00000004");

        IkeRawPayload unknown(static_cast<IkePayloadType>(200), HexToBytes("deadbeef"));
        unknown.SetCritical(true);
        Check(unknown, "00800008deadbeef");
        NS_TEST_EXPECT_MSG_EQ(unknown.IsUnknown(), true, "200 is unknown");
        NS_TEST_EXPECT_MSG_EQ(IkeRawPayload(IkePayloadType::CERTREQ).IsUnknown(),
                              false,
                              "CERTREQ is known (kept raw)");

        // Next Payload and the critical bit of the generic header.
        IkeNoncePayload critical(Bytes(16, 3));
        critical.SetCritical(true);
        Bytes wire = Wire(critical, IkePayloadType::NOTIFY);
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(Bytes(wire.begin(), wire.begin() + 4)),
                              "29800014",
                              "Next Payload 41, critical, length 20");
    }
};

/**
 * \ingroup ipsec-tests
 * \brief Every malformed body each payload parser refuses, with the right error.
 */
class IkePayloadMalformedTestCase : public TestCase
{
  public:
    IkePayloadMalformedTestCase()
        : TestCase("malformed payload bodies are refused with PAYLOAD_TOO_SHORT or "
                   "MALFORMED_PAYLOAD")
    {
    }

  private:
    void Expect(IkePayloadType type, const std::string& hex, IkeParseError error, const char* what)
    {
        IkeParseStatus status = ParseBody(type, hex);
        NS_TEST_EXPECT_MSG_EQ(ToString(status.GetError()), ToString(error), what << ": " << status);
        if (!status.IsOk())
        {
            NS_TEST_EXPECT_MSG_EQ(status.GetDetail().empty(), false, "a reason is given");
        }
    }

    void DoRun() override
    {
        using E = IkeParseError;
        using T = IkePayloadType;
        const std::string ikeTransforms = "0300000c01000014800e0100"
                                          "0300000802000005"
                                          "000000080400001f";
        // SA
        Expect(T::SA, "", E::PAYLOAD_TOO_SHORT, "SA without proposals");
        Expect(T::SA, "0000002401010003" + ikeTransforms, E::NONE, "valid IKE proposal");
        Expect(T::SA,
               "0200002401010003" + ikeTransforms,
               E::MALFORMED_PAYLOAD,
               "last proposal says more follow");
        Expect(T::SA, "0500002401010003" + ikeTransforms, E::MALFORMED_PAYLOAD, "Last Substruc 5");
        Expect(T::SA,
               "0000002401010004" + ikeTransforms,
               E::MALFORMED_PAYLOAD,
               "4 transforms announced, 3 present");
        Expect(T::SA,
               "0000002401010002" + ikeTransforms,
               E::MALFORMED_PAYLOAD,
               "2 transforms announced, 3 present");
        Expect(T::SA,
               "0000002501010003" + ikeTransforms,
               E::MALFORMED_PAYLOAD,
               "Proposal Length past the payload");
        Expect(T::SA, "0000000701010000", E::MALFORMED_PAYLOAD, "Proposal Length 7");
        Expect(
            T::SA, "0000002400010003" + ikeTransforms, E::MALFORMED_PAYLOAD, "proposal number 0");
        Expect(T::SA,
               "0200002402010003" + ikeTransforms + "0000002401010003" + ikeTransforms,
               E::MALFORMED_PAYLOAD,
               "proposal numbers decrease");
        Expect(T::SA, "0000002801030403aabbccdd" + ikeTransforms, E::NONE, "ESP with 4-octet SPI");
        Expect(T::SA,
               "0000002801030003aabbccdd" + ikeTransforms,
               E::MALFORMED_PAYLOAD,
               "ESP with SPI Size 0");
        Expect(T::SA,
               "0000002a01030603aabbccddeeff" + ikeTransforms,
               E::MALFORMED_PAYLOAD,
               "ESP with SPI Size 6");
        Expect(T::SA,
               "0000002801010403aabbccdd" + ikeTransforms,
               E::MALFORMED_PAYLOAD,
               "IKE with SPI Size 4");
        Expect(
            T::SA, "00000010010100010000000702000005", E::MALFORMED_PAYLOAD, "Transform Length 7");
        Expect(T::SA,
               "00000010010100010300000802000005",
               E::MALFORMED_PAYLOAD,
               "last transform says more follow");
        Expect(T::SA,
               "00000014010100010000000c0100000c000e0008",
               E::MALFORMED_PAYLOAD,
               "TLV attribute longer than its transform");
        Expect(T::SA,
               "00000012010100010000000a0100000c800e",
               E::MALFORMED_PAYLOAD,
               "attribute cut off");
        // KE
        Expect(T::KE, "001f0000", E::PAYLOAD_TOO_SHORT, "KE without data");
        Expect(T::KE, "001f00", E::PAYLOAD_TOO_SHORT, "KE of 3 octets");
        Expect(T::KE, "abcd000001", E::NONE, "KE of an unknown group parses");
        // Nonce
        Expect(T::NONCE, std::string(30, 'a'), E::PAYLOAD_TOO_SHORT, "nonce of 15 octets");
        Expect(T::NONCE, std::string(512, 'a'), E::NONE, "nonce of 256 octets");
        Expect(T::NONCE, std::string(514, 'a'), E::MALFORMED_PAYLOAD, "nonce of 257 octets");
        // Notify
        Expect(T::NOTIFY, "000040", E::PAYLOAD_TOO_SHORT, "notify of 3 octets");
        Expect(T::NOTIFY, "03084009c0010001", E::MALFORMED_PAYLOAD, "SPI Size past the end");
        Expect(T::NOTIFY, "0400403c", E::MALFORMED_PAYLOAD, "Protocol ID 4");
        Expect(T::NOTIFY, "0000001100130000", E::MALFORMED_PAYLOAD, "INVALID_KE_PAYLOAD of 4");
        Expect(T::NOTIFY,
               "00004004" + std::string(38, '1'),
               E::MALFORMED_PAYLOAD,
               "NAT_DETECTION_SOURCE_IP of 19 octets");
        Expect(T::NOTIFY, "0000000e00", E::MALFORMED_PAYLOAD, "NO_PROPOSAL_CHOSEN with data");
        Expect(T::NOTIFY, "0000403c00000003", E::NONE, "SA_RESOURCE_INFO with an identifier");
        Expect(T::NOTIFY, "0100403c", E::NONE, "Protocol ID 1 is tolerated (ignored)");
        // ID
        Expect(T::IDI, "010000", E::PAYLOAD_TOO_SHORT, "ID of 3 octets");
        Expect(T::IDI, "000000000a000001", E::MALFORMED_PAYLOAD, "ID Type 0");
        Expect(T::IDR, "010000000a00000102", E::MALFORMED_PAYLOAD, "ID_IPV4_ADDR of 5 octets");
        Expect(T::IDR, "050000000a000001", E::MALFORMED_PAYLOAD, "ID_IPV6_ADDR of 4 octets");
        // AUTH
        Expect(T::AUTH, "020000", E::PAYLOAD_TOO_SHORT, "AUTH of 3 octets");
        // TS
        const std::string ipv4Ts = "070000100000ffff0a0100000a01ffff";
        Expect(T::TSI, "01000000", E::PAYLOAD_TOO_SHORT, "TS without selector");
        Expect(T::TSI, "00000000" + ipv4Ts, E::MALFORMED_PAYLOAD, "Number of TSs 0");
        Expect(T::TSI, "02000000" + ipv4Ts, E::MALFORMED_PAYLOAD, "2 announced, 1 present");
        Expect(T::TSI, "01000000" + ipv4Ts + "00", E::MALFORMED_PAYLOAD, "octets after");
        Expect(
            T::TSR, "01000000090000100000ffff0a0100000a01ffff", E::MALFORMED_PAYLOAD, "TS Type 9");
        Expect(T::TSR,
               "01000000070000280000ffff0a0100000a01ffff",
               E::MALFORMED_PAYLOAD,
               "IPv4 selector with length 40");
        Expect(T::TSR,
               "0100000008000010"
               "0000ffff0a0100000a01ffff",
               E::MALFORMED_PAYLOAD,
               "IPv6 selector with length 16");
        Expect(T::TSR,
               "01000000070000100200010a0a0100000a01ffff",
               E::MALFORMED_PAYLOAD,
               "Start Port above End Port");
        Expect(T::TSR, "0100000007000010ffff00000a0100000a01ffff", E::NONE, "OPAQUE ports");
        // Delete
        Expect(T::DELETE, "030400", E::PAYLOAD_TOO_SHORT, "Delete of 3 octets");
        Expect(T::DELETE, "03080001c0010001c0010001", E::MALFORMED_PAYLOAD, "ESP SPI Size 8");
        Expect(T::DELETE, "03040002c0010001", E::MALFORMED_PAYLOAD, "2 SPIs announced, 1 present");
        Expect(T::DELETE, "03040001c0010001c0010002", E::MALFORMED_PAYLOAD, "extra SPI octets");
        Expect(T::DELETE, "01000001", E::MALFORMED_PAYLOAD, "IKE delete with an SPI count");
        Expect(T::DELETE, "01080000", E::MALFORMED_PAYLOAD, "IKE delete with SPI Size 8");
        Expect(T::DELETE, "07040000", E::MALFORMED_PAYLOAD, "Protocol ID 7");
        Expect(T::DELETE, "03040000", E::NONE, "ESP delete of no SPI (harmless)");
    }
};

/**
 * \ingroup ipsec-tests
 * \brief The IKE payload types one by one.
 */
class IkePayloadsTestSuite : public TestSuite
{
  public:
    IkePayloadsTestSuite()
        : TestSuite("ipsec-ike-payloads", UNIT)
    {
        AddTestCase(new IkeHeaderTestCase, TestCase::QUICK);
        AddTestCase(new IkeNotifyLayoutTestCase, TestCase::QUICK);
        AddTestCase(new IkeSaLayoutTestCase, TestCase::QUICK);
        AddTestCase(new IkePayloadRoundTripTestCase, TestCase::QUICK);
        AddTestCase(new IkePayloadMalformedTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static IkePayloadsTestSuite g_ikePayloadsTestSuite;
