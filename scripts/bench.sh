#!/usr/bin/env bash
# Build and run the benchmarks; prints the figures (throughput, peak memory).
# Usage: scripts/bench.sh [reports=3000]
set -euo pipefail
cd "$(dirname "$0")/.."
CMAKE_BUILD_TYPE=Release scripts/setup.sh build-bench >/dev/null
N=${1:-3000}
echo "== 文本报告解析（单核）"
build-bench/bench/parse_bench "$N" 3
for b in build-bench/bench/*_bench; do
  case "$b" in */parse_bench) continue ;; esac
  [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  "$b" || true
done
