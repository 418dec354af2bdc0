/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-message.h"

#include "ike-notify-payload.h"
#include "ike-raw-payload.h"

#include "ns3/log.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeMessage");

namespace
{

/**
 * \brief Parses a payload chain: the cleartext payloads of a message (after the IKE header) or
 * the decrypted inner payloads of its SK payload.
 * \param data the octets
 * \param offset where the first payload starts
 * \param end where the chain must end
 * \param next the type of the first payload (from the IKE header or the SK payload)
 * \param insideSk true for the inner payloads, where an SK payload is an error
 * \param payloads receives the payloads other than SK
 * \param sk receives a (still encrypted) SK payload, if one ends the chain
 * \param skOffset receives where that SK payload starts
 * \returns NONE, or the first error
 */
IkeParseStatus
ParseChain(const uint8_t* data,
           size_t offset,
           size_t end,
           IkePayloadType next,
           bool insideSk,
           std::vector<std::unique_ptr<IkePayload>>& payloads,
           std::unique_ptr<IkeEncryptedPayload>& sk,
           size_t& skOffset)
{
    const char* where = insideSk ? " inside SK" : "";
    IkePayloadType critical = IkePayloadType::NONE;
    while (next != IkePayloadType::NONE)
    {
        std::string at = ToString(next) + " payload at offset " + std::to_string(offset) + where;
        if (end - offset < IkePayload::HEADER_SIZE)
        {
            return IkeParseStatus(
                IkeParseError::BAD_PAYLOAD_LENGTH, at + ": generic header cut off", next);
        }
        auto nextType = static_cast<IkePayloadType>(data[offset]);
        bool isCritical = (data[offset + 1] & IKE_PAYLOAD_CRITICAL) != 0;
        size_t length = (static_cast<size_t>(data[offset + 2]) << 8) | data[offset + 3];
        if (length < IkePayload::HEADER_SIZE || length > end - offset)
        {
            return IkeParseStatus(IkeParseError::BAD_PAYLOAD_LENGTH,
                                  at + ": Payload Length " + std::to_string(length) + " with "
                                      + std::to_string(end - offset) + " octets left",
                                  next);
        }
        const uint8_t* body = data + offset + IkePayload::HEADER_SIZE;
        size_t bodySize = length - IkePayload::HEADER_SIZE;
        if (next == IkePayloadType::SK)
        {
            if (insideSk)
            {
                return IkeParseStatus(IkeParseError::NESTED_SK,
                                      at + ": an SK payload must not contain another",
                                      next);
            }
            if (offset + length != end)
            {
                return IkeParseStatus(IkeParseError::SK_NOT_LAST,
                                      at + ": " + std::to_string(end - offset - length)
                                          + " octets follow it; it must be the last payload",
                                      next);
            }
            sk = std::make_unique<IkeEncryptedPayload>();
            sk->SetCritical(isCritical);
            sk->SetFirstPayloadType(nextType);
            sk->DeserializeBody(body, bodySize);
            skOffset = offset;
            offset = end;
            break;
        }
        std::unique_ptr<IkePayload> payload = IkePayload::Create(next);
        payload->SetCritical(isCritical);
        IkeParseStatus status = payload->DeserializeBody(body, bodySize);
        if (!status.IsOk())
        {
            return IkeParseStatus(status.GetError(),
                                  status.GetDetail() + " (at offset " + std::to_string(offset)
                                      + where + ")",
                                  next);
        }
        // RFC 7296 section 2.5: an unknown payload is skipped unless it is critical, in which
        // case the message is rejected with UNSUPPORTED_CRITICAL_PAYLOAD (strongSwan parses the
        // whole message first, then refuses it for the critical payload).
        auto raw = dynamic_cast<const IkeRawPayload*>(payload.get());
        if (raw && raw->IsUnknown() && isCritical && critical == IkePayloadType::NONE)
        {
            critical = next;
        }
        payloads.push_back(std::move(payload));
        offset += length;
        next = nextType;
    }
    if (offset != end)
    {
        return IkeParseStatus(IkeParseError::TRAILING_DATA,
                              std::to_string(end - offset) + " octets after the last payload"
                                  + where);
    }
    if (critical != IkePayloadType::NONE)
    {
        return IkeParseStatus(IkeParseError::UNSUPPORTED_CRITICAL_PAYLOAD,
                              "payload type " + std::to_string(static_cast<unsigned>(critical))
                                  + " is unknown and critical" + where,
                              critical);
    }
    return IkeParseStatus();
}

} // namespace

IkeMessage::IkeMessage()
    : m_skOffset(0)
{
}

IkeMessage::IkeMessage(const IkeMessage& other)
    : m_header(other.m_header)
    , m_received(other.m_received)
    , m_skOffset(other.m_skOffset)
{
    for (const auto& payload : other.m_payloads)
    {
        m_payloads.push_back(payload->Clone());
    }
    if (other.m_encrypted)
    {
        m_encrypted = std::make_unique<IkeEncryptedPayload>(*other.m_encrypted);
    }
}

IkeMessage&
IkeMessage::operator=(const IkeMessage& other)
{
    if (this != &other)
    {
        IkeMessage copy(other);
        *this = std::move(copy);
    }
    return *this;
}

IkeMessage::IkeMessage(IkeMessage&& other) noexcept = default;

IkeMessage& IkeMessage::operator=(IkeMessage&& other) noexcept = default;

IkeMessage::~IkeMessage() = default;

IkeHeader&
IkeMessage::GetHeader()
{
    return m_header;
}

const IkeHeader&
IkeMessage::GetHeader() const
{
    return m_header;
}

void
IkeMessage::SetHeader(const IkeHeader& header)
{
    m_header = header;
}

void
IkeMessage::AddPayload(std::unique_ptr<IkePayload> payload)
{
    if (!payload)
    {
        throw std::invalid_argument("IkeMessage::AddPayload: null payload");
    }
    if (payload->GetType() == IkePayloadType::SK)
    {
        auto sk = dynamic_cast<IkeEncryptedPayload*>(payload.get());
        if (!sk || m_encrypted)
        {
            throw std::invalid_argument("IkeMessage::AddPayload: a message has at most one SK "
                                        "payload, an IkeEncryptedPayload");
        }
        payload.release();
        m_encrypted.reset(sk);
        return;
    }
    m_payloads.push_back(std::move(payload));
}

void
IkeMessage::AddEncryptedPayload(std::unique_ptr<IkePayload> payload)
{
    EnableEncryption().AddPayload(std::move(payload));
}

IkeEncryptedPayload&
IkeMessage::EnableEncryption()
{
    if (!m_encrypted)
    {
        m_encrypted = std::make_unique<IkeEncryptedPayload>();
    }
    return *m_encrypted;
}

const std::vector<std::unique_ptr<IkePayload>>&
IkeMessage::GetPayloads() const
{
    return m_payloads;
}

const IkeEncryptedPayload*
IkeMessage::GetEncryptedPayload() const
{
    return m_encrypted.get();
}

bool
IkeMessage::IsEncrypted() const
{
    return m_encrypted != nullptr;
}

std::vector<const IkePayload*>
IkeMessage::GetAllPayloads() const
{
    std::vector<const IkePayload*> all;
    for (const auto& payload : m_payloads)
    {
        all.push_back(payload.get());
    }
    if (m_encrypted)
    {
        for (const auto& payload : m_encrypted->GetPayloads())
        {
            all.push_back(payload.get());
        }
    }
    return all;
}

const IkePayload*
IkeMessage::FindPayload(IkePayloadType type) const
{
    for (const IkePayload* payload : GetAllPayloads())
    {
        if (payload->GetType() == type)
        {
            return payload;
        }
    }
    return nullptr;
}

std::vector<const IkePayload*>
IkeMessage::FindPayloads(IkePayloadType type) const
{
    std::vector<const IkePayload*> found;
    for (const IkePayload* payload : GetAllPayloads())
    {
        if (payload->GetType() == type)
        {
            found.push_back(payload);
        }
    }
    return found;
}

const IkeNotifyPayload*
IkeMessage::FindNotify(IkeNotifyType type) const
{
    for (const IkeNotifyPayload* notify : FindAll<IkeNotifyPayload>())
    {
        if (notify->GetNotifyType() == type)
        {
            return notify;
        }
    }
    return nullptr;
}

Bytes
IkeMessage::Serialize() const
{
    if (m_encrypted && !m_encrypted->HasEncryptedBody())
    {
        throw std::logic_error("IkeMessage::Serialize: the SK payload must be encrypted; use "
                               "Serialize(seal, ivs)");
    }
    Bytes out(IkeHeader::SIZE);
    std::vector<const IkePayload*> chain;
    for (const auto& payload : m_payloads)
    {
        chain.push_back(payload.get());
    }
    IkePayloadType after = m_encrypted ? IkePayloadType::SK : IkePayloadType::NONE;
    IkeHeader header = m_header;
    header.SetNextPayload(IkePayload::SerializeChain(chain, after, out));
    if (m_encrypted)
    {
        m_encrypted->Serialize(m_encrypted->GetFirstPayloadType(), out);
    }
    header.SetLength(static_cast<uint32_t>(out.size()));
    header.Write(out.data());
    return out;
}

Bytes
IkeMessage::Serialize(Cipher& seal, IkeIvGenerator& ivs) const
{
    NS_LOG_FUNCTION(this);
    if (!m_encrypted)
    {
        throw std::logic_error("IkeMessage::Serialize: no SK payload to encrypt; use Serialize()");
    }
    Bytes out(IkeHeader::SIZE);
    std::vector<const IkePayload*> chain;
    for (const auto& payload : m_payloads)
    {
        chain.push_back(payload.get());
    }
    IkeHeader header = m_header;
    header.SetNextPayload(IkePayload::SerializeChain(chain, IkePayloadType::SK, out));
    header.SetLength(0); // set by SerializeEncrypted
    header.Write(out.data());
    m_encrypted->SerializeEncrypted(out, seal, ivs);
    return out;
}

IkeParseStatus
IkeMessage::Parse(const uint8_t* data, size_t size, IkeMessage& message)
{
    NS_LOG_FUNCTION(size);
    message = IkeMessage();
    if (data == nullptr || size < IkeHeader::SIZE)
    {
        return IkeParseStatus(IkeParseError::TRUNCATED_HEADER,
                              std::to_string(size) + " octets; the IKE header has 28");
    }
    message.m_header.Read(data);
    const IkeHeader& header = message.m_header;
    if (header.GetMajorVersion() != IKE_MAJOR_VERSION)
    {
        return IkeParseStatus(IkeParseError::UNSUPPORTED_MAJOR_VERSION,
                              "major version " + std::to_string(header.GetMajorVersion())
                                  + "; 2 expected");
    }
    if (header.GetLength() != size)
    {
        return IkeParseStatus(IkeParseError::LENGTH_MISMATCH,
                              "header Length " + std::to_string(header.GetLength()) + " but "
                                  + std::to_string(size) + " octets received");
    }
    message.m_received.assign(data, data + size);
    IkeParseStatus status = ParseChain(message.m_received.data(),
                                       IkeHeader::SIZE,
                                       size,
                                       header.GetNextPayload(),
                                       false,
                                       message.m_payloads,
                                       message.m_encrypted,
                                       message.m_skOffset);
    NS_LOG_LOGIC(status << " " << message.ToString());
    return status;
}

IkeParseStatus
IkeMessage::Parse(const Bytes& data, IkeMessage& message)
{
    return Parse(data.data(), data.size(), message);
}

IkeParseStatus
IkeMessage::Parse(const Bytes& data, Cipher& open, IkeMessage& message)
{
    IkeParseStatus status = Parse(data, message);
    if (!status.IsOk())
    {
        return status;
    }
    return message.Decrypt(open);
}

IkeParseStatus
IkeMessage::Decrypt(Cipher& open)
{
    NS_LOG_FUNCTION(this);
    if (!m_encrypted || !m_encrypted->HasEncryptedBody() || m_encrypted->IsDecrypted()
        || m_received.empty())
    {
        return IkeParseStatus();
    }
    Bytes plaintext;
    IkeParseStatus status = m_encrypted->Decrypt(m_received.data(), m_skOffset, open, plaintext);
    if (!status.IsOk())
    {
        return status;
    }
    std::vector<std::unique_ptr<IkePayload>> inner;
    std::unique_ptr<IkeEncryptedPayload> nested;
    size_t nestedOffset = 0;
    status = ParseChain(plaintext.data(),
                        0,
                        plaintext.size(),
                        m_encrypted->GetFirstPayloadType(),
                        true,
                        inner,
                        nested,
                        nestedOffset);
    // Keep the received body (Serialize() writes it back); replace the inner payloads.
    auto decrypted = std::make_unique<IkeEncryptedPayload>();
    decrypted->SetCritical(m_encrypted->IsCritical());
    decrypted->SetFirstPayloadType(m_encrypted->GetFirstPayloadType());
    const Bytes& body = m_encrypted->GetEncryptedBody();
    decrypted->DeserializeBody(body.data(), body.size());
    if (status.IsOk() || status.GetError() == IkeParseError::UNSUPPORTED_CRITICAL_PAYLOAD)
    {
        decrypted->SetDecryptedPayloads(std::move(inner));
    }
    m_encrypted = std::move(decrypted);
    NS_LOG_LOGIC(status << " " << ToString());
    return status;
}

const Bytes&
IkeMessage::GetReceivedBytes() const
{
    return m_received;
}

std::string
IkeMessage::ToString() const
{
    std::ostringstream os;
    m_header.Print(os);
    os << ":";
    const char* separator = " ";
    for (const auto& payload : m_payloads)
    {
        os << separator;
        payload->Print(os);
        separator = ", ";
    }
    if (m_encrypted)
    {
        os << separator;
        m_encrypted->Print(os);
    }
    return os.str();
}

std::ostream&
operator<<(std::ostream& os, const IkeMessage& message)
{
    return os << message.ToString();
}

} // namespace ns3
