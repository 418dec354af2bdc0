/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SWEEP_PROGRESS_LINE_H
#define IPSEC_SWEEP_PROGRESS_LINE_H

#include <chrono>
#include <cstddef>
#include <string>

namespace ns3
{
namespace sweep
{

/**
 * \brief The sweep's progress on stderr: runs done of total, failures, elapsed time and ETA.
 * On a terminal one line is redrawn in place; in a log, a line is written at most every 10 s
 * (and at the end), so that a long sweep's log stays short.
 */
class ProgressLine
{
  public:
    /**
     * \param total runs in the sweep
     * \param alreadyDone runs found done from an earlier invocation (resumed)
     * \param enabled false writes nothing
     */
    ProgressLine(size_t total, size_t alreadyDone, bool enabled);

    /// One more run ended, \p failed or not.
    void RunEnded(bool failed);
    /// Redraws (on a terminal) or writes a line if one is due.
    void Update(bool force = false);
    /// Writes the final line.
    void Finish();

    /// \return the text of the line now (without line ending).
    std::string Text() const;

  private:
    using Clock = std::chrono::steady_clock;
    size_t m_total;
    size_t m_resumed;
    size_t m_done{0};
    size_t m_failed{0};
    bool m_enabled;
    bool m_terminal;
    Clock::time_point m_start;
    Clock::time_point m_lastWrite;
};

} // namespace sweep
} // namespace ns3

#endif // IPSEC_SWEEP_PROGRESS_LINE_H
