/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-metrics.h"

#include "node-locality.h"

#include "ns3/rng-seed-manager.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace ns3
{

nlohmann::json
IpsecMetrics::RunInfo()
{
    return {{"seed", RngSeedManager::GetSeed()},
            {"run", RngSeedManager::GetRun()},
            {"ns3_version", "3.37"}};
}

nlohmann::json
IpsecMetrics::Document(const std::string& example,
                       const nlohmann::json& parameters,
                       const nlohmann::json& results,
                       const nlohmann::json& outputs)
{
    return {{"schema_version", SCHEMA_VERSION},
            {"example", example},
            {"parameters", parameters},
            {"run", RunInfo()},
            {"results", results},
            {"outputs", outputs}};
}

nlohmann::json
IpsecMetrics::DataPlane(Ptr<IpsecDataPlane> plane)
{
    if (Ptr<Node> node = plane->GetObject<Node>())
    {
        NodeLocality::RequireLocal(node, "IpsecMetrics::DataPlane");
    }
    nlohmann::json drops = nlohmann::json::object();
    for (size_t r = 0; r < static_cast<size_t>(IpsecDropReason::COUNT); ++r)
    {
        auto reason = static_cast<IpsecDropReason>(r);
        drops[ToString(reason)] = plane->GetDropCount(reason);
    }
    nlohmann::json sas = nlohmann::json::array();
    for (const auto& sa : plane->GetSas())
    {
        const SaParams& p = sa->Params();
        const IpsecSa::Counters& c = sa->GetCounters();
        sas.push_back(
            {{"direction", p.direction == SaDirection::INBOUND ? "in" : "out"},
             {"spi", p.spi},
             {"algorithm", p.suite.Keyword()},
             {"crypto_mode", ToString(sa->Mode())},
             {"packets", c.packets},
             {"bytes", c.bytes},
             {"integrity_failures", c.integrityFailures},
             {"replay_drops", c.replayDrops},
             {"cpu", p.cpu == SaParams::NO_CPU ? nlohmann::json() : nlohmann::json(p.cpu)},
             {"cores", c.cores}});
    }
    return {{"esp_sent", plane->GetEspSent()},
            {"esp_received", plane->GetEspReceived()},
            {"esp_sent_inner_bytes", plane->GetEspSentInnerBytes()},
            {"esp_received_inner_bytes", plane->GetEspReceivedInnerBytes()},
            {"acquires_raised", plane->GetAcquiresRaised()},
            {"acquires_answered", plane->GetAcquiresAnswered()},
            {"drops", drops},
            {"sas", sas}};
}

void
IpsecMetrics::PrepareDirectory(const std::string& directory)
{
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error)
    {
        throw std::runtime_error("cannot create output directory '" + directory
                                 + "': " + error.message());
    }
}

void
IpsecMetrics::Write(const nlohmann::json& document, const std::string& path)
{
    std::ofstream out(path);
    if (!out)
    {
        throw std::runtime_error("cannot write " + path);
    }
    out << document.dump(2) << "\n";
}

} // namespace ns3
