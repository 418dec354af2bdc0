/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "cpu-cost-model.h"

#include "ns3/abort.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CpuCostModel");
// Functions called per packet have no NS_LOG_FUNCTION: NS3_LOG_ENABLE makes each one a call to
// LogComponent::IsEnabled even with logging off, the top self-time entry of the ESP path.

NS_OBJECT_ENSURE_REGISTERED(CpuCostModel);

std::string
ToString(CpuStage stage)
{
    switch (stage)
    {
        case CpuStage::RECEIVE:
            return "receive";
        case CpuStage::ESP_ENCRYPT:
            return "esp_encrypt";
        case CpuStage::ESP_DECRYPT:
            return "esp_decrypt";
    }
    return "unknown";
}

TypeId
CpuCostModel::GetTypeId()
{
    // Defaults (estimates; no published measurement of these two costs was found):
    //  - CriticalSectionTime 50 ns: Linux holds x->lock for the sequence-number increment
    //    (xfrm_replay_overflow) or the replay check/advance, plus the lifetime counters
    //    (xfrm_state_check_expire): a few dozen instructions on cache lines the holder already
    //    owns, about 150 cycles at 3 GHz.
    //  - CacheLineTransferTime 100 ns: core-to-core cache-line latency is 15-19 ns inside one
    //    Zen 3/Zen 4 CCX and up to 79.5 ns between CCDs (AnandTech, Ryzen 9 7950X review,
    //    "Core-to-Core Latency"); server meshes and sockets are slower (chipsandcheese.com,
    //    "Core to Core Latency Data on Large Systems", 2023). The SA state spans several lines
    //    (lock, replay state, lifetime counters) that move together, so about one cross-die
    //    transfer plus a little.
    static TypeId tid
        = TypeId("ns3::CpuCostModel")
              .SetParent<Object>()
              .SetGroupName("Ipsec")
              .AddAttribute("CriticalSectionTime",
                            "Hold time of an SA's sequence-counter/replay-window update; cores "
                            "sharing one SA take it in turn (estimate, see the source).",
                            TimeValue(NanoSeconds(50)),
                            MakeTimeAccessor(&CpuCostModel::m_criticalSection),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("CacheLineTransferTime",
                            "Extra hold time when the previous holder of the SA's critical section "
                            "was another core (estimate, see the source).",
                            TimeValue(NanoSeconds(100)),
                            MakeTimeAccessor(&CpuCostModel::m_cacheLineTransfer),
                            MakeTimeChecker(Seconds(0)));
    return tid;
}

CpuCostModel::CpuCostModel() = default;

CpuCostModel::~CpuCostModel() = default;

Time
CpuCostModel::GetServiceTime(CpuStage stage, uint32_t bytes, const CipherSuite* suite) const
{
    NS_ABORT_MSG_IF(stage != CpuStage::RECEIVE && suite == nullptr,
                    "CpuCostModel::GetServiceTime: stage " << ToString(stage)
                                                           << " needs the SA's cipher suite");
    Time t = DoGetServiceTime(stage, bytes, stage == CpuStage::RECEIVE ? nullptr : suite);
    return t.IsStrictlyNegative() ? Time(0) : t;
}

Time
CpuCostModel::GetCriticalSectionTime() const
{
    return m_criticalSection;
}

Time
CpuCostModel::GetCacheLineTransferTime() const
{
    return m_cacheLineTransfer;
}

} // namespace ns3
