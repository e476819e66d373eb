#!/usr/bin/env bash
# Live capture: the capture helper on `lo` while a real handshake runs gives
# the same report as tcpdump's recording of the same packets.  Needs root
# (CI runs as root); skipped otherwise.
. "$(dirname "$0")/lib.sh"
if [ "$(id -u)" != 0 ] || ! command -v tcpdump >/dev/null || ! command -v openssl >/dev/null; then
  echo "1..0 # SKIP needs root, tcpdump and openssl"; exit 0
fi
tmp=$(mktemp -d); [ -n "${HL_KEEP_TMP:-}" ] && echo "# tmp: $tmp"
H=$HL_BUILD_ROOT/app/cli/handshake-lens-capture
port=$((20000 + RANDOM % 20000))
cleanup() { kill $srv $hp $td 2>/dev/null; wait 2>/dev/null; [ -n "${HL_KEEP_TMP:-}" ] || rm -rf "$tmp"; }
trap cleanup EXIT
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/k.pem" -out "$tmp/c.pem" -days 30 \
  -subj /CN=live.test -addext subjectAltName=DNS:live.test >/dev/null 2>&1
openssl s_server -accept "$port" -cert "$tmp/c.pem" -key "$tmp/k.pem" -www -quiet >/dev/null 2>&1 & srv=$!
sleep 0.5
"$H" -i lo -f "tcp port $port" >"$tmp/helper.pcap" 2>"$tmp/helper.err" & hp=$!
tcpdump -i lo -U -s 0 -w "$tmp/tcpdump.pcap" "tcp port $port" >/dev/null 2>&1 & td=$!
sleep 1
printf 'GET / HTTP/1.0\r\n\r\n' | timeout 5 openssl s_client -connect 127.0.0.1:$port -servername live.test \
  -keylogfile "$tmp/keys.log" -quiet >/dev/null 2>&1
sleep 1
kill -INT $hp $td; wait $hp $td 2>/dev/null
"$HL" --report=json "$tmp/helper.pcap" --keylog "$tmp/keys.log" >"$tmp/helper.json" 2>/dev/null
"$HL" --report=json "$tmp/tcpdump.pcap" --keylog "$tmp/keys.log" >"$tmp/tcpdump.json" 2>/dev/null
check "the helper recorded a capture" test -s "$tmp/helper.pcap"
strip() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d.pop('stats',None); print(json.dumps(d['connections'],sort_keys=True))" "$1"; }
check "the live report has the TLS handshake" python3 -c "
import json,sys; d=json.load(open(sys.argv[1]))
c=d['connections'][0]; t=[m['type'] for m in c['tls']['messages']]
assert 'client_hello' in t and 'finished' in t, t" "$tmp/helper.json"
check "the live capture's report equals the tcpdump recording's" [ "$(strip "$tmp/helper.json")" = "$(strip "$tmp/tcpdump.json")" ]
# The same stream piped straight into the app (the sandbox path).
"$H" -i lo -f "tcp port $port" 2>/dev/null | timeout 10 "$HL" --report=json - --keylog "$tmp/keys.log" >"$tmp/live.json" 2>/dev/null & pp=$!
sleep 1
printf 'GET / HTTP/1.0\r\n\r\n' | timeout 5 openssl s_client -connect 127.0.0.1:$port -servername live.test \
  -keylogfile "$tmp/keys.log" -quiet >/dev/null 2>&1
sleep 1
pkill -INT -f "handshake-lens-capture -i lo -f tcp port $port"
wait $pp 2>/dev/null
# Keys are read from the key log as the client appends them; on loopback the
# ServerHello can reach the app before the client has written its secrets,
# so only the plaintext part is asserted here (the recorded-file comparison
# above covers decryption).
check "helper | handshake-lens - reports the live handshake" python3 -c "
import json,sys; d=json.load(open(sys.argv[1]))
assert any(c['tls'] and [m['type'] for m in c['tls']['messages']][:2]==['client_hello','server_hello'] for c in d['connections'])" "$tmp/live.json"
tap_end
