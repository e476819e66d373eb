#!/usr/bin/env bash
# `meson install` puts every file where the desktop, the shell, polkit and
# gettext look for it, and the installed program works.
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
app_id=io.github.handshakelens.HandshakeLens
opt() { # value of a meson option of this build
  meson introspect "$HL_BUILD_ROOT" --buildoptions 2>/dev/null |
    python3 -c "import json,sys; print(next(o['value'] for o in json.load(sys.stdin) if o['name']==sys.argv[1]))" "$1"
}
prefix=$(opt prefix)
gui=$(opt gui)
dest=$tmp/root
p=$dest$prefix

meson install -C "$HL_BUILD_ROOT" --no-rebuild --destdir "$dest" >"$tmp/install.log" 2>&1; rc=$?
[ $rc -eq 0 ] || sed 's/^/# /' "$tmp/install.log"
check "meson install --destdir succeeds" [ $rc -eq 0 ]

installed() { # description, path relative to the prefix
  check "installs $1 ($2)" [ -f "$p/$2" ]
}
installed "the program" "$(opt bindir)/handshake-lens"
check "the program is executable" [ -x "$p/$(opt bindir)/handshake-lens" ]
installed "the capture helper" "$(opt libexecdir)/handshake-lens-capture"
installed "the manual page" "$(opt mandir)/man1/handshake-lens.1"
installed "the bash completion" "$(opt datadir)/bash-completion/completions/handshake-lens"
installed "the polkit action" "$(opt datadir)/polkit-1/actions/$app_id.capture.policy"
for lang in $(sed 's/#.*//' "$HL_SOURCE_ROOT/po/LINGUAS"); do
  installed "the $lang translation" "$(opt localedir)/$lang/LC_MESSAGES/handshake-lens.mo"
done
if [ "$gui" = True ]; then
  installed "the desktop entry" "$(opt datadir)/applications/$app_id.desktop"
  installed "the AppStream metadata" "$(opt datadir)/metainfo/$app_id.metainfo.xml"
  installed "the MIME types" "$(opt datadir)/mime/packages/$app_id.xml"
  installed "the app icon" "$(opt datadir)/icons/hicolor/scalable/apps/$app_id.svg"
  installed "the symbolic icon" "$(opt datadir)/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
  if [ -f "$HL_SOURCE_ROOT/data/$app_id.gschema.xml" ]; then
    installed "the GSettings schema" "$(opt datadir)/glib-2.0/schemas/$app_id.gschema.xml"
  fi
else
  check "a build without the window installs no desktop entry" [ ! -e "$p/$(opt datadir)/applications/$app_id.desktop" ]
fi

# Nothing lands outside the prefix (a packager's DESTDIR must hold it all).
outside=$(cd "$dest" && find . -type f | sed 's|^\.||' | grep -v "^$prefix/" | head -5)
check "every installed file is under the prefix${outside:+ (outside: $outside)}" [ -z "$outside" ]

# The installed program runs without the build tree.
bin=$p/$(opt bindir)/handshake-lens
"$bin" --version >"$tmp/out" 2>&1
check "the installed program prints its version" grep -qx "handshake-lens $(meson introspect "$HL_BUILD_ROOT" --projectinfo |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')" "$tmp/out"

capture= keylog=
for c in "$HL_TEST_DATA/tls13_basic.pcap" "$HL_TEST_DATA"/*.pcap "$HL_CORPUS/snet__tls1.3_aes128.pcap"; do
  if [ -f "$c" ]; then capture=$c; break; fi
done
[ -n "$capture" ] && [ -f "${capture%.pcap}.keylog" ] && keylog=${capture%.pcap}.keylog
if [ -n "$capture" ]; then
  echo "# capture: $capture${keylog:+ with $keylog}"
  "$bin" --report=text "$capture" ${keylog:+--keylog "$keylog"} >"$tmp/out" 2>"$tmp/err"; rc=$?
  sed 's/^/# stderr: /' "$tmp/err" | head -5
  check "the installed program reports a test capture (exit 0)" [ $rc -eq 0 ]
  check "the report shows a connection" grep -q '^Connection 1: ' "$tmp/out"
  "$bin" --report=json "$capture" ${keylog:+--keylog "$keylog"} >"$tmp/json" 2>/dev/null
  check "its JSON report has at least one connection" \
    python3 -c "import json,sys; assert json.load(open(sys.argv[1]))['connections']" "$tmp/json"
else
  tap_n=$((tap_n + 1)); echo "ok $tap_n - report a test capture # SKIP no capture in tests/data nor the corpus"
fi

# The installed translations are found (HL_LOCALEDIR stands in for the
# compiled-in locale directory, which DESTDIR moved).
LANGUAGE=de LC_ALL=C.UTF-8 HL_LOCALEDIR=$p/$(opt localedir) "$bin" --report=text >"$tmp/out" 2>&1
check "the installed German translation is used" grep -q 'keine Mitschnittdatei' "$tmp/out"
LANGUAGE=es LC_ALL=C.UTF-8 HL_LOCALEDIR=$p/$(opt localedir) "$bin" --report=text >"$tmp/out" 2>&1
check "the installed Spanish translation is used" grep -q 'ninguna captura' "$tmp/out"
tap_end
