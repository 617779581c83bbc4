// Title, agency, report year, statistics period and publication date.
#include "recognize/identity.h"

#include <algorithm>
#include <map>

#include "normalize/normalize.h"
#include "util/utf8.h"

namespace gk {

namespace {

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

// "2024年" at p? returns the year or 0.
int year_at(const std::u32string& s, size_t p) {
  if (p + 5 > s.size()) return 0;
  for (int k = 0; k < 4; ++k)
    if (!is_digit(s[p + k])) return 0;
  if (p > 0 && is_digit(s[p - 1])) return 0;
  if (s[p + 4] != U'年') return 0;
  int y = (s[p] - '0') * 1000 + (s[p + 1] - '0') * 100 + (s[p + 2] - '0') * 10 + (s[p + 3] - '0');
  return (y >= 1990 && y <= 2100) ? y : 0;
}

// Parse "YYYY年M月D日" at p (also with "-" or "." separators). Returns length or 0.
size_t date_at(const std::u32string& s, size_t p, int* y, int* m, int* d, int default_year) {
  size_t i = p;
  auto num = [&](int maxd, int* out) {
    int v = 0, n = 0;
    while (i < s.size() && is_digit(s[i]) && n < maxd) { v = v * 10 + (s[i] - '0'); ++i; ++n; }
    *out = v;
    return n;
  };
  int yy = default_year;
  if (num(4, &yy) == 4) {
    if (i >= s.size() || !(s[i] == U'年' || s[i] == '-' || s[i] == '.')) return 0;
    ++i;
  } else {
    if (!default_year) return 0;
    i = p;
    yy = default_year;
  }
  int mm = 0, dd = 0;
  if (!num(2, &mm) || i >= s.size() || !(s[i] == U'月' || s[i] == '-' || s[i] == '.')) return 0;
  ++i;
  if (!num(2, &dd)) return 0;
  if (i < s.size() && s[i] == U'日') ++i;
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return 0;
  *y = yy; *m = mm; *d = dd;
  return i - p;
}

std::string iso_date(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

bool ends_with(const std::u32string& s, const std::u32string& suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

const std::u32string kStop =
    U"由是的在为和与及对将了年度报告我本各全共向经据按从于以其该现今上下即请特此根公布编制";

bool is_unit_end(char32_t c) {
  return c == U'省' || c == U'市' || c == U'区' || c == U'县' || c == U'州' || c == U'盟' ||
         c == U'旗' || c == U'镇' || c == U'乡';
}

// Extend an agency name found at c[p, p+len) to the left over administrative
// prefixes ("长春市", "宁波市北仑区人民政府") and to the right over "办事处" /
// "人民政府" when the name stops at 街道 / 镇 / 乡.
std::u32string extend_name(const std::u32string& c, size_t p, size_t len) {
  size_t b = p;
  for (int guard = 0; guard < 6; ++guard) {
    size_t nb = b;
    if (nb >= 4 && c.compare(nb - 4, 4, U"人民政府") == 0) nb -= 4;
    if (nb == 0 || !is_unit_end(c[nb - 1])) break;
    size_t k = nb - 1;  // the unit suffix
    size_t start = k;
    while (start > 0 && k - start < 7) {
      char32_t ch = c[start - 1];
      if (!utf8::is_cjk(ch) || kStop.find(ch) != std::u32string::npos || is_unit_end(ch)) break;
      --start;
    }
    if (k - start < 1) break;  // a unit needs a name
    b = start;
  }
  std::u32string name = c.substr(b, p + len - b);
  size_t e = p + len;
  if (ends_with(name, U"街道") && c.compare(e, 3, U"办事处") == 0) name += U"办事处";
  else if ((ends_with(name, U"镇") || ends_with(name, U"乡")) && c.compare(e, 4, U"人民政府") == 0)
    name += U"人民政府";
  return name;
}

bool is_complete_agency(const std::u32string& s) {
  static const std::u32string sufs[] = {U"办事处", U"人民政府", U"办公室", U"局", U"委员会", U"中心",
                                        U"厅", U"署", U"院", U"管委会", U"所", U"站", U"馆", U"公司"};
  for (const auto& suf : sufs)
    if (ends_with(s, suf)) return true;
  return false;
}

bool looks_like_agency(const std::u32string& s) {
  static const std::u32string sufs[] = {U"办事处", U"人民政府", U"办公室", U"局", U"委员会", U"委",
                                        U"中心", U"厅", U"署", U"院", U"街道", U"镇", U"乡",
                                        U"管委会", U"管理委员会", U"政府", U"所", U"站", U"馆"};
  if (s.size() < 3 || s.size() > 40) return false;
  for (char32_t ch : s)
    if (!utf8::is_cjk(ch) && ch != '(' && ch != ')') return false;
  for (const auto& suf : sufs)
    if (ends_with(s, suf)) return true;
  return false;
}

}  // namespace

void read_identity(const Stream& st, size_t body_cpos, Report& r) {
  const std::u32string& c = st.c;
  // --- title: the first paragraph lines, joined until "报告" appears
  std::u32string title;
  int title_line = 0;
  int used = 0;
  for (const Token& t : st.tokens) {
    if (t.in_table) break;
    if (st.cpos_at_or_after(t.begin) >= body_cpos && body_cpos > 0 && used == 0) break;
    std::u32string text = without_spaces(std::u32string_view(st.s).substr(t.begin, t.end - t.begin));
    if (text.empty()) continue;
    if (text.size() > 60) break;  // a body paragraph
    if (!title_line) title_line = t.line;
    title += text;
    ++used;
    if (title.find(U"报告") != std::u32string::npos || used >= 3) break;
  }
  if (title.find(U"报告") == std::u32string::npos) {
    title.clear();
    title_line = 0;
  }
  r.title = utf8::from_u32(title);
  r.title_line = title_line;

  // --- year
  int year = 0;
  size_t year_pos = std::u32string::npos;
  for (size_t p = 0; p + 5 <= title.size(); ++p)
    if ((year = year_at(title, p))) { year_pos = p; break; }

  // --- statistics period
  static const std::u32string period_keys[] = {U"统计期限", U"统计时限", U"统计时间", U"统计区间",
                                               U"统计期间", U"统计周期", U"数据统计"};
  for (const auto& k : period_keys) {
    size_t p = c.find(k);
    if (p == std::u32string::npos || p > 20000) continue;
    size_t q = p + k.size();
    int y1 = 0, m1 = 0, d1 = 0, y2 = 0, m2 = 0, d2 = 0;
    size_t lim = std::min(c.size(), q + 30);
    for (; q < lim; ++q) {
      size_t n = date_at(c, q, &y1, &m1, &d1, 0);
      if (!n) continue;
      size_t q2 = q + n;
      size_t lim2 = std::min(c.size(), q2 + 12);
      for (; q2 < lim2; ++q2) {
        if (is_digit(c[q2]) && date_at(c, q2, &y2, &m2, &d2, y1)) {
          r.period_start = iso_date(y1, m1, d1);
          r.period_end = iso_date(y2, m2, d2);
          break;
        }
      }
      break;
    }
    if (!r.period_start.empty()) break;
  }
  if (!year && !r.period_start.empty()) year = std::stoi(r.period_start.substr(0, 4));
  if (!year) {
    std::map<int, int> freq;
    size_t lim = std::min<size_t>(c.size(), 3000);
    for (size_t p = 0; p + 5 <= lim; ++p)
      if (int y = year_at(c, p)) ++freq[y];
    int best = 0;
    for (auto& [y, n] : freq)
      if (n > best) { best = n; year = y; }
  }
  r.year = year;

  // --- agency: from the title (before the year, or between the year and
  // "政府信息公开"), then extended to the fullest form printed elsewhere.
  std::u32string name;
  if (!title.empty()) {
    size_t gk_pos = title.find(U"政府信息");
    if (gk_pos == std::u32string::npos) gk_pos = title.find(U"信息公开");
    if (year_pos != std::u32string::npos && year_pos > 0) {
      name = title.substr(0, year_pos);
    } else if (year_pos != std::u32string::npos && gk_pos != std::u32string::npos) {
      size_t b = year_pos + 5;
      if (b < title.size() && title[b] == U'度') ++b;
      if (gk_pos > b) name = title.substr(b, gk_pos - b);
    } else if (gk_pos != std::u32string::npos) {
      name = title.substr(0, gk_pos);
    }
    // strip decorations
    while (!name.empty() && (name.back() == U'关' || name.back() == U'于')) name.pop_back();
    if (name.size() < 2) name.clear();
  }
  if (name.empty()) {
    // The signature: a short line near the end that names an agency.
    for (auto it = st.tokens.rbegin(); it != st.tokens.rend() && it - st.tokens.rbegin() < 8; ++it) {
      if (it->in_table) continue;
      std::u32string text = without_spaces(std::u32string_view(st.s).substr(it->begin, it->end - it->begin));
      if (looks_like_agency(text)) {
        name = text;
        r.agency_line = it->line;
        break;
      }
    }
  } else {
    r.agency_line = title_line;
  }
  // A name that is already complete (ends in 办事处, 人民政府, 局 …) stays as
  // printed in the title; a short one ("南关区自强街道", "大榭街道") takes the
  // fullest form printed elsewhere ("长春市南关区自强街道办事处").
  if (!name.empty() && !is_complete_agency(name)) {
    std::u32string best = name;
    size_t hits = 0;
    for (size_t p : [&] {
           std::vector<size_t> v;
           size_t q = c.find(name);
           while (q != std::u32string::npos && v.size() < 200) { v.push_back(q); q = c.find(name, q + 1); }
           return v;
         }()) {
      ++hits;
      std::u32string ext = extend_name(c, p, name.size());
      if (ext.size() > best.size()) {
        best = ext;
        r.agency_line = st.line_at(st.spos(p));
      }
    }
    name = best;
  }
  r.agency = utf8::from_u32(name);

  // --- publication date: a short line near the end with a full date
  for (auto it = st.tokens.rbegin(); it != st.tokens.rend() && it - st.tokens.rbegin() < 8; ++it) {
    if (it->in_table) continue;
    std::u32string text = without_spaces(std::u32string_view(st.s).substr(it->begin, it->end - it->begin));
    if (text.size() > 24) continue;
    for (size_t p = 0; p < text.size(); ++p) {
      int y, m, d;
      if (is_digit(text[p]) && (p == 0 || !is_digit(text[p - 1])) && date_at(text, p, &y, &m, &d, 0) &&
          y >= 1990) {
        r.publication_date = iso_date(y, m, d);
        break;
      }
    }
    if (!r.publication_date.empty()) break;
  }
}

}  // namespace gk
