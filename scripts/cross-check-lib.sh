# Shared by scripts/cross-check-*.sh (sourced, not run): each compares isobench's native per-op
# figures with an established tool run alternately in the same minute, prints one row per
# metric, and exits 1 when any pair disagrees beyond its tolerance.
#
# Row format (scripts and tests parse it):
#   <metric>  isobench <value> <unit>  <tool> <value> <unit>  ratio <isobench/tool>  ok|DISAGREES (±N %)

xc_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
xc_failed=0
# Rounds of alternation: the host drifts by ±15 % over tens of seconds here (a 2-vCPU VM), so
# each side's figure is the median of this many readings taken turn about.
xc_rounds=${ISOBENCH_XC_ROUNDS:-3}

# Path of a workload binary, (re)built when its sources changed.
xc_bin() {
  make -s -C "$xc_repo/workloads" >&2
  printf '%s\n' "$xc_repo/workloads/bin/$1"
}

# xc_need COMMAND PACKAGE: installs the Debian package when the command is missing (as root).
xc_need() {
  command -v "$1" >/dev/null && return 0
  [ "$(id -u)" = 0 ] || { echo "$1 is not installed and this is not root: apt-get install -y $2" >&2; exit 2; }
  echo "installing $2 (for $1)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends "$2" >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "$2" >/dev/null; } ||
    { echo "cannot install $2; install it by hand (apt-get install $2)" >&2; exit 2; }
  command -v "$1" >/dev/null || { echo "$2 is installed but $1 is still not on the PATH" >&2; exit 2; }
}

# Reads workload JSON lines on stdin; prints "<metric> <median value>" for every metric, in the
# workload's unit except ops/s, which is turned into ns/op (1e9 / value) so that every figure
# compared here is a time per operation.
xc_medians() {
  node -e '
    let s = "";
    process.stdin.on("data", (d) => (s += d)).on("end", () => {
      const by = new Map();
      for (const line of s.split("\n").filter(Boolean)) {
        const r = JSON.parse(line);
        by.set(r.metric, [...(by.get(r.metric) ?? []), r.unit === "ops/s" ? 1e9 / r.value : r.value]);
      }
      for (const [metric, values] of by) {
        values.sort((a, b) => a - b);
        const m = values.length % 2 ? values[(values.length - 1) / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
        console.log(metric, m);
      }
    });'
}

# xc_pick METRIC FILE: the value of METRIC in a file of "<metric> <value>" lines (exits 1 if absent).
xc_pick() {
  local v
  v=$(awk -v m="$1" '$1 == m { print $2; exit }' "$2")
  [ -n "$v" ] || { echo "no figure for $1 in the workload's output" >&2; exit 1; }
  printf '%s\n' "$v"
}

# Arithmetic on decimal numbers: xc_calc 'EXPRESSION' (JavaScript syntax).
xc_calc() { node -e "console.log(Number(($1).toPrecision(6)))"; }
# Four significant digits, for display.
xc_show() { node -e "console.log(Number(($1).toPrecision(4)))"; }

# xc_check METRIC ISOBENCH REFERENCE UNIT TOOL TOLERANCE_PERCENT: the ratio isobench/tool must
# lie within 1 ± TOLERANCE %. TOLERANCE may be BELOW/ABOVE (e.g. 40/15) where the tool is known
# to read high or low: the ratio must then lie in [1 - BELOW %, 1 + ABOVE %].
xc_check() {
  local metric=$1 iso=$2 ref=$3 unit=$4 tool=$5 tol=$6 ratio verdict below above shown
  below=${tol%/*} above=${tol#*/}
  if [ "$below" = "$above" ]; then shown="±$tol %"; else shown="-$below/+$above %"; fi
  ratio=$(node -e "console.log((${iso} / ${ref}).toFixed(3))")
  if node -e "process.exit(${ratio} >= 1 - ${below} / 100 && ${ratio} <= 1 + ${above} / 100 ? 0 : 1)"; then verdict=ok; else verdict=DISAGREES; xc_failed=1; fi
  printf '  %-34s isobench %10s %-5s  %-28s %10s %-5s  ratio %s  %s (%s)\n' \
    "$metric" "$(xc_show "$iso")" "$unit" "$tool" "$(xc_show "$ref")" "$unit" "$ratio" "$verdict" "$shown"
}

# Ends a script: exit 1 when any check disagreed.
xc_finish() {
  if [ "$xc_failed" -ne 0 ]; then echo "some figures disagree beyond their tolerance" >&2; exit 1; fi
  exit 0
}

# xc_same_process METRIC BINARY ITERATIONS [ARGS...]: "<isobench ns/op> <hyperfine ns/op>" for
# one and the same process. hyperfine (Debian's hyperfine) times the binary from outside with
# --iterations N --reps 1 and no warm-up, once, while the binary prints its own figure for the
# same N operations; hyperfine's median wall time of --iterations 1 runs is taken off first
# (process start-up and set-up), and the rest divided by N-1. Pairing the two readings of one
# process keeps the host's drift out of the comparison (here a syscall's cost moves by 30 %
# from one process to the next on a shared VM); what is compared is isobench's own clock,
# arithmetic and unit against an independent clock. An ops/s figure is turned into ns/op.
xc_same_process() {
  local metric=$1 bin=$2 n=$3 dir
  shift 3
  dir=$(mktemp -d)
  if ! hyperfine -N --style none --warmup 1 --runs 5 --export-json "$dir/base.json" \
      "'$bin' --iterations 1 --reps 1 --warmup-ms 0 $*" >/dev/null 2>"$dir/err" ||
    ! hyperfine -N --style none --runs 1 --output "$dir/out" --export-json "$dir/n.json" \
      "'$bin' --iterations $n --reps 1 --warmup-ms 0 $*" >/dev/null 2>"$dir/err"; then
    cat "$dir/err" >&2; rm -rf "$dir"; echo "hyperfine failed on $bin $*" >&2; exit 1
  fi
  node -e '
    const fs = require("fs");
    const [dir, metric, n] = process.argv.slice(1);
    const base = JSON.parse(fs.readFileSync(`${dir}/base.json`, "utf8")).results[0].median;
    const total = JSON.parse(fs.readFileSync(`${dir}/n.json`, "utf8")).results[0].times[0];
    const line = fs.readFileSync(`${dir}/out`, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)).find((r) => r.metric === metric);
    if (!line || Number(line.iterations) !== Number(n)) { console.error(`no ${metric} figure for ${n} iterations in the output`); process.exit(1); }
    const own = line.unit === "ops/s" ? 1e9 / line.value : line.value;
    console.log(own.toPrecision(6), ((total - base) * 1e9 / (Number(n) - 1)).toPrecision(6));' "$dir" "$metric" "$n"
  local status=$?
  rm -rf "$dir"
  return $status
}

# xc_check_same_process METRIC BINARY TARGET_MS TOLERANCE ARGS...: xc_rounds processes of about
# TARGET_MS each, timed by themselves and by hyperfine; compares the medians (ns/op).
xc_check_same_process() {
  local metric=$1 bin=$2 target_ms=$3 tol=$4 probe n own=() ext=() pair
  shift 4
  probe=$(mktemp)
  "$bin" --reps 3 --budget-ms 20 --warmup-ms 20 "$@" | xc_medians >"$probe"
  n=$(xc_iterations "$(xc_pick "$metric" "$probe")" "$target_ms")
  rm -f "$probe"
  for _ in $(seq "$xc_rounds"); do
    pair=$(xc_same_process "$metric" "$bin" "$n" "$@")
    own+=("${pair% *}") ext+=("${pair#* }")
  done
  xc_check "$metric" "$(xc_median "${own[@]}")" "$(xc_median "${ext[@]}")" ns/op "hyperfine, same process" "$tol"
}

# xc_median V1 V2 ...: the median of a few numbers.
xc_median() { node -e 'const v = process.argv.slice(1).map(Number).sort((a, b) => a - b); const m = v.length >> 1; console.log(v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2)' "$@"; }

# xc_iterations NS_PER_OP TARGET_MS [MAX]: an iteration count that lasts about TARGET_MS (at
# least 1000, at most MAX when given).
xc_iterations() { node -e "console.log(Math.min(${3:-Infinity}, Math.max(1000, Math.round(${2} * 1e6 / ${1}))))"; }
