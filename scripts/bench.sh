#!/usr/bin/env bash
# Build and run the benchmarks; prints the figures (throughput, peak memory).
# Usage: scripts/bench.sh [reports=3000]
set -euo pipefail
cd "$(dirname "$0")/.."
CMAKE_BUILD_TYPE=Release scripts/setup.sh build-bench >/dev/null
N=${1:-3000}
echo "== 文本报告解析（单核）"
build-bench/bench/parse_bench "$N" 3
echo "== 各格式读取与解析（单核；HTML、DOCX、PDF 等）"
# Text-layer PDFs and a few DOC files made by LibreOffice from the bench's DOCX,
# cached in build-bench/bench-data (the first run converts for a few minutes).
bench/make_pdfs.sh build-bench 300 3 || echo "（未能生成 PDF/DOC 基准数据，跳过这两部分）"
build-bench/bench/formats_bench 300 build-bench/bench-data/pdf build-bench/bench-data/doc
for b in build-bench/bench/*_bench; do
  case "$b" in */parse_bench | */formats_bench) continue ;; esac
  [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  "$b" || true
done
