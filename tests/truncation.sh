#!/usr/bin/env bash
# Every bundled test capture cut at many offsets and with random byte flips:
# the CLI must exit 0 or 1 (with a message on 1), never crash or hang.
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
CUTS=${HL_TRUNC_CUTS:-24}
FLIPS=${HL_TRUNC_FLIPS:-12}

run_one() { # file, description
  timeout 20 "$HL" --report=json "$1" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ $rc -eq 0 ]; then return 0; fi
  if [ $rc -eq 1 ] && [ -s "$tmp/err" ]; then return 0; fi
  echo "# $2: exit $rc"; sed 's/^/#   /' "$tmp/err" | head -20
  cp "$1" "$HL_BUILD_ROOT/truncation-failure-$(basename "$1")" 2>/dev/null
  return 1
}

shopt -s nullglob
for f in "$HL_TEST_DATA"/*.pcap "$HL_TEST_DATA"/*.pcapng; do
  name=$(basename "$f")
  size=$(stat -c %s "$f")
  fails=0
  python3 - "$f" "$tmp" "$CUTS" "$FLIPS" <<'PY'
import random, sys, os
path, tmp, cuts, flips = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
data = open(path, "rb").read()
rng = random.Random(len(data))  # deterministic per file
n = 0
offs = sorted(set([0, 1, 4, 23, 24, 25, 40] + [rng.randrange(len(data)) for _ in range(cuts)]))
for o in offs:
    if o < len(data):
        open(os.path.join(tmp, "cut-%06d.pcap" % n), "wb").write(data[:o]); n += 1
for i in range(flips):
    b = bytearray(data)
    for _ in range(1 + i % 8):
        p = rng.randrange(len(b))
        b[p] = rng.randrange(256)
    open(os.path.join(tmp, "flip-%06d.pcap" % i), "wb").write(bytes(b))
PY
  for v in "$tmp"/cut-*.pcap "$tmp"/flip-*.pcap; do
    run_one "$v" "$name $(basename "$v")" || fails=$((fails + 1))
    rm -f "$v"
  done
  if [ $fails -eq 0 ]; then ok "$name: cuts and byte flips handled"; else not_ok "$name: $fails variants crashed or hung"; fi
done
tap_end
