/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-iv-generator.h"

#include "ns3/log.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeIvGenerator");

IkeIvGenerator::~IkeIvGenerator() = default;

std::unique_ptr<IkeIvGenerator>
IkeIvGenerator::Create(const CipherSuite& suite, Ptr<UniformRandomVariable> stream)
{
    if (suite.IsAead())
    {
        return std::make_unique<IkeCounterIvGenerator>();
    }
    if (!stream)
    {
        throw std::invalid_argument("IkeIvGenerator::Create: " + suite.Keyword()
                                    + " needs random IVs, but the stream is null");
    }
    return std::make_unique<IkeRandomIvGenerator>(stream);
}

void
IkeIvGenerator::Generate(uint8_t* iv, size_t size)
{
    DoGenerate(iv, size);
}

IkeCounterIvGenerator::IkeCounterIvGenerator(uint64_t first)
    : m_next(first)
    , m_exhausted(false)
{
}

uint64_t
IkeCounterIvGenerator::GetNext() const
{
    return m_next;
}

void
IkeCounterIvGenerator::DoGenerate(uint8_t* iv, size_t size)
{
    if (size != 8)
    {
        throw std::invalid_argument("IkeCounterIvGenerator: IV of " + std::to_string(size)
                                    + " octets requested; AEAD IVs have 8");
    }
    if (m_exhausted)
    {
        throw std::overflow_error("IkeCounterIvGenerator: all 2^64 IVs of this key are used");
    }
    for (int i = 0; i < 8; ++i)
    {
        iv[i] = static_cast<uint8_t>(m_next >> (56 - 8 * i));
    }
    ++m_next;
    m_exhausted = m_next == 0;
}

IkeRandomIvGenerator::IkeRandomIvGenerator(Ptr<UniformRandomVariable> stream)
    : m_random(stream)
{
}

void
IkeRandomIvGenerator::DoGenerate(uint8_t* iv, size_t size)
{
    m_random.GenerateBlock(iv, size);
}

} // namespace ns3
