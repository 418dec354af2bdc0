#!/usr/bin/env bash
# How well ipsec-sweep uses the cores: the same N independent runs of per-cpu-sa-scaling, once
# one after another (ipsec-sweep run -j 1) and once through ipsec-sweep run -j 2, in this one
# invocation; prints both wall times and their ratio (sequential / parallel; goal >= 1.8 on 2
# cores) and checks that both give the same summary.json.
#   bash bench/sweep-efficiency.sh [runs, default 16] [simulated seconds per run, default 0.03]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-16}"
duration="${2:-0.03}"
tool=build/tools/ipsec-sweep
[ -x "$tool" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/spec.json" <<SPEC
{"name": "sweep-efficiency", "program": "per-cpu-sa-scaling",
 "fixed": {"cpus": 8, "duration": $duration, "quiet": true},
 "grid": {"saMode": ["per-cpu"]}, "replications": $runs, "metrics": ["results.goodput_bps"]}
SPEC
seconds() { date +%s.%N; }
t0=$(seconds)
"$tool" run "$work/spec.json" --out "$work/sequential" -j 1 --quiet > /dev/null
t1=$(seconds)
"$tool" run "$work/spec.json" --out "$work/parallel" -j 2 --quiet > /dev/null
t2=$(seconds)
cmp -s "$work/sequential/summary.json" "$work/parallel/summary.json" ||
    { echo "the two sweeps' summary.json differ" >&2; exit 1; }
python3 - "$t0" "$t1" "$t2" "$runs" <<'PY'
import sys
t0, t1, t2, runs = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
sequential, parallel = t1 - t0, t2 - t1
print(f"sweep_efficiency runs={runs} per_run_s={sequential / runs:.2f} sequential_s={sequential:.1f} "
      f"parallel_s={parallel:.1f} ratio={sequential / parallel:.2f}")
PY
