/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-encrypted-payload.h"

#include "ike-header.h"
#include "ike-wire.h"

#include "ns3/log.h"

#include <cstring>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeEncryptedPayload");

IkeEncryptedPayload::IkeEncryptedPayload()
    : IkePayload(IkePayloadType::SK)
    , m_hasEncrypted(false)
    , m_firstType(IkePayloadType::NONE)
{
}

IkeEncryptedPayload::IkeEncryptedPayload(const IkeEncryptedPayload& other)
    : IkePayload(other)
    , m_encrypted(other.m_encrypted)
    , m_hasEncrypted(other.m_hasEncrypted)
    , m_firstType(other.m_firstType)
{
    for (const auto& payload : other.m_payloads)
    {
        m_payloads.push_back(payload->Clone());
    }
}

IkeEncryptedPayload&
IkeEncryptedPayload::operator=(const IkeEncryptedPayload& other)
{
    if (this != &other)
    {
        IkeEncryptedPayload copy(other);
        IkePayload::operator=(copy);
        m_payloads = std::move(copy.m_payloads);
        m_encrypted = std::move(copy.m_encrypted);
        m_hasEncrypted = copy.m_hasEncrypted;
        m_decrypted = copy.m_decrypted;
        m_firstType = copy.m_firstType;
    }
    return *this;
}

IkeEncryptedPayload::~IkeEncryptedPayload() = default;

void
IkeEncryptedPayload::AddPayload(std::unique_ptr<IkePayload> payload)
{
    if (!payload || payload->GetType() == IkePayloadType::SK)
    {
        throw std::invalid_argument("IkeEncryptedPayload::AddPayload: an SK payload cannot "
                                    "contain another SK payload (or a null one)");
    }
    m_encrypted.clear();
    m_hasEncrypted = false;
    m_decrypted = false;
    m_payloads.push_back(std::move(payload));
}

const std::vector<std::unique_ptr<IkePayload>>&
IkeEncryptedPayload::GetPayloads() const
{
    return m_payloads;
}

bool
IkeEncryptedPayload::HasEncryptedBody() const
{
    return m_hasEncrypted;
}

const Bytes&
IkeEncryptedPayload::GetEncryptedBody() const
{
    return m_encrypted;
}

bool
IkeEncryptedPayload::IsDecrypted() const
{
    return m_decrypted;
}

void
IkeEncryptedPayload::SetDecryptedPayloads(std::vector<std::unique_ptr<IkePayload>> payloads)
{
    for (const auto& payload : payloads)
    {
        if (!payload || payload->GetType() == IkePayloadType::SK)
        {
            throw std::invalid_argument("IkeEncryptedPayload::SetDecryptedPayloads: no SK payload "
                                        "(or null one) inside an SK payload");
        }
    }
    m_payloads = std::move(payloads);
    m_decrypted = true;
}

IkePayloadType
IkeEncryptedPayload::GetFirstPayloadType() const
{
    return m_firstType;
}

void
IkeEncryptedPayload::SetFirstPayloadType(IkePayloadType type)
{
    m_firstType = type;
}

uint32_t
IkeEncryptedPayload::GetEncryptedSize(const CipherSuite& suite, size_t plaintextSize)
{
    size_t block = suite.BlockSize();
    // The least padding that aligns payloads | padding | Pad Length to the block (strongSwan's
    // rule too: AEAD "block" size 1, so no padding).
    size_t padding = (block - (plaintextSize + 1) % block) % block;
    return HEADER_SIZE + suite.IvSize() + plaintextSize + padding + 1 + suite.IcvSize();
}

void
IkeEncryptedPayload::SerializeEncrypted(Bytes& message, Cipher& seal, IkeIvGenerator& ivs) const
{
    NS_LOG_FUNCTION(this << message.size());
    if (message.size() < IkeHeader::SIZE)
    {
        throw std::logic_error("IkeEncryptedPayload::SerializeEncrypted: the message must start "
                               "with the IKE header");
    }
    const CipherSuite& suite = seal.Suite();
    Bytes plaintext;
    std::vector<const IkePayload*> inner;
    for (const auto& payload : m_payloads)
    {
        inner.push_back(payload.get());
    }
    IkePayloadType first = SerializeChain(inner, IkePayloadType::NONE, plaintext);

    uint32_t skLength = GetEncryptedSize(suite, plaintext.size());
    if (skLength > HEADER_SIZE + MAX_BODY_SIZE)
    {
        throw std::length_error("IkeEncryptedPayload: " + std::to_string(skLength)
                                + " octets; Payload Length is at most 65535");
    }
    size_t ivSize = suite.IvSize();
    size_t icvSize = suite.IcvSize();
    size_t encryptedSize = skLength - HEADER_SIZE - ivSize - icvSize; // payloads..Pad Length
    size_t padding = encryptedSize - plaintext.size() - 1;

    IkeWireWriter writer(message);
    writer.U8(static_cast<uint8_t>(first));
    writer.U8(IsCritical() ? IKE_PAYLOAD_CRITICAL : 0);
    writer.U16(static_cast<uint16_t>(skLength));
    size_t ivOffset = message.size();
    uint32_t total = static_cast<uint32_t>(ivOffset - HEADER_SIZE + skLength);
    // The IKE header's Length is covered by the ICV: set it before sealing.
    for (int i = 0; i < 4; ++i)
    {
        message[24 + i] = static_cast<uint8_t>(total >> (24 - 8 * i));
    }
    message.resize(ivOffset + ivSize + encryptedSize + icvSize, 0);
    uint8_t* iv = message.data() + ivOffset;
    uint8_t* payload = iv + ivSize;
    uint8_t* icv = payload + encryptedSize;
    ivs.Generate(iv, ivSize);
    if (!plaintext.empty())
    {
        std::memcpy(payload, plaintext.data(), plaintext.size());
    }
    payload[encryptedSize - 1] = static_cast<uint8_t>(padding);
    seal.Seal(message.data(), ivOffset, iv, payload, encryptedSize, nullptr, 0, icv);
}

IkeParseStatus
IkeEncryptedPayload::Decrypt(const uint8_t* message,
                             size_t skOffset,
                             Cipher& open,
                             Bytes& plaintext) const
{
    const CipherSuite& suite = open.Suite();
    size_t ivSize = suite.IvSize();
    size_t icvSize = suite.IcvSize();
    size_t block = suite.BlockSize();
    if (m_encrypted.size() < ivSize + icvSize + block)
    {
        return Fail(IkeParseError::BAD_ENCRYPTED_LENGTH,
                    "body of " + std::to_string(m_encrypted.size()) + " octets cannot hold IV ("
                        + std::to_string(ivSize) + "), one block and ICV ("
                        + std::to_string(icvSize) + ")");
    }
    size_t encryptedSize = m_encrypted.size() - ivSize - icvSize;
    if (encryptedSize % block != 0)
    {
        return Fail(IkeParseError::BAD_ENCRYPTED_LENGTH,
                    "ciphertext of " + std::to_string(encryptedSize)
                        + " octets is not a multiple of the " + std::to_string(block)
                        + "-octet block");
    }
    const uint8_t* iv = m_encrypted.data();
    const uint8_t* icv = iv + ivSize + encryptedSize;
    plaintext.assign(iv + ivSize, iv + ivSize + encryptedSize);
    // AAD (AEAD) or the MACed prefix (CBC + HMAC): the message through the SK generic header.
    if (!open.Open(
            message, skOffset + HEADER_SIZE, iv, plaintext.data(), encryptedSize, nullptr, 0, icv))
    {
        plaintext.clear();
        return Fail(IkeParseError::INTEGRITY_CHECK_FAILED, "ICV does not verify");
    }
    uint8_t padding = plaintext.back();
    if (static_cast<size_t>(padding) + 1 > plaintext.size())
    {
        plaintext.clear();
        return Fail(IkeParseError::BAD_PADDING,
                    "Pad Length " + std::to_string(padding) + " in " + std::to_string(encryptedSize)
                        + " decrypted octets");
    }
    plaintext.resize(plaintext.size() - padding - 1);
    return IkeParseStatus();
}

std::unique_ptr<IkePayload>
IkeEncryptedPayload::Clone() const
{
    return std::make_unique<IkeEncryptedPayload>(*this);
}

void
IkeEncryptedPayload::Print(std::ostream& os) const
{
    os << "SK{";
    if (m_hasEncrypted && !m_decrypted)
    {
        os << m_encrypted.size() << " encrypted octets";
    }
    for (size_t i = 0; i < m_payloads.size(); ++i)
    {
        os << (i == 0 ? "" : ", ");
        m_payloads[i]->Print(os);
    }
    os << "}";
}

void
IkeEncryptedPayload::DoSerializeBody(Bytes& out) const
{
    if (!m_hasEncrypted)
    {
        throw std::logic_error("IkeEncryptedPayload: nothing encrypted yet; serialize the "
                               "message with a SEAL cipher and an IV generator");
    }
    out.insert(out.end(), m_encrypted.begin(), m_encrypted.end());
}

IkeParseStatus
IkeEncryptedPayload::DoDeserializeBody(const uint8_t* body, size_t size)
{
    m_payloads.clear();
    m_encrypted.assign(body, body + size);
    m_hasEncrypted = true;
    m_decrypted = false;
    return IkeParseStatus();
}

} // namespace ns3
