#!/usr/bin/env bash
# Starts a single-node Slurm cluster on this machine for lossbench's Slurm integration test
# (cli's SweepSlurmTest; docs/sweep.md "Slurm").
#
#   tools/slurm/start-local-slurm.sh    # installs slurm-wlm and munge with apt-get when missing (as root),
#                                       # writes /etc/slurm/slurm.conf, starts munged, slurmctld and slurmd,
#                                       # and waits until sinfo shows the node idle
#   tools/slurm/stop-local-slurm.sh     # stops the daemons this script started
#
# The cluster is called lossbench-local (the test runs only against a cluster of that name). Its one node is
# "localhost" with this machine's CPUs and memory as `slurmd -C` detects them; the daemons bind to 127.0.0.1
# only (CommunicationParameters=NoCtldInAddrAny,NoInAddrAny). State, spool and logs live in
# $LOSSBENCH_SLURM_DIR (default /var/tmp/lossbench-slurm). An existing /etc/slurm/slurm.conf that this script
# did not write is left alone (exit 1): this is not a tool for configuring a real cluster.
# Needs root (slurmd runs jobs as their users). Exit 0: the node is idle; 1: Slurm could not be started.
set -euo pipefail

DIR="${LOSSBENCH_SLURM_DIR:-/var/tmp/lossbench-slurm}"
CONF=/etc/slurm/slurm.conf
MARK="# written by lossbench tools/slurm/start-local-slurm.sh"
say() { echo "start-local-slurm: $*" >&2; }

if [[ "$(id -u)" != 0 ]]; then
  say "needs root (slurmd and munged run as root and munge); not started"
  exit 1
fi
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  if ! command -v apt-get >/dev/null; then
    say "slurm-wlm and munge are not installed and there is no apt-get to install them"
    exit 1
  fi
  say "installing slurm-wlm and munge with apt-get"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge) >/dev/null \
    || { say "apt-get could not install slurm-wlm and munge"; exit 1; }
fi
if [[ -f "$CONF" ]] && ! grep -qF "$MARK" "$CONF"; then
  say "$CONF exists and was not written by this script; refusing to replace a real Slurm configuration"
  exit 1
fi

mkdir -p "$DIR/state" "$DIR/spool" "$DIR/log"

# munge: the key the package created, else a new one; the daemon runs as the munge user
if [[ ! -s /etc/munge/munge.key ]]; then
  mkdir -p /etc/munge
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
fi
chown munge:munge /etc/munge/munge.key && chmod 0400 /etc/munge/munge.key
mkdir -p /run/munge /var/lib/munge /var/log/munge
chown munge:munge /run/munge /var/lib/munge /var/log/munge
chmod 0755 /run/munge
if ! munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then
  runuser -u munge -- /usr/sbin/munged --force
  for _ in $(seq 50); do munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n </dev/null | unmunge >/dev/null || { say "munged did not start (see /var/log/munge/munged.log)"; exit 1; }
fi

# the node as slurmd detects it: CPUs, sockets, cores, threads, memory (MB)
HW="$(slurmd -C | head -1 | sed -e 's/^NodeName=[^ ]* //')"
mkdir -p /etc/slurm
cat > "$CONF.tmp" <<CONFEOF
$MARK
ClusterName=lossbench-local
SlurmctldHost=localhost(127.0.0.1)
CommunicationParameters=NoCtldInAddrAny,NoInAddrAny
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
# a requeued job may start again after cred_expire seconds (default 120)
AuthInfo=cred_expire=10
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
JobRequeue=1
KillWait=10
NodeName=localhost NodeAddr=127.0.0.1 NodeHostname=localhost $HW State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONFEOF
mv "$CONF.tmp" "$CONF"

running() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }
if ! running "$DIR/slurmctld.pid"; then
  /usr/sbin/slurmctld -i   # -i: ignore state a former run left that does not fit this configuration
fi
if ! running "$DIR/slurmd.pid"; then
  /usr/sbin/slurmd -N localhost
fi
for _ in $(seq 120); do
  state="$(sinfo -h -n localhost -o %t 2>/dev/null || true)"
  case "$state" in
    idle|mix|alloc) say "node localhost is $state ($HW); stop with tools/slurm/stop-local-slurm.sh"; exit 0 ;;
    down*|drain*) scontrol update nodename=localhost state=resume >/dev/null 2>&1 || true ;;
  esac
  sleep 0.5
done
say "the node did not become idle within 60 s (sinfo: '${state:-no answer}'); see $DIR/log/"
exit 1
