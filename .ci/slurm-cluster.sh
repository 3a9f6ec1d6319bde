#!/usr/bin/env bash
# Starts or stops a one-node Slurm cluster on this machine, loopback only, for the cluster test.
#
#   .ci/slurm-cluster.sh start   install (Debian packages slurmctld, slurmd, munge, slurm-client)
#                                if missing, write a minimal slurm.conf, start munged, slurmctld,
#                                slurmd, wait until the node is idle; prints SLURM_CONF=<path>
#   .ci/slurm-cluster.sh stop    stop every daemon that "start" started (by the pids it recorded)
#   .ci/slurm-cluster.sh status  sinfo of the test cluster
#
# State lives in $SCALECHECK_SLURM_DIR (default /tmp/scalecheck-slurm): slurm.conf, spool, logs,
# pid files. slurmctld listens on 127.0.0.1:$SCALECHECK_SLURM_PORT (default 16817), slurmd on the
# next port. Commands that talk to this cluster need SLURM_CONF=$SCALECHECK_SLURM_DIR/slurm.conf.
# Exit status of "start": 0 running; 10 cannot start here (not root, no packages), with the reason
# on stderr; 11 started but the node did not come up (logs on stderr).
set -uo pipefail

dir="${SCALECHECK_SLURM_DIR:-/tmp/scalecheck-slurm}"
conf="$dir/slurm.conf"
port="${SCALECHECK_SLURM_PORT:-16817}"   # slurmctld; slurmd listens on port + 1
export SLURM_CONF="$conf"

# Root runs the daemons directly; another user needs password-less sudo (as on hosted CI runners).
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi

cannot() { echo "slurm-cluster: cannot start: $*" >&2; exit 10; }

stop_pidfile() {
  local f="$1" pid
  [ -f "$f" ] || return 0
  pid="$(cat "$f" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    $SUDO kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do $SUDO kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    $SUDO kill -0 "$pid" 2>/dev/null && $SUDO kill -9 "$pid" 2>/dev/null
  fi
  $SUDO rm -f "$f"
}

stop() {
  # Cancel anything still queued so that slurmd leaves no job steps behind.
  if [ -f "$dir/slurmctld.pid" ] && command -v scancel >/dev/null; then
    timeout 10 scancel --quiet --full -u "$(id -un)" >/dev/null 2>&1 || true
  fi
  stop_pidfile "$dir/slurmd.pid"
  stop_pidfile "$dir/slurmctld.pid"
  stop_pidfile "$dir/munged.pid"
  return 0
}

install_packages() {
  local missing=()
  [ -x /usr/sbin/slurmctld ] || missing+=(slurmctld)
  [ -x /usr/sbin/slurmd ] || missing+=(slurmd)
  [ -x /usr/sbin/munged ] || missing+=(munge)
  command -v sbatch >/dev/null || missing+=(slurm-client)
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || cannot "missing ${missing[*]} and no apt-get"
  echo "slurm-cluster: installing ${missing[*]}" >&2
  timeout 300 $SUDO apt-get update -q >"$dir/apt.log" 2>&1 || cannot "apt-get update failed (see $dir/apt.log)"
  $SUDO env DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -q "${missing[@]}" >>"$dir/apt.log" 2>&1 \
    || cannot "apt-get install ${missing[*]} failed (see $dir/apt.log)"
}

start() {
  [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ] || cannot "not root and no password-less sudo (the daemons need root)"
  mkdir -p "$dir" || cannot "cannot create $dir"
  stop
  install_packages

  local node cpus mem
  node="$(hostname -s)"
  cpus="$(nproc)"
  mem="$(/usr/sbin/slurmd -C 2>/dev/null | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p')"
  [ -n "$mem" ] || mem=1024
  # Leave some memory to the system so slurmd does not mark the node as drained for low memory.
  mem=$(( mem * 9 / 10 ))

  mkdir -p "$dir/spool/ctld" "$dir/spool/d" "$dir/log" "$dir/munge"
  chmod 755 "$dir"

  # munge: a fresh key private to this cluster, its own socket, run as root (--force allows it).
  dd if=/dev/urandom of="$dir/munge/munge.key" bs=1 count=1024 status=none
  chmod 400 "$dir/munge/munge.key"
  local sock="$dir/munge/munge.socket"
  $SUDO /usr/sbin/munged --force --key-file="$dir/munge/munge.key" --socket="$sock" \
    --pid-file="$dir/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/seed" \
    || cannot "munged failed to start (see $dir/log/munged.log)"

  cat >"$conf" <<CONF
# One-node test cluster written by .ci/slurm-cluster.sh (loopback only).
ClusterName=scalecheck
SlurmctldHost=${node}(127.0.0.1)
SlurmctldPort=${port}
SlurmdPort=$(( port + 1 ))
AuthType=auth/munge
AuthInfo=socket=${sock}
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=${dir}/spool/ctld
SlurmdSpoolDir=${dir}/spool/d
SlurmctldPidFile=${dir}/slurmctld.pid
SlurmdPidFile=${dir}/slurmd.pid
SlurmctldLogFile=${dir}/log/slurmctld.log
SlurmdLogFile=${dir}/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=${dir}/log/jobcomp.txt
DefMemPerCPU=$(( mem / cpus ))
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
MinJobAge=600
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
NodeName=${node} NodeAddr=127.0.0.1 CPUs=${cpus} RealMemory=${mem} State=UNKNOWN
PartitionName=debug Nodes=${node} Default=YES MaxTime=INFINITE State=UP
CONF

  $SUDO /usr/sbin/slurmctld -i -f "$conf" || { tail -20 "$dir/log/slurmctld.log" >&2; echo "slurm-cluster: slurmctld failed" >&2; stop; exit 11; }
  $SUDO /usr/sbin/slurmd -f "$conf" -N "$node" || { tail -20 "$dir/log/slurmd.log" >&2; echo "slurm-cluster: slurmd failed" >&2; stop; exit 11; }

  for _ in $(seq 1 60); do
    state="$(sinfo -h -n "$node" -o '%T' 2>/dev/null | head -1)"
    case "$state" in
      idle|mixed|allocated) echo "SLURM_CONF=$conf"; return 0 ;;
    esac
    sleep 1
  done
  echo "slurm-cluster: node $node did not become idle (state '${state:-none}')" >&2
  tail -20 "$dir/log/slurmctld.log" "$dir/log/slurmd.log" >&2
  stop
  exit 11
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) sinfo ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
