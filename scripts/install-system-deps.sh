#!/usr/bin/env bash
# System packages the tests need: D-Bus and its headers (python-dbusmock builds dbus-python for
# the mocked-BlueZ tests), the libraries Qt loads offscreen and on a real X display (the
# dashboard aborts without libxcb-cursor0), and Xvfb for the tests that use a real X server.
# poppler-utils renders the PDF reports to PNG and text in the report tests.
# Installs only what is missing; needs root (or sudo) for apt-get. Safe to run repeatedly.
set -euo pipefail
PACKAGES=(
  dbus libdbus-1-3 libdbus-1-dev libglib2.0-dev pkg-config                   # mocked BlueZ
  libegl1 libgl1 libxkbcommon0 libfontconfig1                                # Qt offscreen
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 # Qt on X11
  libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1 libxkbcommon-x11-0
  xvfb xauth                                                                 # a real X server
  poppler-utils                                         # pdftoppm/pdftotext read the reports back
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing system packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
