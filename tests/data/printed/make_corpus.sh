#!/bin/sh
# PDFs made the way real reports are published, with their truth:
#
#   tests/data/printed/make_corpus.sh OUTDIR COUNT [path/to/gongkai]
#
# writes OUTDIR/NAME.pdf and OUTDIR/NAME.truth.json for COUNT generated
# records (gongkai generate, both template editions, alternating), each
# printed by one of two producers:
#   chromium   gongkai render --format html, then Chromium headless
#              --print-to-pdf, in one of several page styles: tables fitted to
#              the page width, zoom 0.8 / 1.4, a sans-serif font, a small table
#              font, no cell padding; and sparse (every 0 printed as a blank
#              cell, as most published tables do) or dense.
#   lo-wide    gongkai render --format docx with Table 2 made 1.6 or 2.0 times
#              wider than the page (widen_table.py, what a clerk pasting a wide
#              table makes), converted by LibreOffice: the columns beyond the
#              page edge are not printed.
# NAME = NNNN-PRODUCER-STYLE-TEMPLATE. The committed fixtures beside this
# script were made with COUNT=8 (see README in this folder); the opt-in test
# read_pdf_printed_test (GK_PDF_CORPUS=OUTDIR) reads a whole corpus back.
#
# Needs chromium, soffice (libreoffice-writer-nogui) and python3.
set -eu
out=${1:?usage: make_corpus.sh OUTDIR COUNT [gongkai]}
count=${2:?usage: make_corpus.sh OUTDIR COUNT [gongkai]}
here=$(cd "$(dirname "$0")" && pwd)
gongkai=${3:-$here/../../../build/gongkai}
[ -x "$gongkai" ] || { echo "no gongkai binary at $gongkai (build first, or pass its path)" >&2; exit 2; }
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home"
mkdir -p "$HOME" "$tmp/lo"
half=$(( (count + 1) / 2 ))
"$gongkai" generate --count "$half" --seed 1201 --format html -o "$tmp/g2021" >/dev/null 2>&1
"$gongkai" generate --count "$half" --seed 1202 --format html --template 2019 -o "$tmp/g2019" >/dev/null 2>&1

styles="fit zoom08 zoom14 sans small nopad"
chromium_print() {  # HTML PDF
  timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$tmp/chromium" --no-pdf-header-footer \
    --print-to-pdf="$2" "$1" >/dev/null 2>&1 || echo "make_corpus.sh: chromium failed on $1" >&2
}
css_of() {
  case $1 in
    fit) echo 'table{width:100%}' ;;
    zoom08) echo 'html{zoom:0.8}table{width:100%}' ;;
    zoom14) echo 'html{zoom:1.4}' ;;
    sans) echo 'body{font-family:sans-serif;max-width:none;margin:0}table{width:100%}' ;;
    small) echo 'table{width:100%;font-size:.7em}' ;;
    nopad) echo 'td{padding:0}table{width:100%}' ;;
  esac
}

i=0
while [ "$i" -lt "$count" ]; do
  k=$(( i / 2 ))
  if [ $(( i % 2 )) -eq 0 ]; then t=2021; else t=2019; fi
  src=$(printf '%s/g%s/gen-%s-%05d' "$tmp" "$t" "$([ $t = 2021 ] && echo 1201 || echo 1202)" "$k")
  n=$(printf '%04d' "$i")
  if [ $(( i % 8 )) -ge 6 ] && command -v soffice >/dev/null 2>&1; then
    # LibreOffice, Table 2 wider than the page
    factor=$([ $(( i % 16 )) -ge 8 ] && echo 2.0 || echo 1.6)
    name="$n-lo-wide$(echo "$factor" | tr -d .)-$t"
    # exit 1: the rendered record has findings (a generated one may); the file is written
    "$gongkai" render "$src.truth.json" --format docx -o "$tmp/$name.src.docx" || [ $? -eq 1 ]
    python3 "$here/widen_table.py" "$tmp/$name.src.docx" "$tmp/lo/$name.docx" "$factor" 1
  else
    set -- $styles
    shift $(( (i / 2) % 6 ))
    style=$1
    sparse=$([ $(( (i / 3) % 2 )) -eq 0 ] && echo sparse || echo dense)
    name="$n-chromium-$style-$sparse-$t"
    css=$(css_of "$style")
    if [ "$sparse" = sparse ]; then
      sed 's#<td>0</td>#<td></td>#g; s#<td colspan="\([0-9]*\)">0</td>#<td colspan="\1"></td>#g' "$src.html"
    else
      cat "$src.html"
    fi | sed "s#</style>#$css</style>#" >"$tmp/$name.html"
    chromium_print "$tmp/$name.html" "$out/$name.pdf"
  fi
  cp "$src.truth.json" "$out/$name.truth.json"
  i=$(( i + 1 ))
done
# LibreOffice in batches of 50 files per start (a long single run sometimes stops early).
if ls "$tmp/lo"/*.docx >/dev/null 2>&1; then
  ls "$tmp/lo"/*.docx | xargs -n 50 sh -c 'timeout 1800 soffice -env:UserInstallation="file://'"$tmp"'/profile" \
    --headless --norestore --nologo --convert-to pdf --outdir "'"$out"'" "$@" >>"'"$tmp"'/soffice.log" 2>&1' lo ||
    { cat "$tmp/soffice.log" >&2; exit 1; }
fi
echo "$(ls "$out"/*.pdf | wc -l) PDFs in $out"
