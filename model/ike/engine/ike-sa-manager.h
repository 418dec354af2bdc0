/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_SA_MANAGER_H
#define IPSEC_IKE_SA_MANAGER_H

#include "ike-cookie-generator.h"
#include "ike-session.h"
#include "ike-statistics.h"

#include "ns3/crypto-bytes.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class IkeMessage;

/**
 * \ingroup ipsec
 * \brief The IKE SAs of one daemon (strongSwan's ike_sa_manager) and the admission of new ones
 * (strongSwan's receiver, drop_ike_sa_init()): sessions by this side's SPI, responder sessions
 * also by (peer, SPIi) so that a retransmitted IKE_SA_INIT finds its IKE SA, removal deferred
 * to the end of the current event (a session may remove itself), and the half-open responder
 * IKE SAs that decide when IKE_SA_INIT needs a COOKIE (RFC 7296 2.6) or is dropped.
 */
class IkeSaManager
{
  public:
    /// Sessions by this side's SPI.
    using SessionMap = std::map<uint64_t, std::unique_ptr<IkeSession>>;

    /// What to do with an IKE_SA_INIT request.
    enum class Admission
    {
        ADMIT,  ///< go on: it may create an IKE SA
        COOKIE, ///< answer with the COOKIE response, keep no state
        BLOCK   ///< drop it: its peer has too many half-open IKE SAs
    };

    /// \param stats the daemon's counters (cookies sent, invalid cookies); outlives this
    explicit IkeSaManager(IkeStatistics& stats);
    ~IkeSaManager();
    IkeSaManager(const IkeSaManager&) = delete;
    IkeSaManager& operator=(const IkeSaManager&) = delete;

    /**
     * \brief Registers a session under its local SPI; aborts on a duplicate.
     * \param session the session
     * \returns it
     */
    IkeSession& Add(std::unique_ptr<IkeSession> session);
    /// \param localSpi a session to discard once the current event is over
    void Remove(uint64_t localSpi);
    /// \param localSpi this side's SPI of an IKE SA \returns its session, or null
    IkeSession* Find(uint64_t localSpi) const;
    /// \param peer the initiator \param initiatorSpi its SPIi \returns our responder session
    IkeSession* FindResponder(Ipv4Address peer, uint64_t initiatorSpi) const;
    /// \param localSpi an SPI \returns whether a session has it
    bool Contains(uint64_t localSpi) const;
    /// \returns all sessions, ordered by local SPI
    const SessionMap& GetAll() const;
    /// Discards all sessions at once (dispose).
    void Clear();

    /// \param stream the randomness of the secrets \param secretLifetime how long a secret lasts
    void StartCookies(Ptr<UniformRandomVariable> stream, Time secretLifetime);

    /**
     * \brief Decides whether an IKE_SA_INIT request may create state: strongSwan's
     * receiver drop_ike_sa_init(), with cookies from cookieThreshold half-open IKE SAs on and a
     * drop from blockThreshold half-open IKE SAs of the same peer on.
     * \param from the sender
     * \param message the request
     * \param cookieThreshold half-open IKE SAs from which on cookies are required (0: always)
     * \param blockThreshold half-open IKE SAs of a peer from which on it is dropped (0: never)
     * \param cookieResponse set to the N(COOKIE) response for COOKIE
     * \param detail set to what to say in the drop for BLOCK
     * \returns the decision
     */
    Admission Admit(Ipv4Address from,
                    const IkeMessage& message,
                    uint32_t cookieThreshold,
                    uint32_t blockThreshold,
                    Bytes& cookieResponse,
                    std::string& detail);

    /**
     * \brief Counts a responder session as half open until it is established, fails or
     * \p timeout passes (it is then failed and removed: strongSwan's half_open_timeout).
     * \param localSpi the session \param peer its initiator \param timeout the limit
     */
    void AddHalfOpen(uint64_t localSpi, Ipv4Address peer, Time timeout);
    /// \param localSpi a responder session that is no longer half open (or gone)
    void ForgetHalfOpen(uint64_t localSpi);
    /// \returns the responder IKE SAs still half open (IKE_SA_INIT answered, IKE_AUTH not done)
    uint32_t GetHalfOpenCount() const;

  private:
    /// Discards the sessions marked by Remove.
    void Reap();
    /// \param from the initiator \param message its IKE_SA_INIT request
    /// \returns whether its first payload is a COOKIE made here
    bool HasValidCookie(Ipv4Address from, const IkeMessage& message);
    /// Forgets half-open entries that were established, failed or removed.
    void PruneHalfOpen();
    /// \param localSpi a responder session that may still be half open: fails it if so
    /// \param timeout the limit it reached (for the log)
    void ExpireHalfOpen(uint64_t localSpi, Time timeout);

    IkeStatistics& m_stats;                                             ///< the daemon's counters
    SessionMap m_sessions;                                              ///< by local SPI
    std::vector<uint64_t> m_doomed;                                     ///< sessions to discard
    std::map<std::pair<uint32_t, uint64_t>, uint64_t> m_byInitiatorSpi; ///< responder sessions

    std::unique_ptr<IkeCookieGenerator> m_cookies; ///< stateless cookies (created at start)
    std::map<uint64_t, uint32_t> m_halfOpen;       ///< half-open responder SAs: SPI -> peer
    std::map<uint32_t, uint32_t> m_halfOpenByPeer; ///< half-open responder SAs per peer
    Time m_lastHalfOpenPrune{Seconds(-1)};         ///< when PruneHalfOpen last ran
};

} // namespace ns3

#endif /* IPSEC_IKE_SA_MANAGER_H */
