#!/usr/bin/env bash
# Sets everything up, then runs every test suite through CTest (one entry per suite), then the
# interoperability checks against a real strongSwan (scripts/strongswan-interop.sh: root, network
# namespaces, about 2-3 minutes; SKIP_INTEROP=1 leaves them out).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
(cd build && ctest --output-on-failure -j "$(nproc)" "$@")
if [ -z "${SKIP_INTEROP:-}" ]; then
    SKIP_BUILD=1 bash scripts/strongswan-interop.sh
fi
