#!/usr/bin/env python3
"""Write the small hand-made DOCX fixtures used by tests/unit/read_docx_test.cpp.

  report.docx      paragraphs, a Table 2 fragment with gridSpan / vMerge,
                   a number split over runs, sdt and AlternateContent wrappers,
                   deleted text, a w:br inside a paragraph
  wps.docx         the same table shape as WPS writes it (no _rels officeDocument
                   target check needed, gridBefore, vMerge val="continue")
  bomb.docx        word/document.xml inflating to 2 MiB (tests use a 1 MiB limit)
  lying-size.docx  an entry whose headers declare 100 bytes but inflate to 2 MiB
  truncated.docx   report.docx cut in half
  entities.docx    a DOCTYPE with a billion-laughs entity and an external entity
"""
import struct
import zipfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' \
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'

CT = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>'''
RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>'''


def p(text):
    return '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % text


def tc(inner, span=1, vmerge=None):
    pr = ''
    if span > 1:
        pr += '<w:gridSpan w:val="%d"/>' % span
    if vmerge == 'restart':
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == 'continue':
        pr += '<w:vMerge/>'
    elif vmerge == 'continue-val':
        pr += '<w:vMerge w:val="continue"/>'
    return '<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>%s</w:tcPr>%s</w:tc>' % (pr, inner)


def nums(vals):
    return ''.join(tc(p(v)) for v in vals)


def write(name, document, rels=True):
    with zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CT)
        if rels:
            z.writestr('_rels/.rels', RELS)
        z.writestr('word/document.xml', document)


def doc(body):
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document %s><w:body>%s<w:sectPr/></w:body></w:document>' % (W, body)


cont = 'continue'
table = ('<w:tbl><w:tblPr/><w:tblGrid>' + '<w:gridCol/>' * 10 + '</w:tblGrid>'
         '<w:tr>' + tc(p('一、本年新收政府信息公开申请数量'), 3) +
         tc('<w:p><w:r><w:t>9</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>5</w:t></w:r></w:p>') +
         nums(['0'] * 5) + tc(p('95')) + '</w:tr>'
         '<w:tr>' + tc(p('三、本年度办理结果'), vmerge='restart') +
         tc('<w:p><w:r><w:t>（一）予以</w:t></w:r></w:p><w:p><w:r><w:t>公开</w:t></w:r></w:p>', 2) +
         nums(['50', '0', '0', '0', '0', '0', '50']) + '</w:tr>'
         '<w:tr>' + tc('<w:p/>', vmerge=cont) + tc(p('（三）不予公开'), vmerge='restart') +
         tc(p('1.属于国家秘密')) + nums(['0', '', '0', '0', '0', '0', '0']) + '</w:tr>'
         '<w:tr>' + tc('<w:p/>', vmerge=cont) + tc('<w:p/>', vmerge=cont) +
         tc(p('2.其他法律行政法规禁止公开')) + nums(['1', '0', '0', '0', '0', '0', '1']) + '</w:tr>'
         '</w:tbl>')

body = (p('某区人民政府2024年政府信息公开工作年度报告') +
        '<w:p><w:r><w:t>三、收到和处理政府信息公开申请情况</w:t></w:r></w:p>' +
        '<w:sdt><w:sdtPr/><w:sdtContent>' + p('（控件内的段落）') + '</w:sdtContent></w:sdt>' +
        '<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除的文字</w:delText></w:r></w:del>'
        '<w:ins><w:r><w:t>插入</w:t></w:r></w:ins></w:p>' +
        '<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>' +
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>' +
        p('文本框') + '</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>' +
        p('文本框') + '</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>' +
        table + p('四、政府信息公开行政复议、行政诉讼情况'))
write('report.docx', doc(body))

# WPS: gridBefore, vMerge val="continue"
wtable = ('<w:tbl><w:tblPr/>'
          '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + tc(p('行政复议'), 5) + '</w:tr>'
          '<w:tr>' + tc(p('组'), vmerge='restart') + nums(['1', '2', '3', '4', '10']) + '</w:tr>'
          '<w:tr>' + tc('<w:p/>', vmerge='continue-val') + nums(['0', '0', '0', '0', '0']) + '</w:tr>'
          '</w:tbl>')
write('wps.docx', doc(p('四、政府信息公开行政复议、行政诉讼情况') + wtable), rels=False)

big = doc(p('x' * (2 << 20)))
write('bomb.docx', big)

# lying-size: write normally, then patch the declared uncompressed size.
write('lying-size.docx', big)
data = bytearray(open('lying-size.docx', 'rb').read())
name = b'word/document.xml'
i = 0
while True:
    i = data.find(b'PK\x03\x04', i)
    if i < 0:
        break
    n = struct.unpack('<H', data[i + 26:i + 28])[0]
    if data[i + 30:i + 30 + n] == name:
        data[i + 22:i + 26] = struct.pack('<I', 100)
    i += 4
i = 0
while True:
    i = data.find(b'PK\x01\x02', i)
    if i < 0:
        break
    n = struct.unpack('<H', data[i + 28:i + 30])[0]
    if data[i + 46:i + 46 + n] == name:
        data[i + 24:i + 28] = struct.pack('<I', 100)
    i += 4
open('lying-size.docx', 'wb').write(bytes(data))

rep = open('report.docx', 'rb').read()
open('truncated.docx', 'wb').write(rep[: len(rep) // 2])

ent = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
       '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
       '<w:document %s><w:body>%s%s</w:body></w:document>' % (W, p('实体：&lol2;'), p('外部：&xxe;')))
write('entities.docx', ent)
