#!/usr/bin/env bash
# Cross-checks isobench's native application figures in the same minute, turn about
# ($ISOBENCH_XC_ROUNDS rounds, medians compared):
#   redis      get_rps.c32.host and set_rps.c32.host of `isobench run --runtimes native
#              --workloads redis --quick` against redis-benchmark run by hand (same flags: 32
#              connections, no pipelining, the same request count, client on CPU 0) against a
#              redis-server started by hand on CPU 1. Tolerance ±35 %: both sides are single
#              short runs on a shared 2-vCPU VM whose throughput drifts by ±20 % a minute.
#   nginx      rps.c32 of `isobench run --workloads nginx` against wrk run by hand (5 rounds at least; 1 thread,
#              32 connections, 2 s) against nginx started by hand with the same configuration
#              and file. Tolerance ±35 %, for the same reason.
#   memaccess  chase_large and chase_cached against hyperfine timing the same process from
#              outside (xc_check_same_process): no packaged tool here measures a dependent-load
#              latency (lmbench's lat_mem_rd is not in Debian 12; perf bench mem, mbw and likwid
#              measure bandwidth), so this checks isobench's clock, arithmetic and unit. ±10 %.
# Needs the build (npm run build), redis-server, redis-benchmark, nginx, wrk and hyperfine.
# Exits 1 when a figure disagrees beyond its tolerance.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cross-check-lib.sh"
xc_need redis-benchmark redis-tools
xc_need redis-server redis-server
xc_need nginx nginx-light
xc_need wrk wrk
xc_need hyperfine hyperfine
[ -x "$xc_repo/dist/cli/main.js" ] || { echo "isobench is not built: run npm run build" >&2; exit 2; }
apprun=$(xc_bin apprun)

work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# isobench_native WORKLOAD METRIC...: one quick native trial; prints "<metric> <median>" lines.
isobench_native() {
  local workload=$1 db="$work/isobench.db"
  shift
  rm -f "$db"
  node "$xc_repo/dist/cli/main.js" run --db "$db" --runtimes native --workloads "$workload" --quick --repetitions 1 \
    --quiet >/dev/null 2>"$work/run.err" || {
    cat "$work/run.err" >&2
    sqlite3 "$db" "select 'trial ' || status || ': ' || coalesce(reason, '') || char(10) || coalesce(stderr_tail, '') from trials where status != 'ok'" >&2 || true
    echo "isobench run failed" >&2; exit 1
  }
  for metric in "$@"; do
    printf '%s %s\n' "$metric" "$(sqlite3 "$db" "select value from samples where metric = '$metric' order by value limit 1 offset (select count(*) / 2 from samples where metric = '$metric')")"
  done
}

# wait_port PORT: until 127.0.0.1:PORT accepts (10 s at most).
wait_port() {
  for _ in $(seq 200); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done
  echo "nothing accepts on 127.0.0.1:$1" >&2; exit 1
}

stop_server() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=; }

# redis's rate moves by ±40 % from one short run to the next here: five rounds, so that each side's
# median rests on more than one good reading
redis_rounds=$((xc_rounds > 5 ? xc_rounds : 5))
echo "redis, native: isobench vs redis-benchmark by hand ($redis_rounds rounds, turn about)"
iso_get=() iso_set=() ref_get=() ref_set=()
for _ in $(seq "$redis_rounds"); do
  isobench_native redis get_rps.c32.host set_rps.c32.host >"$work/iso"
  iso_get+=("$(xc_pick get_rps.c32.host "$work/iso")") iso_set+=("$(xc_pick set_rps.c32.host "$work/iso")")
  port=$((20000 + RANDOM % 12000)) # below the ephemeral ports (32768-), which clients' sockets hold
  taskset -c 1 redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --loglevel warning >/dev/null 2>&1 &
  server_pid=$!
  wait_port "$port"
  requests=$(node -e "console.log(Math.max(1000, Math.round(${iso_get[-1]} * 0.5)))")
  taskset -c 0 redis-benchmark -p "$port" -c 32 -n 200 -t get,set -P 1 --csv >/dev/null
  taskset -c 0 redis-benchmark -p "$port" -c 32 -n "$requests" -t get,set -r 100000 -P 1 --csv >"$work/csv"
  stop_server
  ref_get+=("$(awk -F'"' '$2 == "GET" { print $4 }' "$work/csv")") ref_set+=("$(awk -F'"' '$2 == "SET" { print $4 }' "$work/csv")")
done
xc_check get_rps.c32.host "$(xc_median "${iso_get[@]}")" "$(xc_median "${ref_get[@]}")" ops/s "redis-benchmark by hand" 35
xc_check set_rps.c32.host "$(xc_median "${iso_set[@]}")" "$(xc_median "${ref_set[@]}")" ops/s "redis-benchmark by hand" 35

# nginx's rate moves as much (a 95 % interval of 20k-39k requests/s over three quick trials): five rounds too
nginx_rounds=$((xc_rounds > 5 ? xc_rounds : 5))
echo "nginx, native: isobench vs wrk by hand ($nginx_rounds rounds, turn about)"
iso_rps=() ref_rps=()
conf=$(cd "$xc_repo" && node --input-type=module -e "
  const m = await import('./dist/workloads/apps/nginx.js');
  process.stdout.write(JSON.stringify(m.nginxServerArgs('$work/nginx', 0)));")
for _ in $(seq "$nginx_rounds"); do
  isobench_native nginx rps.c32 >"$work/iso"
  iso_rps+=("$(xc_pick rps.c32 "$work/iso")")
  port=$((20000 + RANDOM % 12000)) # below the ephemeral ports (32768-), which clients' sockets hold
  # the very configuration and file isobench serves, written by the same launcher
  mapfile -d '' args < <(node -e "process.stdout.write(JSON.parse(process.argv[1]).map((a) => a.replace('listen 0;', 'listen $port;')).join('\\0') + '\\0')" "$conf")
  taskset -c 1 "$apprun" "${args[@]}" >/dev/null 2>"$work/nginx.err" &
  server_pid=$!
  wait_port "$port"
  taskset -c 0 wrk -t1 -c32 -d1s "http://127.0.0.1:$port/4k.bin" >/dev/null
  taskset -c 0 wrk -t1 -c32 -d2s --latency "http://127.0.0.1:$port/4k.bin" >"$work/wrk"
  stop_server
  ref_rps+=("$(awk '/^Requests\/sec:/ { print $2 }' "$work/wrk")")
done
xc_check rps.c32 "$(xc_median "${iso_rps[@]}")" "$(xc_median "${ref_rps[@]}")" ops/s "wrk by hand" 35

echo "memaccess, native: workloads/bin/memaccess timed by itself and by hyperfine ($xc_rounds processes)"
bin=$(xc_bin memaccess)
xc_check_same_process chase_large "$bin" 4000 10 --only chase_large
xc_check_same_process chase_cached "$bin" 300 10 --only chase_cached
xc_finish
