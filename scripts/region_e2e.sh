#!/usr/bin/env bash
# End-to-end test of the 地区 pages in headless Chromium at 1366×768 (region page also at 1920×1080).
# Usage: scripts/region_e2e.sh GONGKAI_BINARY REGION_BENCH_BINARY [out-dir=build/e2e-region]
# The corpus is the tests' generated county (region_bench --county). Needs what
# scripts/e2e.sh needs (chromium, node, npm, tests/e2e's pinned playwright-core);
# exit 77 (ctest: skipped) when one is missing.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$(realpath "$1")"
GEN="$(realpath "$2")"
OUT="$(realpath -m "${3:-$ROOT/build/e2e-region}")"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || { echo "region e2e：没有 $CHROMIUM，跳过"; exit 77; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "region e2e：没有 node/npm，跳过"; exit 77; }
E2E="$ROOT/tests/e2e"
if [ ! -d "$E2E/node_modules/playwright-core" ]; then
  exec 9>"$E2E/.npm.lock"
  flock 9
  if [ ! -d "$E2E/node_modules/playwright-core" ]; then
    (cd "$E2E" && npm ci --no-audit --no-fund --loglevel=error) || { echo "region e2e：npm ci 失败，跳过"; exit 77; }
  fi
  flock -u 9
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.png "$OUT"/region.db*
"$GEN" --county "$OUT/region.db" >/dev/null
CHROMIUM="$CHROMIUM" node "$E2E/region_e2e.mjs" "$BIN" "$OUT/region.db" "$OUT"
