/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-proposal.h"

#include "ike-wire.h"

#include "ns3/log.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeProposal");

namespace
{

/// Last Substruc value of a proposal that is followed by another (RFC 7296 section 3.3.1).
const uint8_t MORE_PROPOSALS = 2;
/// Last Substruc value of a transform that is followed by another (RFC 7296 section 3.3.2).
const uint8_t MORE_TRANSFORMS = 3;
/// Octets of a transform substructure before its attributes.
const uint16_t TRANSFORM_FIXED_SIZE = 8;
/// The AF bit of an attribute's type field: TV format.
const uint16_t ATTRIBUTE_TV = 0x8000;

/**
 * \param attributes where the attributes go
 * \param data the first attribute octet
 * \param size octets of attributes
 * \returns "" or the reason they do not parse
 */
std::string
ParseAttributes(std::vector<IkeTransformAttribute>& attributes, const uint8_t* data, size_t size)
{
    IkeWireReader reader(data, size);
    while (reader.Remaining() > 0)
    {
        uint16_t typeField = 0;
        uint16_t value = 0;
        if (!reader.U16(typeField) || !reader.U16(value))
        {
            return "transform attribute cut off";
        }
        IkeTransformAttribute attribute;
        attribute.type = typeField & ~ATTRIBUTE_TV;
        attribute.tv = (typeField & ATTRIBUTE_TV) != 0;
        if (attribute.tv)
        {
            attribute.value = value;
        }
        else if (!reader.Take(value, attribute.data))
        {
            return "TLV attribute of " + std::to_string(value)
                   + " octets reaches past its transform";
        }
        attributes.push_back(attribute);
    }
    return "";
}

} // namespace

IkeTransformAttribute
IkeTransformAttribute::KeyLength(uint16_t bits)
{
    IkeTransformAttribute attribute;
    attribute.type = IKE_ATTRIBUTE_KEY_LENGTH;
    attribute.tv = true;
    attribute.value = bits;
    return attribute;
}

bool
IkeTransformAttribute::operator==(const IkeTransformAttribute& other) const
{
    return type == other.type && tv == other.tv && (tv ? value == other.value : data == other.data);
}

IkeTransform
IkeTransform::Encr(const CipherSuite& suite)
{
    IkeTransform transform;
    transform.type = IkeTransformType::ENCR;
    transform.id = static_cast<uint16_t>(suite.encr);
    if (suite.encr != EncrAlgorithm::CHACHA20_POLY1305)
    {
        transform.attributes.push_back(IkeTransformAttribute::KeyLength(suite.keyBits));
    }
    return transform;
}

IkeTransform
IkeTransform::Prf(PrfAlgorithm algorithm)
{
    return IkeTransform{IkeTransformType::PRF, static_cast<uint16_t>(algorithm), {}};
}

IkeTransform
IkeTransform::Integ(IntegAlgorithm algorithm)
{
    return IkeTransform{IkeTransformType::INTEG, static_cast<uint16_t>(algorithm), {}};
}

IkeTransform
IkeTransform::Dh(DhGroup group)
{
    return IkeTransform{IkeTransformType::DH, static_cast<uint16_t>(group), {}};
}

IkeTransform
IkeTransform::Esn(bool esn)
{
    return IkeTransform{
        IkeTransformType::ESN, static_cast<uint16_t>(esn ? IkeEsn::ESN : IkeEsn::NO_ESN), {}};
}

uint16_t
IkeTransform::GetKeyLength() const
{
    for (const auto& attribute : attributes)
    {
        if (attribute.type == IKE_ATTRIBUTE_KEY_LENGTH && attribute.tv)
        {
            return attribute.value;
        }
    }
    return 0;
}

std::string
IkeTransform::ToString() const
{
    std::string text = IkeTransformIdToString(type, id);
    if (uint16_t bits = GetKeyLength())
    {
        text += "/" + std::to_string(bits);
    }
    return text;
}

bool
IkeTransform::operator==(const IkeTransform& other) const
{
    return type == other.type && id == other.id && attributes == other.attributes;
}

IkeProposal::IkeProposal()
    : m_number(1)
    , m_protocol(IkeProtocolId::IKE)
{
}

IkeProposal::IkeProposal(uint8_t number, IkeProtocolId protocol, Bytes spi)
    : m_number(number)
    , m_protocol(protocol)
{
    SetSpi(std::move(spi));
}

IkeProposal
IkeProposal::ForIke(
    uint8_t number, const CipherSuite& suite, PrfAlgorithm prf, DhGroup group, Bytes spi)
{
    IkeProposal proposal(number, IkeProtocolId::IKE, std::move(spi));
    proposal.AddTransform(IkeTransform::Encr(suite));
    if (!suite.IsAead())
    {
        proposal.AddTransform(IkeTransform::Integ(suite.integ));
    }
    proposal.AddTransform(IkeTransform::Prf(prf));
    proposal.AddTransform(IkeTransform::Dh(group));
    return proposal;
}

IkeProposal
IkeProposal::ForEsp(
    uint8_t number, uint32_t spi, const CipherSuite& suite, bool esn, uint16_t pfsGroup)
{
    Bytes spiBytes;
    IkeWireWriter(spiBytes).U32(spi);
    IkeProposal proposal(number, IkeProtocolId::ESP, spiBytes);
    proposal.AddTransform(IkeTransform::Encr(suite));
    if (!suite.IsAead())
    {
        proposal.AddTransform(IkeTransform::Integ(suite.integ));
    }
    if (pfsGroup != 0)
    {
        proposal.AddTransform(IkeTransform{IkeTransformType::DH, pfsGroup, {}});
    }
    proposal.AddTransform(IkeTransform::Esn(esn));
    return proposal;
}

uint8_t
IkeProposal::GetNumber() const
{
    return m_number;
}

void
IkeProposal::SetNumber(uint8_t number)
{
    m_number = number;
}

IkeProtocolId
IkeProposal::GetProtocolId() const
{
    return m_protocol;
}

void
IkeProposal::SetProtocolId(IkeProtocolId protocol)
{
    m_protocol = protocol;
}

const Bytes&
IkeProposal::GetSpi() const
{
    return m_spi;
}

void
IkeProposal::SetSpi(Bytes spi)
{
    if (spi.size() > 255)
    {
        throw std::invalid_argument("IkeProposal: SPI of " + std::to_string(spi.size())
                                    + " octets; SPI Size is one octet");
    }
    m_spi = std::move(spi);
}

uint32_t
IkeProposal::GetSpi32() const
{
    uint32_t spi = 0;
    if (m_spi.size() == 4)
    {
        IkeWireReader(m_spi.data(), m_spi.size()).U32(spi);
    }
    return spi;
}

uint64_t
IkeProposal::GetSpi64() const
{
    uint64_t spi = 0;
    if (m_spi.size() == 8)
    {
        IkeWireReader(m_spi.data(), m_spi.size()).U64(spi);
    }
    return spi;
}

void
IkeProposal::AddTransform(IkeTransform transform)
{
    if (m_transforms.size() == 255)
    {
        throw std::length_error("IkeProposal: more than 255 transforms");
    }
    m_transforms.push_back(std::move(transform));
}

const std::vector<IkeTransform>&
IkeProposal::GetTransforms() const
{
    return m_transforms;
}

std::vector<IkeTransform>
IkeProposal::GetTransforms(IkeTransformType type) const
{
    std::vector<IkeTransform> result;
    for (const auto& transform : m_transforms)
    {
        if (transform.type == type)
        {
            result.push_back(transform);
        }
    }
    return result;
}

std::string
IkeProposal::ToString() const
{
    std::ostringstream os;
    os << unsigned(m_number) << ": " << ns3::ToString(m_protocol);
    if (!m_spi.empty())
    {
        os << " SPI 0x" << BytesToHex(m_spi);
    }
    for (size_t i = 0; i < m_transforms.size(); ++i)
    {
        os << (i == 0 ? " " : ", ") << m_transforms[i].ToString();
    }
    return os.str();
}

bool
IkeProposal::operator==(const IkeProposal& other) const
{
    return m_number == other.m_number && m_protocol == other.m_protocol && m_spi == other.m_spi
           && m_transforms == other.m_transforms;
}

void
IkeProposal::Serialize(bool last, Bytes& out) const
{
    size_t start = out.size();
    IkeWireWriter writer(out);
    writer.U8(last ? 0 : MORE_PROPOSALS);
    writer.Zeros(1);
    writer.U16(0); // Proposal Length, patched below
    writer.U8(m_number);
    writer.U8(static_cast<uint8_t>(m_protocol));
    writer.U8(static_cast<uint8_t>(m_spi.size()));
    writer.U8(static_cast<uint8_t>(m_transforms.size()));
    writer.Append(m_spi);
    for (size_t i = 0; i < m_transforms.size(); ++i)
    {
        const IkeTransform& transform = m_transforms[i];
        size_t transformStart = out.size();
        writer.U8(i + 1 == m_transforms.size() ? 0 : MORE_TRANSFORMS);
        writer.Zeros(1);
        writer.U16(0); // Transform Length, patched below
        writer.U8(static_cast<uint8_t>(transform.type));
        writer.Zeros(1);
        writer.U16(transform.id);
        for (const auto& attribute : transform.attributes)
        {
            if (attribute.tv)
            {
                writer.U16(ATTRIBUTE_TV | attribute.type);
                writer.U16(attribute.value);
            }
            else
            {
                if (attribute.data.size() > 65535)
                {
                    throw std::length_error("IkeProposal: TLV attribute over 65535 octets");
                }
                writer.U16(attribute.type & ~ATTRIBUTE_TV);
                writer.U16(static_cast<uint16_t>(attribute.data.size()));
                writer.Append(attribute.data);
            }
        }
        size_t transformLength = out.size() - transformStart;
        if (transformLength > 65535)
        {
            throw std::length_error("IkeProposal: transform over 65535 octets");
        }
        writer.PatchU16(transformStart + 2, static_cast<uint16_t>(transformLength));
    }
    size_t length = out.size() - start;
    if (length > 65535)
    {
        throw std::length_error("IkeProposal: proposal over 65535 octets");
    }
    writer.PatchU16(start + 2, static_cast<uint16_t>(length));
}

IkeParseStatus
IkeProposal::Deserialize(IkeWireReader& reader, bool& last)
{
    auto fail = [this](const std::string& what)
    {
        return IkeParseStatus(IkeParseError::MALFORMED_PAYLOAD,
                              "proposal " + std::to_string(m_number) + ": " + what,
                              IkePayloadType::SA);
    };
    m_number = 0;
    m_spi.clear();
    m_transforms.clear();
    if (reader.Remaining() < FIXED_SIZE)
    {
        return fail("substructure cut off (" + std::to_string(reader.Remaining()) + " octets)");
    }
    uint8_t lastSubstruc = 0;
    uint16_t length = 0;
    uint8_t protocol = 0;
    uint8_t spiSize = 0;
    uint8_t transformCount = 0;
    reader.U8(lastSubstruc);
    reader.Skip(1);
    reader.U16(length);
    reader.U8(m_number);
    reader.U8(protocol);
    reader.U8(spiSize);
    reader.U8(transformCount);
    m_protocol = static_cast<IkeProtocolId>(protocol);
    if (lastSubstruc != 0 && lastSubstruc != MORE_PROPOSALS)
    {
        return fail("Last Substruc " + std::to_string(lastSubstruc) + "; 0 or 2 expected");
    }
    last = lastSubstruc == 0;
    // The 8 octets just read count in the Proposal Length.
    if (length < FIXED_SIZE + spiSize || length - FIXED_SIZE > reader.Remaining())
    {
        return fail("Proposal Length " + std::to_string(length)
                    + " does not fit its SPI or the "
                      "SA payload");
    }
    IkeWireReader body(reader.Current(), length - FIXED_SIZE);
    reader.Skip(length - FIXED_SIZE);
    body.Take(spiSize, m_spi);
    switch (m_protocol)
    {
        case IkeProtocolId::AH:
        case IkeProtocolId::ESP:
            if (spiSize != 4)
            {
                return fail("SPI Size " + std::to_string(spiSize) + " for "
                            + ns3::ToString(m_protocol) + "; 4 expected");
            }
            break;
        case IkeProtocolId::IKE:
            if (spiSize != 0 && spiSize != 8)
            {
                return fail("SPI Size " + std::to_string(spiSize) + " for IKE; 0 or 8 expected");
            }
            break;
        default:
            break; // an unknown protocol is declined by proposal selection, as in strongSwan
    }
    for (unsigned i = 0; i < transformCount; ++i)
    {
        std::string where = "transform " + std::to_string(i + 1) + ": ";
        uint8_t transformLast = 0;
        uint16_t transformLength = 0;
        uint8_t type = 0;
        IkeTransform transform;
        if (body.Remaining() < TRANSFORM_FIXED_SIZE)
        {
            return fail(where + "missing; " + std::to_string(transformCount) + " announced");
        }
        body.U8(transformLast);
        body.Skip(1);
        body.U16(transformLength);
        body.U8(type);
        body.Skip(1);
        body.U16(transform.id);
        transform.type = static_cast<IkeTransformType>(type);
        bool lastTransform = i + 1 == transformCount;
        if (transformLast != (lastTransform ? 0 : MORE_TRANSFORMS))
        {
            return fail(where + "Last Substruc " + std::to_string(transformLast) + "; "
                        + (lastTransform ? "0" : "3") + " expected");
        }
        if (transformLength < TRANSFORM_FIXED_SIZE
            || static_cast<size_t>(transformLength - TRANSFORM_FIXED_SIZE) > body.Remaining())
        {
            return fail(where + "Transform Length " + std::to_string(transformLength)
                        + " does not fit the proposal");
        }
        std::string error = ParseAttributes(
            transform.attributes, body.Current(), transformLength - TRANSFORM_FIXED_SIZE);
        if (!error.empty())
        {
            return fail(where + error);
        }
        body.Skip(transformLength - TRANSFORM_FIXED_SIZE);
        m_transforms.push_back(std::move(transform));
    }
    if (body.Remaining() != 0)
    {
        return fail(std::to_string(body.Remaining()) + " octets after the "
                    + std::to_string(transformCount) + " announced transforms");
    }
    return IkeParseStatus();
}

} // namespace ns3
