#!/usr/bin/env bash
# End-to-end test of the web UI (gongkai serve) in headless Chromium.
# Usage: scripts/e2e.sh [gongkai-binary=build/gongkai] [out-dir=build/e2e]
# Needs Debian `chromium` (scripts/packages.txt) and node + npm; installs
# playwright-core from the npm registry into tests/e2e/node_modules (npm ci,
# pinned by tests/e2e/package-lock.json). Screenshots: OUT/*.png.
# Exit 77 (ctest: skipped) when chromium, node/npm or the npm package are unavailable.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$(realpath "${1:-$ROOT/build/gongkai}")"
OUT="$(realpath -m "${2:-$ROOT/build/e2e}")"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || { echo "e2e：没有 $CHROMIUM（apt-get install chromium），跳过"; exit 77; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "e2e：没有 node/npm，跳过"; exit 77; }
E2E="$ROOT/tests/e2e"
if [ ! -d "$E2E/node_modules/playwright-core" ]; then
  # One install at a time (ctest may run in parallel with another build's ctest).
  exec 9>"$E2E/.npm.lock"
  flock 9
  if [ ! -d "$E2E/node_modules/playwright-core" ]; then
    (cd "$E2E" && npm ci --no-audit --no-fund --loglevel=error) || { echo "e2e：npm ci 失败（无法访问 npm 仓库？），跳过"; exit 77; }
  fi
  flock -u 9
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.png "$OUT"/corpus.db*
# A small corpus: the seeds and two consecutive years of one agency.
"$BIN" ingest --quiet --jobs 1 --db "$OUT/corpus.db" "$ROOT"/tests/data/seeds/*.txt \
  "$ROOT/tests/data/real/hongze-2023.pdf" "$ROOT/tests/data/real/hongze-2024.pdf" >/dev/null 2>&1 || true
CHROMIUM="$CHROMIUM" node "$E2E/e2e.mjs" "$BIN" "$OUT/corpus.db" \
  "$ROOT/tests/data/seeds/003_eaba220d81829207.txt" "$OUT"
# The case register pages (web/register.js), on a database of their own, at 1366×768.
CHROMIUM="$CHROMIUM" node "$E2E/register.mjs" "$BIN" "$OUT/register" "$ROOT/tests/data/register/import"
