#!/usr/bin/env bash
# TAP wrapper: cross-check the report against tshark on ../shared/corpus.
corpus=${HL_CORPUS:-$(dirname "$0")/../../shared/corpus}
if [ ! -d "$corpus" ] || ! command -v tshark >/dev/null; then
  echo "1..0 # SKIP corpus or tshark not available"
  exit 0
fi
. "$(dirname "$0")/lib.sh"
exec python3 "$(dirname "$0")/corpus-check.py" "$HL" "$corpus"
