#!/usr/bin/env bash
# Key logs through the command line: a wrong key log gives keylog_mismatch
# (not garbage fields); junk lines around the right keys are tolerated; a
# pcapng with a Decryption Secrets Block needs no key log.
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
f13=$HL_TEST_DATA/tls13_basic.pcap; k13=$HL_TEST_DATA/tls13_basic.keylog
f12=$HL_TEST_DATA/tls12_ecdhe.pcap; k12=$HL_TEST_DATA/tls12_ecdhe.keylog
for x in "$f13" "$k13" "$f12" "$k12"; do [ -f "$x" ] || { echo "1..0 # SKIP $x missing"; exit 0; }; done

q() { # json-file python-expression over c (first TLS connection)
  python3 - "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c = next(c for c in d["connections"] if c["tls"])
ids = [x["id"] for x in c["diagnoses"]]
msgs = [m["type"] for m in c["tls"]["messages"]]
sys.exit(0 if eval(sys.argv[2]) else 1)
PY
}

# The right client randoms with wrong secrets (every hex digit flipped).
wrong() { awk '{ s=$3; gsub(/0/,"x",s); gsub(/1/,"0",s); gsub(/x/,"1",s); print $1, $2, s }' "$1"; }
wrong "$k13" >"$tmp/wrong13.keylog"
"$HL" --report=json "$f13" --keylog "$tmp/wrong13.keylog" >"$tmp/w13.json" 2>/dev/null
check "TLS 1.3, wrong secrets: keylog says mismatch" q "$tmp/w13.json" "c['tls']['keylog'] == 'mismatch'"
check "TLS 1.3, wrong secrets: keylog_mismatch diagnosis" q "$tmp/w13.json" "'keylog_mismatch' in ids"
check "TLS 1.3, wrong secrets: no decrypted messages invented" q "$tmp/w13.json" "msgs == ['client_hello', 'server_hello'] and not c['tls']['decrypted']"
wrong "$k12" >"$tmp/wrong12.keylog"
"$HL" --report=json "$f12" --keylog "$tmp/wrong12.keylog" >"$tmp/w12.json" 2>/dev/null
check "TLS 1.2, wrong master secret: keylog_mismatch" q "$tmp/w12.json" "c['tls']['keylog'] == 'mismatch' and 'keylog_mismatch' in ids"

{ echo "# a comment"; echo; echo "this is not a key log line"; printf 'CLIENT_RANDOM zz\r\n';
  sed 's/$/\r/' "$k13"; echo "GARBAGE 1234"; } >"$tmp/junk13.keylog"
"$HL" --report=json "$f13" --keylog "$tmp/junk13.keylog" >"$tmp/j13.json" 2>/dev/null
check "junk lines and CRLF around the keys: still decrypted" q "$tmp/j13.json" "c['tls']['keylog'] == 'matched' and 'finished' in msgs and 'certificate' in msgs"
"$HL" --report=json "$f13" >"$tmp/n13.json" 2>/dev/null
check "no key log: the key log is missing and the encrypted part is not listed" q "$tmp/n13.json" "c['tls']['keylog'] == 'missing' and 'certificate' not in msgs"
"$HL" --report=json "$f13" --keylog "$k13" >"$tmp/r13.json" 2>/dev/null
if [ -f "$HL_TEST_DATA/tls13_basic-dsb.pcapng" ]; then
  "$HL" --report=json "$HL_TEST_DATA/tls13_basic-dsb.pcapng" >"$tmp/d13.json" 2>/dev/null
  check "pcapng with a DSB decrypts like the separate key log" python3 -c "
import json,sys
a=json.load(open(sys.argv[1]))['connections'][0]['tls']; b=json.load(open(sys.argv[2]))['connections'][0]['tls']
assert a['messages']==b['messages'] and b['decrypted'], (a['messages'], b['messages'])" "$tmp/r13.json" "$tmp/d13.json"
fi
tap_end
