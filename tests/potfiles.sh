#!/usr/bin/env bash
# po/POTFILES.in lists every file with translatable strings, and only files
# that exist: a file someone forgot to list would never be translated.
. "$(dirname "$0")/lib.sh"
cd "$HL_SOURCE_ROOT" || exit 1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

potfiles=po/POTFILES.in
[ -f "$potfiles" ] || potfiles=po/POTFILES
check "po/POTFILES.in exists" [ -f "$potfiles" ]
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$potfiles" | sort >"$tmp/listed"
sort -u "$tmp/listed" | cmp -s - "$tmp/listed"
check "POTFILES lists no file twice" [ $? -eq 0 ]

missing=0
while read -r f; do
  [ -f "$f" ] || { echo "# listed but missing: $f"; missing=$((missing + 1)); }
done <"$tmp/listed"
check "every listed file exists" [ $missing -eq 0 ]

# Files with translatable strings, by kind.
{
  # C: a gettext marker opening on a string literal (also across lines).
  find app -name '*.[ch]' -print0 |
    xargs -0 grep -lPz '(?<![A-Za-z0-9_])(_|N_|C_|NC_|Q_|ngettext|dngettext|dgettext|g_dngettext|g_dpgettext2|g_dgettext)\s*\(\s*"'
  # GtkBuilder templates and menus.
  [ -d ui ] && find ui -name '*.ui' -exec grep -l 'translatable="yes"' {} +
  # Desktop entries, AppStream metadata, polkit actions: always translatable.
  find data -maxdepth 1 \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' -o -name '*.policy.in' \)
  # GSettings schemas with summaries or descriptions, MIME types with comments.
  find data -maxdepth 1 -name '*.gschema.xml' -exec grep -lE '<(summary|description)>' {} +
  find data -maxdepth 1 -name '*mime*.xml*' -exec grep -l '<comment>' {} +
} 2>/dev/null | sed 's|^\./||' | sort -u >"$tmp/found"

check "found translatable files to compare with (sanity)" [ "$(wc -l <"$tmp/found")" -ge 5 ]
unlisted=$(comm -23 "$tmp/found" "$tmp/listed")
for f in $unlisted; do echo "# has translatable strings but is not in $potfiles: $f"; done
check "every file with translatable strings is listed" [ -z "$unlisted" ]

# A listed file without any marker is harmless but usually a leftover.
stale=$(comm -13 "$tmp/found" "$tmp/listed")
for f in $stale; do echo "# listed but has no translatable strings: $f"; done
check "every listed file has translatable strings" [ -z "$stale" ]

# The guard itself works: a new file with a marker is caught.
mkdir -p "$tmp/app"
printf 'const char *s = _("new string");\n' >"$tmp/app/new.c"
grep -qPz '(?<![A-Za-z0-9_])(_|N_|C_|NC_)\s*\(\s*"' "$tmp/app/new.c"
check "the marker search recognises _(\"...\")" [ $? -eq 0 ]
printf 'n = G_N_ELEMENTS (x); f_ ("no");\n' >"$tmp/app/old.c"
! grep -qPz '(?<![A-Za-z0-9_])(_|N_|C_|NC_)\s*\(\s*"' "$tmp/app/old.c"
check "the marker search ignores G_N_ELEMENTS and f_()" [ $? -eq 0 ]

for lang in $(sed 's/#.*//' po/LINGUAS); do
  check "po/$lang.po exists for LINGUAS entry $lang" [ -f "po/$lang.po" ]
done
tap_end
