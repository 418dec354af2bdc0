#!/usr/bin/env bash
# Installs every Debian package the module needs, then configures and builds it in ./build.
# Safe to run again: it installs only what is missing and rebuilds incrementally.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
    build-essential cmake pkg-config  # compiler and build system
    libns3-dev ns3 libgsl-dev         # ns-3 3.37 (its CMake config needs ns3 and GSL too)
    libcrypto++-dev                   # real ESP/IKE cryptography
    nlohmann-json3-dev                # metrics.json and cost profiles
    libboost-graph-dev                # topologies for large studies
    libboost-dev                      # Boost.Math: Student t of the sweeps' confidence intervals
    tshark                            # tests decrypt our pcaps with Wireshark's dissectors
    gnuplot-nox                       # figures (ipsec-sweep plot)
    parallel                          # GNU parallel: ipsec-sweep jobs across hosts (tested)
    slurmctld slurmd slurm-client munge  # a private Slurm runs ipsec-sweep's job array in the tests
    python3                           # small checks in the test scripts
    python3-jsonschema                # tests validate metrics.json against doc/metrics.schema.json
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # tshark asks whether non-root users may capture; the answer does not matter here.
    echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

mkdir -p build
echo "Building in ./build (log: build/build.log) ..."
if ! { cmake -S . -B build -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" &&
       cmake --build build -j "$(nproc)"; } > build/build.log 2>&1; then
    tail -n 40 build/build.log
    echo "Build failed; the whole log is build/build.log" >&2
    exit 1
fi
