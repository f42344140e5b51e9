#!/usr/bin/env bash
# Stops the single-node Slurm that tools/slurm/start-local-slurm.sh started: slurmd, slurmctld and munged,
# each by the pid in its pid file (nothing else is signalled).
set -uo pipefail
DIR="${LOSSBENCH_SLURM_DIR:-/var/tmp/lossbench-slurm}"
stop() {
  local pidfile="$1" name="$2"
  [[ -f "$pidfile" ]] || return 0
  local pid
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && echo "stop-local-slurm: $name ($pid) did not stop" >&2
  fi
  rm -f "$pidfile"
}
stop "$DIR/slurmd.pid" slurmd
stop "$DIR/slurmctld.pid" slurmctld
stop /run/munge/munged.pid munged
