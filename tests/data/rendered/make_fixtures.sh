#!/bin/sh
# Regenerate the rendered fixtures in this folder (run once; the outputs are
# committed, so the tests need neither this script nor its tools):
#
#   tests/data/rendered/make_fixtures.sh [path/to/gongkai]
#
# Two known records, one per table template, dense (mostly nonzero, mostly
# distinct cells, so a cell read into a neighbour's place is caught):
#   city-2024      2021 template (国办公开办函〔2021〕30号), 青山市人民政府 2024
#   province-2020  2019 template (国办公开办函〔2019〕60号), 江北省人民政府 2020
# For each NAME:
#   NAME.truth.json     the record's cells (what the corpus tests compare with)
#   NAME.html           gongkai render --format html
#   NAME.docx           gongkai render --format docx
#   NAME.pdf            NAME.docx -> PDF by LibreOffice (Writer layout: Table 2
#                       split over a page break, merged label cells)
#   NAME.doc            NAME.docx -> Word 97-2003 by LibreOffice
#   NAME.from-html.pdf  NAME.html -> PDF by LibreOffice (HTML imported into Writer:
#                       the CSS borders are lost, so an unruled table, with a
#                       narrow label column and labels wrapped over 2-5 lines
#                       around their values line)
#   NAME.expect         not written here: what `gongkai check` finds, confirmed by
#                       hand (the records are consistent: no error, no warning)
# and one scan:
#   scan/city-2024.pdf  the pages of city-2024.pdf rendered to 200 dpi 1-bit
#                       images, wrapped image-only (images_to_pdf.py): read by
#                       OCR in read_ocr_scan_test (not a corpus case: no truth
#                       file beside it; that test uses ../city-2024.truth.json).
#
# Needs python3, soffice (libreoffice-writer-nogui) and pdftoppm (poppler-utils).
# LibreOffice runs with a private profile and HOME in a temporary directory.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
gongkai=${1:-$here/../../../build/gongkai}
[ -x "$gongkai" ] || { echo "no gongkai binary at $gongkai (build first, or pass its path)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home"
mkdir -p "$HOME"
soffice_convert() {  # FORMAT OUTDIR FILE [INFILTER]
  timeout 300 soffice -env:UserInstallation="file://$tmp/profile" --headless --norestore --nologo \
    ${4:+"--infilter=$4"} --convert-to "$1" --outdir "$2" "$3" >"$tmp/soffice.log" 2>&1 || { cat "$tmp/soffice.log" >&2; exit 1; }
}

# The records: shapes from the generator, cells and texts from make_records.py.
"$gongkai" generate --count 1 --seed 11 -o "$tmp/g2021" 2>/dev/null
"$gongkai" generate --count 1 --seed 11 --template 2019 -o "$tmp/g2019" 2>/dev/null
python3 "$here/make_records.py" "$tmp/g2021/gen-11-00000.truth.json" 2021 "$tmp/city-2024.json" "$here/city-2024.truth.json"
python3 "$here/make_records.py" "$tmp/g2019/gen-11-00000.truth.json" 2019 "$tmp/province-2020.json" "$here/province-2020.truth.json"

for name in city-2024 province-2020; do
  "$gongkai" render "$tmp/$name.json" --format html -o "$here/$name.html"
  "$gongkai" render "$tmp/$name.json" --format docx -o "$here/$name.docx"
  mkdir -p "$tmp/$name"
  cp "$here/$name.docx" "$tmp/$name/$name.docx"
  cp "$here/$name.html" "$tmp/$name/$name.from-html.html"
  soffice_convert pdf "$tmp/$name" "$tmp/$name/$name.docx"
  soffice_convert 'doc:MS Word 97' "$tmp/$name" "$tmp/$name/$name.docx"
  # HTML imported into Writer (not Writer/Web, whose PDF export drops the <h1> title)
  soffice_convert pdf "$tmp/$name" "$tmp/$name/$name.from-html.html" 'HTML (StarWriter)'
  cp "$tmp/$name/$name.pdf" "$tmp/$name/$name.doc" "$tmp/$name/$name.from-html.pdf" "$here/"
done

# The scan: every page of city-2024.pdf as a 200 dpi bilevel image (what an
# office scanner set to black and white writes), in an image-only PDF.
mkdir -p "$here/scan" "$tmp/scan"
pdftoppm -mono -r 200 "$here/city-2024.pdf" "$tmp/scan/page"
python3 "$here/images_to_pdf.py" 200 "$here/scan/city-2024.pdf" "$tmp/scan"/page-*.pbm
echo "fixtures written to $here"
