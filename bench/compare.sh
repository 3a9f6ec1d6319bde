#!/usr/bin/env bash
# Side-by-side benchmark of scalecheck's engine against the PyTorch reference (bench/torch_reference.py)
# on identical problems: both sides read the weights and data that the engine dumps, run with the same
# thread count, alternating process by process; the table gives medians over the rounds.
# Both sides load OpenBLAS (the engine its bundled 0.3.28, PyTorch the system's), and each library picks
# its kernel set for the CPU by itself: the two can differ, and then a speed-up is a BLAS difference.
# So the script prints the kernel set of each side, and by default runs both on the same one through
# OPENBLAS_CORETYPE (--coretype auto: the choice of both when they agree, else SkylakeX with AVX-512,
# Haswell with AVX2 and FMA, Sandybridge, Nehalem, Prescott; checked on both sides); that is the
# headline. An OPENBLAS_CORETYPE in the environment is set aside (pass it as --coretype to use it). When a side's own choice differs, the
# step table is repeated as a secondary table with each side on its own choice (--skip-native omits it);
# --torch-coretype NAME makes that table put torch on NAME instead (Prescott: what OpenBLAS 0.3.21 runs
# on a CPU it does not know), to show what a comparison on mixed kernels reports.
#
# usage: bench/compare.sh [--threads T] [--rounds R] [--coretype auto|native|NAME] [--skip-native]
#                         [--torch-coretype NAME] [--no-build] [--skip-memory]
set -euo pipefail
cd "$(dirname "$0")/.."

THREADS=1
ROUNDS=3
BUILD=1
MEMORY=1
CORE=auto
ENV_CORE="${OPENBLAS_CORETYPE-}"
NATIVE=1
TORCH_AS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) THREADS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --coretype) CORE="$2"; shift 2 ;;
    --skip-native) NATIVE=0; shift ;;
    --torch-coretype) TORCH_AS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --skip-memory) MEMORY=0; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
export OMP_NUM_THREADS="$THREADS" OPENBLAS_NUM_THREADS="$THREADS" MKL_NUM_THREADS="$THREADS"
# With T > 1 both runtimes otherwise keep idle threads spinning (OpenBLAS workers for about 2^28
# cycles after each call, OpenMP workers by default), which takes the cores from the threads that
# have work; both sides get the same settings (./scalecheck sets the first itself). No effect at T = 1.
export OPENBLAS_THREAD_TIMEOUT=4 OMP_WAIT_POLICY=PASSIVE

PY=/usr/bin/python3
if ! "$PY" -c "import torch" >/dev/null 2>&1 || ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
  echo "compare.sh: installing python3-torch and libopenblas0-pthread with apt-get" >&2
  apt-get install -y -q python3-torch libopenblas0-pthread >&2 \
    || { apt-get update -q >&2 && apt-get install -y -q python3-torch libopenblas0-pthread >&2; }
fi
if [ "$BUILD" = 1 ] || [ ! -f target/scalecheck.jar ]; then
  echo "compare.sh: building (mvn -q -B -o -DskipTests package)" >&2
  mvn -q -B -o -DskipTests package >&2
fi

# the JVM options of ./scalecheck (a small young generation keeps the JIT's warm-up garbage from growing the heap)
JAVA=(java -Xmx4g -XX:MaxNewSize=64m --add-modules jdk.incubator.vector -cp 'target/scalecheck.jar:target/lib/*' scalecheck.sim.ReferenceDump)
TORCH=("$PY" bench/torch_reference.py)
W=target/compare
rm -rf "$W"
mkdir -p "$W"
LOG="$W/raw.jsonl"

field() { "$PY" -c 'import json, sys; print(json.loads(sys.argv[2])[sys.argv[1]])' "$1" "$2"; }
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
# stderr passes through, less the JVM's one-line notice that the Vector API module is in use
runj() { local out c="$CUR_CORE"; [ "$1" != "$PY" ] || c="$CUR_CORE_T"; out=$(on_core "$c" "$@" --threads "$THREADS" 2> >(grep -v '^WARNING: Using incubator modules' >&2) | tail -n 1); echo "$out" >>"$LOG"; echo "$out"; }

# ---- OpenBLAS kernel sets ----
# "own kernel choice" is what each library picks with OPENBLAS_CORETYPE unset. An empty one is not unset: OpenBLAS then reports "Core not found" and picks a core of
# its own (Cooperlake on a Zen 5 test machine), so the variable is removed, never emptied.
unset OPENBLAS_CORETYPE
CUR_CORE=""
CUR_CORE_T=""
on_core() { local c="$1"; shift; if [ -n "$c" ]; then OPENBLAS_CORETYPE="$c" "$@"; else "$@"; fi; }
engine_core() { on_core "$1" java -cp 'target/scalecheck.jar:target/lib/*' scalecheck.cli.Main bench --corename; }
torch_blas() { on_core "$1" "$PY" bench/torch_reference.py blas; }
torch_core() { field core "$(torch_blas "$1")"; }
# the kernel set for this CPU that both OpenBLAS versions know (0.3.21 and 0.3.28 both have these five)
suggest_core() {
  local flags
  flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
  has() { [[ "$flags" == *" $1 "* ]]; }
  if has avx512f && has avx512dq && has avx512bw && has avx512vl; then echo SkylakeX
  elif has avx2 && has fma; then echo Haswell
  elif has avx; then echo Sandybridge
  elif has sse4_2; then echo Nehalem
  else echo Prescott; fi
}
banner() { printf '!!! %s\n' "$@"; printf 'compare.sh: %s\n' "$@" >&2; }

NATIVE_J=$(engine_core "")
NATIVE_T=$(torch_core "")
TORCH_LIB=$(field library "$(torch_blas "")")
case "$CORE" in
  native) HEAD="" ;;
  auto)
    if [ "$NATIVE_J" = "$NATIVE_T" ] && [ "$NATIVE_J" != Prescott ] && [ "$NATIVE_J" != unknown ]; then
      HEAD="$NATIVE_J"
    else
      HEAD=$(suggest_core)
    fi ;;
  *) HEAD="$CORE" ;;
esac

START=$(date +%s)
echo "scalecheck vs PyTorch $("$PY" -c 'import torch; print(torch.__version__)'), $THREADS thread(s), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) (family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | xargs), model $(grep -m1 '^model[[:space:]]' /proc/cpuinfo | cut -d: -f2 | xargs)); load at start:$(cut -d' ' -f1-3 /proc/loadavg)"
echo "model: L = 3 softplus (beta 1, normalised), NTK parameterisation, centred, soft hinge (beta 20), d = 10, float64"
echo "BLAS: engine OpenBLAS 0.3.28 (bundled), own kernel choice $NATIVE_J; torch $TORCH_LIB, own kernel choice $NATIVE_T"
[ -z "$ENV_CORE" ] || echo "(the environment's OPENBLAS_CORETYPE=$ENV_CORE is set aside; --coretype $ENV_CORE uses it)"
if [ "$NATIVE_J" != "$NATIVE_T" ]; then
  banner "WARNING: the two sides pick DIFFERENT OpenBLAS kernels by themselves: engine $NATIVE_J, torch $NATIVE_T." \
    "A comparison without OPENBLAS_CORETYPE measures the BLAS difference as much as the engine."
fi
if [ "$NATIVE_T" = "reference BLAS" ] || [ "$NATIVE_T" = "none found" ]; then
  banner "WARNING: torch does not run OpenBLAS ($NATIVE_T, $TORCH_LIB): install libopenblas0-pthread;" \
    "OPENBLAS_CORETYPE cannot set its kernels, every figure below compares different BLAS libraries."
fi
if [ -n "$HEAD" ]; then
  got_j=$(engine_core "$HEAD"); got_t=$(torch_core "$HEAD")
  if [ "$got_j" != "$HEAD" ] || [ "$got_t" != "$HEAD" ]; then
    echo "compare.sh: OPENBLAS_CORETYPE=$HEAD runs $got_j in the engine and $got_t in torch; choose a kernel set" \
      "both know with --coretype NAME (or --coretype native)" >&2
    exit 3
  fi
  CUR_CORE="$HEAD"; CUR_CORE_T="$HEAD"
  echo "headline: both sides on the same kernels, OPENBLAS_CORETYPE=$HEAD (checked: engine $got_j, torch $got_t)"
else
  echo "headline: each side on its own kernel choice (--coretype native): engine $NATIVE_J, torch $NATIVE_T"
fi
echo

# ---- parity on the same weights and data ----
"${JAVA[@]}" dump "$W/n256" --n 256 --P 1000 >/dev/null 2> >(grep -v '^WARNING: Using incubator modules' >&2)
K=10
tc=$(runj "${TORCH[@]}" check "$W/n256" --steps $K)
jc=$(runj "${JAVA[@]}" check "$W/n256" --steps $K)
lt=$(field loss "$tc"); lj=$(field loss "$jc")
echo "parity, n = 256, P = 1000, $K adaptive steps from the same weights:"
printf '  loss   scalecheck %.17g  torch %.17g  relative difference %.2e\n' "$lj" "$lt" \
  "$(awk -v a="$lj" -v b="$lt" 'BEGIN {d = a - b; if (d < 0) d = -d; print d / b}')"
printf '  t, dt  scalecheck %s, %s  torch %s, %s  (rejected: %s vs %s)\n' "$(field t "$jc")" "$(field dt "$jc")" \
  "$(field t "$tc")" "$(field dt "$tc")" "$(field rejected "$jc")" "$(field rejected "$tc")"
printf '  NTK Gram relative difference: Frobenius %.2e, max entry %.2e\n' "$(field gram_rel_fro "$jc")" "$(field gram_max_rel "$jc")"
echo

# ---- raw dgemm, each side on the kernels in use ----
raw_dgemm() {
  local dg=() dt=() r
  for r in 1 2 3; do
    dg+=("$(field gflops "$(runj "${JAVA[@]}" dgemm --size 1024 --repeats 5)")")
    dt+=("$(field gflops "$(runj "${TORCH[@]}" dgemm --size 1024 --repeats 5)")")
  done
  RAW=$(median "${dg[@]}")
  printf 'raw dgemm 1024 x 1024 x 1024, %s thread(s), median over 3 processes of the best of 5 products; load:%s\n' "$THREADS" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf '  engine (OpenBLAS 0.3.28, kernels %s): %.2f GFLOP/s\n' "$(engine_core "$CUR_CORE")" "$RAW"
  printf '  torch  (%s, kernels %s): %.2f GFLOP/s\n\n' "$(basename "$TORCH_LIB")" "$(torch_core "$CUR_CORE_T")" "$(median "${dt[@]}")"
}

# ---- training step ----
step_table() {
  local n steps reps rounds r raw j jm tm g rm js ts gf pc rw
  printf '%6s %14s %14s %9s %13s %10s %9s\n' n "scalecheck ms" "torch ms" speed-up "java GFLOP/s" "% dgemm" ceiling
  for n in 64 128 256 512 1024; do
    # the engine's first repeats carry the JIT's warm-up (at n = 64, 3 repeats of 20 steps gave 1.8 times
    # the time of 12): the median of 9 repeats leaves them out
    case $n in
      64) steps=20; reps=9; rounds=$ROUNDS ;;
      128) steps=10; reps=9; rounds=$ROUNDS ;;
      256) steps=5; reps=7; rounds=$ROUNDS ;;
      512) steps=3; reps=3; rounds=$(( ROUNDS < 2 ? ROUNDS : 2 )) ;;
      *) steps=2; reps=2; rounds=$(( ROUNDS < 2 ? ROUNDS : 2 )) ;;
    esac
    [ -d "$W/n$n" ] || "${JAVA[@]}" dump "$W/n$n" --n $n --P 1000 >/dev/null 2> >(grep -v '^WARNING: Using incubator modules' >&2)
    js=(); ts=(); gf=(); pc=(); rw=()
    for r in $(seq "$rounds"); do
      # raw dgemm again next to each engine run, so that the fraction compares like with like
      raw=$(field gflops "$(runj "${JAVA[@]}" dgemm --size 1024 --repeats 3)"); rw+=("$raw")
      j=$(runj "${JAVA[@]}" step "$W/n$n" --steps $steps --repeats $reps)
      js+=("$(field ms_per_step "$j")"); gf+=("$(field gflops "$j")")
      pc+=("$(awk -v a="$(field gflops "$j")" -v b="$raw" 'BEGIN {print 100 * a / b}')")
      ts+=("$(field ms_per_step "$(runj "${TORCH[@]}" step "$W/n$n" --steps $steps --repeats $reps)")")
    done
    jm=$(median "${js[@]}"); tm=$(median "${ts[@]}"); g=$(median "${gf[@]}"); rm=$(median "${rw[@]}")
    # ceiling: torch's time over the step's GEMM work done at the raw dgemm speed, the most any
    # implementation of the same products on this BLAS could gain
    printf '%6d %14.2f %14.2f %8.2fx %13.2f %9.0f%% %8.2fx\n' $n "$jm" "$tm" "$(awk -v a="$tm" -v b="$jm" 'BEGIN {print a / b}')" \
      "$g" "$(median "${pc[@]}")" "$(awk -v t="$tm" -v g="$g" -v j="$jm" -v r="$rm" 'BEGIN {print t / (g * j / r)}')"
  done
  echo "(load after the table:$(cut -d' ' -f1-3 /proc/loadavg))"
}

raw_dgemm
if [ -n "$HEAD" ]; then
  echo "HEADLINE: training step, both sides on the same OpenBLAS kernels ($HEAD)"
else
  echo "HEADLINE: training step, each side on its own OpenBLAS kernels (engine $NATIVE_J, torch $NATIVE_T)"
fi
step_table
echo "(% dgemm: median over rounds of the step's GFLOP/s over a raw dgemm (best of 3) measured just before it)"
echo "(ceiling: torch ms over the time of the step's GEMM flops at the raw dgemm speed: the largest speed-up"
echo " any implementation of the same six products on this OpenBLAS could reach)"
echo "(ms per evaluation: forward, backward, update and acceptance test of one adaptive step; P = 1000)"
echo

# ---- NTK Gram ----
jg=(); tg=()
for r in 1 2; do
  jg+=("$(field seconds "$(runj "${JAVA[@]}" gram "$W/n256" --repeats 3)")")
  tg+=("$(field seconds "$(runj "${TORCH[@]}" ntk "$W/n256" --repeats 1)")")
done
jgm=$(median "${jg[@]}"); tgm=$(median "${tg[@]}")
printf 'NTK Gram, n = 256, P = 1000: scalecheck %.4f s, torch (per-sample autograd) %.3f s, speed-up %.0fx\n' \
  "$jgm" "$tgm" "$(awk -v a="$tgm" -v b="$jgm" 'BEGIN {print a / b}')"

# ---- alpha sweep of a check ----
# Every side trains each alpha from the same dumped weights to the same stop rule. The engine runs it twice: with the
# authors' rule (the same steps as torch: the per-step gain alone) and with the Runge-Kutta-Chebyshev integrator at
# rtol $SWEEP_RTOL (fewer gradient evaluations: the per-step gain times the step count). The accuracy of each is the
# largest relative error of the stop times t over the alphas against a tight reference (dp54, rtol 1e-8), not timed.
ALPHAS=0.5,1,2
SWEEP_RTOL=1e-2
"${JAVA[@]}" dump "$W/sweep" --n 64 --P 200 --max-steps 5000 >/dev/null 2> >(grep -v '^WARNING: Using incubator modules' >&2)
ref=$(runj "${JAVA[@]}" sweep "$W/sweep" --alphas $ALPHAS --adaptive dp54 --rtol 1e-8 --atol 1e-10)
tdev() { "$PY" -c 'import sys; r = [float(v) for v in sys.argv[1].split(",")]; t = [float(v) for v in sys.argv[2].split(",")]
print("%.1e" % max(abs(a - b) / abs(b) for a, b in zip(t, r)))' "$(field t "$ref")" "$1"; }
jc=(); jr=(); tc=(); jc2=(); jr2=(); tc2=()
for r in $(seq "$(( ROUNDS > 3 ? ROUNDS : 3 ))"); do
  js=$(runj "${JAVA[@]}" sweep "$W/sweep" --alphas $ALPHAS --passes 2)
  jc+=("$(field seconds "$js")"); jc2+=("$(field seconds_last "$js")")
  ks=$(runj "${JAVA[@]}" sweep "$W/sweep" --alphas $ALPHAS --adaptive rkc --rtol $SWEEP_RTOL --atol 1e-6 --passes 2)
  jr+=("$(field seconds "$ks")"); jr2+=("$(field seconds_last "$ks")")
  ts=$(runj "${TORCH[@]}" sweep "$W/sweep" --alphas $ALPHAS --passes 2)
  tc+=("$(field seconds "$ts")"); tc2+=("$(field seconds_last "$ts")")
done
tcm=$(median "${tc[@]}"); tcm2=$(median "${tc2[@]}")
printf 'alpha sweep (alpha = %s, n = 64, P = 200, one seed, flow to all margins >= 1; medians of %d rounds;\n' "$ALPHAS" "${#jc[@]}"
printf ' t error: largest relative error of the stop times against dp54 at rtol 1e-8, %s):\n' "$(field t "$ref")"
printf '  %-30s %18s %14s %8s %9s %8s %9s %8s\n' side steps+rejected evaluations "t error" "1st pass" speed-up "2nd pass" speed-up
evals() { "$PY" -c 'import sys; print(",".join(str(sum(int(v) for v in s.split("+"))) for s in sys.argv[1].split(",")))' "$1"; }
row() {
  local a b
  a=$(median "${!5}"); b=$(median "${!6}")
  printf '  %-30s %18s %14s %8s %8.2fs %7.2fx %8.2fs %7.2fx\n' "$1" "$2" "$3" "$4" "$a" "$(awk -v x="$tcm" -v y="$a" 'BEGIN {print x / y}')" \
    "$b" "$(awk -v x="$tcm2" -v y="$b" 'BEGIN {print x / y}')"
}
row "torch, authors' rule" "$(field steps "$ts")" "$(evals "$(field steps "$ts")")" "$(tdev "$(field t "$ts")")" 'tc[@]' 'tc2[@]'
row "scalecheck, authors' rule" "$(field steps "$js")" "$(field evaluations "$js")" "$(tdev "$(field t "$js")")" 'jc[@]' 'jc2[@]'
row "scalecheck, rkc rtol $SWEEP_RTOL" "$(field steps "$ks")" "$(field evaluations "$ks")" "$(tdev "$(field t "$ks")")" 'jr[@]' 'jr2[@]'
echo "(1st pass: seconds from the first step to the last alpha's stop in a fresh process, JIT warm-up included;"
echo " 2nd pass: the same sweep again in that process)"
echo

# ---- secondary: each side on its own kernel choice (or torch on --torch-coretype) ----
SEC_T="${TORCH_AS:-$NATIVE_T}"
if [ -n "$HEAD" ] && [ "$NATIVE" = 1 ] && { [ "$NATIVE_J" != "$HEAD" ] || [ "$SEC_T" != "$HEAD" ]; }; then
  CUR_CORE=""; CUR_CORE_T="$TORCH_AS"
  SEC_T=$(torch_core "$TORCH_AS")
  echo
  echo "SECONDARY (not the headline): engine on its own kernel choice $NATIVE_J, torch on $SEC_T" \
    "$([ -n "$TORCH_AS" ] && echo "(forced by --torch-coretype $TORCH_AS)" || echo "(its own choice)")"
  if [ "$NATIVE_J" != "$SEC_T" ]; then
    banner "MIXED KERNELS: the speed-ups in this table include the difference between $NATIVE_J and $SEC_T."
  fi
  raw_dgemm
  step_table
  CUR_CORE="$HEAD"; CUR_CORE_T="$HEAD"
  echo
fi

# ---- peak memory ----
if [ "$MEMORY" = 1 ]; then
  m=$( { on_core "$CUR_CORE" /usr/bin/time -v "${JAVA[@]}" memory --n 4096 --P 1000 --test 1000 --threads "$THREADS" >"$W/memory.json"; } 2>&1 \
    | awk -F: '/Maximum resident set size/ {print $2}' | xargs)
  cat "$W/memory.json" >>"$LOG"
  printf 'peak memory, n = 4096, P = 1000 (1000 test points) with the Gram: max RSS %.0f MiB (engine estimate %.0f MiB)\n' \
    "$(awk -v k="$m" 'BEGIN {print k / 1024}')" "$(field estimate_mib "$(cat "$W/memory.json")")"
fi
echo
echo "load at end:$(cut -d' ' -f1-3 /proc/loadavg); total $(( $(date +%s) - START )) s; raw results in $LOG"
