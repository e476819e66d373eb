#!/usr/bin/env bash
# Probe mode against local servers: good, expired and wrong-name
# certificates (openssl s_server and gnutls-serv) and a closed port.  The
# report must hold the decrypted handshake and the expected primary
# diagnosis.
. "$(dirname "$0")/lib.sh"
for t in openssl gnutls-serv certtool; do
  command -v $t >/dev/null || { echo "1..0 # SKIP $t missing"; exit 0; }
done
tmp=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

# PKI: a CA and leaves (certtool templates take fixed dates).
cat >"$tmp/ca.tmpl" <<T
cn = "Probe Test CA"
ca
cert_signing_key
expiration_days = 3650
T
certtool --generate-privkey --outfile "$tmp/ca.key" >/dev/null 2>&1
certtool --generate-self-signed --load-privkey "$tmp/ca.key" --template "$tmp/ca.tmpl" --outfile "$tmp/ca.pem" >/dev/null 2>&1
leaf() { # name cn dates...
  local n=$1 cn=$2; shift 2
  { echo "cn = \"$cn\""; echo "dns_name = \"$cn\""; echo "tls_www_server"; echo "signing_key"; echo "encryption_key"; printf '%s\n' "$@"; } >"$tmp/$n.tmpl"
  certtool --generate-privkey --outfile "$tmp/$n.key" >/dev/null 2>&1
  certtool --generate-certificate --load-privkey "$tmp/$n.key" --load-ca-certificate "$tmp/ca.pem" \
    --load-ca-privkey "$tmp/ca.key" --template "$tmp/$n.tmpl" --outfile "$tmp/$n.pem" >/dev/null 2>&1
}
leaf good server.test 'expiration_days = 365'
leaf expired server.test 'activation_date = "2020-01-01 00:00:00 UTC"' 'expiration_date = "2021-01-01 00:00:00 UTC"'
leaf wrongname other.test 'expiration_days = 365'

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Servers start in this shell (not in a $(...) subshell) so their pids are
# recorded and the EXIT trap stops them.
start_openssl() { # name -> sets $port
  port=$(free_port)
  openssl s_server -accept "$port" -cert "$tmp/$1.pem" -key "$tmp/$1.key" -cert_chain "$tmp/ca.pem" -www -quiet >/dev/null 2>&1 &
  pids+=($!)
}
start_gnutls() {
  port=$(free_port)
  gnutls-serv -p "$port" --x509certfile "$tmp/$1.pem" --x509keyfile "$tmp/$1.key" >/dev/null 2>&1 &
  pids+=($!)
}
wait_port() { for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; return 1; }

probe() { # port -> json in $tmp/out.json
  "$HL" --probe "127.0.0.1:$1" --sni server.test --ca-file "$tmp/ca.pem" --report=json >"$tmp/out.json" 2>"$tmp/err"
}
expect() { # description, python assertion over c (the connection) and p (primary id)
  local d=$1 a=$2
  if python3 - "$tmp/out.json" "$a" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c = d["connections"][0]
errs = [x for x in c["diagnoses"] if x["severity"] == "error"]
p = errs[0]["id"] if errs else None
msgs = [m["type"] for m in (c["tls"] or {}).get("messages", [])]
ok = eval(sys.argv[2])
if not ok:
    print("# primary:", p, "messages:", msgs, "diagnoses:", [x["id"] for x in c["diagnoses"]])
sys.exit(0 if ok else 1)
PY
  then ok "$d"; else not_ok "$d"; fi
}

for impl in openssl gnutls; do
  start_$impl good; wait_port "$port"
  probe "$port"
  expect "$impl good certificate: no error" "p is None"
  expect "$impl good certificate: handshake decrypted (certificate and both finished listed)" \
    "c['tls']['decrypted'] and 'certificate' in msgs and msgs.count('finished') == 2"
  expect "$impl good certificate: handshake_ok" "any(x['id']=='handshake_ok' for x in c['diagnoses'])"
  start_$impl expired; wait_port "$port"
  probe "$port"
  expect "$impl expired certificate: certificate_expired" "p == 'certificate_expired'"
  expect "$impl expired certificate: the certificate is visible (decrypted)" "'certificate' in msgs"
  start_$impl wrongname; wait_port "$port"
  probe "$port"
  expect "$impl wrong-name certificate: hostname_mismatch" "p == 'hostname_mismatch'"
done
port=$(free_port)
probe "$port"
expect "closed port: connection_refused" "p == 'connection_refused'"
"$HL" --probe "no-such-host.invalid:443" --report=json >"$tmp/out.json" 2>"$tmp/err"; rc=$?
check "unknown host: exit 1 with a message" [ $rc -eq 1 -a -s "$tmp/err" ]
# Save with keys and reopen: the same decrypted report.
start_openssl good; wait_port "$port"
"$HL" --probe "127.0.0.1:$port" --sni server.test --ca-file "$tmp/ca.pem" --report=json --save "$tmp/saved.pcapng" >"$tmp/probe.json" 2>/dev/null
"$HL" --report=json "$tmp/saved.pcapng" --ca-file "$tmp/ca.pem" >"$tmp/reopen.json" 2>/dev/null
check "a saved probe (pcapng with DSB) reopens decrypted" python3 -c "
import json,sys
a=json.load(open(sys.argv[1]))['connections']; b=json.load(open(sys.argv[2]))['connections']
assert b[0]['tls']['decrypted'] and a[0]['tls']['messages']==b[0]['tls']['messages'], (a,b)" "$tmp/probe.json" "$tmp/reopen.json"
tap_end
