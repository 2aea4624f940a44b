#!/usr/bin/env bash
# Cross-checks isobench's native getppid figure against `perf bench syscall basic` (Debian's
# linux-perf), which times the same raw getppid loop, run back to back in the same minute.
# Prints both figures and their ratio; exits 1 if they differ by more than 15 %.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin="$repo/workloads/bin/syscall"
[ -x "$bin" ] || make -s -C "$repo/workloads"
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 2; }

perf_ns() { perf bench syscall basic 2>/dev/null | awk '/usecs\/op/ { printf "%.1f\n", $1 * 1000 }'; }
isobench_ns() {
  "$bin" --only getppid --reps 5 --budget-ms 200 --warmup-ms 200 |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=s.trim().split("\n").map(l=>JSON.parse(l).value).sort((a,b)=>a-b);console.log(v[Math.floor(v.length/2)].toFixed(1))})'
}

# Alternate the two tools so that a drift of the host hits both alike.
p1=$(perf_ns); i1=$(isobench_ns); p2=$(perf_ns); i2=$(isobench_ns)
perf=$(node -e "console.log(((${p1}+${p2})/2).toFixed(1))")
iso=$(node -e "console.log(((${i1}+${i2})/2).toFixed(1))")
ratio=$(node -e "console.log((${iso}/${perf}).toFixed(3))")
echo "getppid per call: perf bench syscall basic ${perf} ns (${p1}, ${p2}); isobench native ${iso} ns (${i1}, ${i2}); ratio ${ratio}"
node -e "process.exit(Math.abs(${ratio}-1) <= 0.15 ? 0 : 1)" || { echo "disagreement beyond ±15 %" >&2; exit 1; }
