#!/usr/bin/env bash
# Benchmarks: handshake-lens --report=json vs `tcpdump -r FILE -w /dev/null`
# (a bare libpcap read of every packet) on the same file in the same run.
# Prints time ratio and peak RSS.  No assertions: figures go into notes.
#
#   bash tests/bench/run.sh [BUILD_DIR] [WORKLOAD_DIR]
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

measure() { # prints "seconds maxrss_kb" of the best of REPEAT runs
  local best_t= best_m=
  for _ in $(seq "$REPEAT"); do
    local out tf
    tf=$(mktemp)
    /usr/bin/time -o "$tf" -f '%e %M' "$@" >/dev/null 2>/dev/null
    out=$(tail -1 "$tf"); rm -f "$tf"
    local t=${out% *} m=${out#* }
    if [ -z "$best_t" ] || awk "BEGIN{exit !($t < $best_t)}"; then best_t=$t; best_m=$m; fi
  done
  echo "$best_t $best_m"
}

printf '%-24s %9s %9s %9s %7s %10s\n' workload size_MB tcpdump_s hl_s ratio hl_rss_MB
for f in "$data"/handshakes_10pct.pcap "$data"/handshakes_30pct.pcap "$data"/handshakes.pcap \
         "$data"/bulk_10pct.pcap "$data"/bulk.pcap; do
  [ -f "$f" ] || continue
  size=$(( $(stat -c %s "$f") / 1048576 ))
  cat "$f" >/dev/null  # warm the page cache for both
  read -r tt tm < <(measure tcpdump -r "$f" -w /dev/null)
  read -r ht hm < <(measure "$HL" --report=json "$f")
  ratio=$(awk "BEGIN{printf \"%.2f\", $ht / ($tt > 0 ? $tt : 0.01)}")
  printf '%-24s %9s %9s %9s %7s %10.1f\n' "$(basename "$f")" "$size" "$tt" "$ht" "${ratio}x" "$(awk "BEGIN{print $hm/1024}")"
done

# Decryption cost: the same keyed workload with and without its key log.
keyed=$build/bench-keyed
mkdir -p "$keyed"
if python3 "$here/make-keyed.py" "$root/tests/data" "$keyed" ${KEYED_CONNS:-20000}; then
  cat "$keyed/keyed.pcap" >/dev/null
  read -r tt tm < <(measure tcpdump -r "$keyed/keyed.pcap" -w /dev/null)
  read -r nt nm < <(measure "$HL" --report=json "$keyed/keyed.pcap")
  read -r kt km < <(measure "$HL" --report=json "$keyed/keyed.pcap" --keylog "$keyed/keyed.keylog")
  printf '%-24s %9s %9s %9s %7s %10.1f   (no keys)\n' keyed.pcap "$(( $(stat -c %s "$keyed/keyed.pcap") / 1048576 ))" "$tt" "$nt" \
    "$(awk "BEGIN{printf \"%.2f\", $nt / ($tt > 0 ? $tt : 0.01)}")x" "$(awk "BEGIN{print $nm/1024}")"
  printf '%-24s %9s %9s %9s %7s %10.1f   (with key log)\n' keyed.pcap "" "$tt" "$kt" \
    "$(awk "BEGIN{printf \"%.2f\", $kt / ($tt > 0 ? $tt : 0.01)}")x" "$(awk "BEGIN{print $km/1024}")"
  echo "decryption cost: $(awk "BEGIN{printf \"%.2f\", $kt / ($nt > 0 ? $nt : 0.01)}")x the time without keys"
fi
