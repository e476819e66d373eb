#!/usr/bin/env bash
# Renders the real application under Xvfb into data/screenshots/*.png, using
# the developer screenshot mode (HL_SCREENSHOT*, see app/gui/screenshot.h).
#
#   tools/screenshots.sh [BUILD_DIR]        (default: ./build, GUI enabled)
#
# Needs xvfb-run; uses dbus-run-session when present.  Captures come from
# tests/data (and one from HL_CORPUS, default ../shared/corpus); shots whose
# capture is missing are skipped.  Settings go to a memory backend, so the
# user's are untouched.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
app=$build/app/gui/handshake-lens
data=$root/tests/data
corpus=${HL_CORPUS:-$root/../shared/corpus}
out=$root/data/screenshots

[ -x "$app" ] || { echo "no GUI binary at $app (meson setup with -Dgui=true)" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "xvfb-run is needed" >&2; exit 1; }
mkdir -p "$out"
bus=()
command -v dbus-run-session >/dev/null && bus=(dbus-run-session --)

# shot NAME.png [VAR=VALUE...] -- CAPTURE [ARGS...]
shot() {
  local name=$1 vars=()
  shift
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do vars+=("$1"); shift; done
  shift
  if [ $# -gt 0 ] && [ ! -e "$1" ]; then
    echo "skip $name: $1 not found"
    return
  fi
  # Two tries: xvfb-run -a can lose a race for a display number.
  for try in 1 2; do
    if env GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 LC_ALL=C.UTF-8 "${vars[@]}" \
         HL_SCREENSHOT="$out/$name" \
       xvfb-run -a -s "-screen 0 1600x1200x24" "${bus[@]}" "$app" "$@" 2>/dev/null \
       | grep -q "$out/$name"; then
      echo "wrote data/screenshots/$name"
      return
    fi
  done
  echo "FAILED $name" >&2
}

shot welcome.png HL_SCREENSHOT_VIEW=welcome --
shot examples.png HL_SCREENSHOT_VIEW=examples --

# A healthy TLS 1.3 handshake, replayed: the ServerHello on its way.
shot tls13-playback.png HL_SCREENSHOT_STEP=5 HL_SCREENSHOT_PROGRESS=0.6 -- \
  "$data/tls13_basic.pcap" --keylog "$data/tls13_basic.keylog"

# A failed handshake: the client refuses an expired certificate; the window
# opens at the alert, with the diagnosis above.
shot failed-handshake.png -- "$data/cert_expired.pcap" --keylog "$data/cert_expired.keylog"

# The same in dark style and the Expert register.
shot failed-handshake-dark.png HL_SCREENSHOT_DARK=1 HL_SCREENSHOT_REGISTER=expert -- \
  "$data/cert_expired.pcap" --keylog "$data/cert_expired.keylog"

# The hex view: the ClientHello's server_name extension highlighted.
shot hex-view.png HL_SCREENSHOT_SIZE=1280x1000 HL_SCREENSHOT_STEP=4 HL_SCREENSHOT_PAGE=bytes \
  HL_SCREENSHOT_FIELD=server_name -- \
  "$data/tls13_basic.pcap" --keylog "$data/tls13_basic.keylog"

# The field tree of the decrypted Certificate, on an evenly spaced ladder.
shot fields.png HL_SCREENSHOT_SIZE=1280x1000 HL_SCREENSHOT_STEP=8 HL_SCREENSHOT_PAGE=fields \
  HL_SCREENSHOT_TIME=even -- \
  "$data/tls13_basic.pcap" --keylog "$data/tls13_basic.keylog"

# A firewall drops the SYNs: retries and silences.
shot syn-timeout.png -- "$data/syn_timeout.pcap"

# A real-world capture from the corpus (skipped without it).
shot corpus-google.png -- \
  "$corpus/snet__tls1.3_curl_google.pcap" --keylog "$corpus/snet__tls1.3_curl_google.keylog"
