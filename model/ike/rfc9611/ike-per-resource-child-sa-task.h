/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_IKE_PER_RESOURCE_CHILD_SA_TASK_H
#define IPSEC_IKE_PER_RESOURCE_CHILD_SA_TASK_H

#include "ns3/ike-create-child-sa-task.h"

#include <memory>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief CREATE_CHILD_SA with RFC 9611 (section 3): an additional Child SA of a per-resource
 * group, with the traffic selectors and proposals of the first, and SA_RESOURCE_INFO in request
 * and response:
 *
 *     HDR, SK {SA, Ni, [KEi], TSi, TSr, N(SA_RESOURCE_INFO)}  -->
 *     <--  HDR, SK {SA, Nr, [KEr], TSi, TSr, N(SA_RESOURCE_INFO)}
 *     or   <--  HDR, SK {N(TS_MAX_QUEUE)}
 *
 * The session answers every CREATE_CHILD_SA request for a Child SA with this task: without
 * SA_RESOURCE_INFO (or for a rekey) it behaves as IkeCreateChildSaTask. The notify logic and
 * the group's state are IkeResourceGroup's.
 */
class IkePerResourceChildSaTask : public IkeCreateChildSaTask
{
  public:
    /// A responder.
    IkePerResourceChildSaTask();

    /**
     * \brief An initiator of an additional Child SA of the group.
     * \param cpu the local CPU the new pair is bound to
     * \returns the task, to be queued on the session
     */
    static std::unique_ptr<IkePerResourceChildSaTask> ForAdditional(uint32_t cpu);

    /// TS_MAX_QUEUE ends the group's growth (IkeResourceGroup::ProcessResponse), then as the
    /// base class.
    Result ProcessResponse(IkeSession& session, const IkeMessage& response) override;
    /// As the base class; a refusal because the request lacks the group's suite is counted
    /// (IkeStatistics::perResourceProposalRefusals).
    Result ProcessRequest(IkeSession& session,
                          const IkeMessage& request,
                          IkeMessage& response) override;
    /// The initiator's CPU is no longer pending, then as the base class.
    void Complete(IkeSession& session, Result result) override;

  protected:
    void AddRequestNotifies(IkeSession& session, IkeMessage& request) override;
    bool ProcessResponseNotifies(IkeSession& session,
                                 const IkeMessage& response,
                                 IkeChildSaSpec& spec) override;
    IkeNotifyType ProcessRequestNotifies(IkeSession& session,
                                         const IkeMessage& request,
                                         IkeChildSaSpec& spec) override;
    void AddResponseNotifies(IkeSession& session,
                             IkeMessage& response,
                             const IkeChildSa& child) override;
    /// An additional SA of the group (ours, or a request with SA_RESOURCE_INFO that we
    /// support) copies IkeResourceGroup::FindInitial.
    const IkeChildSa* FindTemplate(IkeSession& session, const IkeMessage* request) override;

  private:
    /// \param cpu the CPU of the new pair
    explicit IkePerResourceChildSaTask(uint32_t cpu);

    uint32_t m_additionalCpu{SaParams::NO_CPU}; ///< initiator: the CPU asked for
    bool m_copiesInitial{false}; ///< responder: the request was held to the group's suite
};

} // namespace ns3

#endif /* IPSEC_IKE_PER_RESOURCE_CHILD_SA_TASK_H */
