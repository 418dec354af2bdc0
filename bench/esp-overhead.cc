/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Wall-clock cost of ESP per delivered packet, relative to plain forwarding.
//
//   host1 ---- gw1 ========== gw2 ---- host2     (GatewayPairTopology)
//
// One process times the same constant-rate UDP scenario three ways: plain forwarding
// (RouteInClear, no IPsec), an ESP tunnel in size-only mode and an ESP tunnel in real mode
// (AES-GCM-128). Only Simulator::Run() is timed. The variants run interleaved, several times
// each, and each variant's median is reported (bench-harness.h). The last line is
// machine-readable:
//
//   esp_overhead sizeonly_ratio=X real_ratio=Y
//
// where a ratio is the variant's wall time per delivered packet over that of plain forwarding.

#include "bench-harness.h"

#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-tunnel-helper.h"

#include <iostream>

using namespace ns3;

namespace
{

/// A variant with an ESP tunnel of \p algorithm in \p mode.
bench::Variant
EspVariant(const std::string& name, CryptoMode mode, const std::string& algorithm)
{
    return {name,
            [mode, algorithm](GatewayPairTopology& topology)
            {
                IpsecHelper ipsec;
                ipsec.SetDataPlaneAttribute("DefaultCryptoMode", StringValue(ToString(mode)));
                ipsec.Install(topology.Gateways());
                int64_t stream = 1000;
                stream += ipsec.AssignStreams(topology.Gateways(), stream);
                IpsecTunnelHelper tunnel;
                tunnel.SetCipherSuite(CipherSuite::FromKeyword(algorithm));
                tunnel.SetCryptoMode(mode);
                tunnel.AssignStreams(stream);
                tunnel.Install(topology.End1(), topology.End2());
            },
            [name](GatewayPairTopology& topology, uint64_t delivered)
            {
                // A tunnel that dropped or bypassed packets would make the comparison void.
                uint64_t accepted
                    = topology.Gateway2()->GetObject<IpsecDataPlane>()->GetEspReceived();
                if (accepted != delivered)
                {
                    throw std::runtime_error(name + ": gw2 accepted " + std::to_string(accepted)
                                             + " ESP packets but host2 got "
                                             + std::to_string(delivered));
                }
            }};
}

} // namespace

int
main(int argc, char* argv[])
{
    bench::ScenarioOptions o;
    std::string algorithm = "aes128gcm16";
    CommandLine cmd(__FILE__);
    o.AddTo(cmd);
    cmd.AddValue("algorithm", "ESP proposal (strongSwan keyword) of the ESP variants", algorithm);
    cmd.Parse(argc, argv);
    try
    {
        o.Validate();
        CipherSuite::FromKeyword(algorithm);
    }
    catch (const std::exception& e)
    {
        std::cerr << "esp-overhead: " << e.what() << std::endl;
        return 2;
    }
    std::cout << "esp-overhead: host1-gw1-gw2-host2, " << o.rate << " of " << o.packetSize
              << "-byte UDP over " << o.linkRate << "/" << o.linkDelay << " links, " << o.duration
              << " simulated s per run, " << o.repetitions << " interleaved runs per variant, ESP "
              << algorithm << std::endl;
    std::vector<bench::Variant> variants = {
        {"plain", [](GatewayPairTopology& t) { t.RouteInClear(); }, nullptr},
        EspVariant("esp-size-only", CryptoMode::SIZE_ONLY, algorithm),
        EspVariant("esp-real", CryptoMode::REAL, algorithm),
    };
    std::vector<double> us = bench::RunVariants("esp-overhead", variants, o);
    if (us.empty())
    {
        return 1;
    }
    if (us.size() == variants.size())
    {
        std::printf(
            "esp_overhead sizeonly_ratio=%.3f real_ratio=%.3f\n", us[1] / us[0], us[2] / us[0]);
    }
    return 0;
}
