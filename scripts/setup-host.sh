#!/usr/bin/env bash
# Sets up a Debian/Ubuntu host for isobench, as root. Idempotent: safe to run twice.
#
#   1. installs the Docker engine, runc, runsc (gVisor), a static C toolchain, and the tools the
#      cross-checks compare with (perf, stress-ng, fio, hyperfine, sockperf), and the packages the
#      application workloads are made of (redis, nginx-light, wrk, sqlite3, python3.11, ffmpeg, gcc)
#   2. installs the newest gVisor the distribution's archive offers beside the distribution's own
#      (on Debian 12: Debian 13's runsc package, one static binary, under /usr/local/lib/isobench/gvisor/),
#      and registers with Docker, by merging into /etc/docker/daemon.json (a user's other settings are
#      kept; a backup is written before any change): `runsc` (the newest gVisor, its default platform),
#      `runsc-ptrace` (the same on ptrace) and `runsc-distro` (the distribution's /usr/bin/runsc, when older)
#   3. starts dockerd when no engine answers and no init system will, and waits for it
#   4. picks runsc's network mode: gVisor's own netstack when it can start here,
#      otherwise --network=host (ISOBENCH_RUNSC_NETWORK=sandbox|host|none overrides)
#   5. with ISOBENCH_TEST_RUNTIMES=1 (scripts/test.sh sets it), registers runtimes that only
#      the test suite uses: runsc-hang (the same runsc, which hangs creating its sandbox on any
#      host: the fault tests need a runtime that hangs; see configure_test_runtimes). `isobench run`
#      never picks it by default (only native, runc, runsc and kata); `isobench doctor` fails it.
#   6. npm ci and the build (TypeScript and the workload binaries)
#
# Environment:
#   ISOBENCH_RUNSC_NETWORK  auto (default) | sandbox | host | none
#   ISOBENCH_TEST_RUNTIMES=1  also register the test-only runtime runsc-hang (default 0: leave
#                           daemon.json's runsc-hang entry alone, whether there or not)
#   ISOBENCH_SKIP_APT=1     do not call apt-get (packages already installed)
#   ISOBENCH_SKIP_NPM=1     do not run npm ci / build
#   ISOBENCH_GVISOR_SUITE   the Debian suite the newest runsc is fetched from on Debian 12 (default trixie; "none": skip)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
daemon_json=/etc/docker/daemon.json
dockerd_log=/var/log/isobench-dockerd.log
runsc_network=${ISOBENCH_RUNSC_NETWORK:-auto}
test_runtimes=${ISOBENCH_TEST_RUNTIMES:-0}

gvisor_dir=/usr/local/lib/isobench/gvisor
gvisor_suite=${ISOBENCH_GVISOR_SUITE:-trixie}
distro_runsc=/usr/bin/runsc
current_runsc=$distro_runsc

log() { printf 'setup-host: %s\n' "$*" >&2; }
die() { printf 'setup-host: error: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (it installs packages and configures Docker); try: sudo $0"
case "$runsc_network" in auto|sandbox|host|none) ;; *)
  die "ISOBENCH_RUNSC_NETWORK='$runsc_network' is not accepted; use auto, sandbox, host or none" ;;
esac
case "$test_runtimes" in 0|1) ;; *)
  die "ISOBENCH_TEST_RUNTIMES='$test_runtimes' is not accepted; use 0 or 1" ;;
esac

install_packages() {
  local wanted=(docker.io runc runsc gcc libc6-dev make iproute2 ca-certificates)
  # Only for scripts/cross-check*.sh (which the test suite runs); the set-up does not fail without them.
  local tools=(linux-perf stress-ng fio hyperfine sockperf)
  local missing=() missing_tools=() p
  for p in "${wanted[@]}"; do installed "$p" || missing+=("$p"); done
  for p in "${tools[@]}"; do installed "$p" || missing_tools+=("$p"); done
  if [ "${#missing[@]}" -eq 0 ] && [ "${#missing_tools[@]}" -eq 0 ]; then log "packages already installed"; return; fi
  if [ "${ISOBENCH_SKIP_APT:-0}" = 1 ]; then
    [ "${#missing[@]}" -eq 0 ] || die "missing packages (${missing[*]}) and ISOBENCH_SKIP_APT=1"
    log "cross-check tools missing (${missing_tools[*]}); ISOBENCH_SKIP_APT=1: not installing them"
    return
  fi
  local all=("${missing[@]}" "${missing_tools[@]}")
  log "installing ${all[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  if [ "${#missing[@]}" -gt 0 ]; then apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; fi
  for p in "${missing_tools[@]}"; do
    apt-get install -y -qq --no-install-recommends "$p" >/dev/null 2>&1 || log "could not install $p (only the cross-checks need it)"
  done
}

# isobench profile: strace counts the system calls, perf stat the faults and CPU time (untraced).
install_profile_tools() {
  local p missing=()
  for p in strace linux-perf; do installed "$p" || missing+=("$p"); done
  [ "${#missing[@]}" -eq 0 ] && return
  if [ "${ISOBENCH_SKIP_APT:-0}" = 1 ]; then log "profile tools missing (${missing[*]}); ISOBENCH_SKIP_APT=1: not installing them"; return; fi
  log "installing ${missing[*]} (isobench profile)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
}

# Test-only: the HTML report's layout test drives Debian's headless Chromium (playwright-core,
# which downloads no browser of its own). Best effort: without it that test skips and says why.
install_test_browser() {
  installed chromium && return
  if [ "${ISOBENCH_SKIP_APT:-0}" = 1 ]; then log "chromium missing; ISOBENCH_SKIP_APT=1: the HTML layout test will skip"; return; fi
  log "installing chromium (only the HTML layout test needs it)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1; } ||
    log "could not install chromium (the HTML layout test will skip)"
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

engine_answers() { timeout 5 docker version --format '{{.Server.APIVersion}}' >/dev/null 2>&1; }

# A process that exists and is not a zombie. A dockerd that died stays a zombie where nothing
# reaps orphans (some container inits), and its pid files then look "in use" to a new dockerd.
pid_alive() {
  local state
  state=$(sed -E 's/^.*\) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}
live_dockerd() {
  local pid
  for pid in $(pgrep -x dockerd || true); do pid_alive "$pid" && echo "$pid"; done
  return 0
}

start_engine() {
  if engine_answers; then log "Docker engine answers"; return; fi
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
    log "starting docker with systemd"
    systemctl start docker
  else
    # A dockerd that does not answer may be shutting down (SIGTERM): let it finish first.
    local old
    old=$(live_dockerd)
    if [ -n "$old" ]; then
      log "dockerd (pid $(echo $old)) runs but does not answer: waiting up to 30 s for it to answer or exit"
      for _ in $(seq 1 30); do
        engine_answers && { log "Docker engine answers"; return; }
        [ -z "$(live_dockerd)" ] && break
        sleep 1
      done
      old=$(live_dockerd)
      [ -n "$old" ] && die "dockerd (pid $(echo $old)) runs but does not answer; stop it (kill $(echo $old)) and run this again"
    fi
    log "no init system manages Docker here: starting dockerd (log: $dockerd_log)"
    # Stale pid files of a dockerd/containerd that died (killed, or with the machine) block a new start.
    rm -f /var/run/docker.pid
    local cpid
    cpid=$(cat /run/docker/containerd/containerd.pid 2>/dev/null || true)
    if [ -n "$cpid" ] && ! pid_alive "$cpid"; then rm -f /run/docker/containerd/containerd.pid; fi
    setsid nohup dockerd >>"$dockerd_log" 2>&1 </dev/null &
  fi
  for _ in $(seq 1 60); do
    engine_answers && { log "Docker engine answers"; return; }
    sleep 1
  done
  tail -n 20 "$dockerd_log" >&2 || true
  die "the Docker engine did not answer within 60 s; see $dockerd_log"
}

# Writes one runtime entry (NAME, runtimeArgs as JSON) into daemon.json, keeping every other
# setting. Prints "changed" or "same".
register_runtime() {
  local name=$1 args_json=$2 path=${3:-$current_runsc}
  mkdir -p /etc/docker
  node --input-type=module - "$daemon_json" "$name" "$path" "$args_json" <<'EOF'
import { readFileSync, writeFileSync, existsSync, copyFileSync } from 'node:fs';
const [file, name, path, argsJson] = process.argv.slice(2);
let config = {};
if (existsSync(file)) {
  const text = readFileSync(file, 'utf8');
  try { config = text.trim() === '' ? {} : JSON.parse(text); }
  catch (e) { console.error(`setup-host: error: ${file} is not valid JSON (${e.message}); fix or remove it`); process.exit(1); }
}
const wanted = { path, runtimeArgs: JSON.parse(argsJson) };
const before = JSON.stringify(config.runtimes?.[name] ?? null);
if (before === JSON.stringify(wanted)) { console.log('same'); process.exit(0); }
if (existsSync(file)) copyFileSync(file, `${file}.isobench-backup`);
config.runtimes = { ...(config.runtimes ?? {}), [name]: wanted };
writeFileSync(file, JSON.stringify(config, null, 2) + '\n');
console.log('changed');
EOF
}

register_runsc() { register_runtime runsc "$1"; }

# Takes one runtime entry (NAME) out of daemon.json, only when it is the one this script registered:
# its path PATH and its last runtimeArg FLAG. Prints "changed" or "same".
unregister_runtime() {
  local name=$1 path=$2 flag=$3
  [ -f "$daemon_json" ] || { echo same; return; }
  node --input-type=module - "$daemon_json" "$name" "$path" "$flag" <<'EOF'
import { readFileSync, writeFileSync, copyFileSync } from 'node:fs';
const [file, name, path, flag] = process.argv.slice(2);
let config;
try { config = JSON.parse(readFileSync(file, 'utf8')); } catch { console.log('same'); process.exit(0); }
const entry = config?.runtimes?.[name];
if (!entry || entry.path !== path || entry.runtimeArgs?.at(-1) !== flag) { console.log('same'); process.exit(0); }
copyFileSync(file, `${file}.isobench-backup`);
delete config.runtimes[name];
writeFileSync(file, JSON.stringify(config, null, 2) + '\n');
console.log('changed');
EOF
}

# "runsc version 0.0~20240729.0" -> 20240729 (a gVisor release's date); empty when unknown.
runsc_release() { { "$1" --version 2>/dev/null || true; } | sed -nE '1s/.*[~-]([0-9]{8})(\.[0-9]+)?.*/\1/p'; }

# The newest gVisor: on Debian 12, Debian 13's runsc package, fetched by name with apt's own tools and a
# sources list and lists directory of our own (the machine's apt configuration is not touched); its one
# static binary is unpacked under $gvisor_dir/RELEASE/. The distribution's /usr/bin/runsc is left as it is.
install_current_gvisor() {
  local newest
  newest=$(ls -d "$gvisor_dir"/*/runsc 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$newest" ] && [ "$gvisor_suite" != none ] && [ "${ISOBENCH_SKIP_APT:-0}" != 1 ] && grep -q '^VERSION_CODENAME=bookworm' /etc/os-release 2>/dev/null; then
    local work
    work=$(mktemp -d)
    mkdir -p "$work/lists/partial"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $gvisor_suite main" >"$work/sources.list"
    local apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$work/lists" -o APT::Sandbox::User=root)
    log "fetching the newest gVisor (runsc from Debian $gvisor_suite) beside the distribution's"
    if apt-get "${apt_opts[@]}" update -qq >/dev/null 2>&1 && (cd "$work" && apt-get "${apt_opts[@]}" download runsc >/dev/null 2>&1); then
      dpkg-deb -x "$work"/runsc_*.deb "$work/x"
      local release
      release=$(runsc_release "$work/x/usr/bin/runsc")
      if [ -n "$release" ]; then
        mkdir -p "$gvisor_dir/$release"
        install -m 0755 "$work/x/usr/bin/runsc" "$gvisor_dir/$release/runsc"
        newest="$gvisor_dir/$release/runsc"
      fi
    else
      log "could not fetch runsc from Debian $gvisor_suite; measuring the distribution's gVisor only"
    fi
    rm -rf "$work"
  fi
  current_runsc=$distro_runsc
  if [ -n "$newest" ] && [ "$(runsc_release "$newest")" \> "$(runsc_release "$distro_runsc")" ]; then current_runsc=$newest; fi
  log "newest gVisor: $current_runsc (release $(runsc_release "$current_runsc"))"
}

# The gVisor variants beside `runsc`: the same binary on ptrace, and the distribution's own release when older.
# Same network flag as runsc.
configure_gvisor_variants() {
  local net changed=0
  net=$(runsc_network_args)
  [ "$(register_runtime runsc-ptrace "$(node -e 'console.log(JSON.stringify([...JSON.parse(process.argv[1]),"--platform=ptrace"]))' "$net")")" = changed ] && changed=1
  if [ "$current_runsc" != "$distro_runsc" ] && [ -x "$distro_runsc" ]; then
    [ "$(register_runtime runsc-distro "$net" "$distro_runsc")" = changed ] && changed=1
  fi
  if [ "$changed" = 1 ]; then log "registered runsc-ptrace$([ "$current_runsc" != "$distro_runsc" ] && echo ' and runsc-distro') in $daemon_json"; reload_engine; fi
}

reload_engine() {
  local pid
  pid=$(live_dockerd | head -n 1)
  if [ -n "$pid" ]; then kill -HUP "$pid"; else systemctl reload docker 2>/dev/null || true; fi
  sleep 1
  for _ in $(seq 1 20); do engine_answers && return; sleep 1; done
  die "the Docker engine stopped answering after reloading $daemon_json"
}

runsc_registered_with() {
  docker info --format '{{json .Runtimes}}' 2>/dev/null |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s||"{}").runsc;console.log(r?JSON.stringify(r.runtimeArgs??[]):"absent")})'
}

# runsc's registered --network flag as a JSON array (empty when it has none): its variants get the same.
runsc_network_args() {
  runsc_registered_with | node -e '
    let s = "";
    process.stdin.on("data", (d) => (s += d)).on("end", () => {
      let a = [];
      try { a = JSON.parse(s); } catch {}
      console.log(JSON.stringify(Array.isArray(a) ? a.filter((x) => x.startsWith("--network=")) : []));
    });'
}

# A probe container: a static no-op binary in a FROM-scratch image, imported without a registry.
probe_image=isobench-probe:latest
ensure_probe_image() {
  docker image inspect "$probe_image" >/dev/null 2>&1 && return
  local dir
  dir=$(mktemp -d)
  printf 'int main(void){return 0;}\n' >"$dir/noop.c"
  gcc -O2 -static -o "$dir/noop" "$dir/noop.c"
  tar -C "$dir" -c noop | docker import --change 'LABEL isobench.kind=probe' - "$probe_image" >/dev/null
  rm -rf "$dir"
}

# Kills the host processes (shim, runsc-sandbox, runsc-gofer) of a container id: a runsc
# container that fails to start leaves them running after Docker has given up on it.
reap_container_processes() {
  local id=$1 pids
  [ -n "$id" ] || return 0
  pids=$(pgrep -f -- "$id" || true)
  [ -n "$pids" ] && kill -9 $pids 2>/dev/null || true
}

probe_runsc() { # prints the runtime's error text on failure
  local name="isobench-probe-$$-$RANDOM" out status=0 id
  out=$(timeout 60 docker run --name "$name" --runtime runsc --label isobench.kind=probe "$probe_image" /noop 2>&1) || status=$?
  id=$(docker inspect --format '{{.Id}}' "$name" 2>/dev/null || true)
  docker rm -f "$name" >/dev/null 2>&1 || true
  reap_container_processes "$id"
  if [ "$status" -ne 0 ]; then printf '%s\n' "$out" | tail -n 3; return 1; fi
}

configure_runsc() {
  local mode=$runsc_network args current
  if [ "$mode" = auto ]; then
    current=$(runsc_registered_with)
    case "$current" in
      '["--network=host"]'|'["--network=none"]') log "runsc already registered with $current"; mode=keep ;;
      *)
        register_runsc '[]' >/dev/null && reload_engine
        ensure_probe_image
        if err=$(probe_runsc); then
          mode=sandbox
          log "runsc starts with gVisor's own network stack: registering it without network flags"
        else
          mode=host
          log "runsc cannot start with gVisor's own network stack here ($(printf '%s' "$err" | tr '\n' ' ' | cut -c1-200)); registering it with --network=host"
        fi ;;
    esac
  fi
  case "$mode" in
    keep) args=$current ;; # the path may have changed (a newer gVisor)
    sandbox) args='[]' ;;
    host) args='["--network=host"]' ;;
    none) args='["--network=none"]' ;;
  esac
  if [ "$(register_runsc "$args")" = changed ]; then log "registered runsc ($current_runsc) in $daemon_json with runtimeArgs $args"; reload_engine; fi
  ensure_probe_image
  if ! err=$(probe_runsc); then die "runsc is registered but a no-op container fails under it: $err"; fi
  log "runsc works (runtimeArgs $(runsc_registered_with))"
}

# runsc-hang: for the fault tests only, a runtime that hangs creating its sandbox, on any host. runsc
# opens the log of its sandbox process (`--debug-log` with %COMMAND% = boot, and only boot's log through
# --debug-command) before it starts it; that log is a FIFO no one reads, so the open blocks for good
# inside `runsc create`, as a sandbox that cannot boot would. Same network flag as runsc. Earlier
# versions registered runsc-kvm (--platform=kvm) instead, which hangs only where /dev/kvm exists and
# cannot run a guest, and fails at once where there is no /dev/kvm: that entry of ours is taken out.
hang_dir=/usr/local/lib/isobench/hang
configure_test_runtimes() {
  [ "$test_runtimes" = 1 ] || return 0
  local net args changed=0
  mkdir -p "$hang_dir"
  if [ ! -p "$hang_dir/boot" ]; then rm -f "$hang_dir/boot"; mkfifo -m 0600 "$hang_dir/boot"; fi
  net=$(runsc_network_args)
  args=$(node -e '
    const [net, dir] = process.argv.slice(1);
    const hang = [`--debug-log=${dir}/%COMMAND%`, "--debug-command=boot"];
    console.log(JSON.stringify([...JSON.parse(net), ...hang]));' "$net" "$hang_dir")
  if [ "$(register_runtime runsc-hang "$args")" = changed ]; then
    log "registered the test-only runtime runsc-hang in $daemon_json with runtimeArgs $args"
    changed=1
  else
    log "test-only runtime runsc-hang already registered"
  fi
  if [ "$(unregister_runtime runsc-kvm "$current_runsc" --platform=kvm)" = changed ]; then
    log "took the test-only runtime runsc-kvm of earlier versions out of $daemon_json"
    changed=1
  fi
  [ "$changed" = 0 ] || reload_engine
}

# Application workloads (issue 10, src/workloads/apps/): their images are laid out of these
# packages' own files (binaries, the libraries ldd names, data files), and the native target
# runs the same binaries; wrk and redis-benchmark are the clients on the host. Package starts
# are refused by policy-rc.d on hosts without an init system, and nothing here needs them.
install_app_packages() {
  local apps=(redis-server redis-tools nginx-light wrk sqlite3 python3.11 ffmpeg gcc-12 cpp-12 binutils libc6-dev hyperfine)
  local missing=() p
  for p in "${apps[@]}"; do installed "$p" || missing+=("$p"); done
  if [ "${#missing[@]}" -eq 0 ]; then log "application packages already installed"; return; fi
  if [ "${ISOBENCH_SKIP_APT:-0}" = 1 ]; then
    log "application packages missing (${missing[*]}) and ISOBENCH_SKIP_APT=1: the app workloads will fail to build their images"
    return
  fi
  log "installing ${missing[*]} (application workloads)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
}

# --- containerd engine (issue 9) -------------------------------------------------------------
# The containerd engine (src/engine/containerd/) talks to a system containerd at
# /run/containerd/containerd.sock when one answers (where Kata users have theirs); otherwise it
# uses isobench's own, started here from the Debian `containerd` binary with its own socket,
# root, state and config file (never /etc/containerd, never Docker's containerd under
# /var/run/docker: the tests kill isobench's containerd, and Docker's would take dockerd with it).
isobench_containerd_dir=/run/isobench/containerd
isobench_containerd_sock=$isobench_containerd_dir/containerd.sock
isobench_containerd_root=/var/lib/isobench-containerd
isobench_containerd_config=$isobench_containerd_root/config.toml
isobench_containerd_log=/var/log/isobench-containerd.log

containerd_answers() { timeout 5 ctr --address "$1" version >/dev/null 2>&1; }

isobench_containerd_pids() {
  local pid
  for pid in $(pgrep -x containerd || true); do
    pid_alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "--address $isobench_containerd_sock" && echo "$pid"
  done
  return 0
}

start_containerd() {
  # containerd and ctr; the CNI plugins (/usr/lib/cni) for the bridge network isobench makes itself.
  local p missing=()
  for p in containerd containernetworking-plugins; do installed "$p" || missing+=("$p"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    [ "${ISOBENCH_SKIP_APT:-0}" = 1 ] && die "missing packages (${missing[*]}) and ISOBENCH_SKIP_APT=1"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  if containerd_answers /run/containerd/containerd.sock; then log "system containerd answers at /run/containerd/containerd.sock"; return; fi
  if containerd_answers "$isobench_containerd_sock"; then log "isobench's containerd answers at $isobench_containerd_sock"; return; fi
  local old
  old=$(isobench_containerd_pids)
  if [ -n "$old" ]; then
    log "isobench's containerd (pid $(echo $old)) runs but does not answer: waiting up to 30 s"
    for _ in $(seq 1 30); do
      containerd_answers "$isobench_containerd_sock" && { log "isobench's containerd answers"; return; }
      [ -z "$(isobench_containerd_pids)" ] && break
      sleep 1
    done
    old=$(isobench_containerd_pids)
    [ -n "$old" ] && die "isobench's containerd (pid $(echo $old)) does not answer; stop it (kill $(echo $old)) and run this again"
  fi
  mkdir -p "$isobench_containerd_dir" "$isobench_containerd_root"
  # Ours alone: no CRI plugin (isobench needs none), every path under isobench's directories.
  printf '%s\n' 'version = 2' "root = \"$isobench_containerd_root\"" "state = \"$isobench_containerd_dir\"" \
    'disabled_plugins = ["io.containerd.grpc.v1.cri"]' '[grpc]' "  address = \"$isobench_containerd_sock\"" \
    '[plugins."io.containerd.internal.v1.opt"]' "  path = \"$isobench_containerd_root/opt\"" >"$isobench_containerd_config"
  log "starting isobench's containerd at $isobench_containerd_sock (log: $isobench_containerd_log)"
  setsid nohup containerd --config "$isobench_containerd_config" --address "$isobench_containerd_sock" \
    --root "$isobench_containerd_root" --state "$isobench_containerd_dir" >>"$isobench_containerd_log" 2>&1 </dev/null &
  for _ in $(seq 1 30); do
    containerd_answers "$isobench_containerd_sock" && { log "isobench's containerd answers"; return; }
    sleep 1
  done
  tail -n 20 "$isobench_containerd_log" >&2 || true
  die "isobench's containerd did not answer within 30 s; see $isobench_containerd_log"
}
# --- end of the containerd engine block ------------------------------------------------------

build_project() {
  [ "${ISOBENCH_SKIP_NPM:-0}" = 1 ] && return
  cd "$repo"
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "npm ci (better-sqlite3 may compile from source: a minute or two)"
    npm ci --no-audit --no-fund >&2
  fi
  log "building"
  npm run --silent build >&2
}

install_packages
install_test_browser
install_app_packages
install_current_gvisor
install_profile_tools
start_engine
configure_runsc
configure_gvisor_variants
configure_test_runtimes
start_containerd
build_project
log "done: $(docker version --format 'Docker {{.Server.Version}} (API {{.Server.APIVersion}})'), runtimes: $(docker info --format '{{range $k, $v := .Runtimes}}{{$k}} {{end}}')"
