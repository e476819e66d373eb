#!/usr/bin/env bash
# Installs what building, running and testing Handshake Lens needs on Debian 12.
set -e
export DEBIAN_FRONTEND=noninteractive
pkgs=(meson ninja-build pkg-config gcc clang libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev
      libadwaita-1-dev libgnutls28-dev libpcap-dev zlib1g-dev gettext itstool
      desktop-file-utils appstream xvfb xauth tshark tcpdump gnutls-bin openssl
      iproute2 nftables libcap2-bin python3 ca-certificates
      libxml2-utils shared-mime-info bash-completion groff-base locales flatpak-builder)
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
# German and Spanish locales, for running the translated app (the tests
# also work with LANGUAGE=de and the C.UTF-8 locale).
if ! locale -a 2>/dev/null | grep -qix 'de_DE.utf8' || ! locale -a 2>/dev/null | grep -qix 'es_ES.utf8'; then
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  if [ -f /etc/locale.gen ] && command -v locale-gen >/dev/null; then
    $SUDO sed -i -E 's/^# *((de_DE|es_ES)\.UTF-8 UTF-8)/\1/' /etc/locale.gen
    $SUDO locale-gen >/dev/null || true
  fi
fi
