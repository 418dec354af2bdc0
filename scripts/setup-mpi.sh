#!/usr/bin/env bash
# Builds ns-3 3.37 from Debian's source package with the MPI engine (Debian's binary ns-3 has no
# `mpi` module) and this checkout inside it as contrib/ipsec, built through ns-3's build_lib().
# Idempotent: packages, source tree and build are cached in $NS3_MPI_DIR; a second run only
# rebuilds what changed. Prints the ns-3 root on its last line of output.
#
# The cache must not lie below a directory named src, contrib, examples, scratch or utils: ns-3's
# ./ns3 wrapper reads those names in a path as parts of its own tree.
set -euo pipefail
checkout="$(cd "$(dirname "$0")/.." && pwd)"
cache="${NS3_MPI_DIR:-/var/cache/ns3-ipsec-mpi}"

case "/${cache#/}/" in
*/src/* | */contrib/* | */examples/* | */scratch/* | */utils/*)
    echo "NS3_MPI_DIR=$cache contains a directory named src, contrib, examples, scratch or" \
        "utils; ns-3's build scripts misread such paths. Choose another directory." >&2
    exit 2
    ;;
esac

packages=(
    dpkg-dev                           # apt-get source unpacks with dpkg-source
    build-essential cmake pkg-config python3
    libopenmpi-dev openmpi-bin         # the MPI engine (DistributedSimulatorImpl, NullMessage...)
    libgsl-dev libsqlite3-dev libxml2-dev  # optional ns-3 dependencies found at configure time
    libcrypto++-dev nlohmann-json3-dev libboost-graph-dev  # this module
    python3-jsonschema                 # test-mpi.sh validates the merged metrics.json
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done

# Source packages need deb-src; enable it in a file of our own rather than editing Debian's.
src_list=/etc/apt/sources.list.d/ns3-ipsec-deb-src.sources
need_update=""
if ! apt-get indextargets --format '$(IDENTIFIER)' 2>/dev/null | grep -qx 'Sources'; then
    cat > "$src_list" << 'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    need_update=1
fi
export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -gt 0 ] || [ -n "$need_update" ]; then
    apt-get update -q
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

mkdir -p "$cache"
ns3_root="$(find "$cache" -maxdepth 3 -type f -name ns3 -path '*/ns-3.37/ns3' | head -n 1)"
if [ -z "$ns3_root" ]; then
    echo "Fetching Debian's ns3 source package into $cache ..."
    (cd "$cache" && apt-get source -q ns3=3.37-2)
    ns3_root="$(find "$cache" -maxdepth 3 -type f -name ns3 -path '*/ns-3.37/ns3' | head -n 1)"
fi
ns3_root="$(dirname "$ns3_root")"

# A symlink, not a copy: the build always sees this checkout as it is now, and the checkout's
# own path stays free of a "contrib" component (ns-3 only joins the link's name, contrib/ipsec).
ln -sfn "$checkout" "$ns3_root/contrib/ipsec"

# Only the modules the ipsec module, its examples and tests need; csma because the upstream
# test-runner links the csma tests of internet/mpi, fd-net-device for the strongSwan example.
modules='core;network;internet;point-to-point;applications;traffic-control;virtual-net-device'
modules+=';bridge;csma;fd-net-device;mpi;stats;ipsec'
# Examples and tests of ipsec and mpi only: the other modules' suites are ns-3's business and
# would double the build.
filtered='ipsec;mpi'
stamp="$ns3_root/cmake-cache/.ns3-ipsec-configured"
wanted="modules=$modules filtered=$filtered profile=release asserts logs no-pch checkout=$checkout"
cd "$ns3_root"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    # A different checkout behind the contrib/ipsec link (or other settings): the module's
    # objects are rebuilt from scratch, as the dependency records name the headers by the path
    # the link resolved to then, and would not see the new checkout's headers change.
    rm -rf cmake-cache/contrib/ipsec
    echo "Configuring ns-3 in $ns3_root ..."
    # release with NS_ASSERT and NS_LOG compiled in: fast, and the suites' assertions still fire.
    # No precompiled headers: CMake rebuilds them whenever it re-runs (a file added to the
    # checkout), and every object with them.
    ./ns3 configure -d release --enable-asserts --enable-logs --enable-mpi --enable-examples \
        --disable-precompiled-headers \
        --enable-tests --disable-python-bindings --disable-werror --enable-modules="$modules" \
        -- -DNS3_FILTER_MODULE_EXAMPLES_AND_TESTS="$filtered"
    echo "$wanted" > "$stamp"
fi
# ./ns3 build caps -j at nproc-1; cmake --build uses every core.
echo "Building ns-3 and contrib/ipsec (log: $ns3_root/cmake-cache/build-mpi.log) ..."
if ! cmake --build cmake-cache -j"$(nproc)" > cmake-cache/build-mpi.log 2>&1; then
    grep -E 'error|Error' cmake-cache/build-mpi.log | head -n 40
    tail -n 20 cmake-cache/build-mpi.log
    echo "ns-3 MPI build failed; the whole log is $ns3_root/cmake-cache/build-mpi.log" >&2
    exit 1
fi
echo "$ns3_root"
