#!/usr/bin/env bash
# System packages the tests need (D-Bus for the mocked-BlueZ tests, libraries Qt loads offscreen).
# Installs only what is missing; needs root (or sudo) for apt-get. Safe to run repeatedly.
set -euo pipefail
PACKAGES=(dbus libdbus-1-dev libglib2.0-dev pkg-config libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing system packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
