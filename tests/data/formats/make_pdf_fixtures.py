#!/usr/bin/env python3
"""Write the small hand-made PDF fixtures used by tests/unit/read_pdf_test.cpp.

Run once from this directory; the outputs are committed:
  no-text-layer.pdf   one page with only drawn lines (a "scan" without text)
  encrypted.pdf       a Standard security handler with an unknown user password
  ruled-table.pdf     an ASCII table drawn with rules, with a 2-row merged cell
  truncated.pdf       the first half of ruled-table.pdf
"""


def pdf(objects, trailer_extra=""):
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer_extra.encode(), xref)
    return out


def page_doc(content, extra_objs=(), trailer_extra=""):
    content = content.encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    objs += list(extra_objs)
    return pdf(objs, trailer_extra)


def text(x, y, s, size=10):
    return "BT /F1 %d Tf %g %g Td (%s) Tj ET\n" % (size, x, y, s)


def line(x0, y0, x1, y1):
    return "%g %g m %g %g l S\n" % (x0, y0, x1, y1)


# no text layer: a frame and a few strokes
scan = "1 w\n" + line(50, 50, 545, 50) + line(50, 50, 50, 792) + line(100, 700, 400, 650)
open("no-text-layer.pdf", "wb").write(page_doc(scan))

# encrypted: RC4 40-bit Standard handler whose /U matches no password
enc = (b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 +
       b"> /P -44 >>")
open("encrypted.pdf", "wb").write(page_doc(text(72, 720, "secret"), [enc],
                                           "/Encrypt 6 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] "))

# ruled table: 3 columns x 4 rows; column 0 of rows 2-3 is one merged cell.
#   y: 700 680 660 640 620 ; x: 100 200 300 400
ys = [700, 680, 660, 640, 620]
xs = [100, 200, 300, 400]
c = "0.8 w\n"
for i, y in enumerate(ys):
    x0 = 100 if i in (0, 1, 2, 4) else 200  # no rule under the merged cell's first row
    c += line(x0, y, 400, y)
for x in xs:
    c += line(x, 700, x, 620)
c += text(60, 760, "Title line above the table", 12)
c += text(105, 686, "Label")
c += text(205, 686, "Alpha")
c += text(305, 686, "Beta")
c += text(105, 666, "first")
c += text(205, 666, "1")
c += text(305, 666, "2")
c += text(105, 636, "merged")
c += text(205, 646, "3")
c += text(305, 646, "4")
c += text(205, 626, "5")
c += text(305, 626, "6")
c += text(60, 580, "Text after the table.", 12)
c += text(290, 40, "- 1 -", 10)
ruled = page_doc(c)
open("ruled-table.pdf", "wb").write(ruled)
open("truncated.pdf", "wb").write(ruled[: len(ruled) // 2])

# unruled-table.pdf: a table drawn without any rule (columns by position only)
u = text(72, 760, "Heading of the section", 12)
for i, (label, vals) in enumerate([("Alpha row", ["1", "2", "3"]), ("Beta row", ["40", "0", "40"]),
                                   ("Gamma row", ["7", "8", "15"])]):
    y = 720 - 20 * i
    u += text(72, y, label)
    for k, v in enumerate(vals):
        u += text(250 + 80 * k, y, v)
u += text(72, 640, "Closing sentence of the section.", 12)
open("unruled-table.pdf", "wb").write(page_doc(u))

# scan-t1.pdf: an image-only page (no text layer) holding a 200 dpi grey JPEG
# of the Table 1 part on page 3 of ../real/hongze-2024.pdf, made with
#   pdftoppm -r 200 -gray -jpeg -jpegopt quality=85 -f 3 -l 3 -x 194 -y 208 -W 1250 -H 792
# (scan-t1.png is the same crop as PNG). Pass the JPEG path as argument.
import sys
if len(sys.argv) > 1:
    jpg = open(sys.argv[1], "rb").read()
    w, h = 1250, 792
    pw, ph = w * 72 / 200, h * 72 / 200
    content = ("q %g 0 0 %g 0 0 cm /Im1 Do Q" % (pw, ph)).encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>" % (pw, ph),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
        b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % (w, h, len(jpg)) + jpg +
        b"\nendstream",
    ]
    open("scan-t1.pdf", "wb").write(pdf(objs))
