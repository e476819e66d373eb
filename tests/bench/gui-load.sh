#!/usr/bin/env bash
# The window while it loads a large capture: tests/bench/gui-load.c opens
# FILE in a real window under Xvfb and measures how late a 5 ms main-loop
# timer runs and the gaps between frames while rows arrive and a simulated
# user clicks through them; then the same for as long again with the
# capture loaded (the baseline, same command).  Also prints the CLI's time
# on the same file, so the GUI's load time reads as a ratio.
#
#   bash tests/bench/gui-load.sh [BUILD_DIR] [FILE]
# Defaults: build-rel (release + LTO, as in the Flatpak), the 10% handshake
# workload.  GSK_RENDERER defaults to cairo: Xvfb has no GPU, and its
# software GL (llvmpipe) costs 30-50 ms of CPU per frame whether or not
# anything loads, which would measure the renderer, not the app.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build-rel}
file=${2:-${HL_BENCH_DATA:-/work/bench-data}/handshakes_10pct.pcap}
[ -x "$build/tests/gui-load" ] || { echo "no $build/tests/gui-load (a build with the GUI)"; exit 1; }
HL=$build/app/gui/handshake-lens
cat "$file" >/dev/null
tf=$(mktemp); trap 'rm -f "$tf"' EXIT
/usr/bin/time -o "$tf" -f '%e' "$HL" --report=json "$file" >/dev/null 2>&1
cli=$(tail -1 "$tf")
out=$(GSK_RENDERER=${GSK_RENDERER:-cairo} HL_BUILD_ROOT=$build xvfb-run -a "$build/tests/gui-load" "$file" 2>/dev/null)
echo "$out"
gui=$(echo "$out" | sed -n 's/^loading:.* seconds=\([0-9.]*\).*/\1/p')
echo "cli report: ${cli} s; the window loads it in ${gui} s ($(awk "BEGIN{printf \"%.1f\", $gui / ($cli > 0 ? $cli : 0.01)}")x, with field trees and every connection kept)"
