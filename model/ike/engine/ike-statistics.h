/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_STATISTICS_H
#define IPSEC_IKE_STATISTICS_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief What an IKE daemon counts, for metrics.json (IkeMetrics): exchanges, failures,
 * rekeys, collisions, RFC 9611 groups and setup latencies. Maps are keyed by names
 * (exchange types, notify types) so that the JSON is readable and ordered.
 */
struct IkeStatistics
{
    std::map<std::string, uint64_t> exchangesInitiated; ///< completed, by exchange type
    std::map<std::string, uint64_t> exchangesResponded; ///< answered, by exchange type
    std::map<std::string, uint64_t> errorsSent;         ///< error notifies sent, by type
    std::map<std::string, uint64_t> errorsReceived;     ///< error notifies received, by type
    std::map<std::string, uint64_t> drops;              ///< messages dropped, by reason
    uint64_t retransmissions{0};                        ///< requests resent
    uint64_t cachedResponses{0};           ///< retransmitted requests answered from the cache
    uint64_t ikeSasEstablished{0};         ///< IKE SAs authenticated (initiated or responded)
    uint64_t ikeSasFailed{0};              ///< IKE SAs given up or refused
    uint64_t ikeSaRekeys{0};               ///< IKE SA rekeys completed
    uint64_t childSasInstalled{0};         ///< Child SA pairs installed (new and rekeyed)
    uint64_t childSaRekeys{0};             ///< Child SA rekeys completed
    uint64_t childSasDeleted{0};           ///< Child SA pairs removed
    uint64_t childRekeyCollisions{0};      ///< simultaneous Child SA rekeys detected
    uint64_t ikeRekeyCollisions{0};        ///< simultaneous IKE SA rekeys detected
    uint64_t deleteCollisions{0};          ///< rekey/delete and delete/delete collisions
    uint64_t perResourceSas{0};            ///< Child SAs installed as members of an RFC 9611 group
    uint64_t regularFallbacks{0};          ///< responses without SA_RESOURCE_INFO: regular SA made
    uint64_t tsMaxQueueSent{0};            ///< TS_MAX_QUEUE refusals sent (responder)
    uint64_t tsMaxQueueReceived{0};        ///< TS_MAX_QUEUE refusals received (initiator)
    uint64_t livenessChecks{0};            ///< empty INFORMATIONAL requests sent
    uint64_t cookiesSent{0};               ///< IKE_SA_INIT answered with a COOKIE
    uint64_t invalidCookies{0};            ///< COOKIEs received that were wrong or stale
    uint64_t natDetected{0};               ///< IKE SAs that found (or faked) a NAT: port 4500
    double cpuSeconds{0};                  ///< core time of IKE crypto (only with a CpuModel)
    std::vector<double> ikeSetupSeconds;   ///< IKE_SA_INIT sent to IKE_AUTH done (initiator)
    std::vector<double> childSetupSeconds; ///< request queued to Child SA installed (initiator)
    /// RFC 9611 additional SAs refused with NO_PROPOSAL_CHOSEN as responder: the request did
    /// not offer the suite of the group's initial SA
    uint64_t perResourceProposalRefusals{0};
};

} // namespace ns3

#endif /* IPSEC_IKE_STATISTICS_H */
