#!/usr/bin/env bash
# Regenerates tests/data/*.json from the current build (the same code path
# test-golden checks).  Review `git diff tests/data` before committing.
set -eu
cd "$(dirname "$0")/.."
build=${BUILD:-build}
ninja -C "$build" tests/test-golden >/dev/null
HL_UPDATE_GOLDENS=1 HL_TEST_DATA=$PWD/tests/data HL_BUILD_ROOT=$PWD/$build LC_ALL=C.UTF-8 \
  "$build/tests/test-golden" | grep -c 'wrote' | xargs -I{} echo "wrote {} goldens"
