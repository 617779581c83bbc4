// HTML reader (gumbo). Charset from the BOM, <meta charset> / http-equiv, or
// detection (valid UTF-8, else GB18030). Tables become true grids: colspan /
// rowspan expanded, covered positions marked spanned. Tables that contain
// other tables are page layout, not data: their content is read as blocks.
// <script>, <style>, <nav>, <head>, hidden elements are dropped; navigation
// text outside <nav> is kept as paragraphs (the recognizer finds the report by
// its headings). line = 1-based line of the source where a paragraph's first
// text or a cell / row element starts.
#include "read/format_readers.h"

#if GONGKAI_HAVE_GUMBO

#include <gumbo.h>
#include <iconv.h>
#include <strings.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>

#include "read/reader.h"
#include "util/utf8.h"
#include "util/text.h"

namespace gk {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = ascii_lower(c);
  return s;
}

// Convert with iconv; undecodable bytes become U+FFFD.
std::string convert(std::string_view in, const char* from) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == (iconv_t)-1) return utf8::sanitize(in);
  std::string out(in.size() * 2 + 16, '\0');
  char* inp = const_cast<char*>(in.data());
  size_t inleft = in.size(), used = 0;
  while (inleft > 0) {
    char* outp = out.data() + used;
    size_t outleft = out.size() - used;
    size_t rc = iconv(cd, &inp, &inleft, &outp, &outleft);
    used = out.size() - outleft;
    if (rc != (size_t)-1) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    if (out.size() - used < 4) out.resize(out.size() * 2);
    std::memcpy(out.data() + used, "\xEF\xBF\xBD", 3);
    used += 3;
    ++inp;
    --inleft;
  }
  iconv_close(cd);
  out.resize(used);
  return out;
}

// charset=... from the first <meta> declaring one (first 8 KiB).
std::string meta_charset(std::string_view b) {
  std::string head = lower(std::string(b.substr(0, 8192)));
  size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    size_t end = head.find('>', pos);
    if (end == std::string::npos) break;
    std::string tag = head.substr(pos, end - pos);
    size_t cs = tag.find("charset");
    if (cs != std::string::npos) {
      size_t i = cs + 7;
      while (i < tag.size() && (tag[i] == ' ' || tag[i] == '=' || tag[i] == '"' || tag[i] == '\''))
        ++i;
      size_t j = i;
      while (j < tag.size() && (std::isalnum((unsigned char)tag[j]) || tag[j] == '-' || tag[j] == '_'))
        ++j;
      if (j > i) return tag.substr(i, j - i);
    }
    pos = end;
  }
  return "";
}

std::string decode_html(std::string_view b, std::string* encoding) {
  auto starts = [&](const char* p, size_t n) { return b.size() >= n && std::memcmp(b.data(), p, n) == 0; };
  if (starts("\xEF\xBB\xBF", 3) || starts("\xFF\xFE", 2) || starts("\xFE\xFF", 2))
    return decode_text(b, encoding);
  std::string cs = meta_charset(b);
  if (cs == "gb2312" || cs == "gbk" || cs == "gb18030" || cs == "x-gbk" || cs == "cp936") {
    *encoding = "GB18030";
    return convert(b, "GB18030");
  }
  if (cs == "big5") {
    *encoding = "BIG5";
    return convert(b, "BIG5");
  }
  if (utf8::valid(b)) {
    *encoding = "UTF-8";
    return std::string(b);
  }
  if (cs == "utf-8" || cs == "utf8") {
    // Declared UTF-8 but not valid: a mislabelled GBK page is the common case.
    std::string enc;
    std::string out = decode_text(b, &enc);
    *encoding = enc;
    return out;
  }
  return decode_text(b, encoding);
}




bool ascii_word_end(const std::string& s) { return !s.empty() && std::isalnum((unsigned char)s.back()); }
bool ascii_word_begin(const std::string& s) { return !s.empty() && std::isalnum((unsigned char)s.front()); }

bool is_block(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_MAIN: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_CENTER: case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_HR: case GUMBO_TAG_BR:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_BODY: case GUMBO_TAG_HTML: case GUMBO_TAG_TR:
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_TABLE: case GUMBO_TAG_OPTION:
      return true;
    default:
      return false;
  }
}

bool is_dropped(const GumboNode* n) {
  if (n->type != GUMBO_NODE_ELEMENT) return false;
  switch (n->v.element.tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NAV: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
      return true;
    default:
      break;
  }
  const GumboAttribute* st = gumbo_get_attribute(&n->v.element.attributes, "style");
  if (st) {
    std::string s = lower(st->value);
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    if (s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos)
      return true;
  }
  if (gumbo_get_attribute(&n->v.element.attributes, "hidden")) return true;
  return false;
}

int attr_int(const GumboNode* n, const char* name, int def, int max) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  if (!a) return def;
  const char* p = a->value;
  while (*p == ' ' || *p == '"' || *p == '\'') ++p;
  long v = 0;
  bool any = false;
  while (*p >= '0' && *p <= '9' && v <= max) {
    v = v * 10 + (*p - '0');
    ++p;
    any = true;
  }
  if (!any) return def;
  return (int)std::min<long>(v, max);
}

bool contains_table(const GumboNode* n, int depth = 0) {
  if (depth > 400 || n->type != GUMBO_NODE_ELEMENT) return false;
  const GumboVector& ch = n->v.element.children;
  for (unsigned i = 0; i < ch.length; ++i) {
    const GumboNode* c = static_cast<const GumboNode*>(ch.data[i]);
    if (c->type != GUMBO_NODE_ELEMENT) continue;
    if (c->v.element.tag == GUMBO_TAG_TABLE) return true;
    if (contains_table(c, depth + 1)) return true;
  }
  return false;
}

constexpr int kMaxDepth = 400;

struct Walker {
  Document* doc = nullptr;
  std::chrono::steady_clock::time_point start;
  double max_seconds = 60;
  std::string para;
  int para_line = 0;
  bool pending_space = false;
  size_t nodes = 0;

  void check_time() {
    if ((++nodes & 1023) == 0 &&
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > max_seconds)
      throw ReadError("读取网页超时（超过 " + std::to_string((int)max_seconds) + " 秒）");
  }

  // Append collapsed text to a buffer.
  static void add_text(std::string& buf, bool& pending, const char* text) {
    std::string_view s(text);
    size_t i = 0;
    while (i < s.size()) {
      size_t j = i;
      char32_t c = utf8::next(s, j);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        pending = true;
      } else {
        if (pending && !buf.empty()) buf += ' ';
        pending = false;
        if (c == 0xFFFD && j - i == 1) buf += "\xEF\xBF\xBD";
        else buf.append(s.substr(i, j - i));
      }
      i = j;
    }
  }

  void flush() {
    std::string t = trim(para);
    if (!t.empty()) doc->add_paragraph(t, para_line);
    para.clear();
    para_line = 0;
    pending_space = false;
  }

  void walk(const GumboNode* n, int depth) {
    check_time();
    if (depth > kMaxDepth) return;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE) {
      if (n->type != GUMBO_NODE_WHITESPACE && !para_line) para_line = n->v.text.start_pos.line;
      add_text(para, pending_space, n->v.text.text);
      return;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT && n->type != GUMBO_NODE_TEMPLATE)
      return;
    if (is_dropped(n)) return;
    const GumboVector* ch = n->type == GUMBO_NODE_DOCUMENT ? &n->v.document.children : &n->v.element.children;
    if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_TABLE && !contains_table(n)) {
      flush();
      table(n, depth);
      return;
    }
    bool block = n->type == GUMBO_NODE_ELEMENT && is_block(n->v.element.tag);
    if (block) flush();
    for (unsigned i = 0; i < ch->length; ++i) walk(static_cast<const GumboNode*>(ch->data[i]), depth + 1);
    if (block) flush();
  }

  // Text of a cell: inline text collapsed, block boundaries joined without a
  // space between CJK (a header cell "商业<br>企业" reads 商业企业).
  void cell_text(const GumboNode* n, int depth, std::string& out, std::string& cur, bool& pending) {
    check_time();
    if (depth > kMaxDepth) return;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE) {
      add_text(cur, pending, n->v.text.text);
      return;
    }
    if (n->type != GUMBO_NODE_ELEMENT || is_dropped(n)) return;
    bool block = is_block(n->v.element.tag);
    auto end_piece = [&] {
      std::string t = trim(cur);
      if (!t.empty()) {
        if (ascii_word_end(out) && ascii_word_begin(t)) out += ' ';
        out += t;
      }
      cur.clear();
      pending = false;
    };
    if (block) end_piece();
    const GumboVector& ch = n->v.element.children;
    for (unsigned i = 0; i < ch.length; ++i)
      cell_text(static_cast<const GumboNode*>(ch.data[i]), depth + 1, out, cur, pending);
    if (block) end_piece();
  }

  void collect_rows(const GumboNode* n, std::vector<const GumboNode*>& rows, int depth) {
    if (depth > 4) return;
    const GumboVector& ch = n->v.element.children;
    for (unsigned i = 0; i < ch.length; ++i) {
      const GumboNode* c = static_cast<const GumboNode*>(ch.data[i]);
      if (c->type != GUMBO_NODE_ELEMENT || is_dropped(c)) continue;
      GumboTag t = c->v.element.tag;
      if (t == GUMBO_TAG_TR) rows.push_back(c);
      else if (t == GUMBO_TAG_THEAD || t == GUMBO_TAG_TBODY || t == GUMBO_TAG_TFOOT)
        collect_rows(c, rows, depth + 1);
    }
  }

  void table(const GumboNode* n, int depth) {
    std::vector<const GumboNode*> trs;
    collect_rows(n, trs, 0);
    // Caption as a paragraph before the table.
    const GumboVector& ch = n->v.element.children;
    for (unsigned i = 0; i < ch.length; ++i) {
      const GumboNode* c = static_cast<const GumboNode*>(ch.data[i]);
      if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_CAPTION) {
        walk(c, depth + 1);
        flush();
      }
    }
    if (trs.empty()) return;
    const size_t nrows = trs.size();
    // occupancy[r] = columns already covered by rowspans from above
    std::vector<std::vector<char>> occupied(nrows);
    DocTable t;
    t.structured = true;
    size_t budget = 1u << 20;  // grid positions, against colspan/rowspan bombs
    for (size_t r = 0; r < nrows; ++r) {
      DocRow row;
      row.line = trs[r]->v.element.start_pos.line;
      auto& occ = occupied[r];
      size_t col = 0;
      auto put = [&](size_t c, DocCell cell) {
        if (row.cells.size() <= c) row.cells.resize(c + 1);
        row.cells[c] = std::move(cell);
      };
      const GumboVector& cells = trs[r]->v.element.children;
      for (unsigned i = 0; i < cells.length; ++i) {
        const GumboNode* td = static_cast<const GumboNode*>(cells.data[i]);
        if (td->type != GUMBO_NODE_ELEMENT || is_dropped(td)) continue;
        if (td->v.element.tag != GUMBO_TAG_TD && td->v.element.tag != GUMBO_TAG_TH) continue;
        while (col < occ.size() && occ[col]) {
          put(col, DocCell{"", row.line, 1, 1, true});
          ++col;
        }
        int cs = attr_int(td, "colspan", 1, 1000);
        int rs = attr_int(td, "rowspan", 1, 65534);
        if (cs < 1) cs = 1;
        if (rs == 0) rs = nrows - r;  // rowspan=0: to the end of the table
        rs = std::min<size_t>(std::max(rs, 1), nrows - r);
        if ((size_t)cs * rs > budget) throw ReadError("网页表格的合并单元格过大，可能是恶意文件");
        budget -= (size_t)cs * rs;
        std::string text, cur;
        bool pending = false;
        cell_text(td, depth + 1, text, cur, pending);
        std::string last = trim(cur);
        if (!last.empty()) {
          if (ascii_word_end(text) && ascii_word_begin(last)) text += ' ';
          text += last;
        }
        DocCell cell;
        cell.text = trim(text);
        cell.line = td->v.element.start_pos.line;
        cell.rowspan = rs;
        cell.colspan = cs;
        put(col, cell);
        for (int k = 1; k < cs; ++k) put(col + k, DocCell{"", cell.line, 1, 1, true});
        for (int rr = 1; rr < rs; ++rr) {
          auto& o = occupied[r + rr];
          if (o.size() < col + cs) o.resize(col + cs, 0);
          for (int k = 0; k < cs; ++k) o[col + k] = 1;
        }
        col += cs;
      }
      // Positions covered from above at the end of the row.
      while (col < occ.size()) {
        if (occ[col]) put(col, DocCell{"", row.line, 1, 1, true});
        ++col;
      }
      occ.clear();
      occ.shrink_to_fit();
      // Word's spacer rows (<tr height=0> with empty cells) carry nothing and
      // their blanks would read as printed blank values.
      bool empty = true;
      for (auto& c : row.cells) empty = empty && c.text.empty() && c.rowspan == 1;
      if (empty) continue;
      t.rows.push_back(std::move(row));
    }
    // A table with no text at all is decoration (spacer / layout).
    bool any = false;
    for (auto& r : t.rows)
      for (auto& c : r.cells) any = any || !c.text.empty();
    if (!any) return;
    DocBlock b;
    b.kind = DocBlock::Table;
    b.table = std::move(t);
    doc->blocks.push_back(std::move(b));
  }
};

// Rough element nesting depth (gumbo builds and frees its tree recursively:
// a page nested thousands deep would exhaust the stack).
size_t nesting_depth(std::string_view s) {
  static const char* autoclosed[] = {"p", "li", "td", "th", "tr", "option", "dt", "dd", "br", "img",
                                     "meta", "link", "input", "hr", "col", "area", "base", "wbr",
                                     "source", "embed", "param", "track", "colgroup", "tbody",
                                     "thead", "tfoot", "!", "?"};
  long depth = 0, max = 0;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != '<') continue;
    bool close = s[i + 1] == '/';
    size_t j = i + 1 + close;
    size_t k = j;
    while (k < s.size() && k - j < 16 && (std::isalnum((unsigned char)s[k]) || s[k] == '!' || s[k] == '?')) ++k;
    if (k == j) continue;
    std::string name = lower(std::string(s.substr(j, k - j)));
    bool skip = name[0] == '!' || name[0] == '?';
    for (const char* a : autoclosed) skip = skip || name == a;
    if (skip) continue;
    size_t gt = s.find('>', k);
    if (gt != std::string_view::npos && gt > 0 && s[gt - 1] == '/') continue;  // <x/>
    depth += close ? -1 : 1;
    if (depth < 0) depth = 0;
    max = std::max(max, depth);
  }
  return max;
}

// Text of an element, collapsed (for <title> and <h1>).
void plain_text(const GumboNode* n, std::string& out, int depth = 0) {
  if (depth > 64) return;
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE) {
    out += n->v.text.text;
    return;
  }
  if (n->type != GUMBO_NODE_ELEMENT) return;
  if (n->v.element.tag == GUMBO_TAG_SCRIPT || n->v.element.tag == GUMBO_TAG_STYLE) return;
  const GumboVector& ch = n->v.element.children;
  for (unsigned i = 0; i < ch.length; ++i) plain_text(static_cast<const GumboNode*>(ch.data[i]), out, depth + 1);
}

std::string collapse(const std::string& s) {
  std::string out;
  bool pending = false;
  Walker::add_text(out, pending, s.c_str());
  return trim(out);
}

// <title>, the article's <h1>, and the publication date in <meta> (PubDate and
// its spellings: the CMS of most government sites write one).
struct HeadInfo {
  std::string title, h1, date, source;
  int h1_line = 0, title_line = 0;
};

void read_head(const GumboNode* n, HeadInfo& h, int depth = 0) {
  if (depth > kMaxDepth || n->type != GUMBO_NODE_ELEMENT) {
    if (n->type == GUMBO_NODE_DOCUMENT) {
      const GumboVector& ch = n->v.document.children;
      for (unsigned i = 0; i < ch.length; ++i) read_head(static_cast<const GumboNode*>(ch.data[i]), h, depth + 1);
    }
    return;
  }
  GumboTag tag = n->v.element.tag;
  if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NAV) return;
  if (tag == GUMBO_TAG_TITLE && h.title.empty()) {
    std::string t;
    plain_text(n, t);
    h.title = collapse(t);
    h.title_line = n->v.element.start_pos.line;
    return;
  }
  if (tag == GUMBO_TAG_H1 && h.h1.empty() && !is_dropped(n)) {
    std::string t;
    plain_text(n, t);
    h.h1 = collapse(t);
    h.h1_line = n->v.element.start_pos.line;
    return;
  }
  if (tag == GUMBO_TAG_META) {
    const GumboAttribute* name = gumbo_get_attribute(&n->v.element.attributes, "name");
    if (!name) name = gumbo_get_attribute(&n->v.element.attributes, "property");
    const GumboAttribute* content = gumbo_get_attribute(&n->v.element.attributes, "content");
    if (name && content) {
      std::string k = lower(name->value);
      if (h.date.empty() && (k == "pubdate" || k == "publishdate" || k == "firstpublishedtime" ||
                             k == "article:published_time" || k == "publish_date" || k == "dc.date"))
        h.date = page_date(content->value);
      if (h.source.empty() && (k == "contentsource" || k == "source")) h.source = collapse(content->value);
    }
    return;
  }
  const GumboVector& ch = n->v.element.children;
  for (unsigned i = 0; i < ch.length; ++i) read_head(static_cast<const GumboNode*>(ch.data[i]), h, depth + 1);
}

// The page around the article: the info bar (来源 / 发布时间) and breadcrumbs
// before the report's first table are furniture, read into doc.meta.
void read_page_furniture(Document& doc, const HeadInfo& h) {
  DocMeta& m = doc.meta;
  std::vector<DocBlock> kept;
  kept.reserve(doc.blocks.size());
  bool before_table = true;
  for (auto& b : doc.blocks) {
    if (b.kind == DocBlock::Table) before_table = false;
    if (before_table && b.kind == DocBlock::Paragraph && read_page_line(b.paragraph.text, b.paragraph.line, m)) {
      if (m.date_source == "crawl_header") m.date_source = "page";
      if (m.agency_source == "crawl_header") m.agency_source = "html_source";
      continue;
    }
    kept.push_back(std::move(b));
  }
  doc.blocks.swap(kept);
  if (m.date.empty() && !h.date.empty()) {
    m.date = h.date;
    m.date_source = "html_meta";
  }
  if (m.agency.empty() && !h.source.empty()) {
    m.agency = h.source;
    m.agency_source = "html_source";
  }
  if (m.title.empty() && !h.h1.empty()) {
    m.title = h.h1;
    m.title_source = "html_h1";
    m.title_line = h.h1_line;
  }
  if (m.title.empty() && !h.title.empty()) {
    // "XX年度报告_XX市人民政府" / "… - 网站名" / "… | 网站名": the site's name after the separator.
    std::string t = h.title;
    for (const char* sep : {"_", " - ", "|", "——"}) {
      size_t p = t.find(sep);
      if (p != std::string::npos && p > 0) t = trim(t.substr(0, p));
    }
    m.title = t;
    m.title_source = "html_title";
    m.title_line = h.title_line;
  }
}

}  // namespace

Document read_html(std::string_view bytes, const std::string& path, const ReadLimits& limits) {
  Document doc;
  doc.path = path;
  doc.format = "html";
  std::string text = decode_html(bytes, &doc.encoding);
  if (nesting_depth(text) > 3000) throw ReadError("网页元素嵌套层级过深，可能是恶意文件");
  GumboOptions opts = kGumboDefaultOptions;
  opts.max_errors = 100;
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> out(
      gumbo_parse_with_options(&opts, text.data(), text.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  if (!out) throw ReadError("网页无法解析");
  Walker w;
  w.doc = &doc;
  w.start = std::chrono::steady_clock::now();
  w.max_seconds = limits.max_seconds;
  w.walk(out->document, 0);
  w.flush();
  HeadInfo head;
  read_head(out->document, head);
  read_page_furniture(doc, head);
  if (doc.blocks.empty()) throw ReadError("网页中没有任何文字内容");
  return doc;
}

}  // namespace gk

#endif  // GONGKAI_HAVE_GUMBO
