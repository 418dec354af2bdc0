/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_DROP_REASON_H
#define IPSEC_DROP_REASON_H

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Why the IPsec data plane dropped a packet; every drop is counted under one of these.
 *
 * The names follow the Linux XFRM MIB counters where one exists (XfrmInNoStates, ...).
 */
enum class IpsecDropReason : uint8_t
{
    NO_POLICY,        //!< outbound packet on an IPsec interface that no policy matches
    NO_SA,            //!< a policy matched but no SA is installed yet (an acquire was raised)
    BAD_SPI,          //!< inbound ESP with an SPI that no inbound SA has (XfrmInNoStates)
    TRUNCATED,        //!< shorter than the ESP header, IV, trailer and ICV of its SA
    MALFORMED,        //!< lengths or the decrypted trailer or inner header do not parse
    ICV_FAILURE,      //!< integrity check failed (XfrmInStateProtoError)
    REPLAY_DUPLICATE, //!< sequence number already seen inside the window (XfrmInStateSeqError)
    REPLAY_TOO_OLD,   //!< sequence number left of the replay window
    BAD_PADDING,      //!< padding bytes are not 1, 2, 3, ... (RFC 4303 section 2.4)
    SEQ_OVERFLOW,     //!< sending would make the sequence number cycle (RFC 4303 3.3.3)
    POLICY_MISMATCH,  //!< decrypted inner packet is outside the SA's traffic selectors
    SA_EXPIRED,       //!< the SA reached its hard lifetime
    DUMMY_PACKET,     //!< next header 59: a TFC dummy packet, discarded as RFC 4303 requires
    CPU_BACKLOG,      //!< handed to another core whose backlog was full
    COUNT             //!< number of reasons (not a reason)
};

/// \return the lower-case name used in traces and metrics.json ("icv_failure", ...).
std::string ToString(IpsecDropReason reason);

} // namespace ns3

#endif // IPSEC_DROP_REASON_H
