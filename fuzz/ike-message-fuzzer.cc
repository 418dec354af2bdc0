/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// libFuzzer target for the IKEv2 message parser (IkeMessage::Parse, IkeMessage::Decrypt and the
// payload parsers). Not built by CMake (CI has no clang). From the repository root, with clang:
//
//   clang++ -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -DNS3_LOG_ENABLE \
//       -Ibuild/include fuzz/ike-message-fuzzer.cc model/ike/payloads/*.cc \
//       model/ike/engine/ike-{key-schedule,iv-generator}.cc model/crypto/{cipher,cipher-suite}.cc \
//       model/crypto/{aes-gcm-cipher,aes-cbc-hmac-cipher,chacha20-poly1305-cipher}.cc \
//       model/crypto/{prf,crypto-bytes,ns3-random-source}.cc model/esp/traffic-selector.cc \
//       -lns3-core -lns3-network -lcryptopp -o build-ike/ike-message-fuzzer
//   mkdir -p /tmp/ike-corpus && build-ike/ike-message-fuzzer -max_total_time=60 /tmp/ike-corpus
//
// (bash brace expansion; not model/ike/engine/*.cc, which also holds the daemon and its ns-3
// needs. Debian's ns-3 headers are in /usr/include/ns3; build/include/ns3 holds the module's
// headers once CMake has configured ./build.)
//
// The first input octet picks what is fuzzed, so that one target reaches every parser:
//   0: the rest is a whole message, parsed and then decrypted with fixed AES-GCM keys;
//   1: the rest is the plaintext of an SK payload (its first octet the first inner payload type),
//      sealed with fixed keys and a valid ICV, so that the inner chain parser is reached;
//   2: the same with AES-CBC-256 + HMAC-SHA2-256-128 (padding and Pad Length are the input's);
//   3: the rest is one payload body (its first octet the payload type), parsed alone.
// Every message that parses must serialize to octets that parse again to the same octets;
// anything else aborts.

#include "ns3/cipher.h"
#include "ns3/ike-header.h"
#include "ns3/ike-key-schedule.h"
#include "ns3/ike-message.h"
#include "ns3/ike-payload.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

using namespace ns3;

namespace
{

/// The fixed IKE SA the fuzzer encrypts and decrypts with.
struct FuzzSa
{
    std::unique_ptr<Cipher> seal; ///< the initiator's SEAL cipher
    std::unique_ptr<Cipher> open; ///< the responder's OPEN cipher
};

/// \return the fixed SA of \p keyword.
FuzzSa
MakeSa(const char* keyword)
{
    IkeKeySchedule schedule(PrfAlgorithm::HMAC_SHA2_256, CipherSuite::FromKeyword(keyword));
    IkeSaKeys keys = schedule.DeriveIkeSaKeys(Bytes(32, 1), Bytes(32, 2), Bytes(32, 3), 1, 2);
    return {schedule.CreateCipher(keys, true, CipherRole::SEAL),
            schedule.CreateCipher(keys, false, CipherRole::OPEN)};
}

/// Aborts unless a message that parsed serializes to octets that parse to the same octets.
void
CheckStable(const IkeMessage& message, Cipher* open)
{
    Bytes again = message.Serialize();
    IkeMessage reparsed;
    IkeParseStatus status = IkeMessage::Parse(again, reparsed);
    if (status.IsOk() && open != nullptr)
    {
        status = reparsed.Decrypt(*open);
    }
    if (!status.IsOk() || reparsed.Serialize() != again)
    {
        std::fprintf(stderr, "unstable round trip: %s\n", status.ToString().c_str());
        std::abort();
    }
    (void) message.ToString();
}

/// Parses (and decrypts with \p open, if given) \p bytes.
void
ParseMessage(const Bytes& bytes, Cipher* open)
{
    IkeMessage message;
    IkeParseStatus status = IkeMessage::Parse(bytes, message);
    if (status.IsOk() && open != nullptr)
    {
        status = message.Decrypt(*open);
    }
    if (status.IsOk())
    {
        CheckStable(message, open);
    }
}

/// Seals \p plaintext (first octet: the first inner type) into an INFORMATIONAL with \p sa.
Bytes
Seal(const uint8_t* data, size_t size, FuzzSa& sa)
{
    const CipherSuite& suite = sa.seal->Suite();
    IkeHeader header;
    header.SetInitiatorSpi(1);
    header.SetResponderSpi(2);
    header.SetExchangeType(IkeExchangeType::INFORMATIONAL);
    header.SetInitiator(true);
    header.SetNextPayload(IkePayloadType::SK);
    uint8_t first = size > 0 ? data[0] : 0;
    Bytes plaintext(size > 0 ? data + 1 : data, data + size);
    if (suite.BlockSize() > 1)
    {
        plaintext.resize(plaintext.size() - plaintext.size() % suite.BlockSize());
    }
    size_t skLength = 4 + suite.IvSize() + plaintext.size() + suite.IcvSize();
    if (plaintext.empty() || skLength > 65535)
    {
        return {};
    }
    header.SetLength(IkeHeader::SIZE + skLength);
    Bytes out(IkeHeader::SIZE + 4 + suite.IvSize());
    header.Write(out.data());
    out[28] = first;
    out[30] = static_cast<uint8_t>(skLength >> 8);
    out[31] = static_cast<uint8_t>(skLength);
    out.insert(out.end(), plaintext.begin(), plaintext.end());
    out.resize(out.size() + suite.IcvSize());
    uint8_t* iv = out.data() + 32;
    uint8_t* payload = iv + suite.IvSize();
    sa.seal->Seal(
        out.data(), 32, iv, payload, plaintext.size(), nullptr, 0, payload + plaintext.size());
    return out;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static FuzzSa gcm = MakeSa("aes128gcm16");
    static FuzzSa cbc = MakeSa("aes256-sha256");
    if (size == 0)
    {
        return 0;
    }
    uint8_t mode = data[0] % 4;
    ++data;
    --size;
    switch (mode)
    {
        case 0:
            ParseMessage(Bytes(data, data + size), gcm.open.get());
            break;
        case 1:
        case 2:
        {
            FuzzSa& sa = mode == 1 ? gcm : cbc;
            Bytes sealed = Seal(data, size, sa);
            if (!sealed.empty())
            {
                ParseMessage(sealed, sa.open.get());
            }
            break;
        }
        default:
        {
            if (size == 0)
            {
                break;
            }
            auto payload = IkePayload::Create(static_cast<IkePayloadType>(data[0]));
            if (payload->DeserializeBody(data + 1, size - 1).IsOk())
            {
                Bytes first = payload->SerializeBody();
                auto again = IkePayload::Create(payload->GetType());
                if (!again->DeserializeBody(first.data(), first.size()).IsOk()
                    || again->SerializeBody() != first)
                {
                    std::fprintf(stderr, "unstable payload round trip\n");
                    std::abort();
                }
            }
            break;
        }
    }
    return 0;
}
