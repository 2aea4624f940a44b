#!/usr/bin/env bash
# README command 1: set up the host (as root), then a real quick run on every runtime
# Docker has, printing the report on stdout. Extra arguments go to `isobench run`.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
bash scripts/setup-host.sh
start=$(date +%s)
node dist/cli/main.js run --quick "$@"
echo "isobench run took $(( $(date +%s) - start )) s" >&2
