/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// IKE SA setup at scale: N spoke gateways (default 10,000) each bring up an IKE SA and its
// first Child SA with one hub gateway (X25519, PSK, AES-GCM-128 for IKE and ESP; IkeHelper, so
// the hub runs one IkeDaemon with N connections). Measured in one process:
//
//  - the wall time of Simulator::Run() per SA (the whole IKE_SA_INIT + IKE_AUTH of both ends:
//    ns-3's UDP/IP path, parsing, the real crypto, the data plane installing the Child SAs);
//  - the raw crypto of the same operations, both ends, in a tight loop with the module's
//    classes (DiffieHellman, IkeKeySchedule, Cipher): keygen + agree, SKEYSEED and SK_*, AUTH
//    computed and verified, KEYMAT, the SK ciphers' key setup and the IKE_AUTH messages sealed
//    and opened;
//  - the memory per IKE SA with its first Child SA pair, both ends together (the RSS and heap
//    growth of Simulator::Run(), divided by N).
//
// The spokes and the hub share one link (bench::StarChannel, star-hub.h): a unicast reaches only
// the device that owns the destination address, so the link costs O(1) per packet whatever N is.
//
// Last line (machine-readable):
//   ike_setup per_sa_wall_us=X raw_crypto_us=Y ratio=Z

#include "bench-harness.h"
#include "star-hub.h"

#include "ns3/core-module.h"
#include "ns3/diffie-hellman.h"
#include "ns3/ike-helper.h"
#include "ns3/ike-key-schedule.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/network-module.h"
#include "ns3/ns3-random-source.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>

using namespace ns3;
using namespace ns3::bench;

namespace
{

/// The benchmark's options, with their defaults.
struct Options
{
    uint32_t spokes{10000};
    uint32_t cryptoRounds{2000}; //!< iterations of the raw crypto loop
    std::string linkDelay{"1ms"};
};

/// The result of the simulated setup.
struct SetupResult
{
    uint32_t established{0};  //!< spokes whose IKE SA and Child SA are up
    double wallSeconds{0};    //!< Simulator::Run()
    double bytesPerSa{0};     //!< RSS growth per IKE SA + Child SA pair, both ends
    double heapBytesPerSa{0}; //!< heap growth per IKE SA + Child SA pair, both ends
};

/// Builds the star, runs the setup, measures.
SetupResult
RunSetup(const Options& o)
{
    NodeContainer hub;
    hub.Create(1);
    NodeContainer spokes;
    spokes.Create(o.spokes);
    InternetStackHelper internet;
    internet.Install(hub);
    internet.Install(spokes);
    Ptr<StarChannel> channel = CreateObject<StarChannel>(Time(o.linkDelay));
    Ipv4Address hubOuter("100.64.0.1");
    Ipv4Address hubSubnet("10.0.0.0");
    Attach(hub.Get(0), channel, hubOuter, Ipv4Address("10.0.0.1"));
    for (uint32_t i = 0; i < o.spokes; ++i)
    {
        Attach(spokes.Get(i), channel, SpokeOuter(i), Ipv4Address(SpokeSubnet(i).Get() + 1));
    }
    NodeContainer gateways(hub, spokes);
    IpsecHelper ipsec;
    ipsec.Install(gateways);
    ipsec.AssignStreams(gateways, 10);

    IkeHelper ike;
    UseBenchIkeSettings(ike);
    // All spokes start at once, far above strongSwan's cookie threshold: without this the hub
    // would answer most first requests with a COOKIE and each spoke would send IKE_SA_INIT
    // twice. The benchmark measures the plain two exchanges.
    ike.SetDaemonAttribute("CookieThreshold", UintegerValue(std::numeric_limits<uint32_t>::max()));
    // One IPsec interface and one route on the hub for all spokes (as a strongSwan hub with
    // one xfrm interface): with one per spoke, ns-3's IPv4 walks N interfaces and N routes for
    // every packet the hub sends, and the setup time per SA grows with N.
    ike.SetSharedInterface(hub.Get(0), Ipv4Address("10.0.0.0"), Ipv4Mask("255.0.0.0"));
    IpsecTunnelEnd hubEnd{hub.Get(0), hubOuter, hubSubnet, Ipv4Mask("255.255.255.0")};
    Ptr<IkeDaemon> hubDaemon;
    std::vector<Ptr<IkeDaemon>> spokeDaemons;
    spokeDaemons.reserve(o.spokes);
    for (uint32_t i = 0; i < o.spokes; ++i)
    {
        IpsecTunnelEnd spokeEnd{spokes.Get(i), SpokeOuter(i), SpokeSubnet(i), Ipv4Mask("/24")};
        IkeTunnel tunnel = ike.Install(spokeEnd, hubEnd);
        hubDaemon = tunnel.responder;
        spokeDaemons.push_back(tunnel.initiator);
    }
    ike.AssignStreams(100);

    Simulator::Stop(Seconds(30));
    bench::MemorySnapshot before = bench::TakeSnapshot();
    auto begin = std::chrono::steady_clock::now();
    Simulator::Run();
    auto end = std::chrono::steady_clock::now();
    bench::MemorySnapshot after = bench::TakeSnapshot();

    SetupResult result;
    result.wallSeconds = std::chrono::duration<double>(end - begin).count();
    uint64_t retransmissions = 0;
    uint64_t drops = 0;
    std::map<std::string, uint32_t> errors;
    for (uint32_t i = 0; i < o.spokes; ++i)
    {
        if (spokeDaemons[i]->IsEstablished() && spokeDaemons[i]->GetChildSas().size() == 1)
        {
            result.established++;
        }
        retransmissions += spokeDaemons[i]->GetRetransmissionCount();
        drops += spokeDaemons[i]->GetDropCount();
        if (spokeDaemons[i]->GetLastError() != static_cast<IkeNotifyType>(0))
        {
            errors[ToString(spokeDaemons[i]->GetLastError())]++;
        }
    }
    std::printf("spokes: %lu retransmissions, %lu drops; last errors:",
                static_cast<unsigned long>(retransmissions),
                static_cast<unsigned long>(drops));
    for (const auto& [error, count] : errors)
    {
        std::printf(" %s %u", error.c_str(), count);
    }
    std::printf("\n");
    result.bytesPerSa = (static_cast<double>(after.rssBytes) - before.rssBytes) / o.spokes;
    result.heapBytesPerSa = (static_cast<double>(after.heapBytes) - before.heapBytes) / o.spokes;
    std::printf("hub: %zu IKE SAs, %zu Child SAs, %zu data-plane SAs, %lu drops\n",
                hubDaemon->GetSessions().size(),
                hubDaemon->GetChildSas().size(),
                hubDaemon->GetDataPlane()->GetSas().size(),
                static_cast<unsigned long>(hubDaemon->GetDropCount()));
    Simulator::Destroy();
    return result;
}

/// IKE message sizes of this setup (aes128gcm16, X25519, IPv4 IDs, one proposal each), as
/// the daemons send them: used for the SK payloads and AUTH inputs of the crypto loop.
constexpr size_t INIT_REQUEST_BYTES = 240;
constexpr size_t INIT_RESPONSE_BYTES = 248;
constexpr size_t AUTH_REQUEST_PLAINTEXT = 180;
constexpr size_t AUTH_RESPONSE_PLAINTEXT = 150;

/// One side's SK payload cipher pair.
struct SkCiphers
{
    std::unique_ptr<Cipher> seal;
    std::unique_ptr<Cipher> open;
};

/**
 * \returns microseconds per IKE SA of the crypto both ends do, in a loop of \p rounds, with the
 * module's classes and the same inputs as the simulated setup
 */
double
MeasureRawCrypto(uint32_t rounds)
{
    Ptr<UniformRandomVariable> stream = CreateObject<UniformRandomVariable>();
    stream->SetStream(7);
    Ns3RandomSource random(stream);
    CipherSuite gcm = CipherSuite::FromKeyword("aes128gcm16");
    IkeKeySchedule schedule(PrfAlgorithm::HMAC_SHA2_256, gcm);
    Bytes psk(32, 0x42);
    Bytes ni(32, 1);
    Bytes nr(32, 2);
    Bytes initRequest(INIT_REQUEST_BYTES, 3);
    Bytes initResponse(INIT_RESPONSE_BYTES, 4);
    Bytes idI{1, 0, 0, 0, 100, 64, 0, 2};
    Bytes idR{1, 0, 0, 0, 100, 64, 0, 1};
    Bytes aad(32, 5);
    Bytes iv(gcm.IvSize(), 6);
    Bytes icv(gcm.IcvSize());
    Bytes request(AUTH_REQUEST_PLAINTEXT, 7);
    Bytes response(AUTH_RESPONSE_PLAINTEXT, 8);
    volatile size_t sink = 0;

    // One sealed IKE_AUTH message: \p from seals it, \p to opens it.
    auto sealAndOpen = [&](const SkCiphers& from, const SkCiphers& to, Bytes& message)
    {
        from.seal->Seal(aad.data(),
                        aad.size(),
                        iv.data(),
                        message.data(),
                        message.size(),
                        nullptr,
                        0,
                        icv.data());
        return to.open->Open(aad.data(),
                             aad.size(),
                             iv.data(),
                             message.data(),
                             message.size(),
                             nullptr,
                             0,
                             icv.data());
    };

    auto begin = std::chrono::steady_clock::now();
    for (uint32_t round = 0; round < rounds; ++round)
    {
        // IKE_SA_INIT: both key pairs, both agreements, both key derivations.
        auto dhI = DiffieHellman::Create(DhGroup::CURVE25519, random);
        auto dhR = DiffieHellman::Create(DhGroup::CURVE25519, random);
        Bytes sharedI;
        Bytes sharedR;
        dhR->ComputeSharedSecret(dhI->PublicValue(), sharedR);
        dhI->ComputeSharedSecret(dhR->PublicValue(), sharedI);
        uint64_t spiI = 0x1111111111111111ULL + round;
        uint64_t spiR = 0x2222222222222222ULL + round;
        IkeSaKeys keysI = schedule.DeriveIkeSaKeys(ni, nr, sharedI, spiI, spiR);
        IkeSaKeys keysR = schedule.DeriveIkeSaKeys(ni, nr, sharedR, spiI, spiR);
        SkCiphers i{schedule.CreateCipher(keysI, true, CipherRole::SEAL),
                    schedule.CreateCipher(keysI, true, CipherRole::OPEN)};
        SkCiphers r{schedule.CreateCipher(keysR, false, CipherRole::SEAL),
                    schedule.CreateCipher(keysR, false, CipherRole::OPEN)};

        // IKE_AUTH request: AUTH computed, sealed; opened and verified.
        Bytes authI = schedule.ComputePskAuth(psk, initRequest, nr, keysI.skPi, idI);
        sink += sealAndOpen(i, r, request);
        sink += schedule.VerifyPskAuth(authI, psk, initRequest, nr, keysR.skPi, idI);

        // IKE_AUTH response: the responder's AUTH and KEYMAT, sealed; opened, verified, KEYMAT.
        Bytes authR = schedule.ComputePskAuth(psk, initResponse, ni, keysR.skPr, idR);
        IkeChildSaKeys childR = schedule.DeriveChildSaKeys(keysR.skD, gcm, ni, nr);
        sink += sealAndOpen(r, i, response);
        sink += schedule.VerifyPskAuth(authR, psk, initResponse, ni, keysI.skPr, idR);
        IkeChildSaKeys childI = schedule.DeriveChildSaKeys(keysI.skD, gcm, ni, nr);
        sink += childI.initiatorEncr.size() + childR.responderEncr.size();
    }
    auto end = std::chrono::steady_clock::now();
    if (sink == 0)
    {
        throw std::runtime_error("crypto loop produced nothing");
    }
    return std::chrono::duration<double, std::micro>(end - begin).count() / rounds;
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    CommandLine cmd(__FILE__);
    cmd.AddValue(
        "spokes", "spoke gateways, each with one IKE SA and Child SA to the hub", o.spokes);
    cmd.AddValue("cryptoRounds", "iterations of the raw crypto loop", o.cryptoRounds);
    cmd.AddValue("linkDelay", "one-way delay between a spoke and the hub", o.linkDelay);
    cmd.Parse(argc, argv);
    try
    {
        if (o.spokes < 1 || o.spokes > 4000000)
        {
            throw std::invalid_argument("--spokes=" + std::to_string(o.spokes)
                                        + " is out of range: expected 1 to 4000000");
        }
        if (o.cryptoRounds < 1)
        {
            throw std::invalid_argument("--cryptoRounds must be at least 1");
        }
        TimeValue delay;
        if (!delay.DeserializeFromString(o.linkDelay, MakeTimeChecker())
            || delay.Get().IsNegative())
        {
            throw std::invalid_argument("--linkDelay=" + o.linkDelay
                                        + " is not a time: expected e.g. 1ms");
        }
    }
    catch (const std::invalid_argument& e)
    {
        std::cerr << "ike-setup: " << e.what() << std::endl;
        return 2;
    }

    MeasureRawCrypto(o.cryptoRounds / 10 + 1); // warm-up
    SetupResult setup = RunSetup(o);
    double rawUs = MeasureRawCrypto(o.cryptoRounds);
    if (setup.established != o.spokes)
    {
        std::cerr << "ike-setup: only " << setup.established << " of " << o.spokes
                  << " spokes have their IKE SA and Child SA" << std::endl;
        return 1;
    }
    double perSaUs = setup.wallSeconds * 1e6 / o.spokes;
    std::printf("spokes %u: Simulator::Run() %.3f s wall, %.1f us per SA\n",
                o.spokes,
                setup.wallSeconds,
                perSaUs);
    std::printf("raw crypto of one IKE SA + Child SA, both ends: %.1f us (%u rounds)\n",
                rawUs,
                o.cryptoRounds);
    std::printf("memory per IKE SA + first Child SA pair, both ends: %.0f B RSS, %.0f B heap\n",
                setup.bytesPerSa,
                setup.heapBytesPerSa);
    std::printf("ike_setup per_sa_wall_us=%.1f raw_crypto_us=%.1f ratio=%.2f\n",
                perSaUs,
                rawUs,
                perSaUs / rawUs);
    return 0;
}
