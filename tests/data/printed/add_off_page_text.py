#!/usr/bin/env python3
"""Adds text that starts at the right page edge and runs off the page to page 1
of a PDF (an incremental update: a new version of the page's content stream),
the way a producer leaves the cut-off text of an over-wide block in the text
layer. Made tests/data/rules/R-TEXT-OFF-PAGE.pdf from a LibreOffice PDF:

  add_off_page_text.py IN.pdf OUT.pdf

The shown string is the first one the page's content stream shows (same font,
same glyph codes), drawn again at x = 588 pt on a 595 pt page: poppler keeps
its first glyph (it starts on the page), whose centre lies beyond the edge.
Only for PDFs with a classic xref table and page 1's contents one stream.
"""
import re
import sys
import zlib

src, dst = sys.argv[1], sys.argv[2]
d = open(src, "rb").read()
page = re.search(rb"/Type\s*/Page\b.*?>>", d, re.S)
cref = re.search(rb"/Contents\s+(\d+)\s+0\s+R", d[page.start() - 2000 if page.start() > 2000 else 0:])
num = int(cref.group(1))
m = re.search(rb"\n%d 0 obj\s*<<(.*?)>>\s*stream\r?\n" % num, d, re.S)
start = m.end()
raw = d[start:d.index(b"endstream", start)]
content = zlib.decompress(raw) if b"FlateDecode" in m.group(1) else raw
shown = re.search(rb"(/F\d+\s+[\d.]+\s+Tf\s*<[0-9A-Fa-f]+>Tj)", content).group(1)
new = content + b"\nq 0 0 0 rg\nBT\n588 600 Td " + shown + b"\nET\nQ\n"
tr = d[d.rindex(b"trailer"):]
size = int(re.search(rb"/Size\s+(\d+)", tr).group(1))
root = re.search(rb"/Root\s+(\d+\s+\d+\s+R)", tr).group(1)
prev = int(re.search(rb"startxref\s+(\d+)", d[d.rindex(b"startxref"):]).group(1))
out = bytearray(d if d.endswith(b"\n") else d + b"\n")
off = len(out)
out += b"%d 0 obj\n<</Length %d>>\nstream\n" % (num, len(new)) + new + b"\nendstream\nendobj\n"
xref = len(out)
out += b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n" % (num, off)
out += b"trailer\n<</Size %d/Root " % size + root + b"/Prev %d>>\nstartxref\n%d\n%%%%EOF\n" % (prev, xref)
open(dst, "wb").write(bytes(out))
