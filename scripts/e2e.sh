#!/usr/bin/env bash
# End-to-end test of the web UI (gongkai serve) in headless Chromium.
# Usage: scripts/e2e.sh [gongkai-binary=build/gongkai] [out-dir=build/e2e]
# Needs Debian `chromium` (scripts/packages.txt) and node + npm; installs
# playwright-core from the npm registry into tests/e2e/node_modules (npm ci,
# pinned by tests/e2e/package-lock.json). Screenshots: OUT/<width>x<height>/*.png.
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
rm -rf "$OUT"/*.png "$OUT"/*x*/ "$OUT"/corpus.db* "$OUT"/fixtures
# Reports made for the tests (tests/e2e/fixtures.mjs): a table-3 error, two
# years of one agency with a cross-year finding, DOCX and HTML copies, a
# second version of a seed report.
node "$E2E/fixtures.mjs" "$BIN" "$OUT/fixtures" "$ROOT/tests/data/seeds/004_0d7a0b2ecc867495.txt" >/dev/null
# A small corpus: the seeds, two consecutive years of two agencies, two versions of one report.
"$BIN" ingest --quiet --jobs 1 --db "$OUT/corpus.db" "$ROOT"/tests/data/seeds/*.txt \
  "$ROOT/tests/data/real/hongze-2023.pdf" "$ROOT/tests/data/real/hongze-2024.pdf" \
  "$OUT/fixtures/donghu-2023.txt" "$OUT/fixtures/donghu-2024.txt" "$OUT/fixtures/seed-v2.txt" >/dev/null 2>&1 || true
# At 1366×768 (a laptop) and 1920×1080 by default; E2E_VIEWPORTS=WxH,… to choose.
CHROMIUM="$CHROMIUM" node "$E2E/e2e.mjs" "$BIN" "$OUT/corpus.db" "$ROOT/tests/data/seeds" "$OUT/fixtures" "$OUT"
# The case register pages (web/register.js), on a database of their own, at 1366×768.
CHROMIUM="$CHROMIUM" node "$E2E/register.mjs" "$BIN" "$OUT/register" "$ROOT/tests/data/register/import"
