#!/usr/bin/env bash
# Every native per-op figure of isobench against an established tool on this host, in the same
# minute (about 3 minutes in all; run it on a quiet host):
#   syscall  perf bench syscall basic (getppid); hyperfine, external clock (the other calls)
#   clock    stress-ng --vdso
#   cpu      hyperfine, external clock
#   fileio   fio filestat / filedelete / filecreate; hyperfine (open_read_close)
#   net      sockperf ping-pong over 127.0.0.1
#   apps     redis-benchmark and wrk by hand (redis, nginx); hyperfine, external clock (memaccess)
# Arguments pick some of them (e.g. `cross-check.sh clock fileio`). Exits 1 when any disagrees.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
all=(syscall clock cpu fileio net apps)
picked=("$@")
[ "${#picked[@]}" -eq 0 ] && picked=("${all[@]}")
for w in "${picked[@]}"; do
  [ -f "$here/cross-check-$w.sh" ] || { echo "cross-check: unknown workload '$w' (accepted: ${all[*]})" >&2; exit 2; }
done
failed=()
for w in "${picked[@]}"; do
  bash "$here/cross-check-$w.sh" || failed+=("$w")
  echo
done
if [ "${#failed[@]}" -gt 0 ]; then echo "cross-check: disagreement or error in: ${failed[*]}" >&2; exit 1; fi
echo "cross-check: every figure agrees within its tolerance (${picked[*]})"
