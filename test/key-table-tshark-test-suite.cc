/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The key tables of a run with rekeys decrypt its whole capture: ikev2-per-cpu with per-CPU
// Child SAs rekeyed every second (AES-GCM-128) writes esp_sa and ikev2_decryption_table, and
// tshark 4.0 verifies the ICV of every ESP packet and the integrity of every encrypted IKE
// message in both pcaps. With only the SAs alive at the end, as the tables used to be, packets
// of the rekeyed SAs stay unverified: the check would notice the old behaviour.

#include "test-utilities.h"

#include "ns3/test.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

using namespace ns3;
using namespace ns3::ipsectest;

namespace
{

class RekeyedCaptureTestCase : public TsharkTestCase
{
  public:
    RekeyedCaptureTestCase()
        : TsharkTestCase("ikev2-per-cpu with rekeys: every ESP ICV and IKE integrity checksum "
                         "verified by tshark with the exported tables")
    {
    }

  private:
    /// \returns the ICV verdict of each ESP packet of \p pcap, by SPI ("0x...")
    std::map<std::string, std::multiset<std::string>> EspVerdicts(const std::string& pcap,
                                                                  const std::string& ikeTable,
                                                                  const std::string& espTable)
    {
        std::map<std::string, std::multiset<std::string>> verdicts;
        std::string fields
            = Tshark(pcap, ikeTable, espTable, "-Y esp -T fields -e esp.spi -e esp.icv_good");
        for (const std::string& line : Lines(fields))
        {
            std::istringstream row(line);
            std::string spi;
            std::string good;
            row >> spi >> good;
            verdicts[spi].insert(good.empty() ? "none" : good);
        }
        return verdicts;
    }

    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-key-table-tshark");
        std::string output;
        int status = RunCommand(ExamplePath("ikev2-per-cpu")
                                    + " --quiet --cpus=2 --flows=4 --flowInterval=0.3"
                                      " --flowRate=200kbps --rekeyTime=1 --duration=3.5"
                                      " --esp=aes128gcm16 --pcap=true --outputDir="
                                    + dir,
                                output);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "ran: " << output);
        nlohmann::json metrics = nlohmann::json::parse(ReadFile(dir + "/metrics.json"));
        std::string ikeTable = ReadFile(dir + "/ikev2_decryption_table");
        std::string espTable = ReadFile(dir + "/esp_sa");
        const nlohmann::json& gw1 = metrics["results"]["ike"]["daemons"]["gw1"];
        NS_TEST_ASSERT_MSG_GT(gw1["child_sas"]["rekeys"].get<uint64_t>(), 3, "rekeys happened");
        // One row per outbound SA of either gateway, i.e. two per Child SA pair installed.
        NS_TEST_EXPECT_MSG_EQ(Lines(espTable).size(),
                              2 * gw1["child_sas"]["installed"].get<size_t>(),
                              "every Child SA of the run in esp_sa");

        // The SAs alive at the end, for the table as it used to be.
        std::set<std::string> alive;
        for (const char* gw : {"gw1", "gw2"})
        {
            for (const auto& sa : metrics["results"]["gateways"][gw]["sas"])
            {
                char spi[16];
                std::snprintf(spi, sizeof(spi), "0x%08x", sa["spi"].get<uint32_t>());
                if (sa["direction"] == "out")
                {
                    alive.insert(spi);
                }
            }
        }
        std::string aliveTable;
        for (const std::string& row : Lines(espTable))
        {
            for (const std::string& spi : alive)
            {
                if (row.find("\"" + spi + "\"") != std::string::npos)
                {
                    aliveTable += row + "\n";
                }
            }
        }
        NS_TEST_EXPECT_MSG_LT(Lines(aliveTable).size(), Lines(espTable).size(), "SAs are gone");

        NS_TEST_ASSERT_MSG_EQ(metrics["outputs"]["pcap"].size(), 2u, "both ends of the WAN");
        uint64_t packets = 0;
        uint64_t unverifiedWithAliveOnly = 0;
        for (const auto& name : metrics["outputs"]["pcap"])
        {
            std::string pcap = dir + "/" + name.get<std::string>();
            auto verdicts = EspVerdicts(pcap, ikeTable, espTable);
            NS_TEST_EXPECT_MSG_GT(verdicts.size(), alive.size() / 2, name << ": SPIs of the run");
            for (const auto& [spi, goods] : verdicts)
            {
                packets += goods.size();
                NS_TEST_EXPECT_MSG_EQ(goods.count("1"),
                                      goods.size(),
                                      name << ": every ICV of SPI " << spi << " good");
            }
            for (const auto& [spi, goods] : EspVerdicts(pcap, ikeTable, aliveTable))
            {
                unverifiedWithAliveOnly += goods.size() - goods.count("1");
            }

            // Every encrypted IKE message (IKE_AUTH, CREATE_CHILD_SA, INFORMATIONAL).
            std::string filter = "-Y 'isakmp.exchangetype >= 35 && isakmp.exchangetype <= 37'";
            size_t messages
                = Lines(Tshark(
                            pcap, ikeTable, espTable, filter + " -T fields -e isakmp.exchangetype"))
                      .size();
            std::string verbose = Tshark(pcap, ikeTable, espTable, "-V " + filter);
            NS_TEST_EXPECT_MSG_GT(messages, 10u, name << ": rekey exchanges captured");
            NS_TEST_EXPECT_MSG_EQ(Count(verbose, "[correct]"), messages, name << ": IKE ICVs");
            NS_TEST_EXPECT_MSG_EQ(Count(verbose, "[incorrect"), 0u, name << ": no bad IKE ICV");
        }
        NS_TEST_EXPECT_MSG_GT(packets, 800u, "ESP packets checked");
        NS_TEST_EXPECT_MSG_GT(unverifiedWithAliveOnly, 0u, "the alive SAs alone do not suffice");
        std::filesystem::remove_all(dir);
    }
};

class KeyTableTsharkTestSuite : public TestSuite
{
  public:
    KeyTableTsharkTestSuite()
        : TestSuite("ipsec-key-table-tshark", SYSTEM)
    {
        AddTestCase(new RekeyedCaptureTestCase, TestCase::QUICK);
    }
};

KeyTableTsharkTestSuite g_keyTableTsharkTestSuite;

} // namespace
