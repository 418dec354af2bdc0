/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_SA_INIT_TASK_H
#define IPSEC_IKE_SA_INIT_TASK_H

#include "ike-task.h"

#include "ns3/diffie-hellman.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The IKE_SA_INIT exchange (RFC 7296 section 1.2): SA with proposal selection, KE and
 * Nonce, then SKEYSEED and the SK_* keys, with NAT detection (section 2.23). A responder that
 * prefers another DH group answers INVALID_KE_PAYLOAD and keeps no state; the initiator then
 * retries once with that group (a new KE, the same nonce, as strongSwan). A responder under
 * load answers N(COOKIE) (section 2.6, decided by the daemon); the initiator then repeats the
 * request with N(COOKIE) first and otherwise the same content: same SPIi, Ni and KEi.
 */
class IkeSaInitTask : public IkeTask
{
  public:
    /// Octets of the nonces this side sends (strongSwan's NONCE_SIZE).
    static constexpr size_t NONCE_SIZE = 32;
    /// COOKIE responses an initiator follows before it gives up (strongSwan's MAX_RETRIES).
    static constexpr uint32_t MAX_COOKIE_RETRIES = 5;

    IkeSaInitTask();

    IkeExchangeType GetExchangeType() const override;
    void BuildRequest(IkeSession& session, IkeMessage& request) override;
    Result ProcessResponse(IkeSession& session, const IkeMessage& response) override;
    Result ProcessRequest(IkeSession& session,
                          const IkeMessage& request,
                          IkeMessage& response) override;
    /// Initiator: fails the IKE SA if the exchange failed.
    void Complete(IkeSession& session, Result result) override;

    /// \returns how many times the initiator retried after INVALID_KE_PAYLOAD
    uint32_t GetKeRetries() const;
    /// \returns how many times the initiator repeated the request with a COOKIE
    uint32_t GetCookieRetries() const;

  private:
    /**
     * \param error the notify to answer with
     * \param response the response
     * \returns Result::FAILED
     */
    Result Refuse(IkeNotifyType error, IkeMessage& response);

    bool m_groupSet{false};  ///< the initiator chose its KE group
    DhGroup m_group;         ///< the initiator's KE group
    uint32_t m_keRetries{0}; ///< INVALID_KE_PAYLOAD retries

    Bytes m_cookie;              ///< the responder's last COOKIE, sent back first
    uint32_t m_cookieRetries{0}; ///< COOKIE retries
};

} // namespace ns3

#endif /* IPSEC_IKE_SA_INIT_TASK_H */
