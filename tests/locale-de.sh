#!/usr/bin/env bash
# The command line speaks German under a German locale: messages, --help,
# the text report and the diagnoses.  Uses the .mo files meson builds into
# <build>/po/<lang>/LC_MESSAGES/ (HL_LOCALEDIR points the program there).
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export HL_LOCALEDIR=$HL_BUILD_ROOT/po
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1 # SKIP $2"; }

for lang in de es; do
  check "the $lang catalogue is built into the build tree" [ -s "$HL_LOCALEDIR/$lang/LC_MESSAGES/handshake-lens.mo" ]
  msgfmt --statistics -c -o /dev/null "$HL_SOURCE_ROOT/po/$lang.po" >"$tmp/stat" 2>&1; rc=$?
  sed "s/^/# $lang: /" "$tmp/stat"
  check "po/$lang.po passes msgfmt -c (formats, headers)" [ $rc -eq 0 ]
  check "po/$lang.po has no fuzzy or untranslated message" bash -c "! grep -qE 'fuzzy|untranslated' '$tmp/stat'"
done

# How many of the strings in today's sources each catalogue covers (a
# string added since the last update is not a failure, but is shown).
if command -v xgettext >/dev/null && command -v msgcmp >/dev/null; then
  (cd "$HL_SOURCE_ROOT" && GETTEXTDATADIRS=$HL_SOURCE_ROOT/po xgettext -o "$tmp/now.pot" \
     --files-from=po/POTFILES.in --from-code=UTF-8 --add-comments \
     --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
     --keyword=g_dpgettext2:2c,3 --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
     --flag=NC_:2:pass-c-format 2>/dev/null)
  total=$(grep -c '^msgid ' "$tmp/now.pot"); total=$((total - 1))
  for lang in de es; do
    missing=$(msgcmp --use-untranslated "$HL_SOURCE_ROOT/po/$lang.po" "$tmp/now.pot" 2>&1 | grep -c 'this message is used but not defined')
    untranslated=$(msgcmp "$HL_SOURCE_ROOT/po/$lang.po" "$tmp/now.pot" 2>&1 | grep -c 'this message is untranslated\|but not defined')
    echo "# $lang: $((total - untranslated)) of $total strings in the sources translated ($missing not yet in the catalogue)"
  done
fi

de() { LANGUAGE=de LC_ALL=C.UTF-8 "$HL" "$@"; }

de --report=text >"$tmp/out" 2>&1; rc=$?
check "German: a usage error still exits 2" [ $rc -eq 2 ]
check "German: the usage error is in German" grep -q 'keine Mitschnittdatei angegeben' "$tmp/out"
de --report=xml x.pcap >"$tmp/out" 2>&1
check "German: an unknown format is explained in German" grep -q 'unbekanntes Berichtsformat' "$tmp/out"
de --help >"$tmp/out" 2>&1
check "German: --help describes the options in German" grep -q 'Einen Bericht ausgeben' "$tmp/out"
check "German: --help keeps the option names" grep -q -- '--report=FORMAT' "$tmp/out"
LANGUAGE=es LC_ALL=C.UTF-8 "$HL" --report=text >"$tmp/out" 2>&1
check "Spanish: the usage error is in Spanish" grep -q 'no se ha indicado ninguna captura' "$tmp/out"
LC_ALL=C.UTF-8 "$HL" --report=text >"$tmp/out" 2>&1
check "without LANGUAGE the C locale stays English" grep -q 'no capture file given' "$tmp/out"
if locale -a 2>/dev/null | grep -qix 'de_DE.utf8'; then
  env -u LC_ALL -u LANGUAGE LANG=de_DE.UTF-8 "$HL" --report=text >"$tmp/out" 2>&1
  check "LANG=de_DE.UTF-8 alone also gives German" grep -q 'keine Mitschnittdatei angegeben' "$tmp/out"
else
  skip "LANG=de_DE.UTF-8 alone also gives German" "locale de_DE.UTF-8 not generated (tools/install-deps.sh does it)"
fi

# A report in German: headings, labels and the diagnoses.
capture= keylog=
for c in "$HL_TEST_DATA/tls13_basic.pcap" "$HL_TEST_DATA"/*.pcap "$HL_CORPUS/snet__tls1.3_aes128.pcap"; do
  if [ -f "$c" ]; then capture=$c; break; fi
done
[ -n "$capture" ] && [ -f "${capture%.pcap}.keylog" ] && keylog=${capture%.pcap}.keylog
if [ -n "$capture" ]; then
  echo "# capture: $capture"
  de --report=text "$capture" ${keylog:+--keylog "$keylog"} >"$tmp/de.txt" 2>&1; rc=$?
  LC_ALL=C.UTF-8 "$HL" --report=text "$capture" ${keylog:+--keylog "$keylog"} >"$tmp/c.txt" 2>&1
  check "German report of $(basename "$capture") exits 0" [ $rc -eq 0 ]
  check "German report: connections are \"Verbindung\"" grep -q '^Verbindung 1: ' "$tmp/de.txt"
  check "German report: no English connection heading is left" bash -c "! grep -q '^Connection ' '$tmp/de.txt'"
  de --report=markdown "$capture" ${keylog:+--keylog "$keylog"} >"$tmp/de.md" 2>&1
  check "German Markdown report: title and table header" \
    bash -c "grep -q '^# Handshake-Lens-Bericht' '$tmp/de.md' && grep -q '| Frame | Zeit (ms) | Richtung | Ereignis |' '$tmp/de.md'"
  # Diagnoses: the id stays, the summary is translated.
  n=$(grep -cE '^  \[(error|warning|info)\] ' "$tmp/c.txt")
  if [ "$n" -gt 0 ]; then
    grep -A1 -E '^  \[(error|warning|info)\] ' "$tmp/c.txt" | grep -E '^    ' >"$tmp/c.sum"
    grep -A1 -E '^  \[(error|warning|info)\] ' "$tmp/de.txt" | grep -E '^    ' >"$tmp/de.sum"
    sed 's/^/# en: /' "$tmp/c.sum" | head -3; sed 's/^/# de: /' "$tmp/de.sum" | head -3
    check "German report: the same $n diagnoses, same ids" \
      bash -c "diff <(grep -oE '^  \[[a-z]+\] [a-z_]+' '$tmp/c.txt') <(grep -oE '^  \[[a-z]+\] [a-z_]+' '$tmp/de.txt')"
    same=$(paste -d '\n' "$tmp/c.sum" "$tmp/de.sum" | paste - - | awk -F'\t' '$1 == $2' | wc -l)
    check "German report: every diagnosis summary is translated ($same of $n left in English)" [ "$same" -eq 0 ]
    check "German report: the fix is labelled \"Abhilfe\"" grep -q '^    Abhilfe: ' "$tmp/de.txt"
  else
    skip "German diagnoses" "the report of $(basename "$capture") has no diagnosis"
  fi
else
  skip "German report" "no capture in tests/data nor the corpus"
fi
tap_end
