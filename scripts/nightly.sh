#!/usr/bin/env bash
# Nightly benchmark on a self-hosted runner (examples/nightly-workflow.yml calls it), as root:
#
#   1. sets up the host: bash scripts/setup-host.sh (Docker, runc, runsc, the build)
#   2. isobench run on every runtime Docker has: native, runc, runc:unconfined (so the seccomp
#      filter's own cost is measured), runsc, and Kata when Docker has a Kata runtime
#   3. compares the new run with the last complete run of this host (isobench compare
#      --against last); the first run of a host has nothing to compare with and passes
#   4. exports into the artefacts directory: report.csv, samples.csv, report.html, report.md,
#      report.json, compare.md, compare.csv, compare.json, run.log
#   5. exits non-zero when the run failed or any metric regressed significantly
#
# Environment:
#   ISOBENCH_DB           the database; it must survive between nights, so on CI keep it
#                         outside the checkout (default results/isobench.db)
#   ISOBENCH_ARTEFACTS    artefacts directory (default results/nightly/<UTC date>)
#   ISOBENCH_THRESHOLD    smallest regression that fails, in % (default 5)
#   ISOBENCH_RUN_ARGS     extra arguments for `isobench run`, e.g. "--workloads syscall,startup"
#                         (keep --repetitions >= 4: fewer trials can never reach p < 0.05)
#   ISOBENCH_SKIP_SETUP=1 skip setup-host.sh (host already set up; then root is not needed,
#                         only access to the Docker socket)
#   GITHUB_STEP_SUMMARY   when set (GitHub Actions), the comparison is appended to it
#
# Exit status: 0 no significant regression; 1 regression, or the run failed or was interrupted;
# 2 a usage or set-up error.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

log() { printf 'nightly: %s\n' "$*" >&2; }
die() { printf 'nightly: error: %s\n' "$*" >&2; exit 2; }

export ISOBENCH_DB=${ISOBENCH_DB:-results/isobench.db}
artefacts=${ISOBENCH_ARTEFACTS:-results/nightly/$(date -u +%Y-%m-%d)}
threshold=${ISOBENCH_THRESHOLD:-5}
read -r -a run_args <<<"${ISOBENCH_RUN_ARGS:-}"

isobench() { node dist/cli/main.js "$@"; }

if [ "${ISOBENCH_SKIP_SETUP:-0}" != 1 ]; then
  [ "$(id -u)" -eq 0 ] || die "must run as root for the host set-up (or set ISOBENCH_SKIP_SETUP=1)"
  bash scripts/setup-host.sh
fi
[ -f dist/cli/main.js ] || die "isobench is not built (npm run build, or run without ISOBENCH_SKIP_SETUP)"
mkdir -p "$artefacts" "$(dirname "$ISOBENCH_DB")"

# native, runc and runc:unconfined always; runsc and Kata when Docker has them.
docker_runtimes=$(docker info --format '{{range $name, $_ := .Runtimes}}{{$name}} {{end}}') ||
  die "cannot ask Docker for its runtimes (is the engine running?)"
runtimes=native,runc,runc:unconfined
case " $docker_runtimes " in *" runsc "*) runtimes+=,runsc ;; esac
case "$docker_runtimes" in *kata*) runtimes+=,kata ;; esac
log "runtimes: $runtimes (Docker has: $docker_runtimes)"

run_status=0
# The report in every format comes from the run itself (--export-*), in one pass.
isobench run --runtimes "$runtimes" --no-report "${run_args[@]}" \
  --export-csv "$artefacts/report.csv" --export-html "$artefacts/report.html" \
  --export-md "$artefacts/report.md" --export-json "$artefacts/report.json" \
  2> >(tee "$artefacts/run.log" >&2) || run_status=$?
# `isobench runs --format json`: the latest run, and how many complete runs its host had before it.
runs_json=$(isobench runs --format json)
read -r run_id host earlier < <(node -e '
  const runs = JSON.parse(require("fs").readFileSync(0, "utf8")).runs;
  const last = runs.at(-1);
  if (last === undefined) process.exit(0);
  const earlier = runs.filter((r) => r.hostname === last.hostname && r.status === "complete" && r.id !== last.id).length;
  console.log(last.id, last.hostname, earlier);' <<<"$runs_json") || true
[ -n "${run_id:-}" ] || die "no run was stored (see $artefacts/run.log)"
log "run $run_id on $host finished with status $run_status"

log "exporting samples to $artefacts"
isobench report "$run_id" --samples >"$artefacts/samples.csv"

gate=0
if [ "$run_status" -ne 0 ]; then
  log "the run did not complete: no comparison"
elif [ "$earlier" -eq 0 ]; then
  log "first complete run of $host: nothing to compare with yet"
  printf 'First complete isobench run of %s (%s): nothing to compare with yet.\n' "$host" "$run_id" >"$artefacts/compare.md"
else
  isobench compare --against last "$run_id" --threshold "$threshold" --format csv >"$artefacts/compare.csv" || true
  isobench compare --against last "$run_id" --threshold "$threshold" --format json >"$artefacts/compare.json" || true
  isobench compare --against last "$run_id" --threshold "$threshold" --format md >"$artefacts/compare.md" || gate=$?
  isobench compare --against last "$run_id" --threshold "$threshold" >&2 || true
fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$artefacts/compare.md" ]; then cat "$artefacts/compare.md" >>"$GITHUB_STEP_SUMMARY"; fi

if [ "$run_status" -ne 0 ]; then log "FAILED: the run exited with status $run_status"; exit 1; fi
case "$gate" in
  0) log "passed: no significant regression beyond $threshold %" ;;
  1) log "FAILED: significant regression beyond $threshold % (see $artefacts/compare.md)"; exit 1 ;;
  *) log "FAILED: the comparison could not be made (status $gate)"; exit 2 ;;
esac
