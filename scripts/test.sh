#!/usr/bin/env bash
# README command 2: set up the host (as root), then lint, typecheck and the whole test
# suite: unit, integration (real Docker engine with runc and runsc) and end-to-end.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
bash scripts/setup-host.sh
npm test
