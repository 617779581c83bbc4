// The six sections: headings numbered 二、/ 2、/ （二）or not numbered at all.
#include "recognize/sections.h"

#include <algorithm>
#include <set>

#include "recognize/labels.h"
#include "util/utf8.h"

namespace gk {

namespace {

int cn_numeral(char32_t ch) {
  static const std::u32string d = U"一二三四五六七八九十";
  size_t p = d.find(ch);
  return p == std::u32string::npos ? 0 : (int)p + 1;
}

// Strip a heading numeral; returns its value (0 when none) and sets *len.
int strip_numeral(const std::u32string& s, size_t* len) {
  *len = 0;
  if (s.empty()) return 0;
  if (cn_numeral(s[0]) && s.size() > 1 && (s[1] == U'、' || s[1] == '.' || s[1] == ',' || s[1] == U'，')) {
    *len = 2;
    return cn_numeral(s[0]);
  }
  if (utf8::is_digit(s[0]) && s.size() > 1 && (s[1] == U'、' || s[1] == '.' || s[1] == ',')) {
    *len = 2;
    return s[0] - '0';
  }
  if (s[0] == '(' && s.size() > 2 && s[2] == ')' && cn_numeral(s[1])) {
    *len = 3;
    return cn_numeral(s[1]);
  }
  if (s[0] == U'第' && s.size() > 3 && cn_numeral(s[1]) && s.compare(2, 2, U"部分") == 0) {
    *len = 4;
    return cn_numeral(s[1]);
  }
  return 0;
}

struct Cand {
  int number;
  size_t cb, ce;
  int token;
  int weight;
  bool own_line;
  std::u32string numeral;
};

}  // namespace

std::array<SectionHit, 6> find_sections(const Stream& st, const Document& doc, Report& r) {
  std::vector<Cand> cands;
  // Headings that are lines of their own.
  for (size_t ti = 0; ti < st.tokens.size(); ++ti) {
    const Token& t = st.tokens[ti];
    if (t.in_table) continue;
    size_t cb = st.cpos_at_or_after(t.begin), ce = st.cpos_at_or_after(t.end);
    if (ce <= cb || ce - cb > 40) continue;
    std::u32string text = st.c.substr(cb, ce - cb);
    size_t nl = 0;
    int num = strip_numeral(text, &nl);
    std::u32string rest = text.substr(nl);
    while (!rest.empty() && (rest.back() == ':' || rest.back() == U'。' || rest.back() == U'：')) rest.pop_back();
    for (int n = 1; n <= 6; ++n) {
      if (!heading_matches(n, rest)) continue;
      int w = 100;
      if (num == n) w += 30;
      else if (num != 0) w -= 40;  // "一、2024年存在问题" inside section 五
      cands.push_back(Cand{n, cb, ce, (int)ti, w, true, text.substr(0, nl)});
    }
  }
  // Headings run into other text (crawled pages that lost their line breaks):
  // looked for only when most headings are not lines of their own.
  std::set<int> on_lines;
  for (const auto& c : cands) on_lines.insert(c.number);
  const auto& inl = inline_heading_keys();
  for (int n = 1; n <= 6 && on_lines.size() < 5; ++n) {
    for (const auto& key : inl[n - 1]) {
      size_t p = st.c.find(key);
      int guard = 0;
      while (p != std::u32string::npos && guard++ < 8) {
        bool dup = false;
        for (const auto& c : cands)
          if (c.number == n && c.cb <= p && p < c.ce) dup = true;
        if (!dup) {
          size_t sp = st.spos(p);
          int ti = st.tok[sp];
          cands.push_back(Cand{n, p, p + key.size(), ti, 60, false, key.substr(0, 2)});
        }
        p = st.c.find(key, p + 1);
      }
    }
  }
  std::sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) { return a.cb < b.cb; });
  size_t n = cands.size();
  std::vector<long> best(n);
  std::vector<int> prev(n, -1);
  for (size_t i = 0; i < n; ++i) {
    best[i] = cands[i].weight;
    for (size_t j = 0; j < i; ++j)
      if (cands[j].number < cands[i].number && cands[j].ce <= cands[i].cb &&
          best[j] + cands[i].weight > best[i]) {
        best[i] = best[j] + cands[i].weight;
        prev[i] = (int)j;
      }
  }
  std::array<SectionHit, 6> hits{};
  for (int i = 0; i < 6; ++i) r.sections[i].number = i + 1;
  if (n == 0) return hits;
  size_t bi = 0;
  for (size_t i = 1; i < n; ++i)
    if (best[i] > best[bi]) bi = i;
  for (int i = (int)bi; i >= 0; i = prev[i]) {
    const Cand& c = cands[i];
    SectionHit& h = hits[c.number - 1];
    h.found = true;
    h.cb = c.cb;
    h.ce = c.ce;
    h.token = c.token;
    h.own_line = c.own_line;
    Section& s = r.sections[c.number - 1];
    s.heading = utf8::from_u32(st.c.substr(c.cb, c.ce - c.cb));
    s.line = st.line_at(st.spos(c.cb));
    s.numeral = utf8::from_u32(c.numeral);
    s.numbered = !c.numeral.empty();
  }

  // Section texts: the paragraphs after each heading up to the next one.
  for (int k = 0; k < 6; ++k) {
    if (!hits[k].found) continue;
    size_t end_c = st.c.size();
    for (int j = k + 1; j < 6; ++j)
      if (hits[j].found) { end_c = hits[j].cb; break; }
    size_t sb = st.spos_after(hits[k].ce), se = st.spos(end_c);
    std::string text;
    int last_tok = -2;
    for (size_t p = sb; p < se; ++p) {
      int ti = st.tok[p];
      if (ti < 0 || ti == last_tok) continue;
      last_tok = ti;
      const Token& t = st.tokens[ti];
      if (t.in_table) continue;
      size_t from = std::max(t.begin, sb), to = std::min(t.end, se);
      if (to <= from) continue;
      // Whole paragraphs keep their printed text; pieces use the normalised text.
      std::string piece;
      if (from == t.begin && to == t.end && t.block < (int)doc.blocks.size() &&
          doc.blocks[t.block].kind == DocBlock::Paragraph)
        piece = doc.blocks[t.block].paragraph.text;
      else
        piece = utf8::from_u32(std::u32string_view(st.s).substr(from, to - from));
      // trim
      size_t a = piece.find_first_not_of(" \t\r");
      if (a == std::string::npos) continue;
      piece = piece.substr(a);
      while (!piece.empty() && (piece.back() == ' ' || piece.back() == '\r')) piece.pop_back();
      if (piece.empty()) continue;
      if (!text.empty()) text += '\n';
      text += piece;
      r.sections[k].text_lines.push_back(t.line);
    }
    r.sections[k].text = std::move(text);
  }
  return hits;
}

}  // namespace gk
