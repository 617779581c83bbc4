#!/usr/bin/env bash
# Build and run the benchmarks; prints the figures (throughput, peak memory).
# Usage: scripts/bench.sh [reports=3000]
#        scripts/bench.sh --compare BASE [reports=3000] [runs=5]
#   --compare: builds the revision BASE (a branch, tag or commit; from `git archive`,
#   into build-bench-base/) and this tree, then runs the two gongkai binaries in
#   turn on the same corpus and prints the throughput ratios (medians of several
#   runs), so a slowdown shows in review.
#        scripts/bench.sh region [reports=50000]
#   region: coverage, roll-up and scorecard through the CLI (issue 14) over a
#   generated corpus (bench/region_bench --write, cached in BUILD/bench-data/),
#   for one county and for the whole city; wall time and peak RSS from
#   /usr/bin/time -v. BUILD is build-bench (Release) unless GONGKAI_BENCH_BUILD names another.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "region" ]; then
  N=${2:-50000}
  B=${GONGKAI_BENCH_BUILD:-build-bench}
  if [ ! -f "$B/CMakeCache.txt" ]; then
    cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Release -DGONGKAI_BUILD_TESTS=OFF >/dev/null
  fi
  cmake --build "$B" --target gongkai region_bench -j2 >/dev/null
  [ -x /usr/bin/time ] || { echo "需要 /usr/bin/time（Debian 软件包 time）" >&2; exit 2; }
  DB="$B/bench-data/region-$N.db"
  mkdir -p "$B/bench-data"
  if [ ! -f "$DB" ]; then
    echo "== 生成 $N 份报告的语料库（只在第一次）→ $DB"
    rm -f "$DB.partial" "$DB.partial-wal" "$DB.partial-shm"
    /usr/bin/time -f "   写入：%e 秒，峰值内存 %M KB" "$B/bench/region_bench" "$N" --write "$DB.partial"
    mv "$DB.partial" "$DB"
  fi
  OUT=$(mktemp -d)
  trap 'rm -rf "$OUT"' EXIT
  YEAR=2024
  run() {  # label, gongkai arguments…
    local label=$1
    shift
    local rc=0
    /usr/bin/time -v "$B/gongkai" "$@" >"$OUT/stdout" 2>"$OUT/time" || rc=$?
    if [ "$rc" -ge 2 ]; then
      echo "gongkai $* 失败（退出码 $rc）：" >&2
      cat "$OUT/time" >&2
      exit 1
    fi
    local wall rss
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/time")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/time")
    printf '  %-28s %10s  %8d MB\n' "$label" "$wall" $((rss / 1024))
  }
  for region in 青山市/第1县 青山市; do
    echo "== $region，$YEAR 年度（$N 份报告的语料库）：墙钟时间 (m:ss) 与峰值内存"
    run "coverage 发布情况" coverage --db "$DB" --region "$region" --year $YEAR --format json
    run "rollup 汇总" rollup --db "$DB" --region "$region" --year $YEAR -o "$OUT/rollup.json"
    run "scorecard 评估" scorecard --db "$DB" --region "$region" --year $YEAR -o "$OUT/score.csv"
  done
  exit 0
fi
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
