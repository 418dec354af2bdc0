/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// ESP packet format (RFC 4303 tunnel mode): a published packet (RFC 7634 Appendix A) opened
// byte for byte, layouts of every suite, tampering, truncation, padding, ESN and size-only mode.

#include "ns3/crypto-bytes.h"
#include "ns3/esp-processor.h"
#include "ns3/packet.h"
#include "ns3/test.h"

#include <cstring>

using namespace ns3;

namespace
{

/// An inner IPv4/UDP packet of \p payloadLength bytes (a valid header, patterned payload).
Bytes
MakeInnerPacket(uint32_t payloadLength)
{
    uint32_t total = 20 + 8 + payloadLength;
    Bytes b(total);
    b[0] = 0x45;
    b[2] = static_cast<uint8_t>(total >> 8);
    b[3] = static_cast<uint8_t>(total);
    b[8] = 64;
    b[9] = 17;
    uint8_t src[4] = {10, 1, 0, 1};
    uint8_t dst[4] = {10, 2, 0, 1};
    std::memcpy(&b[12], src, 4);
    std::memcpy(&b[16], dst, 4);
    b[20] = 0x13;
    b[21] = 0x89;
    b[22] = 0x13;
    b[23] = 0x8a;
    for (uint32_t i = 28; i < total; ++i)
    {
        b[i] = static_cast<uint8_t>(i * 7);
    }
    return b;
}

Bytes
ToBytes(Ptr<const Packet> p)
{
    Bytes b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

/// An outbound/inbound SA pair with the same (deterministic) keys.
struct SaPair
{
    Ptr<IpsecSa> out;
    Ptr<IpsecSa> in;
};

SaPair
MakePair(const std::string& keyword, bool esn, CryptoMode mode, uint32_t window = 64)
{
    SaParams p;
    p.spi = 0x1001;
    p.suite = CipherSuite::FromKeyword(keyword);
    p.encryptionKey.resize(p.suite.EncrKeyBytes());
    p.integrityKey.resize(p.suite.IntegKeyBytes());
    for (size_t i = 0; i < p.encryptionKey.size(); ++i)
    {
        p.encryptionKey[i] = static_cast<uint8_t>(i + 1);
    }
    for (size_t i = 0; i < p.integrityKey.size(); ++i)
    {
        p.integrityKey[i] = static_cast<uint8_t>(0xa0 + i);
    }
    p.esn = esn;
    p.replayWindow = window;
    p.direction = SaDirection::OUTBOUND;
    SaPair pair;
    pair.out = Create<IpsecSa>(p, mode);
    p.direction = SaDirection::INBOUND;
    pair.in = Create<IpsecSa>(p, mode);
    return pair;
}

class EspRfc7634PacketTestCase : public TestCase
{
  public:
    EspRfc7634PacketTestCase()
        : TestCase("the ESP packet of RFC 7634 Appendix A opens to its inner IPv4 packet")
    {
    }

  private:
    void DoRun() override
    {
        SaParams p;
        p.direction = SaDirection::INBOUND;
        p.spi = 0x01020304;
        p.suite = CipherSuite::FromKeyword("chacha20poly1305");
        p.encryptionKey = HexToBytes(
            "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f a0a1a2a3");
        IpsecSa sa(p, CryptoMode::REAL);
        Bytes wire = HexToBytes("01020304 00000005 1011121314151617"
                                "24039428b97f417e3c13753a4f05087b67c352e6a7fab1b982d466ef407ae5c6"
                                "14ee8099d52844eb61aa95dfab4c02f72aa71e7c4c4f64c9befe2facc638e8f3"
                                "cbec163fac469b502773f6fb94e664da9165b82829f641e076aaa8266b7fb0f7"
                                "b11b369907e1ad43");
        Bytes inner = HexToBytes("45000054a6f200004001e778c6336405c000020508005b7a3a080000553bec10"
                                 "0007362708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223"
                                 "2425262728292a2b2c2d2e2f3031323334353637");
        EspProcessor esp(CreateObject<UniformRandomVariable>());
        Ptr<Packet> packet = Create<Packet>(wire.data(), wire.size());
        uint64_t seq = 0;
        auto reason = esp.Decapsulate(sa, packet, seq);
        NS_TEST_ASSERT_MSG_EQ(reason.has_value(), false, "accepted");
        NS_TEST_ASSERT_MSG_EQ(seq, 5, "sequence number");
        NS_TEST_ASSERT_MSG_EQ(BytesToHex(ToBytes(packet)), BytesToHex(inner), "inner packet");

        // The same packet with one ciphertext bit flipped fails the ICV.
        IpsecSa fresh(p, CryptoMode::REAL);
        wire[20] ^= 0x01;
        Ptr<Packet> tampered = Create<Packet>(wire.data(), wire.size());
        reason = esp.Decapsulate(fresh, tampered, seq);
        NS_TEST_ASSERT_MSG_EQ(reason.has_value(), true, "tampered packet refused");
        NS_TEST_ASSERT_MSG_EQ(ToString(*reason), "icv_failure", "for its ICV");
    }
};

class EspLayoutTestCase : public TestCase
{
  public:
    EspLayoutTestCase()
        : TestCase("every suite: SPI, sequence, IV, padding 1,2,3.., trailer and ICV in place")
    {
    }

  private:
    void DoRun() override
    {
        EspProcessor esp(CreateObject<UniformRandomVariable>());
        for (std::string keyword : CipherSuite::Keywords())
        {
            for (bool esn : {false, true})
            {
                for (uint32_t length : {0u, 1u, 2u, 3u, 13u, 14u, 15u, 16u, 1372u})
                {
                    SaPair pair = MakePair(keyword, esn, CryptoMode::REAL);
                    const CipherSuite& suite = pair.out->Params().suite;
                    Bytes inner = MakeInnerPacket(length);
                    Ptr<Packet> packet = Create<Packet>(inner.data(), inner.size());
                    uint64_t seq;
                    pair.out->NextSequence(seq);
                    esp.Encapsulate(*pair.out, seq, packet);
                    Bytes wire = ToBytes(packet);
                    uint32_t align = suite.BlockSize() > 4 ? suite.BlockSize() : 4;
                    uint32_t payload = wire.size() - 8 - suite.IvSize() - suite.IcvSize();
                    NS_TEST_ASSERT_MSG_EQ(payload % align, 0, keyword << " trailer aligned");
                    NS_TEST_ASSERT_MSG_EQ(
                        (payload - inner.size() - 2 < align), true, keyword << " minimal padding");
                    NS_TEST_ASSERT_MSG_EQ(wire.size(),
                                          inner.size()
                                              + EspProcessor::Overhead(suite, inner.size()),
                                          keyword << " Overhead() matches");
                    NS_TEST_ASSERT_MSG_EQ(BytesToHex(Bytes(wire.begin(), wire.begin() + 8)),
                                          "0000100100000001",
                                          keyword << " SPI and sequence number");
                    if (suite.IsAead())
                    {
                        NS_TEST_ASSERT_MSG_EQ(
                            BytesToHex(Bytes(wire.begin() + 8, wire.begin() + 16)),
                            "0000000000000001",
                            keyword << " IV is the 64-bit sequence number");
                    }
                    uint64_t got;
                    auto reason = esp.Decapsulate(*pair.in, packet, got);
                    NS_TEST_ASSERT_MSG_EQ(reason.has_value(), false, keyword << " opens");
                    NS_TEST_ASSERT_MSG_EQ(got, seq, keyword << " sequence");
                    NS_TEST_ASSERT_MSG_EQ(BytesToHex(ToBytes(packet)),
                                          BytesToHex(inner),
                                          keyword << " round trip of " << length);
                }
            }
        }
    }
};

class EspTamperTestCase : public TestCase
{
  public:
    EspTamperTestCase()
        : TestCase("a flipped bit anywhere is an ICV failure and does not move the window")
    {
    }

  private:
    void DoRun() override
    {
        EspProcessor esp(CreateObject<UniformRandomVariable>());
        for (std::string keyword : CipherSuite::Keywords())
        {
            SaPair pair = MakePair(keyword, true, CryptoMode::REAL);
            Bytes inner = MakeInnerPacket(100);
            Ptr<Packet> packet = Create<Packet>(inner.data(), inner.size());
            uint64_t seq;
            pair.out->NextSequence(seq);
            esp.Encapsulate(*pair.out, seq, packet);
            Bytes wire = ToBytes(packet);
            // Sequence number, IV, ciphertext start and end, ICV.
            for (size_t at : {size_t(7), size_t(9), size_t(30), wire.size() - 20, wire.size() - 1})
            {
                Bytes bad = wire;
                bad[at] ^= 0x40;
                Ptr<Packet> p = Create<Packet>(bad.data(), bad.size());
                uint64_t s;
                auto reason = esp.Decapsulate(*pair.in, p, s);
                NS_TEST_ASSERT_MSG_EQ((reason && *reason == IpsecDropReason::ICV_FAILURE),
                                      true,
                                      keyword << " byte " << at << " flipped");
            }
            NS_TEST_ASSERT_MSG_EQ(pair.in->GetCounters().integrityFailures, 5, "counted");
            Ptr<Packet> good = Create<Packet>(wire.data(), wire.size());
            uint64_t s;
            NS_TEST_ASSERT_MSG_EQ(esp.Decapsulate(*pair.in, good, s).has_value(),
                                  false,
                                  keyword << " the original still opens");
            good = Create<Packet>(wire.data(), wire.size());
            auto again = esp.Decapsulate(*pair.in, good, s);
            NS_TEST_ASSERT_MSG_EQ((again && *again == IpsecDropReason::REPLAY_DUPLICATE),
                                  true,
                                  keyword << " and only once");
        }
    }
};

class EspMalformedTestCase : public TestCase
{
  public:
    EspMalformedTestCase()
        : TestCase("truncated, misaligned, badly padded, dummy and non-IPv4 packets are refused")
    {
    }

  private:
    /// An ESP packet (size-only, so its plaintext is on the wire) with a chosen trailer.
    static Ptr<Packet> Craft(Bytes body, uint8_t padLength, uint8_t nextHeader, uint32_t seq)
    {
        Bytes wire = HexToBytes("00001001");
        wire.push_back(static_cast<uint8_t>(seq >> 24));
        wire.push_back(static_cast<uint8_t>(seq >> 16));
        wire.push_back(static_cast<uint8_t>(seq >> 8));
        wire.push_back(static_cast<uint8_t>(seq));
        wire.insert(wire.end(), 8, 0); // IV
        wire.insert(wire.end(), body.begin(), body.end());
        wire.push_back(padLength);
        wire.push_back(nextHeader);
        wire.insert(wire.end(), 16, 0); // ICV
        return Create<Packet>(wire.data(), wire.size());
    }

    std::string Outcome(IpsecSa& sa, Ptr<Packet> p)
    {
        uint64_t seq;
        auto reason = m_esp.Decapsulate(sa, p, seq);
        return reason ? ToString(*reason) : "ok";
    }

    void DoRun() override
    {
        SaPair gcm = MakePair("aes128gcm16", false, CryptoMode::SIZE_ONLY);
        Bytes inner = MakeInnerPacket(2); // 30 bytes: padding 0 aligns 30 + 2
        NS_TEST_ASSERT_MSG_EQ(Outcome(*gcm.in, Craft(inner, 0, 4, 1)), "ok", "well formed");
        Bytes padded = inner;
        padded.insert(padded.end(), {1, 2, 3, 4});
        NS_TEST_ASSERT_MSG_EQ(Outcome(*gcm.in, Craft(padded, 4, 4, 2)), "ok", "padding 1..4");
        Bytes badPad = inner;
        badPad.insert(badPad.end(), {1, 2, 7, 4});
        NS_TEST_ASSERT_MSG_EQ(Outcome(*gcm.in, Craft(badPad, 4, 4, 3)), "bad_padding", "1,2,7,4");
        NS_TEST_ASSERT_MSG_EQ(
            Outcome(*gcm.in, Craft(inner, 0, 59, 4)), "dummy_packet", "next header 59");
        NS_TEST_ASSERT_MSG_EQ(Outcome(*gcm.in, Craft(inner, 0, 41, 5)),
                              "malformed",
                              "next header IPv6 in an IPv4 tunnel");
        NS_TEST_ASSERT_MSG_EQ(Outcome(*gcm.in, Craft(inner, 200, 4, 6)),
                              "malformed",
                              "pad length beyond the payload");
        Bytes notIp(30, 0x11);
        NS_TEST_ASSERT_MSG_EQ(
            Outcome(*gcm.in, Craft(notIp, 0, 4, 7)), "malformed", "inner bytes not IPv4");
        for (uint32_t size : {0u, 4u, 8u, 16u, 33u})
        {
            Bytes tiny(size, 0);
            Ptr<Packet> p = Create<Packet>(tiny.data(), tiny.size());
            NS_TEST_ASSERT_MSG_EQ(Outcome(*gcm.in, p), "truncated", size << " bytes");
        }
        SaPair cbc = MakePair("aes256-sha256", false, CryptoMode::REAL);
        Bytes misaligned(8 + 16 + 20 + 16, 0);
        misaligned[3] = 0x01;
        misaligned[2] = 0x10;
        misaligned[7] = 1;
        NS_TEST_ASSERT_MSG_EQ(
            Outcome(*cbc.in, Create<Packet>(misaligned.data(), misaligned.size())),
            "malformed",
            "CBC ciphertext that is not whole blocks");
    }

    EspProcessor m_esp{CreateObject<UniformRandomVariable>()};
};

class EspEsnTestCase : public TestCase
{
  public:
    EspEsnTestCase()
        : TestCase("ESN: sending across 2^32 works and the high bits are authenticated")
    {
    }

  private:
    void DoRun() override
    {
        EspProcessor esp(CreateObject<UniformRandomVariable>());
        for (std::string keyword : {"aes128gcm16", "aes256-sha256"})
        {
            SaPair pair = MakePair(keyword, true, CryptoMode::REAL);
            pair.out->SetLastSequence(0x1FFFFFFFEULL);
            pair.in->Replay().SetTop(0x1FFFFFFF0ULL);
            for (uint64_t expected : {0x1FFFFFFFFULL, 0x200000000ULL, 0x200000001ULL})
            {
                Bytes inner = MakeInnerPacket(50);
                Ptr<Packet> p = Create<Packet>(inner.data(), inner.size());
                uint64_t seq;
                pair.out->NextSequence(seq);
                NS_TEST_ASSERT_MSG_EQ(seq, expected, "sender counter");
                esp.Encapsulate(*pair.out, seq, p);
                Bytes wire = ToBytes(p);
                uint32_t low
                    = (uint32_t{wire[4]} << 24) | (wire[5] << 16) | (wire[6] << 8) | wire[7];
                NS_TEST_ASSERT_MSG_EQ(low, static_cast<uint32_t>(expected), "low bits on the wire");
                uint64_t got;
                NS_TEST_ASSERT_MSG_EQ(esp.Decapsulate(*pair.in, p, got).has_value(),
                                      false,
                                      keyword << " accepted across the wrap");
                NS_TEST_ASSERT_MSG_EQ(got, expected, "receiver inferred the high bits");
            }
            // A receiver that infers other high bits computes another ICV.
            SaPair other = MakePair(keyword, true, CryptoMode::REAL);
            other.out->SetLastSequence(0x200000004ULL);
            other.in->Replay().SetTop(0x0FFFFFFF0ULL);
            Bytes inner = MakeInnerPacket(50);
            Ptr<Packet> p = Create<Packet>(inner.data(), inner.size());
            uint64_t seq;
            other.out->NextSequence(seq);
            esp.Encapsulate(*other.out, seq, p);
            uint64_t got;
            auto reason = esp.Decapsulate(*other.in, p, got);
            NS_TEST_ASSERT_MSG_EQ(got, 0x100000005ULL, "inferred one epoch too low");
            NS_TEST_ASSERT_MSG_EQ((reason && *reason == IpsecDropReason::ICV_FAILURE),
                                  true,
                                  keyword << " so the ICV fails");
        }
        SaPair plain = MakePair("aes128gcm16", false, CryptoMode::REAL);
        plain.out->SetLastSequence(0xFFFFFFFFULL);
        uint64_t seq;
        NS_TEST_ASSERT_MSG_EQ(plain.out->NextSequence(seq), false, "32-bit counter cannot cycle");
        SaPair esn = MakePair("aes128gcm16", true, CryptoMode::REAL);
        esn.out->SetLastSequence(0xFFFFFFFFULL);
        NS_TEST_ASSERT_MSG_EQ(esn.out->NextSequence(seq), true, "ESN counter continues");
        NS_TEST_ASSERT_MSG_EQ(seq, 0x100000000ULL, "to 2^32");
    }
};

class EspSizeOnlyTestCase : public TestCase
{
  public:
    EspSizeOnlyTestCase()
        : TestCase("size-only mode writes packets of exactly the real length, unencrypted")
    {
    }

  private:
    void DoRun() override
    {
        EspProcessor esp(CreateObject<UniformRandomVariable>());
        for (std::string keyword : CipherSuite::Keywords())
        {
            SaPair real = MakePair(keyword, false, CryptoMode::REAL);
            SaPair sizeOnly = MakePair(keyword, false, CryptoMode::SIZE_ONLY);
            NS_TEST_ASSERT_MSG_EQ((sizeOnly.out->GetCipher() == nullptr), true, "no transform");
            Bytes inner = MakeInnerPacket(333);
            Ptr<Packet> a = Create<Packet>(inner.data(), inner.size());
            Ptr<Packet> b = Create<Packet>(inner.data(), inner.size());
            uint64_t seq;
            real.out->NextSequence(seq);
            esp.Encapsulate(*real.out, seq, a);
            sizeOnly.out->NextSequence(seq);
            esp.Encapsulate(*sizeOnly.out, seq, b);
            NS_TEST_ASSERT_MSG_EQ(a->GetSize(), b->GetSize(), keyword << " same length");
            Bytes wire = ToBytes(b);
            uint32_t ivSize = sizeOnly.out->Params().suite.IvSize();
            NS_TEST_ASSERT_MSG_EQ(
                BytesToHex(Bytes(wire.begin() + 8 + ivSize, wire.begin() + 8 + ivSize + 20)),
                BytesToHex(Bytes(inner.begin(), inner.begin() + 20)),
                keyword << " inner header in clear");
            uint64_t got;
            NS_TEST_ASSERT_MSG_EQ(
                esp.Decapsulate(*sizeOnly.in, b, got).has_value(), false, keyword << " opens");
            NS_TEST_ASSERT_MSG_EQ(BytesToHex(ToBytes(b)), BytesToHex(inner), "round trip");
        }
    }
};

class EspMutationTestCase : public TestCase
{
  public:
    EspMutationTestCase()
        : TestCase("10,000 mutated and random packets: each refused or opened, never a crash")
    {
    }

  private:
    void DoRun() override
    {
        EspProcessor esp(CreateObject<UniformRandomVariable>());
        Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
        rng->SetStream(77);
        uint32_t accepted = 0;
        for (std::string keyword : CipherSuite::Keywords())
        {
            SaPair pair = MakePair(keyword, true, CryptoMode::REAL, 4096);
            for (uint32_t i = 0; i < 2000; ++i)
            {
                Bytes inner = MakeInnerPacket(rng->GetInteger(0, 300));
                Ptr<Packet> p = Create<Packet>(inner.data(), inner.size());
                uint64_t seq;
                pair.out->NextSequence(seq);
                esp.Encapsulate(*pair.out, seq, p);
                Bytes wire = ToBytes(p);
                switch (i % 4)
                {
                    case 0: // flip random bits
                        for (uint32_t k = rng->GetInteger(1, 4); k > 0; --k)
                        {
                            wire[rng->GetInteger(0, wire.size() - 1)] ^= 1 << rng->GetInteger(0, 7);
                        }
                        break;
                    case 1: // cut
                        wire.resize(rng->GetInteger(0, wire.size() - 1));
                        break;
                    case 2: // random bytes behind a valid SPI
                        for (size_t k = 4; k < wire.size(); ++k)
                        {
                            wire[k] = static_cast<uint8_t>(rng->GetInteger(0, 255));
                        }
                        break;
                    default: // untouched: must open
                        break;
                }
                Ptr<Packet> q = Create<Packet>(wire.data(), wire.size());
                uint64_t got;
                auto reason = esp.Decapsulate(*pair.in, q, got);
                if (!reason)
                {
                    accepted++;
                    NS_TEST_ASSERT_MSG_EQ(BytesToHex(ToBytes(q)),
                                          BytesToHex(inner),
                                          "whatever opens is the original");
                }
            }
        }
        NS_TEST_ASSERT_MSG_EQ(accepted, 5 * 500, "exactly the untouched ones open");
    }
};

class EspProcessorTestSuite : public TestSuite
{
  public:
    EspProcessorTestSuite()
        : TestSuite("ipsec-esp", UNIT)
    {
        AddTestCase(new EspRfc7634PacketTestCase, TestCase::QUICK);
        AddTestCase(new EspLayoutTestCase, TestCase::QUICK);
        AddTestCase(new EspTamperTestCase, TestCase::QUICK);
        AddTestCase(new EspMalformedTestCase, TestCase::QUICK);
        AddTestCase(new EspEsnTestCase, TestCase::QUICK);
        AddTestCase(new EspSizeOnlyTestCase, TestCase::QUICK);
        AddTestCase(new EspMutationTestCase, TestCase::QUICK);
    }
};

EspProcessorTestSuite g_espProcessorTestSuite;

} // namespace
