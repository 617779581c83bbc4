#!/usr/bin/env bash
# Run every libFuzzer target in turn for SECONDS each (default 600).
# Usage: fuzz/run.sh [seconds=600] [build-dir=build-fuzz] [targets...]
# Builds the targets with clang (ASan + UBSan + libFuzzer) first. Each target
# starts from its seed folder under fuzz/corpus and grows a working corpus in
# BUILD/fuzz-work/NAME; crashes, leaks and timeouts land in BUILD/fuzz-artifacts/NAME.
# A summary line per target is printed at the end; exit 1 if any target failed.
set -uo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-600}
B=${2:-build-fuzz}
shift 2 2>/dev/null || shift $#
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(html docx docx_xml pdf pdf_layout text image rulings)
cmake -S . -B "$B" -DGONGKAI_BUILD_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
  -DGONGKAI_BUILD_TESTS=OFF -DGONGKAI_BUILD_BENCH=OFF >/dev/null || exit 2
cmake --build "$B" -j"$(nproc)" $(printf -- '--target fuzz_%s ' "${TARGETS[@]}") >/dev/null || exit 2
export LSAN_OPTIONS=suppressions=$PWD/fuzz/lsan.supp
fail=0
summary=()
for t in "${TARGETS[@]}"; do
  work="$B/fuzz-work/$t"; art="$B/fuzz-artifacts/$t"
  mkdir -p "$work" "$art"
  seeds=fuzz/corpus/$t
  [ -d "$seeds" ] || seeds=""
  # The dispatch target starts from every seed folder and the sample reports.
  [ "$t" = text ] && seeds="fuzz/corpus/html fuzz/corpus/docx fuzz/corpus/pdf tests/data/seeds"
  [ "$t" = pdf_layout ] && seeds=fuzz/corpus/pdf
  [ "$t" = rulings ] && seeds=""
  log="$B/fuzz-$t.log"
  echo "== fuzz_$t ${SECS}s → $log"
  "$B/fuzz/fuzz_$t" -max_total_time="$SECS" -timeout=25 -rss_limit_mb=2048 -max_len=262144 \
    -artifact_prefix="$art/" -print_final_stats=1 "$work" $seeds >"$log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  summary+=("fuzz_$t: exit $rc, ${runs:-?} runs, ${cov:-?}, artifacts: $(ls "$art" | wc -l)")
  [ $rc -ne 0 ] && fail=1
done
printf '%s\n' "${summary[@]}"
exit $fail
