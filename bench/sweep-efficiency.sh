#!/usr/bin/env bash
# How well ipsec-sweep uses the cores: the same N independent runs of per-cpu-sa-scaling, once
# one after another (ipsec-sweep run -j 1) and once through ipsec-sweep run -j 2, alternated over
# R rounds in this one invocation (this VM's speed drifts between processes, so one pair of
# timings says little); prints each round and the median ratio (sequential / parallel wall
# time; goal >= 1.8 on 2 cores), and checks that every sweep gives the same summary.json.
#   bash bench/sweep-efficiency.sh [runs, default 8] [rounds, default 3] [simulated s, default 0.03]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-8}"
rounds="${2:-3}"
duration="${3:-0.03}"
tool=build/tools/ipsec-sweep
[ -x "$tool" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/spec.json" <<SPEC
{"name": "sweep-efficiency", "program": "per-cpu-sa-scaling",
 "fixed": {"cpus": 8, "duration": $duration, "quiet": true},
 "grid": {"saMode": ["per-cpu"]}, "replications": $runs, "metrics": ["results.goodput_bps"]}
SPEC
timed() { # seconds a sweep with -j $1 into $2 takes
    local start end
    start=$(date +%s.%N)
    "$tool" run "$work/spec.json" --out "$2" -j "$1" --quiet > /dev/null
    end=$(date +%s.%N)
    python3 -c "print(f'{$end - $start:.2f}')"
}
ratios=()
for round in $(seq 1 "$rounds"); do
    sequential=$(timed 1 "$work/sequential-$round")
    parallel=$(timed 2 "$work/parallel-$round")
    for folder in "$work/sequential-$round" "$work/parallel-$round"; do
        cmp -s "$work/sequential-1/summary.json" "$folder/summary.json" ||
            { echo "summary.json of $folder differs" >&2; exit 1; }
    done
    ratio=$(python3 -c "print(f'{$sequential / $parallel:.2f}')")
    ratios+=("$ratio")
    echo "round $round: sequential ${sequential} s, parallel ${parallel} s, ratio $ratio"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "sweep_efficiency runs=$runs rounds=$rounds ratios=${ratios[*]} median_ratio=$median"
