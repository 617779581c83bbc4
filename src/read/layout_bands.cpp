// Page bands: the top and bottom of a page, where page numbers are printed
// (and dropped), and whether a page's text may lie in a table at all.
#include <numeric>

#include "read/layout_internal.h"
#include "util/utf8.h"

namespace gk::layout {

namespace detail {

double page_height(const Page& page) { return page.height > 0 ? page.height : S.default_page_height; }

bool in_band(double y0, double y1, double ph) { return y1 < ph * S.top_band || y0 > ph * S.bottom_band; }

bool is_page_number(const std::string& text) {
  std::u32string s = utf8::to_u32(strip_spaces(text));
  if (s.empty() || s.size() > 16) return false;
  auto dash = [](char32_t c) {
    return c == '-' || c == 0x2014 || c == 0x2013 || c == 0xFF0D || c == '~' || c == 0x2012 ||
           c == 0x2015 || c == 0x2212 || c == 0x2500 || c == 0x2010;
  };
  size_t b = 0, e = s.size();
  while (b < e && dash(s[b])) ++b;
  while (e > b && dash(s[e - 1])) --e;
  std::u32string core = s.substr(b, e - b);
  if (core.empty()) return false;
  size_t digits = 0;
  for (char32_t c : core) {
    if (utf8::is_digit(c)) ++digits;
    else if (c != U'第' && c != U'页' && c != U'共' && c != '/' && c != 0xFF0F && c != U'P' &&
             c != U'a' && c != U'g' && c != U'e' && c != U'p')
      return false;
  }
  return digits > 0 && digits <= 8;
}

}  // namespace detail

using namespace detail;

bool may_hold_table(const Page& page) {
  if (page.words.empty()) return false;
  double ph = page_height(page);
  std::vector<int> all(page.words.size());
  std::iota(all.begin(), all.end(), 0);
  for (const Line& l : make_lines(page.words, all)) {
    for (size_t k = 0; k < l.words.size(); ++k) {
      const Word& w = page.words[l.words[k]];
      if (w.vertical) return true;
      if (k == 0) continue;
      const Word& p = page.words[l.words[k - 1]];
      double em = std::max(S.min_em, std::max(w.font_size, p.font_size));
      if (w.x0 - p.x1 > S.table_gap_em * em) return true;
    }
    std::string text = line_text(page.words, l.words);
    bool band = in_band(l.y0, l.y1, ph);
    if (is_number_text(text) && !(band && is_page_number(text))) return true;
  }
  return false;
}

}  // namespace gk::layout
