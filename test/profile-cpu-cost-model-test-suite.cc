/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// ProfileCpuCostModel: piecewise-linear interpolation and linear extrapolation of a hand-written
// profile, loading through the ProfileFile attribute, and refusal of bad files with a message
// that names the file and the field.

#include "test-utilities.h"

#include "ns3/cipher-suite.h"
#include "ns3/nstime.h"
#include "ns3/profile-cpu-cost-model.h"
#include "ns3/string.h"
#include "ns3/test.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/**
 * A small profile whose values are exact in nanoseconds:
 * aes128gcm16 encrypt (100, 1000) (200, 1500) (1000, 2300) -> slopes 5 and 1 ns/B;
 * decrypt given out of order: (1000, 900) (0, 100) -> slope 0.8 ns/B.
 */
nlohmann::json
SmallProfile()
{
    return nlohmann::json::parse(R"({
      "format": "ns3-ipsec-cpu-profile",
      "version": 1,
      "generator": "hand-written",
      "stages_ns": {"receive": 400, "esp_encrypt": 600, "esp_decrypt": 700},
      "suites": {
        "aes128gcm16": {
          "encrypt": [{"bytes": 100, "ns": 1000}, {"bytes": 200, "ns": 1500},
                      {"bytes": 1000, "ns": 2300}],
          "decrypt": [{"bytes": 1000, "ns": 900}, {"bytes": 0, "ns": 100}]
        },
        "chacha20poly1305": {
          "encrypt": [{"bytes": 64, "ns": 600}, {"bytes": 1064, "ns": 2600}],
          "decrypt": [{"bytes": 64, "ns": 500}, {"bytes": 1064, "ns": 1500}]
        }
      }
    })");
}

/// \return the message of the std::invalid_argument that loading \p profile throws, or "".
std::string
LoadError(const nlohmann::json& profile, const std::string& source = "bad.json")
{
    Ptr<ProfileCpuCostModel> model = CreateObject<ProfileCpuCostModel>();
    try
    {
        model->LoadJson(profile, source);
    }
    catch (const std::invalid_argument& e)
    {
        return e.what();
    }
    return "";
}

/// \return true if \p text contains \p part
bool
Contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

class ProfileInterpolationTestCase : public TestCase
{
  public:
    ProfileInterpolationTestCase()
        : TestCase("interpolates between measured sizes and extrapolates beyond them, exactly")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<ProfileCpuCostModel> model = CreateObject<ProfileCpuCostModel>();
        NS_TEST_ASSERT_MSG_EQ(model->IsLoaded(), false, "nothing loaded yet");
        model->LoadJson(SmallProfile(), "small");
        NS_TEST_ASSERT_MSG_EQ(model->IsLoaded(), true, "loaded");
        NS_TEST_ASSERT_MSG_EQ(model->GetSuites().size(), 2, "two suites");
        NS_TEST_ASSERT_MSG_EQ(model->GetSuites()[0], "aes128gcm16", "sorted");

        CipherSuite gcm = CipherSuite::FromKeyword("aes128gcm16");

        struct Point
        {
            uint32_t bytes; //!< size asked
            int64_t ns;     //!< expected crypto time, without the stage's 600 ns
        };

        for (Point p : {Point{100, 1000},  // measured
                        Point{150, 1250},  // inside the first segment
                        Point{200, 1500},  // measured, the knee
                        Point{600, 1900},  // inside the second segment (1 ns/B)
                        Point{1000, 2300}, // last measured
                        Point{1400, 2700}, // beyond: the last segment's slope
                        Point{60, 800},    // below: the first segment's slope (5 ns/B)
                        Point{0, 500}})
        {
            NS_TEST_ASSERT_MSG_EQ(model->GetServiceTime(CpuStage::ESP_ENCRYPT, p.bytes, &gcm),
                                  NanoSeconds(600 + p.ns),
                                  "encrypt " << p.bytes << " B");
        }
        for (Point p : {Point{0, 100}, Point{500, 500}, Point{1500, 1300}})
        {
            NS_TEST_ASSERT_MSG_EQ(model->GetServiceTime(CpuStage::ESP_DECRYPT, p.bytes, &gcm),
                                  NanoSeconds(700 + p.ns),
                                  "decrypt " << p.bytes << " B (points given out of order)");
        }
        // Each suite has its own curves: chacha encrypt 2 ns/B from (64, 600), decrypt 1 ns/B
        // from (64, 500), so 436 ns at 0 B.
        CipherSuite chacha = CipherSuite::FromKeyword("chacha20poly1305");
        NS_TEST_ASSERT_MSG_EQ(model->GetServiceTime(CpuStage::ESP_ENCRYPT, 564, &chacha),
                              NanoSeconds(600 + 1600),
                              "chacha encrypt");
        NS_TEST_ASSERT_MSG_EQ(model->GetServiceTime(CpuStage::ESP_DECRYPT, 0, &chacha),
                              NanoSeconds(700 + 436),
                              "chacha decrypt below the range");
        NS_TEST_ASSERT_MSG_EQ(model->GetServiceTime(CpuStage::RECEIVE, 9000, nullptr),
                              NanoSeconds(400),
                              "RECEIVE is the fixed stage time");
        NS_TEST_ASSERT_MSG_EQ(model->GetStageTime(CpuStage::ESP_DECRYPT), NanoSeconds(700), "");

        // A steep first segment extrapolated far below: the crypto part stops at zero.
        nlohmann::json steep = SmallProfile();
        steep["suites"]["aes128gcm16"]["encrypt"]
            = {{{"bytes", 1000}, {"ns", 100}}, {{"bytes", 2000}, {"ns", 1100}}};
        model->LoadJson(steep, "steep");
        NS_TEST_ASSERT_MSG_EQ(model->GetServiceTime(CpuStage::ESP_ENCRYPT, 0, &gcm),
                              NanoSeconds(600),
                              "stage time only, never less");
    }
};

class ProfileFileTestCase : public TestCase
{
  public:
    ProfileFileTestCase()
        : TestCase("the ProfileFile attribute loads a file; Load refuses missing and malformed "
                   "files, naming the file")
    {
    }

  private:
    void DoRun() override
    {
        std::string dir = ipsectest::MakeTempDirectory("ipsec-profile");
        std::string good = dir + "/profile.json";
        ipsectest::WriteFile(good, SmallProfile().dump(2));
        Ptr<ProfileCpuCostModel> model = CreateObject<ProfileCpuCostModel>();
        model->SetAttribute("ProfileFile", StringValue(good));
        NS_TEST_ASSERT_MSG_EQ(model->IsLoaded(), true, "loaded through the attribute");
        NS_TEST_ASSERT_MSG_EQ(model->GetProfileFile(), good, "attribute value");
        CipherSuite gcm = CipherSuite::FromKeyword("aes128gcm16");
        NS_TEST_ASSERT_MSG_EQ(model->GetServiceTime(CpuStage::ESP_ENCRYPT, 150, &gcm),
                              NanoSeconds(1850),
                              "values from the file");

        std::string missing = dir + "/absent.json";
        std::string message;
        try
        {
            model->Load(missing);
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        NS_TEST_ASSERT_MSG_EQ(Contains(message, missing), true, "names the file: " << message);
        NS_TEST_ASSERT_MSG_EQ(Contains(message, "cannot open"), true, message);

        std::string broken = dir + "/broken.json";
        ipsectest::WriteFile(broken, "{\"format\": \"ns3-ipsec-cpu-profile\", \"version\": ");
        message.clear();
        try
        {
            model->Load(broken);
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        NS_TEST_ASSERT_MSG_EQ(Contains(message, broken), true, "names the file: " << message);
        NS_TEST_ASSERT_MSG_EQ(Contains(message, "not valid JSON"), true, message);

        // A failed load keeps the profile that was loaded before.
        NS_TEST_ASSERT_MSG_EQ(model->GetServiceTime(CpuStage::ESP_ENCRYPT, 150, &gcm),
                              NanoSeconds(1850),
                              "previous profile kept");
    }
};

class ProfileBadFieldsTestCase : public TestCase
{
  public:
    ProfileBadFieldsTestCase()
        : TestCase("missing fields, negative values, unknown suites, short or duplicate curves "
                   "are refused with the field named")
    {
    }

  private:
    void DoRun() override
    {
        struct Case
        {
            std::string what;     //!< the mistake
            nlohmann::json doc;   //!< the profile
            std::string expected; //!< part of the message
        };

        std::vector<Case> cases;
        auto with = [](const std::function<void(nlohmann::json&)>& change)
        {
            nlohmann::json doc = SmallProfile();
            change(doc);
            return doc;
        };
        cases.push_back({"not an object", nlohmann::json::array(), "must be a JSON object"});
        cases.push_back(
            {"no format", with([](nlohmann::json& d) { d.erase("format"); }), "field format"});
        cases.push_back({"another format",
                         with([](nlohmann::json& d) { d["format"] = "metrics"; }),
                         "field format must be \"ns3-ipsec-cpu-profile\""});
        cases.push_back({"another version",
                         with([](nlohmann::json& d) { d["version"] = 2; }),
                         "field version must be 1"});
        cases.push_back({"no stages",
                         with([](nlohmann::json& d) { d.erase("stages_ns"); }),
                         "missing field stages_ns"});
        cases.push_back({"no decrypt stage",
                         with([](nlohmann::json& d) { d["stages_ns"].erase("esp_decrypt"); }),
                         "missing field stages_ns.esp_decrypt"});
        cases.push_back({"negative stage",
                         with([](nlohmann::json& d) { d["stages_ns"]["receive"] = -1; }),
                         "field stages_ns.receive must be a finite number >= 0"});
        cases.push_back({"string stage",
                         with([](nlohmann::json& d) { d["stages_ns"]["receive"] = "1us"; }),
                         "field stages_ns.receive must be a number"});
        cases.push_back({"no suites",
                         with([](nlohmann::json& d) { d["suites"] = nlohmann::json::object(); }),
                         "field suites must be a non-empty object"});
        cases.push_back(
            {"unknown suite",
             with([](nlohmann::json& d) { d["suites"]["aes999"] = d["suites"]["aes128gcm16"]; }),
             "field suites.aes999"});
        cases.push_back(
            {"no decrypt curve",
             with([](nlohmann::json& d) { d["suites"]["aes128gcm16"].erase("decrypt"); }),
             "missing field suites.aes128gcm16.decrypt"});
        cases.push_back(
            {"one point",
             with(
                 [](nlohmann::json& d) {
                     d["suites"]["chacha20poly1305"]["encrypt"] = {{{"bytes", 64}, {"ns", 600}}};
                 }),
             "field suites.chacha20poly1305.encrypt must be an array of at least two"});
        cases.push_back(
            {"negative time",
             with([](nlohmann::json& d) { d["suites"]["aes128gcm16"]["encrypt"][1]["ns"] = -3.5; }),
             "field suites.aes128gcm16.encrypt[1].ns must be a finite number >= 0"});
        cases.push_back({"negative size",
                         with([](nlohmann::json& d)
                              { d["suites"]["aes128gcm16"]["encrypt"][0]["bytes"] = -64; }),
                         "field suites.aes128gcm16.encrypt[0].bytes"});
        cases.push_back({"missing size",
                         with([](nlohmann::json& d)
                              { d["suites"]["aes128gcm16"]["decrypt"][1].erase("bytes"); }),
                         "missing field suites.aes128gcm16.decrypt[1].bytes"});
        cases.push_back({"duplicate size",
                         with([](nlohmann::json& d)
                              { d["suites"]["aes128gcm16"]["encrypt"][2]["bytes"] = 100; }),
                         "field suites.aes128gcm16.encrypt has two points for 100 bytes"});
        for (const auto& c : cases)
        {
            std::string message = LoadError(c.doc);
            NS_TEST_ASSERT_MSG_EQ(Contains(message, "cost profile 'bad.json'"),
                                  true,
                                  c.what << ": names the source: '" << message << "'");
            NS_TEST_ASSERT_MSG_EQ(Contains(message, c.expected),
                                  true,
                                  c.what << ": expected '" << c.expected << "' in '" << message
                                         << "'");
        }
        NS_TEST_ASSERT_MSG_EQ(LoadError(SmallProfile()), "", "the good profile loads");
    }
};

class ProfileCpuCostModelTestSuite : public TestSuite
{
  public:
    ProfileCpuCostModelTestSuite()
        : TestSuite("ipsec-profile-cpu-cost-model", UNIT)
    {
        AddTestCase(new ProfileInterpolationTestCase, TestCase::QUICK);
        AddTestCase(new ProfileFileTestCase, TestCase::QUICK);
        AddTestCase(new ProfileBadFieldsTestCase, TestCase::QUICK);
    }
};

ProfileCpuCostModelTestSuite g_profileCpuCostModelTestSuite;

} // namespace
