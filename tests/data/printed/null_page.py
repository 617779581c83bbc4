#!/usr/bin/env python3
"""Replaces the object of the page tree's second page by null (an incremental
update), a PDF whose page poppler cannot create. Made
tests/data/rules/R-PAGE-SKIPPED.pdf from not-R-TEXT-OFF-PAGE.1.pdf:

  null_page.py IN.pdf OUT.pdf

Poppler skips the broken kid while it builds its page list, so the pages after
it move up one and the last page number is the one it cannot create: the
finding names page 4 of 4, and the text of the second page is lost.
Only for PDFs with a classic xref table and a single /Kids array.
"""
import re
import sys

src, dst = sys.argv[1], sys.argv[2]
d = open(src, "rb").read()
kids = re.search(rb"/Kids\s*\[([^\]]*)\]", d).group(1)
num = [int(x) for x in re.findall(rb"(\d+)\s+0\s+R", kids)][1]
tr = d[d.rindex(b"trailer"):]
size = int(re.search(rb"/Size\s+(\d+)", tr).group(1))
root = re.search(rb"/Root\s+(\d+\s+\d+\s+R)", tr).group(1)
prev = int(re.search(rb"startxref\s+(\d+)", d[d.rindex(b"startxref"):]).group(1))
out = bytearray(d if d.endswith(b"\n") else d + b"\n")
off = len(out)
out += b"%d 0 obj\nnull\nendobj\n" % num
xref = len(out)
out += b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n" % (num, off)
out += b"trailer\n<</Size %d/Root " % size + root + b"/Prev %d>>\nstartxref\n%d\n%%%%EOF\n" % (prev, xref)
open(dst, "wb").write(bytes(out))
