#!/usr/bin/env bash
# Cross-checks isobench's native cpu figure (hash_4k, FNV-1a over 4 KiB) against hyperfine
# (Debian's hyperfine) timing the same process from outside (xc_same_process in
# cross-check-lib.sh). A pure compute loop has no other tool that runs the very same code, so
# this checks what can go wrong in isobench itself: its clock, arithmetic and unit (ops/s is
# compared as ns per hash). Installs hyperfine when missing (as root). Exits 1 beyond ±5 %.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cross-check-lib.sh"
xc_need hyperfine hyperfine
bin=$(xc_bin cpu)
echo "cpu, native: isobench workloads/bin/cpu timed by itself and by hyperfine ($xc_rounds processes)"
xc_check_same_process hash_4k "$bin" 300 5
xc_finish
