#!/usr/bin/env bash
# A private one-node Slurm cluster for the sweep tests: munged, slurmctld and slurmd with their
# own key, socket, ports, state and logs in DIR, so that ipsec-sweep's job array goes through a
# real Slurm (sbatch --test-only, then sbatch --wait) and nothing of the machine's is touched.
#   local-slurm-cluster.sh start DIR    returns once the node is idle (or fails, saying why)
#   local-slurm-cluster.sh stop DIR     ends the three daemons
# The tests then run sbatch with SLURM_CONF=DIR/slurm.conf. Needs the Debian packages slurmctld,
# slurmd, slurm-client and munge (scripts/setup.sh installs them).
set -euo pipefail
command="${1:?start or stop}"
dir="$(realpath -m "${2:?folder}")"

stop() {
    for daemon in slurmd slurmctld munged; do
        if [ -f "$dir/$daemon.pid" ]; then
            kill "$(cat "$dir/$daemon.pid")" 2>/dev/null || true
        fi
    done
    # Also when the pid files are gone with the folder: every daemon names DIR on its command line.
    pkill -f -- "$dir/" 2>/dev/null || true
    # Wait until they are gone: slurmctld saves its state files on the way out, and the caller
    # removes the folder next (up to 10 s, then SIGKILL).
    for _ in $(seq 100); do
        pgrep -f -- "$dir/" > /dev/null || return 0
        sleep 0.1
    done
    pkill -9 -f -- "$dir/" 2>/dev/null || true
    sleep 0.2
}

if [ "$command" = stop ]; then
    stop
    exit 0
fi
[ "$command" = start ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
for tool in munged mungekey slurmctld slurmd sbatch sinfo; do
    command -v "$tool" > /dev/null || { echo "$tool missing: run scripts/setup.sh" >&2; exit 1; }
done
mkdir -p "$dir/state" "$dir/spool"
trap 'status=$?; [ $status -eq 0 ] || { stop; tail -n 20 "$dir"/*.log >&2 || true; }' EXIT

# Ports of our own, away from Slurm's 6817/6818, different for concurrent test runs.
port=$((20000 + ($$ % 4000) * 2))
host="$(hostname -s)"
cat > "$dir/slurm.conf" <<CONF
ClusterName=ipsecsweeptest
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
SlurmctldPort=$port
SlurmdPort=$((port + 1))
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/builtin
SchedulerParameters=sched_interval=1
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MaxArraySize=100001
NodeName=$host CPUs=$(nproc) RealMemory=4000 State=UNKNOWN
PartitionName=short Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

mungekey --create --force --keyfile="$dir/munge.key" 2> "$dir/mungekey.log"
# munged refuses root without --force; these are test daemons that live for one test.
munged --force --key-file="$dir/munge.key" --socket="$dir/munge.socket" \
    --pid-file="$dir/munged.pid" --seed-file="$dir/munge.seed" --log-file="$dir/munged.log"
slurmctld -f "$dir/slurm.conf"
slurmd -f "$dir/slurm.conf"
export SLURM_CONF="$dir/slurm.conf"
for _ in $(seq 1 100); do
    if [ "$(sinfo -h -o %T 2> /dev/null)" = idle ]; then
        exit 0
    fi
    sleep 0.2
done
echo "the local Slurm node did not become idle in 20 s: $(sinfo 2>&1)" >&2
exit 1
