#!/usr/bin/env bash
# Bench data for formats_bench that needs LibreOffice: text-layer PDFs (and a
# handful of DOC files) converted from the DOCX the renderer writes for the
# bench's generated reports. Cached: reconverted only when the DOCX change.
#
# Usage: bench/make_pdfs.sh BUILD_DIR [reports=300] [doc_files=3]
#   writes BUILD_DIR/bench-data/{docx,pdf,doc}/NNNN.*
# soffice converts the files in batches of 50 per start, with its own HOME and profile
# (-env:UserInstallation) in a temporary directory, so it never shares a profile
# with a desktop session or a parallel test.
set -euo pipefail
BUILD_DIR=${1:?usage: bench/make_pdfs.sh BUILD_DIR [reports] [doc_files]}
N=${2:-300}
NDOC=${3:-3}
OUT=$BUILD_DIR/bench-data
BENCH=$BUILD_DIR/bench/formats_bench
[ -x "$BENCH" ] || { echo "make_pdfs.sh: $BENCH not built" >&2; exit 2; }
if ! command -v soffice >/dev/null 2>&1; then
  echo "make_pdfs.sh: soffice (LibreOffice) not installed; no PDF or DOC bench data" >&2
  exit 0
fi

rm -rf "$OUT/docx.new"
stamp="$("$BENCH" --write-docx "$OUT/docx.new" "$N") $N"
npdf() { find "$OUT/pdf" -name '*.pdf' 2>/dev/null | wc -l; }
if [ -f "$OUT/stamp" ] && [ "$(cat "$OUT/stamp")" = "$stamp" ]; then
  # Same DOCX as last time: keep what was converted, finish what is missing.
  rm -rf "$OUT/docx.new"
  [ "$(npdf)" -ge "$N" ] && [ "$(find "$OUT/doc" -name '*.doc' 2>/dev/null | wc -l)" -ge "$NDOC" ] && exit 0
else
  rm -rf "$OUT/docx" "$OUT/pdf" "$OUT/doc" "$OUT/stamp"
  mv "$OUT/docx.new" "$OUT/docx"
  echo "$stamp" >"$OUT/stamp"
fi
mkdir -p "$OUT/pdf" "$OUT/doc"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-bench-lo-XXXXXX")
trap 'rm -rf "$TMP"' EXIT
convert() {  # convert FILTER OUTDIR FILES...
  local filter=$1 outdir=$2
  shift 2
  (cd "$OUT/docx" && HOME="$TMP/home" timeout 3600 soffice -env:UserInstallation="file://$TMP/profile" \
     --headless --norestore --nologo --nolockcheck --convert-to "$filter" --outdir "$outdir" "$@" \
     >>"$TMP/soffice.log" 2>&1) || { echo "make_pdfs.sh: soffice failed:" >&2; tail -5 "$TMP/soffice.log" >&2; }
}
start=$(date +%s)
# Batches of 50 per soffice start: a long single run sometimes stops early;
# missing files are retried while each pass makes progress.
made=0
while :; do
  mapfile -t todo < <(cd "$OUT/docx" && for f in *.docx; do [ -f "../pdf/${f%.docx}.pdf" ] || echo "$f"; done)
  ((${#todo[@]})) || break
  for ((i = 0; i < ${#todo[@]}; i += 50)); do
    convert pdf "$(realpath "$OUT/pdf")" "${todo[@]:i:50}"
  done
  now=$(npdf)
  ((now > made)) || break
  made=$now
done
made=$(npdf)
echo "make_pdfs.sh: $made PDF in $(( $(date +%s) - start )) s (soffice)" >&2
mapfile -t files < <(cd "$OUT/docx" && ls ./*.docx | sort)
if [ "$NDOC" -gt 0 ] && [ "$(find "$OUT/doc" -name '*.doc' | wc -l)" -lt "$NDOC" ]; then
  convert "doc:MS Word 97" "$(realpath "$OUT/doc")" "${files[@]:0:$NDOC}"
fi
exit 0
