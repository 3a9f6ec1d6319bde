#!/usr/bin/env bash
# Sourced by the .ci/install-*.sh scripts: `apt_install WHAT [apt-get install option]... PKG...` installs
# Debian packages quietly, as root or with passwordless sudo. Messages on stderr start with the calling
# script's name and name WHAT. Status: 0 installed; 3 not root and no passwordless sudo, or no apt-get;
# 4 apt-get update failed; 5 apt-get install failed.
apt_install() {
  local who what sudo
  who="$(basename "$0" .sh)"
  what="$1"
  shift
  if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      echo "$who: not root and no passwordless sudo; cannot install $what" >&2; return 3; fi
  else sudo=""; fi
  command -v apt-get >/dev/null 2>&1 || { echo "$who: no apt-get (not Debian)" >&2; return 3; }
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null 2>&1 || { echo "$who: apt-get update failed" >&2; return 4; }
  $sudo apt-get install -y -qq "$@" >/dev/null 2>&1 || { echo "$who: apt-get install $what failed" >&2; return 5; }
}
