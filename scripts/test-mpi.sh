#!/usr/bin/env bash
# The MPI job (doc/mpi.rst): builds ns-3 3.37 with its MPI engine and this module as
# contrib/ipsec (scripts/setup-mpi.sh), runs the module's suites in that build, then runs one
# scenario of vpn-mesh-distributed with 1 and with 2 processes under both engines and checks that
# they agree. Prints PASS or FAIL per check; exits non-zero if any failed.
#
# Environment: NS3_MPI_DIR (the cache, see setup-mpi.sh), JOBS (suites run at once; nproc).
set -uo pipefail
checkout="$(cd "$(dirname "$0")/.." && pwd)"
jobs="${JOBS:-$(nproc)}"
# Open MPI refuses root and more processes than cores unless told.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1

failures=0
pass() { echo "PASS $1"; }
fail() {
    echo "FAIL $1"
    failures=$((failures + 1))
}

if ! ns3_root="$(bash "$checkout/scripts/setup-mpi.sh" | tail -n 1)" || [ ! -d "$ns3_root" ]; then
    fail "setup-mpi.sh (ns-3 with MPI and contrib/ipsec built)"
    exit 1
fi
pass "setup-mpi.sh (ns-3 with MPI and contrib/ipsec built in $ns3_root)"
cd "$ns3_root"
runner="$(ls build/utils/ns3.37-test-runner* | head -n 1)"
examples="$ns3_root/build/contrib/ipsec/examples"
work="$(mktemp -d /tmp/ns3-ipsec-test-mpi.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# 1. Every suite of this module in the contrib build, through ns-3's test-runner, with ns-3's
#    NS_ASSERTs on. (ns-3's own mpi-example-* suites are not run: their examples need the
#    nix-vector-routing, wifi and mobility modules, which setup-mpi.sh leaves out to keep the
#    build short; the comparisons below exercise both MPI engines instead.)
suites="$("$runner" --list | grep -E '^ipsec-' | sort)"
if [ -z "$suites" ]; then
    fail "test-runner lists the ipsec-* suites"
fi
run_suite() {
    if "$1" --suite="$2" > "$3/$2.log" 2>&1; then
        echo "PASS suite $2"
    else
        echo "FAIL suite $2 (log below)"
        tail -n 30 "$3/$2.log" | sed 's/^/    /'
    fi
}
export -f run_suite
echo "$suites" | xargs -P "$jobs" -I{} bash -c 'run_suite "$0" {} "$1"' "$runner" "$work" \
    | tee "$work/suites.txt"
failures=$((failures + $(grep -c '^FAIL' "$work/suites.txt")))

# 2. One scenario, 1 and 2 processes, both engines. Child SAs rekey every ~2 s, so that rekeys
#    cross the process boundary too.
common=(--topology=erdos-renyi --sites=8 --pairs=10 --cpus=2 --flows=2 --packetsPerSecond=100
        --duration=7 --trafficStart=1)
scenario=("${common[@]}" --childRekey=2)
# ns-3's names for the examples (the release profile has no suffix).
distributed="$examples/ns3.37-vpn-mesh-distributed"
single="$examples/ns3.37-vpn-mesh"
schema="$checkout/doc/metrics.schema.json"
validate() {
    python3 - "$schema" "$1" << 'EOF'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
for e in errors[:10]:
    print("   ", "/".join(str(p) for p in e.absolute_path), e.message[:200])
sys.exit(1 if errors else 0)
EOF
}
# Compares the results of two metrics.json: every value must be equal, as the engine keeps
# each node's events in one process and every process draws the same random numbers.
compare() {
    python3 - "$@" << 'EOF'
import json, sys
a = json.load(open(sys.argv[1]))["results"]
b = json.load(open(sys.argv[2]))["results"]
a.pop("timeseries", None)
differences = []
def walk(x, y, path):
    if isinstance(x, dict) and isinstance(y, dict):
        for k in sorted(set(x) | set(y)):
            walk(x.get(k), y.get(k), path + "/" + k)
    elif isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
        for i, (u, v) in enumerate(zip(x, y)):
            walk(u, v, path + "/" + str(i))
    elif x != y:
        differences.append(f"{path}: {x} != {y}")
walk(a, b, "")
t, i = b["totals"], b["ike"]["total"]
print(f"    packets sent {t['sent_packets']} delivered {t['delivered_packets']} "
      f"lost {t['lost_packets']}; IKE SAs {t['pairs_established']}/{t['pairs']}; "
      f"Child SAs now {t['child_sas']}, installed {i['child_sas']['installed']}, "
      f"rekeyed {i['child_sas']['rekeys']}")
for d in differences[:20]:
    print("    differs:", d)
# A scenario meant to rekey must have rekeyed, or "the same rekeys" says nothing.
idle = len(sys.argv) > 3 and i["child_sas"]["rekeys"] == 0
if idle:
    print("    no Child SA was rekeyed")
sys.exit(1 if differences or idle or t["delivered_packets"] == 0 else 0)
EOF
}
run() { # run <dir> <processes> <simulator> [options...]
    local dir="$1" np="$2" simulator="$3"
    shift 3
    mpirun -np "$np" "$distributed" --simulator="$simulator" --outputDir="$dir" "$@" \
        > "$dir.log" 2>&1
}

# The distributed program with one process gives vpn-mesh's results (no rekeys: vpn-mesh has
# no --childRekey).
if "$single" --quiet --outputDir="$work/vpn-mesh" "${common[@]}" > "$work/vpn-mesh.log" 2>&1 &&
    run "$work/np1-plain" 1 distributed "${common[@]}" &&
    compare "$work/vpn-mesh/metrics.json" "$work/np1-plain/metrics.json"; then
    pass "vpn-mesh-distributed, 1 process = vpn-mesh (single process, default simulator)"
else
    fail "vpn-mesh-distributed, 1 process = vpn-mesh (logs: $work/vpn-mesh.log, $work/np1-plain.log)"
fi

for simulator in distributed null-message; do
    for np in 1 2; do
        if run "$work/$simulator-np$np" "$np" "$simulator" "${scenario[@]}" &&
            validate "$work/$simulator-np$np/metrics.json"; then
            pass "$simulator, $np process(es): runs; metrics.json matches doc/metrics.schema.json"
        else
            fail "$simulator, $np process(es) (log: $work/$simulator-np$np.log)"
            cat "$work/$simulator-np$np.log" | tail -n 20
        fi
    done
    if [ -f "$work/$simulator-np2/metrics.rank-1.json" ] &&
        compare "$work/$simulator-np1/metrics.json" "$work/$simulator-np2/metrics.json" rekeys; then
        pass "$simulator: 1 and 2 processes give the same results (packets, SAs, rekeys, all)"
    else
        fail "$simulator: 1 and 2 processes differ"
    fi
done
if compare "$work/distributed-np2/metrics.json" "$work/null-message-np2/metrics.json"; then
    pass "distributed and null-message engines agree"
else
    fail "distributed and null-message engines differ"
fi

# 3. What cannot be split is refused: a link between processes needs a delay (the lookahead).
mkdir -p "$work/refused"
if ! mpirun -np 2 "$distributed" --wanDelay=0ms --outputDir="$work/refused" > "$work/refused.log" 2>&1 &&
    grep -q 'expected a delay above zero (the MPI lookahead)' "$work/refused.log"; then
    pass "a zero-delay link between processes is refused by name"
else
    fail "a zero-delay link between processes is refused by name"
    tail -n 5 "$work/refused.log"
fi

if [ "$failures" -gt 0 ]; then
    echo "test-mpi: $failures check(s) FAILED"
    exit 1
fi
echo "test-mpi: all checks passed"
