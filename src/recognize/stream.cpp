#include "recognize/stream.h"

#include <algorithm>

#include "normalize/normalize.h"
#include "util/utf8.h"

namespace gk {

int Stream::line_at(size_t p) const {
  if (tok.empty()) return 0;
  if (p >= tok.size()) p = tok.size() - 1;
  int t = tok[p];
  return t >= 0 && t < (int)tokens.size() ? tokens[t].line : 0;
}

size_t Stream::cpos_at_or_after(size_t p) const {
  return std::lower_bound(cmap.begin(), cmap.end(), (uint32_t)p) - cmap.begin();
}

bool is_page_marker(std::u32string_view s) {
  // trim
  size_t b = 0, e = s.size();
  while (b < e && s[b] == ' ') ++b;
  while (e > b && s[e - 1] == ' ') --e;
  s = s.substr(b, e - b);
  if (s.empty()) return false;
  auto is_dash = [](char32_t c) { return c == '-' || c == 0x2014 || c == 0x2013 || c == '_'; };
  // - 3 -
  if (is_dash(s.front()) && is_dash(s.back()) && s.size() >= 3) {
    bool digit = false;
    for (char32_t c : s) {
      if (utf8::is_digit(c)) digit = true;
      else if (!is_dash(c) && c != ' ') return false;
    }
    return digit;
  }
  // 第3页 / 第3页共5页 / 第3页,共5页
  if (s.front() == U'第' && s.back() == U'页') {
    for (char32_t c : s)
      if (!(utf8::is_digit(c) || c == U'第' || c == U'页' || c == U'共' || c == ',' || c == ' ' ||
            c == U'，'))
        return false;
    return true;
  }
  // 3/5
  size_t slash = s.find('/');
  if (slash != std::u32string_view::npos && slash > 0 && slash + 1 < s.size() && s.size() <= 9) {
    for (size_t k = 0; k < s.size(); ++k)
      if (k != slash && !utf8::is_digit(s[k]) && s[k] != ' ') return false;
    return true;
  }
  return false;
}

namespace {

struct Builder {
  Stream st;
  void add_token(const std::u32string& text, const Token& t0) {
    Token t = t0;
    t.begin = st.s.size();
    int idx = (int)st.tokens.size();
    st.s.append(text);
    st.tok.insert(st.tok.end(), text.size(), idx);
    t.end = st.s.size();
    st.tokens.push_back(t);
  }
  void sep(char32_t ch) {
    st.s.push_back(ch);
    st.tok.push_back(st.tokens.empty() ? -1 : (int)st.tokens.size() - 1);
  }
};

// `lines[k]`: the source line where lexicon entry k was first applied.
const std::u32string& token_text(const std::string& raw, uint64_t* hits, int line, std::vector<int>& lines) {
  static thread_local std::u32string u;
  if (!normalize_unless_markup(raw, u, true)) normalize_into(clean_markup(raw), u);
  uint64_t now = apply_lexicon(u);
  for (uint64_t fresh = now & ~*hits; fresh; fresh &= fresh - 1) {
    size_t k = (size_t)__builtin_ctzll(fresh);
    if (lines.size() <= k) lines.resize(k + 1, 0);
    lines[k] = line;
  }
  *hits |= now;
  return u;
}

}  // namespace

Stream build_stream(const Document& doc) {
  Builder b;
  b.st.s.reserve(16384);
  b.st.tok.reserve(16384);
  uint64_t hits = 0;
  std::vector<int> lexicon_lines;
  size_t row_counter = 0;
  for (size_t bi = 0; bi < doc.blocks.size(); ++bi) {
    const DocBlock& blk = doc.blocks[bi];
    if (blk.kind == DocBlock::Paragraph) {
      const std::u32string& u = token_text(blk.paragraph.text, &hits, blk.paragraph.line, lexicon_lines);
      if (u.empty() || is_page_marker(u)) continue;
      Token t;
      t.row_id = (int)++row_counter;
      t.line = blk.paragraph.line;
      t.block = (int)bi;
      t.confidence = blk.paragraph.confidence;
      b.add_token(u, t);
      b.sep(kLineSep);
      continue;
    }
    const DocTable& tab = blk.table;
    for (size_t ri = 0; ri < tab.rows.size(); ++ri) {
      const DocRow& row = tab.rows[ri];
      size_t live = 0;
      for (const auto& c : row.cells)
        if (!c.spanned) ++live;
      if (live == 1) {
        // A lone cell: either a one-cell-per-line value or a page marker.
        for (const auto& c : row.cells) {
          if (c.spanned) continue;
          const std::u32string& u = token_text(c.text, &hits, c.line ? c.line : row.line, lexicon_lines);
          if (!u.empty() && is_page_marker(u)) goto next_row;
        }
      }
      ++row_counter;
      for (const auto& c : row.cells) {
        if (c.spanned) continue;
        const std::u32string& u = token_text(c.text, &hits, c.line ? c.line : row.line, lexicon_lines);
        Token t;
        t.line = c.line ? c.line : row.line;
        t.in_table = true;
        t.block = (int)bi;
        t.row = (int)ri;
        t.row_id = (int)row_counter;
        t.confidence = c.confidence;
        // An empty cell is a printed blank when cells are explicit (one per
        // line, a real grid) or when it held blank characters (NBSP); an
        // empty string between two tabs may be padding of merged columns.
        if (u.empty()) {
          static const std::u32string blank(1, kBlank), weak(1, kWeakBlank);
          b.add_token(live == 1 || tab.structured || row.explicit_cells || !c.text.empty() ? blank : weak, t);
        } else {
          b.add_token(u, t);
        }
        b.sep(kCellSep);
      }
      if (tab.clipped_right && live > 1) {
        // The row goes on beyond the page edge: its remaining cells are unknown.
        Token t;
        t.line = row.line;
        t.in_table = true;
        t.block = (int)bi;
        t.row = (int)ri;
        t.row_id = (int)row_counter;
        b.add_token(std::u32string(1, kUnread), t);
        b.sep(kCellSep);
      }
      b.sep(kLineSep);
    next_row:;
    }
  }
  Stream& st = b.st;
  st.lexicon_hits = hits;
  st.lexicon_lines = std::move(lexicon_lines);
  st.c.resize(st.s.size());
  st.cmap.resize(st.s.size());
  size_t n = 0;
  for (size_t i = 0; i < st.s.size(); ++i) {
    char32_t ch = st.s[i];
    if (ch == kCellSep || ch == kLineSep || ch == ' ' || ch == kBlank || ch == kWeakBlank || ch == kUnread) continue;
    st.c[n] = ch;
    st.cmap[n++] = (uint32_t)i;
  }
  st.c.resize(n);
  st.cmap.resize(n);
  return std::move(b.st);
}

}  // namespace gk
