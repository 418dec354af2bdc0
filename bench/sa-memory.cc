/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Resident memory that N installed SAs add to one node, in real and in size-only crypto mode.
//
// Each mode is measured in a child process of its own (this program re-executed with --mode), so
// that one mode's heap cannot lend freed memory to the other. The child builds one node with an
// IPv4 stack and an IpsecDataPlane, reads VmRSS and the heap in use, installs N SAs (half inbound
// with SPIs from AllocateSpi(), half outbound), and reads both again. The last two lines are
// machine-readable:
//
//   sa_memory mode=real sas=100000 added_mib=X bytes_per_sa=Y
//   sa_memory mode=size-only sas=100000 added_mib=X bytes_per_sa=Y

#include "bench-harness.h"

#include "ns3/core-module.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipsec-helper.h"
#include "ns3/network-module.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

constexpr double MIB = 1024.0 * 1024.0;

/// The benchmark's options, with their defaults.
struct Options
{
    uint32_t sas{100000};
    std::string algorithm{"aes128gcm16"};
    std::string mode; //!< empty: run every mode in a child process each
};

/// \return \p length key bytes that differ between SAs: a simple deterministic counter.
Bytes
CounterKey(uint32_t sa, uint32_t length, uint8_t salt)
{
    Bytes key(length);
    for (uint32_t j = 0; j < length; ++j)
    {
        key[j] = static_cast<uint8_t>((sa >> (8 * (j % 4))) ^ (j * 29) ^ salt);
    }
    return key;
}

/// Throws std::invalid_argument naming the first bad option and what is accepted.
void
Validate(const Options& o)
{
    if (o.sas < 2 || o.sas > 10000000)
    {
        throw std::invalid_argument("--sas=" + std::to_string(o.sas)
                                    + " is out of range: expected 2 to 10000000");
    }
    CipherSuite::FromKeyword(o.algorithm); // throws, listing the accepted keywords
    if (!o.mode.empty())
    {
        CryptoModeFromString(o.mode); // throws unless "real" or "size-only"
    }
}

/**
 * Measures one mode in this process and prints its lines.
 * \return the machine-readable result line
 */
std::string
MeasureMode(const Options& o)
{
    CryptoMode mode = CryptoModeFromString(o.mode);
    CipherSuite suite = CipherSuite::FromKeyword(o.algorithm);
    const Ipv4Address self("172.16.0.1");
    const Ipv4Address peer("172.16.0.2");

    Ptr<Node> node = CreateObject<Node>();
    InternetStackHelper internet;
    internet.SetIpv6StackInstall(false);
    internet.Install(node);
    IpsecHelper ipsec;
    ipsec.SetDataPlaneAttribute("DefaultCryptoMode", StringValue(ToString(mode)));
    Ptr<IpsecDataPlane> plane = ipsec.Install(node);
    ipsec.AssignStreams(NodeContainer(node), 1000);

    auto makeSa = [&](uint32_t i, SaDirection direction, uint32_t spi)
    {
        SaParams p;
        p.direction = direction;
        p.spi = spi;
        p.reqid = i + 1; // one Child SA per policy, as IKE installs them
        p.tunnelSource = direction == SaDirection::OUTBOUND ? self : peer;
        p.tunnelDestination = direction == SaDirection::OUTBOUND ? peer : self;
        p.suite = suite;
        p.encryptionKey = CounterKey(i, suite.EncrKeyBytes(), 0x5a);
        p.integrityKey = CounterKey(i, suite.IntegKeyBytes(), 0xa5);
        p.cryptoMode = mode;
        return p;
    };

    // One SA per direction, installed and removed before the baseline, so that one-time
    // allocations (Crypto++ CPU detection, the first hash-table buckets) are not counted per SA.
    uint32_t warmSpi = plane->AllocateSpi();
    plane->AddSa(makeSa(0, SaDirection::INBOUND, warmSpi));
    plane->AddSa(makeSa(0, SaDirection::OUTBOUND, warmSpi));
    plane->DeleteSa(SaDirection::INBOUND, warmSpi, self);
    plane->DeleteSa(SaDirection::OUTBOUND, warmSpi, peer);

    bench::MemorySnapshot before = bench::TakeSnapshot();
    auto begin = std::chrono::steady_clock::now();
    uint32_t inbound = o.sas / 2;
    for (uint32_t i = 0; i < o.sas; ++i)
    {
        if (i < inbound)
        {
            plane->AddSa(makeSa(i, SaDirection::INBOUND, plane->AllocateSpi()));
        }
        else
        {
            // Outbound SPIs are the peer's choice: any unique value will do.
            plane->AddSa(makeSa(i, SaDirection::OUTBOUND, 0x10000 + i));
        }
    }
    double installSeconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    bench::MemorySnapshot after = bench::TakeSnapshot();

    size_t installed = plane->GetSas().size();
    if (installed != o.sas)
    {
        throw std::runtime_error("installed " + std::to_string(installed) + " SAs instead of "
                                 + std::to_string(o.sas));
    }

    double addedRss = static_cast<double>(after.rssBytes) - static_cast<double>(before.rssBytes);
    double addedHeap = static_cast<double>(after.heapBytes) - static_cast<double>(before.heapBytes);
    std::printf("sa-memory (%s): %u SAs (%u inbound, %u outbound), %s, replay window %u\n",
                o.mode.c_str(),
                o.sas,
                inbound,
                o.sas - inbound,
                o.algorithm.c_str(),
                SaParams().replayWindow);
    std::printf("  VmRSS %8.1f MiB -> %8.1f MiB: +%.1f MiB, %.0f bytes per SA\n",
                before.rssBytes / MIB,
                after.rssBytes / MIB,
                addedRss / MIB,
                addedRss / o.sas);
    std::printf("  heap in use (mallinfo2) +%.1f MiB, %.0f bytes per SA\n",
                addedHeap / MIB,
                addedHeap / o.sas);
    std::printf("  sizeof(IpsecSa) %zu bytes, of which sizeof(SaParams) %zu bytes\n",
                sizeof(IpsecSa),
                sizeof(SaParams));
    std::printf(
        "  install time %.3f s, %.2f us per SA\n", installSeconds, installSeconds * 1e6 / o.sas);

    char result[160];
    std::snprintf(result,
                  sizeof(result),
                  "sa_memory mode=%s sas=%u added_mib=%.1f bytes_per_sa=%.0f",
                  o.mode.c_str(),
                  o.sas,
                  addedRss / MIB,
                  addedRss / o.sas);
    Simulator::Destroy();
    return result;
}

/// Runs this program again as `--mode=<mode>`; forwards its output and \return its result line.
std::string
RunChild(const Options& o, const std::string& mode)
{
    return bench::RunSelf("--mode=" + mode + " --sas=" + std::to_string(o.sas)
                              + " --algorithm=" + o.algorithm,
                          "sa_memory ");
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    CommandLine cmd(__FILE__);
    cmd.AddValue("sas", "SAs to install (half inbound, half outbound)", o.sas);
    cmd.AddValue("algorithm", "ESP proposal (strongSwan keyword) of the SAs", o.algorithm);
    cmd.AddValue("mode",
                 "measure only this crypto mode (real or size-only) in this process; "
                 "empty: each mode in a child process",
                 o.mode);
    cmd.Parse(argc, argv);
    try
    {
        Validate(o);
    }
    catch (const std::exception& e)
    {
        std::cerr << "sa-memory: " << e.what() << std::endl;
        return 2;
    }

    try
    {
        if (!o.mode.empty())
        {
            std::cout << MeasureMode(o) << std::endl;
            return 0;
        }
        std::vector<std::string> results;
        for (const char* mode : {"real", "size-only"})
        {
            results.push_back(RunChild(o, mode));
        }
        std::printf("targets for 100000 SAs: real <= 400 MiB, size-only <= 100 MiB\n");
        for (const std::string& result : results)
        {
            std::fputs(result.c_str(), stdout);
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << "sa-memory: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
