#!/usr/bin/env bash
# A pcap stream from a pipe and from a named FIFO gives the same report as
# the file.
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
shopt -s nullglob
files=("$HL_TEST_DATA"/tls13_basic.pcap "$HL_TEST_DATA"/*.pcap)
f=${files[0]:-}
if [ -z "$f" ]; then echo "1..0 # SKIP no test captures"; exit 0; fi
k=${f%.pcap}.keylog; keys=(); [ -f "$k" ] && keys=(--keylog "$k")
"$HL" --report=json "$f" "${keys[@]}" >"$tmp/file.json" 2>/dev/null
cat "$f" | "$HL" --report=json - "${keys[@]}" >"$tmp/pipe.json" 2>"$tmp/err"
check "a pipe on stdin gives the file's report" cmp -s "$tmp/file.json" "$tmp/pipe.json"
mkfifo "$tmp/fifo"
# Write slowly in two halves, as a live capture would.
( head -c 3000 "$f"; sleep 0.5; tail -c +3001 "$f" ) >"$tmp/fifo" &
"$HL" --report=json "$tmp/fifo" "${keys[@]}" >"$tmp/fifo.json" 2>"$tmp/err"
wait
check "a named FIFO gives the file's report" cmp -s "$tmp/file.json" "$tmp/fifo.json"
gzip -c "$f" >"$tmp/c.pcap.gz"
"$HL" --report=json "$tmp/c.pcap.gz" "${keys[@]}" >"$tmp/gz.json" 2>/dev/null
check "a gzip-compressed capture gives the same report" cmp -s "$tmp/file.json" "$tmp/gz.json"
gzip -c "$f" | "$HL" --report=json - "${keys[@]}" >"$tmp/gzpipe.json" 2>/dev/null
check "a gzip stream on stdin gives the same report" cmp -s "$tmp/file.json" "$tmp/gzpipe.json"
# A stream cut off mid-packet: exit 1, a message, the connections so far.
head -c 2500 "$f" | "$HL" --report=json - >"$tmp/cut.json" 2>"$tmp/err"; rc=$?
check "a stream that breaks off exits 1 with a message" [ $rc -eq 1 -a -s "$tmp/err" ]
check "and still prints a JSON report" python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$tmp/cut.json"
tap_end
