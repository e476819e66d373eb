#!/usr/bin/env bash
# Installs what building, running and testing Handshake Lens needs on Debian 12.
set -e
export DEBIAN_FRONTEND=noninteractive
pkgs=(meson ninja-build pkg-config gcc clang libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev
      libadwaita-1-dev libgnutls28-dev libpcap-dev zlib1g-dev gettext itstool
      desktop-file-utils appstream xvfb xauth tshark tcpdump gnutls-bin openssl
      iproute2 nftables libcap2-bin python3 ca-certificates)
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections || true
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}"
fi
