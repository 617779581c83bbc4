// Format detection and dispatch; the plain-text reader.
#include "read/reader.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

#include "read/formats.h"
#include "util/text.h"
#include "util/utf8.h"

namespace gk {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool icontains(std::string_view hay, std::string_view needle) {
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                        [](char a, char b) { return ascii_lower(a) == b; });
  return it != hay.end();
}

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Remove spaces (ASCII, NBSP, ideographic) at both ends of a cell.
std::string trim_cell(std::string_view s) {
  size_t b = 0, e = s.size();
  auto space_at = [&](size_t i, size_t* len) {
    if (s[i] == ' ' || s[i] == '\r') { *len = 1; return true; }
    if (i + 1 < s.size() && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0) { *len = 2; return true; }
    if (i + 2 < s.size() && (unsigned char)s[i] == 0xE3 && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0x80) { *len = 3; return true; }
    return false;
  };
  size_t len = 0;
  while (b < e && space_at(b, &len)) b += len;
  // trailing: walk back over the known space encodings
  while (e > b) {
    if (s[e - 1] == ' ' || s[e - 1] == '\r') { --e; continue; }
    if (e - b >= 2 && (unsigned char)s[e - 2] == 0xC2 && (unsigned char)s[e - 1] == 0xA0) { e -= 2; continue; }
    if (e - b >= 3 && (unsigned char)s[e - 3] == 0xE3 && (unsigned char)s[e - 2] == 0x80 &&
        (unsigned char)s[e - 1] == 0x80) { e -= 3; continue; }
    break;
  }
  // A cell of nothing but NBSP / ideographic spaces was printed blank on
  // purpose (Word and HTML exports); keep one NBSP so it is not taken for the
  // empty padding between tabs.
  if (b == e) {
    for (char c : s)
      if (c != ' ' && c != '\r') return "\xC2\xA0";
  }
  return std::string(s.substr(b, e - b));
}

// A converter's generic header row ("| 类别 | 数据1 | 数据2 | … | 总计 |"): the
// numbers are the converter's column names, not values of the report.
bool is_generic_header(const std::vector<std::string>& cells) {
  static const std::string_view stems[] = {"数据", "列", "字段", "数值", "Column", "column", "Col", "col"};
  int generic = 0;
  for (const auto& c : cells) {
    for (std::string_view st : stems) {
      if (c.size() <= st.size() || std::string_view(c).substr(0, st.size()) != st) continue;
      std::string_view rest = std::string_view(c).substr(st.size());
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      bool digits = !rest.empty() && rest.size() <= 3;
      for (char ch : rest) digits = digits && ch >= '0' && ch <= '9';
      if (digits) {
        ++generic;
        break;
      }
    }
  }
  return generic >= 2;
}

bool is_md_rule(std::string_view s) {
  // |---|:---:|
  bool dash = false;
  for (char c : s) {
    if (c == '-') dash = true;
    else if (c != '|' && c != ':' && c != ' ' && c != '\t') return false;
  }
  return dash;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  out.reserve((size_t)std::count(s.begin(), s.end(), sep) + 1);
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(trim_cell(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  return out;
}

// Markdown decoration of a paragraph: "## heading", "**bold**".
std::string strip_markdown(std::string_view line) {
  std::string_view t = line;
  size_t i = 0;
  while (i < t.size() && t[i] == ' ') ++i;
  size_t h = i;
  while (h < t.size() && t[h] == '#' && h - i < 6) ++h;
  if (h > i && h < t.size() && t[h] == ' ') t = t.substr(h + 1);
  std::string out(t);
  if (out.find("**") != std::string::npos) {
    std::string o;
    for (size_t k = 0; k < out.size(); ++k) {
      if (out[k] == '*' && k + 1 < out.size() && out[k + 1] == '*') { ++k; continue; }
      o.push_back(out[k]);
    }
    out.swap(o);
  }
  return out;
}

bool is_digit_byte(char c) { return c >= '0' && c <= '9'; }

// Spaces (ASCII, NBSP, U+3000) out of a UTF-8 string.
std::string without_blanks(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r') continue;
    if (c == 0xC2 && i + 1 < s.size() && (unsigned char)s[i + 1] == 0xA0) { ++i; continue; }
    if (c == 0xE3 && i + 2 < s.size() && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x80) {
      i += 2;
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace

std::string page_date(std::string_view t) {
  for (size_t p = 0; p + 8 <= t.size(); ++p) {
    if (!is_digit_byte(t[p]) || (p > 0 && is_digit_byte(t[p - 1]))) continue;
    size_t i = p;
    auto num = [&](size_t maxd, int* out) {
      int v = 0;
      size_t n = 0;
      while (i < t.size() && is_digit_byte(t[i]) && n < maxd) { v = v * 10 + (t[i] - '0'); ++i; ++n; }
      *out = v;
      return n;
    };
    auto sep = [&](bool year) {
      if (i < t.size() && (t[i] == '-' || t[i] == '/' || t[i] == '.')) { ++i; return true; }
      std::string_view cn = year ? "年" : "月";
      if (t.substr(i, cn.size()) == cn) { i += cn.size(); return true; }
      return false;
    };
    int y = 0, m = 0, d = 0;
    if (num(4, &y) != 4 || !sep(true) || !num(2, &m) || !sep(false) || !num(2, &d)) continue;
    if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) continue;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
  }
  return "";
}

bool read_page_line(std::string_view line, int line_no, DocMeta& meta) {
  std::string t = without_blanks(line);
  if (t.empty()) return false;
  // "==== 正文 ====", "正文", "--- 正文 ---": where a crawl's body begins.
  {
    std::string core;
    for (char c : t)
      if (c != '=' && c != '-' && c != '#' && c != '*' && c != '[' && c != ']') core.push_back(c);
    if (core == "正文" || core == "正文内容" || core == "正文开始") return true;
  }
  if (t.size() > 600) return false;
  // Breadcrumbs.
  if (t.rfind("当前位置", 0) == 0 || t.rfind("您的位置", 0) == 0 || t.rfind("您现在的位置", 0) == 0) return true;
  if (t.rfind("首页>", 0) == 0 || t.rfind("首页》", 0) == 0 || t.rfind("首页»", 0) == 0) return true;
  struct Key { const char* key; int what; };  // 0 title, 1 date, 2 agency, 3 url, 4 other
  static const Key keys[] = {{"标题", 0},     {"文章标题", 0}, {"发布时间", 1}, {"发布日期", 1}, {"发文日期", 1},
                             {"成文日期", 4}, {"日期", 1},     {"时间", 1},     {"发布机构", 2}, {"发文机关", 2},
                             {"来源", 2},     {"信息来源", 2}, {"原文链接", 3}, {"链接", 3},     {"网址", 3},
                             {"URL", 3},      {"url", 3},      {"索引号", 4},   {"文号", 4},     {"发文字号", 4},
                             {"主题分类", 4}, {"采集时间", 4}, {"抓取时间", 4}, {"浏览次数", 4}, {"字号", 4},
                             {"作者", 4},     {"点击数", 4},   {"访问量", 4}};
  bool any = false;
  size_t pos = 0;
  // One line may hold several "key：value" pairs ("来源：X 发布时间：Y").
  std::string_view rest = line;
  // Must start with a key.
  auto key_at = [&](std::string_view s, size_t* klen, int* what) {
    for (const Key& k : keys) {
      std::string_view kk = k.key;
      if (s.substr(0, kk.size()) != kk) continue;
      std::string_view after = s.substr(kk.size());
      while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
      size_t colon = 0;
      if (!after.empty() && after.front() == ':') colon = 1;
      else if (after.substr(0, 3) == "：") colon = 3;
      if (!colon) continue;
      *klen = (s.size() - after.size()) + colon;
      *what = k.what;
      return true;
    }
    return false;
  };
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
  size_t klen = 0;
  int what = 0;
  if (!key_at(rest, &klen, &what)) return false;
  while (true) {
    rest.remove_prefix(klen);
    // the value runs to the next key (after a space) or the end
    size_t end = rest.size();
    size_t nk = 0;
    int nwhat = 0;
    for (size_t i = 0; i < rest.size(); ++i) {
      bool boundary = i == 0 || rest[i - 1] == ' ' || rest[i - 1] == '\t' ||
                      (i >= 3 && std::string_view(rest).substr(i - 3, 3) == "\xE3\x80\x80");
      if (boundary && i > 0 && key_at(rest.substr(i), &nk, &nwhat)) {
        end = i;
        break;
      }
    }
    std::string value = trim_cell(rest.substr(0, end));
    switch (what) {
      case 0:
        if (meta.title.empty() && !value.empty()) {
          meta.title = value;
          meta.title_source = "crawl_header";
          meta.title_line = line_no;
        }
        break;
      case 1:
        if (meta.date.empty()) {
          std::string d = page_date(value);
          if (!d.empty()) {
            meta.date = d;
            meta.date_source = pos == 0 && line_no <= 12 ? "crawl_header" : "page";
          } else if (!value.empty()) {
            return false;  // "时间：本年度…" is not page furniture
          }
        }
        break;
      case 2:
        if (meta.agency.empty() && !value.empty()) {
          meta.agency = value;
          meta.agency_source = "crawl_header";
        }
        break;
      case 3:
        if (meta.url.empty()) meta.url = value;
        break;
      default:
        break;
    }
    any = true;
    ++pos;
    if (end >= rest.size()) break;
    rest.remove_prefix(end);
    klen = nk;
    what = nwhat;
  }
  return any;
}

std::string detect_format(std::string_view b) {
  if (b.empty()) return "empty";
  if (starts_with(b, "%PDF")) return "pdf";
  // PDF may have junk before the header (allowed within the first 1 KiB).
  if (b.substr(0, 1024).find("%PDF-") != std::string_view::npos) return "pdf";
  if (starts_with(b, "PK\x03\x04") || starts_with(b, "PK\x05\x06")) {
    if (b.find("word/") != std::string_view::npos) return "docx";
    return "zip";
  }
  if (starts_with(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return "doc";
  if (starts_with(b, "\x89PNG") || starts_with(b, "\xFF\xD8\xFF") || starts_with(b, "II*\0") ||
      starts_with(b, "MM\0*") || starts_with(b, "GIF8") || starts_with(b, "BM"))
    return "image";
  if (starts_with(b, "{\\rtf")) return "rtf";
  std::string_view head = b.substr(0, 4096);
  size_t i = 0;
  if (starts_with(head, "\xEF\xBB\xBF")) i = 3;
  while (i < head.size() && std::isspace((unsigned char)head[i])) ++i;
  if (i < head.size() && head[i] == '<' &&
      (icontains(head, "<html") || icontains(head, "<!doctype html") || icontains(head, "<table") ||
       icontains(head, "<body") || icontains(head, "<meta") || icontains(head, "<div") ||
       icontains(head, "<p")))
    return "html";
  return "text";
}

Document read_text(std::string_view bytes, const std::string& path) {
  Document doc;
  doc.path = path;
  doc.format = "text";
  std::string text = decode_text(bytes, &doc.encoding);

  DocTable* table = nullptr;  // the table block being extended
  bool cell_group = false;    // the last row is a one-cell-per-line group still open
  auto add_row = [&](DocRow row) {
    if (!table) {
      DocBlock b;
      b.kind = DocBlock::Table;
      doc.blocks.push_back(std::move(b));
      table = &doc.blocks.back().table;
    }
    table->rows.push_back(std::move(row));
  };

  int line_no = 0;
  size_t pos = 0;
  // A crawler's header block (标题: / 发布时间: / 原文链接: / ==== 正文 ====) or a
  // converter's "正文" line before the report: page furniture, read into
  // doc.meta, not paragraphs of the report.
  bool in_header = true;
  int header_lines = 0;
  // trim_cell(s).empty(), without the copy: nothing but ' ' and '\r'.
  auto blank = [](std::string_view s) {
    for (char c : s)
      if (c != ' ' && c != '\r') return false;
    return true;
  };
  while (pos <= text.size()) {
    // the line runs to the next '\n' or '\r' (memchr: vectorised)
    size_t end = text.size();
    if (pos < text.size()) {
      const char* base = text.data();
      const void* nl = std::memchr(base + pos, '\n', text.size() - pos);
      end = nl ? (size_t)(static_cast<const char*>(nl) - base) : text.size();
      if (const void* cr = std::memchr(base + pos, '\r', end - pos)) end = (size_t)(static_cast<const char*>(cr) - base);
    }
    std::string_view line(text.data() + pos, end - pos);
    ++line_no;
    size_t next = end;
    if (next < text.size()) {
      if (text[next] == '\r' && next + 1 < text.size() && text[next + 1] == '\n') next += 2;
      else next += 1;
    } else {
      next = text.size() + 1;
    }
    pos = next;

    if (in_header) {
      if (blank(line)) continue;
      if (++header_lines <= 16 && read_page_line(line, line_no, doc.meta)) continue;
      in_header = false;
    }
    bool has_tab = line.find('\t') != std::string_view::npos;
    std::string_view t = trim_ascii(line);
    if (!has_tab && blank(line)) {  // blank line: keeps the table open, ends a cell group
      cell_group = false;
      continue;
    }
    if (!(has_tab && line.front() == '\t' && line.substr(1).find('\t') == std::string_view::npos))
      cell_group = false;

    if (has_tab) {
      DocRow row;
      row.line = line_no;
      std::string_view rest = line;
      // One cell per line: a single leading TAB and no other TAB. Consecutive
      // such lines (up to a blank line) are the cells of one table row.
      if (rest.front() == '\t' && rest.substr(1).find('\t') == std::string_view::npos) {
        DocCell cell{trim_cell(rest.substr(1)), line_no};
        if (table && cell_group && !table->rows.empty()) {
          table->rows.back().cells.push_back(std::move(cell));
          continue;
        }
        row.cells.push_back(std::move(cell));
        row.explicit_cells = true;
        add_row(std::move(row));
        cell_group = true;
        continue;
      } else {
        auto parts = split(rest, '\t');
        row.cells.reserve(parts.size());
        for (auto& c : parts) row.cells.push_back(DocCell{std::move(c), line_no});
      }
      add_row(std::move(row));
      continue;
    }
    size_t pipes = std::count(t.begin(), t.end(), '|');
    if (!t.empty() && (t.front() == '|' || pipes >= 2)) {
      if (is_md_rule(t)) continue;
      if (t == "|") continue;  // a wrapped row remainder (V38)
      std::string_view inner = t;
      if (!inner.empty() && inner.front() == '|') inner.remove_prefix(1);
      if (!inner.empty() && inner.back() == '|') inner.remove_suffix(1);
      DocRow row;
      row.line = line_no;
      // A Markdown row ("| a | b |") spells out every cell: an empty one is a
      // printed blank. Bare "a | b" text from scraped pages may be padding.
      row.explicit_cells = t.front() == '|' && t.back() == '|';
      auto parts = split(inner, '|');
      if (is_generic_header(parts)) continue;
      row.cells.reserve(parts.size());
      for (auto& c : parts) row.cells.push_back(DocCell{std::move(c), line_no});
      add_row(std::move(row));
      continue;
    }
    table = nullptr;
    doc.add_paragraph(strip_markdown(line), line_no);
  }
  return doc;
}

std::string slurp_file(const std::string& path, size_t max_bytes) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) throw ReadError("文件不存在或无法访问");
  if (S_ISDIR(st.st_mode)) throw ReadError("这是一个目录，不是文件");
  if (!S_ISREG(st.st_mode)) throw ReadError("不是普通文件");
  if ((size_t)st.st_size > max_bytes)
    throw ReadError("文件过大（" + std::to_string(st.st_size / (1 << 20)) + " MiB），超过上限 " +
                    std::to_string(max_bytes / (1 << 20)) + " MiB");
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw ReadError(std::string("无法打开文件：") + std::strerror(errno));
  std::string data;
  data.resize(st.st_size);
  size_t n = st.st_size ? std::fread(data.data(), 1, data.size(), f.get()) : 0;
  data.resize(n);
  return data;
}

Document read_bytes(std::string_view bytes, const std::string& path, const ReadLimits& limits) {
  std::string fmt = detect_format(bytes);
  if (fmt == "empty") throw ReadError("文件为空");
  if (fmt == "text") return read_text(bytes, path);
  Document doc;
  if (read_other_format(fmt, bytes, path, limits, &doc)) {
    if (doc.path.empty()) doc.path = path;
    if (doc.format.empty()) doc.format = fmt;
    return doc;
  }
  static const char* names[][2] = {{"pdf", "PDF"}, {"docx", "Word（DOCX）"}, {"doc", "Word 97-2003（DOC）"},
                                   {"html", "网页（HTML）"}, {"image", "图片"}, {"zip", "ZIP 压缩包"},
                                   {"rtf", "RTF"}};
  std::string name = fmt;
  for (auto& n : names)
    if (fmt == n[0]) name = n[1];
  if (fmt == "zip") throw ReadError("这是一个 ZIP 压缩包，不是年度报告文件");
  throw ReadError("暂不支持读取" + name + "格式的文件");
}

Document read_file(const std::string& path, const ReadLimits& limits) {
  std::string data = slurp_file(path, limits.max_file_bytes);
  return read_bytes(data, path, limits);
}

}  // namespace gk
