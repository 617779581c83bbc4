#!/usr/bin/env bash
# Throughput of the gongkai binary as a user runs it (issue 16): generated
# seed-sized plain-text reports in the five text layouts, `parse --format json`
# and `check` on one core (-j 1) and on every core, in reports per second and
# as a multiple of `cat` over the same files measured in the same run; peak
# RSS of each run. Median of RUNS runs (the machine may be shared: compare
# ratios from one run, not figures across runs).
#
# Usage: bench/cli_bench.sh [gongkai=build/gongkai] [reports=3000] [runs=3]
#        bench/cli_bench.sh --formats [gongkai] [reports=300] [runs=3]   HTML, DOCX (and PDF when present)
#        bench/cli_bench.sh --memory [gongkai]          peak RSS of check on 1,000 and 10,000 files
#        bench/cli_bench.sh --compare OLD NEW [reports=3000] [runs=5]
#            the two binaries in turn on the same corpus; prints NEW/OLD throughput ratios
# Corpora are cached in $GK_BENCH_DIR (default /tmp/gongkai-bench).
set -euo pipefail
MODE=text
case "${1:-}" in
  --formats | --memory | --compare) MODE=${1#--}; shift ;;
esac
DATA=${GK_BENCH_DIR:-/tmp/gongkai-bench}
mkdir -p "$DATA"
CORES=$(nproc)

# corpus NAME COUNT FORMAT -> directory of COUNT generated reports (cached)
corpus() {
  local dir="$DATA/$1-$2"
  if [ ! -f "$dir/.done" ]; then
    rm -rf "$dir"
    "$GEN" generate --count "$2" --seed 16 --layout mixed --format "$3" -o "$dir" >/dev/null 2>&1
    touch "$dir/.done"
  fi
  echo "$dir"
}

# run_once CMD... -> "wall_seconds peak_kib cpu_seconds" (output to /dev/null).
# CPU seconds (user + system, all threads) are what "per core" means and are
# far less sensitive than wall time to other work on a shared machine.
run_once() {
  local t0 t1 out
  out=$(mktemp)
  t0=$(date +%s.%N)
  /usr/bin/time -o "$out" -f '%M %U %S' "$@" >/dev/null 2>&1 || true
  t1=$(date +%s.%N)
  read -r rss user sys < <(tail -1 "$out")
  echo "$(echo "$t1 - $t0" | bc -l) $rss $(echo "$user + $sys" | bc -l)"
  rm -f "$out"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# measure RUNS CMD... -> sets M_WALL M_CPU (medians, seconds) and M_RSS (max, MiB)
measure() {
  local runs=$1 i r
  shift
  local walls=() cpus=() rss=0
  for ((i = 0; i < runs; i++)); do
    read -r w k c < <(run_once "$@")
    walls+=("$w")
    cpus+=("$c")
    ((k > rss)) && rss=$k
  done
  M_WALL=$(printf '%s\n' "${walls[@]}" | median)
  M_CPU=$(printf '%s\n' "${cpus[@]}" | median)
  M_RSS=$((rss / 1024))
}

rate() { echo "$1 / $2" | bc -l | xargs printf '%.0f'; }

text_bench() {
  local bin=$1 n=$2 runs=$3 dir
  GEN=$bin
  dir=$(corpus txt "$n" txt)
  local size
  size=$(find "$dir" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1048576}')
  echo "$n 份纯文本报告（五种排版，$size MB），$CORES 核（机器可能被其他任务占用），每项取 $runs 次的中位数"
  measure "$runs" sh -c "find '$dir' -name '*.txt' -exec cat {} +"
  local cat_s=$M_WALL
  printf '  %-26s %8s 份/秒（墙钟）\n' "cat（同一批文件）" "$(rate "$n" "$cat_s")"
  printf '  %-26s %10s %12s %8s %9s\n' "" "份/秒(墙钟)" "份/CPU秒" "× cat" "峰值内存"
  local what j
  for what in "parse --format json" "check"; do
    for j in 1 "$CORES"; do
      # shellcheck disable=SC2086
      measure "$runs" "$bin" $what -j "$j" "$dir"
      printf '  %-26s %10s %12s %8.1f %6s MB\n' "$what -j $j" "$(rate "$n" "$M_WALL")" "$(rate "$n" "$M_CPU")" \
        "$(echo "$M_WALL / $cat_s" | bc -l)" "$M_RSS"
    done
  done
}

case "$MODE" in
  text)
    text_bench "$(realpath "${1:-build/gongkai}")" "${2:-3000}" "${3:-3}"
    ;;
  formats)
    BIN=$(realpath "${1:-build/gongkai}")
    GEN=$BIN
    n=${2:-300}
    runs=${3:-3}
    echo "各格式，check -j 1 与 -j $CORES（每项 $runs 次的中位数；机器可能被占用）"
    for f in txt html docx; do
      dir=$(corpus "$f" "$n" "$f")
      for j in 1 "$CORES"; do
        measure "$runs" "$BIN" check -j "$j" "$dir"
        printf '  %-5s -j %-2s %8s 份/秒（墙钟） %8s 份/CPU秒  峰值内存 %s MB\n' "$f" "$j" \
          "$(rate "$n" "$M_WALL")" "$(rate "$n" "$M_CPU")" "$M_RSS"
      done
    done
    for pdfdir in build-bench/bench-data/pdf tests/data/real; do
      [ -d "$pdfdir" ] || continue
      np=$(find "$pdfdir" -name '*.pdf' | wc -l)
      ((np > 0)) || continue
      measure "$runs" "$BIN" check -j 1 "$pdfdir"
      printf '  pdf（%s，%s 份）-j 1 %8.1f 份/秒（墙钟） %8.1f 份/CPU秒  峰值内存 %s MB\n' "$pdfdir" "$np" \
        "$(echo "$np / $M_WALL" | bc -l)" "$(echo "$np / $M_CPU" | bc -l)" "$M_RSS"
    done
    ;;
  memory)
    BIN=$(realpath "${1:-build/gongkai}")
    GEN=$BIN
    echo "check 的峰值内存随文件数（-j $CORES）："
    for n in 1000 10000; do
      dir=$(corpus txt "$n" txt)
      measure 1 "$BIN" check "$dir"
      printf '  %6s 个文件  check %6s 份/秒  峰值内存 %s MB\n' "$n" "$(rate "$n" "$M_WALL")" "$M_RSS"
      measure 1 "$BIN" parse --format json "$dir"
      printf '  %6s 个文件  parse %6s 份/秒  峰值内存 %s MB\n' "$n" "$(rate "$n" "$M_WALL")" "$M_RSS"
    done
    ;;
  compare)
    OLD=$(realpath "$1")
    NEW=$(realpath "$2")
    n=${3:-3000}
    runs=${4:-5}
    GEN=$NEW
    dir=$(corpus txt "$n" txt)
    echo "新旧二进制轮流运行，同一批 $n 份报告，每项 $runs 轮的中位数（比值 > 1 表示新版更快）"
    # -j is new: the old binary may not know it, then it runs as it always did.
    jflag() { "$1" check --help 2>/dev/null | grep -q -- '--jobs' && echo "-j $2" || true; }
    for what in "parse --format json" "check"; do
      for j in 1 "$CORES"; do
        wo=() wn=() co=() cn=()
        for ((i = 0; i < runs; i++)); do
          # shellcheck disable=SC2046,SC2086
          read -r w _ c < <(run_once "$OLD" $what $(jflag "$OLD" "$j") "$dir")
          wo+=("$w") co+=("$c")
          # shellcheck disable=SC2046,SC2086
          read -r w _ c < <(run_once "$NEW" $what $(jflag "$NEW" "$j") "$dir")
          wn+=("$w") cn+=("$c")
        done
        mwo=$(printf '%s\n' "${wo[@]}" | median) mwn=$(printf '%s\n' "${wn[@]}" | median)
        mco=$(printf '%s\n' "${co[@]}" | median) mcn=$(printf '%s\n' "${cn[@]}" | median)
        printf '  %-20s -j %-2s 墙钟 旧 %6s 新 %6s 份/秒 新/旧 %.2f | CPU 旧 %6s 新 %6s 份/CPU秒 新/旧 %.2f\n' \
          "$what" "$j" "$(rate "$n" "$mwo")" "$(rate "$n" "$mwn")" "$(echo "$mwo / $mwn" | bc -l)" \
          "$(rate "$n" "$mco")" "$(rate "$n" "$mcn")" "$(echo "$mco / $mcn" | bc -l)"
      done
    done
    ;;
esac
