/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The module's test runner: ns-3's TestRunner over the suites linked into this binary.
// CTest runs it once per suite (--suite=NAME); --list prints the suite names.

#include "ns3/test.h"

int
main(int argc, char** argv)
{
    return ns3::TestRunner::Run(argc, argv);
}
