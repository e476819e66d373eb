#!/usr/bin/env bash
# Checks the Flatpak manifest(s) in flatpak/ without building them:
#  - each parses (JSON; YAML when python3-yaml is installed),
#  - the app id, runtime (GNOME 47), command and sandbox permissions are the
#    intended ones (network for probes, no home directory: files come
#    through the portal),
#  - every module source is pinned: archives and files by sha256/sha512,
#    git by commit; local dir/file/patch sources exist,
#  - flatpak-builder --show-manifest reads it without a warning (when
#    flatpak-builder is installed).
# Usage: tools/check-flatpak.sh [MANIFEST...]   Exit 0 when all is well.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
if [ $# -gt 0 ]; then
  manifests=("$@")
else
  manifests=()
  for f in flatpak/*.json flatpak/*.yml flatpak/*.yaml; do
    [ -f "$f" ] && manifests+=("$f")
  done
fi
if [ ${#manifests[@]} -eq 0 ]; then
  echo "check-flatpak: no manifest in flatpak/" >&2
  exit 1
fi

status=0
for m in "${manifests[@]}"; do
  echo "== $m"
  python3 - "$m" <<'PY' || status=1
import json, os, re, sys

path = sys.argv[1]
problems = []

def load(p):
    with open(p, encoding="utf-8") as f:
        if p.endswith((".yml", ".yaml")):
            try:
                import yaml
            except ImportError:
                print("note: python3-yaml missing, %s not parsed" % p)
                sys.exit(0)
            return yaml.safe_load(f)
        return json.load(f)

try:
    manifest = load(path)
except Exception as e:  # a parse error names the line
    print("error: %s does not parse: %s" % (path, e))
    sys.exit(1)

base = os.path.dirname(os.path.abspath(path))
want = {
    "id": "io.github.handshakelens.HandshakeLens",
    "runtime": "org.gnome.Platform",
    "runtime-version": "47",
    "sdk": "org.gnome.Sdk",
    "command": "handshake-lens",
}
for key, value in want.items():
    got = manifest.get(key, manifest.get("app-id") if key == "id" else None)
    if got != value:
        problems.append("%s is %r, expected %r" % (key, got, value))

finish = manifest.get("finish-args", [])
for arg in ("--share=network", "--socket=wayland", "--socket=fallback-x11",
            "--device=dri", "--share=ipc"):
    if arg not in finish:
        problems.append("finish-args lacks %s" % arg)
for arg in finish:
    if re.match(r"--filesystem=(home|host)\b", arg) or arg in ("--device=all", "--socket=x11"):
        problems.append("finish-args grants %s: files come through the portal" % arg)

HEX = {"sha256": 64, "sha512": 128}

def check_source(mod, src):
    if isinstance(src, str):       # a file of sources
        p = os.path.join(base, src)
        if not os.path.isfile(p):
            problems.append("%s: source file %s missing" % (mod, src))
            return
        data = load(p)
        for s in data if isinstance(data, list) else [data]:
            check_source(mod, s)
        return
    kind = src.get("type")
    where = src.get("url") or src.get("path") or kind
    if kind in ("archive", "file") and "url" in src:
        if not src["url"].startswith("https://"):
            problems.append("%s: %s is not fetched over https" % (mod, where))
        pinned = [k for k in HEX if re.fullmatch("[0-9a-f]{%d}" % HEX[k], str(src.get(k, "")))]
        if not pinned:
            problems.append("%s: %s has no sha256/sha512" % (mod, where))
    elif kind in ("archive", "file", "dir", "patch"):
        paths = src.get("paths") or [src.get("path")]
        for p in paths:
            if not p or not os.path.exists(os.path.join(base, p)):
                problems.append("%s: local %s source %s missing" % (mod, kind, p))
    elif kind == "git":
        if not re.fullmatch(r"[0-9a-f]{40}", str(src.get("commit", ""))):
            problems.append("%s: git source %s is not pinned to a commit" % (mod, where))
    elif kind in ("shell", "script", "inline"):
        pass
    else:
        problems.append("%s: source type %r is not checked by this script" % (mod, kind))

def check_module(mod):
    if isinstance(mod, str):
        p = os.path.join(base, mod)
        if not os.path.isfile(p):
            problems.append("module file %s missing" % mod)
            return
        mod = load(p)
    name = mod.get("name", "?")
    if not mod.get("sources"):
        problems.append("%s: no sources" % name)
    for src in mod.get("sources", []):
        check_source(name, src)
    for sub in mod.get("modules", []):
        check_module(sub)
    return mod

mods = [check_module(m) for m in manifest.get("modules", [])]
names = [m.get("name") for m in mods if isinstance(m, dict)]
if not names or names[-1] != "handshake-lens":
    problems.append("the last module must be the app, handshake-lens (got %s)" % names)
else:
    app = mods[-1]
    if app.get("buildsystem") != "meson":
        problems.append("the app module must use meson")
    if not app.get("run-tests"):
        problems.append("the app module does not run its tests (run-tests)")
if "libpcap" not in names:
    problems.append("no libpcap module: the GNOME runtime does not ship libpcap")

for p in problems:
    print("error: " + p)
if not problems:
    print("ok: %d modules, all sources pinned, permissions as intended" % len(names))
sys.exit(1 if problems else 0)
PY
  if command -v flatpak-builder >/dev/null 2>&1; then
    # flatpak-builder leaves a .flatpak-builder/ state directory where it
    # runs: run it in a scratch directory.
    scratch=$(mktemp -d)
    err=$scratch/stderr
    abs=$(cd "$(dirname "$m")" && pwd)/$(basename "$m")
    if (cd "$scratch" && flatpak-builder --show-manifest "$abs") >/dev/null 2>"$err" && ! grep -q . "$err"; then
      echo "ok: flatpak-builder --show-manifest reads it without a warning"
    else
      echo "error: flatpak-builder --show-manifest:"; sed 's/^/  /' "$err"
      status=1
    fi
    rm -rf "$scratch"
  else
    echo "note: flatpak-builder not installed, --show-manifest not run"
  fi
done
exit $status
