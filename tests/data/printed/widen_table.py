#!/usr/bin/env python3
# widen.py IN.docx OUT.docx FACTOR [TABLE_INDEX]: scale one table's widths (a table wider than the page)
import re, sys, zipfile
src, dst, f = sys.argv[1], sys.argv[2], float(sys.argv[3])
which = int(sys.argv[4]) if len(sys.argv) > 4 else 1
zin = zipfile.ZipFile(src)
doc = zin.read('word/document.xml').decode()
parts = re.split(r'(<w:tbl>)', doc)
# parts: [before, '<w:tbl>', tbl0..., '<w:tbl>', tbl1...]
idx = 2 + 2 * which
def scale(m): return f'{m.group(1)}"{int(int(m.group(2)) * f)}"'
seg = parts[idx]
end = seg.index('</w:tbl>')
body = re.sub(r'(<w:(?:gridCol|tcW|tblW) w:w=)"(\d+)"', scale, seg[:end])
parts[idx] = body + seg[end:]
out = zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED)
for it in zin.infolist():
    out.writestr(it, ''.join(parts).encode() if it.filename == 'word/document.xml' else zin.read(it.filename))
out.close()
