/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The IKE message parser against hostile input: valid messages of every exchange, mutated
// 100,000 times with a fixed ns-3 seed (bit flips, truncation, extension, length-field
// lies, random payload types, overwritten and inserted octets, splices, and mutated plaintext
// re-sealed with a valid ICV so that the inner chain parser sees it, nested SK included). Each
// must parse to a message or return an error: never throw, crash or hang. A message that parses
// must serialize to octets that parse again to the same octets.

#include "ike-test-messages.h"

#include "ns3/ike-message.h"
#include "ns3/ike-raw-payload.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/test.h"

#include <map>
#include <memory>

using namespace ns3;
using namespace ns3::iketest;

namespace
{

/// A valid message and how to open it.
struct Sample
{
    Bytes wire;           //!< the octets
    Cipher* open;         //!< the OPEN cipher (null for cleartext messages)
    Cipher* seal;         //!< the SEAL cipher of the same direction
    Bytes inner;          //!< the inner payload octets (encrypted messages)
    IkePayloadType first; //!< the first inner payload type
    IkeHeader header;     //!< the header
};

/// The mutations, for the statistics.
enum Mutation
{
    BIT_FLIPS,
    TRUNCATE,
    EXTEND,
    LENGTH_LIE,
    PAYLOAD_TYPE,
    OVERWRITE,
    INSERT_DELETE,
    SPLICE,
    INNER_RESEALED,
    MUTATION_COUNT,
};

const char* MUTATION_NAMES[] = {"bit flips",
                                "truncation",
                                "extension",
                                "length-field lie",
                                "random payload type",
                                "overwrite",
                                "insert/delete",
                                "splice",
                                "inner chain re-sealed"};

/**
 * \ingroup ipsec-tests
 * \brief Mutated valid messages: each parses or is refused, never crashes, throws or hangs.
 */
class IkeMutationTestCase : public TestCase
{
  public:
    IkeMutationTestCase()
        : TestCase("100,000 mutated IKE messages (fixed seed): parsed or refused, never a crash")
    {
    }

  private:
    uint32_t Random(uint32_t min, uint32_t max)
    {
        return m_rng->GetInteger(min, max);
    }

    /// \return the offsets of the payload generic headers of the cleartext chain of \p wire.
    std::vector<size_t> PayloadOffsets(const Bytes& wire, size_t start, uint8_t first)
    {
        std::vector<size_t> offsets;
        size_t offset = start;
        uint8_t next = first;
        while (next != 0 && offset + 4 <= wire.size())
        {
            offsets.push_back(offset);
            size_t length = (wire[offset + 2] << 8) | wire[offset + 3];
            if (next == 46 || length < 4)
            {
                break;
            }
            next = wire[offset];
            offset += length;
        }
        return offsets;
    }

    void FixLength(Bytes& bytes)
    {
        if (bytes.size() >= 28)
        {
            uint32_t length = bytes.size();
            for (int i = 0; i < 4; ++i)
            {
                bytes[24 + i] = static_cast<uint8_t>(length >> (24 - 8 * i));
            }
        }
    }

    /// Applies one of the octet-level mutations to \p bytes (a message if \p chainStart is 28,
    /// an inner chain if it is 0).
    void MutateOctets(Bytes& bytes, Mutation mutation, size_t chainStart, uint8_t first)
    {
        switch (mutation)
        {
            case BIT_FLIPS:
            {
                uint32_t flips = Random(1, 8);
                for (uint32_t i = 0; i < flips && !bytes.empty(); ++i)
                {
                    bytes[Random(0, bytes.size() - 1)] ^= 1 << Random(0, 7);
                }
                break;
            }
            case TRUNCATE:
                bytes.resize(bytes.empty() ? 0 : Random(0, bytes.size() - 1));
                if (Random(0, 1) && chainStart != 0)
                {
                    FixLength(bytes);
                }
                break;
            case EXTEND:
            {
                uint32_t extra = Random(1, 64);
                for (uint32_t i = 0; i < extra; ++i)
                {
                    bytes.push_back(Random(0, 255));
                }
                if (Random(0, 1) && chainStart != 0)
                {
                    FixLength(bytes);
                }
                break;
            }
            case LENGTH_LIE:
            {
                std::vector<size_t> offsets = PayloadOffsets(bytes, chainStart, first);
                if (offsets.empty() || (chainStart != 0 && Random(0, 4) == 0))
                {
                    if (bytes.size() >= 28)
                    {
                        uint32_t lie = Random(0, 3) == 0 ? Random(0, 0xffffffff)
                                                         : bytes.size() + Random(0, 8) - 4;
                        for (int i = 0; i < 4; ++i)
                        {
                            bytes[24 + i] = static_cast<uint8_t>(lie >> (24 - 8 * i));
                        }
                    }
                    break;
                }
                size_t offset = offsets[Random(0, offsets.size() - 1)];
                uint32_t old = (bytes[offset + 2] << 8) | bytes[offset + 3];
                uint32_t lie;
                switch (Random(0, 3))
                {
                    case 0:
                        lie = Random(0, 65535);
                        break;
                    case 1:
                        lie = Random(0, 7);
                        break;
                    default:
                        lie = (old + Random(0, 16) - 8) & 0xffff;
                        break;
                }
                bytes[offset + 2] = static_cast<uint8_t>(lie >> 8);
                bytes[offset + 3] = static_cast<uint8_t>(lie);
                break;
            }
            case PAYLOAD_TYPE:
            {
                static const uint8_t interesting[]
                    = {0,  33, 34, 35, 36, 37, 38, 39, 40, 41, 42,  43,  44,
                       45, 46, 46, 46, 47, 48, 53, 1,  32, 49, 128, 200, 255};
                uint8_t type = Random(0, 1) ? interesting[Random(0, sizeof(interesting) - 1)]
                                            : Random(0, 255);
                std::vector<size_t> offsets = PayloadOffsets(bytes, chainStart, first);
                std::vector<size_t> positions;
                if (chainStart != 0 && bytes.size() > 16)
                {
                    positions.push_back(16); // the header's Next Payload
                }
                positions.insert(positions.end(), offsets.begin(), offsets.end());
                if (!positions.empty())
                {
                    bytes[positions[Random(0, positions.size() - 1)]] = type;
                }
                if (Random(0, 3) == 0 && !offsets.empty())
                {
                    bytes[offsets[Random(0, offsets.size() - 1)] + 1] ^= IKE_PAYLOAD_CRITICAL;
                }
                break;
            }
            case OVERWRITE:
            {
                if (bytes.empty())
                {
                    break;
                }
                size_t start = Random(0, bytes.size() - 1);
                size_t count = Random(1, 16);
                uint8_t fill = Random(0, 2) == 0 ? (Random(0, 1) ? 0x00 : 0xff) : 0;
                bool random = fill == 0 && Random(0, 1);
                for (size_t i = start; i < bytes.size() && i < start + count; ++i)
                {
                    bytes[i] = random ? Random(0, 255) : fill;
                }
                break;
            }
            case INSERT_DELETE:
            {
                size_t at = Random(0, bytes.size());
                if (Random(0, 1) || bytes.empty() || at == bytes.size())
                {
                    Bytes insert(Random(1, 32));
                    for (auto& b : insert)
                    {
                        b = Random(0, 255);
                    }
                    bytes.insert(bytes.begin() + at, insert.begin(), insert.end());
                }
                else
                {
                    size_t count = std::min<size_t>(Random(1, 32), bytes.size() - at);
                    bytes.erase(bytes.begin() + at, bytes.begin() + at + count);
                }
                if (chainStart != 0 && Random(0, 3) != 0)
                {
                    FixLength(bytes);
                }
                break;
            }
            default:
                break;
        }
    }

    /// Pads \p plain as an SK plaintext for \p suite (sometimes with a wrong Pad Length).
    Bytes Pad(Bytes plain, const CipherSuite& suite)
    {
        size_t block = suite.BlockSize();
        size_t padding = (block - (plain.size() + 1) % block) % block;
        plain.insert(plain.end(), padding, 0);
        plain.push_back(Random(0, 15) == 0 ? Random(0, 255) : padding);
        return plain;
    }

    /// Parses \p bytes; checks the outcome; \return the error.
    IkeParseError Check(const Bytes& bytes, Cipher* open, uint32_t iteration)
    {
        IkeMessage message;
        IkeParseStatus status;
        try
        {
            status = IkeMessage::Parse(bytes, message);
            if (status.IsOk() && open != nullptr)
            {
                status = message.Decrypt(*open);
            }
            if (status.IsOk())
            {
                // A parsed message writes octets that parse again to the same octets.
                Bytes again = message.Serialize();
                IkeMessage reparsed;
                IkeParseStatus second = IkeMessage::Parse(again, reparsed);
                if (second.IsOk() && open != nullptr)
                {
                    second = reparsed.Decrypt(*open);
                }
                NS_TEST_EXPECT_MSG_EQ(second.IsOk(),
                                      true,
                                      "iteration " << iteration
                                                   << ": re-serialized message: " << second);
                if (second.IsOk())
                {
                    NS_TEST_EXPECT_MSG_EQ(Hex(reparsed.Serialize()),
                                          Hex(again),
                                          "iteration " << iteration << ": stable octets");
                }
                message.ToString();
            }
            else
            {
                NS_TEST_EXPECT_MSG_EQ(status.GetDetail().empty(), false, "a reason");
            }
        }
        catch (const std::exception& e)
        {
            NS_TEST_EXPECT_MSG_EQ(std::string(e.what()),
                                  "no exception",
                                  "iteration " << iteration << " threw on " << Hex(bytes));
        }
        return status.GetError();
    }

    void DoRun() override
    {
        uint32_t seed = RngSeedManager::GetSeed();
        uint64_t run = RngSeedManager::GetRun();
        RngSeedManager::SetSeed(20240719);
        RngSeedManager::SetRun(1);
        m_rng = CreateObject<UniformRandomVariable>();
        m_rng->SetStream(0);

        std::vector<std::unique_ptr<TestIkeSa>> sas;
        std::vector<Sample> samples;
        for (const IkeMessage& message : {MakeSaInitRequest(), MakeSaInitResponse()})
        {
            samples.push_back({message.Serialize(),
                               nullptr,
                               nullptr,
                               {},
                               IkePayloadType::NONE,
                               message.GetHeader()});
        }
        IkeMessage withUnknown = MakeSaInitResponse();
        withUnknown.AddPayload(IkeRawPayload(static_cast<IkePayloadType>(99), Bytes(6, 1)));
        samples.push_back({withUnknown.Serialize(),
                           nullptr,
                           nullptr,
                           {},
                           IkePayloadType::NONE,
                           withUnknown.GetHeader()});
        for (const char* keyword : {"aes128gcm16", "aes256-sha256", "chacha20poly1305"})
        {
            sas.push_back(std::make_unique<TestIkeSa>(MakeTestIkeSa(keyword)));
            TestIkeSa& sa = *sas.back();
            auto ivs = IkeIvGenerator::Create(sa.suite, m_rng);
            for (const IkeMessage& message : {MakeAuthRequest(),
                                              MakeCreateChildSaRequest(),
                                              MakeDeleteRequest(),
                                              MakeEmptyInformational()})
            {
                bool fromInitiator = message.GetHeader().IsInitiator();
                Cipher* seal = fromInitiator ? sa.seal.get() : sa.sealR.get();
                Cipher* open = fromInitiator ? sa.open.get() : sa.openI.get();
                const auto& inner = message.GetEncryptedPayload()->GetPayloads();
                samples.push_back({message.Serialize(*seal, *ivs),
                                   open,
                                   seal,
                                   InnerOctets(message),
                                   inner.empty() ? IkePayloadType::NONE : inner[0]->GetType(),
                                   message.GetHeader()});
            }
        }
        for (const Sample& sample : samples)
        {
            NS_TEST_ASSERT_MSG_EQ((Check(sample.wire, sample.open, 0) == IkeParseError::NONE),
                                  true,
                                  "the unmutated samples parse");
        }

        const uint32_t iterations = 100000;
        std::map<IkeParseError, uint32_t> outcomes;
        uint32_t perMutation[MUTATION_COUNT] = {};
        uint32_t parsedPerMutation[MUTATION_COUNT] = {};
        for (uint32_t i = 1; i <= iterations; ++i)
        {
            const Sample& sample = samples[Random(0, samples.size() - 1)];
            auto mutation = static_cast<Mutation>(Random(0, MUTATION_COUNT - 1));
            if (mutation == INNER_RESEALED && sample.open == nullptr)
            {
                mutation = BIT_FLIPS;
            }
            Bytes bytes = sample.wire;
            if (mutation == SPLICE)
            {
                const Sample& other = samples[Random(0, samples.size() - 1)];
                size_t cut = Random(0, bytes.size());
                size_t from = Random(0, other.wire.size());
                bytes.resize(cut);
                bytes.insert(bytes.end(), other.wire.begin() + from, other.wire.end());
                if (Random(0, 1))
                {
                    FixLength(bytes);
                }
            }
            else if (mutation == INNER_RESEALED)
            {
                // Mutate the plaintext, then seal it with a valid ICV: only the inner chain
                // parser stands between these octets and the exchange code.
                Bytes inner = sample.inner;
                uint8_t first = static_cast<uint8_t>(sample.first);
                auto innerMutation = static_cast<Mutation>(Random(0, INSERT_DELETE));
                if (Random(0, 7) == 0)
                {
                    // Nested SK: an inner payload (or the first) becomes SK.
                    std::vector<size_t> offsets = PayloadOffsets(inner, 0, first);
                    if (offsets.size() > 1 && Random(0, 1))
                    {
                        inner[offsets[Random(0, offsets.size() - 2)]] = 46;
                    }
                    else
                    {
                        first = 46;
                    }
                }
                else
                {
                    MutateOctets(inner, innerMutation, 0, first);
                    if (Random(0, 5) == 0)
                    {
                        first = Random(0, 255);
                    }
                }
                Bytes iv(sample.seal->Suite().IvSize(), static_cast<uint8_t>(i));
                bytes = SealRawSk(sample.header,
                                  static_cast<IkePayloadType>(first),
                                  Pad(inner, sample.seal->Suite()),
                                  *sample.seal,
                                  iv);
            }
            else
            {
                MutateOctets(bytes, mutation, IkeHeader::SIZE, bytes[16]);
            }
            IkeParseError error = Check(bytes, sample.open, i);
            ++outcomes[error];
            ++perMutation[mutation];
            parsedPerMutation[mutation] += error == IkeParseError::NONE ? 1 : 0;
        }

        std::ostringstream summary;
        for (const auto& [error, count] : outcomes)
        {
            summary << ToString(error) << "=" << count << " ";
        }
        for (int m = 0; m < MUTATION_COUNT; ++m)
        {
            summary << "\n  " << MUTATION_NAMES[m] << ": " << perMutation[m] << " ("
                    << parsedPerMutation[m] << " parsed)";
        }
        std::cout << "ipsec-ike-robustness outcomes: " << summary.str() << std::endl;
        // The mutations reach every check: most errors occur, and some mutants still parse.
        for (IkeParseError expected : {IkeParseError::NONE,
                                       IkeParseError::TRUNCATED_HEADER,
                                       IkeParseError::UNSUPPORTED_MAJOR_VERSION,
                                       IkeParseError::LENGTH_MISMATCH,
                                       IkeParseError::BAD_PAYLOAD_LENGTH,
                                       IkeParseError::PAYLOAD_TOO_SHORT,
                                       IkeParseError::MALFORMED_PAYLOAD,
                                       IkeParseError::TRAILING_DATA,
                                       IkeParseError::SK_NOT_LAST,
                                       IkeParseError::NESTED_SK,
                                       IkeParseError::UNSUPPORTED_CRITICAL_PAYLOAD,
                                       IkeParseError::BAD_ENCRYPTED_LENGTH,
                                       IkeParseError::INTEGRITY_CHECK_FAILED,
                                       IkeParseError::BAD_PADDING})
        {
            NS_TEST_EXPECT_MSG_GT(outcomes[expected], 0u, ToString(expected) << " reached");
        }
        RngSeedManager::SetSeed(seed);
        RngSeedManager::SetRun(run);
    }

    Ptr<UniformRandomVariable> m_rng; ///< the mutations' randomness
};

/**
 * \ingroup ipsec-tests
 * \brief The parser against hostile input.
 */
class IkeRobustnessTestSuite : public TestSuite
{
  public:
    IkeRobustnessTestSuite()
        : TestSuite("ipsec-ike-robustness", UNIT)
    {
        AddTestCase(new IkeMutationTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
IkeRobustnessTestSuite g_ikeRobustnessTestSuite;

} // namespace
