#!/usr/bin/env bash
# Installs Debian's dataset-fashion-mnist (the real images of checks/real_*.yaml and of
# FashionMnistTest) if it is missing. Exit status 0 when the files are there afterwards, non-zero
# otherwise (the tests that need them then skip, saying why).
set -u
DIR=/usr/share/datasets/fashion-mnist
if [ -r "$DIR/train-images-idx3-ubyte.gz" ] && [ -r "$DIR/t10k-images-idx3-ubyte.gz" ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "install-fashion-mnist: not root and no passwordless sudo; cannot install dataset-fashion-mnist" >&2; exit 3; fi
else SUDO=""; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || { echo "install-fashion-mnist: apt-get update failed" >&2; exit 4; }
$SUDO apt-get install -y -qq dataset-fashion-mnist >/dev/null 2>&1 \
  || { echo "install-fashion-mnist: apt-get install dataset-fashion-mnist failed" >&2; exit 5; }
[ -r "$DIR/train-images-idx3-ubyte.gz" ]
