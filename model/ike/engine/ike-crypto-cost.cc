/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-crypto-cost.h"

#include "ns3/cpu-cost-model.h"
#include "ns3/double.h"
#include "ns3/log.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeCryptoCost");

NS_OBJECT_ENSURE_REGISTERED(IkeCryptoCost);

namespace
{
/// Output octets of HMAC-SHA2-256, the PRF the defaults are measured for.
constexpr uint32_t PRF_BLOCK = 32;
} // namespace

std::string
ToString(IkeCryptoOp op)
{
    switch (op)
    {
        case IkeCryptoOp::DH_KEYGEN:
            return "dh_keygen";
        case IkeCryptoOp::DH_AGREE:
            return "dh_agree";
        case IkeCryptoOp::PRF:
            return "prf";
        case IkeCryptoOp::PRF_PLUS:
            return "prf_plus";
        case IkeCryptoOp::SK_SEAL:
            return "sk_seal";
        case IkeCryptoOp::SK_OPEN:
            return "sk_open";
    }
    return "unknown";
}

TypeId
IkeCryptoCost::GetTypeId()
{
    // The DH times are platform.md ("Key exchange, signatures and IKE PRF"), Crypto++ 8.7,
    // medians of five runs on the reference machine (3.22 GHz, AES-NI, SHA-NI).
    static TypeId tid
        = TypeId("ns3::IkeCryptoCost")
              .SetParent<Object>()
              .SetGroupName("Ipsec")
              .AddConstructor<IkeCryptoCost>()
              .AddAttribute("X25519KeygenTime",
                            "Curve25519 key generation (platform.md: 33.5 us)",
                            TimeValue(NanoSeconds(33500)),
                            MakeTimeAccessor(&IkeCryptoCost::m_x25519Keygen),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("X25519AgreeTime",
                            "Curve25519 agreement (platform.md: 33.7 us)",
                            TimeValue(NanoSeconds(33700)),
                            MakeTimeAccessor(&IkeCryptoCost::m_x25519Agree),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("Ecp256KeygenTime",
                            "NIST P-256 key generation (platform.md: 400 us; Crypto++'s generic "
                            "ECP code, about ten times OpenSSL's)",
                            TimeValue(MicroSeconds(400)),
                            MakeTimeAccessor(&IkeCryptoCost::m_p256Keygen),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("Ecp256AgreeTime",
                            "NIST P-256 agreement with validation of the peer's point, as "
                            "EcpDiffieHellman does it (platform.md: 381 us)",
                            TimeValue(MicroSeconds(381)),
                            MakeTimeAccessor(&IkeCryptoCost::m_p256Agree),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("Modp2048KeygenTime",
                            "MODP-2048 key generation (platform.md: 299 us)",
                            TimeValue(MicroSeconds(299)),
                            MakeTimeAccessor(&IkeCryptoCost::m_modp2048Keygen),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("Modp2048AgreeTime",
                            "MODP-2048 agreement with the range check only, as "
                            "ModpDiffieHellman does it (platform.md: 295 us)",
                            TimeValue(MicroSeconds(295)),
                            MakeTimeAccessor(&IkeCryptoCost::m_modp2048Agree),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("Frequency",
                            "Core clock that turns the cycle counts into time (platform.md: the "
                            "reference machine runs at 3.22 GHz)",
                            DoubleValue(3.22e9),
                            MakeDoubleAccessor(&IkeCryptoCost::m_frequency),
                            MakeDoubleChecker<double>(1e6))
              // HMAC-SHA2-256 is f + b * input cycles per call. platform.md gives two figures
              // on the same machine: HMAC of 64 octets 0.25 us (section 1, fixed per-packet
              // costs) and prf+ of 224 octets 1.97 us (7 calls over 81 + 6 * 113 = 759 octets
              // with IKE's 80-octet seed). f = 660, b = 2.3 fit both within 1% (SHA-NI hashes
              // at about 2 cycles per octet; the rest is Crypto++'s HMAC overhead).
              .AddAttribute("PrfCallCycles",
                            "Fixed cycles of one prf (HMAC-SHA2-256) call: key pads, finalization",
                            DoubleValue(660),
                            MakeDoubleAccessor(&IkeCryptoCost::m_prfCallCycles),
                            MakeDoubleChecker<double>(0))
              .AddAttribute("PrfCyclesPerByte",
                            "Cycles per octet of prf input (SHA-256 with SHA-NI)",
                            DoubleValue(2.3),
                            MakeDoubleAccessor(&IkeCryptoCost::m_prfCyclesPerByte),
                            MakeDoubleChecker<double>(0))
              // AES-GCM at 64 octets costs about 0.16 us per packet (platform.md section 1, fixed
              // per-packet costs), of which about 0.03 us are the octets themselves: 420 cycles
              // of resync, length block and tag. The per-octet part is the packet cost model's.
              .AddAttribute("SkMessageCycles",
                            "Fixed cycles of sealing or opening one SK payload (IV, AAD, tag); "
                            "the per-octet cost is the ESP cost of the suite in the node's "
                            "CpuCostModel",
                            DoubleValue(420),
                            MakeDoubleAccessor(&IkeCryptoCost::m_skMessageCycles),
                            MakeDoubleChecker<double>(0));
    return tid;
}

IkeCryptoCost::IkeCryptoCost()
    : m_frequency(3.22e9)
    , m_prfCallCycles(660)
    , m_prfCyclesPerByte(2.3)
    , m_skMessageCycles(420)
{
}

IkeCryptoCost::~IkeCryptoCost() = default;

Time
IkeCryptoCost::GetDhKeygenTime(DhGroup group) const
{
    switch (group)
    {
        case DhGroup::CURVE25519:
            return m_x25519Keygen;
        case DhGroup::ECP_256:
            return m_p256Keygen;
        case DhGroup::MODP_2048:
            return m_modp2048Keygen;
    }
    NS_FATAL_ERROR("IkeCryptoCost: no cost for DH group " << static_cast<uint16_t>(group));
}

Time
IkeCryptoCost::GetDhAgreeTime(DhGroup group) const
{
    switch (group)
    {
        case DhGroup::CURVE25519:
            return m_x25519Agree;
        case DhGroup::ECP_256:
            return m_p256Agree;
        case DhGroup::MODP_2048:
            return m_modp2048Agree;
    }
    NS_FATAL_ERROR("IkeCryptoCost: no cost for DH group " << static_cast<uint16_t>(group));
}

Time
IkeCryptoCost::GetPrfTime(uint32_t inputBytes) const
{
    return Seconds((m_prfCallCycles + m_prfCyclesPerByte * inputBytes) / m_frequency);
}

Time
IkeCryptoCost::GetPrfPlusTime(uint32_t outputBytes, uint32_t seedBytes) const
{
    // T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n) (RFC 7296 section 2.13).
    uint32_t calls = (outputBytes + PRF_BLOCK - 1) / PRF_BLOCK;
    if (calls == 0)
    {
        return Seconds(0);
    }
    double inputBytes = calls * (seedBytes + 1.0) + (calls - 1.0) * PRF_BLOCK;
    return Seconds((calls * m_prfCallCycles + m_prfCyclesPerByte * inputBytes) / m_frequency);
}

Time
IkeCryptoCost::GetTime(const IkeCryptoOperation& operation, const CpuCostModel& packetModel) const
{
    switch (operation.op)
    {
        case IkeCryptoOp::DH_KEYGEN:
            return GetDhKeygenTime(operation.group);
        case IkeCryptoOp::DH_AGREE:
            return GetDhAgreeTime(operation.group);
        case IkeCryptoOp::PRF:
            return GetPrfTime(operation.bytes);
        case IkeCryptoOp::PRF_PLUS:
            return GetPrfPlusTime(operation.bytes, operation.seedBytes);
        case IkeCryptoOp::SK_SEAL:
        case IkeCryptoOp::SK_OPEN:
        {
            NS_ABORT_MSG_UNLESS(operation.suite, "IkeCryptoCost: an SK operation without a suite");
            CpuStage stage = operation.op == IkeCryptoOp::SK_SEAL ? CpuStage::ESP_ENCRYPT
                                                                  : CpuStage::ESP_DECRYPT;
            // Only the per-octet part of the ESP stage: its fixed part is SA lookup, replay
            // window and headers, which IKE does not do.
            Time perOctets = packetModel.GetServiceTime(stage, operation.bytes, operation.suite)
                             - packetModel.GetServiceTime(stage, 0, operation.suite);
            return Seconds(m_skMessageCycles / m_frequency) + Max(perOctets, Seconds(0));
        }
    }
    return Seconds(0);
}

} // namespace ns3
