#!/usr/bin/env bash
# Reads back a generated corpus of printed PDFs, cell by cell (issue 12):
# COUNT records (both template editions) printed by Chromium (several page
# styles, sparse and dense) and by LibreOffice (Table 2 wider than the page),
# by tests/data/printed/make_corpus.sh, cached in BUILD/pdf-corpus-COUNT; then
# read_pdf_printed.GeneratedCorpus over it: every cell must read back to its
# truth or come back null, and the over-wide tables must say so.
# Usage: scripts/pdf-corpus.sh [COUNT=600] [BUILD=build]
# Needs chromium, soffice (libreoffice-writer-nogui), python3; ~1 PDF/s here.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-600}
B=${2:-build}
[ -x "$B/gongkai" ] && [ -x "$B/tests/gongkai_tests" ] || { echo "先构建：cmake --build $B" >&2; exit 2; }
DIR="$B/pdf-corpus-$N"
# Copies of both programs: a rebuild meanwhile does not disturb the run.
cp "$B/gongkai" "$B/gongkai.pdf-corpus"
cp "$B/tests/gongkai_tests" "$B/tests/gongkai_tests.pdf-corpus"
trap 'rm -f "$B/gongkai.pdf-corpus" "$B/tests/gongkai_tests.pdf-corpus"' EXIT
if [ ! -f "$DIR/.done" ]; then
  rm -rf "$DIR"
  echo "== 生成 $N 份 PDF（只在第一次）→ $DIR"
  /usr/bin/time -f "   生成：%e 秒" sh tests/data/printed/make_corpus.sh "$DIR" "$N" "$B/gongkai.pdf-corpus"
  touch "$DIR/.done"
fi
GK_PDF_CORPUS="$DIR" "$B/tests/gongkai_tests.pdf-corpus" --gtest_filter='read_pdf_printed.GeneratedCorpus' | grep -E 'PDFs|got|OK|FAILED'
