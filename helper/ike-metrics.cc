/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-metrics.h"

#include "ipsec-metrics.h"
#include "node-locality.h"

#include "ns3/ike-constants.h"

namespace ns3
{

namespace
{

/// \return \p counts with every exchange type an IKE SA can use present (zeros included), so
/// that readers of metrics.json find the same keys in every run
nlohmann::json
ExchangeCounts(const std::map<std::string, uint64_t>& counts)
{
    nlohmann::json json = nlohmann::json::object();
    for (IkeExchangeType type : {IkeExchangeType::IKE_SA_INIT,
                                 IkeExchangeType::IKE_AUTH,
                                 IkeExchangeType::CREATE_CHILD_SA,
                                 IkeExchangeType::INFORMATIONAL})
    {
        json[ToString(type)] = 0;
    }
    for (const auto& [name, count] : counts)
    {
        json[name] = count;
    }
    return json;
}

/// \return the counters of \p counts as a JSON object (empty object when none)
nlohmann::json
Counts(const std::map<std::string, uint64_t>& counts)
{
    nlohmann::json json = nlohmann::json::object();
    for (const auto& [name, count] : counts)
    {
        json[name] = count;
    }
    return json;
}

/// \return the latency summary of \p seconds (simulated seconds), in DelayStatistics' form
nlohmann::json
Latency(const std::vector<double>& seconds)
{
    DelayStatistics delays;
    for (double s : seconds)
    {
        delays.Add(Seconds(s));
    }
    return delays.ToJson();
}

/// Stops the run if another process runs \p daemon: its counters here would be zeros.
void
RequireLocal(Ptr<const IkeDaemon> daemon)
{
    if (Ptr<Node> node = daemon->GetNode())
    {
        NodeLocality::RequireLocal(node, "IkeMetrics");
    }
}

/// Adds each count of \p part to \p total.
void
Merge(std::map<std::string, uint64_t>& total, const std::map<std::string, uint64_t>& part)
{
    for (const auto& [name, count] : part)
    {
        total[name] += count;
    }
}

} // namespace

nlohmann::json
IkeMetrics::Statistics(const IkeStatistics& s)
{
    uint64_t exchangesInitiated = 0;
    for (const auto& [name, count] : s.exchangesInitiated)
    {
        exchangesInitiated += count;
    }
    uint64_t dropped = 0;
    for (const auto& [reason, count] : s.drops)
    {
        dropped += count;
    }
    return {
        {"ike_sas",
         {{"established", s.ikeSasEstablished},
          {"failed", s.ikeSasFailed},
          {"rekeys", s.ikeSaRekeys},
          {"setup_latency", Latency(s.ikeSetupSeconds)}}},
        {"child_sas",
         {{"installed", s.childSasInstalled},
          {"deleted", s.childSasDeleted},
          {"rekeys", s.childSaRekeys},
          {"setup_latency", Latency(s.childSetupSeconds)}}},
        {"exchanges",
         {{"initiated", ExchangeCounts(s.exchangesInitiated)},
          {"responded", ExchangeCounts(s.exchangesResponded)},
          {"initiated_total", exchangesInitiated}}},
        {"retransmissions", s.retransmissions},
        {"cached_responses", s.cachedResponses},
        {"errors", {{"sent", Counts(s.errorsSent)}, {"received", Counts(s.errorsReceived)}}},
        {"drops", Counts(s.drops)},
        {"drops_total", dropped},
        {"collisions",
         {{"child_rekey", s.childRekeyCollisions},
          {"ike_rekey", s.ikeRekeyCollisions},
          {"delete", s.deleteCollisions}}},
        {"per_resource",
         {{"sas", s.perResourceSas},
          {"regular_fallbacks", s.regularFallbacks},
          {"ts_max_queue_sent", s.tsMaxQueueSent},
          {"ts_max_queue_received", s.tsMaxQueueReceived},
          {"proposal_refusals", s.perResourceProposalRefusals}}},
        {"liveness_checks", s.livenessChecks},
        {"cookies_sent", s.cookiesSent},
        {"invalid_cookies", s.invalidCookies},
        {"nat_detected", s.natDetected},
        {"control_plane_cpu_s", s.cpuSeconds},
    };
}

nlohmann::json
IkeMetrics::Daemon(Ptr<const IkeDaemon> daemon)
{
    RequireLocal(daemon);
    nlohmann::json json = Statistics(daemon->GetStatistics());
    json["connections"] = daemon->GetConnectionCount();
    return json;
}

void
IkeMetrics::Accumulate(IkeStatistics& total, const IkeStatistics& part)
{
    Merge(total.exchangesInitiated, part.exchangesInitiated);
    Merge(total.exchangesResponded, part.exchangesResponded);
    Merge(total.errorsSent, part.errorsSent);
    Merge(total.errorsReceived, part.errorsReceived);
    Merge(total.drops, part.drops);
    total.retransmissions += part.retransmissions;
    total.cachedResponses += part.cachedResponses;
    total.ikeSasEstablished += part.ikeSasEstablished;
    total.ikeSasFailed += part.ikeSasFailed;
    total.ikeSaRekeys += part.ikeSaRekeys;
    total.childSasInstalled += part.childSasInstalled;
    total.childSaRekeys += part.childSaRekeys;
    total.childSasDeleted += part.childSasDeleted;
    total.childRekeyCollisions += part.childRekeyCollisions;
    total.ikeRekeyCollisions += part.ikeRekeyCollisions;
    total.deleteCollisions += part.deleteCollisions;
    total.perResourceSas += part.perResourceSas;
    total.regularFallbacks += part.regularFallbacks;
    total.tsMaxQueueSent += part.tsMaxQueueSent;
    total.tsMaxQueueReceived += part.tsMaxQueueReceived;
    total.perResourceProposalRefusals += part.perResourceProposalRefusals;
    total.livenessChecks += part.livenessChecks;
    total.cookiesSent += part.cookiesSent;
    total.invalidCookies += part.invalidCookies;
    total.natDetected += part.natDetected;
    total.cpuSeconds += part.cpuSeconds;
    total.ikeSetupSeconds.insert(
        total.ikeSetupSeconds.end(), part.ikeSetupSeconds.begin(), part.ikeSetupSeconds.end());
    total.childSetupSeconds.insert(total.childSetupSeconds.end(),
                                   part.childSetupSeconds.begin(),
                                   part.childSetupSeconds.end());
}

nlohmann::json
IkeMetrics::Ike(const std::map<std::string, Ptr<IkeDaemon>>& daemons, bool perDaemon)
{
    IkeStatistics total;
    nlohmann::json each = nlohmann::json::object();
    uint32_t connections = 0;
    for (const auto& [name, daemon] : daemons)
    {
        RequireLocal(daemon);
        Accumulate(total, daemon->GetStatistics());
        connections += daemon->GetConnectionCount();
        if (perDaemon)
        {
            each[name] = Daemon(daemon);
        }
    }
    nlohmann::json json = {{"total", Total(total, connections, daemons.size())}};
    if (perDaemon)
    {
        json["daemons"] = each;
    }
    return json;
}

nlohmann::json
IkeMetrics::Total(const IkeStatistics& total, uint64_t connections, uint64_t daemons)
{
    nlohmann::json json = Statistics(total);
    json["connections"] = connections;
    json["daemons"] = daemons;
    return json;
}

nlohmann::json
IkeMetrics::Counters(const IkeStatistics& s)
{
    return {{"exchanges_initiated", s.exchangesInitiated},
            {"exchanges_responded", s.exchangesResponded},
            {"errors_sent", s.errorsSent},
            {"errors_received", s.errorsReceived},
            {"drops", s.drops},
            {"retransmissions", s.retransmissions},
            {"cached_responses", s.cachedResponses},
            {"ike_sas_established", s.ikeSasEstablished},
            {"ike_sas_failed", s.ikeSasFailed},
            {"ike_sa_rekeys", s.ikeSaRekeys},
            {"child_sas_installed", s.childSasInstalled},
            {"child_sa_rekeys", s.childSaRekeys},
            {"child_sas_deleted", s.childSasDeleted},
            {"child_rekey_collisions", s.childRekeyCollisions},
            {"ike_rekey_collisions", s.ikeRekeyCollisions},
            {"delete_collisions", s.deleteCollisions},
            {"per_resource_sas", s.perResourceSas},
            {"regular_fallbacks", s.regularFallbacks},
            {"ts_max_queue_sent", s.tsMaxQueueSent},
            {"ts_max_queue_received", s.tsMaxQueueReceived},
            {"per_resource_proposal_refusals", s.perResourceProposalRefusals},
            {"liveness_checks", s.livenessChecks},
            {"cookies_sent", s.cookiesSent},
            {"invalid_cookies", s.invalidCookies},
            {"nat_detected", s.natDetected},
            {"cpu_seconds", s.cpuSeconds},
            {"ike_setup_seconds", s.ikeSetupSeconds},
            {"child_setup_seconds", s.childSetupSeconds}};
}

IkeStatistics
IkeMetrics::CountersFrom(const nlohmann::json& c)
{
    IkeStatistics s;
    c.at("exchanges_initiated").get_to(s.exchangesInitiated);
    c.at("exchanges_responded").get_to(s.exchangesResponded);
    c.at("errors_sent").get_to(s.errorsSent);
    c.at("errors_received").get_to(s.errorsReceived);
    c.at("drops").get_to(s.drops);
    c.at("retransmissions").get_to(s.retransmissions);
    c.at("cached_responses").get_to(s.cachedResponses);
    c.at("ike_sas_established").get_to(s.ikeSasEstablished);
    c.at("ike_sas_failed").get_to(s.ikeSasFailed);
    c.at("ike_sa_rekeys").get_to(s.ikeSaRekeys);
    c.at("child_sas_installed").get_to(s.childSasInstalled);
    c.at("child_sa_rekeys").get_to(s.childSaRekeys);
    c.at("child_sas_deleted").get_to(s.childSasDeleted);
    c.at("child_rekey_collisions").get_to(s.childRekeyCollisions);
    c.at("ike_rekey_collisions").get_to(s.ikeRekeyCollisions);
    c.at("delete_collisions").get_to(s.deleteCollisions);
    c.at("per_resource_sas").get_to(s.perResourceSas);
    c.at("regular_fallbacks").get_to(s.regularFallbacks);
    c.at("ts_max_queue_sent").get_to(s.tsMaxQueueSent);
    c.at("ts_max_queue_received").get_to(s.tsMaxQueueReceived);
    c.at("per_resource_proposal_refusals").get_to(s.perResourceProposalRefusals);
    c.at("liveness_checks").get_to(s.livenessChecks);
    c.at("cookies_sent").get_to(s.cookiesSent);
    c.at("invalid_cookies").get_to(s.invalidCookies);
    c.at("nat_detected").get_to(s.natDetected);
    c.at("cpu_seconds").get_to(s.cpuSeconds);
    c.at("ike_setup_seconds").get_to(s.ikeSetupSeconds);
    c.at("child_setup_seconds").get_to(s.childSetupSeconds);
    return s;
}

} // namespace ns3
