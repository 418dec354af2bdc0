/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_SA_H
#define IPSEC_IKE_SA_H

#include "ike-crypto-meter.h"
#include "ike-iv-generator.h"
#include "ike-key-schedule.h"
#include "ike-nat-detection.h"
#include "ike-peer-config.h"

#include "ns3/cipher.h"
#include "ns3/crypto-bytes.h"
#include "ns3/diffie-hellman.h"
#include "ns3/ike-message.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

#include <cstdint>
#include <memory>
#include <string>

namespace ns3
{

/// \ingroup ipsec
/// The life of an IKE SA, as the daemon sees it.
enum class IkeSaState : uint8_t
{
    CONNECTING,  ///< IKE_SA_INIT or IKE_AUTH under way
    ESTABLISHED, ///< authenticated; Child SAs may exist
    FAILED,      ///< refused, not authenticated or given up
    CLOSED,      ///< deleted or replaced by a rekey
};

/// \returns "CONNECTING", "ESTABLISHED", "FAILED" or "CLOSED"
std::string ToString(IkeSaState state);

/**
 * \ingroup ipsec
 * \brief The state of one IKE SA (strongSwan's ike_sa_t without the task manager): SPIs, role,
 * negotiated suite, DH, nonces, the IKE_SA_INIT messages that AUTH signs, keys and SK ciphers,
 * and message ID counters. The exchange tasks fill it in; the daemon carries its messages.
 */
class IkeSa
{
  public:
    /**
     * \param config the connection (outlives the SA)
     * \param initiator whether this side initiated the IKE SA
     * \param stream the ns-3 stream for SPIs, nonces, DH keys and IVs
     */
    IkeSa(const IkePeerConfig& config, bool initiator, Ptr<UniformRandomVariable> stream);

    /// \returns the connection
    const IkePeerConfig& GetConfig() const;
    /// \returns whether this side is the original initiator
    bool IsInitiator() const;

    /// \returns the state
    IkeSaState GetState() const;
    /// \param state the new state
    void SetState(IkeSaState state);

    /// \returns the initiator's SPI
    uint64_t GetInitiatorSpi() const;
    /// \param spi the initiator's SPI
    void SetInitiatorSpi(uint64_t spi);
    /// \returns the responder's SPI (0 until IKE_SA_INIT completes)
    uint64_t GetResponderSpi() const;
    /// \param spi the responder's SPI
    void SetResponderSpi(uint64_t spi);
    /// \returns this side's SPI
    uint64_t GetLocalSpi() const;

    /// \returns a fresh non-zero 64-bit SPI from the stream
    uint64_t RandomSpi();
    /// \param size octets \returns random octets from the stream (nonces)
    Bytes RandomBytes(size_t size);

    /// \param group the DH group \returns this side's DH key pair, created now
    const DiffieHellman& CreateDh(DhGroup group);
    /// \returns this side's DH key pair, or null
    const DiffieHellman* GetDh() const;
    /**
     * \brief Computes g^ir with this side's DH key pair (charged to the crypto meter).
     * \param peerPublic the peer's KE data
     * \param sharedSecret receives g^ir
     * \returns false if there is no key pair or the peer's value is invalid
     */
    bool ComputeSharedSecret(const Bytes& peerPublic, Bytes& sharedSecret) const;

    /**
     * \brief Sets where the crypto operations of this IKE SA are counted (the daemon's meter);
     * without one they are not counted.
     * \param meter the meter (outlives the SA), or null
     */
    void SetCryptoMeter(IkeCryptoMeter* meter);
    /// \param operation a crypto operation done for this IKE SA, to be charged
    void ChargeCrypto(const IkeCryptoOperation& operation) const;
    /**
     * \brief Charges computing or verifying one PSK AUTH value: prf(Shared Secret, "Key Pad for
     * IKEv2"), prf(SK_p, IDx') and prf of that key over the signed octets (RFC 7296 2.15).
     * \param messageBytes octets of RealMessage1 or RealMessage2
     * \param nonceBytes octets of the peer's nonce data
     * \param idBytes octets of the ID payload body
     */
    void ChargePskAuth(size_t messageBytes, size_t nonceBytes, size_t idBytes) const;

    /// \param nonce the initiator's nonce data
    void SetNonceI(Bytes nonce);
    /// \returns the initiator's nonce data
    const Bytes& GetNonceI() const;
    /// \param nonce the responder's nonce data
    void SetNonceR(Bytes nonce);
    /// \returns the responder's nonce data
    const Bytes& GetNonceR() const;

    /// \param message the IKE_SA_INIT request as sent or received (RealMessage1)
    void SetInitRequest(Bytes message);
    /// \returns RealMessage1
    const Bytes& GetInitRequest() const;
    /// \param message the IKE_SA_INIT response as sent or received (RealMessage2)
    void SetInitResponse(Bytes message);
    /// \returns RealMessage2
    const Bytes& GetInitResponse() const;

    /**
     * \brief Keys the IKE SA from g^ir: SKEYSEED, SK_*, and the SK ciphers of both directions.
     * \param suite the negotiated IKE suite
     * \param sharedSecret g^ir
     */
    void DeriveKeys(const IkeSuite& suite, const Bytes& sharedSecret);
    /**
     * \brief Keys a new IKE SA made by a rekey of \p old (RFC 7296 section 2.18): SKEYSEED =
     * prf(SK_d (old), g^ir (new) | Ni | Nr) with the old PRF, SK_* from it with this SA's
     * nonces and SPIs (set them first), and the SK ciphers.
     * \param suite the suite negotiated in the rekeying CREATE_CHILD_SA
     * \param old the IKE SA being rekeyed
     * \param sharedSecret g^ir (new)
     */
    void DeriveRekeyedKeys(const IkeSuite& suite, const IkeSa& old, const Bytes& sharedSecret);
    /// \returns whether DeriveKeys has run
    bool HasKeys() const;
    /// \returns the negotiated suite
    const IkeSuite& GetSuite() const;
    /// \returns the key schedule (only after DeriveKeys)
    const IkeKeySchedule& GetKeySchedule() const;
    /// \returns the SK_* keys
    const IkeSaKeys& GetKeys() const;

    /// \param message a message with an SK payload \returns its octets, encrypted
    Bytes Seal(const IkeMessage& message);
    /// \param message a parsed message \returns the result of decrypting its SK payload
    IkeParseStatus Open(IkeMessage& message);

    /**
     * \name Message IDs (RFC 7296 2.2)
     * Message IDs are 32 bits, and "in the unlikely event that Message IDs grow too large to
     * fit in 32 bits, the IKE SA MUST be closed or rekeyed" [M]. The counters are kept in 64
     * bits so that "the last ID is used" is a value of its own (MAX_MESSAGE_ID + 1) and never
     * wraps to 0. IkeTaskManager acts on the limits: it rekeys the IKE SA from
     * REKEY_MESSAGE_ID on (a new IKE SA counts from 0 again), keeps MAX_MESSAGE_ID for the
     * Delete of the IKE SA, and drops a peer's request once the peer's IDs are used up.
     * @{
     */
    /// The last Message ID a request may carry.
    static constexpr uint32_t MAX_MESSAGE_ID = 0xFFFFFFFF;
    /// From this next request ID on, this side rekeys the IKE SA: half the space, so that
    /// the rekey (and its retries after TEMPORARY_FAILURE, 2^31 exchanges at most) always has
    /// IDs left long before MAX_MESSAGE_ID.
    static constexpr uint32_t REKEY_MESSAGE_ID = 0x80000000;
    /// From this request ID of the peer on, this side rekeys the IKE SA too: the peer should
    /// have done so at its own threshold (REKEY_MESSAGE_ID here) and has not.
    static constexpr uint32_t PEER_REKEY_MESSAGE_ID = 0xC0000000;

    /// \returns the Message ID of the next request this side sends (MAX_MESSAGE_ID + 1 once
    /// the last one was used)
    uint64_t GetNextRequestId() const;
    /// Counts a completed exchange that this side initiated (not past MAX_MESSAGE_ID + 1).
    void IncrementRequestId();
    /// \returns the Message ID of the next request expected from the peer (MAX_MESSAGE_ID
    /// + 1 once the peer used its last one)
    uint64_t GetExpectedRequestId() const;
    /**
     * \brief For tests only: puts the counter of our requests at \p id (e.g. near the
     * limits), as if so many exchanges had run; the peer's expected ID must be set to match.
     * \param id the Message ID of the next request this side sends, MAX_MESSAGE_ID + 1 for
     * "none left"
     */
    void SetNextRequestIdForTest(uint64_t id);
    /**
     * \brief For tests only: puts the counter of the peer's requests at \p id (see
     * SetNextRequestIdForTest).
     * \param id the Message ID of the next request expected from the peer, MAX_MESSAGE_ID + 1
     * for "the peer used its last one"
     */
    void SetExpectedRequestIdForTest(uint64_t id);
    /// @}

    /**
     * \brief Keeps the peer's current request and our response to it, to answer its
     * retransmissions, and expects the next Message ID.
     * \param request the request as received
     * \param response the response as sent
     */
    void CacheResponse(Bytes request, Bytes response);
    /// \returns the request of the last response sent, or empty
    const Bytes& GetCachedRequest() const;
    /// \returns the last response sent, or empty
    const Bytes& GetCachedResponse() const;

    /// \param state what NAT detection in IKE_SA_INIT found
    void SetNatState(const IkeNatState& state);
    /// \returns what NAT detection found (nothing before IKE_SA_INIT)
    const IkeNatState& GetNatState() const;
    /// Moves IKE to UDP port 4500 (with the non-ESP marker) for the rest of the IKE SA.
    void FloatToNatTraversalPort();
    /// \returns whether the IKE SA's messages go through UDP port 4500
    bool UsesNatTraversalPort() const;
    /// \param old the IKE SA this one rekeys: its NAT detection result and port carry over
    /// (strongSwan's new IKE SA takes the old one's hosts and conditions), so that Child SAs
    /// created on the new IKE SA are encapsulated too
    void InheritNatTraversal(const IkeSa& old);

  private:
    /**
     * The common tail of DeriveKeys and DeriveRekeyedKeys, once m_keys is set: meters the PRF
     * that made SKEYSEED (over \p skeyseedBytes) and the prf+ that expanded it into SK_*, then
     * makes the SK_e ciphers and the IV generator.
     */
    void InstallKeys(uint32_t skeyseedBytes);

    const IkePeerConfig& m_config;              ///< the connection
    bool m_initiator;                           ///< original initiator
    Ptr<UniformRandomVariable> m_stream;        ///< randomness
    IkeSaState m_state{IkeSaState::CONNECTING}; ///< state
    uint64_t m_spiI{0};                         ///< initiator's SPI
    uint64_t m_spiR{0};                         ///< responder's SPI
    std::unique_ptr<DiffieHellman> m_dh;        ///< this side's DH
    Bytes m_nonceI;                             ///< Ni
    Bytes m_nonceR;                             ///< Nr
    Bytes m_initRequest;                        ///< RealMessage1
    Bytes m_initResponse;                       ///< RealMessage2
    IkeSuite m_suite;                           ///< negotiated suite
    std::unique_ptr<IkeKeySchedule> m_schedule; ///< derivations of the suite
    IkeSaKeys m_keys;                           ///< SK_*
    std::unique_ptr<Cipher> m_seal;             ///< for the messages sent
    std::unique_ptr<Cipher> m_open;             ///< for the messages received
    std::unique_ptr<IkeIvGenerator> m_ivs;      ///< IVs of the seal key
    uint64_t m_nextRequestId{0};                ///< our next request
    uint64_t m_expectedRequestId{0};            ///< the peer's next request
    Bytes m_cachedRequest;                      ///< the request of m_cachedResponse
    Bytes m_cachedResponse;                     ///< last response sent
    IkeCryptoMeter* m_meter{nullptr};           ///< where crypto work is counted, or null

    IkeNatState m_nat;              ///< NAT detection result
    bool m_natTraversalPort{false}; ///< IKE on UDP 4500
};

} // namespace ns3

#endif /* IPSEC_IKE_SA_H */
