/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-sa.h"

#include "ns3/log.h"
#include "ns3/ns3-random-source.h"

#include <algorithm>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeSa");

std::string
ToString(IkeSaState state)
{
    switch (state)
    {
        case IkeSaState::CONNECTING:
            return "CONNECTING";
        case IkeSaState::ESTABLISHED:
            return "ESTABLISHED";
        case IkeSaState::FAILED:
            return "FAILED";
        case IkeSaState::CLOSED:
            return "CLOSED";
    }
    return "UNKNOWN";
}

IkeSa::IkeSa(const IkePeerConfig& config, bool initiator, Ptr<UniformRandomVariable> stream)
    : m_config(config)
    , m_initiator(initiator)
    , m_stream(stream)
{
}

const IkePeerConfig&
IkeSa::GetConfig() const
{
    return m_config;
}

bool
IkeSa::IsInitiator() const
{
    return m_initiator;
}

IkeSaState
IkeSa::GetState() const
{
    return m_state;
}

void
IkeSa::SetState(IkeSaState state)
{
    NS_LOG_FUNCTION(this << ToString(state));
    m_state = state;
}

uint64_t
IkeSa::GetInitiatorSpi() const
{
    return m_spiI;
}

void
IkeSa::SetInitiatorSpi(uint64_t spi)
{
    m_spiI = spi;
}

uint64_t
IkeSa::GetResponderSpi() const
{
    return m_spiR;
}

void
IkeSa::SetResponderSpi(uint64_t spi)
{
    m_spiR = spi;
}

uint64_t
IkeSa::GetLocalSpi() const
{
    return m_initiator ? m_spiI : m_spiR;
}

uint64_t
IkeSa::RandomSpi()
{
    uint64_t spi = 0;
    while (spi == 0)
    {
        Bytes b = RandomBytes(8);
        for (uint8_t octet : b)
        {
            spi = (spi << 8) | octet;
        }
    }
    return spi;
}

Bytes
IkeSa::RandomBytes(size_t size)
{
    Bytes out(size);
    Ns3RandomSource random(m_stream);
    random.GenerateBlock(out.data(), out.size());
    return out;
}

const DiffieHellman&
IkeSa::CreateDh(DhGroup group)
{
    Ns3RandomSource random(m_stream);
    m_dh = DiffieHellman::Create(group, random);
    ChargeCrypto({IkeCryptoOp::DH_KEYGEN, group});
    return *m_dh;
}

bool
IkeSa::ComputeSharedSecret(const Bytes& peerPublic, Bytes& sharedSecret) const
{
    if (!m_dh)
    {
        return false;
    }
    // Charged even if the peer's value is refused: the work (or most of it) is done.
    ChargeCrypto({IkeCryptoOp::DH_AGREE, m_dh->Group()});
    return m_dh->ComputeSharedSecret(peerPublic, sharedSecret);
}

void
IkeSa::SetCryptoMeter(IkeCryptoMeter* meter)
{
    m_meter = meter;
}

void
IkeSa::ChargeCrypto(const IkeCryptoOperation& operation) const
{
    if (m_meter)
    {
        m_meter->Record(operation);
    }
}

void
IkeSa::ChargePskAuth(size_t messageBytes, size_t nonceBytes, size_t idBytes) const
{
    if (!m_meter || !m_schedule)
    {
        return;
    }
    auto prfSize = static_cast<uint32_t>(m_schedule->GetPrf().OutputSize());
    IkeCryptoOperation prf{IkeCryptoOp::PRF};
    prf.bytes = static_cast<uint32_t>(std::char_traits<char>::length(IkeKeySchedule::KEY_PAD));
    m_meter->Record(prf);
    prf.bytes = static_cast<uint32_t>(idBytes);
    m_meter->Record(prf);
    prf.bytes = static_cast<uint32_t>(messageBytes + nonceBytes) + prfSize;
    m_meter->Record(prf);
}

const DiffieHellman*
IkeSa::GetDh() const
{
    return m_dh.get();
}

void
IkeSa::SetNonceI(Bytes nonce)
{
    m_nonceI = std::move(nonce);
}

const Bytes&
IkeSa::GetNonceI() const
{
    return m_nonceI;
}

void
IkeSa::SetNonceR(Bytes nonce)
{
    m_nonceR = std::move(nonce);
}

const Bytes&
IkeSa::GetNonceR() const
{
    return m_nonceR;
}

void
IkeSa::SetInitRequest(Bytes message)
{
    m_initRequest = std::move(message);
}

const Bytes&
IkeSa::GetInitRequest() const
{
    return m_initRequest;
}

void
IkeSa::SetInitResponse(Bytes message)
{
    m_initResponse = std::move(message);
}

const Bytes&
IkeSa::GetInitResponse() const
{
    return m_initResponse;
}

void
IkeSa::DeriveKeys(const IkeSuite& suite, const Bytes& sharedSecret)
{
    m_suite = suite;
    m_schedule = std::make_unique<IkeKeySchedule>(suite.prf, suite.encr);
    m_keys = m_schedule->DeriveIkeSaKeys(m_nonceI, m_nonceR, sharedSecret, m_spiI, m_spiR);
    // SKEYSEED = prf(Ni | Nr, g^ir); SK_* = prf+(SKEYSEED, Ni | Nr | SPIi | SPIr).
    InstallKeys(static_cast<uint32_t>(sharedSecret.size()));
}

void
IkeSa::DeriveRekeyedKeys(const IkeSuite& suite, const IkeSa& old, const Bytes& sharedSecret)
{
    m_suite = suite;
    m_schedule = std::make_unique<IkeKeySchedule>(suite.prf, suite.encr);
    m_keys = m_schedule->DeriveRekeyedIkeSaKeys(old.GetKeySchedule().GetPrf(),
                                                old.GetKeys().skD,
                                                sharedSecret,
                                                m_nonceI,
                                                m_nonceR,
                                                m_spiI,
                                                m_spiR);
    // SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr); SK_* = prf+(SKEYSEED, Ni | Nr | SPIi |
    // SPIr) (RFC 7296 2.18).
    InstallKeys(static_cast<uint32_t>(sharedSecret.size() + m_nonceI.size() + m_nonceR.size()));
}

void
IkeSa::InstallKeys(uint32_t skeyseedBytes)
{
    if (m_meter)
    {
        IkeCryptoOperation skeyseed{IkeCryptoOp::PRF};
        skeyseed.bytes = skeyseedBytes;
        m_meter->Record(skeyseed);
        IkeCryptoOperation keys{IkeCryptoOp::PRF_PLUS};
        keys.bytes = static_cast<uint32_t>(m_schedule->GetKeyMaterialSize());
        keys.seedBytes = static_cast<uint32_t>(m_nonceI.size() + m_nonceR.size() + 16);
        m_meter->Record(keys);
    }
    m_seal = m_schedule->CreateCipher(m_keys, m_initiator, CipherRole::SEAL);
    m_open = m_schedule->CreateCipher(m_keys, m_initiator, CipherRole::OPEN);
    m_ivs = IkeIvGenerator::Create(m_suite.encr, m_stream);
}

bool
IkeSa::HasKeys() const
{
    return m_schedule != nullptr;
}

const IkeSuite&
IkeSa::GetSuite() const
{
    return m_suite;
}

const IkeKeySchedule&
IkeSa::GetKeySchedule() const
{
    if (!m_schedule)
    {
        throw std::logic_error("IkeSa: no keys before IKE_SA_INIT completes");
    }
    return *m_schedule;
}

const IkeSaKeys&
IkeSa::GetKeys() const
{
    return m_keys;
}

Bytes
IkeSa::Seal(const IkeMessage& message)
{
    if (!m_seal)
    {
        throw std::logic_error("IkeSa: no keys before IKE_SA_INIT completes");
    }
    Bytes sealed = message.Serialize(*m_seal, *m_ivs);
    if (m_meter)
    {
        IkeCryptoOperation seal{IkeCryptoOp::SK_SEAL};
        seal.bytes = static_cast<uint32_t>(sealed.size());
        seal.suite = &m_suite.encr;
        m_meter->Record(seal);
    }
    return sealed;
}

IkeParseStatus
IkeSa::Open(IkeMessage& message)
{
    if (!m_open)
    {
        return IkeParseStatus(IkeParseError::INTEGRITY_CHECK_FAILED, "no IKE SA keys yet");
    }
    if (m_meter)
    {
        IkeCryptoOperation open{IkeCryptoOp::SK_OPEN};
        open.bytes = static_cast<uint32_t>(message.GetReceivedBytes().size());
        open.suite = &m_suite.encr;
        m_meter->Record(open);
    }
    return message.Decrypt(*m_open);
}

uint64_t
IkeSa::GetNextRequestId() const
{
    return m_nextRequestId;
}

void
IkeSa::IncrementRequestId()
{
    m_nextRequestId = std::min<uint64_t>(m_nextRequestId + 1, uint64_t{MAX_MESSAGE_ID} + 1);
}

uint64_t
IkeSa::GetExpectedRequestId() const
{
    return m_expectedRequestId;
}

void
IkeSa::SetNextRequestIdForTest(uint64_t id)
{
    m_nextRequestId = std::min<uint64_t>(id, uint64_t{MAX_MESSAGE_ID} + 1);
}

void
IkeSa::SetExpectedRequestIdForTest(uint64_t id)
{
    m_expectedRequestId = std::min<uint64_t>(id, uint64_t{MAX_MESSAGE_ID} + 1);
}

void
IkeSa::CacheResponse(Bytes request, Bytes response)
{
    m_cachedRequest = std::move(request);
    m_cachedResponse = std::move(response);
    m_expectedRequestId = std::min<uint64_t>(m_expectedRequestId + 1, uint64_t{MAX_MESSAGE_ID} + 1);
}

const Bytes&
IkeSa::GetCachedRequest() const
{
    return m_cachedRequest;
}

const Bytes&
IkeSa::GetCachedResponse() const
{
    return m_cachedResponse;
}

void
IkeSa::SetNatState(const IkeNatState& state)
{
    m_nat = state;
}

const IkeNatState&
IkeSa::GetNatState() const
{
    return m_nat;
}

void
IkeSa::FloatToNatTraversalPort()
{
    m_natTraversalPort = true;
}

bool
IkeSa::UsesNatTraversalPort() const
{
    return m_natTraversalPort;
}

void
IkeSa::InheritNatTraversal(const IkeSa& old)
{
    m_nat = old.m_nat;
    m_natTraversalPort = old.m_natTraversalPort;
}

} // namespace ns3
