#!/bin/sh
# Gives the installed capture helper the two capabilities it needs.  Best
# effort: packaging (Flatpak, distributions) may do this differently, and an
# unprivileged install simply goes without (the app then explains the
# alternatives).
helper="${DESTDIR}${MESON_INSTALL_PREFIX}/$1"
if command -v setcap >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && [ -z "${DESTDIR}" ]; then
  setcap cap_net_raw,cap_net_admin+ep "$helper" 2>/dev/null ||
    echo "note: could not setcap $helper; live capture will need pkexec or a pipe"
else
  echo "note: run 'setcap cap_net_raw,cap_net_admin+ep $helper' as root to enable live capture"
fi
