#!/usr/bin/env bash
# Installs Debian's dataset-fashion-mnist (the real images of checks/real_*.yaml and of
# FashionMnistTest) if it is missing. Exit status 0 when the files are there afterwards, non-zero
# otherwise (the tests that need them then skip, saying why).
set -u
DIR=/usr/share/datasets/fashion-mnist
if [ -r "$DIR/train-images-idx3-ubyte.gz" ] && [ -r "$DIR/t10k-images-idx3-ubyte.gz" ]; then exit 0; fi
. "$(dirname "$0")/apt-install.sh"
apt_install dataset-fashion-mnist dataset-fashion-mnist || exit
[ -r "$DIR/train-images-idx3-ubyte.gz" ]
