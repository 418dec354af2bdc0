/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3-random-source.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <cstring>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ns3RandomSource");

Ns3RandomSource::Ns3RandomSource(Ptr<UniformRandomVariable> stream)
    : m_stream(stream)
{
    NS_LOG_FUNCTION(this << stream);
    NS_ABORT_MSG_IF(!stream, "Ns3RandomSource needs a UniformRandomVariable, got a null pointer");
}

void
Ns3RandomSource::GenerateBlock(CryptoPP::byte* output, size_t size)
{
    NS_LOG_FUNCTION(this << size);
    while (size > 0)
    {
        // GetInteger converts to double before adding 1 to max, so the full 32-bit range is safe.
        uint32_t word = m_stream->GetInteger(0, 0xFFFFFFFF);
        uint8_t bytes[4] = {static_cast<uint8_t>(word >> 24),
                            static_cast<uint8_t>(word >> 16),
                            static_cast<uint8_t>(word >> 8),
                            static_cast<uint8_t>(word)};
        size_t n = size < 4 ? size : 4;
        std::memcpy(output, bytes, n);
        output += n;
        size -= n;
    }
}

Ptr<UniformRandomVariable>
Ns3RandomSource::GetStream() const
{
    return m_stream;
}

} // namespace ns3
