/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Wall-clock cost of the CPU model per delivered packet.
//
// The scenario of esp-overhead (host1 - gw1 = gw2 - host2, constant-rate UDP) two ways in one
// process: an ESP size-only tunnel on gateways without a CPU model (the baseline), and the same
// tunnel on 8-core gateways with RSS on every NIC, per-CPU SAs (answered acquires, ntuple
// steering of the inbound SAs) and every packet's stages queued on cores. The last line is:
//
//   cpu_model_overhead ratio=X
//
// where X is the CPU-model variant's wall time per delivered packet over the baseline's.

#include "bench-harness.h"

#include "ns3/cpu-helper.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-tunnel-helper.h"
#include "ns3/per-cpu-sa-selection.h"
#include "ns3/receive-steering-helper.h"

#include <iostream>

using namespace ns3;

namespace
{

/// Sets up a size-only ESP tunnel; with \p cores > 0 the gateways get CPUs and steering first.
void
Configure(GatewayPairTopology& topology, uint32_t cores)
{
    NodeContainer gateways = topology.Gateways();
    if (cores > 0)
    {
        CpuHelper cpus;
        cpus.SetCpuAttribute("Cores", UintegerValue(cores));
        cpus.Install(gateways);
    }
    IpsecHelper ipsec;
    ipsec.SetDataPlaneAttribute("DefaultCryptoMode", StringValue("size-only"));
    ipsec.Install(gateways);
    int64_t stream = 1000;
    stream += ipsec.AssignStreams(gateways, stream);
    if (cores > 0)
    {
        ReceiveSteeringHelper steering;
        for (uint32_t i = 0; i < gateways.GetN(); ++i)
        {
            for (uint32_t d = 0; d < 2; ++d) // LAN and WAN point-to-point devices
            {
                Ptr<NetDevice> device = gateways.Get(i)->GetDevice(d);
                bool wan = device == topology.WanDevices().Get(i);
                steering.Configure(NetDeviceContainer(device),
                                   wan ? RssHashInput::ADDRESSES_SPI : RssHashInput::FIVE_TUPLE,
                                   0);
            }
        }
    }
    IpsecTunnelHelper tunnel;
    tunnel.SetCryptoMode(CryptoMode::SIZE_ONLY);
    if (cores > 0)
    {
        tunnel.SetSaSelection(PerCpuSaSelection::GetTypeId());
        tunnel.GetKeyManager()->SetAttribute("SteerInboundSas", BooleanValue(true));
    }
    tunnel.AssignStreams(stream);
    tunnel.Install(topology.End1(), topology.End2());
}

} // namespace

int
main(int argc, char* argv[])
{
    bench::ScenarioOptions o;
    uint32_t cores = 8;
    CommandLine cmd(__FILE__);
    o.AddTo(cmd);
    cmd.AddValue("cores", "cores per gateway in the CPU-model variant", cores);
    cmd.Parse(argc, argv);
    try
    {
        o.Validate();
        optioncheck::InRange("cores", cores, 1, 256);
    }
    catch (const std::exception& e)
    {
        std::cerr << "cpu-model-overhead: " << e.what() << std::endl;
        return 2;
    }
    std::cout << "cpu-model-overhead: host1-gw1-gw2-host2, " << o.rate << " of " << o.packetSize
              << "-byte UDP, ESP size-only; baseline without CPUs vs " << cores
              << "-core gateways, per-CPU SAs, RSS; " << o.repetitions
              << " interleaved runs per variant" << std::endl;
    std::vector<bench::Variant> variants = {
        {"esp-no-cpu", [](GatewayPairTopology& t) { Configure(t, 0); }, nullptr},
        {"esp-" + std::to_string(cores) + "-cores",
         [cores](GatewayPairTopology& t) { Configure(t, cores); },
         nullptr},
    };
    std::vector<double> us = bench::RunVariants("cpu-model-overhead", variants, o);
    if (us.empty())
    {
        return 1;
    }
    if (us.size() == variants.size())
    {
        std::printf("cpu_model_overhead ratio=%.3f\n", us[1] / us[0]);
    }
    return 0;
}
