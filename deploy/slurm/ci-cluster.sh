#!/usr/bin/env bash
# A real one-node Slurm cluster on this machine, for CI and for trying deploy/slurm/ by hand.
#
#   deploy/slurm/ci-cluster.sh up       install slurm-wlm + munge (Debian packages) if missing,
#                                       write slurm.conf, start munged, slurmctld, slurmd, and
#                                       wait until `sinfo` shows the node idle
#   deploy/slurm/ci-cluster.sh status   the daemons' pids, sinfo, squeue
#   deploy/slurm/ci-cluster.sh down     stop the daemons (the state folder stays, for the logs)
#
# Every step is idempotent: `up` on a running cluster only checks it, `down` on a stopped one
# does nothing. Needs root (apt-get, the daemons) and no systemd: the daemons are started
# directly. Debian 12 ships Slurm 22.05.8.
#
# The cluster: this host is the controller and the only compute node (NodeAddr 127.0.0.1, so no
# DNS is needed), one partition `ci`, CPUs, cores and memory read from the machine (slurmd -C),
# select/cons_tres per core, proctrack/linuxproc and task/none (no cgroups: they are not
# delegated in containers), no accounting database (so no `sacct`; jobs are logged by
# jobcomp/filetxt to $STATE/log/jobcomp.log). slurm.conf goes to /etc/slurm/slurm.conf, where
# every Slurm command finds it without SLURM_CONF; an existing slurm.conf that this script did
# not write is never overwritten (set NDLAB_SLURM_CONF to use another path, and export
# SLURM_CONF=that path for the client commands).
#
# Environment: NDLAB_SLURM_STATE (state, spool and logs; default /tmp/ndlab-slurm),
# NDLAB_SLURM_CONF (default /etc/slurm/slurm.conf), NDLAB_SLURM_TIMEOUT (seconds to wait for an
# idle node, default 60).
set -euo pipefail

STATE=${NDLAB_SLURM_STATE:-/tmp/ndlab-slurm}
CONF=${NDLAB_SLURM_CONF:-/etc/slurm/slurm.conf}
TIMEOUT=${NDLAB_SLURM_TIMEOUT:-60}
MARK="# Written by ndlab deploy/slurm/ci-cluster.sh"
MUNGE_SOCKET=/run/munge/munge.socket.2
export SLURM_CONF=$CONF

say() { echo "ci-cluster: $*" >&2; }
die() { say "$*"; exit 1; }

need_root() {
    [ "$(id -u)" = 0 ] || die "must run as root (it installs packages and starts daemons)"
}

install_packages() {
    local missing=()
    command -v munged >/dev/null || missing+=(munge)
    { command -v slurmctld && command -v slurmd && command -v sbatch; } >/dev/null || missing+=(slurm-wlm)
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing ${missing[*]} (apt-get)"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

munge_key() {
    # The Debian package creates one on install; a minimal image may not have run that step.
    if [ ! -s /etc/munge/munge.key ]; then
        say "creating /etc/munge/munge.key"
        install -d -o munge -g munge -m 0700 /etc/munge
        mungekey --create --keyfile=/etc/munge/munge.key
        chown munge:munge /etc/munge/munge.key
        chmod 0600 /etc/munge/munge.key
    fi
}

pid_alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_munge() {
    install -d -o munge -g munge -m 0755 /run/munge
    install -d -o munge -g munge -m 0700 /var/log/munge /var/lib/munge
    if pid_alive /run/munge/munged.pid && munge -n </dev/null | unmunge >/dev/null 2>&1; then
        return
    fi
    say "starting munged"
    # munged refuses to run as root with a key owned by munge, so run it as its own user.
    runuser -u munge -- munged --socket="$MUNGE_SOCKET" --pid-file=/run/munge/munged.pid
    for _ in $(seq 50); do
        munge -n </dev/null | unmunge >/dev/null 2>&1 && return
        sleep 0.1
    done
    die "munged does not answer on $MUNGE_SOCKET (see /var/log/munge/munged.log)"
}

write_conf() {
    local node hw mem
    node=$(hostname -s)
    # The node as slurmd sees the hardware (CPUs, sockets, cores, threads), so the definition
    # matches it; a node that reports less memory than configured is drained ("Low
    # RealMemory"), so RealMemory leaves 5 %.
    hw=$(slurmd -C | head -n 1 | tr ' ' '\n' | grep -E '^(CPUs|Boards|SocketsPerBoard|CoresPerSocket|ThreadsPerCore)=' | tr '\n' ' ')
    mem=$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.95 }' /proc/meminfo)
    if [ -e "$CONF" ] && ! grep -qF "$MARK" "$CONF"; then
        die "$CONF exists and was not written by this script: not touching it (set NDLAB_SLURM_CONF)"
    fi
    install -d "$STATE"/{ctld,d,log} "$(dirname "$CONF")"
    local tmp=$CONF.tmp.$$
    cat >"$tmp" <<EOF
$MARK ($(date -u +%Y-%m-%dT%H:%M:%SZ)).
# A one-node cluster: this host is the controller and the only node. Do not use in production.
ClusterName=ndlab-ci
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/d
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# No cgroup plugins (they need a delegated cgroup hierarchy, which containers and machines
# without systemd lack): processes are tracked through /proc, tasks are not bound to cores.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$STATE/log/jobcomp.log
MpiDefault=none
# No mail on this machine (the default, /bin/mail, is missing and slurmctld logs an error).
MailProg=/bin/true
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MaxArraySize=10001
# Backfill every second (default 30 s), so queued array tasks start promptly.
SchedulerParameters=bf_interval=1
NodeName=$node NodeAddr=127.0.0.1 ${hw}RealMemory=$mem State=UNKNOWN
PartitionName=ci Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
    if [ -e "$CONF" ] && diff -q <(grep -v "^$MARK" "$CONF") <(grep -v "^$MARK" "$tmp") >/dev/null; then
        rm -f "$tmp"
    else
        mv "$tmp" "$CONF"
        say "wrote $CONF"
        CONF_CHANGED=1
    fi
    # No cgroup.conf: with proctrack/linuxproc and task/none, 22.05 never loads a cgroup plugin.
}

start_daemons() {
    if [ "${CONF_CHANGED:-0}" = 1 ] && { pid_alive "$STATE/slurmctld.pid" || pid_alive "$STATE/slurmd.pid"; }; then
        say "slurm.conf changed: restarting the daemons"
        stop_pidfile "$STATE/slurmd.pid" slurmd
        stop_pidfile "$STATE/slurmctld.pid" slurmctld
    fi
    if ! pid_alive "$STATE/slurmctld.pid"; then
        say "starting slurmctld"
        # -i: ignore state files from an earlier run with another slurm.conf.
        slurmctld -i -f "$CONF"
    fi
    if ! pid_alive "$STATE/slurmd.pid"; then
        say "starting slurmd"
        slurmd -f "$CONF" -N "$(hostname -s)"
    fi
}

wait_idle() {
    local node state
    node=$(hostname -s)
    for _ in $(seq $((TIMEOUT * 2))); do
        state=$(sinfo -h -n "$node" -o %T 2>/dev/null || true)
        case "$state" in
            idle | mixed | allocated) say "node $node is $state"; return ;;
            drain* | down*)
                # ReturnToService=2 brings a node back once it registers; a node that was set down
                # by an earlier run of this script (or `down`) comes back here.
                scontrol update nodename="$node" state=resume >/dev/null 2>&1 || true ;;
        esac
        sleep 0.5
    done
    sinfo -N -l >&2 || true
    tail -n 20 "$STATE/log/slurmctld.log" "$STATE/log/slurmd.log" >&2 || true
    die "node $node not idle after ${TIMEOUT}s (state: ${state:-none})"
}

stop_pidfile() {
    local f=$1 name=$2
    if pid_alive "$f"; then
        local pid
        pid=$(cat "$f")
        say "stopping $name ($pid)"
        kill "$pid"
        for _ in $(seq 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -f "$f"
}

status() {
    local ok=0
    for d in "munged:/run/munge/munged.pid" "slurmctld:$STATE/slurmctld.pid" "slurmd:$STATE/slurmd.pid"; do
        if pid_alive "${d#*:}"; then
            echo "${d%%:*}: running (pid $(cat "${d#*:}"))"
        else
            echo "${d%%:*}: stopped"
            ok=1
        fi
    done
    if [ $ok = 0 ]; then
        sinfo
        squeue
    fi
    return $ok
}

case "${1:-}" in
    up)
        need_root
        install_packages
        munge_key
        start_munge
        write_conf
        start_daemons
        wait_idle
        echo "Slurm $(sinfo -V | awk '{print $2}') is up: $CONF, logs in $STATE/log"
        ;;
    down)
        need_root
        # slurmd first, so the controller does not wait for it; munged last.
        stop_pidfile "$STATE/slurmd.pid" slurmd
        stop_pidfile "$STATE/slurmctld.pid" slurmctld
        stop_pidfile /run/munge/munged.pid munged
        echo "Slurm is down (logs in $STATE/log)"
        ;;
    status) status ;;
    *)
        echo "usage: $0 up|down|status" >&2
        exit 2
        ;;
esac
