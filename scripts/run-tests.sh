#!/usr/bin/env bash
# Sets everything up, then runs every test suite through CTest (one entry per suite).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cd build
ctest --output-on-failure -j "$(nproc)" "$@"
