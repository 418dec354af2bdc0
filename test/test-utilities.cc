/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "test-utilities.h"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace ipsectest
{

int
RunCommand(const std::string& command, std::string& output)
{
    output.clear();
    FILE* pipe = popen(("(" + command + ") 2>&1").c_str(), "r");
    if (pipe == nullptr)
    {
        return -1;
    }
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0)
    {
        output.append(buffer, n);
    }
    int status = pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string
MakeTempDirectory(const std::string& prefix)
{
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (mkdtemp(pattern.data()) == nullptr)
    {
        throw std::runtime_error("cannot create a temporary directory " + pattern);
    }
    return pattern;
}

std::string
ReadFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream contents;
    contents << in.rdbuf();
    return contents.str();
}

void
WriteFile(const std::string& path, const std::string& contents)
{
    std::ofstream out(path, std::ios::binary);
    out << contents;
}

std::string
ExamplePath(const std::string& name)
{
    // Standalone: examples/<name>; inside ns-3 (build_lib): ns3.37-<name>-<profile>.
    return std::string(IPSEC_EXAMPLES_DIR) + "/" + IPSEC_EXAMPLE_PREFIX + name
           + IPSEC_EXAMPLE_SUFFIX;
}

std::string
ToolPath(const std::string& name)
{
    return std::string(IPSEC_TOOLS_DIR) + "/" + name;
}

std::string
MetricsSchemaPath()
{
    return std::string(IPSEC_SOURCE_DIR) + "/doc/metrics.schema.json";
}

int
ValidateJson(const std::string& path, const std::string& schema, std::string& errors)
{
    // Every error, each with the path of the offending value, so that a failure says where.
    static const char* script
        = "import json, sys, jsonschema\n"
          "schema = json.load(open(sys.argv[1]))\n"
          "document = json.load(open(sys.argv[2]))\n"
          "jsonschema.Draft202012Validator.check_schema(schema)\n"
          "errors = list(jsonschema.Draft202012Validator(schema).iter_errors(document))\n"
          "for e in errors:\n"
          "    print('/'.join(str(p) for p in e.absolute_path) + ': ' + e.message[:300])\n"
          "sys.exit(1 if errors else 0)\n";
    std::string dir = MakeTempDirectory("ipsec-validate");
    WriteFile(dir + "/validate.py", script);
    int status = RunCommand("python3 " + dir + "/validate.py " + schema + " " + path, errors);
    std::filesystem::remove_all(dir);
    return status;
}

std::vector<std::string>
Lines(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
    {
        if (!line.empty())
        {
            lines.push_back(line);
        }
    }
    return lines;
}

size_t
Count(const std::string& text, const std::string& needle)
{
    size_t count = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    {
        ++count;
    }
    return count;
}

int
RunTshark(const std::string& pcap,
          const std::string& arguments,
          const std::string& ikeTable,
          const std::string& espTable,
          std::string& output)
{
    std::string home = MakeTempDirectory("ipsec-tshark-home");
    std::filesystem::create_directories(home + "/.config/wireshark");
    WriteFile(home + "/.config/wireshark/ikev2_decryption_table", ikeTable);
    if (!espTable.empty())
    {
        WriteFile(home + "/.config/wireshark/esp_sa", espTable);
        WriteFile(home + "/.config/wireshark/preferences",
                  "esp.enable_encryption_decode: TRUE\nesp.enable_authentication_check: TRUE\n");
    }
    int status = RunCommand(
        "HOME=" + home + " tshark -r " + pcap + " " + arguments + " 2>/dev/null", output);
    std::filesystem::remove_all(home);
    return status;
}

std::string
TsharkTestCase::Tshark(const std::string& pcap,
                       const std::string& ikeTable,
                       const std::string& espTable,
                       const std::string& arguments)
{
    std::string output;
    int status = RunTshark(pcap, arguments, ikeTable, espTable, output);
    NS_TEST_EXPECT_MSG_EQ(status, 0, "tshark ran: " << output);
    return output;
}

} // namespace ipsectest
} // namespace ns3
