#!/usr/bin/env bash
# Runs the whole test suite: a normal build (with the GUI tests under Xvfb)
# and an AddressSanitizer/UBSan build of the engine, CLI and tests.
# Prints "Tests: N passed, N failed" as its last line.
set -u
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=${JOBS:-$(nproc)}
passed=0
failed=0

count() { # $1 = build dir
  python3 - "$1/meson-logs/testlog.json" <<'PY'
import json, sys
p = f = 0
try:
    for line in open(sys.argv[1]):
        r = json.loads(line).get("result")
        if r in ("OK", "EXPECTEDFAIL"):
            p += 1
        elif r in ("FAIL", "TIMEOUT", "ERROR", "UNEXPECTEDPASS"):
            f += 1
except OSError:
    f += 1
print(p, f)
PY
}

run_suite() { # $1 = build dir, $2.. = meson setup options
  local dir=$1; shift
  if [ ! -d "$dir" ]; then
    meson setup "$dir" "$@" >/dev/null || { failed=$((failed + 1)); echo "setup of $dir failed"; return; }
  fi
  if ! ninja -C "$dir" -j "$jobs" >"$dir.build.log" 2>&1; then
    tail -40 "$dir.build.log"
    echo "build in $dir failed"
    failed=$((failed + 1))
    return
  fi
  local wrap=()
  if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
    wrap=(xvfb-run -a -s "-screen 0 1600x1000x24")
  fi
  "${wrap[@]}" meson test -C "$dir" --num-processes "$jobs" --print-errorlogs "${MESON_TEST_ARGS[@]}" || true
  read -r p f < <(count "$dir")
  passed=$((passed + p)); failed=$((failed + f))
}

MESON_TEST_ARGS=()
run_suite build
if [ "${HL_SKIP_ASAN:-0}" != 1 ]; then
  # The sanitizer build covers the engine and CLI (GTK is not built there).
  MESON_TEST_ARGS=(--suite unit --suite script)
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    run_suite build-asan -Dgui=false -Db_sanitize=address,undefined -Dbuildtype=debug
fi
echo "Tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
