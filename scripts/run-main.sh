#!/usr/bin/env bash
# Sets everything up, then runs the main example with its defaults and says where the outputs went.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
./build/examples/esp-gateway-tunnel "$@"
