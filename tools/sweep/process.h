/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SWEEP_PROCESS_H
#define IPSEC_SWEEP_PROCESS_H

#include <sys/types.h>

#include <string>
#include <vector>

namespace ns3
{
namespace sweep
{

/// \return \p word quoted for a POSIX shell if it needs it (the jobs' command lines, run.json).
std::string ShellQuote(const std::string& word);

/// \return the words of \p argv quoted and joined by spaces.
std::string ShellCommand(const std::vector<std::string>& argv);

/**
 * Runs \p argv (no shell) to its end with stdout and stderr captured together in \p output.
 * \return the exit status, 128 + signal if it was killed, or -1 if it could not be started
 */
int CaptureOutput(const std::vector<std::string>& argv, std::string& output);

/**
 * Starts \p argv in \p directory with stdout and stderr written to the given files and stdin
 * from /dev/null; the child dies with this process (PR_SET_PDEATHSIG), so that a killed sweep
 * leaves no run behind writing into a folder the next sweep reuses.
 * \return the child's pid (an exec failure shows as exit status 127 and a line in stderr)
 */
pid_t StartProcess(const std::vector<std::string>& argv,
                   const std::string& directory,
                   const std::string& stdoutPath,
                   const std::string& stderrPath);

/// \return the folder of this executable (from /proc/self/exe).
std::string OwnDirectory();

} // namespace sweep
} // namespace ns3

#endif // IPSEC_SWEEP_PROCESS_H
