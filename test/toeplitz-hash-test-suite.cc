/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The RSS Toeplitz hash against the published RSS verification suite.
//
// Vectors: Microsoft, "Verifying the RSS Hash Calculation"
// (https://learn.microsoft.com/en-us/windows-hardware/drivers/network/verifying-the-rss-hash-calculation),
// the same table as in the Intel 82599 datasheet, section 7.1.2.8.3 "RSS Verification Suite".
// The numbers below were checked against DPDK's copy of that table, app/test/test_thash.c in
// https://github.com/DPDK/dpdk (v4_tbl and v6_tbl: hash_l3 and hash_l3l4).

#include "ns3/test.h"
#include "ns3/toeplitz-hash.h"

#include <cstdint>
#include <vector>

using namespace ns3;

namespace
{

uint32_t
Hash(const std::vector<uint8_t>& input)
{
    const auto& key = ToeplitzHash::DefaultKey();
    return ToeplitzHash::Compute(key.data(), key.size(), input.data(), input.size());
}

void
Append16(std::vector<uint8_t>& v, uint16_t x)
{
    v.push_back(static_cast<uint8_t>(x >> 8));
    v.push_back(static_cast<uint8_t>(x));
}

struct Ipv4Vector
{
    uint8_t source[4];
    uint16_t sourcePort;
    uint8_t destination[4];
    uint16_t destinationPort;
    uint32_t hashAddresses; //!< IPv4 only
    uint32_t hashWithPorts; //!< IPv4 with TCP
};

class ToeplitzIpv4TestCase : public TestCase
{
  public:
    ToeplitzIpv4TestCase()
        : TestCase("RSS verification suite, IPv4 with and without TCP ports")
    {
    }

  private:
    void DoRun() override
    {
        const Ipv4Vector vectors[] = {
            {{66, 9, 149, 187}, 2794, {161, 142, 100, 80}, 1766, 0x323e8fc2, 0x51ccc178},
            {{199, 92, 111, 2}, 14230, {65, 69, 140, 83}, 4739, 0xd718262a, 0xc626b0ea},
            {{24, 19, 198, 95}, 12898, {12, 22, 207, 184}, 38024, 0xd2d0a5de, 0x5c2b394a},
            {{38, 27, 205, 30}, 48228, {209, 142, 163, 6}, 2217, 0x82989176, 0xafc7327f},
            {{153, 39, 163, 191}, 44251, {202, 188, 127, 2}, 1303, 0x5d1809c5, 0x10e828a2},
        };
        for (const auto& v : vectors)
        {
            std::vector<uint8_t> input(v.source, v.source + 4);
            input.insert(input.end(), v.destination, v.destination + 4);
            NS_TEST_EXPECT_MSG_EQ(Hash(input),
                                  v.hashAddresses,
                                  "addresses of " << int(v.source[0]) << "." << int(v.source[1]));
            Append16(input, v.sourcePort);
            Append16(input, v.destinationPort);
            NS_TEST_EXPECT_MSG_EQ(Hash(input),
                                  v.hashWithPorts,
                                  "with ports " << v.sourcePort << " -> " << v.destinationPort);
        }
    }
};

class ToeplitzIpv6TestCase : public TestCase
{
  public:
    ToeplitzIpv6TestCase()
        : TestCase("RSS verification suite, IPv6 (36-byte input, 4 bytes short of the key)")
    {
    }

  private:
    void DoRun() override
    {
        struct Vector
        {
            std::vector<uint8_t> source;
            uint16_t sourcePort;
            std::vector<uint8_t> destination;
            uint16_t destinationPort;
            uint32_t hashAddresses;
            uint32_t hashWithPorts;
        };

        const std::vector<Vector> vectors = {
            // 3ffe:2501:200:1fff::7 -> 3ffe:2501:200:3::1
            {{0x3f, 0xfe, 0x25, 0x01, 0x02, 0x00, 0x1f, 0xff, 0, 0, 0, 0, 0, 0, 0, 0x07},
             2794,
             {0x3f, 0xfe, 0x25, 0x01, 0x02, 0x00, 0x00, 0x03, 0, 0, 0, 0, 0, 0, 0, 0x01},
             1766,
             0x2cc18cd5,
             0x40207d3d},
            // 3ffe:501:8::260:97ff:fe40:efab -> ff02::1
            {{0x3f,
              0xfe,
              0x05,
              0x01,
              0x00,
              0x08,
              0,
              0,
              0x02,
              0x60,
              0x97,
              0xff,
              0xfe,
              0x40,
              0xef,
              0xab},
             14230,
             {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01},
             4739,
             0x0f0c461c,
             0xdde51bbf},
            // 3ffe:1900:4545:3:200:f8ff:fe21:67cf -> fe80::200:f8ff:fe21:67cf
            {{0x3f,
              0xfe,
              0x19,
              0x00,
              0x45,
              0x45,
              0x00,
              0x03,
              0x02,
              0x00,
              0xf8,
              0xff,
              0xfe,
              0x21,
              0x67,
              0xcf},
             44251,
             {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x00, 0xf8, 0xff, 0xfe, 0x21, 0x67, 0xcf},
             38024,
             0x4b61e985,
             0x02d1feef},
        };
        for (const auto& v : vectors)
        {
            std::vector<uint8_t> input = v.source;
            input.insert(input.end(), v.destination.begin(), v.destination.end());
            NS_TEST_EXPECT_MSG_EQ(Hash(input), v.hashAddresses, "addresses, port " << v.sourcePort);
            Append16(input, v.sourcePort);
            Append16(input, v.destinationPort);
            NS_TEST_EXPECT_MSG_EQ(Hash(input), v.hashWithPorts, "with ports " << v.sourcePort);
        }
    }
};

class ToeplitzPropertiesTestCase : public TestCase
{
  public:
    ToeplitzPropertiesTestCase()
        : TestCase("zero input hashes to zero; the hash is linear over XOR; short keys pad zeros")
    {
    }

  private:
    void DoRun() override
    {
        NS_TEST_EXPECT_MSG_EQ(Hash(std::vector<uint8_t>(12, 0)), 0u, "all-zero input");
        NS_TEST_EXPECT_MSG_EQ(Hash({}), 0u, "empty input");
        std::vector<uint8_t> a = {10, 1, 0, 7, 10, 2, 0, 9, 0xc3, 0x51, 0x11, 0x94};
        std::vector<uint8_t> b = {172, 16, 0, 1, 172, 16, 0, 2, 0x11, 0x94, 0x11, 0x94};
        std::vector<uint8_t> x(a.size());
        for (size_t i = 0; i < a.size(); ++i)
        {
            x[i] = a[i] ^ b[i];
        }
        NS_TEST_EXPECT_MSG_EQ(Hash(x), (Hash(a) ^ Hash(b)), "linear over GF(2)");

        // The first input bit selects exactly the first 32 key bits.
        NS_TEST_EXPECT_MSG_EQ(Hash({0x80}), 0x6d5a56dau, "first window");
        NS_TEST_EXPECT_MSG_EQ(Hash({0x00, 0x01}), 0x2b6d12adu, "window at bit 15");

        // A 4-byte key hashing 2 bytes: key bits past its end are zero.
        const uint8_t key[] = {0x80, 0x00, 0x00, 0x01};
        const uint8_t input[] = {0x00, 0x01};
        NS_TEST_EXPECT_MSG_EQ(ToeplitzHash::Compute(key, sizeof(key), input, sizeof(input)),
                              0x00008000u,
                              "short key");
    }
};

class ToeplitzHashTestSuite : public TestSuite
{
  public:
    ToeplitzHashTestSuite()
        : TestSuite("ipsec-toeplitz", UNIT)
    {
        AddTestCase(new ToeplitzIpv4TestCase, TestCase::QUICK);
        AddTestCase(new ToeplitzIpv6TestCase, TestCase::QUICK);
        AddTestCase(new ToeplitzPropertiesTestCase, TestCase::QUICK);
    }
};

ToeplitzHashTestSuite g_toeplitzHashTestSuite;

} // namespace
