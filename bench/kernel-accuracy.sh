#!/usr/bin/env bash
# Measures the largest error, in ulps, of the engine's exponential, softplus and sigmoid kernels
# (src/main/java/scalecheck/sim/Kernels.java) against a double-double reference of about 100 bits,
# over COUNT inputs per kernel (default 1e8) drawn from SEED (default 20261129), on one thread, and
# prints the worst case of each with its inputs. See bench/README.md for the measured figures.
#   bench/kernel-accuracy.sh [COUNT] [SEED]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scalecheck" --version > /dev/null   # builds target/scalecheck.jar when the sources changed
exec nice -n 10 java -XX:+UseSerialGC --add-modules jdk.incubator.vector -cp "$here/target/scalecheck.jar" \
  scalecheck.sim.KernelAccuracy "${1:-1e8}" "${2:-20261129}"
