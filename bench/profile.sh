#!/usr/bin/env bash
# Where the engine's training step spends its time at small widths: runs `scalecheck bench` under Java
# Flight Recorder for each (n, P), one JVM per pair, and prints the split of bench/jfr_split.py (OpenBLAS,
# JNI set-up, buffer access, pointwise kernels, allocations) next to the bench's own figures. The
# recording starts after a delay so that it sees the JIT-compiled code, not the warm-up (the steps of each
# pair must last longer than the delay: the defaults take 20 to 40 s each on a quiet machine); both samplers
# (Java and native) run every 10 ms.
#
# usage: bench/profile.sh [--pairs "n:P:steps ..."] [--delay S] [--threads T]
set -euo pipefail
cd "$(dirname "$0")/.."

PAIRS="64:32:150000 128:32:40000 256:64:8000 64:1000:3000 128:1000:1000 256:1000:300"
DELAY=10
THREADS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --pairs) PAIRS="$2"; shift 2 ;;
    --delay) DELAY="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "profile.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f target/scalecheck.jar ] || mvn -q -B -o -DskipTests package >&2
W=target/profile
mkdir -p "$W"
JH=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
# the profile settings with the native sampler at the Java sampler's 10 ms
sed -e '/jdk.NativeMethodSample/,/<\/event>/s/20 ms/10 ms/' "$JH/lib/jfr/profile.jfc" >"$W/settings.jfc"
export OPENBLAS_NUM_THREADS="$THREADS"

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-(unset)}"
for pair in $PAIRS; do
  IFS=: read -r n p steps <<<"$pair"
  rec="$W/n${n}-P${p}.jfr"
  echo
  echo "== n = $n, P = $p, L = 3, d = 10: $steps steps x 3 repeats; load:$(cut -d' ' -f1-3 /proc/loadavg)"
  java -Xmx4g -XX:MaxNewSize=64m --add-modules jdk.incubator.vector \
    -XX:StartFlightRecording:delay="${DELAY}s",filename="$rec",settings="$W/settings.jfc" \
    -cp 'target/scalecheck.jar:target/lib/*' scalecheck.cli.Main bench --threads "$THREADS" --widths "$n" \
    --train "$p" --repeats 3 --steps "$steps" 2>&1 | grep -v -e '^WARNING: Using incubator modules' -e 'Started recording' \
    -e 'Use jcmd' -e '^$'
  if [ -f "$rec" ]; then
    /usr/bin/python3 bench/jfr_split.py "$rec"
  else
    echo "(the bench ended before the recording began: give more steps in --pairs or a shorter --delay)"
  fi
done
