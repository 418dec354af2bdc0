/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_CRYPTO_COST_H
#define IPSEC_IKE_CRYPTO_COST_H

#include "ns3/cipher-suite.h"
#include "ns3/diffie-hellman.h"
#include "ns3/nstime.h"
#include "ns3/object.h"

#include <cstdint>
#include <string>

namespace ns3
{

class CpuCostModel;

/// \ingroup ipsec
/// A kind of IKE crypto operation that costs CPU time.
enum class IkeCryptoOp : uint8_t
{
    DH_KEYGEN, ///< a DH key pair for a KE payload
    DH_AGREE,  ///< g^ir from the peer's KE payload
    PRF,       ///< one prf(key, data) call over a number of input octets (SKEYSEED, AUTH)
    PRF_PLUS,  ///< prf+ producing a number of octets (SK_*, KEYMAT)
    SK_SEAL,   ///< encrypting and protecting a message of a number of octets
    SK_OPEN,   ///< verifying and decrypting a message of a number of octets
};

/// Number of IkeCryptoOp values.
constexpr size_t IKE_CRYPTO_OP_COUNT = 6;

/// \returns "dh_keygen", "dh_agree", "prf", "prf_plus", "sk_seal" or "sk_open"
std::string ToString(IkeCryptoOp op);

/**
 * \ingroup ipsec
 * \brief One IKE crypto operation as the IKE SA and its tasks report it: its kind and what its
 * cost depends on (the DH group; the octets of PRF input, prf+ output or an SK message; the SK
 * payload suite).
 */
struct IkeCryptoOperation
{
    IkeCryptoOp op{IkeCryptoOp::PRF};   ///< the kind
    DhGroup group{DhGroup::CURVE25519}; ///< DH_KEYGEN, DH_AGREE: the group
    uint32_t bytes{0};                  ///< PRF input, prf+ output or message octets
    uint32_t seedBytes{0};              ///< PRF_PLUS: octets of the seed S
    const CipherSuite* suite{nullptr};  ///< SK_SEAL, SK_OPEN: the SK payload suite
};

/**
 * \ingroup ipsec
 * \brief How much core time an IKE crypto operation costs: DH key generation and agreement per
 * group, PRF calls and prf+ (HMAC-SHA2-256), and the SK payload's encryption and decryption.
 *
 * DH and PRF defaults are Crypto++ 8.7 on this project's reference machine (platform.md,
 * "Key exchange, signatures and IKE PRF"; medians of five runs). The SK payload's per-octet cost
 * is the ESP per-octet cost of the same suite in the node's packet cost model (CpuCostModel),
 * so that IKE and ESP crypto stay consistent when that model is recalibrated; only the fixed
 * per-message part is separate here. The sources are given next to each default in the .cc.
 *
 * Not modelled: the non-crypto work of the daemon (parsing, job queueing, the kernel's
 * socket path), which strongSwan spends as well but which has no measured figure here; the
 * PRF's hash (the defaults are HMAC-SHA2-256's, also used for SHA2-384/512).
 */
class IkeCryptoCost : public Object
{
  public:
    /// \returns the TypeId
    static TypeId GetTypeId();
    IkeCryptoCost();
    ~IkeCryptoCost() override;

    /**
     * \param operation the operation
     * \param packetModel the node's packet cost model (per-octet cost of the SK suite)
     * \returns the core time of the operation, rounded to the Time resolution
     */
    Time GetTime(const IkeCryptoOperation& operation, const CpuCostModel& packetModel) const;

    /// \param group a DH group \returns its key generation time
    Time GetDhKeygenTime(DhGroup group) const;
    /// \param group a DH group \returns its agreement time
    Time GetDhAgreeTime(DhGroup group) const;
    /// \param inputBytes octets of the PRF's data \returns one prf call
    Time GetPrfTime(uint32_t inputBytes) const;
    /**
     * \param outputBytes octets produced
     * \param seedBytes octets of the seed S (Ni | Nr | SPIi | SPIr: 80 for IKE SA keys with
     *        32-octet nonces; Ni | Nr: 64 for KEYMAT)
     * \returns prf+: one prf call per output block, over T(i-1) | S | i
     */
    Time GetPrfPlusTime(uint32_t outputBytes, uint32_t seedBytes) const;

  private:
    Time m_x25519Keygen;       ///< Curve25519 key generation
    Time m_x25519Agree;        ///< Curve25519 agreement
    Time m_p256Keygen;         ///< ECP-256 key generation
    Time m_p256Agree;          ///< ECP-256 agreement with point validation
    Time m_modp2048Keygen;     ///< MODP-2048 key generation
    Time m_modp2048Agree;      ///< MODP-2048 agreement
    double m_frequency;        ///< Hz, to turn cycles into time
    double m_prfCallCycles;    ///< fixed cycles of one HMAC call
    double m_prfCyclesPerByte; ///< cycles per octet of HMAC input
    double m_skMessageCycles;  ///< fixed cycles of sealing or opening one SK payload
};

} // namespace ns3

#endif /* IPSEC_IKE_CRYPTO_COST_H */
