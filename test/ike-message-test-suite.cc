/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// IKEv2 messages: building and parsing whole messages, every validation error of the parser,
// the SK payload with AEAD and AES-CBC+HMAC (layout, round trip, tampering), and the IKEv2
// message of RFC 7634 Appendix B decrypted and re-encrypted byte for byte.

#include "ike-test-messages.h"

#include "ns3/cipher.h"
#include "ns3/crypto-bytes.h"
#include "ns3/ike-id-payload.h"
#include "ns3/ike-iv-generator.h"
#include "ns3/ike-message.h"
#include "ns3/ike-nonce-payload.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-raw-payload.h"
#include "ns3/ike-sa-payload.h"
#include "ns3/ike-ts-payload.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/test.h"

#include <algorithm>
#include <stdexcept>

using namespace ns3;
using namespace ns3::iketest;

namespace
{

/// \return \p a followed by \p b.
Bytes
operator+(Bytes a, const Bytes& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

/// RFC 7634 Appendix B: the key, salt, IV and the whole IKEv2 INFORMATIONAL message.
const char* RFC7634_KEY = "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
                          "a0a1a2a3";
const char* RFC7634_MESSAGE = "c0c1c2c3c4c5c6c7d0d1d2d3d4d5d6d72e20250000000009000000452900"
                              "0029"
                              "1011121314151617"
                              "610394701f8d017f7c129248896b71bfe25236efd7cdc67066906315b2";

/// \return the status of parsing \p bytes (no decryption).
IkeParseStatus
ParseOnly(const Bytes& bytes)
{
    IkeMessage message;
    return IkeMessage::Parse(bytes, message);
}

/// \return a generic payload header (Next Payload \p next, not critical) followed by \p body.
Bytes
PayloadOctets(IkePayloadType next, const Bytes& body)
{
    size_t length = 4 + body.size();
    Bytes out(length);
    out[0] = static_cast<uint8_t>(next);
    out[2] = static_cast<uint8_t>(length >> 8);
    out[3] = static_cast<uint8_t>(length);
    std::copy(body.begin(), body.end(), out.begin() + 4);
    return out;
}

/// \return a message: an IKE header whose Next Payload is \p first, then \p payloads as given.
Bytes
RawMessage(IkePayloadType first, const Bytes& payloads)
{
    IkeHeader header = MakeDeleteRequest().GetHeader();
    header.SetNextPayload(first);
    header.SetLength(static_cast<uint32_t>(IkeHeader::SIZE + payloads.size()));
    Bytes out(IkeHeader::SIZE);
    header.Write(out.data());
    out.insert(out.end(), payloads.begin(), payloads.end());
    return out;
}

/// \return the payloads part of \p message's ToString() (the header's Length is set on
/// serialization, so it differs between a built and a parsed message).
std::string
Payloads(const IkeMessage& message)
{
    std::string text = message.ToString();
    return text.substr(text.find(':'));
}

/// Sets the IKE header Length of \p bytes to their size.
void
FixLength(Bytes& bytes)
{
    uint32_t length = bytes.size();
    for (int i = 0; i < 4; ++i)
    {
        bytes[24 + i] = static_cast<uint8_t>(length >> (24 - 8 * i));
    }
}

} // namespace

/**
 * \ingroup ipsec-tests
 * \brief Cleartext messages (IKE_SA_INIT) serialize, parse back and serialize to the same octets.
 */
class IkeMessageRoundTripTestCase : public TestCase
{
  public:
    IkeMessageRoundTripTestCase()
        : TestCase("IKE_SA_INIT request and response: serialize, parse, same octets, lookups")
    {
    }

  private:
    void DoRun() override
    {
        for (const IkeMessage& original : {MakeSaInitRequest(), MakeSaInitResponse()})
        {
            Bytes wire = original.Serialize();
            IkeMessage parsed;
            IkeParseStatus status = IkeMessage::Parse(wire, parsed);
            NS_TEST_ASSERT_MSG_EQ(status.IsOk(), true, status);
            NS_TEST_EXPECT_MSG_EQ(Hex(parsed.Serialize()), Hex(wire), "same octets");
            NS_TEST_EXPECT_MSG_EQ(Hex(parsed.GetReceivedBytes()), Hex(wire), "RealMessage kept");
            NS_TEST_EXPECT_MSG_EQ(parsed.GetHeader().GetLength(), wire.size(), "Length");
            NS_TEST_EXPECT_MSG_EQ((parsed.GetHeader().GetNextPayload() == IkePayloadType::SA),
                                  true,
                                  "Next Payload of the header");
            NS_TEST_EXPECT_MSG_EQ(
                parsed.GetPayloads().size(), original.GetPayloads().size(), "payload count");
            NS_TEST_EXPECT_MSG_EQ(Payloads(parsed), Payloads(original), "same content");
            NS_TEST_EXPECT_MSG_EQ(parsed.IsEncrypted(), false, "no SK");
            IkeMessage copy = parsed;
            NS_TEST_EXPECT_MSG_EQ(Hex(copy.Serialize()), Hex(wire), "copies are deep");
        }
        IkeMessage request;
        Bytes wire = MakeSaInitRequest().Serialize();
        IkeMessage::Parse(wire, request);
        NS_TEST_EXPECT_MSG_EQ(request.GetHeader().IsInitiator(), true, "I flag");
        NS_TEST_EXPECT_MSG_EQ(request.GetHeader().GetResponderSpi(), 0u, "SPIr 0");
        NS_TEST_ASSERT_MSG_NE(request.Find<IkeNoncePayload>(), nullptr, "nonce found");
        NS_TEST_EXPECT_MSG_EQ(
            Hex(request.Find<IkeNoncePayload>()->GetNonce()), Hex(MakeNonce(0x10)), "nonce data");
        NS_TEST_EXPECT_MSG_EQ(request.FindAll<IkeNotifyPayload>().size(), 2u, "two notifies");
        NS_TEST_ASSERT_MSG_NE(request.FindNotify(IkeNotifyType::NAT_DETECTION_DESTINATION_IP),
                              nullptr,
                              "NAT-D found");
        NS_TEST_EXPECT_MSG_EQ(request.FindNotify(IkeNotifyType::COOKIE), nullptr, "no COOKIE");
        auto sa = dynamic_cast<const IkeSaPayload*>(request.FindPayload(IkePayloadType::SA));
        NS_TEST_ASSERT_MSG_NE(sa, nullptr, "SA found by type");
        NS_TEST_EXPECT_MSG_EQ(sa->GetProposals().size(), 2u, "two proposals");

        // A minor version other than 0 is ignored on receipt (RFC 7296 section 3.1).
        wire[17] = 0x21;
        NS_TEST_EXPECT_MSG_EQ(ParseOnly(wire).IsOk(), true, "version 2.1 accepted");
        // A message with no payload at all is valid syntax.
        IkeMessage empty;
        Bytes emptyWire = empty.Serialize();
        NS_TEST_EXPECT_MSG_EQ(emptyWire.size(), 28u, "header only");
        NS_TEST_EXPECT_MSG_EQ(ParseOnly(emptyWire).IsOk(), true, "header-only message");
    }
};

/**
 * \ingroup ipsec-tests
 * \brief Every error the parser reports for the outer structure, each with its code.
 */
class IkeMessageValidationTestCase : public TestCase
{
  public:
    IkeMessageValidationTestCase()
        : TestCase("every validation error of IkeMessage::Parse")
    {
    }

  private:
    void Expect(const Bytes& bytes, IkeParseError error, const std::string& what)
    {
        IkeMessage message;
        IkeParseStatus status = IkeMessage::Parse(bytes, message);
        NS_TEST_EXPECT_MSG_EQ(ToString(status.GetError()), ToString(error), what << ": " << status);
    }

    void DoRun() override
    {
        using E = IkeParseError;
        Bytes valid = MakeSaInitRequest().Serialize();
        Expect(valid, E::NONE, "valid");
        Expect(Bytes(), E::TRUNCATED_HEADER, "empty");
        Expect(Bytes(valid.begin(), valid.begin() + 27), E::TRUNCATED_HEADER, "27 octets");
        IkeMessage message;
        NS_TEST_EXPECT_MSG_EQ(ToString(IkeMessage::Parse(nullptr, 100, message).GetError()),
                              "TRUNCATED_HEADER",
                              "null pointer");

        Bytes bytes = valid;
        bytes[17] = 0x10;
        Expect(bytes, E::UNSUPPORTED_MAJOR_VERSION, "IKEv1 version");
        bytes[17] = 0x30;
        Expect(bytes, E::UNSUPPORTED_MAJOR_VERSION, "major version 3");
        {
            IkeMessage received;
            IkeParseStatus status = IkeMessage::Parse(bytes, received);
            NS_TEST_EXPECT_MSG_EQ(
                (status.GetSuggestedNotify() == IkeNotifyType::INVALID_MAJOR_VERSION),
                true,
                "answer INVALID_MAJOR_VERSION");
            NS_TEST_EXPECT_MSG_EQ(
                received.GetHeader().GetInitiatorSpi(), SPI_I, "the header is available to answer");
        }

        bytes = valid;
        bytes.push_back(0);
        Expect(bytes, E::LENGTH_MISMATCH, "one octet more than Length");
        bytes = Bytes(valid.begin(), valid.end() - 1);
        Expect(bytes, E::LENGTH_MISMATCH, "one octet less than Length");

        // The first payload (SA) starts at 28: its Payload Length at 30-31.
        bytes = valid;
        bytes[30] = 0;
        bytes[31] = 3;
        Expect(bytes, E::BAD_PAYLOAD_LENGTH, "Payload Length 3");
        bytes[30] = 0xff;
        bytes[31] = 0xff;
        Expect(bytes, E::BAD_PAYLOAD_LENGTH, "Payload Length past the end");
        // The header announces a payload but the message ends: generic header cut off.
        IkeMessage headerOnly;
        bytes = headerOnly.Serialize();
        bytes[16] = static_cast<uint8_t>(IkePayloadType::NONCE);
        Expect(bytes, E::BAD_PAYLOAD_LENGTH, "payload announced, none present");
        bytes.push_back(0);
        bytes.push_back(0);
        FixLength(bytes);
        Expect(bytes, E::BAD_PAYLOAD_LENGTH, "generic header of 2 octets");

        // A nonce of 8 octets: PAYLOAD_TOO_SHORT, named with its offset.
        IkeMessage shortNonce;
        shortNonce.AddPayload(IkeRawPayload(IkePayloadType::NONCE, Bytes(8, 1)));
        Expect(shortNonce.Serialize(), E::PAYLOAD_TOO_SHORT, "nonce of 8 octets");
        IkeMessage badDelete;
        badDelete.AddPayload(IkeRawPayload(IkePayloadType::DELETE, HexToBytes("03080000")));
        Expect(badDelete.Serialize(), E::MALFORMED_PAYLOAD, "Delete with SPI Size 8");
        {
            IkeMessage received;
            IkeParseStatus status = IkeMessage::Parse(badDelete.Serialize(), received);
            NS_TEST_EXPECT_MSG_EQ(
                (status.GetPayloadType() == IkePayloadType::DELETE), true, "the payload is named");
            NS_TEST_EXPECT_MSG_EQ((status.GetSuggestedNotify() == IkeNotifyType::INVALID_SYNTAX),
                                  true,
                                  "answer INVALID_SYNTAX");
        }

        // The last payload says NONE but octets remain.
        bytes = valid;
        bytes.insert(bytes.end(), {1, 2, 3, 4, 5});
        FixLength(bytes);
        Expect(bytes, E::TRAILING_DATA, "5 octets after the last payload");

        // Unknown payloads: skipped unless critical.
        IkeMessage unknown = MakeSaInitRequest();
        unknown.AddPayload(IkeRawPayload(static_cast<IkePayloadType>(222), HexToBytes("0102")));
        IkeMessage parsedUnknown;
        IkeParseStatus status = IkeMessage::Parse(unknown.Serialize(), parsedUnknown);
        NS_TEST_EXPECT_MSG_EQ(status.IsOk(), true, "non-critical unknown payload: " << status);
        NS_TEST_EXPECT_MSG_NE(
            parsedUnknown.FindPayload(static_cast<IkePayloadType>(222)), nullptr, "kept as raw");
        IkeRawPayload critical(static_cast<IkePayloadType>(222), HexToBytes("0102"));
        critical.SetCritical(true);
        IkeMessage criticalMessage = MakeSaInitRequest();
        criticalMessage.AddPayload(critical);
        status = IkeMessage::Parse(criticalMessage.Serialize(), parsedUnknown);
        NS_TEST_EXPECT_MSG_EQ(ToString(status.GetError()),
                              "UNSUPPORTED_CRITICAL_PAYLOAD",
                              "critical unknown payload");
        NS_TEST_EXPECT_MSG_EQ(unsigned(status.GetPayloadType()), 222u, "its type is reported");
        NS_TEST_EXPECT_MSG_EQ(
            (status.GetSuggestedNotify() == IkeNotifyType::UNSUPPORTED_CRITICAL_PAYLOAD),
            true,
            "answer UNSUPPORTED_CRITICAL_PAYLOAD");
        // The critical bit of a known payload is ignored.
        IkeMessage knownCritical;
        IkeNoncePayload nonce(MakeNonce(1));
        nonce.SetCritical(true);
        knownCritical.AddPayload(nonce);
        Expect(knownCritical.Serialize(), E::NONE, "critical bit of a known payload ignored");

        // SK must be the last payload: octets after it.
        TestIkeSa sa = MakeTestIkeSa("aes128gcm16");
        IkeCounterIvGenerator ivs;
        Bytes encrypted = MakeAuthRequest().Serialize(*sa.seal, ivs);
        Expect(encrypted, E::NONE, "valid IKE_AUTH (not decrypted)");
        bytes = encrypted;
        bytes.insert(bytes.end(), {0, 0, 0, 4});
        FixLength(bytes);
        Expect(bytes, E::SK_NOT_LAST, "a payload after SK");
        // An SK payload preceded by a cleartext payload is fine; a second SK after it is not.
        Bytes sk = PayloadOctets(IkePayloadType::NONE, Bytes(30, 0));
        Expect(RawMessage(IkePayloadType::SK, sk), E::NONE, "one (undecrypted) SK");
        Bytes vendor = PayloadOctets(IkePayloadType::SK, Bytes(4, 1));
        Expect(RawMessage(IkePayloadType::VENDOR_ID, vendor + sk),
               E::NONE,
               "a cleartext payload, then SK");
        Expect(RawMessage(IkePayloadType::SK, sk + PayloadOctets(IkePayloadType::NONE, {})),
               E::SK_NOT_LAST,
               "SK followed by a payload");
        Expect(RawMessage(IkePayloadType::SK, sk + sk), E::SK_NOT_LAST, "two SK payloads");
    }
};

/**
 * \ingroup ipsec-tests
 * \brief The SK payload with every suite: layout, sizes, IVs, round trip, tampering.
 */
class IkeSkRoundTripTestCase : public TestCase
{
  public:
    /// \param keyword the SK suite
    IkeSkRoundTripTestCase(const std::string& keyword)
        : TestCase("SK payload with " + keyword + ": layout, IVs, round trip, tampering")
        , m_keyword(keyword)
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(7);
        TestIkeSa sa = MakeTestIkeSa(m_keyword);
        const CipherSuite& suite = sa.suite;
        Ptr<UniformRandomVariable> stream = CreateObject<UniformRandomVariable>();
        stream->SetStream(11);
        auto ivs = IkeIvGenerator::Create(suite, stream);

        for (const IkeMessage& original : {MakeAuthRequest(),
                                           MakeCreateChildSaRequest(),
                                           MakeDeleteRequest(),
                                           MakeEmptyInformational()})
        {
            // Which peer sends: the original initiator uses SK_ei, the responder SK_er.
            bool fromResponder = !original.GetHeader().IsInitiator();
            Cipher& seal = fromResponder ? *sa.sealR : *sa.seal;
            Cipher& open = fromResponder ? *sa.openI : *sa.open;
            Bytes inner = InnerOctets(original);
            Bytes wire = original.Serialize(seal, *ivs);

            // Layout: header | SK header | IV | ciphertext (payloads | padding | Pad Length) | ICV
            size_t block = suite.BlockSize();
            size_t padded = ((inner.size() + 1 + block - 1) / block) * block;
            size_t expected = 28 + 4 + suite.IvSize() + padded + suite.IcvSize();
            NS_TEST_EXPECT_MSG_EQ(wire.size(), expected, original.ToString() << ": size");
            NS_TEST_EXPECT_MSG_EQ(unsigned(wire[16]), 46u, "header Next Payload SK");
            const auto& payloads = original.GetEncryptedPayload()->GetPayloads();
            unsigned firstType = payloads.empty() ? 0u : unsigned(payloads[0]->GetType());
            NS_TEST_EXPECT_MSG_EQ(unsigned(wire[28]), firstType, "SK Next Payload = first inner");
            NS_TEST_EXPECT_MSG_EQ((wire[30] << 8 | wire[31]), wire.size() - 28, "SK length");
            if (suite.IsAead())
            {
                NS_TEST_EXPECT_MSG_EQ(padded, inner.size() + 1, "AEAD: no padding");
            }

            IkeMessage parsed;
            IkeParseStatus status = IkeMessage::Parse(wire, parsed);
            NS_TEST_ASSERT_MSG_EQ(status.IsOk(), true, status);
            NS_TEST_EXPECT_MSG_EQ(parsed.GetEncryptedPayload()->GetPayloads().size(),
                                  0u,
                                  "nothing visible before decryption");
            status = parsed.Decrypt(open);
            NS_TEST_ASSERT_MSG_EQ(status.IsOk(), true, status);
            NS_TEST_EXPECT_MSG_EQ(Payloads(parsed), Payloads(original), "decrypted content");
            NS_TEST_EXPECT_MSG_EQ(Hex(InnerOctets(parsed)), Hex(inner), "same inner octets");
            NS_TEST_EXPECT_MSG_EQ(Hex(parsed.Serialize()), Hex(wire), "written back as received");
            IkeMessage reparsed;
            status = IkeMessage::Parse(wire, open, reparsed);
            NS_TEST_EXPECT_MSG_EQ(status.IsOk(), true, "Parse with a cipher: " << status);

            // Changing a decrypted message drops the received body: it must be sealed again.
            IkeMessage changed = parsed;
            changed.AddEncryptedPayload(IkeNotifyPayload(IkeNotifyType::INITIAL_CONTACT));
            bool threw = false;
            try
            {
                changed.Serialize();
            }
            catch (const std::logic_error&)
            {
                threw = true;
            }
            NS_TEST_EXPECT_MSG_EQ(threw, true, "a changed SK payload is not written stale");
            IkeMessage changedBack;
            status = IkeMessage::Parse(changed.Serialize(seal, *ivs), open, changedBack);
            NS_TEST_EXPECT_MSG_EQ(status.IsOk(), true, "re-sealed: " << status);
            NS_TEST_EXPECT_MSG_NE(changedBack.FindNotify(IkeNotifyType::INITIAL_CONTACT),
                                  nullptr,
                                  "with the added payload");

            // The wrong direction's key, and every single-bit flip, fail the ICV.
            status = IkeMessage::Parse(wire, fromResponder ? *sa.open : *sa.openI, reparsed);
            NS_TEST_EXPECT_MSG_EQ(
                ToString(status.GetError()), "INTEGRITY_CHECK_FAILED", "the other direction's key");
            for (size_t i = 0; i < wire.size(); ++i)
            {
                Bytes bad = wire;
                bad[i] ^= 1 << (i % 8);
                status = IkeMessage::Parse(bad, open, reparsed);
                // A flip of the header's Next Payload may turn SK into another (unencrypted)
                // payload type: syntax the exchange rules refuse, not the parser.
                NS_TEST_EXPECT_MSG_EQ(
                    status.IsOk() && reparsed.IsEncrypted(), false, "bit flip at " << i);
                if (i >= 32 && !status.IsOk())
                {
                    // Past the SK header every flip reaches the ICV check.
                    NS_TEST_EXPECT_MSG_EQ(
                        ToString(status.GetError()), "INTEGRITY_CHECK_FAILED", "flip at " << i);
                }
            }
        }

        // IVs: AEAD counts 0, 1, 2 ...; CBC IVs are random and differ.
        IkeMessage message = MakeEmptyInformational();
        Bytes first = message.Serialize(*sa.sealR, *ivs);
        Bytes second = message.Serialize(*sa.sealR, *ivs);
        Bytes iv1(first.begin() + 32, first.begin() + 32 + suite.IvSize());
        Bytes iv2(second.begin() + 32, second.begin() + 32 + suite.IvSize());
        NS_TEST_EXPECT_MSG_NE(Hex(iv1), Hex(iv2), "a new IV per message");
        if (suite.IsAead())
        {
            // Four messages above, each sealed twice, then these two.
            NS_TEST_EXPECT_MSG_EQ(Hex(iv1), "0000000000000008", "counter IV");
            NS_TEST_EXPECT_MSG_EQ(Hex(iv2), "0000000000000009", "counter IV + 1");
        }
        // The AEAD payload of an empty INFORMATIONAL is IV | Pad Length | ICV.
        NS_TEST_EXPECT_MSG_EQ(first.size(),
                              suite.IsAead() ? 28u + 4 + 8 + 1 + 16 : 28u + 4 + 16 + 16 + 16,
                              "empty SK size");
        // A cleartext payload before SK is covered by the ICV / AAD too.
        IkeMessage mixed = MakeDeleteRequest();
        mixed.AddPayload(IkeNotifyPayload(IkeNotifyType::INITIAL_CONTACT));
        Bytes mixedWire = mixed.Serialize(*sa.sealR, *ivs);
        IkeMessage parsedMixed;
        NS_TEST_EXPECT_MSG_EQ(IkeMessage::Parse(mixedWire, *sa.openI, parsedMixed).IsOk(),
                              true,
                              "cleartext payload before SK");
        NS_TEST_EXPECT_MSG_EQ(parsedMixed.GetPayloads().size(), 1u, "one cleartext payload");
        mixedWire[35] ^= 0x40; // the cleartext notify's type: INITIAL_CONTACT -> 16448
        NS_TEST_EXPECT_MSG_EQ(
            ToString(IkeMessage::Parse(mixedWire, *sa.openI, parsedMixed).GetError()),
            "INTEGRITY_CHECK_FAILED",
            "the cleartext payload is authenticated");
    }

    std::string m_keyword;
};

/**
 * \ingroup ipsec-tests
 * \brief SK errors that need a valid ICV: nested SK, bad padding, unknown critical inner
 * payloads, malformed inner payloads; and the SK lengths a cipher cannot open.
 */
class IkeSkValidationTestCase : public TestCase
{
  public:
    IkeSkValidationTestCase()
        : TestCase("SK payload errors: nesting, padding, lengths, inner chain")
    {
    }

  private:
    void Expect(const Bytes& wire, Cipher& open, IkeParseError error, const std::string& what)
    {
        IkeMessage message;
        IkeParseStatus status = IkeMessage::Parse(wire, open, message);
        NS_TEST_EXPECT_MSG_EQ(ToString(status.GetError()), ToString(error), what << ": " << status);
    }

    void DoRun() override
    {
        using E = IkeParseError;
        IkeHeader header = MakeDeleteRequest().GetHeader();
        for (const char* keyword : {"aes128gcm16", "aes256-sha256"})
        {
            TestIkeSa sa = MakeTestIkeSa(keyword);
            bool cbc = !sa.suite.IsAead();
            Bytes iv(sa.suite.IvSize(), 0x42);
            // Pads a plaintext to the block with a correct Pad Length octet.
            auto pad = [cbc](Bytes plain)
            {
                size_t padding = cbc ? (16 - (plain.size() + 1) % 16) % 16 : 0;
                plain.insert(plain.end(), padding, 0);
                plain.push_back(static_cast<uint8_t>(padding));
                return plain;
            };
            Bytes notify = HexToBytes("0000000800004000"); // N(INITIAL_CONTACT), last

            Bytes wire = SealRawSk(header, IkePayloadType::NOTIFY, pad(notify), *sa.seal, iv);
            Expect(wire, *sa.open, E::NONE, std::string(keyword) + " hand-sealed message");

            // An SK payload inside the SK payload.
            Bytes nested = HexToBytes("0000000c0102030405060708");
            wire = SealRawSk(header, IkePayloadType::SK, pad(nested), *sa.seal, iv);
            Expect(wire, *sa.open, E::NESTED_SK, "SK inside SK");
            // ... also when it follows another inner payload.
            Bytes chain = HexToBytes("2e0000080000400000000004");
            wire = SealRawSk(header, IkePayloadType::NOTIFY, pad(chain), *sa.seal, iv);
            Expect(wire, *sa.open, E::NESTED_SK, "SK after an inner Notify");

            // Pad Length larger than the plaintext.
            Bytes badPad = notify;
            size_t fill = cbc ? 16 - (notify.size() + 1) % 16 : 0;
            badPad.insert(badPad.end(), fill, 0);
            badPad.push_back(200);
            wire = SealRawSk(header, IkePayloadType::NOTIFY, badPad, *sa.seal, iv);
            Expect(wire, *sa.open, E::BAD_PADDING, "Pad Length 200");

            // Inner chain errors after a successful decryption.
            Bytes trailing = notify;
            trailing.insert(trailing.end(), {9, 9, 9});
            wire = SealRawSk(header, IkePayloadType::NOTIFY, pad(trailing), *sa.seal, iv);
            Expect(wire, *sa.open, E::TRAILING_DATA, "octets after the inner chain");
            Bytes critical = HexToBytes("0080000601ff");
            wire = SealRawSk(header, static_cast<IkePayloadType>(250), pad(critical), *sa.seal, iv);
            Expect(wire, *sa.open, E::UNSUPPORTED_CRITICAL_PAYLOAD, "critical unknown inner");
            {
                IkeMessage message;
                IkeParseStatus status = IkeMessage::Parse(wire, *sa.open, message);
                NS_TEST_EXPECT_MSG_EQ(unsigned(status.GetPayloadType()), 250u, "type reported");
            }
            Bytes shortNonce = HexToBytes("0000000801020304");
            wire = SealRawSk(header, IkePayloadType::NONCE, pad(shortNonce), *sa.seal, iv);
            Expect(wire, *sa.open, E::PAYLOAD_TOO_SHORT, "inner nonce of 4 octets");
            Bytes lie = HexToBytes("00000010000040");
            wire = SealRawSk(header, IkePayloadType::NOTIFY, pad(lie), *sa.seal, iv);
            Expect(wire, *sa.open, E::BAD_PAYLOAD_LENGTH, "inner Payload Length past the end");

            // SK bodies too short for IV + a block + ICV, and CBC ciphertext off the block.
            auto rawSk = [](size_t size) {
                return RawMessage(IkePayloadType::SK,
                                  PayloadOctets(IkePayloadType::NOTIFY, Bytes(size, 7)));
            };
            Expect(rawSk(sa.suite.IvSize() + 16),
                   *sa.open,
                   E::BAD_ENCRYPTED_LENGTH,
                   "IV and ICV only");
            if (cbc)
            {
                Expect(rawSk(16 + 20 + 16), *sa.open, E::BAD_ENCRYPTED_LENGTH, "20 octets");
            }
            Expect(rawSk(sa.suite.IvSize() + 32 + 16),
                   *sa.open,
                   E::INTEGRITY_CHECK_FAILED,
                   "a well-formed SK with a forged ICV");
        }

        // Misuse is a programming error, not a parse error.
        TestIkeSa sa = MakeTestIkeSa("aes128gcm16");
        IkeCounterIvGenerator ivs;
        bool threw = false;
        try
        {
            MakeAuthRequest().Serialize();
        }
        catch (const std::logic_error&)
        {
            threw = true;
        }
        NS_TEST_EXPECT_MSG_EQ(threw, true, "Serialize() of an SK message needs a cipher");
        threw = false;
        try
        {
            MakeSaInitRequest().Serialize(*sa.seal, ivs);
        }
        catch (const std::logic_error&)
        {
            threw = true;
        }
        NS_TEST_EXPECT_MSG_EQ(threw, true, "Serialize(seal) of a cleartext message");
        threw = false;
        try
        {
            MakeAuthRequest().Serialize(*sa.open, ivs);
        }
        catch (const std::logic_error&)
        {
            threw = true;
        }
        NS_TEST_EXPECT_MSG_EQ(threw, true, "an OPEN cipher cannot seal");
        threw = false;
        try
        {
            IkeMessage message;
            message.AddEncryptedPayload(std::make_unique<IkeEncryptedPayload>());
        }
        catch (const std::invalid_argument&)
        {
            threw = true;
        }
        NS_TEST_EXPECT_MSG_EQ(threw, true, "no SK inside SK when building");
        threw = false;
        try
        {
            IkeMessage message = MakeAuthRequest();
            message.AddPayload(std::make_unique<IkeEncryptedPayload>());
        }
        catch (const std::invalid_argument&)
        {
            threw = true;
        }
        NS_TEST_EXPECT_MSG_EQ(threw, true, "at most one SK payload");
        threw = false;
        try
        {
            IkeMessage huge;
            huge.AddPayload(IkeRawPayload(static_cast<IkePayloadType>(200), Bytes(70000, 0)));
            huge.Serialize();
        }
        catch (const std::length_error&)
        {
            threw = true;
        }
        NS_TEST_EXPECT_MSG_EQ(threw, true, "Payload Length is 16 bits");
    }
};

/**
 * \ingroup ipsec-tests
 * \brief RFC 7634 Appendix B: the IKEv2 INFORMATIONAL message with ChaCha20-Poly1305 decrypts to
 * N(SET_WINDOW_SIZE = 10), and encrypting that message with the same IV gives the same octets.
 */
class IkeRfc7634TestCase : public TestCase
{
  public:
    IkeRfc7634TestCase()
        : TestCase("RFC 7634 Appendix B IKEv2 message: decrypt and re-encrypt byte-exact")
    {
    }

  private:
    void DoRun() override
    {
        CipherSuite suite = CipherSuite::FromKeyword("chacha20poly1305");
        Bytes key = HexToBytes(RFC7634_KEY);
        Bytes published = HexToBytes(RFC7634_MESSAGE);
        NS_TEST_ASSERT_MSG_EQ(published.size(), 69u, "69 octets");

        auto open = Cipher::Create(suite, key, {}, CipherRole::OPEN);
        IkeMessage message;
        IkeParseStatus status = IkeMessage::Parse(published, *open, message);
        NS_TEST_ASSERT_MSG_EQ(status.IsOk(), true, status);
        const IkeHeader& header = message.GetHeader();
        NS_TEST_EXPECT_MSG_EQ(header.GetInitiatorSpi(), 0xc0c1c2c3c4c5c6c7ULL, "SPIi");
        NS_TEST_EXPECT_MSG_EQ(header.GetResponderSpi(), 0xd0d1d2d3d4d5d6d7ULL, "SPIr");
        NS_TEST_EXPECT_MSG_EQ(
            (header.GetExchangeType() == IkeExchangeType::INFORMATIONAL), true, "INFORMATIONAL");
        NS_TEST_EXPECT_MSG_EQ(unsigned(header.GetFlags()), 0u, "flags 0");
        NS_TEST_EXPECT_MSG_EQ(header.GetMessageId(), 9u, "Message ID 9");
        const auto& inner = message.GetEncryptedPayload()->GetPayloads();
        NS_TEST_ASSERT_MSG_EQ(inner.size(), 1u, "one inner payload");
        const IkeNotifyPayload* notify = message.FindNotify(IkeNotifyType::SET_WINDOW_SIZE);
        NS_TEST_ASSERT_MSG_NE(notify, nullptr, "N(SET_WINDOW_SIZE)");
        NS_TEST_EXPECT_MSG_EQ(Hex(notify->GetData()), "0000000a", "window size 10");

        IkeMessage rebuilt;
        IkeHeader rebuiltHeader;
        rebuiltHeader.SetInitiatorSpi(0xc0c1c2c3c4c5c6c7ULL);
        rebuiltHeader.SetResponderSpi(0xd0d1d2d3d4d5d6d7ULL);
        rebuiltHeader.SetExchangeType(IkeExchangeType::INFORMATIONAL);
        rebuiltHeader.SetMessageId(9);
        rebuilt.SetHeader(rebuiltHeader);
        rebuilt.AddEncryptedPayload(IkeNotifyPayload::SetWindowSize(10));
        auto seal = Cipher::Create(suite, key, {}, CipherRole::SEAL);
        IkeCounterIvGenerator ivs(0x1011121314151617ULL);
        NS_TEST_EXPECT_MSG_EQ(
            Hex(rebuilt.Serialize(*seal, ivs)), Hex(published), "the published octets");
        NS_TEST_EXPECT_MSG_EQ(ivs.GetNext(), 0x1011121314151618ULL, "the counter moved on");
    }
};

/**
 * \ingroup ipsec-tests
 * \brief Whole IKE messages.
 */
class IkeMessageTestSuite : public TestSuite
{
  public:
    IkeMessageTestSuite()
        : TestSuite("ipsec-ike-message", UNIT)
    {
        AddTestCase(new IkeMessageRoundTripTestCase, TestCase::QUICK);
        AddTestCase(new IkeMessageValidationTestCase, TestCase::QUICK);
        for (const char* keyword :
             {"aes128gcm16", "aes256gcm16", "chacha20poly1305", "aes128-sha256", "aes256-sha256"})
        {
            AddTestCase(new IkeSkRoundTripTestCase(keyword), TestCase::QUICK);
        }
        AddTestCase(new IkeSkValidationTestCase, TestCase::QUICK);
        AddTestCase(new IkeRfc7634TestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static IkeMessageTestSuite g_ikeMessageTestSuite;
