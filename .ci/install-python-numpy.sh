#!/usr/bin/env bash
# Installs Debian's python3-numpy (used by the test that runs examples/ntk_dz.py) if no python3 with
# numpy is found. Exit status 0 when a python3 that imports numpy is available afterwards, non-zero
# otherwise (with the reason on stderr).
set -u
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import numpy' >/dev/null 2>&1; then exit 0; fi
done
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "install-python-numpy: not root and no passwordless sudo; cannot install python3-numpy" >&2; exit 3; fi
else SUDO=""; fi
command -v apt-get >/dev/null 2>&1 || { echo "install-python-numpy: no apt-get (not Debian)" >&2; exit 3; }
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || { echo "install-python-numpy: apt-get update failed" >&2; exit 4; }
$SUDO apt-get install -y -qq --no-install-recommends python3-numpy >/dev/null 2>&1 \
  || { echo "install-python-numpy: apt-get install python3-numpy failed" >&2; exit 5; }
/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1
