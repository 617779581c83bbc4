#!/usr/bin/env bash
# Build and run the benchmarks; prints the figures (throughput, peak memory).
# Usage: scripts/bench.sh [reports=3000]
#        scripts/bench.sh --compare BASE [reports=3000] [runs=5]
#   --compare: builds the revision BASE (a branch, tag or commit; from `git archive`,
#   into build-bench-base/) and this tree, then runs the two gongkai binaries in
#   turn on the same corpus and prints the throughput ratios (medians of several
#   runs), so a slowdown shows in review.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--compare" ]; then
  BASE=${2:?usage: scripts/bench.sh --compare BASE [reports] [runs]}
  rev=$(git rev-parse --verify "$BASE^{commit}")
  base_src=build-bench-base/src-${rev:0:12}
  base_build=build-bench-base/build-${rev:0:12}
  if [ ! -x "$base_build/gongkai" ]; then
    echo "== 构建 $BASE（${rev:0:12}）"
    rm -rf "$base_src"
    mkdir -p "$base_src"
    git archive "$rev" | tar -x -C "$base_src"
    cmake -S "$base_src" -B "$base_build" -DCMAKE_BUILD_TYPE=Release -DGONGKAI_BUILD_TESTS=OFF \
      -DGONGKAI_BUILD_BENCH=OFF >/dev/null
    cmake --build "$base_build" --target gongkai -j"$(nproc)" >/dev/null
  fi
  echo "== 构建当前工作树"
  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build-bench --target gongkai -j"$(nproc)" >/dev/null
  echo "== 对比：$BASE（旧）与当前工作树（新）"
  exec bench/cli_bench.sh --compare "$base_build/gongkai" build-bench/gongkai "${3:-3000}" "${4:-5}"
fi
CMAKE_BUILD_TYPE=Release scripts/setup.sh build-bench >/dev/null
N=${1:-3000}
echo "== 命令行：纯文本报告（parse --format json 与 check，单核与全部核心，与 cat 之比）"
bench/cli_bench.sh build-bench/gongkai "$N" 3
echo "== 命令行：各格式"
bench/cli_bench.sh --formats build-bench/gongkai 300 3
echo "== 文本报告解析（单核，进程内）"
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
