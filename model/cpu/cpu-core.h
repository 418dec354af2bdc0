/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_CPU_CORE_H
#define IPSEC_CPU_CORE_H

#include "ns3/callback.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"
#include "ns3/traced-value.h"

#include <cstdint>
#include <deque>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One CPU core of a node: a FIFO server with a bounded backlog, like one CPU's softirq
 * processing its netdev backlog.
 *
 * A job is a simulated service time and a callback. The core serves one job at a time, in
 * arrival order; when a job's time is up the core runs its callback (during which GetCurrent()
 * returns this core), then starts the next job. At most BacklogLimit jobs may wait (the job in
 * service does not count, like Linux's netdev_max_backlog); Enqueue refuses further jobs and
 * counts them as backlog drops.
 *
 * Continue() lets a completing job hand the core a follow-on job that runs next, ahead of every
 * waiting job and never dropped: one softirq taking a packet through several stages (receive,
 * encrypt, ...) without interleaving other packets. Continued jobs do not count against the
 * backlog and are not in GetQueueLength().
 *
 * Statistics: busy time, jobs served, backlog drops, queue length; trace sources "QueueLength"
 * (waiting jobs) and "Drop" (a job refused at the backlog limit).
 */
class CpuCore : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    CpuCore();
    ~CpuCore() override;

    /// Signature of the "Drop" trace: no arguments (the time is Simulator::Now(), the core is
    /// the trace context).
    typedef void (*DropTracedCallback)();

    /**
     * \brief Appends a job to the backlog (or starts it at once if the core is idle).
     * \param serviceTime how long the core works on the job (not negative)
     * \param done runs when the job's time is up
     * \return false if BacklogLimit jobs are waiting: the job is discarded, counted as a backlog
     *         drop and reported by the "Drop" trace
     */
    bool Enqueue(Time serviceTime, Callback<void> done);

    /**
     * \brief Gives the core a follow-on job of the job that is completing.
     *
     * Meant to be called from a done callback of this core: the job runs next, ahead of every
     * waiting job and of follow-on jobs given by earlier callbacks (depth first: a stage's own
     * follow-ups run before its siblings'); several given during one callback run in the order
     * given. Never dropped. On a core that is serving a job but not completing one, the job
     * runs right after the one in service. If the core is idle (not serving and not completing
     * a job), it starts at once.
     *
     * \param serviceTime how long the core works on the job (not negative)
     * \param done runs when the job's time is up
     */
    void Continue(Time serviceTime, Callback<void> done);

    /**
     * \return the core whose done callback is running now, or nullptr outside any done callback
     *         (the simulator is single-threaded, so there is at most one)
     */
    static Ptr<CpuCore> GetCurrent();

    /// \param index the core's number on its node (0 to cores - 1)
    void SetIndex(uint32_t index);

    /// \return the core's number on its node
    uint32_t GetIndex() const;

    /// \param nodeId the id of the node the core belongs to (the context of its events)
    void SetNodeId(uint32_t nodeId);

    /// \return the id of the node the core belongs to
    uint32_t GetNodeId() const;

    /// \param limit how many jobs may wait (not counting the one in service)
    void SetBacklogLimit(uint32_t limit);

    /// \return how many jobs may wait
    uint32_t GetBacklogLimit() const;

    /// \return the service time of completed jobs plus the elapsed part of the job in service
    Time GetBusyTime() const;

    /// \return the number of jobs whose service time is up (their done callback ran or runs)
    uint64_t GetJobsServed() const;

    /// \return the number of jobs Enqueue refused because the backlog was full
    uint64_t GetBacklogDrops() const;

    /// \return the number of jobs waiting in the backlog (not the one in service)
    uint32_t GetQueueLength() const;

    /// \return true while a job is in service or completing
    bool IsBusy() const;

    /**
     * \param interval the length of the observation (usually the simulated time so far)
     * \return GetBusyTime() / interval (aborts if interval is not positive)
     */
    double GetUtilization(Time interval) const;

  protected:
    void DoDispose() override;

  private:
    /// A unit of work: a service time and what to do when it is over.
    struct Job
    {
        Time serviceTime;    //!< how long the core works on it
        Callback<void> done; //!< runs when the time is up
    };

    /// Starts \p job now (the core must be idle).
    void Start(Job job);

    /**
     * \brief The job in service is over: account for it, run its callback, start the next job.
     * \param generation m_generation when the job started (a mismatch means it was disposed)
     */
    void Complete(uint64_t generation);

    /// Starts the next follow-on or waiting job, if any.
    void StartNext();

    uint32_t m_index{0};            //!< number of the core on its node
    uint32_t m_nodeId;              //!< node id, the context of the core's events
    uint32_t m_backlogLimit;        //!< jobs that may wait
    std::deque<Job> m_waiting;      //!< the backlog, FIFO
    std::deque<Job> m_continue;     //!< follow-on jobs, run before the backlog
    std::vector<Job> m_newContinue; //!< follow-on jobs given by the running done callback
    bool m_serving{false};          //!< a job is in service
    bool m_completing{false};       //!< a done callback of this core is running
    Job m_current;                  //!< the job in service
    Time m_serviceStart;            //!< when the job in service started
    uint64_t m_generation{0};       //!< bumped by DoDispose, invalidates pending completions
    Time m_busy;                    //!< service time of completed jobs
    uint64_t m_jobsServed{0};       //!< completed jobs
    uint64_t m_backlogDrops{0};     //!< jobs refused at the backlog limit

    TracedValue<uint32_t> m_queueLength; //!< waiting jobs
    TracedCallback<> m_dropTrace;        //!< a job was refused at the backlog limit

    static CpuCore* s_current; //!< the core whose done callback is running, or nullptr
};

} // namespace ns3

#endif // IPSEC_CPU_CORE_H
