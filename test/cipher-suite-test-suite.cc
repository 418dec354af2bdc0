/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Tests for CipherSuite (keywords, sizes, Wireshark names) and the hex helpers of crypto-bytes.h.

#include "ns3/cipher-suite.h"
#include "ns3/crypto-bytes.h"
#include "ns3/test.h"

#include <stdexcept>

using namespace ns3;

/**
 * \ingroup ipsec-tests
 * \brief Each keyword parses to the expected suite and sizes, and back to the same keyword.
 */
class CipherSuiteKeywordTestCase : public TestCase
{
  public:
    CipherSuiteKeywordTestCase()
        : TestCase("keywords parse to the expected suites and sizes")
    {
    }

  private:
    void DoRun() override
    {
        struct Expected
        {
            const char* keyword;
            EncrAlgorithm encr;
            uint16_t keyBits;
            IntegAlgorithm integ;
            bool aead;
            uint32_t encrKey;
            uint32_t integKey;
            uint32_t iv;
            uint32_t block;
        };

        const Expected table[] = {
            {"aes128gcm16",
             EncrAlgorithm::AES_GCM_16,
             128,
             IntegAlgorithm::NONE,
             true,
             20,
             0,
             8,
             1},
            {"aes256gcm16",
             EncrAlgorithm::AES_GCM_16,
             256,
             IntegAlgorithm::NONE,
             true,
             36,
             0,
             8,
             1},
            {"chacha20poly1305",
             EncrAlgorithm::CHACHA20_POLY1305,
             256,
             IntegAlgorithm::NONE,
             true,
             36,
             0,
             8,
             1},
            {"aes128-sha256",
             EncrAlgorithm::AES_CBC,
             128,
             IntegAlgorithm::HMAC_SHA2_256_128,
             false,
             16,
             32,
             16,
             16},
            {"aes256-sha256",
             EncrAlgorithm::AES_CBC,
             256,
             IntegAlgorithm::HMAC_SHA2_256_128,
             false,
             32,
             32,
             16,
             16},
        };
        std::vector<std::string> keywords = CipherSuite::Keywords();
        NS_TEST_ASSERT_MSG_EQ(keywords.size(), 5, "five keywords");
        size_t index = 0;
        for (const auto& e : table)
        {
            NS_TEST_ASSERT_MSG_EQ(keywords[index++], e.keyword, "Keywords() order");
            CipherSuite suite = CipherSuite::FromKeyword(e.keyword);
            NS_TEST_ASSERT_MSG_EQ(
                static_cast<int>(suite.encr), static_cast<int>(e.encr), e.keyword);
            NS_TEST_ASSERT_MSG_EQ(suite.keyBits, e.keyBits, e.keyword);
            NS_TEST_ASSERT_MSG_EQ(
                static_cast<int>(suite.integ), static_cast<int>(e.integ), e.keyword);
            NS_TEST_ASSERT_MSG_EQ(suite.Keyword(), e.keyword, "Keyword() inverts FromKeyword");
            NS_TEST_ASSERT_MSG_EQ(suite.IsSupported(), true, e.keyword);
            NS_TEST_ASSERT_MSG_EQ(suite.IsAead(), e.aead, e.keyword << " IsAead");
            NS_TEST_ASSERT_MSG_EQ(suite.EncrKeyBytes(), e.encrKey, e.keyword << " EncrKeyBytes");
            NS_TEST_ASSERT_MSG_EQ(suite.IntegKeyBytes(), e.integKey, e.keyword << " IntegKeyBytes");
            NS_TEST_ASSERT_MSG_EQ(suite.IvSize(), e.iv, e.keyword << " IvSize");
            NS_TEST_ASSERT_MSG_EQ(suite.BlockSize(), e.block, e.keyword << " BlockSize");
            NS_TEST_ASSERT_MSG_EQ(suite.IcvSize(), 16, e.keyword << " IcvSize");
            NS_TEST_ASSERT_MSG_EQ(suite, (CipherSuite{e.encr, e.keyBits, e.integ}), "operator==");
        }
        // IANA transform identifiers.
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(EncrAlgorithm::AES_CBC), 12, "ENCR_AES_CBC");
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(EncrAlgorithm::AES_GCM_16), 20, "ENCR_AES_GCM_16");
        NS_TEST_ASSERT_MSG_EQ(
            static_cast<int>(EncrAlgorithm::CHACHA20_POLY1305), 28, "ENCR_CHACHA20_POLY1305");
        NS_TEST_ASSERT_MSG_EQ(
            static_cast<int>(IntegAlgorithm::HMAC_SHA2_256_128), 12, "AUTH_HMAC_SHA2_256_128");
        // Suites that are not in the list.
        CipherSuite gcm192{EncrAlgorithm::AES_GCM_16, 192, IntegAlgorithm::NONE};
        NS_TEST_ASSERT_MSG_EQ(gcm192.IsSupported(), false, "AES-GCM-192 not supported");
        NS_TEST_ASSERT_MSG_EQ(gcm192.Keyword(), "", "no keyword for AES-GCM-192");
        NS_TEST_ASSERT_MSG_NE(CipherSuite::FromKeyword("aes128gcm16"),
                              CipherSuite::FromKeyword("aes256gcm16"),
                              "operator!=");
    }
};

/**
 * \ingroup ipsec-tests
 * \brief An unknown keyword throws std::invalid_argument naming it and the accepted keywords.
 */
class CipherSuiteUnknownKeywordTestCase : public TestCase
{
  public:
    CipherSuiteUnknownKeywordTestCase()
        : TestCase("unknown keyword: message names it and the accepted keywords")
    {
    }

  private:
    void DoRun() override
    {
        for (const std::string bad : {"aes192gcm16", "AES128GCM16", "aes128gcm16 ", "3des", ""})
        {
            std::string message;
            try
            {
                CipherSuite::FromKeyword(bad);
            }
            catch (const std::invalid_argument& e)
            {
                message = e.what();
            }
            NS_TEST_ASSERT_MSG_NE(message, "", "\"" << bad << "\" throws");
            NS_TEST_ASSERT_MSG_NE(message.find("\"" + bad + "\""),
                                  std::string::npos,
                                  "message names the keyword: " << message);
            for (const auto& keyword : CipherSuite::Keywords())
            {
                NS_TEST_ASSERT_MSG_NE(message.find(keyword),
                                      std::string::npos,
                                      "message lists " << keyword << ": " << message);
            }
        }
    }
};

/**
 * \ingroup ipsec-tests
 * \brief The algorithm names tshark 4.0 wants in its esp_sa and ikev2_decryption_table UATs.
 */
class CipherSuiteWiresharkTestCase : public TestCase
{
  public:
    CipherSuiteWiresharkTestCase()
        : TestCase("Wireshark UAT algorithm names")
    {
    }

  private:
    void DoRun() override
    {
        struct Expected
        {
            const char* keyword;
            const char* espEncryption;
            const char* espAuthentication;
            const char* ikeEncryption;
            const char* ikeIntegrity;
        };

        const Expected table[] = {
            {"aes128gcm16",
             "AES-GCM with 16 octet ICV [RFC4106]",
             "NULL",
             "AES-GCM-128 with 16 octet ICV [RFC5282]",
             "NONE [RFC4306]"},
            {"aes256gcm16",
             "AES-GCM with 16 octet ICV [RFC4106]",
             "NULL",
             "AES-GCM-256 with 16 octet ICV [RFC5282]",
             "NONE [RFC4306]"},
            {"chacha20poly1305", "", "", "", ""},
            {"aes128-sha256",
             "AES-CBC [RFC3602]",
             "HMAC-SHA-256-128 [RFC4868]",
             "AES-CBC-128 [RFC3602]",
             "HMAC_SHA2_256_128 [RFC4868]"},
            {"aes256-sha256",
             "AES-CBC [RFC3602]",
             "HMAC-SHA-256-128 [RFC4868]",
             "AES-CBC-256 [RFC3602]",
             "HMAC_SHA2_256_128 [RFC4868]"},
        };
        for (const auto& e : table)
        {
            CipherSuite suite = CipherSuite::FromKeyword(e.keyword);
            NS_TEST_ASSERT_MSG_EQ(suite.WiresharkEspEncryption(), e.espEncryption, e.keyword);
            NS_TEST_ASSERT_MSG_EQ(
                suite.WiresharkEspAuthentication(), e.espAuthentication, e.keyword);
            NS_TEST_ASSERT_MSG_EQ(suite.WiresharkIkeEncryption(), e.ikeEncryption, e.keyword);
            NS_TEST_ASSERT_MSG_EQ(suite.WiresharkIkeIntegrity(), e.ikeIntegrity, e.keyword);
        }
    }
};

/**
 * \ingroup ipsec-tests
 * \brief HexToBytes and BytesToHex.
 */
class HexTestCase : public TestCase
{
  public:
    HexTestCase()
        : TestCase("HexToBytes and BytesToHex")
    {
    }

  private:
    void DoRun() override
    {
        Bytes bytes = HexToBytes("00 01 7f 80\nFF\tAb\r\ncD");
        NS_TEST_ASSERT_MSG_EQ(bytes.size(), 7, "white space ignored");
        NS_TEST_ASSERT_MSG_EQ(BytesToHex(bytes), "00017f80ffabcd", "lower case, no separators");
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(bytes[4]), 255, "FF");
        NS_TEST_ASSERT_MSG_EQ(BytesToHex(bytes.data() + 1, 2), "017f", "pointer form");
        NS_TEST_ASSERT_MSG_EQ(HexToBytes("").size(), 0, "empty");
        NS_TEST_ASSERT_MSG_EQ(BytesToHex(Bytes{}), "", "empty");
        for (const char* bad : {"abc", "0g", "0x00", "12-34", "1 2 3"})
        {
            bool threw = false;
            try
            {
                HexToBytes(bad);
            }
            catch (const std::invalid_argument&)
            {
                threw = true;
            }
            NS_TEST_ASSERT_MSG_EQ(threw, true, "\"" << bad << "\" throws");
        }
    }
};

/**
 * \ingroup ipsec-tests
 * \brief The ipsec-cipher-suite test suite.
 */
class CipherSuiteTestSuite : public TestSuite
{
  public:
    CipherSuiteTestSuite()
        : TestSuite("ipsec-cipher-suite", UNIT)
    {
        AddTestCase(new CipherSuiteKeywordTestCase, TestCase::QUICK);
        AddTestCase(new CipherSuiteUnknownKeywordTestCase, TestCase::QUICK);
        AddTestCase(new CipherSuiteWiresharkTestCase, TestCase::QUICK);
        AddTestCase(new HexTestCase, TestCase::QUICK);
    }
};

/// The suite's static instance.
static CipherSuiteTestSuite g_cipherSuiteTestSuite;
