#!/usr/bin/env python3
"""Small faults made in a PDF by an incremental update (new versions of
objects appended after the file, the way editors save): for readers' cases
that no producer makes on purpose. Only for PDFs with a classic xref table
(LibreOffice's), page 1's contents one stream and a single /Kids array.

  pdf_surgery.py off-page IN.pdf OUT.pdf
      Page 1 shows again the first string its content stream shows (same font,
      same glyph codes), at x = 588 pt on the 595 pt page: poppler keeps its
      first glyph, which starts on the page and is centred beyond the edge --
      text a producer leaves in the text layer past the page edge.
      Made tests/data/rules/R-TEXT-OFF-PAGE.pdf.
  pdf_surgery.py null-page IN.pdf OUT.pdf
      The page tree's second page object becomes null: poppler skips the
      broken kid while it builds its page list, the later pages move up one,
      and the last page number is one it cannot create.
      Made tests/data/rules/R-PAGE-SKIPPED.pdf.
"""
import re
import sys
import zlib


def updated(d, num, body):
    """d with object `num` replaced by `body` (bytes between "obj" and "endobj")."""
    tr = d[d.rindex(b"trailer"):]
    size = int(re.search(rb"/Size\s+(\d+)", tr).group(1))
    root = re.search(rb"/Root\s+(\d+\s+\d+\s+R)", tr).group(1)
    prev = int(re.search(rb"startxref\s+(\d+)", d[d.rindex(b"startxref"):]).group(1))
    out = bytearray(d if d.endswith(b"\n") else d + b"\n")
    off = len(out)
    out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n" % (num, off)
    out += b"trailer\n<</Size %d/Root " % size + root + b"/Prev %d>>\nstartxref\n%d\n%%%%EOF\n" % (prev, xref)
    return bytes(out)


def page_refs(d):
    kids = re.search(rb"/Kids\s*\[([^\]]*)\]", d).group(1)
    return [int(x) for x in re.findall(rb"(\d+)\s+0\s+R", kids)]


def off_page(d):
    first = page_refs(d)[0]
    page = re.search(rb"\n%d 0 obj\s*<<(.*?)>>\s*endobj" % first, d, re.S).group(1)
    num = int(re.search(rb"/Contents\s+(\d+)\s+0\s+R", page).group(1))
    m = re.search(rb"\n%d 0 obj\s*<<(.*?)>>\s*stream\r?\n" % num, d, re.S)
    raw = d[m.end():d.index(b"endstream", m.end())]
    content = zlib.decompress(raw) if b"FlateDecode" in m.group(1) else raw
    shown = re.search(rb"(/F\d+\s+[\d.]+\s+Tf\s*<[0-9A-Fa-f]+>Tj)", content).group(1)
    new = content + b"\nq 0 0 0 rg\nBT\n588 600 Td " + shown + b"\nET\nQ\n"
    return updated(d, num, b"<</Length %d>>\nstream\n" % len(new) + new + b"\nendstream")


def null_page(d):
    return updated(d, page_refs(d)[1], b"null")


if __name__ == "__main__":
    op, src, dst = sys.argv[1:4]
    data = open(src, "rb").read()
    out = {"off-page": off_page, "null-page": null_page}[op](data)
    open(dst, "wb").write(out)
