/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Known-answer and negative tests for the ESP / SK payload ciphers (Cipher and its subclasses).
// Vectors: protocols.md section 4.7 (McGrew-Viega AES-GCM in RFC 4106 layout), 4.8 (RFC 8439,
// RFC 7634), 4.9 (RFC 3602) and 4.3 (RFC 4868 AUTH256).

#include "ns3/aes-gcm-cipher.h"
#include "ns3/cipher.h"
#include "ns3/prf.h"
#include "ns3/test.h"

#include <stdexcept>

using namespace ns3;

namespace
{

/// An AEAD known-answer vector in RFC 4106 layout.
struct AeadVector
{
    const char* name;      ///< where it comes from
    const char* keyword;   ///< suite keyword
    const char* keySalt;   ///< key | 4-octet salt
    const char* iv;        ///< 8-octet IV
    const char* aad;       ///< associated data
    const char* plain;     ///< plaintext
    const char* cipherIcv; ///< ciphertext | 16-octet ICV
};

const AeadVector AEAD_VECTORS[] = {
    {"McGrew-Viega TC1 (AES-128, empty)",
     "aes128gcm16",
     "00000000000000000000000000000000 00000000",
     "0000000000000000",
     "",
     "",
     "58e2fccefa7e3061367f1d57a4e7455a"},
    {"McGrew-Viega TC2 (AES-128)",
     "aes128gcm16",
     "00000000000000000000000000000000 00000000",
     "0000000000000000",
     "",
     "00000000000000000000000000000000",
     "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf"},
    {"McGrew-Viega TC4 (AES-128, AAD)",
     "aes128gcm16",
     "feffe9928665731c6d6a8f9467308308 cafebabe",
     "facedbaddecaf888",
     "feedfacedeadbeeffeedfacedeadbeefabaddad2",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
     "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
     "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e0915bc94fbc"
     "3221a5db94fae95ae7121a47"},
    {"McGrew-Viega TC14 (AES-256)",
     "aes256gcm16",
     "0000000000000000000000000000000000000000000000000000000000000000 00000000",
     "0000000000000000",
     "",
     "00000000000000000000000000000000",
     "cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919"},
    {"McGrew-Viega TC16 (AES-256, AAD)",
     "aes256gcm16",
     "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308 cafebabe",
     "facedbaddecaf888",
     "feedfacedeadbeeffeedfacedeadbeefabaddad2",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
     "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f66276fc6ece"
     "0f4e1768cddf8853bb2d551b"},
    {"RFC 8439 2.8.2 AEAD example",
     "chacha20poly1305",
     "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f 07000000",
     "4041424344454647",
     "50515253c0c1c2c3c4c5c6c7",
     "4c616469657320616e642047656e746c656d656e206f662074686520636c6173"
     "73206f66202739393a204966204920636f756c64206f6666657220796f75206f"
     "6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73"
     "637265656e20776f756c642062652069742e",
     "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
     "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
     "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
     "3ff4def08e4b7a9de576d26586cec64b61161ae10b594f09e26a7e902ecbd060"
     "0691"},
    {"RFC 7634 Appendix A (ESP)",
     "chacha20poly1305",
     "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f a0a1a2a3",
     "1011121314151617",
     "0102030400000005",
     "45000054a6f200004001e778c6336405c000020508005b7a3a080000553bec10"
     "0007362708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223"
     "2425262728292a2b2c2d2e2f303132333435363701020204",
     "24039428b97f417e3c13753a4f05087b67c352e6a7fab1b982d466ef407ae5c6"
     "14ee8099d52844eb61aa95dfab4c02f72aa71e7c4c4f64c9befe2facc638e8f3"
     "cbec163fac469b502773f6fb94e664da9165b82829f641e076aaa8266b7fb0f7"
     "b11b369907e1ad43"},
    {"RFC 7634 Appendix B (IKEv2)",
     "chacha20poly1305",
     "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f a0a1a2a3",
     "1011121314151617",
     "c0c1c2c3c4c5c6c7d0d1d2d3d4d5d6d72e202500000000090000004529000029",
     "0000000c000040010000000a00",
     "610394701f8d017f7c129248896b71bfe25236efd7cdc67066906315b2"},
};

/**
 * \param cipher a SEAL cipher
 * \param aad associated data
 * \param iv the IV
 * \param plain the plaintext
 * \param suffix the MAC suffix
 * \returns ciphertext | ICV
 */
Bytes
SealToBytes(
    Cipher& cipher, const Bytes& aad, const Bytes& iv, const Bytes& plain, const Bytes& suffix = {})
{
    Bytes out = plain;
    out.resize(plain.size() + cipher.Suite().IcvSize());
    cipher.Seal(aad.data(),
                aad.size(),
                iv.data(),
                out.data(),
                plain.size(),
                suffix.data(),
                suffix.size(),
                out.data() + plain.size());
    return out;
}

/**
 * \param cipher an OPEN cipher
 * \param aad associated data
 * \param iv the IV
 * \param cipherIcv ciphertext | ICV; replaced by the plaintext on success
 * \param suffix the MAC suffix
 * \returns the result of Open
 */
bool
OpenBytes(
    Cipher& cipher, const Bytes& aad, const Bytes& iv, Bytes& cipherIcv, const Bytes& suffix = {})
{
    size_t icv = cipher.Suite().IcvSize();
    if (cipherIcv.size() < icv)
    {
        return false;
    }
    size_t payloadLen = cipherIcv.size() - icv;
    bool ok = cipher.Open(aad.data(),
                          aad.size(),
                          iv.data(),
                          cipherIcv.data(),
                          payloadLen,
                          suffix.data(),
                          suffix.size(),
                          cipherIcv.data() + payloadLen);
    cipherIcv.resize(payloadLen);
    return ok;
}

/**
 * \param keyword a suite keyword
 * \param seed varies the content
 * \returns encryption and integrity keys of the right length
 */
std::pair<Bytes, Bytes>
MakeKeys(const std::string& keyword, uint8_t seed)
{
    CipherSuite suite = CipherSuite::FromKeyword(keyword);
    Bytes encr(suite.EncrKeyBytes());
    Bytes integ(suite.IntegKeyBytes());
    for (size_t i = 0; i < encr.size(); ++i)
    {
        encr[i] = static_cast<uint8_t>(seed + 3 * i);
    }
    for (size_t i = 0; i < integ.size(); ++i)
    {
        integ[i] = static_cast<uint8_t>(seed * 7 + i);
    }
    return {encr, integ};
}

/**
 * \param length octets
 * \param seed varies the content
 * \returns a byte pattern
 */
Bytes
Pattern(size_t length, uint8_t seed)
{
    Bytes bytes(length);
    for (size_t i = 0; i < length; ++i)
    {
        bytes[i] = static_cast<uint8_t>(seed + 11 * i + (i >> 8));
    }
    return bytes;
}

} // namespace

/**
 * \ingroup ipsec-tests
 * \brief Seals one AEAD vector and compares ciphertext | ICV; opens it back.
 */
class AeadVectorTestCase : public TestCase
{
  public:
    /// \param vector the vector
    explicit AeadVectorTestCase(const AeadVector& vector)
        : TestCase(std::string("AEAD vector: ") + vector.name)
        , m_vector(vector)
    {
    }

  private:
    void DoRun() override
    {
        CipherSuite suite = CipherSuite::FromKeyword(m_vector.keyword);
        Bytes key = HexToBytes(m_vector.keySalt);
        Bytes iv = HexToBytes(m_vector.iv);
        Bytes aad = HexToBytes(m_vector.aad);
        Bytes plain = HexToBytes(m_vector.plain);
        auto sealer = Cipher::Create(suite, key, {}, CipherRole::SEAL);
        auto opener = Cipher::Create(suite, key, {}, CipherRole::OPEN);
        NS_TEST_ASSERT_MSG_EQ(sealer->Suite(), suite, "Suite()");
        NS_TEST_ASSERT_MSG_EQ(
            static_cast<int>(sealer->Role()), static_cast<int>(CipherRole::SEAL), "Role()");
        Bytes sealed = SealToBytes(*sealer, aad, iv, plain);
        NS_TEST_ASSERT_MSG_EQ(
            BytesToHex(sealed), BytesToHex(HexToBytes(m_vector.cipherIcv)), "ciphertext | ICV");
        // The same object seals again with the same result (no state leaks between packets).
        NS_TEST_ASSERT_MSG_EQ(
            BytesToHex(SealToBytes(*sealer, aad, iv, plain)), BytesToHex(sealed), "second Seal");
        Bytes opened = sealed;
        NS_TEST_ASSERT_MSG_EQ(OpenBytes(*opener, aad, iv, opened), true, "Open accepts");
        NS_TEST_ASSERT_MSG_EQ(BytesToHex(opened), BytesToHex(plain), "Open restores");
    }

    AeadVector m_vector; ///< the vector
};

/**
 * \ingroup ipsec-tests
 * \brief AES-CBC ciphertext of RFC 3602 (and SP 800-38A for AES-256) through AesCbcHmacCipher,
 * with the ICV checked against an independent HMAC-SHA-256 (the PRF).
 */
class AesCbcVectorTestCase : public TestCase
{
  public:
    AesCbcVectorTestCase()
        : TestCase("AES-CBC vectors of RFC 3602 and SP 800-38A, HMAC-SHA2-256-128 ICV")
    {
    }

  private:
    void DoRun() override
    {
        struct Vector
        {
            const char* keyword;
            const char* key;
            const char* iv;
            const char* plain;
            const char* cipher;
        };

        const Vector vectors[] = {
            {"aes128-sha256",
             "06a9214036b8a15b512e03d534120006",
             "3dafba429d9eb430b422da802c9fac41",
             "53696e676c6520626c6f636b206d7367",
             "e353779c1079aeb82708942dbe77181a"},
            {"aes128-sha256",
             "c286696d887c9aa0611bbb3e2025a45a",
             "562e17996d093d28ddb3ba695a2e6f58",
             "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
             "d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1"},
            {"aes256-sha256",
             "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
             "000102030405060708090a0b0c0d0e0f",
             "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51",
             "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"},
        };
        auto prf = Prf::Create(PrfAlgorithm::HMAC_SHA2_256);
        Bytes integKey
            = HexToBytes("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        Bytes aad = HexToBytes("0000100100000007"); // SPI | Seq
        Bytes suffix = HexToBytes("00000001");      // ESN high bits
        for (const auto& v : vectors)
        {
            CipherSuite suite = CipherSuite::FromKeyword(v.keyword);
            Bytes key = HexToBytes(v.key);
            Bytes iv = HexToBytes(v.iv);
            Bytes plain = HexToBytes(v.plain);
            Bytes cipher = HexToBytes(v.cipher);
            auto sealer = Cipher::Create(suite, key, integKey, CipherRole::SEAL);
            auto opener = Cipher::Create(suite, key, integKey, CipherRole::OPEN);
            for (const Bytes& mac : {Bytes{}, suffix})
            {
                Bytes sealed = SealToBytes(*sealer, aad, iv, plain, mac);
                Bytes ciphertext(sealed.begin(), sealed.begin() + plain.size());
                Bytes icv(sealed.begin() + plain.size(), sealed.end());
                NS_TEST_ASSERT_MSG_EQ(BytesToHex(ciphertext), v.cipher, "ciphertext " << v.key);
                Bytes macInput = aad;
                macInput.insert(macInput.end(), iv.begin(), iv.end());
                macInput.insert(macInput.end(), cipher.begin(), cipher.end());
                macInput.insert(macInput.end(), mac.begin(), mac.end());
                Bytes hmac = prf->Compute(integKey, macInput);
                NS_TEST_ASSERT_MSG_EQ(BytesToHex(icv),
                                      BytesToHex(hmac.data(), 16),
                                      "ICV = HMAC-SHA-256(aad | iv | ciphertext | suffix)[0..16)");
                Bytes opened = sealed;
                NS_TEST_ASSERT_MSG_EQ(OpenBytes(*opener, aad, iv, opened, mac), true, "Open");
                NS_TEST_ASSERT_MSG_EQ(BytesToHex(opened), v.plain, "Open restores");
            }
        }
    }
};

/**
 * \ingroup ipsec-tests
 * \brief The HMAC-SHA2-256-128 ICV of RFC 4868 (AUTH256-3), with the authenticated data split
 * over aad, iv, ciphertext and MAC suffix in several ways.
 */
class HmacIcvTestCase : public TestCase
{
  public:
    HmacIcvTestCase()
        : TestCase("HMAC-SHA2-256-128 ICV: RFC 4868 AUTH256-3 over aad, iv, ciphertext, suffix")
    {
    }

  private:
    void DoRun() override
    {
        // AUTH256-3: key 32 x aa, data 50 x dd, ICV cdcb1220d1ecccea91e53aba3092f962
        Bytes integKey(32, 0xaa);
        Bytes encrKey(32, 0x42);
        Bytes icv = HexToBytes("cdcb1220d1ecccea91e53aba3092f962");

        struct Split
        {
            size_t aad;
            size_t payload;
            size_t suffix;
        };

        // Always 16 octets of IV: aad + 16 + payload + suffix = 50.
        const Split splits[] = {{34, 0, 0}, {2, 32, 0}, {2, 16, 16}, {18, 16, 0}, {0, 32, 2}};
        auto opener = Cipher::Create(
            CipherSuite::FromKeyword("aes256-sha256"), encrKey, integKey, CipherRole::OPEN);
        for (const auto& split : splits)
        {
            Bytes aad(split.aad, 0xdd);
            Bytes iv(16, 0xdd);
            Bytes payload(split.payload, 0xdd);
            Bytes suffix(split.suffix, 0xdd);
            bool ok = opener->Open(aad.data(),
                                   aad.size(),
                                   iv.data(),
                                   payload.data(),
                                   payload.size(),
                                   suffix.data(),
                                   suffix.size(),
                                   icv.data());
            NS_TEST_ASSERT_MSG_EQ(ok,
                                  true,
                                  "AUTH256-3 ICV verifies with aad " << split.aad << ", payload "
                                                                     << split.payload << ", suffix "
                                                                     << split.suffix);
            Bytes badIcv = icv;
            badIcv[15] ^= 0x01;
            payload.assign(split.payload, 0xdd);
            ok = opener->Open(aad.data(),
                              aad.size(),
                              iv.data(),
                              payload.data(),
                              payload.size(),
                              suffix.data(),
                              suffix.size(),
                              badIcv.data());
            NS_TEST_ASSERT_MSG_EQ(ok, false, "altered AUTH256-3 ICV rejected");
        }
    }
};

/**
 * \ingroup ipsec-tests
 * \brief Round trip and tamper detection for one suite keyword: Open accepts what Seal produced
 * and rejects any flipped bit in ICV, ciphertext, AAD, IV or MAC suffix.
 */
class CipherRoundTripTestCase : public TestCase
{
  public:
    /// \param keyword the suite keyword
    explicit CipherRoundTripTestCase(const std::string& keyword)
        : TestCase("round trip and tamper detection: " + keyword)
        , m_keyword(keyword)
    {
    }

  private:
    void DoRun() override
    {
        CipherSuite suite = CipherSuite::FromKeyword(m_keyword);
        auto [encrKey, integKey] = MakeKeys(m_keyword, 1);
        auto sealer = Cipher::Create(suite, encrKey, integKey, CipherRole::SEAL);
        auto opener = Cipher::Create(suite, encrKey, integKey, CipherRole::OPEN);
        Bytes aad = HexToBytes("c0ffee0000000001");
        Bytes suffix = suite.IsAead() ? Bytes{} : HexToBytes("00000002");
        for (size_t length : {0, 16, 64, 1392})
        {
            Bytes iv = Pattern(suite.IvSize(), static_cast<uint8_t>(length));
            Bytes plain = Pattern(length, 5);
            Bytes sealed = SealToBytes(*sealer, aad, iv, plain, suffix);
            NS_TEST_ASSERT_MSG_EQ(sealed.size(), length + 16, "ciphertext | ICV length");
            if (length > 0)
            {
                NS_TEST_ASSERT_MSG_NE(
                    BytesToHex(sealed.data(), length), BytesToHex(plain), "payload is encrypted");
            }
            Bytes opened = sealed;
            NS_TEST_ASSERT_MSG_EQ(OpenBytes(*opener, aad, iv, opened, suffix),
                                  true,
                                  "Open accepts " << length << " octets");
            NS_TEST_ASSERT_MSG_EQ(BytesToHex(opened), BytesToHex(plain), "Open restores");

            // Flip one bit of the ICV, then of the ciphertext.
            for (size_t position :
                 {sealed.size() - 1, length > 0 ? length / 2 : sealed.size() - 16})
            {
                Bytes tampered = sealed;
                tampered[position] ^= 0x20;
                NS_TEST_ASSERT_MSG_EQ(OpenBytes(*opener, aad, iv, tampered, suffix),
                                      false,
                                      "flipped bit at " << position << " of " << length);
            }
            Bytes badAad = aad;
            badAad[7] ^= 0x01;
            Bytes copy = sealed;
            NS_TEST_ASSERT_MSG_EQ(
                OpenBytes(*opener, badAad, iv, copy, suffix), false, "flipped AAD bit");
            Bytes badIv = iv;
            badIv[0] ^= 0x80;
            copy = sealed;
            NS_TEST_ASSERT_MSG_EQ(
                OpenBytes(*opener, aad, badIv, copy, suffix), false, "flipped IV bit");
            if (!suffix.empty())
            {
                Bytes badSuffix = suffix;
                badSuffix[3] ^= 0x01;
                copy = sealed;
                NS_TEST_ASSERT_MSG_EQ(
                    OpenBytes(*opener, aad, iv, copy, badSuffix), false, "flipped MAC suffix bit");
            }
            // Another key does not open it.
            auto [otherEncr, otherInteg] = MakeKeys(m_keyword, 2);
            auto stranger = Cipher::Create(suite, otherEncr, otherInteg, CipherRole::OPEN);
            copy = sealed;
            NS_TEST_ASSERT_MSG_EQ(
                OpenBytes(*stranger, aad, iv, copy, suffix), false, "other key rejected");
            // The opener still works after all those failures.
            copy = sealed;
            NS_TEST_ASSERT_MSG_EQ(
                OpenBytes(*opener, aad, iv, copy, suffix), true, "Open accepts after failures");
        }
    }

    std::string m_keyword; ///< the suite keyword
};

/**
 * \ingroup ipsec-tests
 * \brief Misuse: wrong key lengths, unsupported suites and wrong roles throw; malformed input to
 * Open returns false.
 */
class CipherMisuseTestCase : public TestCase
{
  public:
    CipherMisuseTestCase()
        : TestCase("wrong key lengths throw, bad Open input returns false")
    {
    }

  private:
    /**
     * \param suite the suite
     * \param encr encryption key
     * \param integ integrity key
     * \returns true if Cipher::Create throws std::invalid_argument
     */
    static bool CreateThrows(const CipherSuite& suite, const Bytes& encr, const Bytes& integ)
    {
        try
        {
            Cipher::Create(suite, encr, integ, CipherRole::SEAL);
        }
        catch (const std::invalid_argument&)
        {
            return true;
        }
        return false;
    }

    void DoRun() override
    {
        for (const auto& keyword : CipherSuite::Keywords())
        {
            CipherSuite suite = CipherSuite::FromKeyword(keyword);
            auto [encr, integ] = MakeKeys(keyword, 3);
            NS_TEST_ASSERT_MSG_EQ(CreateThrows(suite, encr, integ), false, keyword << " keys ok");
            Bytes shortKey(encr.begin(), encr.end() - 1);
            NS_TEST_ASSERT_MSG_EQ(
                CreateThrows(suite, shortKey, integ), true, keyword << " short encryption key");
            Bytes longKey = encr;
            longKey.push_back(0);
            NS_TEST_ASSERT_MSG_EQ(
                CreateThrows(suite, longKey, integ), true, keyword << " long encryption key");
            NS_TEST_ASSERT_MSG_EQ(CreateThrows(suite, encr, Bytes(suite.IsAead() ? 32 : 16, 1)),
                                  true,
                                  keyword << " wrong integrity key");
        }
        // AES-GCM without its salt (16 octets for aes128gcm16) is a common slip.
        NS_TEST_ASSERT_MSG_EQ(
            CreateThrows(CipherSuite::FromKeyword("aes128gcm16"), Bytes(16, 1), {}),
            true,
            "AES-GCM key without salt");
        NS_TEST_ASSERT_MSG_EQ(
            CreateThrows({EncrAlgorithm::AES_GCM_16, 192, IntegAlgorithm::NONE}, Bytes(28, 1), {}),
            true,
            "unsupported AES-GCM-192");
        NS_TEST_ASSERT_MSG_EQ(
            CreateThrows({EncrAlgorithm::AES_CBC, 128, IntegAlgorithm::NONE}, Bytes(16, 1), {}),
            true,
            "AES-CBC without integrity");

        bool wrongFamily = false;
        try
        {
            AesGcmCipher cipher(CipherSuite::FromKeyword("aes128-sha256"),
                                Bytes(16, 1),
                                Bytes(32, 2),
                                CipherRole::SEAL);
        }
        catch (const std::invalid_argument&)
        {
            wrongFamily = true;
        }
        NS_TEST_ASSERT_MSG_EQ(wrongFamily, true, "AesGcmCipher refuses an AES-CBC suite");

        auto [encr, integ] = MakeKeys("aes128-sha256", 4);
        CipherSuite cbc = CipherSuite::FromKeyword("aes128-sha256");
        auto sealer = Cipher::Create(cbc, encr, integ, CipherRole::SEAL);
        auto opener = Cipher::Create(cbc, encr, integ, CipherRole::OPEN);
        Bytes iv(16, 9);
        Bytes buffer(48, 0);
        Bytes icv(16, 0);
        bool threw = false;
        try
        {
            sealer->Seal(nullptr, 0, iv.data(), buffer.data(), 17, nullptr, 0, icv.data());
        }
        catch (const std::invalid_argument&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "CBC Seal of 17 octets throws");
        NS_TEST_ASSERT_MSG_EQ(
            opener->Open(nullptr, 0, iv.data(), buffer.data(), 17, nullptr, 0, icv.data()),
            false,
            "CBC Open of 17 octets returns false");
        threw = false;
        try
        {
            opener->Seal(nullptr, 0, iv.data(), buffer.data(), 16, nullptr, 0, icv.data());
        }
        catch (const std::logic_error&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "Seal on an OPEN cipher throws");
        threw = false;
        try
        {
            sealer->Open(nullptr, 0, iv.data(), buffer.data(), 16, nullptr, 0, icv.data());
        }
        catch (const std::logic_error&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "Open on a SEAL cipher throws");

        // AEAD: a MAC suffix is a caller error; Open turns it into false.
        auto [gcmKey, none] = MakeKeys("aes128gcm16", 5);
        CipherSuite gcm = CipherSuite::FromKeyword("aes128gcm16");
        auto gcmSealer = Cipher::Create(gcm, gcmKey, none, CipherRole::SEAL);
        auto gcmOpener = Cipher::Create(gcm, gcmKey, none, CipherRole::OPEN);
        Bytes aad(8, 1);
        Bytes suffix(4, 2);
        Bytes plain(20, 3);
        Bytes sealed = SealToBytes(*gcmSealer, aad, iv, plain);
        Bytes copy = sealed;
        NS_TEST_ASSERT_MSG_EQ(OpenBytes(*gcmOpener, aad, iv, copy, suffix),
                              false,
                              "AEAD Open with MAC suffix returns false");
        threw = false;
        try
        {
            SealToBytes(*gcmSealer, aad, iv, plain, suffix);
        }
        catch (const std::invalid_argument&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "AEAD Seal with MAC suffix throws");
        // A truncated packet (ICV cut short: the caller passes a shorter payload).
        copy = sealed;
        copy.erase(copy.begin());
        NS_TEST_ASSERT_MSG_EQ(OpenBytes(*gcmOpener, aad, iv, copy), false, "truncated packet");
    }
};

/**
 * \ingroup ipsec-tests
 * \brief The ipsec-cipher test suite.
 */
class CipherTestSuite : public TestSuite
{
  public:
    CipherTestSuite()
        : TestSuite("ipsec-cipher", UNIT)
    {
        for (const auto& vector : AEAD_VECTORS)
        {
            AddTestCase(new AeadVectorTestCase(vector), TestCase::QUICK);
        }
        AddTestCase(new AesCbcVectorTestCase, TestCase::QUICK);
        AddTestCase(new HmacIcvTestCase, TestCase::QUICK);
        for (const auto& keyword : CipherSuite::Keywords())
        {
            AddTestCase(new CipherRoundTripTestCase(keyword), TestCase::QUICK);
        }
        AddTestCase(new CipherMisuseTestCase, TestCase::QUICK);
    }
};

/// The suite's static instance.
static CipherTestSuite g_cipherTestSuite;
