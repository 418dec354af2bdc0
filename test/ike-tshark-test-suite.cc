/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Wireshark as an independent judge of our IKEv2 octets and keys: an IKE_SA_INIT pair with real
// X25519 (RFC 7748 key pair), then an IKE_AUTH request and response whose SK payloads are
// encrypted with the keys IkeKeySchedule derives, written to a pcap (IPv4/UDP 500) together with
// the ikev2_decryption_table that WiresharkIkeKeyTable writes. tshark 4.0 must dissect the header
// fields, decrypt the SK payloads (AES-GCM-128 and AES-CBC-256 + HMAC-SHA2-256-128), show the
// inner IDi/IDr, and report "Integrity Checksum Data ... [correct]"; with a wrong key it must
// not.

#include "ike-test-messages.h"
#include "test-utilities.h"

#include "ns3/crypto-bytes.h"
#include "ns3/diffie-hellman.h"
#include "ns3/ike-auth-payload.h"
#include "ns3/ike-id-payload.h"
#include "ns3/ike-iv-generator.h"
#include "ns3/ike-ke-payload.h"
#include "ns3/ike-key-schedule.h"
#include "ns3/ike-message.h"
#include "ns3/ike-nonce-payload.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-sa-payload.h"
#include "ns3/ike-ts-payload.h"
#include "ns3/ipv4-header.h"
#include "ns3/packet.h"
#include "ns3/pcap-file-wrapper.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/test.h"
#include "ns3/trace-helper.h"
#include "ns3/udp-header.h"
#include "ns3/wireshark-ike-key-table.h"

#include <filesystem>
#include <sstream>

using namespace ns3;
using namespace ns3::ipsectest;

namespace
{

const Ipv4Address INITIATOR("192.0.2.1"); //!< the initiator's address
const Ipv4Address RESPONDER("192.0.2.2"); //!< the responder's address

/// Appends \p ike as an IPv4/UDP 500 datagram from \p src to \p dst at \p time to \p pcap.
void
WriteDatagram(
    Ptr<PcapFileWrapper> pcap, double time, Ipv4Address src, Ipv4Address dst, const Bytes& ike)
{
    Ptr<Packet> packet = Create<Packet>(ike.data(), ike.size());
    UdpHeader udp;
    udp.SetSourcePort(IKE_UDP_PORT);
    udp.SetDestinationPort(IKE_UDP_PORT);
    udp.EnableChecksums();
    udp.InitializeChecksum(src, dst, 17);
    packet->AddHeader(udp);
    Ipv4Header ip;
    ip.SetSource(src);
    ip.SetDestination(dst);
    ip.SetProtocol(17);
    ip.SetTtl(64);
    ip.SetPayloadSize(packet->GetSize());
    ip.EnableChecksum();
    packet->AddHeader(ip);
    pcap->Write(Seconds(time), packet);
}

/// One IKE SA set up in the capture: its suite, SPIs, keys and the messages' octets.
struct CapturedSa
{
    CipherSuite suite;           //!< the SK suite
    uint64_t spiI;               //!< initiator's SPI
    uint64_t spiR;               //!< responder's SPI
    IkeSaKeys keys;              //!< the derived keys
    std::string idi;             //!< the initiator's FQDN
    Bytes authI;                 //!< the initiator's AUTH data
    std::vector<size_t> lengths; //!< octets of the four messages
};

/**
 * \ingroup ipsec-tests
 * \brief Two IKE SAs in a pcap, checked by tshark with the exported key table.
 */
class IkeTsharkTestCase : public TsharkTestCase
{
  public:
    IkeTsharkTestCase()
        : TsharkTestCase("tshark dissects IKE_SA_INIT and decrypts IKE_AUTH (AES-GCM-128, "
                         "AES-CBC-256 + HMAC) with the exported ikev2_decryption_table")
    {
    }

  private:
    /// Writes the four messages of one IKE SA to \p pcap from \p time on; \return the SA.
    CapturedSa SetUp(Ptr<PcapFileWrapper> pcap,
                     double time,
                     const std::string& keyword,
                     uint64_t spiI,
                     uint64_t spiR,
                     Ptr<UniformRandomVariable> stream)
    {
        CapturedSa sa;
        sa.suite = CipherSuite::FromKeyword(keyword);
        sa.spiI = spiI;
        sa.spiR = spiR;
        sa.idi = "ns3-peer-" + keyword + ".example";
        PrfAlgorithm prf = PrfAlgorithm::HMAC_SHA2_256;
        auto alice = DiffieHellman::CreateFromPrivateKey(
            DhGroup::CURVE25519,
            HexToBytes("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        auto bob = DiffieHellman::CreateFromPrivateKey(
            DhGroup::CURVE25519,
            HexToBytes("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
        Bytes ni = iketest::MakeNonce(0x10);
        Bytes nr = iketest::MakeNonce(0x30);
        Bytes psk = {'s', 'e', 'c', 'r', 'e', 't'};

        IkeMessage request;
        IkeHeader& h1 = request.GetHeader();
        h1.SetInitiatorSpi(spiI);
        h1.SetExchangeType(IkeExchangeType::IKE_SA_INIT);
        h1.SetInitiator(true);
        request.AddPayload(
            IkeSaPayload({IkeProposal::ForIke(1, sa.suite, prf, DhGroup::CURVE25519)}));
        request.AddPayload(IkeKePayload(DhGroup::CURVE25519, alice->PublicValue()));
        request.AddPayload(IkeNoncePayload(ni));
        Bytes realMessage1 = request.Serialize();
        WriteDatagram(pcap, time, INITIATOR, RESPONDER, realMessage1);
        sa.lengths.push_back(realMessage1.size());

        IkeMessage response;
        IkeHeader& h2 = response.GetHeader();
        h2 = h1;
        h2.SetResponderSpi(spiR);
        h2.SetInitiator(false);
        h2.SetResponse(true);
        response.AddPayload(
            IkeSaPayload({IkeProposal::ForIke(1, sa.suite, prf, DhGroup::CURVE25519)}));
        response.AddPayload(IkeKePayload(DhGroup::CURVE25519, bob->PublicValue()));
        response.AddPayload(IkeNoncePayload(nr));
        Bytes realMessage2 = response.Serialize();
        WriteDatagram(pcap, time + 0.001, RESPONDER, INITIATOR, realMessage2);
        sa.lengths.push_back(realMessage2.size());

        Bytes gir;
        NS_TEST_EXPECT_MSG_EQ(alice->ComputeSharedSecret(bob->PublicValue(), gir), true, "DH");
        IkeKeySchedule schedule(prf, sa.suite);
        sa.keys = schedule.DeriveIkeSaKeys(ni, nr, gir, spiI, spiR);
        TrafficSelector tsi
            = TrafficSelector::FromPrefix(Ipv4Address("10.1.0.0"), Ipv4Mask("255.255.0.0"));
        TrafficSelector tsr
            = TrafficSelector::FromPrefix(Ipv4Address("10.2.0.0"), Ipv4Mask("255.255.0.0"));
        CipherSuite esp = CipherSuite::FromKeyword("aes128gcm16");

        IkeIdPayload idi = IkeIdPayload::FromFqdn(IkePayloadType::IDI, sa.idi);
        sa.authI
            = schedule.ComputePskAuth(psk, realMessage1, nr, sa.keys.skPi, idi.SerializeBody());
        IkeMessage auth;
        IkeHeader& h3 = auth.GetHeader();
        h3 = h2;
        h3.SetResponse(false);
        h3.SetInitiator(true);
        h3.SetExchangeType(IkeExchangeType::IKE_AUTH);
        h3.SetMessageId(1);
        auth.AddEncryptedPayload(idi);
        auth.AddEncryptedPayload(IkeAuthPayload(IkeAuthMethod::SHARED_KEY_MIC, sa.authI));
        auth.AddEncryptedPayload(IkeNotifyPayload::SaResourceInfo());
        auth.AddEncryptedPayload(IkeSaPayload({IkeProposal::ForEsp(1, 0xc0000001, esp, false)}));
        auth.AddEncryptedPayload(IkeTsPayload::FromTrafficSelectors(IkePayloadType::TSI, {tsi}));
        auth.AddEncryptedPayload(IkeTsPayload::FromTrafficSelectors(IkePayloadType::TSR, {tsr}));
        auto ivsI = IkeIvGenerator::Create(sa.suite, stream);
        auto sealI = schedule.CreateCipher(sa.keys, true, CipherRole::SEAL);
        Bytes authRequest = auth.Serialize(*sealI, *ivsI);
        WriteDatagram(pcap, time + 0.002, INITIATOR, RESPONDER, authRequest);
        sa.lengths.push_back(authRequest.size());

        // The responder checks the request as it will: decrypt, then verify the AUTH value.
        IkeMessage received;
        auto openR = schedule.CreateCipher(sa.keys, false, CipherRole::OPEN);
        IkeParseStatus status = IkeMessage::Parse(authRequest, *openR, received);
        NS_TEST_EXPECT_MSG_EQ(status.IsOk(), true, status);
        auto receivedId
            = dynamic_cast<const IkeIdPayload*>(received.FindPayload(IkePayloadType::IDI));
        const IkeAuthPayload* receivedAuth = received.Find<IkeAuthPayload>();
        NS_TEST_EXPECT_MSG_NE(receivedId, nullptr, "IDi");
        NS_TEST_EXPECT_MSG_NE(receivedAuth, nullptr, "AUTH");
        NS_TEST_EXPECT_MSG_EQ(receivedId && receivedAuth
                                  && schedule.VerifyPskAuth(receivedAuth->GetData(),
                                                            psk,
                                                            realMessage1,
                                                            nr,
                                                            sa.keys.skPi,
                                                            receivedId->SerializeBody()),
                              true,
                              "the responder verifies the initiator's AUTH");

        IkeIdPayload idr = IkeIdPayload::FromIpv4(IkePayloadType::IDR, RESPONDER);
        IkeMessage reply;
        IkeHeader& h4 = reply.GetHeader();
        h4 = h3;
        h4.SetInitiator(false);
        h4.SetResponse(true);
        reply.AddEncryptedPayload(idr);
        reply.AddEncryptedPayload(IkeAuthPayload(
            IkeAuthMethod::SHARED_KEY_MIC,
            schedule.ComputePskAuth(psk, realMessage2, ni, sa.keys.skPr, idr.SerializeBody())));
        reply.AddEncryptedPayload(IkeNotifyPayload::SaResourceInfo(HexToBytes("00000003")));
        reply.AddEncryptedPayload(IkeSaPayload({IkeProposal::ForEsp(1, 0xc0000002, esp, false)}));
        reply.AddEncryptedPayload(IkeTsPayload::FromTrafficSelectors(IkePayloadType::TSI, {tsi}));
        reply.AddEncryptedPayload(IkeTsPayload::FromTrafficSelectors(IkePayloadType::TSR, {tsr}));
        auto ivsR = IkeIvGenerator::Create(sa.suite, stream);
        auto sealR = schedule.CreateCipher(sa.keys, false, CipherRole::SEAL);
        Bytes authResponse = reply.Serialize(*sealR, *ivsR);
        WriteDatagram(pcap, time + 0.003, RESPONDER, INITIATOR, authResponse);
        sa.lengths.push_back(authResponse.size());
        return sa;
    }

    /// \return the lines of \p text.
    static std::vector<std::string> Lines(const std::string& text)
    {
        std::vector<std::string> lines;
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);)
        {
            lines.push_back(line);
        }
        return lines;
    }

    void DoRun() override
    {
        uint32_t seed = RngSeedManager::GetSeed();
        uint64_t run = RngSeedManager::GetRun();
        RngSeedManager::SetSeed(5);
        RngSeedManager::SetRun(1);
        Ptr<UniformRandomVariable> stream = CreateObject<UniformRandomVariable>();
        stream->SetStream(3);

        std::string dir = MakeTempDirectory("ipsec-ike-tshark");
        std::string pcapPath = dir + "/ike.pcap";
        Ptr<PcapFileWrapper> pcap = CreateObject<PcapFileWrapper>();
        pcap->Open(pcapPath, std::ios::out | std::ios::binary);
        pcap->Init(PcapHelper::DLT_RAW);
        std::vector<CapturedSa> sas;
        sas.push_back(
            SetUp(pcap, 1.0, "aes128gcm16", 0x1111111111111111ULL, 0x2222222222222222ULL, stream));
        sas.push_back(SetUp(
            pcap, 2.0, "aes256-sha256", 0x3333333333333333ULL, 0x4444444444444444ULL, stream));
        pcap->Close();

        WiresharkIkeKeyTable table;
        for (const auto& sa : sas)
        {
            table.Add(sa.spiI, sa.spiR, sa.suite, sa.keys);
        }
        std::string tablePath = dir + "/ikev2_decryption_table";
        table.Write(tablePath);
        std::string keys = ReadFile(tablePath);
        NS_TEST_EXPECT_MSG_EQ(Lines(keys).size(), 2u, "one row per IKE SA");
        NS_TEST_EXPECT_MSG_EQ(Lines(keys)[0],
                              "1111111111111111,2222222222222222," + BytesToHex(sas[0].keys.skEi)
                                  + "," + BytesToHex(sas[0].keys.skEr)
                                  + ",\"AES-GCM-128 with 16 octet ICV [RFC5282]\",,,\"NONE "
                                    "[RFC4306]\"",
                              "AEAD row: SK_e with salt, no SK_a");
        NS_TEST_EXPECT_MSG_EQ(Lines(keys)[1],
                              "3333333333333333,4444444444444444," + BytesToHex(sas[1].keys.skEi)
                                  + "," + BytesToHex(sas[1].keys.skEr)
                                  + ",\"AES-CBC-256 [RFC3602]\"," + BytesToHex(sas[1].keys.skAi)
                                  + "," + BytesToHex(sas[1].keys.skAr)
                                  + ",\"HMAC_SHA2_256_128 [RFC4868]\"",
                              "CBC row: SK_e, then SK_a after the encryption name");
        NS_TEST_EXPECT_MSG_EQ(WiresharkIkeKeyTable::Row(
                                  1, 2, CipherSuite::FromKeyword("chacha20poly1305"), sas[0].keys),
                              "",
                              "no row for ChaCha20-Poly1305 (tshark 4.0 cannot decrypt it)");

        // Header fields of every message.
        std::string fields = Tshark(pcapPath,
                                    keys,
                                    "",
                                    "-Y isakmp -T fields -E separator=/s -e isakmp.ispi "
                                    "-e isakmp.rspi -e isakmp.exchangetype -e isakmp.flags "
                                    "-e isakmp.messageid -e isakmp.length -e isakmp.version");
        std::vector<std::string> rows = Lines(fields);
        NS_TEST_ASSERT_MSG_EQ(rows.size(), 8u, "eight IKE messages: " << fields);
        const char* exchange[] = {"34", "34", "35", "35"};
        const char* flags[] = {"0x08", "0x20", "0x08", "0x20"};
        const char* messageId[] = {"0x00000000", "0x00000000", "0x00000001", "0x00000001"};
        for (size_t i = 0; i < rows.size(); ++i)
        {
            const CapturedSa& sa = sas[i / 4];
            std::istringstream in(rows[i]);
            std::string ispi, rspi, type, flag, id, length, version;
            in >> ispi >> rspi >> type >> flag >> id >> length >> version;
            char spiI[17];
            char spiR[17];
            std::snprintf(spiI, sizeof(spiI), "%016llx", static_cast<unsigned long long>(sa.spiI));
            std::snprintf(spiR, sizeof(spiR), "%016llx", static_cast<unsigned long long>(sa.spiR));
            NS_TEST_EXPECT_MSG_EQ(ispi, spiI, "SPIi of " << rows[i]);
            std::string expectedR = i % 4 == 0 ? "0000000000000000" : spiR;
            NS_TEST_EXPECT_MSG_EQ(rspi, expectedR, "SPIr of " << rows[i]);
            NS_TEST_EXPECT_MSG_EQ(type, exchange[i % 4], "exchange of " << rows[i]);
            NS_TEST_EXPECT_MSG_EQ(flag, flags[i % 4], "flags of " << rows[i]);
            NS_TEST_EXPECT_MSG_EQ(id, messageId[i % 4], "Message ID of " << rows[i]);
            NS_TEST_EXPECT_MSG_EQ(version, "0x20", "version of " << rows[i]);
            NS_TEST_EXPECT_MSG_EQ(
                length, std::to_string(sa.lengths[i % 4]), "Length of " << rows[i]);
        }

        // Decryption: the inner IDs and AUTH data, and a correct integrity checksum on each of
        // the four encrypted messages.
        std::string decrypted = Tshark(pcapPath,
                                       keys,
                                       "",
                                       "-Y isakmp.exchangetype==35 -T fields -E separator=/s "
                                       "-e isakmp.id.data.fqdn -e isakmp.id.data.ipv4_addr "
                                       "-e isakmp.auth.data");
        rows = Lines(decrypted);
        NS_TEST_ASSERT_MSG_EQ(rows.size(), 4u, "four IKE_AUTH messages: " << decrypted);
        for (size_t i = 0; i < 2; ++i)
        {
            std::istringstream request(rows[2 * i]);
            std::string fqdn, auth;
            request >> fqdn >> auth;
            NS_TEST_EXPECT_MSG_EQ(fqdn, sas[i].idi, "IDi decrypted: " << rows[2 * i]);
            NS_TEST_EXPECT_MSG_EQ(auth, BytesToHex(sas[i].authI), "AUTH decrypted");
            std::istringstream reply(rows[2 * i + 1]);
            std::string address;
            reply >> address;
            NS_TEST_EXPECT_MSG_EQ(address, "192.0.2.2", "IDr decrypted: " << rows[2 * i + 1]);
        }
        std::string verbose = Tshark(pcapPath, keys, "", "-V -Y isakmp.exchangetype==35");
        NS_TEST_EXPECT_MSG_EQ(
            Count(verbose, "Integrity Checksum Data: "), 4u, "an ICV per encrypted message");
        NS_TEST_EXPECT_MSG_EQ(Count(verbose, "[correct]"), 4u, "every ICV correct:\n" << verbose);
        for (const auto& sa : sas)
        {
            NS_TEST_EXPECT_MSG_EQ(
                Count(verbose, "ID_FQDN: " + sa.idi), 1u, "inner IDi in the tree");
        }
        NS_TEST_EXPECT_MSG_EQ(Count(verbose, "Pad Length: 0\n"), 2u, "AEAD: no padding");
        // tshark 4.0 has no name for 16444 (SA_RESOURCE_INFO), but dissects the notify.
        NS_TEST_EXPECT_MSG_EQ(Count(verbose,
                                    "Notify Message Type: RESERVED TO IANA - STATUS TYPES "
                                    "(16444)"),
                              4u,
                              "SA_RESOURCE_INFO inside every SK payload");

        // Wrong keys: one octet of each row's SK_ei (and of the CBC row's SK_ai) changed. The
        // requests' ICVs (SK_ai / SK_ei) fail; the responses' (SK_ar / SK_er) still verify.
        std::string wrong;
        for (const auto& row : Lines(keys))
        {
            std::string bad = row;
            size_t key = 34; // the first hex digit of SK_ei
            bad[key] = bad[key] == '0' ? '1' : '0';
            size_t integrity = bad.find("\",") + 2; // SK_ai of the CBC row (empty for GCM)
            if (bad[integrity] != ',')
            {
                bad[integrity] = bad[integrity] == '0' ? '1' : '0';
            }
            wrong += bad + "\n";
        }
        verbose = Tshark(pcapPath, wrong, "", "-V -Y isakmp.exchangetype==35");
        NS_TEST_EXPECT_MSG_EQ(Count(verbose, "[correct]"), 2u, "only the untouched SK_er rows");
        NS_TEST_EXPECT_MSG_EQ(Count(verbose, "ns3-peer-"), 0u, "no IDi decrypted");

        std::filesystem::remove_all(dir);
        RngSeedManager::SetSeed(seed);
        RngSeedManager::SetRun(run);
    }
};

/**
 * \ingroup ipsec-tests
 * \brief tshark reads our IKEv2 messages and decrypts their SK payloads.
 */
class IkeTsharkTestSuite : public TestSuite
{
  public:
    IkeTsharkTestSuite()
        : TestSuite("ipsec-ike-tshark", SYSTEM)
    {
        AddTestCase(new IkeTsharkTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
IkeTsharkTestSuite g_ikeTsharkTestSuite;

} // namespace
