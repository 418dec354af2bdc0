/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "opaque-bytes.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(OpaqueBytesHeader);
NS_OBJECT_ENSURE_REGISTERED(OpaqueBytesTrailer);

TypeId
OpaqueBytesHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::OpaqueBytesHeader")
                            .SetParent<Header>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<OpaqueBytesHeader>();
    return tid;
}

OpaqueBytesHeader::OpaqueBytesHeader() = default;

OpaqueBytesHeader::OpaqueBytesHeader(const uint8_t* data, uint32_t size)
    : m_data(data)
    , m_size(size)
{
}

TypeId
OpaqueBytesHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
OpaqueBytesHeader::GetSerializedSize() const
{
    return m_size;
}

void
OpaqueBytesHeader::Serialize(Buffer::Iterator start) const
{
    start.Write(m_data, m_size);
}

uint32_t
OpaqueBytesHeader::Deserialize(Buffer::Iterator start)
{
    return 0; // the length is not in the bytes; see the (start, end) variant
}

uint32_t
OpaqueBytesHeader::Deserialize(Buffer::Iterator start, Buffer::Iterator end)
{
    m_copy.resize(start.GetDistanceFrom(end));
    start.Read(m_copy.data(), m_copy.size());
    m_data = m_copy.data();
    m_size = m_copy.size();
    return m_size;
}

void
OpaqueBytesHeader::Print(std::ostream& os) const
{
    os << m_size << " bytes";
}

TypeId
OpaqueBytesTrailer::GetTypeId()
{
    static TypeId tid = TypeId("ns3::OpaqueBytesTrailer")
                            .SetParent<Trailer>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<OpaqueBytesTrailer>();
    return tid;
}

OpaqueBytesTrailer::OpaqueBytesTrailer() = default;

OpaqueBytesTrailer::OpaqueBytesTrailer(const uint8_t* data, uint32_t size)
    : m_data(data)
    , m_size(size)
{
}

OpaqueBytesTrailer::OpaqueBytesTrailer(uint32_t size)
    : m_size(size)
{
}

const std::vector<uint8_t>&
OpaqueBytesTrailer::Data() const
{
    return m_copy;
}

TypeId
OpaqueBytesTrailer::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
OpaqueBytesTrailer::GetSerializedSize() const
{
    return m_size;
}

void
OpaqueBytesTrailer::Serialize(Buffer::Iterator end) const
{
    end.Prev(m_size); // ns-3 hands trailers the end of the buffer
    end.Write(m_data, m_size);
}

uint32_t
OpaqueBytesTrailer::Deserialize(Buffer::Iterator end)
{
    end.Prev(m_size);
    m_copy.resize(m_size);
    end.Read(m_copy.data(), m_size);
    return m_size;
}

void
OpaqueBytesTrailer::Print(std::ostream& os) const
{
    os << m_size << " bytes";
}

} // namespace ns3
