#!/usr/bin/env bash
# Benchmarks: handshake-lens --report=json vs `tcpdump -r FILE -w /dev/null`
# (a bare libpcap read of every packet) on the same file in the same run.
# Prints time ratios (wall clock, and CPU = user + system, which a machine
# shared with other work disturbs much less) and peak RSS.  No assertions:
# figures go into notes.
#
#   bash tests/bench/run.sh [BUILD_DIR] [WORKLOAD_DIR]
# Measure the build users get (the Flatpak's options):
#   meson setup build-rel -Dbuildtype=release -Db_lto=true && ninja -C build-rel
#   REPEAT=3 bash tests/bench/run.sh build-rel
# WORKLOAD_DIR comes from ../shared/bench/make-workloads.sh (default
# /work/bench-data or ./bench-data).  Also measures decryption cost on a
# keyed workload this script builds itself (tests/bench/make-keyed.py).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
data=${2:-${HL_BENCH_DATA:-/work/bench-data}}
HL=$build/app/gui/handshake-lens; [ -x "$HL" ] || HL=$build/app/cli/handshake-lens
REPEAT=${REPEAT:-1}

measure() { # prints "wall_s cpu_s maxrss_kb" of the best (by CPU) of REPEAT runs
  local best_t= best_c= best_m=
  for _ in $(seq "$REPEAT"); do
    local out tf t c m
    tf=$(mktemp)
    /usr/bin/time -o "$tf" -f '%e %U %S %M' "$@" >/dev/null 2>/dev/null
    out=$(tail -1 "$tf"); rm -f "$tf"
    read -r t u sy m <<<"$out"
    c=$(awk "BEGIN{print $u + $sy}")
    if [ -z "$best_c" ] || awk "BEGIN{exit !($c < $best_c)}"; then best_t=$t; best_c=$c; best_m=$m; fi
  done
  echo "$best_t $best_c $best_m"
}

ratio() { awk "BEGIN{printf \"%.2f\", $1 / ($2 > 0 ? $2 : 0.01)}"; }

printf '%-24s %8s %10s %7s %7s %10s %7s %7s %9s\n' workload size_MB tcpdump_s hl_s ratio \
  tcpdump_cpu hl_cpu cpu_rat hl_rss_MB
for f in "$data"/handshakes_10pct.pcap "$data"/handshakes_30pct.pcap "$data"/handshakes.pcap \
         "$data"/bulk_10pct.pcap "$data"/bulk.pcap; do
  [ -f "$f" ] || continue
  size=$(( $(stat -c %s "$f") / 1048576 ))
  cat "$f" >/dev/null  # warm the page cache for both
  read -r tt tc tm < <(measure tcpdump -r "$f" -w /dev/null)
  read -r ht hc hm < <(measure "$HL" --report=json "$f")
  printf '%-24s %8s %10s %7s %7s %10s %7s %7s %9.1f\n' "$(basename "$f")" "$size" "$tt" "$ht" \
    "$(ratio "$ht" "$tt")x" "$tc" "$hc" "$(ratio "$hc" "$tc")x" "$(awk "BEGIN{print $hm/1024}")"
done

# Decryption cost: the same keyed workload with and without its key log.
keyed=$build/bench-keyed
mkdir -p "$keyed"
if python3 "$here/make-keyed.py" "$root/tests/data" "$keyed" ${KEYED_CONNS:-20000}; then
  cat "$keyed/keyed.pcap" >/dev/null
  read -r tt tc tm < <(measure tcpdump -r "$keyed/keyed.pcap" -w /dev/null)
  read -r nt nc nm < <(measure "$HL" --report=json "$keyed/keyed.pcap")
  read -r kt kc km < <(measure "$HL" --report=json "$keyed/keyed.pcap" --keylog "$keyed/keyed.keylog")
  printf '%-24s %8s %10s %7s %7s %10s %7s %7s %9.1f   (no keys)\n' keyed.pcap \
    "$(( $(stat -c %s "$keyed/keyed.pcap") / 1048576 ))" "$tt" "$nt" "$(ratio "$nt" "$tt")x" \
    "$tc" "$nc" "$(ratio "$nc" "$tc")x" "$(awk "BEGIN{print $nm/1024}")"
  printf '%-24s %8s %10s %7s %7s %10s %7s %7s %9.1f   (with key log)\n' keyed.pcap "" "$tt" "$kt" \
    "$(ratio "$kt" "$tt")x" "$tc" "$kc" "$(ratio "$kc" "$tc")x" "$(awk "BEGIN{print $km/1024}")"
  echo "decryption cost: $(ratio "$kt" "$nt")x the wall time, $(ratio "$kc" "$nc")x the CPU time without keys"
fi
