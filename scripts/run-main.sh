#!/usr/bin/env bash
# Sets everything up, then runs the main job: the per-CPU scaling study
# (examples/studies/per-cpu-scaling.json: goodput and latency against 1-16 gateway cores for
# single, pinned and per-CPU SAs, 3 replications each) with ipsec-sweep, and says where the
# summary and the figures are. A second call resumes or, when all is done, only redraws.
#   bash scripts/run-main.sh [outputDir] [ipsec-sweep run options, e.g. -j 4]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-ipsec-output/per-cpu-scaling}"
shift || true
bash scripts/setup.sh
./build/tools/ipsec-sweep run examples/studies/per-cpu-scaling.json --out "$out" "$@"
echo "main job done: table $out/summary.csv, figure $out/figures/goodput-vs-cores.png (.svg, .pdf)"
