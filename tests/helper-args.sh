#!/usr/bin/env bash
# The capture helper validates its arguments and refuses everything else.
. "$(dirname "$0")/lib.sh"
H=$HL_BUILD_ROOT/app/cli/handshake-lens-capture
refuses() { # description, args...
  local d=$1; shift
  "$H" "$@" >/dev/null 2>&1 </dev/null
  local rc=$?
  if [ $rc -eq 2 ]; then ok "refuses $d"; else not_ok "refuses $d (exit $rc)"; fi
}
refuses "no arguments"
refuses "an unknown option" --foo
refuses "a shell metacharacter in the interface" -i 'lo;id'
refuses "an interface name that is too long" -i 'abcdefghijklmnopq'
refuses "an interface name that looks like an option" -i '-x'
refuses "two interfaces" -i lo -i eth0
refuses "a filter with control characters" -i lo -f "$(printf 'tcp\nport 1')"
refuses "a filter longer than 1024 characters" -i lo -f "$(head -c 1100 /dev/zero | tr '\0' 'a')"
refuses "a non-numeric count" -i lo -c 12x
refuses "a zero count" -i lo -c 0
refuses "a stray argument" -i lo extra
"$H" --list >/dev/null 2>&1; rc=$?
check "--list works (exit 0 or 1 without permission)" [ $rc -eq 0 -o $rc -eq 1 ]
tap_end
