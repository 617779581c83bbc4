// DOCX reader (libzip + pugixml): body paragraphs and tables of the main
// document part, as written by Word and by WPS.
//  * runs are concatenated, so a number split over runs ("9","5") reads 95;
//  * tables: w:gridSpan -> colspan (covered positions spanned), w:vMerge
//    continue -> spanned, restart -> rowspan; w:gridBefore positions spanned;
//  * deleted text (w:del), field instructions, mc:Fallback duplicates are
//    skipped; w:sdt / w:customXml / w:ins content is read;
//  * a w:br inside a body paragraph splits it (as a line break would in text).
// line = running counter of paragraphs in document order (cell paragraphs
// included), 1-based. pugixml never expands DTD entities, so entity tricks
// are inert; sizes are bounded by ZipArchive.
#include "read/format_readers.h"

#if GONGKAI_HAVE_DOCX

#include <pugixml.hpp>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>
#include <string_view>

#include "read/zip_archive.h"
#include "util/utf8.h"
#include "util/text.h"

namespace gk {

namespace {

constexpr int kMaxDepth = 200;

// The element's name without its namespace prefix ("w:t" -> "t").
std::string_view local_name(const pugi::xml_node& n) {
  std::string_view name = n.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool is(const pugi::xml_node& n, const char* local) {
  const char* name = n.name();
  // WordprocessingML's one-letter prefixes ("w:", "m:") first: no scan for the colon
  if (name[0] && name[1] == ':') return std::strcmp(name + 2, local) == 0;
  const char* colon = std::strchr(name, ':');
  return std::strcmp(colon ? colon + 1 : name, local) == 0;
}

pugi::xml_node child(const pugi::xml_node& n, const char* local) {
  for (auto c : n.children())
    if (is(c, local)) return c;
  return {};
}

const char* attr(const pugi::xml_node& n, const char* local) {
  for (auto a : n.attributes()) {
    std::string_view name = a.name();
    size_t colon = name.find(':');
    if ((colon == std::string_view::npos ? name : name.substr(colon + 1)) == local) return a.value();
  }
  return nullptr;
}


void join_piece(std::string& out, const std::string& piece) {
  std::string t = trim(piece);
  if (t.empty()) return;
  if (!out.empty() && std::isalnum((unsigned char)out.back()) && std::isalnum((unsigned char)t.front()))
    out += ' ';
  out += t;
}

struct Reader {
  Document* doc = nullptr;
  int counter = 0;
  std::chrono::steady_clock::time_point start;
  double max_seconds = 60;
  size_t nodes = 0;

  void tick() {
    if ((++nodes & 4095) == 0 &&
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > max_seconds)
      throw ReadError("读取 Word 文档超时（超过 " + std::to_string((int)max_seconds) + " 秒）");
  }

  // Text of a paragraph; line breaks become '\n'.
  void runs(const pugi::xml_node& n, std::string& out, int depth) {
    if (depth > kMaxDepth) return;
    for (auto c : n.children()) {
      tick();
      if (c.type() != pugi::node_element) continue;
      const std::string_view ln = local_name(c);  // once per element, not per test
      if (ln == "t") out += c.text().get();
      else if (ln == "tab" || ln == "ptab") out += ' ';
      else if (ln == "br" || ln == "cr") out += '\n';
      else if (ln == "noBreakHyphen") out += '-';
      else if (ln == "del" || ln == "delText" || ln == "instrText" || ln == "Fallback" || ln == "rPr" ||
               ln == "pPr" || ln == "footnoteReference" || ln == "commentReference")
        continue;
      else runs(c, out, depth + 1);  // r, ins, hyperlink, smartTag, fldSimple, sdt, Choice, txbx…
    }
  }

  std::string paragraph_text(const pugi::xml_node& p) {
    std::string s;
    runs(p, s, 0);
    return s;
  }

  void body(const pugi::xml_node& n, int depth) {
    if (depth > kMaxDepth) return;
    for (auto c : n.children()) {
      tick();
      if (c.type() != pugi::node_element) continue;
      if (is(c, "p")) {
        ++counter;
        std::string s = paragraph_text(c);
        size_t start = 0;
        while (start <= s.size()) {
          size_t nl = s.find('\n', start);
          if (nl == std::string::npos) nl = s.size();
          std::string piece = trim(s.substr(start, nl - start));
          if (!piece.empty()) doc->add_paragraph(piece, counter);
          start = nl + 1;
        }
      } else if (is(c, "tbl")) {
        table(c, depth + 1);
      } else if (is(c, "sdt") || is(c, "sdtContent") || is(c, "customXml") || is(c, "ins") ||
                 is(c, "smartTag")) {
        body(c, depth + 1);
      }
    }
  }

  // Cell text: its paragraphs (and nested tables' paragraphs) joined.
  void cell_content(const pugi::xml_node& n, std::string& out, int& first_line, int depth) {
    if (depth > kMaxDepth) return;
    for (auto c : n.children()) {
      tick();
      if (c.type() != pugi::node_element) continue;
      if (is(c, "p")) {
        ++counter;
        if (!first_line) first_line = counter;
        std::string s = paragraph_text(c);
        for (char& ch : s)
          if (ch == '\n') ch = ' ';
        join_piece(out, s);
      } else if (is(c, "tbl") || is(c, "tr") || is(c, "tc") || is(c, "sdt") || is(c, "sdtContent") ||
                 is(c, "customXml")) {
        cell_content(c, out, first_line, depth + 1);
      }
    }
  }

  struct RawCell {
    std::string text;
    int line = 0;
    int span = 1;
    int vmerge = 0;  // 0 none, 1 restart, 2 continue
  };

  void rows_of(const pugi::xml_node& n, std::vector<pugi::xml_node>& out, int depth) {
    if (depth > 8) return;
    for (auto c : n.children()) {
      if (is(c, "tr")) out.push_back(c);
      else if (is(c, "sdt") || is(c, "sdtContent") || is(c, "customXml")) rows_of(c, out, depth + 1);
    }
  }

  void cells_of(const pugi::xml_node& n, std::vector<pugi::xml_node>& out, int depth) {
    if (depth > 8) return;
    for (auto c : n.children()) {
      if (is(c, "tc")) out.push_back(c);
      else if (is(c, "sdt") || is(c, "sdtContent") || is(c, "customXml")) cells_of(c, out, depth + 1);
    }
  }

  void table(const pugi::xml_node& tbl, int depth) {
    std::vector<pugi::xml_node> trs;
    rows_of(tbl, trs, 0);
    if (trs.size() > 100000) throw ReadError("Word 表格行数过多，可能是恶意文件");
    // Grid: per row, positions -> raw cells
    std::vector<std::vector<RawCell>> grid;
    std::vector<int> row_lines;
    size_t budget = 1u << 20;
    for (auto& tr : trs) {
      std::vector<RawCell> row;
      int row_line = 0;
      pugi::xml_node trPr = child(tr, "trPr");
      int before = 0;
      if (trPr)
        if (auto gb = child(trPr, "gridBefore"))
          if (const char* v = attr(gb, "val")) before = std::clamp(std::atoi(v), 0, 64);
      for (int i = 0; i < before; ++i) {
        RawCell skip;
        skip.vmerge = 3;  // not a cell: spanned
        row.push_back(skip);
      }
      std::vector<pugi::xml_node> tcs;
      cells_of(tr, tcs, 0);
      for (auto& tc : tcs) {
        RawCell cell;
        pugi::xml_node pr = child(tc, "tcPr");
        if (pr) {
          if (auto gs = child(pr, "gridSpan"))
            if (const char* v = attr(gs, "val")) cell.span = std::clamp(std::atoi(v), 1, 64);
          if (auto vm = child(pr, "vMerge")) {
            const char* v = attr(vm, "val");
            cell.vmerge = (v && std::strcmp(v, "restart") == 0) ? 1 : 2;
          }
        }
        cell_content(tc, cell.text, cell.line, depth + 1);
        if (!cell.line) cell.line = counter;
        if (!row_line) row_line = cell.line;
        if (budget < (size_t)cell.span) throw ReadError("Word 表格过大，可能是恶意文件");
        budget -= cell.span;
        row.push_back(cell);
        for (int k = 1; k < cell.span; ++k) {
          RawCell cover;
          cover.vmerge = 4;  // covered by the gridSpan to the left
          cover.line = cell.line;
          row.push_back(cover);
        }
      }
      grid.push_back(std::move(row));
      row_lines.push_back(row_line ? row_line : counter);
    }
    DocTable t;
    t.structured = true;
    for (size_t r = 0; r < grid.size(); ++r) {
      DocRow row;
      row.line = row_lines[r];
      for (size_t c = 0; c < grid[r].size(); ++c) {
        const RawCell& rc = grid[r][c];
        DocCell cell;
        cell.line = rc.line ? rc.line : row.line;
        if (rc.vmerge >= 2) {
          cell.spanned = true;
        } else {
          cell.text = trim(rc.text);
          cell.colspan = rc.span;
          if (rc.vmerge == 1) {
            int rs = 1;
            while (r + rs < grid.size() && c < grid[r + rs].size() && grid[r + rs][c].vmerge == 2) ++rs;
            cell.rowspan = rs;
          }
        }
        row.cells.push_back(std::move(cell));
      }
      bool empty = true;
      for (auto& c : row.cells) empty = empty && c.text.empty() && c.rowspan == 1;
      if (empty) continue;  // nothing printed in the row
      t.rows.push_back(std::move(row));
    }
    if (t.rows.empty()) return;
    DocBlock b;
    b.kind = DocBlock::Table;
    b.table = std::move(t);
    doc->blocks.push_back(std::move(b));
  }
};

// Main document part from _rels/.rels (officeDocument), else word/document.xml.
std::string main_part(ZipArchive& zip) {
  if (zip.has("_rels/.rels")) {
    std::string rels = zip.read("_rels/.rels");
    pugi::xml_document x;
    if (x.load_buffer(rels.data(), rels.size(), pugi::parse_default)) {
      for (auto r : x.document_element().children()) {
        const char* type = attr(r, "Type");
        const char* target = attr(r, "Target");
        if (!type || !target) continue;
        std::string ty = type;
        if (ty.size() >= 15 && ty.compare(ty.size() - 15, 15, "/officeDocument") == 0) {
          std::string t = target;
          while (!t.empty() && t.front() == '/') t.erase(0, 1);
          if (!t.empty() && zip.has(t)) return t;
        }
      }
    }
  }
  if (zip.has("word/document.xml")) return "word/document.xml";
  throw ReadError("不是 Word 文档（压缩包中没有 word/document.xml）");
}

}  // namespace

Document read_docx_xml(std::string_view document_xml, const std::string& path, const ReadLimits& limits) {
  Document doc;
  doc.path = path;
  doc.format = "docx";
  doc.encoding = "UTF-8";
  pugi::xml_document x;
  // parse_default: no DOCTYPE processing, so no entity expansion at all.
  pugi::xml_parse_result res = x.load_buffer(document_xml.data(), document_xml.size(), pugi::parse_default);
  if (!res) throw ReadError(std::string("Word 文档内容已损坏（XML 错误：") + res.description() + "）");
  pugi::xml_node root = x.document_element();
  pugi::xml_node body = child(root, "body");
  if (!body) throw ReadError("Word 文档内容已损坏（缺少正文）");
  Reader r;
  r.doc = &doc;
  r.start = std::chrono::steady_clock::now();
  r.max_seconds = limits.max_seconds;
  r.body(body, 0);
  if (doc.blocks.empty()) throw ReadError("Word 文档中没有任何文字内容");
  return doc;
}

Document read_docx(std::string_view bytes, const std::string& path, const ReadLimits& limits) {
  ZipArchive zip(bytes, limits);
  if (zip.has("EncryptionInfo") || zip.has("EncryptedPackage"))
    throw ReadError("Word 文档已加密（需要密码），无法读取");
  std::string xml = zip.read(main_part(zip));
  return read_docx_xml(xml, path, limits);
}

}  // namespace gk

#endif  // GONGKAI_HAVE_DOCX
