#!/usr/bin/env python3
"""Wrap page images into one image-only PDF (no text layer): a scan.

    images_to_pdf.py DPI OUT.pdf PAGE1 [PAGE2 ...]

Pages are JPEG (kept as they are, DCTDecode) or 1-bit PBM from `pdftoppm -mono`
(Flate-compressed, as a bilevel office scanner writes them). Each page is sized
so the image fills it at DPI. Called by make_fixtures.sh.
"""
import struct
import sys
import zlib


def pbm(b):
    """(width, height, packed rows) of a binary PBM (P4); 1 = black, as in PDF's /Decode [1 0]."""
    fields, i = [], 2
    assert b[:2] == b"P4", "not a binary PBM"
    while len(fields) < 2:
        while b[i:i + 1].isspace():
            i += 1
        if b[i:i + 1] == b"#":
            while b[i:i + 1] not in (b"\n", b""):
                i += 1
            continue
        j = i
        while not b[j:j + 1].isspace():
            j += 1
        fields.append(int(b[i:j]))
        i = j
    return fields[0], fields[1], b[i + 1:]


def jpeg_size(b):
    i = 2
    while i < len(b):
        if b[i] != 0xFF:
            raise ValueError("not a JPEG")
        marker = b[i + 1]
        length = struct.unpack(">H", b[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            h, w = struct.unpack(">HH", b[i + 5:i + 9])
            return w, h, b[i + 9]
        i += 2 + length
    raise ValueError("no SOF in JPEG")


def main():
    dpi, out, pages = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
    objs = [None, None]  # catalog, pages
    kids = []
    for path in pages:
        data = open(path, "rb").read()
        if data[:2] == b"P4":
            w, h, bits = pbm(data)
            z = zlib.compress(bits, 9)
            image = (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                     b"/BitsPerComponent 1 /Decode [1 0] /Filter /FlateDecode /Length %d >>\nstream\n"
                     % (w, h, len(z)) + z + b"\nendstream")
        else:
            w, h, comps = jpeg_size(data)
            cs = b"/DeviceGray" if comps == 1 else b"/DeviceRGB"
            image = (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s "
                     b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % (w, h, cs, len(data)) +
                     data + b"\nendstream")
        pw, ph = w * 72 / dpi, h * 72 / dpi
        n = len(objs) + 1  # this page's object number
        content = ("q %.2f 0 0 %.2f 0 0 cm /Im1 Do Q" % (pw, ph)).encode()
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R "
                    b"/Resources << /XObject << /Im1 %d 0 R >> >> >>" % (pw, ph, n + 1, n + 2))
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objs.append(image)
        kids.append(n)
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    data = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        data += b"%010d 00000 n \n" % off
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    open(out, "wb").write(data)


if __name__ == "__main__":
    main()
