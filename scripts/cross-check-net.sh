#!/usr/bin/env bash
# Cross-checks isobench's native TCP round trip (workloads/bin/net, loopback mode: 64-byte echo,
# TCP_NODELAY) against sockperf's ping-pong over 127.0.0.1 with the same message size, run
# alternately in the same minute. Both pairs are placed alike: client on the first CPU this
# shell may use, server on the second (net's `--placement split`; left to the scheduler, the
# round trip flips between ~16 and ~65 us on a 2-vCPU VM, see workloads/net.c). sockperf reports
# half the round trip unless asked for --full-rtt, which this script does.
# Installs sockperf (Debian package) when missing. Prints both figures (mean, median and p99, us;
# each the median over $ISOBENCH_XC_ROUNDS rounds, at least 3) and the ratios of the means and of
# the medians; exits 1 if either differs by more than 25 %.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cross-check-lib.sh"
xc_need sockperf sockperf
bin=$(xc_bin net)

# First two CPUs of this shell's affinity list (one CPU only: both ends on it).
read -r cpu_client cpu_server < <(node -e '
  const list = require("fs").readFileSync("/proc/self/status", "utf8").match(/Cpus_allowed_list:\s*(\S+)/)[1];
  const cpus = list.split(",").flatMap((r) => { const [a, b = a] = r.split("-").map(Number); return Array.from({ length: b - a + 1 }, (_, i) => a + i); });
  console.log(cpus[0], cpus[1] ?? cpus[0]);')

port=$((20000 + RANDOM % 20000))
server_pid=""
stop_server() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi; }
trap stop_server EXIT

# "mean p50 p99" in us, from sockperf's full-RTT summary.
sockperf_us() {
  taskset -c "$cpu_server" sockperf sr --tcp -i 127.0.0.1 -p "$port" >/dev/null 2>&1 &
  server_pid=$!
  sleep 0.5
  local out
  out=$(taskset -c "$cpu_client" sockperf pp --tcp -i 127.0.0.1 -p "$port" -m 64 -t 4 --full-rtt 2>&1)
  stop_server
  port=$((port + 1))
  local mean p50 p99
  mean=$(printf '%s\n' "$out" | sed -n 's/.*avg-rtt=\([0-9.]*\).*/\1/p')
  p50=$(printf '%s\n' "$out" | sed -n 's/.*percentile 50.000 = *\([0-9.]*\).*/\1/p')
  p99=$(printf '%s\n' "$out" | sed -n 's/.*percentile 99.000 = *\([0-9.]*\).*/\1/p')
  [ -n "$mean" ] && [ -n "$p50" ] && [ -n "$p99" ] || { echo "sockperf printed no summary:" >&2; printf '%s\n' "$out" >&2; exit 1; }
  echo "$mean $p50 $p99"
}

# "mean p50 p99" in us: medians over net's repetitions (the binary pins client and server itself).
isobench_us() {
  local medians
  medians=$(mktemp)
  "$bin" --mode loopback --placement split --reps 5 --budget-ms 400 --warmup-ms 200 | xc_medians >"$medians"
  local m
  for m in tcp_rtt_64b tcp_rtt_64b_p50 tcp_rtt_64b_p99; do xc_show "$(xc_pick "$m.loopback" "$medians")"; done | paste -sd' '
  rm -f "$medians"
}

# Alternate the two tools so that a drift of the host hits both alike, for at least three rounds:
# a burst of the host can double one reading (a fresh-clone CI run read isobench 279 us in one
# round and 101.8 in the next, against sockperf's 90 and 99), so each side's figure is the median
# of its rounds, as in the other cross-checks, not the mean of two.
net_rounds=$((xc_rounds > 3 ? xc_rounds : 3))
sm=() smm=() smp=() im=() imm=() imp=()
for _ in $(seq "$net_rounds"); do
  read -r a b c < <(sockperf_us); sm+=("$a") smm+=("$b") smp+=("$c")
  read -r a b c < <(isobench_us); im+=("$a") imm+=("$b") imp+=("$c")
done
sock=$(xc_median "${sm[@]}"); sockm=$(xc_median "${smm[@]}"); sockp=$(xc_median "${smp[@]}")
iso=$(xc_median "${im[@]}"); isom=$(xc_median "${imm[@]}"); isop=$(xc_median "${imp[@]}")
ratio=$(node -e "console.log((${iso}/${sock}).toFixed(3))")
ratiom=$(node -e "console.log((${isom}/${sockm}).toFixed(3))")
echo "TCP 64-byte round trip over 127.0.0.1 (client on CPU ${cpu_client}, server on CPU ${cpu_server}):"
echo "  sockperf ping-pong --full-rtt  mean ${sock} us (rounds: ${sm[*]}), median ${sockm} us, p99 ${sockp} us"
echo "  isobench net (native loopback) mean ${iso} us (rounds: ${im[*]}), median ${isom} us, p99 ${isop} us"
echo "  ratio isobench/sockperf (means) ${ratio}"
echo "  ratio isobench/sockperf (medians) ${ratiom}"
node -e "process.exit(Math.abs(${ratio}-1) <= 0.25 && Math.abs(${ratiom}-1) <= 0.25 ? 0 : 1)" || { echo "disagreement beyond ±25 %" >&2; exit 1; }
