/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Anti-replay window (RFC 4303 3.4.3, Appendix A): edges, duplicates, jumps, sizes, ESN.

#include "ns3/replay-window.h"
#include "ns3/test.h"

#include <stdexcept>

using namespace ns3;

namespace
{

using Verdict = ReplayWindow::Verdict;

/// Runs Check() and, if new, Accept(), like the receive path after a good ICV.
Verdict
Receive(ReplayWindow& w, uint32_t seqLow, uint64_t* full = nullptr)
{
    uint64_t seq;
    Verdict v = w.Check(seqLow, seq);
    if (v == Verdict::NEW)
    {
        w.Accept(seq);
    }
    if (full)
    {
        *full = seq;
    }
    return v;
}

class ReplayWindowEdgesTestCase : public TestCase
{
  public:
    ReplayWindowEdgesTestCase()
        : TestCase("left edge, duplicates and out-of-order arrivals in a 64-packet window")
    {
    }

  private:
    void DoRun() override
    {
        ReplayWindow w(64, false);
        uint64_t seq;
        NS_TEST_ASSERT_MSG_EQ(int(w.Check(0, seq)), int(Verdict::TOO_OLD), "0 is never sent");
        for (uint32_t s = 1; s <= 100; ++s)
        {
            NS_TEST_ASSERT_MSG_EQ(int(Receive(w, s)), int(Verdict::NEW), "in order " << s);
        }
        NS_TEST_ASSERT_MSG_EQ(w.Top(), 100, "right edge");
        NS_TEST_ASSERT_MSG_EQ(int(Receive(w, 100)), int(Verdict::DUPLICATE), "replayed top");
        NS_TEST_ASSERT_MSG_EQ(int(Receive(w, 37)), int(Verdict::DUPLICATE), "left edge seen");
        NS_TEST_ASSERT_MSG_EQ(int(Receive(w, 36)), int(Verdict::TOO_OLD), "left of window");
        // A gap, then late packets inside the window are accepted exactly once.
        NS_TEST_ASSERT_MSG_EQ(int(Receive(w, 110)), int(Verdict::NEW), "jump");
        NS_TEST_ASSERT_MSG_EQ(int(Receive(w, 105)), int(Verdict::NEW), "late but inside");
        NS_TEST_ASSERT_MSG_EQ(int(Receive(w, 105)), int(Verdict::DUPLICATE), "late twice");
        NS_TEST_ASSERT_MSG_EQ(int(Receive(w, 47)), int(Verdict::DUPLICATE), "left edge, seen");
        NS_TEST_ASSERT_MSG_EQ(int(Receive(w, 108)), int(Verdict::NEW), "gap filled once");
        NS_TEST_ASSERT_MSG_EQ(int(Receive(w, 46)), int(Verdict::TOO_OLD), "just left of it");
        // A jump wider than the window clears every bit.
        NS_TEST_ASSERT_MSG_EQ(int(Receive(w, 100000)), int(Verdict::NEW), "far jump");
        NS_TEST_ASSERT_MSG_EQ(int(Receive(w, 99937)), int(Verdict::NEW), "edge after far jump");
        NS_TEST_ASSERT_MSG_EQ(int(Receive(w, 99936)), int(Verdict::TOO_OLD), "left of it");
    }
};

class ReplayWindowSizesTestCase : public TestCase
{
  public:
    ReplayWindowSizesTestCase()
        : TestCase("window sizes 32 and 4096 have their edges where RFC 4303 puts them")
    {
    }

  private:
    void DoRun() override
    {
        for (uint32_t size : {32u, 100u, 4096u})
        {
            ReplayWindow w(size, false);
            uint32_t top = 10000;
            Receive(w, top);
            NS_TEST_ASSERT_MSG_EQ(int(Receive(w, top - size + 1)),
                                  int(Verdict::NEW),
                                  "left edge of a window of " << size);
            NS_TEST_ASSERT_MSG_EQ(int(Receive(w, top - size)),
                                  int(Verdict::TOO_OLD),
                                  "one left of a window of " << size);
            // Every packet of the window once, backwards, then each again.
            for (uint32_t s = top - 1; s > top - size + 1; --s)
            {
                NS_TEST_ASSERT_MSG_EQ(int(Receive(w, s)), int(Verdict::NEW), "fill " << s);
            }
            for (uint32_t s = top - size + 1; s <= top; ++s)
            {
                NS_TEST_ASSERT_MSG_EQ(int(Receive(w, s)), int(Verdict::DUPLICATE), "again " << s);
            }
        }
    }
};

class ReplayWindowConfigurationTestCase : public TestCase
{
  public:
    ReplayWindowConfigurationTestCase()
        : TestCase("sizes outside 32..4096 are refused, 0 disables the check")
    {
    }

  private:
    void DoRun() override
    {
        for (uint32_t bad : {1u, 31u, 4097u, 100000u})
        {
            bool threw = false;
            try
            {
                ReplayWindow w(bad, false);
            }
            catch (const std::invalid_argument& e)
            {
                threw = std::string(e.what()).find(std::to_string(bad)) != std::string::npos;
            }
            NS_TEST_ASSERT_MSG_EQ(threw, true, "size " << bad << " refused with its value named");
        }
        ReplayWindow off(0, false);
        NS_TEST_ASSERT_MSG_EQ(int(Receive(off, 5)), int(Verdict::NEW), "first");
        NS_TEST_ASSERT_MSG_EQ(int(Receive(off, 5)), int(Verdict::NEW), "duplicate passes");
        NS_TEST_ASSERT_MSG_EQ(int(Receive(off, 1)), int(Verdict::NEW), "old passes");
    }
};

class ReplayWindowEsnTestCase : public TestCase
{
  public:
    ReplayWindowEsnTestCase()
        : TestCase("ESN: the high 32 bits are inferred across the wrap (RFC 4303 A2.2)")
    {
    }

  private:
    void DoRun() override
    {
        ReplayWindow w(64, true);
        w.SetTop(0x1FFFFFFF0ULL); // case A: Tl >= W - 1
        uint64_t seq;
        NS_TEST_ASSERT_MSG_EQ(int(Receive(w, 0xFFFFFFE0u, &seq)), int(Verdict::NEW), "in window");
        NS_TEST_ASSERT_MSG_EQ(seq, 0x1FFFFFFE0ULL, "same high bits inside the window");
        NS_TEST_ASSERT_MSG_EQ(int(Receive(w, 0xFFFFFFFFu, &seq)), int(Verdict::NEW), "to the wrap");
        NS_TEST_ASSERT_MSG_EQ(seq, 0x1FFFFFFFFULL, "last of high 1");
        NS_TEST_ASSERT_MSG_EQ(int(Receive(w, 0x00000002u, &seq)), int(Verdict::NEW), "wrapped");
        NS_TEST_ASSERT_MSG_EQ(seq, 0x200000002ULL, "low bits wrapped: high bits + 1");
        NS_TEST_ASSERT_MSG_EQ(w.Top(), 0x200000002ULL, "right edge moved past the wrap");
        // Case B: Tl < W - 1, the window spans the boundary.
        NS_TEST_ASSERT_MSG_EQ(int(Receive(w, 0xFFFFFFF8u, &seq)), int(Verdict::NEW), "late");
        NS_TEST_ASSERT_MSG_EQ(seq, 0x1FFFFFFF8ULL, "late packet gets the old high bits");
        NS_TEST_ASSERT_MSG_EQ(
            int(Receive(w, 0xFFFFFFFFu, &seq)), int(Verdict::DUPLICATE), "seen before the wrap");
        NS_TEST_ASSERT_MSG_EQ(int(Receive(w, 0x00000001u, &seq)), int(Verdict::NEW), "gap");
        NS_TEST_ASSERT_MSG_EQ(seq, 0x200000001ULL, "high 2");
        NS_TEST_ASSERT_MSG_EQ(int(Receive(w, 0x00000050u, &seq)), int(Verdict::NEW), "ahead");
        NS_TEST_ASSERT_MSG_EQ(seq, 0x200000050ULL, "ahead keeps high 2");
        // Case A again (Tl = 0x50): a low number far above is read as this epoch, far ahead
        // (only the ICV, computed with the inferred bits, can then reject it).
        NS_TEST_ASSERT_MSG_EQ(int(w.Check(0xFFFFFFF0u, seq)), int(Verdict::NEW), "far ahead");
        NS_TEST_ASSERT_MSG_EQ(seq, 0x2FFFFFFF0ULL, "inferred in the current epoch");
        NS_TEST_ASSERT_MSG_EQ(int(w.Check(0x00000011u, seq)), int(Verdict::NEW), "left edge");
        NS_TEST_ASSERT_MSG_EQ(seq, 0x200000011ULL, "left edge high bits");
        NS_TEST_ASSERT_MSG_EQ(int(w.Check(0x00000010u, seq)), int(Verdict::NEW), "past left edge");
        NS_TEST_ASSERT_MSG_EQ(seq, 0x300000010ULL, "below the window means the next epoch");
    }
};

class ReplayWindowTestSuite : public TestSuite
{
  public:
    ReplayWindowTestSuite()
        : TestSuite("ipsec-replay-window", UNIT)
    {
        AddTestCase(new ReplayWindowEdgesTestCase, TestCase::QUICK);
        AddTestCase(new ReplayWindowSizesTestCase, TestCase::QUICK);
        AddTestCase(new ReplayWindowConfigurationTestCase, TestCase::QUICK);
        AddTestCase(new ReplayWindowEsnTestCase, TestCase::QUICK);
    }
};

ReplayWindowTestSuite g_replayWindowTestSuite;

} // namespace
