/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_KEY_SCHEDULE_H
#define IPSEC_IKE_KEY_SCHEDULE_H

#include "ns3/cipher-suite.h"
#include "ns3/cipher.h"
#include "ns3/crypto-bytes.h"
#include "ns3/prf.h"

#include <cstdint>
#include <memory>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The keys of an IKE SA (RFC 7296 section 2.14). SK_ai/SK_ei protect messages from the
 * original initiator, SK_ar/SK_er the other direction; AEAD SK_e keys end with the 4-octet salt
 * and SK_a keys are empty.
 */
struct IkeSaKeys
{
    Bytes skD;  ///< SK_d: derives Child SA keys and the next IKE SA's SKEYSEED
    Bytes skAi; ///< SK_ai: integrity, initiator to responder
    Bytes skAr; ///< SK_ar: integrity, responder to initiator
    Bytes skEi; ///< SK_ei: encryption, initiator to responder
    Bytes skEr; ///< SK_er: encryption, responder to initiator
    Bytes skPi; ///< SK_pi: the initiator's AUTH
    Bytes skPr; ///< SK_pr: the responder's AUTH
};

/**
 * \ingroup ipsec
 * \brief The keys of a Child SA pair from KEYMAT (RFC 7296 section 2.17), in the order they are
 * taken: the SA carrying data from the initiator of the exchange that created it to the
 * responder first, encryption key (with salt for AEAD) before integrity key.
 */
struct IkeChildSaKeys
{
    Bytes initiatorEncr;  ///< initiator -> responder encryption key
    Bytes initiatorInteg; ///< initiator -> responder integrity key (empty for AEAD)
    Bytes responderEncr;  ///< responder -> initiator encryption key
    Bytes responderInteg; ///< responder -> initiator integrity key (empty for AEAD)
};

/**
 * \ingroup ipsec
 * \brief The IKEv2 key derivations of one IKE SA: its negotiated PRF and SK payload suite give
 * SKEYSEED and the SK_* keys, Child SA KEYMAT, the IKE SA rekey, and the pre-shared-key AUTH
 * value (RFC 7296 sections 2.13, 2.14, 2.15, 2.17, 2.18).
 *
 * Stateless apart from the PRF and suite: the keys belong to the caller. Where RFC 7296 leaves
 * room, strongSwan's keymat_v2 is followed (see DeriveRekeyedIkeSaKeys).
 */
class IkeKeySchedule
{
  public:
    /// "Key Pad for IKEv2": 17 ASCII octets, no terminating NUL (RFC 7296 section 2.15).
    static const char KEY_PAD[];

    /**
     * \param prf the negotiated PRF
     * \param suite the negotiated SK payload suite (ENCR with key length, INTEG)
     * \throws std::invalid_argument if the PRF is not supported
     */
    IkeKeySchedule(PrfAlgorithm prf, const CipherSuite& suite);

    /**
     * \param prf any Prf implementation (tests use an HMAC-SHA-1 one for the CAVS vector)
     * \param suite the SK payload suite
     * \throws std::invalid_argument if prf is null
     */
    IkeKeySchedule(std::shared_ptr<const Prf> prf, const CipherSuite& suite);

    /// \returns the PRF
    const Prf& GetPrf() const;

    /// \returns the SK payload suite
    const CipherSuite& GetSuite() const;

    /// \returns octets of {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr}
    size_t GetKeyMaterialSize() const;

    /**
     * \param ni the initiator's nonce data
     * \param nr the responder's nonce data
     * \param sharedSecret g^ir
     * \returns SKEYSEED = prf(Ni | Nr, g^ir)
     */
    Bytes ComputeSkeyseed(const Bytes& ni, const Bytes& nr, const Bytes& sharedSecret) const;

    /**
     * \param skeyseed SKEYSEED
     * \param ni the initiator's nonce data
     * \param nr the responder's nonce data
     * \param spiI the IKE SA initiator's SPI
     * \param spiR the IKE SA responder's SPI
     * \param length octets wanted
     * \returns prf+(SKEYSEED, Ni | Nr | SPIi | SPIr), length octets
     */
    Bytes ComputeKeyMaterial(const Bytes& skeyseed,
                             const Bytes& ni,
                             const Bytes& nr,
                             uint64_t spiI,
                             uint64_t spiR,
                             size_t length) const;

    /**
     * \param keyMaterial at least GetKeyMaterialSize() octets
     * \returns the SK_* keys split by the negotiated lengths: SK_d, SK_pi, SK_pr the PRF output
     *          size; SK_a the INTEG key size (none for AEAD); SK_e the ENCR key size with salt
     * \throws std::invalid_argument if keyMaterial is too short
     */
    IkeSaKeys SplitKeyMaterial(const Bytes& keyMaterial) const;

    /**
     * \brief SKEYSEED, then the IKE SA keys (RFC 7296 section 2.14).
     * \param ni the initiator's nonce data
     * \param nr the responder's nonce data
     * \param sharedSecret g^ir
     * \param spiI the IKE SA initiator's SPI
     * \param spiR the IKE SA responder's SPI
     * \returns the keys
     */
    IkeSaKeys DeriveIkeSaKeys(const Bytes& ni,
                              const Bytes& nr,
                              const Bytes& sharedSecret,
                              uint64_t spiI,
                              uint64_t spiR) const;

    /**
     * \param oldPrf the PRF of the IKE SA being rekeyed
     * \param oldSkD its SK_d
     * \param sharedSecret g^ir (new) of the rekeying CREATE_CHILD_SA
     * \param ni the rekey initiator's nonce data
     * \param nr the rekey responder's nonce data
     * \returns SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr) (RFC 7296 section 2.18), with the
     *          old IKE SA's PRF
     */
    static Bytes ComputeRekeySkeyseed(const Prf& oldPrf,
                                      const Bytes& oldSkD,
                                      const Bytes& sharedSecret,
                                      const Bytes& ni,
                                      const Bytes& nr);

    /**
     * \brief The keys of the new IKE SA of a rekey, with this schedule's (the new SA's) key
     * lengths.
     *
     * RFC 7296 section 2.18 computes the new SKEYSEED with the old IKE SA's PRF. For prf+ it
     * does not say which PRF; strongSwan (keymat_v2.c derive_ike_keys: "use OLD SAs PRF
     * functions for both prf_plus and prf") uses the old one for both, and so does this.
     * The two differ only when a rekey changes the PRF.
     *
     * \param oldPrf the PRF of the IKE SA being rekeyed
     * \param oldSkD its SK_d
     * \param sharedSecret g^ir (new)
     * \param ni the rekey initiator's nonce data
     * \param nr the rekey responder's nonce data
     * \param spiI the new IKE SA's SPI of the rekey initiator
     * \param spiR the new IKE SA's SPI of the rekey responder
     * \returns the keys of the new IKE SA
     */
    IkeSaKeys DeriveRekeyedIkeSaKeys(const Prf& oldPrf,
                                     const Bytes& oldSkD,
                                     const Bytes& sharedSecret,
                                     const Bytes& ni,
                                     const Bytes& nr,
                                     uint64_t spiI,
                                     uint64_t spiR) const;

    /**
     * \param skD the IKE SA's SK_d
     * \param ni the initiator's nonce data (of IKE_SA_INIT for the first Child SA, else of the
     *        CREATE_CHILD_SA exchange)
     * \param nr the responder's nonce data
     * \param sharedSecret g^ir (new) of a CREATE_CHILD_SA with PFS, or empty
     * \param length octets wanted
     * \returns KEYMAT = prf+(SK_d, [g^ir (new) |] Ni | Nr), length octets
     */
    Bytes ComputeChildKeyMaterial(const Bytes& skD,
                                  const Bytes& ni,
                                  const Bytes& nr,
                                  const Bytes& sharedSecret,
                                  size_t length) const;

    /**
     * \param skD the IKE SA's SK_d
     * \param espSuite the Child SA's suite
     * \param ni the initiator's nonce data
     * \param nr the responder's nonce data
     * \param sharedSecret g^ir (new) for PFS, or empty
     * \returns the KEYMAT split for both directions
     */
    IkeChildSaKeys DeriveChildSaKeys(const Bytes& skD,
                                     const CipherSuite& espSuite,
                                     const Bytes& ni,
                                     const Bytes& nr,
                                     const Bytes& sharedSecret = {}) const;

    /// \param psk the pre-shared key \returns prf(Shared Secret, "Key Pad for IKEv2")
    Bytes ComputePskPad(const Bytes& psk) const;

    /**
     * \param realMessage the sender's IKE_SA_INIT message as sent (RealMessage1 for the
     *        initiator, RealMessage2 for the responder)
     * \param peerNonce the other side's nonce data (NonceRData for the initiator, NonceIData for
     *        the responder)
     * \param skP the sender's SK_pi (initiator) or SK_pr (responder)
     * \param idBody the sender's ID payload body, IkeIdPayload::SerializeBody()
     * \returns the signed octets: RealMessage | Nonce | prf(SK_p, RestOfIDPayload)
     */
    Bytes ComputeSignedOctets(const Bytes& realMessage,
                              const Bytes& peerNonce,
                              const Bytes& skP,
                              const Bytes& idBody) const;

    /**
     * \param psk the pre-shared key
     * \param realMessage see ComputeSignedOctets
     * \param peerNonce see ComputeSignedOctets
     * \param skP see ComputeSignedOctets
     * \param idBody see ComputeSignedOctets
     * \returns the AUTH data of method SHARED_KEY_MIC:
     *          prf(prf(Shared Secret, "Key Pad for IKEv2"), <SignedOctets>)
     */
    Bytes ComputePskAuth(const Bytes& psk,
                         const Bytes& realMessage,
                         const Bytes& peerNonce,
                         const Bytes& skP,
                         const Bytes& idBody) const;

    /**
     * \brief Checks a received PSK AUTH value in constant time.
     * \param authData the received Authentication Data
     * \param psk the pre-shared key
     * \param realMessage the peer's IKE_SA_INIT message as received
     * \param peerNonce this side's nonce data (the peer signed it)
     * \param skP the peer's SK_p
     * \param idBody the peer's ID payload body
     * \returns true if authData is the expected value
     */
    bool VerifyPskAuth(const Bytes& authData,
                       const Bytes& psk,
                       const Bytes& realMessage,
                       const Bytes& peerNonce,
                       const Bytes& skP,
                       const Bytes& idBody) const;

    /**
     * \brief The cipher of one direction of the IKE SA's SK payloads.
     * \param keys the IKE SA's keys
     * \param originalInitiator whether this side is the IKE SA's original initiator (the peer
     *        that initiated it, or the rekey that created it)
     * \param role SEAL for the messages this side sends (SK_ei/SK_ai if it is the original
     *        initiator), OPEN for the messages it receives
     * \returns the cipher
     */
    std::unique_ptr<Cipher> CreateCipher(const IkeSaKeys& keys,
                                         bool originalInitiator,
                                         CipherRole role) const;

  private:
    std::shared_ptr<const Prf> m_prf; ///< the negotiated PRF
    CipherSuite m_suite;              ///< the SK payload suite
};

} // namespace ns3

#endif /* IPSEC_IKE_KEY_SCHEDULE_H */
