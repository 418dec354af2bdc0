#!/usr/bin/env bash
# One large vpn-mesh-distributed run with 1 and with 2 MPI processes (scripts/setup-mpi.sh's
# build), alternated over R rounds in this one invocation (this VM's speed drifts between
# processes); prints each run's wall time and every process's peak resident memory, then the
# median wall time per process count and their ratio (1 process / 2 processes), and the totals
# of both.
#   bash bench/mpi-scaling.sh [rounds, default 3] [simulator, default null-message] [options...]
# Options after the simulator replace the scenario below (e.g. --sites=1000 --pairs=2000).
set -euo pipefail
checkout="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-3}"
simulator="${2:-null-message}"
shift $(($# > 2 ? 2 : $#))
scenario=(--topology=small-world --sites=100 --neighbours=4 --probability=0.1 --pairs=200
          --cpus=2 --flows=2 --packetsPerSecond=20 --duration=4 --trafficStart=1
          --childRekey=2 --cryptoMode=size-only)
[ $# -gt 0 ] && scenario=("$@")
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1
ns3_root="$(bash "$checkout/scripts/setup-mpi.sh" | tail -n 1)"
program="$ns3_root/build/contrib/ipsec/examples/ns3.37-vpn-mesh-distributed"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "scenario: ${scenario[*]} --simulator=$simulator"

timed() { # timed <processes> <dir>: prints the wall seconds; peak RSS per process in <dir>.mem
    local start end
    start=$(date +%s.%N)
    # Each process under GNU time, which writes its peak RSS to a file named by its rank.
    mpirun -np "$1" bash -c \
        '/usr/bin/time -f "peak_rss_kb %M" -o "$0.mem.$OMPI_COMM_WORLD_RANK" "$@"' "$2" \
        "$program" --simulator="$simulator" --outputDir="$2" "${scenario[@]}" > "$2.log" 2>&1
    end=$(date +%s.%N)
    python3 -c "print(f'{$end - $start:.2f}')"
}
declare -A walls
for round in $(seq 1 "$rounds"); do
    for np in 1 2; do
        dir="$work/r$round-np$np"
        wall=$(timed "$np" "$dir")
        walls[$np]+="$wall "
        memory=$(for f in "$dir".mem.*; do awk '/peak_rss_kb/ {printf "%.0f MB ", $2 / 1024}' "$f"; done)
        echo "round $round, $np process(es): $wall s wall; peak RSS per process: $memory"
    done
done
python3 - "${walls[1]}" "${walls[2]}" << 'PY'
import statistics, sys
one, two = (statistics.median(map(float, w.split())) for w in sys.argv[1:3])
print(f"median wall: 1 process {one:.2f} s, 2 processes {two:.2f} s; ratio 1/2 = {one / two:.2f}")
PY
# Packets and IKE SAs agree exactly; rekeys may differ slightly (same-instant events from
# another process run after local ones: doc/mpi.rst), so the totals are shown side by side.
python3 - "$work/r1-np1/metrics.json" "$work/r1-np2/metrics.json" << 'PY'
import json, sys
for path, label in zip(sys.argv[1:3], ("1 process  ", "2 processes")):
    r = json.load(open(path))["results"]
    t, c = r["totals"], r["ike"]["total"]["child_sas"]
    print(f"{label}: {t['pairs_established']}/{t['pairs']} IKE SAs, {t['delivered_packets']}/"
          f"{t['sent_packets']} packets delivered, {c['installed']} Child SAs installed, "
          f"{c['rekeys']} rekeys, {r['ike']['total']['collisions']['child_rekey']} rekey collisions")
PY
