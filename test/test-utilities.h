/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_TEST_UTILITIES_H
#define IPSEC_TEST_UTILITIES_H

// Shared by the test suites that run the example programs and tshark as real processes.

#include "ns3/test.h"

#include <string>
#include <vector>

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

/// \return the non-empty lines of \p text.
std::vector<std::string> Lines(const std::string& text);

/// \return how often \p needle occurs in \p text.
size_t Count(const std::string& text, const std::string& needle);

/**
 * Runs tshark on \p pcap with \p arguments, in a fresh HOME whose Wireshark configuration holds
 * \p ikeTable as ikev2_decryption_table and, unless \p espTable is empty, \p espTable as esp_sa
 * with ESP decryption and ICV checks on. Its stderr is discarded.
 * \return tshark's exit code, with its output in \p output.
 */
int RunTshark(const std::string& pcap,
              const std::string& arguments,
              const std::string& ikeTable,
              const std::string& espTable,
              std::string& output);

/**
 * A TestCase that runs tshark on its pcaps (RunTshark) and checks that tshark ran.
 */
class TsharkTestCase : public TestCase
{
  protected:
    using TestCase::TestCase;

    /**
     * Runs tshark with the key tables; expects exit code 0.
     * \param pcap the capture
     * \param ikeTable ikev2_decryption_table rows
     * \param espTable esp_sa rows, or empty for none
     * \param arguments tshark's options
     * \return its output
     */
    std::string Tshark(const std::string& pcap,
                       const std::string& ikeTable,
                       const std::string& espTable,
                       const std::string& arguments);
};

/// \return the path of the example program \p name in the build tree.
std::string ExamplePath(const std::string& name);

/// \return the path of the tool \p name (ipsec-sweep, ...) in the build tree.
std::string ToolPath(const std::string& name);

/// \return the path of doc/metrics.schema.json in the source tree.
std::string MetricsSchemaPath();

/**
 * Validates the JSON document \p path against the JSON Schema (draft 2020-12) \p schema with
 * python3's jsonschema module (Debian python3-jsonschema); the schema itself is checked first.
 * \return the validator's exit code (0: valid), with one line per error ("path: message") or
 * python's complaint in \p errors
 */
int ValidateJson(const std::string& path, const std::string& schema, std::string& errors);

} // namespace ipsectest
} // namespace ns3

#endif // IPSEC_TEST_UTILITIES_H
