#!/usr/bin/env bash
# Seeds the fuzz corpora from tests/data (captures, key logs, certificates).
# Idempotent: seeds are named after their source.
set -u
cd "$(dirname "$0")"
data=../data
c=corpus
shopt -s nullglob
for f in "$data"/*.pcap "$data"/*.pcapng; do
  n=$(basename "$f")
  # keep seeds small: first 8 KiB of each capture
  [ -f "$c/fuzz-capture/seed-$n" ] || head -c 8192 "$f" >"$c/fuzz-capture/seed-$n"
done
for f in "$data"/*.keylog; do
  n=$(basename "$f")
  [ -f "$c/fuzz-keylog/seed-$n" ] || head -c 4096 "$f" >"$c/fuzz-keylog/seed-$n"
done
for f in "$data"/certs/*.der ../gen/certs/*.der; do
  n=$(basename "$f")
  [ -f "$c/fuzz-certificate/seed-$n" ] || cp "$f" "$c/fuzz-certificate/seed-$n"
done
# TLS streams: payload bytes of the first client and server TCP payloads of
# each capture, extracted with tshark when available, in fuzz-tls's framing.
if command -v tshark >/dev/null; then
  for f in "$data"/*.pcap; do
    n=$(basename "$f" .pcap)
    out="$c/fuzz-tls/seed-$n"
    [ -f "$out" ] && continue
    tshark -r "$f" -Y 'tcp.len > 0' -T fields -e tcp.srcport -e tcp.payload 2>/dev/null | head -12 | python3 -c '
import sys
out = bytearray()
ports = []
for line in sys.stdin:
    parts = line.split()
    if len(parts) < 2: continue
    port, hexs = parts[0], parts[1].replace(":", "")
    if port not in ports: ports.append(port)
    d = bytes.fromhex(hexs)
    while d:
        n = min(len(d), 253 * 4 + 1)
        k = (n - 1) // 4
        n = 1 + 4 * k
        out.append((k & ~1) | (ports.index(port) & 1))
        out += d[:n]; d = d[n:]
open(sys.argv[1], "wb").write(out)' "$out"
  done
fi
for t in fuzz-capture fuzz-packet fuzz-tcp fuzz-tls fuzz-certificate fuzz-keylog fuzz-decrypt; do
  mkdir -p "$c/$t"
  [ -n "$(ls "$c/$t")" ] || printf '\x00\x00\x10hello' >"$c/$t/seed-minimal"
done
