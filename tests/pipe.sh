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
# A live stream: the report of a finished connection comes out while the
# stream is still open (no batching, stdout line-buffered even into a file).
# The capture plus its last frame again, 10 s later, so the first is done.
python3 - "$f" "$tmp/late.pcap" <<'PY'
import struct, sys
src = open(sys.argv[1], 'rb').read()
big = src[:4] == b'\xa1\xb2\xc3\xd4' or src[:4] == b'\xa1\xb2\x3c\x4d'
e = '>' if big else '<'
pos, last = 24, None
while pos + 16 <= len(src):
    ts, frac, incl, orig = struct.unpack(e + 'IIII', src[pos:pos + 16])
    last = (ts, frac, src[pos + 16:pos + 16 + incl])
    pos += 16 + incl
ts, frac, data = last
open(sys.argv[2], 'wb').write(src + struct.pack(e + 'IIII', ts + 10, frac, len(data), len(data)) + data)
PY
mkfifo "$tmp/live"
( cat "$tmp/late.pcap"; sleep 6 ) >"$tmp/live" &
"$HL" --report=text "$tmp/live" >"$tmp/live.txt" 2>/dev/null &
hl_pid=$!
sleep 3
check "a stream's finished connection is reported while the stream is open" grep -q "^Connection 1" "$tmp/live.txt"
wait "$hl_pid"
wait
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
