#!/usr/bin/env bash
# Installs Debian's chromium (headless browser used by the report rendering test) if it is missing.
# Exit status 0 when a chromium binary is available afterwards, non-zero otherwise.
set -u
for b in chromium chromium-browser; do
  if command -v "$b" >/dev/null 2>&1; then exit 0; fi
done
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "install-chromium: not root and no passwordless sudo; cannot install chromium" >&2; exit 3; fi
else SUDO=""; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || { echo "install-chromium: apt-get update failed" >&2; exit 4; }
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null 2>&1 \
  || { echo "install-chromium: apt-get install chromium failed" >&2; exit 5; }
command -v chromium >/dev/null 2>&1
