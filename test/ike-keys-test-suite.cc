/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// IKEv2 key derivation through IkeKeySchedule: the NIST CAVS SP 800-135 IKEv2 vector (HMAC-SHA-1,
// with a PRF defined here because the module offers SHA-2 PRFs only), the worked HMAC-SHA2-256 /
// X25519 / AES-GCM-256 derivation of protocols.md 4.6, the PSK pad of protocols.md 2.10, PSK AUTH
// against an independent computation (Python hmac), and the SK ciphers of each direction.

#include "ns3/crypto-bytes.h"
#include "ns3/diffie-hellman.h"
#include "ns3/ike-id-payload.h"
#include "ns3/ike-key-schedule.h"
#include "ns3/prf.h"
#include "ns3/test.h"

#include <cryptopp/hmac.h>
#include <cryptopp/sha.h>

using namespace ns3;

namespace
{

/**
 * \brief PRF_HMAC_SHA1 (transform ID 2), only for the CAVS vector: Prf's subclasses are the
 * production PRFs, all SHA-2.
 */
class HmacSha1Prf : public Prf
{
  public:
    HmacSha1Prf()
        : Prf(static_cast<PrfAlgorithm>(2), CryptoPP::SHA1::DIGESTSIZE)
    {
    }

  protected:
    void DoCompute(const uint8_t* key,
                   size_t keyLen,
                   const uint8_t* data1,
                   size_t data1Len,
                   const uint8_t* data2,
                   size_t data2Len,
                   const uint8_t* data3,
                   size_t data3Len,
                   uint8_t* output) const override
    {
        CryptoPP::HMAC<CryptoPP::SHA1> hmac(key, keyLen);
        hmac.Update(data1, data1Len);
        hmac.Update(data2, data2Len);
        hmac.Update(data3, data3Len);
        hmac.Final(output);
    }
};

/// \return bytes[offset, offset + length) as hex.
std::string
Slice(const Bytes& bytes, size_t offset, size_t length)
{
    return BytesToHex(bytes.data() + offset, length);
}

/// \return the concatenation of the keys in the order of RFC 7296 section 2.14.
Bytes
Joined(const IkeSaKeys& keys)
{
    Bytes out;
    for (const Bytes* key :
         {&keys.skD, &keys.skAi, &keys.skAr, &keys.skEi, &keys.skEr, &keys.skPi, &keys.skPr})
    {
        out.insert(out.end(), key->begin(), key->end());
    }
    return out;
}

} // namespace

/**
 * \ingroup ipsec-tests
 * \brief NIST CAVS SP 800-135 IKEv2 (libreswan's ACVP copy, protocols.md 4.5): SKEYSEED, DKM,
 * Child SA DKM with and without D-H, and the rekey SKEYSEED, with HMAC-SHA-1.
 */
class IkeCavsTestCase : public TestCase
{
  public:
    IkeCavsTestCase()
        : TestCase("CAVS SP 800-135 IKEv2 vector (HMAC-SHA-1): SKEYSEED -> DKM -> child DKM -> "
                   "rekey SKEYSEED")
    {
    }

  private:
    void DoRun() override
    {
        Bytes ni = HexToBytes("32b50d5f4a3763f3");
        Bytes nr = HexToBytes("9206a04b26564cb1");
        Bytes gir = HexToBytes("4b2c1f971981a8ad8d0abeafabf38cf75fc8349c148142465ed9c8b516b8be52");
        Bytes girNew
            = HexToBytes("863f3c9d06efd39d2b907b97f8699e5dd5251ef64a2a176f36ee40c87d4f9330");
        uint64_t spiI = 0x34c9e7c188868785ULL;
        uint64_t spiR = 0x3ff77d760d2b2199ULL;
        auto sha1 = std::make_shared<HmacSha1Prf>();
        IkeKeySchedule schedule(sha1, CipherSuite::FromKeyword("aes128-sha256"));

        Bytes skeyseed = schedule.ComputeSkeyseed(ni, nr, gir);
        NS_TEST_EXPECT_MSG_EQ(
            BytesToHex(skeyseed), "a9a7b222b59f8f48645f28a1db5b5f5d7479cba7", "SKEYSEED");
        Bytes dkm = schedule.ComputeKeyMaterial(skeyseed, ni, nr, spiI, spiR, 132);
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(dkm),
                              "a14293677cc80ff8f9cc0eee30d895da9d8f405666e30ef0dfcb63c634a46002"
                              "a2a63080e514a062768b76606f9fa5e992204fc5a670bde3f10d6b027113936a"
                              "5c55b648a194ae587b0088d52204b702c979fa280870d2ed41efa9c549fd1119"
                              "8af1670b143d384bd275c5f594cf266b05ebadca855e4249520a441a81157435"
                              "a7a56cc4",
                              "DKM");
        // The split takes SK_d (PRF output size, 20), SK_ai, SK_ar (32 each), SK_ei, SK_er ...
        IkeSaKeys keys = schedule.DeriveIkeSaKeys(ni, nr, gir, spiI, spiR);
        NS_TEST_EXPECT_MSG_EQ(
            BytesToHex(keys.skD), "a14293677cc80ff8f9cc0eee30d895da9d8f4056", "SK_d");
        NS_TEST_EXPECT_MSG_EQ(schedule.GetKeyMaterialSize(), 3u * 20 + 2 * 32 + 2 * 16, "size");
        Bytes joined = Joined(keys);
        NS_TEST_EXPECT_MSG_EQ(Slice(joined, 0, 132), BytesToHex(dkm), "keys in DKM order");
        NS_TEST_EXPECT_MSG_EQ(Slice(keys.skAi, 0, 32), Slice(dkm, 20, 32), "SK_ai");
        NS_TEST_EXPECT_MSG_EQ(Slice(keys.skEr, 0, 16), Slice(dkm, 100, 16), "SK_er");

        Bytes child = schedule.ComputeChildKeyMaterial(keys.skD, ni, nr, {}, 132);
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(child),
                              "8059e3ee8810e6c3a91bc8bcd2a7a41151b8d0e6ae239c7b38093ad85ef4c581"
                              "1a8e7b5d1cdabd9560b2d5e092d1f24e2d4b85eccdf0ad0dc9abd94b51ee7181"
                              "4ca6dbc8bb51b6309f5b9545c7eb35cf5580b1e521a8fe20754a2d883ba0c2cf"
                              "285f524aea6545b33106bc03e614296d319d41d4b50b3f510b1c0a22f3e66499"
                              "4d234cb4",
                              "DKM(Child SA)");
        Bytes childDh = schedule.ComputeChildKeyMaterial(keys.skD, ni, nr, girNew, 132);
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(childDh),
                              "bb43244c1860ad65ee1e211ffe8bb3661750c8f89cb9f547df7f4fa61d373016"
                              "28190e38c66232eab4b3ab14c400a5197dd3730ed4820a8a10394d51e1c04000"
                              "52f63ebd36b0e7ef53aaed31eba4a5080d7d4b5666023a8bbb5ffb7857240f9a"
                              "05884d1b7d2f933708450b7b3288f1fc863ab49fa901227cffc06e27899c7054"
                              "d56fd74c",
                              "DKM(Child SA D-H)");
        // ESP AES-CBC-256 + HMAC-SHA2-256-128 from the D-H DKM: Kenc_i | Kint_i | Kenc_r | Kint_r
        IkeChildSaKeys childKeys = schedule.DeriveChildSaKeys(
            keys.skD, CipherSuite::FromKeyword("aes256-sha256"), ni, nr, girNew);
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(childKeys.initiatorEncr), Slice(childDh, 0, 32), "Kenc_i");
        NS_TEST_EXPECT_MSG_EQ(
            BytesToHex(childKeys.initiatorInteg), Slice(childDh, 32, 32), "Kint_i");
        NS_TEST_EXPECT_MSG_EQ(
            BytesToHex(childKeys.responderEncr), Slice(childDh, 64, 32), "Kenc_r");
        NS_TEST_EXPECT_MSG_EQ(
            BytesToHex(childKeys.responderInteg), Slice(childDh, 96, 32), "Kint_r");

        NS_TEST_EXPECT_MSG_EQ(
            BytesToHex(IkeKeySchedule::ComputeRekeySkeyseed(*sha1, keys.skD, girNew, ni, nr)),
            "63e81194946ebd05df7df5ebf5d8750056bf1f1d",
            "SKEYSEED(Rekey)");
    }
};

/**
 * \ingroup ipsec-tests
 * \brief The worked HMAC-SHA2-256 / X25519 / AES-GCM-16-256 derivation of protocols.md 4.6, from
 * the RFC 7748 key pair through the first Child SA, a PFS Child SA and an IKE SA rekey.
 */
class IkeSha256DerivationTestCase : public TestCase
{
  public:
    IkeSha256DerivationTestCase()
        : TestCase("worked SHA-256 derivation (protocols.md 4.6): X25519 -> SK_* -> KEYMAT -> "
                   "rekey")
    {
    }

  private:
    void DoRun() override
    {
        // g^ir from the RFC 7748 section 6.1 key pair, through DiffieHellman.
        auto alice = DiffieHellman::CreateFromPrivateKey(
            DhGroup::CURVE25519,
            HexToBytes("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        Bytes bobPublic
            = HexToBytes("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        Bytes gir;
        NS_TEST_ASSERT_MSG_EQ(alice->ComputeSharedSecret(bobPublic, gir), true, "X25519");
        Bytes ni = HexToBytes("101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f");
        Bytes nr = HexToBytes("303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f");
        uint64_t spiI = 0x0102030405060708ULL;
        uint64_t spiR = 0x1112131415161718ULL;
        CipherSuite gcm256 = CipherSuite::FromKeyword("aes256gcm16");
        IkeKeySchedule schedule(PrfAlgorithm::HMAC_SHA2_256, gcm256);

        NS_TEST_EXPECT_MSG_EQ(BytesToHex(schedule.ComputeSkeyseed(ni, nr, gir)),
                              "12dc60fed8489ab1e61bd8d8c660b31f496de38e1996b6815bfa894c2d8e51eb",
                              "SKEYSEED");
        NS_TEST_EXPECT_MSG_EQ(schedule.GetKeyMaterialSize(), 168u, "32|0|0|36|36|32|32");
        IkeSaKeys keys = schedule.DeriveIkeSaKeys(ni, nr, gir, spiI, spiR);
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(keys.skD),
                              "a1462302dab264154678fc20447767a2a539ba29793fb4b6fc5dbe197d89182a",
                              "SK_d");
        NS_TEST_EXPECT_MSG_EQ(keys.skAi.size() + keys.skAr.size(), 0u, "no SK_a with AEAD");
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(keys.skEi),
                              "76b4ce537701882c172981700494fc542cdd7563514422aa0b4da3579ad2e331"
                              "99dfa7a5",
                              "SK_ei with salt");
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(keys.skEr),
                              "a44c178bad8bc2104eb9fad896f1540cfe973f1d12cc98612bffd76cf47c1686"
                              "000391a3",
                              "SK_er with salt");
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(keys.skPi),
                              "b36999e527477cba39d781cb5633bab15c00f634891f91ff6129d75d5f867234",
                              "SK_pi");
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(keys.skPr),
                              "00ef68a8a2857e37b83ae7e539a5e8a7a9b492630e4fff69a9509d76d8ca6d38",
                              "SK_pr");

        // First Child SA (IKE_AUTH, IKE_SA_INIT nonces), ESP AES-GCM-16-256.
        IkeChildSaKeys child = schedule.DeriveChildSaKeys(keys.skD, gcm256, ni, nr);
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(child.initiatorEncr),
                              "63b38f97c864f463b3ef0ca227864ade4c14fe61e1bcb1861ec69195dc4ae355"
                              "30d0a3b5",
                              "initiator -> responder key | salt");
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(child.responderEncr),
                              "41c54728d826af9225198a6584b335a1ee9b0778fbd3b0ed74a894fe5b3a5025"
                              "199421b8",
                              "responder -> initiator key | salt");
        NS_TEST_EXPECT_MSG_EQ(child.initiatorInteg.size() + child.responderInteg.size(),
                              0u,
                              "no integrity keys with AEAD");

        // A per-resource Child SA with PFS (RFC 8031 shared secret), fresh nonces.
        Bytes girNew
            = HexToBytes("c74950607a12327f3204d94b6825bfb068b7f8319a9e3708ed3d43ce8130c950");
        Bytes ni2 = HexToBytes("505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f");
        Bytes nr2 = HexToBytes("707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f");
        IkeChildSaKeys pfs = schedule.DeriveChildSaKeys(keys.skD, gcm256, ni2, nr2, girNew);
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(pfs.initiatorEncr) + BytesToHex(pfs.responderEncr),
                              "2ddb3f9a5b2ec0ce6464a34e93b8c0534e0af9f64c5c6482222e4305e1381757"
                              "ae389d92f5cfbf8059c19cdaddd4c0d8de5d2ff4251c259be3116124b897dbdf"
                              "574ea39fd7514e6b",
                              "PFS KEYMAT");

        // IKE SA rekey with the same g^ir(new) and nonces.
        Bytes rekeySeed
            = IkeKeySchedule::ComputeRekeySkeyseed(schedule.GetPrf(), keys.skD, girNew, ni2, nr2);
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(rekeySeed),
                              "bdce654d55fa679d3cc83e29d93e7ac56cb45956bc7ad4d3480df603d1e425c1",
                              "SKEYSEED'");
        uint64_t newSpiI = 0x2122232425262728ULL;
        uint64_t newSpiR = 0x3132333435363738ULL;
        IkeSaKeys rekeyed = schedule.DeriveRekeyedIkeSaKeys(
            schedule.GetPrf(), keys.skD, girNew, ni2, nr2, newSpiI, newSpiR);
        Bytes expected = schedule.ComputeKeyMaterial(rekeySeed, ni2, nr2, newSpiI, newSpiR, 168);
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(Joined(rekeyed)),
                              BytesToHex(expected),
                              "new IKE SA keys = prf+(SKEYSEED', Ni | Nr | SPIi | SPIr)");

        // CBC + HMAC lengths: 3 x 32 + 2 x 32 + 2 x 16.
        IkeKeySchedule cbc(PrfAlgorithm::HMAC_SHA2_256, CipherSuite::FromKeyword("aes128-sha256"));
        NS_TEST_EXPECT_MSG_EQ(cbc.GetKeyMaterialSize(), 192u, "AES-CBC-128 + HMAC key material");
        IkeSaKeys cbcKeys = cbc.DeriveIkeSaKeys(ni, nr, gir, spiI, spiR);
        NS_TEST_EXPECT_MSG_EQ(cbcKeys.skAi.size(), 32u, "SK_ai");
        NS_TEST_EXPECT_MSG_EQ(cbcKeys.skEi.size(), 16u, "SK_ei");
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(cbcKeys.skD), BytesToHex(keys.skD), "SK_d is the prefix");
        IkeKeySchedule sha512(PrfAlgorithm::HMAC_SHA2_512, gcm256);
        NS_TEST_EXPECT_MSG_EQ(sha512.DeriveIkeSaKeys(ni, nr, gir, spiI, spiR).skPr.size(),
                              64u,
                              "SK_p has the PRF's size");
    }
};

/**
 * \ingroup ipsec-tests
 * \brief PSK AUTH (RFC 7296 section 2.15): the pad of protocols.md 2.10 and whole AUTH values
 * against Python's hmac, verification, and the SK ciphers of the two directions.
 */
class IkePskAuthTestCase : public TestCase
{
  public:
    IkePskAuthTestCase()
        : TestCase("PSK AUTH: Key Pad building block, AUTH of both sides, verification, SK "
                   "cipher directions")
    {
    }

  private:
    void DoRun() override
    {
        IkeKeySchedule schedule(PrfAlgorithm::HMAC_SHA2_256,
                                CipherSuite::FromKeyword("aes256gcm16"));
        Bytes psk
            = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f',
               '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
        NS_TEST_EXPECT_MSG_EQ(std::string(IkeKeySchedule::KEY_PAD).size(), 17u, "17 octets");
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(schedule.ComputePskPad(psk)),
                              "9c978b51977b06a863e300dccfa203741de8fdc15b18d4cbbc0e007d3c23f9bd",
                              "prf(PSK, \"Key Pad for IKEv2\")");

        // The initiator: RealMessage1 | NonceRData | prf(SK_pi, IDType | RESERVED | "gw1.example")
        Bytes realMessage1 = HexToBytes("0102030405060708000000000000000021202208000000000000001c");
        Bytes nr = HexToBytes("303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f");
        Bytes skPi = HexToBytes("b36999e527477cba39d781cb5633bab15c00f634891f91ff6129d75d5f867234");
        Bytes idi = IkeIdPayload::FromFqdn(IkePayloadType::IDI, "gw1.example").SerializeBody();
        Bytes signedOctets = schedule.ComputeSignedOctets(realMessage1, nr, skPi, idi);
        NS_TEST_EXPECT_MSG_EQ(
            BytesToHex(signedOctets),
            BytesToHex(realMessage1) + BytesToHex(nr)
                + "209499cde0840328b445bcda467eb881ff5fc191ee147c5e2d1628ab267dcd57",
            "InitiatorSignedOctets");
        Bytes auth = schedule.ComputePskAuth(psk, realMessage1, nr, skPi, idi);
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(auth),
                              "4ef5e3df57034097e9aff1098c5006750e96ce7d7fe6ad1d1a928ef2e9e4eb19",
                              "initiator's AUTH (Python hmac)");
        NS_TEST_EXPECT_MSG_EQ(
            schedule.VerifyPskAuth(auth, psk, realMessage1, nr, skPi, idi), true, "verifies");
        Bytes wrong = auth;
        wrong[31] ^= 1;
        NS_TEST_EXPECT_MSG_EQ(schedule.VerifyPskAuth(wrong, psk, realMessage1, nr, skPi, idi),
                              false,
                              "a flipped bit");
        NS_TEST_EXPECT_MSG_EQ(
            schedule.VerifyPskAuth(
                Bytes(auth.begin(), auth.begin() + 16), psk, realMessage1, nr, skPi, idi),
            false,
            "truncated");
        Bytes otherPsk = psk;
        otherPsk[0] = 'X';
        NS_TEST_EXPECT_MSG_EQ(schedule.VerifyPskAuth(auth, otherPsk, realMessage1, nr, skPi, idi),
                              false,
                              "another PSK");

        // The responder: RealMessage2 | NonceIData | prf(SK_pr, ID_IPV4_ADDR 10.0.0.2)
        Bytes realMessage2
            = HexToBytes("01020304050607081112131415161718212022200000000000000020aabbccdd");
        Bytes ni = HexToBytes("101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f");
        Bytes skPr = HexToBytes("00ef68a8a2857e37b83ae7e539a5e8a7a9b492630e4fff69a9509d76d8ca6d38");
        Bytes idr
            = IkeIdPayload::FromIpv4(IkePayloadType::IDR, Ipv4Address("10.0.0.2")).SerializeBody();
        NS_TEST_EXPECT_MSG_EQ(BytesToHex(schedule.ComputePskAuth(psk, realMessage2, ni, skPr, idr)),
                              "b0ac72a3dab48e710ca9ba282687ed6b9f0042c9b9fe0974ba4c7f2e3e1b04c1",
                              "responder's AUTH (Python hmac)");

        // SK ciphers: what the original initiator seals, the responder opens, and vice versa.
        for (const char* keyword : {"aes128gcm16", "aes256-sha256"})
        {
            IkeKeySchedule sk(PrfAlgorithm::HMAC_SHA2_256, CipherSuite::FromKeyword(keyword));
            IkeSaKeys keys = sk.DeriveIkeSaKeys(ni, nr, skPi, 1, 2);
            for (bool initiatorSends : {true, false})
            {
                auto seal = sk.CreateCipher(keys, initiatorSends, CipherRole::SEAL);
                auto open = sk.CreateCipher(keys, !initiatorSends, CipherRole::OPEN);
                auto wrongOpen = sk.CreateCipher(keys, initiatorSends, CipherRole::OPEN);
                Bytes iv(seal->Suite().IvSize(), 9);
                Bytes data(32, 0x77);
                Bytes icv(16);
                Bytes aad(8, 1);
                seal->Seal(aad.data(),
                           aad.size(),
                           iv.data(),
                           data.data(),
                           data.size(),
                           nullptr,
                           0,
                           icv.data());
                Bytes copy = data;
                NS_TEST_EXPECT_MSG_EQ(open->Open(aad.data(),
                                                 aad.size(),
                                                 iv.data(),
                                                 data.data(),
                                                 data.size(),
                                                 nullptr,
                                                 0,
                                                 icv.data()),
                                      true,
                                      keyword << ": the peer opens");
                NS_TEST_EXPECT_MSG_EQ(wrongOpen->Open(aad.data(),
                                                      aad.size(),
                                                      iv.data(),
                                                      copy.data(),
                                                      copy.size(),
                                                      nullptr,
                                                      0,
                                                      icv.data()),
                                      false,
                                      keyword << ": the other direction's key does not");
            }
        }
    }
};

/**
 * \ingroup ipsec-tests
 * \brief IKEv2 key derivation.
 */
class IkeKeysTestSuite : public TestSuite
{
  public:
    IkeKeysTestSuite()
        : TestSuite("ipsec-ike-keys", UNIT)
    {
        AddTestCase(new IkeCavsTestCase, TestCase::QUICK);
        AddTestCase(new IkeSha256DerivationTestCase, TestCase::QUICK);
        AddTestCase(new IkePskAuthTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static IkeKeysTestSuite g_ikeKeysTestSuite;
