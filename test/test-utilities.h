/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_TEST_UTILITIES_H
#define IPSEC_TEST_UTILITIES_H

// Shared by the test suites that run the example programs and tshark as real processes.

#include <string>

namespace ns3
{
namespace ipsectest
{

/// Runs \p command through /bin/sh with stderr merged into \p output; \return its exit code.
int RunCommand(const std::string& command, std::string& output);

/// \return a new empty directory under the system's temporary directory.
std::string MakeTempDirectory(const std::string& prefix);

/// \return the contents of \p path ("" if it cannot be read).
std::string ReadFile(const std::string& path);

/// Writes \p contents to \p path.
void WriteFile(const std::string& path, const std::string& contents);

/// \return the path of the example program \p name in the build tree.
std::string ExamplePath(const std::string& name);

} // namespace ipsectest
} // namespace ns3

#endif // IPSEC_TEST_UTILITIES_H
