/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-drop-reason.h"

namespace ns3
{

std::string
ToString(IpsecDropReason reason)
{
    switch (reason)
    {
        case IpsecDropReason::NO_POLICY:
            return "no_policy";
        case IpsecDropReason::NO_SA:
            return "no_sa";
        case IpsecDropReason::BAD_SPI:
            return "bad_spi";
        case IpsecDropReason::TRUNCATED:
            return "truncated";
        case IpsecDropReason::MALFORMED:
            return "malformed";
        case IpsecDropReason::ICV_FAILURE:
            return "icv_failure";
        case IpsecDropReason::REPLAY_DUPLICATE:
            return "replay_duplicate";
        case IpsecDropReason::REPLAY_TOO_OLD:
            return "replay_too_old";
        case IpsecDropReason::BAD_PADDING:
            return "bad_padding";
        case IpsecDropReason::SEQ_OVERFLOW:
            return "seq_overflow";
        case IpsecDropReason::POLICY_MISMATCH:
            return "policy_mismatch";
        case IpsecDropReason::SA_EXPIRED:
            return "sa_expired";
        case IpsecDropReason::DUMMY_PACKET:
            return "dummy_packet";
        case IpsecDropReason::CPU_BACKLOG:
            return "cpu_backlog";
        case IpsecDropReason::COUNT:
            break;
    }
    return "unknown";
}

} // namespace ns3
