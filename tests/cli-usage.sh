#!/usr/bin/env bash
# The command line: exit codes and messages (0 ok, 1 unreadable input, 2 usage).
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$HL" --version >"$tmp/out" 2>&1; check "--version exits 0" [ $? -eq 0 ]
check "--version prints the version" grep -q '^handshake-lens [0-9]' "$tmp/out"

"$HL" --report=json >"$tmp/out" 2>"$tmp/err"; rc=$?
check "no file is a usage error (2)" [ $rc -eq 2 ]
check "no file says so" grep -q 'no capture file' "$tmp/err"

"$HL" --report=xml x.pcap >"$tmp/out" 2>"$tmp/err"; rc=$?
check "unknown format is a usage error (2)" [ $rc -eq 2 ]

"$HL" --bogus-option >"$tmp/out" 2>"$tmp/err"; rc=$?
check "unknown option is a usage error (2)" [ $rc -eq 2 ]

"$HL" --report=json "$tmp/does-not-exist.pcap" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "missing file exits 1" [ $rc -eq 1 ]
check "missing file names the file" grep -q 'does-not-exist.pcap' "$tmp/err"
check "missing file still prints one JSON document" python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$tmp/out"

printf 'PK\003\004not a capture at all' >"$tmp/zip.pcap"
"$HL" --report=json "$tmp/zip.pcap" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "wrong magic exits 1" [ $rc -eq 1 ]
check "wrong magic explains what the file is not" grep -qi 'not a pcap' "$tmp/err"

: >"$tmp/empty.pcap"
"$HL" --report=text "$tmp/empty.pcap" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "empty file exits 1 with a message" [ $rc -eq 1 -a -s "$tmp/err" ]

ex=$(ls "$HL_TEST_DATA"/*.pcap 2>/dev/null | head -1)
if [ -n "$ex" ]; then
  "$HL" --report=json "$ex" >"$tmp/out" 2>"$tmp/err"; rc=$?
  check "a test capture exits 0" [ $rc -eq 0 ]
  check "stdout is exactly one JSON document" python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['connections']" "$tmp/out"
  "$HL" --report=json - <"$ex" >"$tmp/out2" 2>"$tmp/err"; rc=$?
  check "standard input (-) gives the same report" cmp -s "$tmp/out" "$tmp/out2"
  printf 'junk line\n# comment\n\r\n' >"$tmp/junk.keylog"
  "$HL" --report=json "$ex" --keylog "$tmp/junk.keylog" >"$tmp/out3" 2>"$tmp/err"; rc=$?
  check "a key log of junk lines is tolerated" [ $rc -eq 0 ]
fi
# The CLI builds no field trees (hl_engine_set_keep_fields FALSE); its
# reports must equal the goldens, which test-golden makes with trees kept.
diffs=0; n=0
for g in "$HL_TEST_DATA"/*.json; do
  s=${g%.json}; c=$s.pcap; [ -f "$c" ] || c=$s.pcapng; [ -f "$c" ] || continue
  k=(); [ -f "$s.keylog" ] && k=(--keylog "$(basename "$s.keylog")")
  n=$((n + 1))
  (cd "$HL_TEST_DATA" && "$HL" --report=json "$(basename "$c")" "${k[@]}" 2>/dev/null) | cmp -s - "$g" || { diffs=$((diffs + 1)); echo "# differs: $(basename "$c")"; }
done
check "the CLI's reports equal the $n goldens (field trees off changes nothing)" [ $diffs -eq 0 ]
tap_end
