/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// CpuCostModel (template method, contention attributes) and LinearCpuCostModel: arithmetic per
// stage and suite, and the defaults against the published single-core figures (field-data.md
// section 4.2, B1).

#include "ns3/cipher-suite.h"
#include "ns3/cpu-cost-model.h"
#include "ns3/double.h"
#include "ns3/linear-cpu-cost-model.h"
#include "ns3/nstime.h"
#include "ns3/test.h"

#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// A cost model that returns a set value and records what DoGetServiceTime saw.
class FixedCostModel : public CpuCostModel
{
  public:
    Time result;                               //!< what DoGetServiceTime returns
    mutable CpuStage stage{CpuStage::RECEIVE}; //!< last stage seen
    mutable uint32_t bytes{0};                 //!< last size seen
    mutable const CipherSuite* suite{nullptr}; //!< last suite seen

  private:
    Time DoGetServiceTime(CpuStage s, uint32_t b, const CipherSuite* c) const override
    {
        stage = s;
        bytes = b;
        suite = c;
        return result;
    }
};

/// \return the service time of a forwarding gateway's packet: RECEIVE then the ESP stage
Time
GatewayTime(Ptr<CpuCostModel> model, CpuStage esp, uint32_t bytes, const std::string& keyword)
{
    CipherSuite suite = CipherSuite::FromKeyword(keyword);
    return model->GetServiceTime(CpuStage::RECEIVE, bytes, nullptr)
           + model->GetServiceTime(esp, bytes, &suite);
}

class CpuCostModelBaseTestCase : public TestCase
{
  public:
    CpuCostModelBaseTestCase()
        : TestCase("GetServiceTime passes stage, size and suite to DoGetServiceTime, never "
                   "returns a negative time; contention attributes")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<FixedCostModel> model = CreateObject<FixedCostModel>();
        CipherSuite gcm = CipherSuite::FromKeyword("aes256gcm16");
        model->result = NanoSeconds(1234);
        NS_TEST_ASSERT_MSG_EQ(model->GetServiceTime(CpuStage::ESP_DECRYPT, 777, &gcm),
                              NanoSeconds(1234),
                              "the subclass's time");
        NS_TEST_ASSERT_MSG_EQ(int(model->stage), int(CpuStage::ESP_DECRYPT), "stage passed");
        NS_TEST_ASSERT_MSG_EQ(model->bytes, 777, "size passed");
        NS_TEST_ASSERT_MSG_EQ(model->suite, &gcm, "suite passed");
        model->GetServiceTime(CpuStage::RECEIVE, 64, &gcm);
        NS_TEST_ASSERT_MSG_EQ(model->suite, nullptr, "RECEIVE gets no suite");
        model->result = NanoSeconds(-5);
        NS_TEST_ASSERT_MSG_EQ(model->GetServiceTime(CpuStage::RECEIVE, 64, nullptr),
                              Time(0),
                              "negative raised to zero");

        NS_TEST_ASSERT_MSG_EQ(model->GetCriticalSectionTime(), NanoSeconds(50), "default");
        NS_TEST_ASSERT_MSG_EQ(model->GetCacheLineTransferTime(), NanoSeconds(100), "default");
        model->SetAttribute("CriticalSectionTime", TimeValue(NanoSeconds(70)));
        model->SetAttribute("CacheLineTransferTime", TimeValue(NanoSeconds(250)));
        NS_TEST_ASSERT_MSG_EQ(model->GetCriticalSectionTime(), NanoSeconds(70), "set");
        NS_TEST_ASSERT_MSG_EQ(model->GetCacheLineTransferTime(), NanoSeconds(250), "set");
        NS_TEST_ASSERT_MSG_EQ(
            model->SetAttributeFailSafe("CriticalSectionTime", TimeValue(NanoSeconds(-1))),
            false,
            "negative hold time refused");

        NS_TEST_ASSERT_MSG_EQ(ToString(CpuStage::RECEIVE), "receive", "name");
        NS_TEST_ASSERT_MSG_EQ(ToString(CpuStage::ESP_ENCRYPT), "esp_encrypt", "name");
        NS_TEST_ASSERT_MSG_EQ(ToString(CpuStage::ESP_DECRYPT), "esp_decrypt", "name");
    }
};

class LinearCpuCostModelArithmeticTestCase : public TestCase
{
  public:
    LinearCpuCostModelArithmeticTestCase()
        : TestCase("linear model: fixed cycles plus bytes x cycles per byte of the suite, over the "
                   "frequency")
    {
    }

  private:
    void DoRun() override
    {
        // At 1 GHz one cycle is one nanosecond: every expected value below is exact.
        Ptr<LinearCpuCostModel> model = CreateObject<LinearCpuCostModel>();
        model->SetAttribute("Frequency", DoubleValue(1e9));
        model->SetAttribute("ReceiveCycles", DoubleValue(1000));
        model->SetAttribute("EncryptCycles", DoubleValue(2000));
        model->SetAttribute("DecryptCycles", DoubleValue(3000));

        struct Row
        {
            std::string keyword;   //!< suite
            std::string attribute; //!< attribute prefix
            double encrypt;        //!< cycles per byte
            double decrypt;        //!< cycles per byte
        };

        std::vector<Row> rows = {{"aes128gcm16", "Aes128Gcm16", 1, 2},
                                 {"aes256gcm16", "Aes256Gcm16", 3, 4},
                                 {"chacha20poly1305", "Chacha20Poly1305", 5, 6},
                                 {"aes128-sha256", "Aes128Sha256", 7, 8},
                                 {"aes256-sha256", "Aes256Sha256", 9, 10}};
        for (const auto& row : rows)
        {
            model->SetAttribute(row.attribute + "EncryptCyclesPerByte", DoubleValue(row.encrypt));
            model->SetAttribute(row.attribute + "DecryptCyclesPerByte", DoubleValue(row.decrypt));
        }
        for (const auto& row : rows)
        {
            CipherSuite suite = CipherSuite::FromKeyword(row.keyword);
            for (uint32_t bytes : {0u, 100u, 1500u})
            {
                NS_TEST_ASSERT_MSG_EQ(model->GetServiceTime(CpuStage::ESP_ENCRYPT, bytes, &suite),
                                      NanoSeconds(2000 + int64_t(row.encrypt * bytes)),
                                      row.keyword << " encrypt " << bytes << " B");
                NS_TEST_ASSERT_MSG_EQ(model->GetServiceTime(CpuStage::ESP_DECRYPT, bytes, &suite),
                                      NanoSeconds(3000 + int64_t(row.decrypt * bytes)),
                                      row.keyword << " decrypt " << bytes << " B");
            }
        }
        NS_TEST_ASSERT_MSG_EQ(model->GetServiceTime(CpuStage::RECEIVE, 1500, nullptr),
                              NanoSeconds(1000),
                              "RECEIVE has no per-byte cost by default");
        model->SetAttribute("ReceiveCyclesPerByte", DoubleValue(0.5));
        NS_TEST_ASSERT_MSG_EQ(model->GetServiceTime(CpuStage::RECEIVE, 1500, nullptr),
                              NanoSeconds(1750),
                              "RECEIVE per byte");

        // The frequency divides everything; fractions of a nanosecond are rounded.
        model->SetAttribute("Frequency", DoubleValue(3e9));
        CipherSuite gcm = CipherSuite::FromKeyword("aes128gcm16");
        NS_TEST_ASSERT_MSG_EQ(model->GetServiceTime(CpuStage::ESP_ENCRYPT, 100, &gcm),
                              NanoSeconds(700),
                              "(2000 + 100) / 3 GHz");
        NS_TEST_ASSERT_MSG_EQ(model->GetServiceTime(CpuStage::ESP_ENCRYPT, 102, &gcm),
                              NanoSeconds(701),
                              "(2000 + 102) / 3 GHz = 700.67 ns, rounded to the nearest");
        NS_TEST_ASSERT_MSG_EQ(model->GetCyclesPerByte(CpuStage::ESP_DECRYPT, gcm), 2, "lookup");
        NS_TEST_ASSERT_MSG_EQ(model->GetFixedCycles(CpuStage::ESP_DECRYPT), 3000, "lookup");
        NS_TEST_ASSERT_MSG_EQ(model->SetAttributeFailSafe("Frequency", DoubleValue(0)),
                              false,
                              "a zero frequency is refused");
    }
};

class LinearCpuCostModelDefaultsTestCase : public TestCase
{
  public:
    LinearCpuCostModelDefaultsTestCase()
        : TestCase("defaults: a forwarding+encrypting gateway with aes128gcm16 serves ~320 kpps "
                   "at 1500 B on one core (B1), and ~190-210 kpps at 9000 B")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<LinearCpuCostModel> model = CreateObject<LinearCpuCostModel>();
        // B1: 320 kpps best single-SA single-core forwarding at MTU 1500. The defaults are
        // anchored there (rounding to whole cycles and 3 decimals per byte moves it < 0.1 %);
        // 1 % is tight enough that changing any default by about 100 cycles per packet (or
        // 0.07 cycles per byte) fails here.
        double encryptPps
            = 1.0 / GatewayTime(model, CpuStage::ESP_ENCRYPT, 1500, "aes128gcm16").GetSeconds();
        NS_TEST_ASSERT_MSG_EQ_TOL(encryptPps, 320e3, 3.2e3, "encrypting gateway, 1500 B");
        double decryptPps
            = 1.0 / GatewayTime(model, CpuStage::ESP_DECRYPT, 1500, "aes128gcm16").GetSeconds();
        NS_TEST_ASSERT_MSG_EQ_TOL(decryptPps, 320e3, 3.2e3, "decrypting gateway, 1500 B");

        // B1 at MTU 9000: best RX 13.21 Gibps (~197 kpps), loss from 210-220 kpps; B1's own
        // text calls the 1500 B figure indicative. A linear model fitted at 1500 B with
        // Crypto++'s slope gives 189 kpps: accept 180 to 220 kpps.
        double jumboPps
            = 1.0 / GatewayTime(model, CpuStage::ESP_ENCRYPT, 9000, "aes128gcm16").GetSeconds();
        NS_TEST_ASSERT_MSG_GT(jumboPps, 180e3, "9000 B not too slow");
        NS_TEST_ASSERT_MSG_LT(jumboPps, 220e3, "9000 B not too fast");
        // Shape (field-data.md 4.5 item 4): per-packet cost dominates, so 9000 B frames carry
        // 3-4.5x the bits of 1500 B frames (B1: 13.21 / 3.425 = 3.9x).
        double ratio = (jumboPps * 9000) / (encryptPps * 1500);
        NS_TEST_ASSERT_MSG_GT(ratio, 3.0, "bits ratio 9000 B / 1500 B");
        NS_TEST_ASSERT_MSG_LT(ratio, 4.5, "bits ratio 9000 B / 1500 B");

        // Defaults of each suite keep Crypto++'s order (platform.md section 1).
        auto encrypt = [&](const std::string& keyword)
        { return GatewayTime(model, CpuStage::ESP_ENCRYPT, 1400, keyword); };
        NS_TEST_ASSERT_MSG_LT(encrypt("aes128gcm16"), encrypt("aes256gcm16"), "AES-128 < 256");
        NS_TEST_ASSERT_MSG_LT(encrypt("aes256gcm16"), encrypt("chacha20poly1305"), "GCM < ChaCha");
        NS_TEST_ASSERT_MSG_LT(encrypt("chacha20poly1305"), encrypt("aes128-sha256"), "< CBC");
        NS_TEST_ASSERT_MSG_LT(encrypt("aes128-sha256"), encrypt("aes256-sha256"), "CBC 128 < 256");
        CipherSuite cbc = CipherSuite::FromKeyword("aes256-sha256");
        NS_TEST_ASSERT_MSG_GT(model->GetCyclesPerByte(CpuStage::ESP_ENCRYPT, cbc),
                              2 * model->GetCyclesPerByte(CpuStage::ESP_DECRYPT, cbc),
                              "CBC encryption is serial, decryption parallel");
        NS_TEST_ASSERT_MSG_EQ(model->GetFrequency(), 3e9, "default frequency");
    }
};

class CpuCostModelTestSuite : public TestSuite
{
  public:
    CpuCostModelTestSuite()
        : TestSuite("ipsec-cpu-cost-model", UNIT)
    {
        AddTestCase(new CpuCostModelBaseTestCase, TestCase::QUICK);
        AddTestCase(new LinearCpuCostModelArithmeticTestCase, TestCase::QUICK);
        AddTestCase(new LinearCpuCostModelDefaultsTestCase, TestCase::QUICK);
    }
};

CpuCostModelTestSuite g_cpuCostModelTestSuite;

} // namespace
