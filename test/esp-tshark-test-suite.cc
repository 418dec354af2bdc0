/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Wireshark as an independent judge of our ESP bytes: run the example with pcap, give tshark
// the esp_sa table the example wrote, and require every ESP packet to decrypt with a good ICV
// and the inner UDP packet to dissect. A wrong key must make tshark report bad ICVs.

#include "test-utilities.h"

#include "ns3/test.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

using namespace ns3;
using namespace ns3::ipsectest;

namespace
{

class TsharkDecryptTestCase : public TestCase
{
  public:
    TsharkDecryptTestCase(const std::string& algorithm, bool udpEncap)
        : TestCase("tshark decrypts " + algorithm + (udpEncap ? " in UDP 4500" : "")
                   + " with the exported esp_sa")
        , m_algorithm(algorithm)
        , m_udpEncap(udpEncap)
    {
    }

  private:
    /// Runs tshark on \p pcap with \p keyTable as its esp_sa; \return one line per ESP frame:
    /// "<spi>\t<sequence>\t<icv_good>\t<udp dst ports>".
    std::vector<std::string> Dissect(const std::string& pcap, const std::string& keyTable)
    {
        std::string home = MakeTempDirectory("ipsec-tshark-home");
        std::filesystem::create_directories(home + "/.config/wireshark");
        WriteFile(home + "/.config/wireshark/esp_sa", keyTable);
        WriteFile(home + "/.config/wireshark/preferences",
                  "esp.enable_encryption_decode: TRUE\nesp.enable_authentication_check: TRUE\n");
        std::string output;
        int status = RunCommand("HOME=" + home + " tshark -r " + pcap
                                    + " -Y esp -T fields -e esp.spi -e esp.sequence"
                                      " -e esp.icv_good -e udp.dstport 2>/dev/null",
                                output);
        NS_TEST_EXPECT_MSG_EQ(status, 0, "tshark ran: " << output);
        std::filesystem::remove_all(home);
        std::vector<std::string> lines;
        std::istringstream in(output);
        for (std::string line; std::getline(in, line);)
        {
            if (!line.empty())
            {
                lines.push_back(line);
            }
        }
        return lines;
    }

    void DoRun() override
    {
        std::string dir = MakeTempDirectory("ipsec-tshark");
        std::string output;
        int status = RunCommand(ExamplePath("esp-gateway-tunnel") + " --pcap=true --duration=0.02"
                                    + " --rate=5Mbps --algorithm=" + m_algorithm + " --udpEncap="
                                    + (m_udpEncap ? "true" : "false") + " --outputDir=" + dir,
                                output);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "example ran: " << output);
        std::string keys = ReadFile(dir + "/esp_sa");
        NS_TEST_ASSERT_MSG_EQ(keys.empty(), false, "key table written");
        // gw2's capture holds every ESP packet gw1 sent.
        auto metrics = nlohmann::json::parse(ReadFile(dir + "/metrics.json"));
        uint64_t sent = metrics["results"]["gateways"]["gw1"]["esp_sent"];
        std::string pcap = dir + "/esp-gateway-tunnel-2-0.pcap";
        std::vector<std::string> frames = Dissect(pcap, keys);
        NS_TEST_ASSERT_MSG_GT(sent, 5, "some traffic");
        NS_TEST_ASSERT_MSG_EQ(frames.size(), sent, "ESP frames in the capture");
        uint32_t seq = 1;
        for (const auto& frame : frames)
        {
            std::istringstream fields(frame);
            std::string spi;
            std::string sequence;
            std::string icvGood;
            std::string ports;
            fields >> spi >> sequence >> icvGood >> ports;
            NS_TEST_EXPECT_MSG_EQ(sequence, std::to_string(seq++), "sequence numbers 1, 2, ...");
            NS_TEST_EXPECT_MSG_EQ(icvGood, "1", "ICV verified by tshark: " << frame);
            std::string inner = m_udpEncap ? "4500,5001" : "5001";
            NS_TEST_EXPECT_MSG_EQ(ports, inner, "inner UDP dissected: " << frame);
        }

        // The same capture with one byte changed of the key that protects integrity (the last
        // one of gw1's row: the GCM key, or the HMAC key): tshark must call every ICV bad.
        std::string wrong = keys;
        size_t key = wrong.rfind("\"0x", wrong.find('\n')) + 3;
        wrong[key] = wrong[key] == '0' ? '1' : '0';
        std::vector<std::string> wrongFrames = Dissect(pcap, wrong);
        NS_TEST_ASSERT_MSG_EQ(wrongFrames.size(), sent, "still dissected as ESP");
        for (const auto& frame : wrongFrames)
        {
            std::istringstream fields(frame);
            std::string spi;
            std::string sequence;
            std::string icvGood;
            fields >> spi >> sequence >> icvGood;
            NS_TEST_EXPECT_MSG_EQ(icvGood, "0", "wrong key, bad ICV: " << frame);
        }
        std::filesystem::remove_all(dir);
    }

    std::string m_algorithm;
    bool m_udpEncap;
};

class EspTsharkTestSuite : public TestSuite
{
  public:
    EspTsharkTestSuite()
        : TestSuite("ipsec-esp-tshark", SYSTEM)
    {
        // tshark 4.0 cannot decrypt ChaCha20-Poly1305 (spec/platform.md 3a).
        for (std::string algorithm : {"aes128gcm16", "aes256gcm16", "aes256-sha256"})
        {
            AddTestCase(new TsharkDecryptTestCase(algorithm, false), TestCase::QUICK);
        }
        AddTestCase(new TsharkDecryptTestCase("aes128gcm16", true), TestCase::QUICK);
    }
};

EspTsharkTestSuite g_espTsharkTestSuite;

} // namespace
