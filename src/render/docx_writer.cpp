// A real Word document (Office Open XML) written with libzip: body paragraphs,
// and the national tables as w:tbl with gridSpan (horizontal merges) and
// vMerge (vertical merges). Fonts: SimSun throughout.
#include <stdexcept>
#include <string>
#include <vector>

#include "render/layout.h"

#ifdef GK_RENDER_HAVE_LIBZIP
#include <zip.h>
#endif

#include "util/text.h"

namespace gk::render {

namespace {


const char* kFonts =
    "<w:rFonts w:ascii=\"SimSun\" w:eastAsia=\"SimSun\" w:hAnsi=\"SimSun\" w:cs=\"SimSun\"/>";

// Runs for a text; '\n' becomes a line break.
std::string runs(const std::string& text, int half_points, bool bold) {
  std::string rpr = std::string("<w:rPr>") + kFonts + (bold ? "<w:b/>" : "") + "<w:sz w:val=\"" +
                    std::to_string(half_points) + "\"/><w:szCs w:val=\"" +
                    std::to_string(half_points) + "\"/></w:rPr>";
  std::string out;
  size_t start = 0;
  while (true) {
    size_t nl = text.find('\n', start);
    std::string part = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    out += "<w:r>" + rpr + "<w:t xml:space=\"preserve\">" + gk::xml_escape(part) + "</w:t></w:r>";
    if (nl == std::string::npos) break;
    out += "<w:r>" + rpr + "<w:br/></w:r>";
    start = nl + 1;
  }
  return out;
}

std::string paragraph(const std::string& text, int half_points, bool bold, const char* jc,
                      bool indent) {
  std::string p = "<w:p><w:pPr>";
  p += "<w:spacing w:before=\"0\" w:after=\"120\" w:line=\"360\" w:lineRule=\"auto\"/>";
  if (indent) p += "<w:ind w:firstLineChars=\"200\" w:firstLine=\"" + std::to_string(half_points * 20) + "\"/>";
  if (jc) p += std::string("<w:jc w:val=\"") + jc + "\"/>";
  p += "</w:pPr>" + runs(text, half_points, bold) + "</w:p>";
  return p;
}

std::vector<int> column_widths(const Grid& g) {
  const int total = 9638;  // A4 minus 2 cm margins, in twips
  if (g.id == "t1") return {2402, 2412, 2412, 2412};
  if (g.id == "t2") {
    std::vector<int> w = {700, 1300, 2400};
    for (int c = 0; c < 7; ++c) w.push_back(748);
    return w;
  }
  std::vector<int> w(g.cols, total / (g.cols ? g.cols : 1));
  return w;
}

std::string table(const Grid& g) {
  std::vector<int> widths = column_widths(g);
  int total = 0;
  for (int w : widths) total += w;
  std::string t = "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(total) +
                  "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
    t += std::string("<w:") + side + " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
  t += "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar>"
       "<w:left w:w=\"40\" w:type=\"dxa\"/><w:right w:w=\"40\" w:type=\"dxa\"/>"
       "</w:tblCellMar></w:tblPr><w:tblGrid>";
  for (int w : widths) t += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
  t += "</w:tblGrid>";
  // Header rows of Tables 2 and 3 (no value cell) repeat after a page break.
  int header_rows = 0;
  if (g.id != "t1")
    for (bool values = false; header_rows < g.rows && !values; header_rows += !values) {
      for (const auto& c : g.cells)
        if (c.row == header_rows && !c.path.empty()) values = true;
    }
  for (int r = 0; r < g.rows; ++r) {
    t += std::string("<w:tr><w:trPr><w:cantSplit/>") + (r < header_rows ? "<w:tblHeader/>" : "") +
         "</w:trPr>";
    for (int c = 0; c < g.cols; ++c) {
      const GridCell* cell = g.covering(r, c);
      int span = 1;
      if (cell) {
        if (cell->col != c) continue;  // covered by a merge to the left: no w:tc
        span = cell->colspan;
      }
      int width = 0;
      for (int k = c; k < c + span && k < (int)widths.size(); ++k) width += widths[k];
      t += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>";
      if (span > 1) t += "<w:gridSpan w:val=\"" + std::to_string(span) + "\"/>";
      bool origin = cell && cell->row == r;
      if (cell && cell->rowspan > 1) t += origin ? "<w:vMerge w:val=\"restart\"/>" : "<w:vMerge/>";
      t += "<w:vAlign w:val=\"center\"/></w:tcPr><w:p><w:pPr><w:spacing w:before=\"0\" "
           "w:after=\"0\"/><w:jc w:val=\"center\"/></w:pPr>";
      if (origin && !cell->text.empty()) t += runs(cell->text, 18, false);
      t += "</w:p></w:tc>";
    }
    t += "</w:tr>";
  }
  t += "</w:tbl>";
  return t;
}

const char* kNs =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

std::string document_xml(const RenderDoc& doc) {
  std::string body;
  for (const auto& b : doc.blocks) {
    switch (b.kind) {
      case Block::Title: body += paragraph(b.text, 36, true, "center", false); break;
      case Block::Heading: body += paragraph(b.numeral + b.text, 32, true, nullptr, true); break;
      case Block::Paragraph: body += paragraph(b.text, 32, false, "both", true); break;
      case Block::Table:
        body += table(b.grid);
        body += paragraph("", 18, false, nullptr, false);  // Word needs a paragraph after a table
        break;
    }
  }
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document ") +
         kNs + "><w:body>" + body +
         "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1134\" "
         "w:bottom=\"1440\" w:left=\"1134\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>"
         "</w:sectPr></w:body></w:document>";
}

std::string styles_xml() {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles ") +
         kNs + "><w:docDefaults><w:rPrDefault><w:rPr>" + kFonts +
         "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"
         "</w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>"
         "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
         "</w:style><w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
         "<w:name w:val=\"Normal Table\"/></w:style></w:styles>";
}

std::string core_xml(const RenderDoc& doc) {
  std::string title;
  for (const auto& b : doc.blocks)
    if (b.kind == Block::Title) title = b.text;
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" +
         gk::xml_escape(title) + "</dc:title><dc:creator>gongkai</dc:creator></cp:coreProperties>";
}

const char* kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>";

const char* kRootRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
    "Target=\"docProps/core.xml\"/></Relationships>";

const char* kDocRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/></Relationships>";

}  // namespace

#ifdef GK_RENDER_HAVE_LIBZIP

std::string write_docx(const RenderDoc& doc) {
  const std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml", kContentTypes},
      {"_rels/.rels", kRootRels},
      {"word/document.xml", document_xml(doc)},
      {"word/styles.xml", styles_xml()},
      {"word/_rels/document.xml.rels", kDocRels},
      {"docProps/core.xml", core_xml(doc)},
  };
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  if (!src) throw std::runtime_error("无法创建 DOCX 压缩包");
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  if (!za) {
    zip_source_free(src);
    throw std::runtime_error("无法创建 DOCX 压缩包");
  }
  zip_source_keep(src);
  for (const auto& [name, data] : parts) {
    zip_source_t* s = zip_source_buffer(za, data.data(), data.size(), 0);
    if (!s || zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) {
      if (s) zip_source_free(s);
      zip_discard(za);
      zip_source_free(src);
      throw std::runtime_error("写入 DOCX 部件失败：" + name);
    }
  }
  if (zip_close(za) < 0) {
    zip_discard(za);
    zip_source_free(src);
    throw std::runtime_error("写入 DOCX 压缩包失败");
  }
  std::string out;
  if (zip_source_open(src) == 0) {
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t size = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    if (size > 0) {
      out.resize(static_cast<size_t>(size));
      zip_int64_t got = zip_source_read(src, out.data(), size);
      if (got != size) out.clear();
    }
    zip_source_close(src);
  }
  zip_source_free(src);
  if (out.empty()) throw std::runtime_error("读取生成的 DOCX 失败");
  return out;
}

#else

std::string write_docx(const RenderDoc&) {
  throw std::runtime_error("本程序编译时未包含 libzip，无法生成 DOCX");
}

#endif

}  // namespace gk::render
