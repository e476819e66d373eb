#!/usr/bin/env bash
# Seeds the fuzz corpora.
#   bash tests/fuzz/make-seeds.sh [EXTRA_DIR]
# Committed seeds (tests/fuzz/corpus/<target>/seed-*): derived from the
# project's own tests/data (captures, key logs, certificates) and synthetic
# ones.  With EXTRA_DIR, seeds cut from the shared development corpus
# ($HL_CORPUS or ../shared/corpus: public captures under their own
# licences) are written there instead, at run time, and never committed.
# Idempotent: seeds are named after their source; existing ones are kept.
set -u
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
shopt -s nullglob
c=corpus
targets="fuzz-capture fuzz-packet fuzz-tcp fuzz-tls fuzz-certificate fuzz-keylog fuzz-decrypt"
for t in $targets; do mkdir -p "$c/$t"; done

python3 make-seeds.py --max 4096 "$c" ../data/*.pcap ../data/*.pcapng ../data/*.keylog \
  ../data/certs/*.der ../gen/certs/*.der

# records that really decrypt with fuzz-decrypt's fixed keys (synthetic)
if [ ! -f "$c/fuzz-decrypt/seed-tls13-1301" ] && python3 -c 'import cryptography' 2>/dev/null; then
  python3 make-decrypt-seeds.py "$c"
fi

for t in $targets; do
  [ -n "$(ls "$c/$t")" ] || printf '\x00\x00\x10hello' >"$c/$t/seed-minimal"
done

extra=${1:-}
if [ -n "$extra" ]; then
  corpus=${HL_CORPUS:-$here/../../../shared/corpus}
  if [ -d "$corpus" ]; then
    python3 make-seeds.py "$extra" "$corpus"/*.pcap "$corpus"/*.pcapng "$corpus"/*.keylog
  fi
fi
