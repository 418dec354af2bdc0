/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-cookie-generator.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/ns3-random-source.h"
#include "ns3/simulator.h"

#include <cryptopp/sha.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeCookieGenerator");

IkeCookieGenerator::IkeCookieGenerator(Ptr<UniformRandomVariable> stream, Time secretLifetime)
    : m_stream(stream)
    , m_secretLifetime(secretLifetime)
{
    NS_ABORT_MSG_UNLESS(stream, "IkeCookieGenerator: no random stream");
    NS_ABORT_MSG_UNLESS(secretLifetime.IsStrictlyPositive(),
                        "IkeCookieGenerator: the secret lifetime must be positive, not "
                            << secretLifetime);
}

void
IkeCookieGenerator::Rotate()
{
    Time now = Simulator::Now();
    if (m_version != 0 && now - m_secretCreated < m_secretLifetime)
    {
        return;
    }
    // A secret unused for two lifetimes would have expired as the previous one too.
    bool previousValid = m_version != 0 && now - m_secretCreated < 2 * m_secretLifetime;
    m_previousSecret = previousValid ? m_secret : Bytes{};
    m_secret.assign(SECRET_SIZE, 0);
    Ns3RandomSource random(m_stream);
    random.GenerateBlock(m_secret.data(), m_secret.size());
    m_version++;
    m_secretCreated = now;
    NS_LOG_INFO("cookie secret version " << m_version);
}

Bytes
IkeCookieGenerator::Compute(uint32_t version,
                            const Bytes& secret,
                            const Bytes& nonceI,
                            Ipv4Address initiator,
                            uint64_t spiI)
{
    CryptoPP::SHA256 sha;
    sha.Update(nonceI.data(), nonceI.size());
    uint8_t address[4];
    initiator.Serialize(address);
    sha.Update(address, sizeof(address));
    uint8_t spi[8];
    for (int i = 0; i < 8; ++i)
    {
        spi[i] = static_cast<uint8_t>(spiI >> (56 - 8 * i));
    }
    sha.Update(spi, sizeof(spi));
    sha.Update(secret.data(), secret.size());
    Bytes cookie(COOKIE_SIZE);
    for (size_t i = 0; i < VERSION_SIZE; ++i)
    {
        cookie[i] = static_cast<uint8_t>(version >> (24 - 8 * i));
    }
    sha.Final(cookie.data() + VERSION_SIZE);
    return cookie;
}

Bytes
IkeCookieGenerator::Make(const Bytes& nonceI, Ipv4Address initiator, uint64_t spiI)
{
    Rotate();
    return Compute(m_version, m_secret, nonceI, initiator, spiI);
}

bool
IkeCookieGenerator::Verify(const Bytes& cookie,
                           const Bytes& nonceI,
                           Ipv4Address initiator,
                           uint64_t spiI)
{
    Rotate();
    if (cookie.size() != COOKIE_SIZE)
    {
        return false;
    }
    uint32_t version = 0;
    for (size_t i = 0; i < VERSION_SIZE; ++i)
    {
        version = (version << 8) | cookie[i];
    }
    if (version == m_version)
    {
        return cookie == Compute(version, m_secret, nonceI, initiator, spiI);
    }
    if (version + 1 == m_version && !m_previousSecret.empty())
    {
        return cookie == Compute(version, m_previousSecret, nonceI, initiator, spiI);
    }
    return false;
}

uint32_t
IkeCookieGenerator::GetVersion() const
{
    return m_version;
}

} // namespace ns3
