/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Known-answer tests for the IKEv2 PRF and prf+: RFC 4868 PRF vectors, the CAVP prf+ vectors
// (protocols.md 4.3, 4.4) and the worked HMAC-SHA2-256 / X25519 / AES-GCM-256 key derivation
// (protocols.md 4.6).

#include "ns3/cipher-suite.h"
#include "ns3/prf.h"
#include "ns3/test.h"

#include <stdexcept>

using namespace ns3;

namespace
{

/**
 * \param parts byte strings
 * \returns their concatenation
 */
Bytes
Concat(std::initializer_list<Bytes> parts)
{
    Bytes out;
    for (const auto& part : parts)
    {
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

/**
 * \param bytes a byte string
 * \param offset first octet
 * \param length octets
 * \returns bytes[offset, offset + length) as hex
 */
std::string
SliceHex(const Bytes& bytes, size_t offset, size_t length)
{
    return BytesToHex(bytes.data() + offset, length);
}

} // namespace

/**
 * \ingroup ipsec-tests
 * \brief RFC 4868 PRF test vectors for PRF_HMAC_SHA2_256, _384 and _512.
 */
class PrfRfc4868TestCase : public TestCase
{
  public:
    PrfRfc4868TestCase()
        : TestCase("RFC 4868 PRF vectors (HMAC-SHA2-256, 384, 512)")
    {
    }

  private:
    void DoRun() override
    {
        struct Vector
        {
            PrfAlgorithm algorithm;
            const char* key;
            const char* data;
            const char* out;
        };

        const Vector vectors[] = {
            {PrfAlgorithm::HMAC_SHA2_256,
             "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
             "4869205468657265",
             "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
            {PrfAlgorithm::HMAC_SHA2_384,
             "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
             "4869205468657265",
             "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
             "faea9ea9076ede7f4af152e8b2fa9cb6"},
            {PrfAlgorithm::HMAC_SHA2_512,
             "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
             "4869205468657265",
             "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
             "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"},
            {PrfAlgorithm::HMAC_SHA2_256,
             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
             "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
             "dddddddddddddddddddddddddddddddddddd",
             "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
            {PrfAlgorithm::HMAC_SHA2_256,
             "0102030405060708090a0b0c0d0e0f10111213141516171819",
             "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
             "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
             "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
        };
        for (const auto& v : vectors)
        {
            auto prf = Prf::Create(v.algorithm);
            Bytes out = prf->Compute(HexToBytes(v.key), HexToBytes(v.data));
            NS_TEST_ASSERT_MSG_EQ(BytesToHex(out),
                                  v.out,
                                  "PRF " << static_cast<int>(v.algorithm) << " key " << v.key);
        }
    }
};

/**
 * \ingroup ipsec-tests
 * \brief Algorithm(), OutputSize() and the PSK "Key Pad for IKEv2" building block.
 */
class PrfPropertiesTestCase : public TestCase
{
  public:
    PrfPropertiesTestCase()
        : TestCase("Algorithm, OutputSize and the PSK key pad")
    {
    }

  private:
    void DoRun() override
    {
        const std::pair<PrfAlgorithm, size_t> sizes[] = {{PrfAlgorithm::HMAC_SHA2_256, 32},
                                                         {PrfAlgorithm::HMAC_SHA2_384, 48},
                                                         {PrfAlgorithm::HMAC_SHA2_512, 64}};
        for (const auto& [algorithm, size] : sizes)
        {
            auto prf = Prf::Create(algorithm);
            NS_TEST_ASSERT_MSG_EQ(
                static_cast<int>(prf->Algorithm()), static_cast<int>(algorithm), "Algorithm()");
            NS_TEST_ASSERT_MSG_EQ(prf->OutputSize(), size, "OutputSize()");
            NS_TEST_ASSERT_MSG_EQ(
                prf->Compute(Bytes(3, 1), Bytes(5, 2)).size(), size, "Compute output length");
            NS_TEST_ASSERT_MSG_EQ(prf->Compute({}, {}).size(), size, "empty key and data");
        }
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(PrfAlgorithm::HMAC_SHA2_256), 5, "IANA id");
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(PrfAlgorithm::HMAC_SHA2_384), 6, "IANA id");
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(PrfAlgorithm::HMAC_SHA2_512), 7, "IANA id");
        bool threw = false;
        try
        {
            Prf::Create(static_cast<PrfAlgorithm>(2)); // PRF_HMAC_SHA1: not supported
        }
        catch (const std::invalid_argument&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "unsupported PRF throws");

        // protocols.md 2.10: prf(PSK, "Key Pad for IKEv2") with PSK "0123456789abcdef" x 2.
        std::string psk = "0123456789abcdef0123456789abcdef";
        std::string pad = "Key Pad for IKEv2";
        auto prf = Prf::Create(PrfAlgorithm::HMAC_SHA2_256);
        NS_TEST_ASSERT_MSG_EQ(
            BytesToHex(prf->Compute(Bytes(psk.begin(), psk.end()), Bytes(pad.begin(), pad.end()))),
            "9c978b51977b06a863e300dccfa203741de8fdc15b18d4cbbc0e007d3c23f9bd",
            "PSK key pad");
    }
};

/**
 * \ingroup ipsec-tests
 * \brief prf+ of RFC 7296 section 2.13: CAVP and RFC 4868-derived vectors, truncation, limit.
 */
class PrfPlusTestCase : public TestCase
{
  public:
    PrfPlusTestCase()
        : TestCase("prf+ vectors, truncation and the 255-block limit")
    {
    }

  private:
    void DoRun() override
    {
        auto prf = Prf::Create(PrfAlgorithm::HMAC_SHA2_256);
        // CAVP SP 800-135 IKEv2, HMAC-SHA2-256 (protocols.md 4.4)
        Bytes key = HexToBytes("37fde90b81d63692620f67367b62092e3efdc6a03509137d731004767ff35010");
        Bytes seed = HexToBytes("ed80dc79912c32a935fb6d1a3feac07847c1858efc932ea4606fd05609624002");
        std::string expected = "63d018a08f7a29daa7d1f92cb63f45fa39bbaf5e5f1a78139613bb891e3e6bf9"
                               "d0448f7c74e05b4c1a25c0b61e62c875e852f287e192d4ae536112db51972164"
                               "00bd5e123470efc15f53161865fe8b19a1416518a157d651ecd2caddab6a9eae"
                               "6a27a55af088218d5156edaa9789f934d9836ed43edffda553822202ff9f7d48"
                               "60ca72e0";
        Bytes out = prf->PrfPlus(key, seed, 132);
        NS_TEST_ASSERT_MSG_EQ(BytesToHex(out), expected, "CAVP prf+ 132 octets");
        // A shorter request is a prefix; T1 = prf(K, S | 0x01).
        NS_TEST_ASSERT_MSG_EQ(BytesToHex(prf->PrfPlus(key, seed, 45)),
                              expected.substr(0, 90),
                              "prf+ 45 octets is a prefix");
        Bytes seed1 = seed;
        seed1.push_back(0x01);
        NS_TEST_ASSERT_MSG_EQ(
            BytesToHex(prf->Compute(key, seed1)), expected.substr(0, 64), "T1 = prf(K, S | 0x01)");
        NS_TEST_ASSERT_MSG_EQ(prf->PrfPlus(key, seed, 0).size(), 0, "prf+ of 0 octets");

        // Derived from RFC 4868 (strongSwan kdf_prf_plus.c), 122 octets
        Bytes legacy = prf->PrfPlus(HexToBytes("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
                                    HexToBytes("4869205468657265"),
                                    122);
        NS_TEST_ASSERT_MSG_EQ(BytesToHex(legacy),
                              "b9bdc08988b4c2b75aa93e596ac84205fa2ddde1bf7a2572067b00e14b237732"
                              "830509981ad2f94a8c32a47daa2255b660c436347ae756a6edc023477d809590"
                              "e682f61d9c04b06b4ad971a34c8147fa66792ff1434b93c722b32e12f48832eb"
                              "c15ce2369ce71fe9b7b81e5704c14d0f5280a6ec626e992d7a9f",
                              "RFC 4868-derived prf+ 122 octets");

        // 255 blocks is the most prf+ defines.
        for (auto algorithm : {PrfAlgorithm::HMAC_SHA2_256,
                               PrfAlgorithm::HMAC_SHA2_384,
                               PrfAlgorithm::HMAC_SHA2_512})
        {
            auto p = Prf::Create(algorithm);
            size_t max = 255 * p->OutputSize();
            Bytes all = p->PrfPlus(key, seed, max);
            NS_TEST_ASSERT_MSG_EQ(all.size(), max, "255 blocks allowed");
            // The last block uses counter 255: T255 = prf(K, T254 | S | 0xff).
            Bytes t254(all.end() - 2 * p->OutputSize(), all.end() - p->OutputSize());
            Bytes input = t254;
            input.insert(input.end(), seed.begin(), seed.end());
            input.push_back(0xff);
            NS_TEST_ASSERT_MSG_EQ(BytesToHex(p->Compute(key, input)),
                                  SliceHex(all, max - p->OutputSize(), p->OutputSize()),
                                  "T255 = prf(K, T254 | S | 0xff)");
            bool threw = false;
            try
            {
                p->PrfPlus(key, seed, max + 1);
            }
            catch (const std::invalid_argument&)
            {
                threw = true;
            }
            NS_TEST_ASSERT_MSG_EQ(threw, true, "256 blocks throw");
        }
    }
};

/**
 * \ingroup ipsec-tests
 * \brief The worked IKEv2 derivation of protocols.md 4.6: SKEYSEED, the IKE SA keys, Child SA
 * KEYMAT with and without PFS, and the IKE SA rekey SKEYSEED.
 */
class KeyDerivationTestCase : public TestCase
{
  public:
    KeyDerivationTestCase()
        : TestCase("worked HMAC-SHA2-256, X25519, AES-GCM-256 derivation (SKEYSEED to KEYMAT)")
    {
    }

  private:
    void DoRun() override
    {
        auto prf = Prf::Create(PrfAlgorithm::HMAC_SHA2_256);
        CipherSuite suite = CipherSuite::FromKeyword("aes256gcm16");
        Bytes gir = HexToBytes("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        Bytes ni = HexToBytes("101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f");
        Bytes nr = HexToBytes("303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f");
        Bytes spii = HexToBytes("0102030405060708");
        Bytes spir = HexToBytes("1112131415161718");

        // SKEYSEED = prf(Ni | Nr, g^ir)
        Bytes skeyseed = prf->Compute(Concat({ni, nr}), gir);
        NS_TEST_ASSERT_MSG_EQ(BytesToHex(skeyseed),
                              "12dc60fed8489ab1e61bd8d8c660b31f496de38e1996b6815bfa894c2d8e51eb",
                              "SKEYSEED");

        // {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+(SKEYSEED, Ni|Nr|SPIi|SPIr)
        size_t prfKey = prf->OutputSize();
        size_t integ = suite.IntegKeyBytes();
        size_t encr = suite.EncrKeyBytes();
        size_t total = 3 * prfKey + 2 * integ + 2 * encr;
        NS_TEST_ASSERT_MSG_EQ(total, 168, "32+0+0+36+36+32+32");
        Bytes keys = prf->PrfPlus(skeyseed, Concat({ni, nr, spii, spir}), total);
        size_t offset = 0;
        Bytes skD(keys.begin(), keys.begin() + prfKey);
        NS_TEST_ASSERT_MSG_EQ(SliceHex(keys, offset, prfKey),
                              "a1462302dab264154678fc20447767a2a539ba29793fb4b6fc5dbe197d89182a",
                              "SK_d");
        offset += prfKey + 2 * integ;
        NS_TEST_ASSERT_MSG_EQ(SliceHex(keys, offset, encr),
                              "76b4ce537701882c172981700494fc542cdd7563514422aa0b4da3579ad2e331"
                              "99dfa7a5",
                              "SK_ei (key | salt)");
        offset += encr;
        NS_TEST_ASSERT_MSG_EQ(SliceHex(keys, offset, encr),
                              "a44c178bad8bc2104eb9fad896f1540cfe973f1d12cc98612bffd76cf47c1686"
                              "000391a3",
                              "SK_er (key | salt)");
        offset += encr;
        NS_TEST_ASSERT_MSG_EQ(SliceHex(keys, offset, prfKey),
                              "b36999e527477cba39d781cb5633bab15c00f634891f91ff6129d75d5f867234",
                              "SK_pi");
        offset += prfKey;
        NS_TEST_ASSERT_MSG_EQ(SliceHex(keys, offset, prfKey),
                              "00ef68a8a2857e37b83ae7e539a5e8a7a9b492630e4fff69a9509d76d8ca6d38",
                              "SK_pr");

        // First Child SA: KEYMAT = prf+(SK_d, Ni | Nr), i->r then r->i, each key | salt.
        Bytes keymat = prf->PrfPlus(skD, Concat({ni, nr}), 2 * encr);
        NS_TEST_ASSERT_MSG_EQ(SliceHex(keymat, 0, encr),
                              "63b38f97c864f463b3ef0ca227864ade4c14fe61e1bcb1861ec69195dc4ae355"
                              "30d0a3b5",
                              "KEYMAT initiator to responder");
        NS_TEST_ASSERT_MSG_EQ(SliceHex(keymat, encr, encr),
                              "41c54728d826af9225198a6584b335a1ee9b0778fbd3b0ed74a894fe5b3a5025"
                              "199421b8",
                              "KEYMAT responder to initiator");

        // Additional Child SA with PFS: KEYMAT = prf+(SK_d, g^ir (new) | Ni2 | Nr2)
        Bytes girNew
            = HexToBytes("c74950607a12327f3204d94b6825bfb068b7f8319a9e3708ed3d43ce8130c950");
        Bytes ni2 = HexToBytes("505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f");
        Bytes nr2 = HexToBytes("707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f");
        Bytes pfsKeymat = prf->PrfPlus(skD, Concat({girNew, ni2, nr2}), 2 * encr);
        NS_TEST_ASSERT_MSG_EQ(BytesToHex(pfsKeymat),
                              "2ddb3f9a5b2ec0ce6464a34e93b8c0534e0af9f64c5c6482222e4305e1381757"
                              "ae389d92"
                              "f5cfbf8059c19cdaddd4c0d8de5d2ff4251c259be3116124b897dbdf574ea39f"
                              "d7514e6b",
                              "PFS KEYMAT");

        // IKE SA rekey: SKEYSEED' = prf(SK_d (old), g^ir (new) | Ni2 | Nr2)
        NS_TEST_ASSERT_MSG_EQ(BytesToHex(prf->Compute(skD, Concat({girNew, ni2, nr2}))),
                              "bdce654d55fa679d3cc83e29d93e7ac56cb45956bc7ad4d3480df603d1e425c1",
                              "SKEYSEED'");
    }
};

/**
 * \ingroup ipsec-tests
 * \brief The ipsec-prf test suite.
 */
class PrfTestSuite : public TestSuite
{
  public:
    PrfTestSuite()
        : TestSuite("ipsec-prf", UNIT)
    {
        AddTestCase(new PrfRfc4868TestCase, TestCase::QUICK);
        AddTestCase(new PrfPropertiesTestCase, TestCase::QUICK);
        AddTestCase(new PrfPlusTestCase, TestCase::QUICK);
        AddTestCase(new KeyDerivationTestCase, TestCase::QUICK);
    }
};

/// The suite's static instance.
static PrfTestSuite g_prfTestSuite;
