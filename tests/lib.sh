# Shared by the script tests: finds the binary and the data.
: "${HL_BUILD_ROOT:?run through meson test}"
HL=$HL_BUILD_ROOT/app/gui/handshake-lens
[ -x "$HL" ] || HL=$HL_BUILD_ROOT/app/cli/handshake-lens
HL_TEST_DATA=${HL_TEST_DATA:-$HL_SOURCE_ROOT/tests/data}
# Sanitizer runs must abort (not exit 1) so a finding is never mistaken for
# an "input unreadable" exit.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}:abort_on_error=1
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}:halt_on_error=1:abort_on_error=1
tap_n=0
tap_failed=0
ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
not_ok() { tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1)); echo "not ok $tap_n - $*"; }
check() { # description, command...
  local d=$1; shift
  if "$@"; then ok "$d"; else not_ok "$d"; fi
}
tap_end() { echo "1..$tap_n"; [ "$tap_failed" -eq 0 ]; }
