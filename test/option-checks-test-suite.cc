/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The examples' option checks (helper/option-checks.h): what they accept, and that what they
// refuse comes back as a std::invalid_argument naming the option and the value.

#include "ns3/command-line.h"
#include "ns3/option-checks.h"
#include "ns3/sa-selection-policy.h"
#include "ns3/test.h"

#include <stdexcept>
#include <string>

using namespace ns3;

namespace
{

/// The message of the std::invalid_argument \p check throws, or "" if it throws none.
template<typename Check>
std::string
Refusal(Check check)
{
    try
    {
        check();
    }
    catch (const std::invalid_argument& e)
    {
        return e.what();
    }
    return "";
}

/// True if \p text starts with \p prefix.
bool
StartsWith(const std::string& text, const std::string& prefix)
{
    return text.compare(0, prefix.size(), prefix) == 0;
}

class OptionChecksTimeRateTestCase : public TestCase
{
  public:
    OptionChecksTimeRateTestCase()
        : TestCase("link options: delays of zero or more, rates above zero, errors name them")
    {
    }

  private:
    void DoRun() override
    {
        // Zero is a valid delay (Time::IsNegative is true for 0: the check must not use it).
        NS_TEST_EXPECT_MSG_EQ(optioncheck::NonNegativeTime("lanDelay", "0"), Seconds(0), "zero");
        NS_TEST_EXPECT_MSG_EQ(optioncheck::NonNegativeTime("lanDelay", "0ms"), Seconds(0), "");
        NS_TEST_EXPECT_MSG_EQ(
            optioncheck::NonNegativeTime("lanDelay", "1.5ms"), MicroSeconds(1500), "1.5ms");
        for (const char* bad : {"-1ms", "5parsecs", "", "ms", "1 ms"})
        {
            std::string message
                = Refusal([bad]() { optioncheck::NonNegativeTime("wanDelay", bad); });
            NS_TEST_EXPECT_MSG_EQ(StartsWith(message, std::string("--wanDelay=") + bad + " is"),
                                  true,
                                  "refused naming the option: '" << message << "'");
        }
        NS_TEST_EXPECT_MSG_EQ(optioncheck::PositiveDataRate("wanRate", "100Mbps"), 100000000, "");
        for (const char* bad : {"0bps", "-1Gbps", "fast", "", "1 Gbps"})
        {
            std::string message
                = Refusal([bad]() { optioncheck::PositiveDataRate("wanRate", bad); });
            NS_TEST_EXPECT_MSG_EQ(StartsWith(message, std::string("--wanRate=") + bad + " is"),
                                  true,
                                  "refused naming the option: '" << message << "'");
        }
    }
};

class OptionChecksKeywordsTestCase : public TestCase
{
  public:
    OptionChecksKeywordsTestCase()
        : TestCase("keyword and group options: accepted values, errors name the option")
    {
    }

  private:
    void DoRun() override
    {
        NS_TEST_EXPECT_MSG_EQ(
            int(optioncheck::KeyExchangeGroup("dh", 19)), int(DhGroup::ECP_256), "group 19");
        NS_TEST_EXPECT_MSG_EQ(Refusal([]() { optioncheck::KeyExchangeGroup("dh", 0); }).empty(),
                              false,
                              "--dh needs a group");
        NS_TEST_EXPECT_MSG_EQ(optioncheck::OptionalKeyExchangeGroup("pfs", 0).has_value(),
                              false,
                              "--pfs=0 is no PFS");
        NS_TEST_EXPECT_MSG_EQ(int(optioncheck::OptionalKeyExchangeGroup("pfs", 31).value()),
                              int(DhGroup::CURVE25519),
                              "group 31");
        std::string message = Refusal([]() { optioncheck::OptionalKeyExchangeGroup("pfs", 15); });
        NS_TEST_EXPECT_MSG_EQ(StartsWith(message, "--pfs=15"), true, message);

        NS_TEST_EXPECT_MSG_EQ(Refusal(
                                  []() {
                                      optioncheck::OneOf("protocol", "tcp", {"udp", "tcp"});
                                  }),
                              "",
                              "");
        message = Refusal([]() { optioncheck::OneOf("protocol", "sctp", {"udp", "tcp"}); });
        NS_TEST_EXPECT_MSG_EQ(StartsWith(message, "--protocol=sctp is not valid"), true, message);

        // Keyword passes the model's lookup through and prefixes its error with the option.
        NS_TEST_EXPECT_MSG_EQ(
            optioncheck::Keyword("saMode", "per-cpu", SaSelectionPolicy::LookupKeyword),
            SaSelectionPolicy::LookupKeyword("per-cpu"),
            "per-cpu");
        message = Refusal(
            []() { optioncheck::Keyword("saMode", "x", SaSelectionPolicy::LookupKeyword); });
        NS_TEST_EXPECT_MSG_EQ(StartsWith(message, "--saMode=x: "), true, message);
        NS_TEST_EXPECT_MSG_GT(message.size(), std::string("--saMode=x: ").size(), "and why");
    }
};

/**
 * \ingroup ipsec-tests
 * \brief Regression (found against strongSwan): a pre-shared key with blanks given on the
 * command line must arrive whole; CommandLine::AddValue of a std::string keeps only its
 * first word, so the examples' --psk did not match the real peer's key.
 */
class OptionChecksTextTestCase : public TestCase
{
  public:
    OptionChecksTextTestCase()
        : TestCase("text options keep blanks (--psk=a b c)")
    {
    }

  private:
    void DoRun() override
    {
        std::string psk{"default key"};
        std::string truncated;
        CommandLine cmd;
        optioncheck::AddText(cmd, "psk", "pre-shared key", psk);
        cmd.AddValue("plain", "CommandLine's own std::string option", truncated);
        std::string program{"test"};
        std::string pskArgument{"--psk=ns-3 ipsec interop"};
        std::string plainArgument{"--plain=ns-3 ipsec interop"};
        char* argv[] = {program.data(), pskArgument.data(), plainArgument.data()};
        cmd.Parse(3, argv);
        NS_TEST_EXPECT_MSG_EQ(psk, "ns-3 ipsec interop", "the whole key");
        // Why AddText exists: if this starts to hold, ns-3 fixed it and AddText can go.
        NS_TEST_EXPECT_MSG_EQ(truncated, "ns-3", "ns-3 3.37 stops at the first blank");

        std::string untouched{"default key"};
        CommandLine none;
        optioncheck::AddText(none, "psk", "pre-shared key", untouched);
        char* onlyProgram[] = {program.data()};
        none.Parse(1, onlyProgram);
        NS_TEST_EXPECT_MSG_EQ(untouched, "default key", "the default stays without the option");
    }
};

class OptionChecksTestSuite : public TestSuite
{
  public:
    OptionChecksTestSuite()
        : TestSuite("ipsec-option-checks", UNIT)
    {
        AddTestCase(new OptionChecksTimeRateTestCase, TestCase::QUICK);
        AddTestCase(new OptionChecksKeywordsTestCase, TestCase::QUICK);
        AddTestCase(new OptionChecksTextTestCase, TestCase::QUICK);
    }
};

OptionChecksTestSuite g_optionChecksTestSuite;

} // namespace
