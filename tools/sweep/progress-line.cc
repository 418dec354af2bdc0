/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "progress-line.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace ns3
{
namespace sweep
{

namespace
{

std::string
Duration(double seconds)
{
    long s = static_cast<long>(seconds + 0.5);
    char text[32];
    if (s >= 3600)
    {
        std::snprintf(text, sizeof(text), "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    }
    else
    {
        std::snprintf(text, sizeof(text), "%ld:%02ld", s / 60, s % 60);
    }
    return text;
}

} // namespace

ProgressLine::ProgressLine(size_t total, size_t alreadyDone, bool enabled)
    : m_total(total)
    , m_resumed(alreadyDone)
    , m_enabled(enabled)
    , m_terminal(isatty(STDERR_FILENO) == 1)
    , m_start(Clock::now())
    , m_lastWrite(Clock::now())
{
}

void
ProgressLine::RunEnded(bool failed)
{
    ++m_done;
    m_failed += failed ? 1 : 0;
    Update(m_terminal);
}

std::string
ProgressLine::Text() const
{
    double elapsed = std::chrono::duration<double>(Clock::now() - m_start).count();
    size_t done = m_resumed + m_done;
    std::string text
        = "ipsec-sweep: " + std::to_string(done) + "/" + std::to_string(m_total) + " runs done";
    if (m_resumed > 0)
    {
        text += " (" + std::to_string(m_resumed) + " from before)";
    }
    text += ", " + std::to_string(m_failed) + " failed, elapsed " + Duration(elapsed);
    if (m_done > 0 && done < m_total)
    {
        text += ", ETA " + Duration(elapsed / m_done * (m_total - done));
    }
    return text;
}

void
ProgressLine::Update(bool force)
{
    if (!m_enabled)
    {
        return;
    }
    auto now = Clock::now();
    double sinceLast = std::chrono::duration<double>(now - m_lastWrite).count();
    if (!force && sinceLast < (m_terminal ? 1.0 : 10.0))
    {
        return;
    }
    m_lastWrite = now;
    if (m_terminal)
    {
        std::cerr << "\r\033[K" << Text() << std::flush;
    }
    else
    {
        std::cerr << Text() << std::endl;
    }
}

void
ProgressLine::Finish()
{
    if (!m_enabled)
    {
        return;
    }
    if (m_terminal)
    {
        std::cerr << "\r\033[K";
    }
    std::cerr << Text() << std::endl;
}

} // namespace sweep
} // namespace ns3
