#!/usr/bin/env bash
# Installs Debian's chromium (headless browser used by the report rendering test) if it is missing.
# Exit status 0 when a chromium binary is available afterwards, non-zero otherwise.
set -u
for b in chromium chromium-browser; do
  if command -v "$b" >/dev/null 2>&1; then exit 0; fi
done
. "$(dirname "$0")/apt-install.sh"
apt_install chromium --no-install-recommends chromium fonts-dejavu-core || exit
command -v chromium >/dev/null 2>&1
