#!/usr/bin/env bash
# Records the project's test captures: real handshakes between real OpenSSL,
# GnuTLS and Python (ssl module) peers inside two private network namespaces
# joined by a veth pair. Must run as root (ip netns, tcpdump, nft).
#
#   record.sh                 record every scenario
#   record.sh NAME...         record only these scenarios
#   record.sh --list          list the scenarios
#   record.sh --summary       only rebuild tests/data/scenarios.tsv and check
#                             the recorded captures
#
# Each scenario writes tests/data/NAME.pcap, NAME.cmd (the exact commands)
# and NAME.keylog (when the client logged secrets). The capture is taken on
# the client's interface, as a user capturing on their own machine would.
# Afterwards tests/data/scenarios.tsv is rebuilt from the table in
# scenarios.sh and the alerts tshark actually finds in each capture.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
data=$(cd "$here/../data" && pwd)
certs=$here/certs
PY=${PYTHON:-/usr/bin/python3}
[ -x "$PY" ] || PY=$(command -v python3)

NS_C=hlgen-c
NS_S=hlgen-s
IF_C=hlc0
IF_S=hls0
C_IP=10.99.0.1
S_IP=10.99.0.2
C_IP6=fd00:99::1
S_IP6=fd00:99::2
PORT=443
CLIENT_TIMEOUT=15 # safety net for clients that are expected to finish

# shellcheck source=scenarios.sh
. "$here/scenarios.sh"

# ---------------------------------------------------------------- network

net_down() {
  local ns pid
  for ns in "$NS_C" "$NS_S"; do
    if ip netns list | grep -qw "$ns"; then
      # Processes still in our namespaces were started by this script.
      for pid in $(ip netns pids "$ns" 2>/dev/null); do
        kill -TERM "$pid" 2>/dev/null
      done
      sleep 0.1
      for pid in $(ip netns pids "$ns" 2>/dev/null); do
        kill -KILL "$pid" 2>/dev/null
      done
      ip netns del "$ns"
    fi
  done
}

net_up() { # [mtu]
  local mtu=${1:-1500}
  net_down
  ip netns add "$NS_C"
  ip netns add "$NS_S"
  ip link add "$IF_C" netns "$NS_C" type veth peer name "$IF_S" netns "$NS_S"
  ip -n "$NS_C" link set lo up
  ip -n "$NS_S" link set lo up
  # One TCP segment per frame: no GSO/TSO super-frames in the capture.
  ip -n "$NS_C" link set "$IF_C" mtu "$mtu" gso_max_segs 1
  ip -n "$NS_S" link set "$IF_S" mtu "$mtu" gso_max_segs 1
  ip -n "$NS_C" addr add "$C_IP/24" dev "$IF_C"
  ip -n "$NS_S" addr add "$S_IP/24" dev "$IF_S"
  if [ "$mtu" -ge 1280 ]; then
    ip -n "$NS_C" addr add "$C_IP6/64" dev "$IF_C" nodad
    ip -n "$NS_S" addr add "$S_IP6/64" dev "$IF_S" nodad
  fi
  ip -n "$NS_C" link set "$IF_C" up
  ip -n "$NS_S" link set "$IF_S" up
  # Static neighbour entries: no ARP/ND wait before the first SYN.
  local mac_c mac_s
  mac_c=$(ip -n "$NS_C" -br link show "$IF_C" | awk '{print $3}')
  mac_s=$(ip -n "$NS_S" -br link show "$IF_S" | awk '{print $3}')
  ip -n "$NS_C" neigh replace "$S_IP" lladdr "$mac_s" dev "$IF_C" nud permanent
  ip -n "$NS_S" neigh replace "$C_IP" lladdr "$mac_c" dev "$IF_S" nud permanent
  if [ "$mtu" -ge 1280 ]; then
    ip -n "$NS_C" neigh replace "$S_IP6" lladdr "$mac_s" dev "$IF_C" nud permanent
    ip -n "$NS_S" neigh replace "$C_IP6" lladdr "$mac_c" dev "$IF_S" nud permanent
  fi
}

# ---------------------------------------------------------------- scenario steps

SCN=
WORK=
TD_PID=
SERVER_PIDS=()

cmdlog() { printf '%s\n' "$*" >> "$WORK/$SCN.cmd"; }

quote() { # prints its arguments shell-quoted, space separated
  local out='' a
  for a in "$@"; do
    if [[ $a =~ ^[A-Za-z0-9_./:=@,+%-]+$ ]]; then out+="$a "; else out+="$(printf '%q' "$a") "; fi
  done
  printf '%s' "${out% }"
}

begin() { # NAME [mtu]
  SCN=$1
  WORK=$TMPROOT/$SCN
  rm -rf "$WORK"
  mkdir -p "$WORK"
  ln -s "$certs" "$WORK/certs"
  ln -s "$here/hlnet.py" "$WORK/hlnet.py"
  SERVER_PIDS=()
  net_up "${2:-1500}"
  {
    echo "# scenario $SCN: $(scenario_field "$SCN" 2)"
    echo "# server: netns $NS_S, $S_IP (and $S_IP6 when IPv6 is up); client: netns $NS_C, $C_IP ($C_IP6)"
    echo "# veth $IF_C <-> $IF_S, mtu ${2:-1500}, gso_max_segs 1; commands run in a directory where certs/ is tests/gen/certs"
    echo "# capture (client netns): tcpdump -i $IF_C --immediate-mode -U -s 0 -B 32768 -w $SCN.pcap tcp"
  } > "$WORK/$SCN.cmd"
  ip netns exec "$NS_C" tcpdump -i "$IF_C" --immediate-mode -U -s 0 -B 32768 -Z root -w "$WORK/$SCN.pcap" tcp \
    2> "$WORK/tcpdump.log" &
  TD_PID=$!
  local i
  for i in $(seq 50); do
    grep -q "listening on" "$WORK/tcpdump.log" 2>/dev/null && break
    sleep 0.1
  done
}

nft_rules() { # ruleset text, loaded in the server namespace
  printf '%s\n' "$1" > "$WORK/rules.nft"
  ip netns exec "$NS_S" nft -f "$WORK/rules.nft" || echo "!! nft failed in $SCN" >&2
  { echo "nft (server netns):"; sed 's/^/  /' "$WORK/rules.nft"; } >> "$WORK/$SCN.cmd"
}

wait_port() { # ns port
  local i
  for i in $(seq 100); do
    if ip netns exec "$1" ss -Hltn "sport = :$2" | grep -q .; then return 0; fi
    sleep 0.05
  done
  echo "!! nothing listens on port $2 in $1 ($SCN)" >&2
  return 1
}

# server [-p PORT|-n] CMD...: starts CMD in the server namespace in the
# background and waits until PORT (default 443) listens (-n: do not wait).
server() {
  local port=$PORT
  if [ "$1" = -p ]; then port=$2; shift 2; elif [ "$1" = -n ]; then port=; shift; fi
  cmdlog "server: $(quote "$@")"
  (cd "$WORK" && exec ip netns exec "$NS_S" "$@") >> "$WORK/server.log" 2>&1 &
  SERVER_PIDS+=($!)
  [ -n "$port" ] && wait_port "$NS_S" "$port"
  return 0
}

# client [-i FEED] CMD...: runs CMD in the client namespace. FEED is a shell
# snippet whose output becomes the client's stdin (else /dev/null).
client() {
  local feed=
  if [ "$1" = -i ]; then feed=$2; shift 2; fi
  if [ -n "$feed" ]; then
    cmdlog "client: ($feed) | $(quote "$@")"
    (cd "$WORK" && bash -c "$feed" | timeout -k 2 "$CLIENT_TIMEOUT" ip netns exec "$NS_C" "$@") \
      >> "$WORK/client.log" 2>&1
  else
    cmdlog "client: $(quote "$@")"
    (cd "$WORK" && timeout -k 2 "$CLIENT_TIMEOUT" ip netns exec "$NS_C" "$@" < /dev/null) \
      >> "$WORK/client.log" 2>&1
  fi
  echo "client exit status $?" >> "$WORK/client.log"
}

finish() {
  local pid
  # The capture ends shortly after the client is done; servers are stopped
  # afterwards so that their exit does not show up in the capture.
  sleep 0.5
  kill -INT "$TD_PID" 2>/dev/null
  wait "$TD_PID" 2>/dev/null
  for pid in "${SERVER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${SERVER_PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  net_down
  if ! grep -q "^0 packets dropped by kernel" "$WORK/tcpdump.log"; then
    echo "!! $SCN: tcpdump dropped packets: $(grep dropped "$WORK/tcpdump.log" | tr '\n' ' ')" >&2
  fi
  rm -f "$data/$SCN.pcap" "$data/$SCN.keylog" "$data/$SCN.cmd"
  cp "$WORK/$SCN.pcap" "$WORK/$SCN.cmd" "$data/"
  # Keep the key log only when it holds secrets (not just OpenSSL's header).
  if grep -qE '^[A-Z_0-9]+ [0-9a-fA-F]+ [0-9a-fA-F]+' "$WORK/$SCN.keylog" 2>/dev/null; then
    cp "$WORK/$SCN.keylog" "$data/"
  fi
  chmod 644 "$data/$SCN".*
  local n
  n=$(tshark -r "$data/$SCN.pcap" 2>/dev/null | wc -l)
  printf '%-34s %3d packets%s\n' "$SCN" "$n" "$([ -f "$data/$SCN.keylog" ] && echo ", key log")"
}

# embed_secrets NAME: also write NAME-dsb.pcapng, the capture as pcapng with
# its key log embedded as a Decryption Secrets Block.
embed_secrets() {
  rm -f "$data/$1-dsb.pcapng"
  editcap --inject-secrets "tls,$data/$1.keylog" "$data/$1.pcap" "$data/$1-dsb.pcapng"
  chmod 644 "$data/$1-dsb.pcapng"
  echo "post: editcap --inject-secrets tls,$1.keylog $1.pcap $1-dsb.pcapng" >> "$data/$1.cmd"
}

# Common command lines (arrays) --------------------------------------------

# OpenSSL server with the good chain, echoing lines reversed (-rev).
ossl_server() { # extra args...
  server openssl s_server -accept "$PORT" -rev -cert certs/server.pem -cert_chain certs/int.pem \
    -key certs/server.key "$@"
}

# A verifying OpenSSL client (CA, hostname, abort on verify error) that logs keys.
OSSL_CLIENT=()
ossl_client_args() {
  OSSL_CLIENT=(openssl s_client -connect "$S_IP:$PORT" -servername server.test
    -verify_hostname server.test -CAfile certs/ca.pem -verify_return_error
    -keylogfile "$SCN.keylog")
}

FEED_LINE="printf 'hello from the client\\n'; sleep 1"

ossl_client() { # extra args...
  ossl_client_args
  client -i "$FEED_LINE" "${OSSL_CLIENT[@]}" "$@"
}

gnutls_server() { # extra args...
  server gnutls-serv --echo --disable-client-cert -p "$PORT" --x509certfile certs/server-chain.pem \
    --x509keyfile certs/server.key "$@"
}

gnutls_client() { # extra args...
  client -i "$FEED_LINE" env "SSLKEYLOGFILE=$SCN.keylog" gnutls-cli --x509cafile certs/ca.pem \
    --sni-hostname server.test --verify-hostname server.test -p "$PORT" "$@" "$S_IP"
}

# ---------------------------------------------------------------- summary

alert_name() {
  case $1 in
    0) echo close_notify ;; 10) echo unexpected_message ;; 20) echo bad_record_mac ;;
    21) echo decryption_failed ;; 22) echo record_overflow ;; 30) echo decompression_failure ;;
    40) echo handshake_failure ;; 41) echo no_certificate ;; 42) echo bad_certificate ;;
    43) echo unsupported_certificate ;; 44) echo certificate_revoked ;;
    45) echo certificate_expired ;; 46) echo certificate_unknown ;;
    47) echo illegal_parameter ;; 48) echo unknown_ca ;; 49) echo access_denied ;;
    50) echo decode_error ;; 51) echo decrypt_error ;; 60) echo export_restriction ;;
    70) echo protocol_version ;; 71) echo insufficient_security ;; 80) echo internal_error ;;
    86) echo inappropriate_fallback ;; 90) echo user_canceled ;; 100) echo no_renegotiation ;;
    109) echo missing_extension ;; 110) echo unsupported_extension ;;
    111) echo certificate_unobtainable ;; 112) echo unrecognized_name ;;
    113) echo bad_certificate_status_response ;; 114) echo bad_certificate_hash_value ;;
    115) echo unknown_psk_identity ;; 116) echo certificate_required ;;
    120) echo no_application_protocol ;; *) echo "alert_$1" ;;
  esac
}

# Prints the alerts tshark reads in a capture ("c2s fatal unknown_ca; ..."),
# decrypting with the key log when there is one; "none" if there are none.
alerts_seen() { # name
  local pcap=$data/$1.pcap keylog=$data/$1.keylog opts=() out=() src src6 level desc lv d i dir lvl enc
  [ -f "$pcap" ] || { echo "(no capture)"; return; }
  [ -s "$keylog" ] && opts=(-o "tls.keylog_file:$keylog")
  while IFS='|' read -r src src6 level desc; do
    [ -z "$desc" ] && continue
    IFS=, read -ra lv <<< "$level"
    IFS=, read -ra d <<< "$desc"
    case ${src:-$src6} in "$C_IP"|"$C_IP6") dir=c2s ;; *) dir=s2c ;; esac
    for i in "${!d[@]}"; do
      case ${lv[$i]:-} in 2) lvl=fatal ;; 1) lvl=warning ;; *) lvl="level${lv[$i]:-?}" ;; esac
      out+=("$dir $lvl $(alert_name "${d[$i]}")")
    done
  done < <(tshark -r "$pcap" "${opts[@]}" -Y tls.alert_message -T fields -E 'separator=|' \
             -e ip.src -e ipv6.src -e tls.alert_message.level -e tls.alert_message.desc 2>/dev/null)
  # Alert records tshark could not decrypt.
  enc=$(tshark -r "$pcap" "${opts[@]}" -Y 'tls.record.content_type == 21 && !tls.alert_message' 2>/dev/null | wc -l)
  [ "$enc" -gt 0 ] && out+=("$enc undecrypted alert record(s)")
  if [ ${#out[@]} -eq 0 ]; then
    echo none
  else
    local joined
    joined=$(printf '%s; ' "${out[@]}")
    echo "${joined%; }"
  fi
}

write_summary() {
  local tsv=$data/scenarios.tsv name bad=0 seen expect
  {
    printf '#name\tdescription\tdiagnosis\tblame\tevidence\tinfo\talerts_seen\n'
    for name in "${SCENARIO_NAMES[@]}"; do
      [ -f "$data/$name.pcap" ] || continue
      seen=$(alerts_seen "$name")
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$(scenario_field "$name" 2)" \
        "$(scenario_field "$name" 3)" "$(scenario_field "$name" 4)" \
        "$(scenario_field "$name" 5)" "$(scenario_field "$name" 6)" "$seen"
      expect=$(scenario_field "$name" 7)
      if [ "$expect" != "$seen" ]; then
        echo "!! $name: expected alerts '$expect', capture shows '$seen'" >&2
        bad=1
      fi
    done
  } > "$tsv.tmp"
  mv "$tsv.tmp" "$tsv"
  local f base
  for f in "$data"/*.pcap; do
    base=$(basename "$f" .pcap)
    if [ -z "${SCENARIO_META[$base,2]+x}" ]; then
      echo "!! $f belongs to no scenario (left over from an older generator?)" >&2
      bad=1
    fi
  done
  chmod 644 "$tsv"
  return $bad
}

# ---------------------------------------------------------------- main

if [ "${1:-}" = --list ]; then
  for name in "${SCENARIO_NAMES[@]}"; do printf '%-34s %s\n' "$name" "$(scenario_field "$name" 2)"; done
  exit 0
fi
if [ "${1:-}" = --summary ]; then
  write_summary
  exit $?
fi
if [ "$(id -u)" != 0 ]; then
  echo "record.sh needs root (network namespaces, tcpdump, nft)" >&2
  exit 1
fi
for tool in openssl gnutls-serv gnutls-cli tcpdump tshark nft ip ss timeout; do
  command -v "$tool" > /dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done
"$here/make-certs.sh" > /dev/null

TMPROOT=$(mktemp -d /tmp/hlgen.XXXXXX)
cleanup() {
  [ -n "${TD_PID:-}" ] && kill -INT "$TD_PID" 2>/dev/null
  net_down
  if [ -n "${KEEP_WORK:-}" ]; then echo "work files kept in $TMPROOT"; else rm -rf "$TMPROOT"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

selected=("$@")
[ ${#selected[@]} -eq 0 ] && selected=("${SCENARIO_NAMES[@]}")
for name in "${selected[@]}"; do
  if ! declare -F "sc_$name" > /dev/null; then
    echo "unknown scenario: $name (see --list)" >&2
    exit 2
  fi
done
for name in "${selected[@]}"; do
  "sc_$name"
done
write_summary
