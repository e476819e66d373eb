#!/usr/bin/env bash
# Builds the libFuzzer targets with clang + ASan/UBSan and runs each for
# SECONDS (default 60), one after the other.  Inputs: the committed corpus
# tests/fuzz/corpus/<target>/ (seeds and regressions) and seeds cut from the
# shared corpus (build-fuzz/seeds/<target>/); the grown corpus is kept in
# build-fuzz/corpus/<target>/ (not committed).  Prints each target's
# executions and coverage.  Crash, timeout and OOM inputs are written to
# build-fuzz/crashes/; after fixing, copy them (minimised) into
# tests/fuzz/corpus/<target>/ so the replay tests keep them as regressions.
#   bash tests/fuzz/run.sh [SECONDS] [TARGET...]
set -u
cd "$(dirname "$0")/../.."
secs=${1:-60}; shift || true
targets=${*:-fuzz-capture fuzz-packet fuzz-tcp fuzz-tls fuzz-certificate fuzz-keylog fuzz-decrypt}
if [ ! -d build-fuzz ]; then
  CC=clang meson setup build-fuzz -Dgui=false -Dfuzzing=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link -Dbuildtype=debugoptimized >/dev/null || exit 1
fi
ninja -C build-fuzz >/dev/null || exit 1
bash tests/fuzz/make-seeds.sh "$PWD/build-fuzz/seeds"
mkdir -p build-fuzz/crashes
printf '%-18s %12s %8s %8s %s\n' target executions cov ft result
for t in $targets; do
  mkdir -p "build-fuzz/corpus/$t" "build-fuzz/seeds/$t"
  log=build-fuzz/$t.log
  ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ./build-fuzz/tests/fuzz/$t -max_total_time="$secs" -rss_limit_mb=2048 -max_len=65536 \
    -timeout=10 -artifact_prefix=build-fuzz/crashes/$t- \
    "build-fuzz/corpus/$t" "tests/fuzz/corpus/$t" "build-fuzz/seeds/$t" >"$log" 2>&1
  rc=$?
  line=$(grep -E '^#[0-9]+' "$log" | tail -1)
  execs=$(echo "$line" | sed -E 's/^#([0-9]+).*/\1/')
  cov=$(echo "$line" | sed -nE 's/.*cov: ([0-9]+).*/\1/p')
  ft=$(echo "$line" | sed -nE 's/.*ft: ([0-9]+).*/\1/p')
  printf '%-18s %12s %8s %8s %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$([ $rc -eq 0 ] && echo ok || echo "CRASH (see $log)")"
done
