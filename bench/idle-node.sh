#!/usr/bin/env sh
# Measures an idle running node: resident memory and CPU time over a minute. Linux only (reads
# /proc). Usage: bench/idle-node.sh [SECONDS]   (default 60)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
printf 'idle node passphrase\n' > "$scratch/passphrase"
chmod 600 "$scratch/passphrase"
tend() { "$root/tend" --home "$scratch/home" --passphrase-file "$scratch/passphrase" "$@"; }
tend init > /dev/null
tend up --detach --listen 127.0.0.1:17428 > /dev/null
pid=$(cat "$scratch/home/node.pid")
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
sleep 10
before=$(ticks)
sleep "$seconds"
after=$(ticks)
rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
hz=$(getconf CLK_TCK)
tend down > /dev/null
awk -v rss="$rss" -v t="$((after - before))" -v hz="$hz" -v s="$seconds" 'BEGIN {
  printf "idle node: resident %.0f MiB; CPU %.2f s in %d s (%.2f%% of one core)\n",
    rss / 1024, t / hz, s, 100 * t / hz / s }'
