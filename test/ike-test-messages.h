/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_IKE_TEST_MESSAGES_H
#define IPSEC_IKE_TEST_MESSAGES_H

// Shared by the IKE test suites: typical IKEv2 messages with fixed content, fixed SK keys, and
// a way to encrypt hand-made inner octets (for payload chains IkeMessage refuses to build).

#include "ns3/cipher.h"
#include "ns3/ike-key-schedule.h"
#include "ns3/ike-message.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace iketest
{

/// The initiator's IKE SPI of the test messages.
constexpr uint64_t SPI_I = 0x0102030405060708ULL;
/// The responder's IKE SPI of the test messages.
constexpr uint64_t SPI_R = 0x1112131415161718ULL;

/// \return 32 nonce octets starting at \p first, counting up.
Bytes MakeNonce(uint8_t first);

/// \return an IKE_SA_INIT request: SA (two IKE proposals), KE (group 31), Ni, NAT detection.
IkeMessage MakeSaInitRequest();

/// \return the IKE_SA_INIT response: SA (one proposal), KE, Nr, NAT detection, a Vendor ID.
IkeMessage MakeSaInitResponse();

/// \return an IKE_AUTH request (Message ID 1): SK{IDi, IDr, AUTH, N(SA_RESOURCE_INFO), SA, TSi,
/// TSr}, not yet encrypted.
IkeMessage MakeAuthRequest();

/// \return a CREATE_CHILD_SA request (Message ID 2) rekeying a Child SA with PFS:
/// SK{N(REKEY_SA), SA, Ni, KE, TSi, TSr}.
IkeMessage MakeCreateChildSaRequest();

/// \return an INFORMATIONAL request (Message ID 3): SK{D(ESP, two SPIs), D(IKE)}.
IkeMessage MakeDeleteRequest();

/// \return an empty INFORMATIONAL response (liveness check): SK{}.
IkeMessage MakeEmptyInformational();

/**
 * \brief Fixed keys and ciphers of one IKE SA for a suite (keys from IkeKeySchedule and fixed
 * inputs).
 */
struct TestIkeSa
{
    CipherSuite suite;             //!< the SK suite
    IkeSaKeys keys;                //!< its keys
    std::unique_ptr<Cipher> seal;  //!< original initiator's SEAL cipher
    std::unique_ptr<Cipher> open;  //!< original responder's OPEN cipher for the same direction
    std::unique_ptr<Cipher> sealR; //!< original responder's SEAL cipher
    std::unique_ptr<Cipher> openI; //!< original initiator's OPEN cipher for the same direction
};

/// \return the test IKE SA of \p keyword (a CipherSuite keyword), PRF HMAC-SHA2-256.
TestIkeSa MakeTestIkeSa(const std::string& keyword);

/**
 * Encrypts hand-made inner octets into a message: \p header (Next Payload and Length are set
 * here), then an SK payload whose Next Payload is \p firstType and whose plaintext is \p plaintext
 * exactly (the caller includes padding and the Pad Length octet), sealed with \p seal and \p iv.
 */
Bytes SealRawSk(IkeHeader header,
                IkePayloadType firstType,
                const Bytes& plaintext,
                Cipher& seal,
                const Bytes& iv);

/// \return the octets of \p payload's chain as IkeMessage writes them inside an SK payload.
Bytes InnerOctets(const IkeMessage& message);

/// \return the hex of \p bytes (for test messages).
std::string Hex(const Bytes& bytes);

} // namespace iketest
} // namespace ns3

#endif // IPSEC_IKE_TEST_MESSAGES_H
