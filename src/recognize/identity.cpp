// Title, agency, report year, statistics period and publication date.
#include "recognize/identity.h"

#include <algorithm>
#include <bitset>
#include <map>

#include "model/agency.h"
#include "model/rules.h"
#include "normalize/normalize.h"
#include "recognize/identity_agency.h"
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

// Strip "关于" and the like around an agency name taken from a title.
std::u32string clean_title_agency(std::u32string name) {
  if (name.rfind(U"关于", 0) == 0) name.erase(0, 2);
  while (!name.empty() && (name.back() == U'关' || name.back() == U'于' || name.back() == U'的')) name.pop_back();
  return name.size() < 2 ? std::u32string() : name;
}

bool has(const std::u32string& s, const char32_t* k) { return s.find(k) != std::u32string::npos; }

// A line that may be (part of) the report's title.
int first_year(const std::u32string& t, size_t* pos);

bool title_like(const std::u32string& t) {
  return has(t, U"报告") && (has(t, U"公开") || has(t, U"年度") || first_year(t, nullptr) != 0);
}

int first_year(const std::u32string& t, size_t* pos) {
  for (size_t p = 0; p + 5 <= t.size(); ++p)
    if (int y = year_at(t, p)) {
      if (pos) *pos = p;
      return y;
    }
  return 0;
}

// The agency named in a title: before the year, or between the year and
// "政府信息公开" ("2024年上海市科委政府信息公开工作年度报告").
std::u32string title_agency(const std::u32string& title) {
  size_t year_pos = std::u32string::npos;
  first_year(title, &year_pos);
  size_t gk_pos = title.find(U"政府信息");
  if (gk_pos == std::u32string::npos) gk_pos = title.find(U"信息公开");
  std::u32string name;
  if (year_pos != std::u32string::npos && year_pos > 0) {
    name = title.substr(0, year_pos);
  } else if (year_pos != std::u32string::npos && gk_pos != std::u32string::npos) {
    size_t b = year_pos + 5;
    if (b < title.size() && title[b] == U'度') ++b;
    if (gk_pos > b) name = title.substr(b, gk_pos - b);
  } else if (gk_pos != std::u32string::npos) {
    name = title.substr(0, gk_pos);
  }
  return clean_title_agency(name);
}

std::u32string token_text(const Stream& st, const Token& t) {
  return without_spaces(std::u32string_view(st.s).substr(t.begin, t.end - t.begin));
}

}  // namespace

bool is_page_chrome(std::u32string_view line) {
  static const std::u32string keys[] = {
      U"版权所有", U"主办单位", U"承办单位", U"主办：", U"承办：", U"ICP", U"网站标识码", U"联系我们", U"网站地图",
      U"技术支持", U"公网安备", U"扫一扫", U"分享到", U"打印本页", U"关闭窗口", U"【打印】", U"【关闭】",
      U"责任编辑", U"相关链接", U"上一篇", U"下一篇", U"浏览次数", U"政府网站找错", U"无障碍", U"适老化",
      U"网站声明", U"隐私声明", U"Copyright", U"copyright", U"©", U"返回顶部", U"字号：", U"【字体"};
  // One pass over the line: keys are compared only where a character starts one.
  static const std::bitset<0x10000> firsts = [] {
    std::bitset<0x10000> b;
    for (const auto& k : keys) b.set(k[0]);
    return b;
  }();
  for (size_t i = 0; i < line.size(); ++i) {
    char32_t ch = line[i];
    if (ch >= 0x10000 || !firsts.test(ch)) continue;
    for (const auto& k : keys)
      if (k[0] == ch && line.substr(i, k.size()) == k) return true;
  }
  return false;
}

void read_identity(const Stream& st, const Document& doc, size_t body_cpos, Report& r) {
  const std::u32string& c = st.c;
  const DocMeta& meta = doc.meta;
  Identity& id = r.identity;
  // --- title: the first line before the body that reads like one, joined
  // with the lines it was wrapped from ("2024 年上海市科委政府信息公开工作" /
  // "年度报告"), or an agency line printed above it.
  std::vector<const Token*> head;
  for (const Token& t : st.tokens) {
    if (t.in_table) break;
    if (body_cpos > 0 && st.cpos_at_or_after(t.begin) >= body_cpos) break;
    if (head.size() >= 60) break;
    head.push_back(&t);
  }
  std::u32string title, title_printed;
  int title_line = 0;
  for (size_t j = 0; j < head.size() && title.empty(); ++j) {
    std::u32string tj = token_text(st, *head[j]);
    if (tj.size() > 80 || is_page_chrome(tj) || !has(tj, U"报告") || has(tj, U"。") || has(tj, U"，")) continue;
    // Join the lines above that the title was wrapped from.
    size_t b = j;
    std::u32string joined = tj;
    while (b > 0 && j - b < 2) {
      std::u32string prev = token_text(st, *head[b - 1]);
      if (prev.empty() || prev.size() > 40 || is_page_chrome(prev) || prev.back() == U'。' || prev.back() == U'：' ||
          prev.back() == ':')
        break;
      std::u32string cand = prev + joined;
      bool wrapped = !title_like(joined) || (first_year(joined, nullptr) == 0 && first_year(prev, nullptr) != 0) ||
                     (title_agency(joined).empty() && looks_like_agency(prev));
      if (!wrapped || !title_like(cand)) break;
      joined = cand;
      --b;
    }
    if (!title_like(joined)) continue;
    title = joined;
    title_line = head[b]->line;
    for (size_t k = b; k <= j; ++k) {
      std::u32string_view raw = std::u32string_view(st.s).substr(head[k]->begin, head[k]->end - head[k]->begin);
      title_printed += raw;
    }
    id.title_source = "text";
  }
  if (title.empty() && !meta.title.empty()) {
    std::u32string mt = without_spaces(utf8::to_u32(meta.title));
    if (has(mt, U"报告")) {
      title = mt;
      title_printed = utf8::to_u32(meta.title);
      title_line = meta.title_line;
      id.title_source = meta.title_source;
    }
  }
  r.title = utf8::from_u32(title);
  r.title_line = title_line;
  id.title_printed = utf8::from_u32(title_printed);

  // --- year
  int year = first_year(title, nullptr);

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
  if (!year && !meta.title.empty()) year = first_year(without_spaces(utf8::to_u32(meta.title)), nullptr);
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

  // --- signature: the short lines at the end of the text (before the page's
  // footer), an agency and / or a date.
  std::u32string sig_agency;
  int sig_agency_line = 0;
  {
    int seen = 0, taken = 0;
    for (auto it = st.tokens.rbegin(); it != st.tokens.rend() && seen < 24 && taken < 3; ++it, ++seen) {
      if (it->in_table) break;
      std::u32string text = token_text(st, *it);
      if (text.empty()) continue;
      if (is_page_chrome(text)) {
        if (taken) break;
        continue;
      }
      if (text.size() > 40) break;
      bool used = false;
      for (size_t p = 0; p < text.size(); ++p) {
        int y, m, d;
        if (is_digit(text[p]) && (p == 0 || !is_digit(text[p - 1])) && date_at(text, p, &y, &m, &d, 0) &&
            y >= 1990) {
          if (id.signature_date.empty()) {
            id.signature_date = iso_date(y, m, d);
            id.signature_line = it->line;
          }
          std::u32string before = text.substr(0, p);
          if (sig_agency.empty() && looks_like_agency(before)) {
            sig_agency = before;
            sig_agency_line = it->line;
          }
          used = true;
          break;
        }
      }
      if (!used && sig_agency.empty() && looks_like_agency(text)) {
        sig_agency = text;
        sig_agency_line = it->line;
        used = true;
      }
      if (!used) break;
      ++taken;
      id.signature_line = it->line;
    }
  }
  id.signature_agency = utf8::from_u32(sig_agency);

  // --- agency: as the title prints it, then its fullest printed form.
  std::u32string name = title.empty() ? std::u32string() : title_agency(title);
  id.agency_printed = utf8::from_u32(name);
  if (!name.empty()) {
    r.agency_line = title_line;
    id.agency_source = "title";
  }
  if (name.empty() && !sig_agency.empty()) {
    name = sig_agency;
    r.agency_line = sig_agency_line;
    id.agency_source = "signature";
  }
  if (name.empty() && !meta.agency.empty()) {
    std::u32string ma = without_spaces(utf8::to_u32(meta.agency));
    if (looks_like_agency(ma)) {
      name = ma;
      id.agency_source = meta.agency_source;
    }
  }
  // A name that is already complete (ends in 办事处, 人民政府, 局 …) stays as
  // printed in the title; a short one ("南关区自强街道", "大榭街道", "市科委")
  // takes the fullest form printed elsewhere ("长春市南关区自强街道办事处").
  std::string name8 = utf8::from_u32(name);
  if (!name.empty() && !agency_is_complete(name8)) {
    std::u32string best = name;
    size_t q = c.find(name);
    for (int hits = 0; q != std::u32string::npos && hits < 200; ++hits, q = c.find(name, q + 1)) {
      std::u32string ext = extend_name(c, q, name.size());
      if (ext.size() > best.size()) {
        best = ext;
        r.agency_line = st.line_at(st.spos(q));
      }
    }
    // The signature spells it out: it contains the short name.
    if (!sig_agency.empty() && sig_agency.size() > best.size() && sig_agency.find(name) != std::u32string::npos) {
      best = sig_agency;
      r.agency_line = sig_agency_line;
    }
    name = best;
  }
  // An abbreviation, complete or not ("市科委", "河东区人社局"), takes the full
  // name the signature prints ("上海市科学技术委员会").
  if (!name.empty() && !sig_agency.empty() && sig_agency.size() > name.size() &&
      agency_abbreviates(utf8::from_u32(name), utf8::from_u32(sig_agency))) {
    name = sig_agency;
    r.agency_line = sig_agency_line;
  }
  r.agency = utf8::from_u32(name);
  id.agency_full = r.agency;
  id.agency_normalized = r.agency.empty() ? std::string() : analyze_agency(r.agency).normalized;

  // --- publication date: the page's own (crawl header, info bar, <meta>),
  // else the date under the signature.
  if (!meta.date.empty()) {
    r.publication_date = meta.date;
    id.publication_date_source = meta.date_source;
  } else if (!id.signature_date.empty()) {
    r.publication_date = id.signature_date;
    id.publication_date_source = "signature";
  }
  id.url = meta.url;
}

}  // namespace gk

namespace gk {

void find_stale_years(Report& r) {
  if (!r.year) return;
  std::vector<std::string> found;
  int line = 0;
  for (int k = 0; k < 2; ++k) {
    const Section& sec = r.sections[k];
    if (!sec.found()) continue;
    std::u32string u = normalize_u32(sec.text);
    int depth = 0;  // inside 《…》: a law's or document's name ("《2019年修订的条例》")
    size_t para = 0;
    for (size_t p = 0; p + 5 <= u.size(); ++p) {
      if (u[p] == '\n') ++para;
      if (u[p] == U'《') ++depth;
      if (u[p] == U'》' && depth > 0) --depth;
      int y = year_at(u, p);
      if (!y || depth > 0 || (y >= r.year - 1 && y <= r.year + 1)) continue;
      std::u32string after = u.substr(p + 5, 4);
      if (after.rfind(U"以来", 0) == 0 || after.rfind(U"起", 0) == 0 || after.rfind(U"修订", 0) == 0 ||
          after.rfind(U"颁布", 0) == 0 || after.rfind(U"印发", 0) == 0 || after.rfind(U"版", 0) == 0)
        continue;
      if (p > 0 && (u[p - 1] == U'〔' || u[p - 1] == '[' || u[p - 1] == U'至' || u[p - 1] == '-')) continue;
      std::string ys = std::to_string(y) + "年";
      if (std::find(found.begin(), found.end(), ys) == found.end()) found.push_back(ys);
      if (!line) line = para < sec.text_lines.size() ? sec.text_lines[para] : sec.line;
    }
  }
  if (found.empty()) return;
  std::string list;
  for (const auto& f : found) list += (list.empty() ? "" : "、") + f;
  emit(r.diagnostics, Rule::C_STALE_YEAR, line,
       std::to_string(r.year) + " 年度报告的第一、二部分提到了" + list + "，可能沿用了往年报告的文字");
}

}  // namespace gk
