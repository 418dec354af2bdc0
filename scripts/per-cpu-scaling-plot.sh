#!/usr/bin/env bash
# Runs per-cpu-sa-scaling over 1, 2, 4, 8 and 16 cores for the three SA modes and draws goodput
# against cores, one line per mode, as PNG and SVG (gnuplot) from the runs' metrics.json files.
#   bash scripts/per-cpu-scaling-plot.sh [outputDir] [extra example options...]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-ipsec-output/per-cpu-scaling}"
shift || true
bash scripts/setup.sh >/dev/null
command -v gnuplot >/dev/null || { echo "gnuplot missing: run scripts/setup.sh" >&2; exit 1; }
mkdir -p "$out"
table="$out/goodput.dat"
echo "# cores single pinned per-cpu (goodput, Gb/s)" > "$table"
for cpus in 1 2 4 8 16; do
    row="$cpus"
    for mode in single pinned per-cpu; do
        dir="$out/runs/$mode-$cpus"
        ./build/examples/per-cpu-sa-scaling --cpus="$cpus" --saMode="$mode" \
            --outputDir="$dir" "$@" >/dev/null
        goodput=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"]["goodput_bps"]/1e9)' "$dir/metrics.json")
        row="$row $goodput"
        echo "cores=$cpus mode=$mode goodput=${goodput} Gb/s"
    done
    echo "$row" >> "$table"
done
for term in "pngcairo size 800,500" "svg size 800,500"; do
    ext=${term%% *}; ext=${ext%cairo}
    gnuplot <<GNUPLOT
set terminal $term
set output "$out/goodput-vs-cores.$ext"
set title "ESP goodput against gateway cores"
set xlabel "cores per gateway"
set ylabel "goodput (Gb/s)"
set xtics (1, 2, 4, 8, 16)
set xrange [0:17]
set yrange [0:*]
set key top left
set grid
plot "$table" using 1:4 with linespoints title "per-CPU SAs (RFC 9611)", \
     "$table" using 1:3 with linespoints title "one SA, pinned to a core", \
     "$table" using 1:2 with linespoints title "one SA, shared by all cores"
GNUPLOT
done
echo "figure: $out/goodput-vs-cores.png and .svg; data: $table"
