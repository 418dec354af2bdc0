/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "esp-processor.h"

#include "esp-header.h"
#include "flow-tuple.h"
#include "opaque-bytes.h"

#include "ns3/log.h"

#include <cstring>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EspProcessor");

namespace
{
constexpr uint8_t NEXT_HEADER_IPV4 = 4;
constexpr uint8_t NEXT_HEADER_NONE = 59; // RFC 4303 2.6: dummy packet
constexpr uint32_t TRAILER_SIZE = 2;     // Pad Length and Next Header

/// What the ICV covers besides the IV and the payload.
struct AuthenticatedData
{
    uint8_t aad[12];
    uint32_t aadLength;
    uint8_t seqHigh[4];
    uint32_t suffixLength; //!< seqHigh is appended after the ciphertext (CBC+HMAC with ESN)

    const uint8_t* Suffix() const
    {
        return suffixLength == 0 ? nullptr : seqHigh;
    }
};

/**
 * \param header the packet's SPI | Seq
 * \return AEAD (RFC 4106 5): AAD = SPI | Seq, or SPI | Seq high | Seq low with ESN.
 * Encrypt-then-MAC (RFC 4303 3.3.2.1): SPI | Seq before the IV, Seq high after the ciphertext
 * with ESN.
 */
AuthenticatedData
AuthenticatedDataFor(const SaParams& p, const uint8_t* header, uint64_t seq)
{
    AuthenticatedData d;
    uint32_t high = static_cast<uint32_t>(seq >> 32);
    for (int i = 0; i < 4; ++i)
    {
        d.seqHigh[i] = static_cast<uint8_t>(high >> (24 - 8 * i));
    }
    std::memcpy(d.aad, header, 4);
    if (p.suite.IsAead() && p.esn)
    {
        std::memcpy(d.aad + 4, d.seqHigh, 4);
        std::memcpy(d.aad + 8, header + 4, 4);
        d.aadLength = 12;
    }
    else
    {
        std::memcpy(d.aad + 4, header + 4, 4);
        d.aadLength = 8;
    }
    d.suffixLength = !p.suite.IsAead() && p.esn ? 4 : 0;
    return d;
}

/// \return the padding that right-aligns Pad Length and Next Header (RFC 4303 2.4).
uint32_t
PaddingFor(const CipherSuite& suite, uint32_t innerLength)
{
    uint32_t align = suite.BlockSize() > 4 ? suite.BlockSize() : 4;
    return (align - (innerLength + TRAILER_SIZE) % align) % align;
}
} // namespace

EspProcessor::EspProcessor(Ptr<UniformRandomVariable> cbcIvStream)
    : m_cbcIvStream(cbcIvStream)
{
}

void
EspProcessor::WriteU32(uint8_t* p, uint32_t value)
{
    p[0] = static_cast<uint8_t>(value >> 24);
    p[1] = static_cast<uint8_t>(value >> 16);
    p[2] = static_cast<uint8_t>(value >> 8);
    p[3] = static_cast<uint8_t>(value);
}

uint32_t
EspProcessor::ReadU32(const uint8_t* p)
{
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

uint32_t
EspProcessor::Overhead(const CipherSuite& suite, uint32_t innerLength)
{
    return EspHeader::SIZE + suite.IvSize() + PaddingFor(suite, innerLength) + TRAILER_SIZE
           + suite.IcvSize();
}

void
EspProcessor::Encapsulate(IpsecSa& sa, uint64_t seq, Ptr<Packet> packet)
{
    const SaParams& p = sa.Params();
    const CipherSuite& suite = p.suite;
    uint32_t innerLength = packet->GetSize();
    uint32_t ivSize = suite.IvSize();
    uint32_t padding = PaddingFor(suite, innerLength);
    uint32_t payloadLength = innerLength + padding + TRAILER_SIZE;
    uint32_t total = EspHeader::SIZE + ivSize + payloadLength + suite.IcvSize();
    if (m_buffer.size() < total)
    {
        m_buffer.resize(total);
    }
    uint8_t* b = m_buffer.data();
    uint8_t* iv = b + EspHeader::SIZE;
    uint8_t* payload = iv + ivSize;
    uint8_t* icv = payload + payloadLength;

    Cipher* cipher = sa.GetCipher();
    WriteU32(b, p.spi);
    WriteU32(b + 4, static_cast<uint32_t>(seq));
    if (cipher != nullptr)
    {
        packet->CopyData(payload, innerLength); // SIZE_ONLY leaves the inner bytes in place
    }
    for (uint32_t i = 0; i < padding; ++i)
    {
        payload[innerLength + i] = static_cast<uint8_t>(i + 1);
    }
    payload[innerLength + padding] = static_cast<uint8_t>(padding);
    payload[innerLength + padding + 1] = NEXT_HEADER_IPV4;

    if (suite.IsAead())
    {
        WriteU32(iv, static_cast<uint32_t>(seq >> 32));
        WriteU32(iv + 4, static_cast<uint32_t>(seq));
    }
    else if (cipher != nullptr)
    {
        for (uint32_t i = 0; i < ivSize; i += 4)
        {
            WriteU32(iv + i, m_cbcIvStream->GetInteger(0, UINT32_MAX));
        }
    }
    else
    {
        std::memset(iv, 0, ivSize);
    }

    if (cipher == nullptr)
    {
        // SIZE_ONLY: the same bytes on the wire, but the inner packet stays as it is, between
        // the ESP header and IV and the trailer with a zero ICV.
        std::memset(icv, 0, suite.IcvSize());
        packet->AddHeader(OpaqueBytesHeader(b, EspHeader::SIZE + ivSize));
        packet->AddTrailer(
            OpaqueBytesTrailer(payload + innerLength, padding + TRAILER_SIZE + suite.IcvSize()));
        return;
    }
    AuthenticatedData ad = AuthenticatedDataFor(p, b, seq);
    cipher->Seal(
        ad.aad, ad.aadLength, iv, payload, payloadLength, ad.Suffix(), ad.suffixLength, icv);
    packet->RemoveAtEnd(innerLength);
    packet->AddHeader(OpaqueBytesHeader(b, total));
}

std::optional<IpsecDropReason>
EspProcessor::Decapsulate(IpsecSa& sa, Ptr<Packet> packet, uint64_t& seq, FlowTuple* inner)
{
    const SaParams& p = sa.Params();
    const CipherSuite& suite = p.suite;
    uint32_t total = packet->GetSize();
    uint32_t ivSize = suite.IvSize();
    uint32_t icvSize = suite.IcvSize();
    uint32_t fixed = EspHeader::SIZE + ivSize + icvSize;
    if (total < fixed + TRAILER_SIZE)
    {
        return IpsecDropReason::TRUNCATED;
    }
    uint32_t payloadLength = total - fixed;
    if (suite.BlockSize() > 1 && payloadLength % suite.BlockSize() != 0)
    {
        return IpsecDropReason::MALFORMED; // a CBC ciphertext is whole blocks
    }
    if (m_buffer.size() < total)
    {
        m_buffer.resize(total);
    }
    uint8_t* b = m_buffer.data();
    packet->CopyData(b, total);
    uint8_t* iv = b + EspHeader::SIZE;
    uint8_t* payload = iv + ivSize;
    uint8_t* icv = payload + payloadLength;

    // RFC 4303 3.4.3: the replay check comes first, the window moves only after the ICV.
    ReplayWindow& window = sa.Replay();
    switch (window.Check(ReadU32(b + 4), seq))
    {
        case ReplayWindow::Verdict::DUPLICATE:
            sa.GetCounters().replayDrops++;
            return IpsecDropReason::REPLAY_DUPLICATE;
        case ReplayWindow::Verdict::TOO_OLD:
            sa.GetCounters().replayDrops++;
            return IpsecDropReason::REPLAY_TOO_OLD;
        case ReplayWindow::Verdict::NEW:
            break;
    }

    if (Cipher* cipher = sa.GetCipher())
    {
        AuthenticatedData ad = AuthenticatedDataFor(p, b, seq);
        if (!cipher->Open(ad.aad,
                          ad.aadLength,
                          iv,
                          payload,
                          payloadLength,
                          ad.Suffix(),
                          ad.suffixLength,
                          icv))
        {
            sa.GetCounters().integrityFailures++;
            return IpsecDropReason::ICV_FAILURE;
        }
    }
    window.Accept(seq);

    uint8_t padLength = payload[payloadLength - 2];
    uint8_t nextHeader = payload[payloadLength - 1];
    if (uint32_t{padLength} + TRAILER_SIZE > payloadLength)
    {
        return IpsecDropReason::MALFORMED;
    }
    uint32_t innerLength = payloadLength - TRAILER_SIZE - padLength;
    for (uint32_t i = 0; i < padLength; ++i)
    {
        if (payload[innerLength + i] != static_cast<uint8_t>(i + 1))
        {
            return IpsecDropReason::BAD_PADDING;
        }
    }
    if (nextHeader == NEXT_HEADER_NONE)
    {
        return IpsecDropReason::DUMMY_PACKET;
    }
    FlowTuple tuple;
    if (nextHeader != NEXT_HEADER_IPV4 || !FlowTuple::Parse(payload, innerLength, tuple))
    {
        return IpsecDropReason::MALFORMED;
    }
    // Drop TFC padding after the inner packet (RFC 4303 2.7): keep its Total Length.
    uint32_t totalLength = (uint32_t{payload[2]} << 8) | payload[3];
    if (totalLength > innerLength)
    {
        return IpsecDropReason::MALFORMED;
    }
    if (sa.GetCipher() == nullptr)
    {
        // SIZE_ONLY: the packet holds the inner bytes already; cut what surrounds them.
        packet->RemoveAtStart(EspHeader::SIZE + ivSize);
        packet->RemoveAtEnd(total - EspHeader::SIZE - ivSize - totalLength);
    }
    else
    {
        packet->RemoveAtEnd(total);
        packet->AddHeader(OpaqueBytesHeader(payload, totalLength));
    }
    if (inner != nullptr)
    {
        *inner = tuple;
    }
    return std::nullopt;
}

} // namespace ns3
