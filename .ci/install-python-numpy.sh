#!/usr/bin/env bash
# Installs Debian's python3-numpy (used by the test that runs examples/ntk_dz.py) if no python3 with
# numpy is found. Exit status 0 when a python3 that imports numpy is available afterwards, non-zero
# otherwise (with the reason on stderr).
set -u
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import numpy' >/dev/null 2>&1; then exit 0; fi
done
. "$(dirname "$0")/apt-install.sh"
apt_install python3-numpy --no-install-recommends python3-numpy || exit
/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1
