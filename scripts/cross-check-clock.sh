#!/usr/bin/env bash
# Cross-checks isobench's native clock figures against stress-ng's vdso stressor (Debian's
# stress-ng), which calls the vDSO's gettimeofday and clock_gettime in a loop and reports
# "nanosecs per call (excluding test overhead)". stress-ng's clock_gettime reads
# CLOCK_MONOTONIC; CLOCK_REALTIME takes the same vDSO path (the high-resolution clock read
# plus a different base), so clock_gettime_realtime is checked against the same figure.
# The tools take turns, 3 rounds; each side's figure is the median of its readings.
# Installs stress-ng when missing (as root). Exits 1 when a figure differs by more than 20 %.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cross-check-lib.sh"
xc_need stress-ng stress-ng
bin=$(xc_bin clock)
tol=20

stress_ns() { # vDSO function -> ns per call
  local out v
  out=$(stress-ng --vdso 1 --vdso-func "$1" --timeout 2 --metrics 2>&1) || { printf '%s\n' "$out" >&2; exit 1; }
  v=$(printf '%s\n' "$out" | sed -n 's/.*vdso *\([0-9.]*\) nanosecs per call.*/\1/p' | head -n 1)
  [ -n "$v" ] || { echo "stress-ng printed no 'nanosecs per call' figure (version too old?):" >&2; printf '%s\n' "$out" >&2; exit 1; }
  echo "$v"
}

iso=$(mktemp)
trap 'rm -f "$iso"' EXIT
tod=() cgt=() real=() s_tod=() s_cgt=()
for _ in $(seq "$xc_rounds"); do
  s_tod+=("$(stress_ns gettimeofday)") s_cgt+=("$(stress_ns clock_gettime)")
  "$bin" --reps 5 --budget-ms 100 --warmup-ms 100 | xc_medians >"$iso"
  tod+=("$(xc_pick gettimeofday "$iso")") cgt+=("$(xc_pick clock_gettime_monotonic "$iso")") real+=("$(xc_pick clock_gettime_realtime "$iso")")
done
echo "clock, native: isobench workloads/bin/clock vs stress-ng --vdso (same minute, $xc_rounds rounds)"
xc_check gettimeofday "$(xc_median "${tod[@]}")" "$(xc_median "${s_tod[@]}")" ns/op "stress-ng vdso gettimeofday" "$tol"
xc_check clock_gettime_monotonic "$(xc_median "${cgt[@]}")" "$(xc_median "${s_cgt[@]}")" ns/op "stress-ng vdso clock_gettime" "$tol"
xc_check clock_gettime_realtime "$(xc_median "${real[@]}")" "$(xc_median "${s_cgt[@]}")" ns/op "stress-ng vdso clock_gettime" "$tol"
xc_finish
