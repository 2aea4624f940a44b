#!/usr/bin/env bash
# Checks `isobench predict` against measurement on real commands (as root, with the engine and runsc
# of scripts/setup-host.sh): each command is profiled natively, then timed natively and inside runc and
# runsc containers by the same timer (python3, median of K runs, started inside the container so that
# container start-up stays out), and the measured slowdowns are set against the predicted ones with
# validatePredictions(). The containers see the host's /usr read-only through a FROM-scratch image
# built here; the image and every container are labelled and removed at the end. The native timer runs
# in a cgroup of its own beside the containers' (cgroup v1 cpu controller, under docker/): on a busy host
# the scheduler shares CPU between cgroups first, so a host process among many would otherwise get less
# CPU than a container does (a pure-CPU command measured 2-3x faster under runsc than natively here).
# The profile runs there too. Its per-call costs come from `isobench run` as it is.
#   ISOBENCH_DB   database holding a run with calls and syscall on native, runc, runsc (default: a new one)
#   K             timed runs per command, target and round (default 3)
#   ROUNDS        rounds; each times native, runc and runsc in turn, and a slowdown is the median over the
#                 rounds of the ratio within a round, so that the host's drift cancels (default 3)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
k=${K:-3}
rounds=${ROUNDS:-3}
work=$(mktemp -d /tmp/isobench-validate.XXXXXX)
image="isobench-validate:$$"
label="isobench.validate=$$"
cgroup=""
for parent in /sys/fs/cgroup/cpu/docker /sys/fs/cgroup/cpu,cpuacct/docker; do
  if [ -d "$parent" ]; then cgroup="$parent/isobench-validate-$$"; mkdir -p "$cgroup"; break; fi
done
cleanup() {
  [ -n "$cgroup" ] && rmdir "$cgroup" 2>/dev/null || true
  docker ps -aq --filter "label=$label" | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker rmi -f "$image" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
db=${ISOBENCH_DB:-$work/isobench.db}
isobench() { node "$repo/dist/cli/main.js" --db "$db" "$@"; }

cat > "$work/timer.py" <<'PY'
import statistics, subprocess, sys, time
k, cmd = int(sys.argv[1]), sys.argv[2:]
walls = []
for _ in range(k):
    t = time.monotonic()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    walls.append(time.monotonic() - t)
print(statistics.median(walls) * 1000)
PY
mkdir -p "$work/ctx/rootfs/tmp" "$work/ctx/rootfs/usr" "$work/ctx/rootfs/dev" "$work/ctx/rootfs/proc" "$work/ctx/rootfs/etc"
for l in bin lib lib64 sbin; do ln -s "usr/$l" "$work/ctx/rootfs/$l"; done
printf 'FROM scratch\nCOPY rootfs/ /\n' > "$work/ctx/Dockerfile"
docker build -q --label "$label" -t "$image" "$work/ctx" >/dev/null

declare -A apps=(
  [py-import]="/usr/bin/python3 -c 'import json, decimal, email.parser, argparse'"
  [tar]="/usr/bin/tar -cf /dev/null /usr/lib/python3.11"
  [gcc]="/bin/sh -c 'echo \"int main(void){return 0;}\" > /tmp/h.c && gcc -O0 -c /tmp/h.c -o /tmp/h.o'"
  [cpu]="/usr/bin/python3 -c 'sum(range(3*10**6))'"
  [spawn]="/bin/sh -c 'for i in \$(seq 50); do /bin/true; done'"
)

if [ -z "${ISOBENCH_DB:-}" ]; then
  echo "validate: measuring per-call costs and compute speed (calls, syscall, cpu on native, runc, runsc)" >&2
  isobench run --repetitions 3 --samples 3 --budget-ms 100 --warmup-ms 50 --runtimes native,runc,runsc --workloads calls,syscall,cpu --no-report --quiet
fi
: > "$work/measured.tsv"
for app in "${!apps[@]}"; do
  eval "cmd=(${apps[$app]})"
  echo "validate: $app: profiling, then timing natively and in runc and runsc" >&2
  # the environment a container gets: nothing of this shell's (a pyenv or PYTHONPATH would change the work)
  # and in the timer's cgroup: the profile's untraced wall time is the baseline of the prediction
  CG="$cgroup" env -i CG="$cgroup" PATH=/usr/bin:/bin:$(dirname "$(command -v node)") /bin/sh -c '[ -n "$CG" ] && echo $$ > "$CG/cgroup.procs"; exec "$@"' \
    profile node "$repo/dist/cli/main.js" --db "$db" profile --output "$work/$app.json" -- "${cmd[@]}" >/dev/null 2>&1
  isobench predict "$work/$app.json" --format json --runtimes runc,runsc > "$work/$app.predicted.json"
  for round in $(seq "$rounds"); do
    native=$(CG="$cgroup" env -i CG="$cgroup" PATH=/usr/bin:/bin /bin/sh -c '[ -n "$CG" ] && echo $$ > "$CG/cgroup.procs"; exec /usr/bin/python3 "$@"' \
      timer "$work/timer.py" "$k" "${cmd[@]}")
    for rt in runc runsc; do
      ms=$(docker run --rm --label "$label" --runtime "$rt" --network none --tmpfs /tmp -v "$work/timer.py:/timer.py:ro" \
        -v /usr:/usr:ro "$image" /usr/bin/python3 /timer.py "$k" "${cmd[@]}")
      printf '%s\t%s\t%s\t%s\t%s\n' "$app" "$rt" "$round" "$native" "$ms" >> "$work/measured.tsv"
    done
  done
done

node --input-type=module - "$work" <<'JS'
import { readFileSync } from 'node:fs';
const [work] = process.argv.slice(2);
const { validatePredictions } = await import(`${process.cwd()}/dist/predict/validate.js`);
const { renderValidationMarkdown } = await import(`${process.cwd()}/dist/report/validation-md.js`);
const median = (v) => { const s = [...v].sort((a, b) => a - b); const m = Math.floor(s.length / 2); return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const lines = readFileSync(`${work}/measured.tsv`, 'utf8').trim().split('\n').map((l) => {
  const [app, runtime, round, nativeMs, ms] = l.split('\t');
  return { app, runtime, round, nativeMs: Number(nativeMs), ms: Number(ms) };
});
const keys = [...new Set(lines.map((l) => `${l.app}\t${l.runtime}`))];
const measured = keys.map((key) => {
  const of = lines.filter((l) => `${l.app}\t${l.runtime}` === key);
  return { app: of[0].app, runtime: of[0].runtime, slowdown: median(of.map((l) => l.ms / l.nativeMs)), nativeMs: median(of.map((l) => l.nativeMs)), ms: median(of.map((l) => l.ms)) };
});
const predicted = [...new Set(measured.map((m) => m.app))].flatMap((app) =>
  JSON.parse(readFileSync(`${work}/${app}.predicted.json`, 'utf8')).runtimes.map((r) => ({ app, runtime: r.runtime, slowdown: r.slowdown })));
for (const m of measured) process.stderr.write(`${m.app}\t${m.runtime}\tnative ${m.nativeMs.toFixed(1)} ms\t${m.runtime} ${m.ms.toFixed(1)} ms\n`);
process.stdout.write(renderValidationMarkdown(validatePredictions(predicted, measured)));
JS
