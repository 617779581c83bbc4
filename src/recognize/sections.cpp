// The six sections: headings numbered 二、/ 2、/ （二）or not numbered at all.
#include "recognize/sections.h"

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <iterator>
#include <set>

#include "model/rules.h"
#include "normalize/normalize.h"
#include "recognize/identity.h"
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
int strip_numeral(std::u32string_view s, size_t* len) {
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

bool is_table_fragment(std::u32string_view para) {
  auto is_space = [](char32_t ch) {
    return ch == ' ' || ch == kCellSep || ch == kBlank || ch == kWeakBlank || ch == 0x3000;
  };
  // The words of the three tables' labels and headers; what is left after
  // taking them out (and digits, numerals, brackets) must be next to nothing.
  static const std::u32string words[] = {
      U"第二十条", U"第十九条", U"信息内容", U"本年制发件数", U"本年废止件数", U"现行有效件数", U"本年新制作数量",
      U"本年新公开数量", U"对外公开总数量", U"上一年项目数量", U"本年增/减", U"处理决定数量", U"本年处理决定数量",
      U"规章", U"行政规范性文件", U"规范性文件", U"行政许可", U"行政处罚", U"行政强制", U"行政事业性收费",
      U"其他对外管理服务事项", U"政府集中采购", U"采购总金额", U"项目数量", U"收费金额", U"单位", U"万元",
      U"申请人情况", U"自然人", U"法人或其他组织", U"商业企业", U"科研机构", U"社会公益组织", U"法律服务机构",
      U"商业", U"科研", U"社会公益", U"法律服务", U"企业", U"机构", U"组织", U"其他", U"总计", U"合计",
      U"本年度办理结果", U"办理结果", U"本年新收政府信息公开申请数量", U"上年结转政府信息公开申请数量",
      U"结转下年度继续办理", U"行政复议", U"行政诉讼", U"未经复议直接起诉", U"复议后起诉", U"结果维持",
      U"结果纠正", U"其他结果", U"尚未审结", U"项", U"第", U"件", U"数据", U"类别", U"项目"};
  static const std::u32string keep = U"0123456789一二三四五六七八九十()（）、.、/-—|:：";
  static const std::vector<std::u32string> labels = [] {
    std::vector<std::u32string> v;
    for (const char* l : kT2RowLabels) v.push_back(without_spaces(normalize_u32(l)));
    for (const char32_t* g : {U"本年度办理结果", U"不予公开", U"无法提供", U"不予处理", U"其他处理"}) v.push_back(g);
    return v;
  }();
  // Every character either test below can accept: a paragraph with any other
  // character (or longer than 40) is no table fragment, and most narrative
  // lines end here at their first such character, with nothing allocated.
  static const std::bitset<0x10000> alphabet = [] {
    std::bitset<0x10000> b;
    auto add = [&](const std::u32string& s) {
      for (char32_t ch : s)
        if (ch < 0x10000) b.set(ch);
    };
    add(keep);
    for (const auto& w : words) add(w);
    for (const auto& l : labels) add(l);
    return b;
  }();
  size_t n = 0;
  for (char32_t ch : para) {
    if (is_space(ch)) continue;
    if (++n > 40 || ch >= 0x10000 || !alphabet.test(ch)) return false;
    if (ch == U'。' || ch == U'，' || ch == U'；' || ch == U'！' || ch == U'？') return false;  // a sentence
  }
  if (n == 0) return true;
  // At most 40 characters: worked on in place, nothing allocated.
  char32_t tbuf[40], rbuf[40];
  size_t tn = 0;
  for (char32_t ch : para)
    if (!is_space(ch)) tbuf[tn++] = ch;
  const std::u32string_view t(tbuf, tn);
  // A word is looked for only when every one of its characters may be in the
  // line (a 256-bit filter of the characters; erasing only takes some away).
  struct Mask {
    uint64_t w[4] = {0, 0, 0, 0};
    void add(char32_t ch) {
      uint32_t h = (ch * 0x9E3779B1u) >> 24;
      w[h >> 6] |= uint64_t(1) << (h & 63);
    }
    bool within(const Mask& o) const {
      return !((w[0] & ~o.w[0]) | (w[1] & ~o.w[1]) | (w[2] & ~o.w[2]) | (w[3] & ~o.w[3]));
    }
  };
  static const std::vector<Mask> word_masks = [&] {
    std::vector<Mask> m;
    for (const auto& w : words) {
      Mask x;
      for (char32_t ch : w) x.add(ch);
      m.push_back(x);
    }
    return m;
  }();
  Mask present;
  for (char32_t ch : t) present.add(ch);
  std::copy(t.begin(), t.end(), rbuf);
  size_t rn = tn;
  for (size_t k = 0; k < std::size(words); ++k) {
    if (!word_masks[k].within(present)) continue;
    const std::u32string& w = words[k];
    size_t p;
    while ((p = std::u32string_view(rbuf, rn).find(w)) != std::u32string_view::npos) {
      std::copy(rbuf + p + w.size(), rbuf + rn, rbuf + p);
      rn -= w.size();
    }
  }
  size_t left = 0;
  for (char32_t ch : std::u32string_view(rbuf, rn))
    if (keep.find(ch) == std::u32string::npos) ++left;
  if (left == 0) return true;
  // A row label of Table 2 repeated as a heading ("1.本机关不掌握相关政府信息"),
  // its numbering taken off.
  size_t cut = 0;
  while (cut < t.size() && (keep.find(t[cut]) != std::u32string::npos)) ++cut;
  std::u32string_view core = t.substr(cut);
  if (core.size() < 4) return false;
  for (const auto& l : labels)
    if (std::u32string_view(l).find(core) != std::u32string_view::npos) return true;
  return false;
}

std::array<SectionHit, 6> find_sections(const Stream& st, const Document& doc, Report& r) {
  std::vector<Cand> cands;
  // Headings that are lines of their own.
  for (size_t ti = 0; ti < st.tokens.size(); ++ti) {
    const Token& t = st.tokens[ti];
    if (t.in_table) continue;
    size_t cb = st.cpos_at_or_after(t.begin), ce = st.cpos_at_or_after(t.end);
    if (ce <= cb || ce - cb > 40) continue;
    std::u32string_view text = std::u32string_view(st.c).substr(cb, ce - cb);
    size_t nl = 0;
    int num = strip_numeral(text, &nl);
    std::u32string_view rest = text.substr(nl);
    while (!rest.empty() && (rest.back() == ':' || rest.back() == U'。' || rest.back() == U'：')) rest.remove_suffix(1);
    for (int n = 1; n <= 6; ++n) {
      if (!heading_matches(n, rest)) continue;
      int w = 100;
      if (num == n) w += 30;
      else if (num != 0) w -= 40;  // "一、2024年存在问题" inside section 五
      cands.push_back(Cand{n, cb, ce, (int)ti, w, true, std::u32string(text.substr(0, nl))});
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

  // Sections printed out of order (六 before 五): a heading of its own line,
  // numbered as its section, that the ordered chain left out, is that section
  // where it stands (C-SEC-ORDER), rather than a missing one whose text the
  // neighbour swallows.
  for (int num = 1; num <= 6; ++num) {
    if (hits[num - 1].found) continue;
    const Cand* only = nullptr;
    int count = 0;
    for (const auto& c : cands)
      if (c.number == num && c.own_line && c.weight >= 130) {
        bool inside = false;  // not inside another found heading
        for (const auto& h : hits)
          if (h.found && c.cb < h.ce && h.cb < c.ce) inside = true;
        if (!inside) {
          only = &c;
          ++count;
        }
      }
    if (count != 1) continue;
    SectionHit& h = hits[num - 1];
    h.found = true;
    h.cb = only->cb;
    h.ce = only->ce;
    h.token = only->token;
    h.own_line = true;
    Section& s = r.sections[num - 1];
    s.heading = utf8::from_u32(st.c.substr(only->cb, only->ce - only->cb));
    s.line = st.line_at(st.spos(only->cb));
    s.numeral = utf8::from_u32(only->numeral);
    s.numbered = !only->numeral.empty();
  }
  {
    std::vector<int> order;
    for (int k = 0; k < 6; ++k)
      if (hits[k].found) order.push_back(k);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return hits[a].cb < hits[b].cb; });
    bool sorted = true;
    for (size_t i = 1; i < order.size(); ++i) sorted = sorted && order[i - 1] < order[i];
    if (!sorted) {
      static const char* cn[] = {"一", "二", "三", "四", "五", "六"};
      std::string printed;
      int line = 0;
      for (size_t i = 0; i < order.size(); ++i) {
        printed += (i ? "、" : "") + std::string(cn[order[i]]);
        if (!line && i > 0 && order[i] < order[i - 1]) line = r.sections[order[i]].line;
      }
      emit(r.diagnostics, Rule::C_SEC_ORDER, line, "各部分的印刷顺序为" + printed + "，应按一至六的顺序排列");
    }
  }

  // Section texts: the paragraphs after each heading up to the next one printed.
  for (int k = 0; k < 6; ++k) {
    if (!hits[k].found) continue;
    size_t end_c = st.c.size();
    for (int j = 0; j < 6; ++j)
      if (j != k && hits[j].found && hits[j].cb > hits[k].cb) end_c = std::min(end_c, hits[j].cb);
    size_t sb = st.spos_after(hits[k].ce), se = st.spos(end_c);
    std::string text;
    int last_tok = -2;
    for (size_t p = sb; p < se; ++p) {
      int ti = st.tok[p];
      if (ti < 0 || ti == last_tok) continue;
      last_tok = ti;
      const Token& t = st.tokens[ti];
      // the token's other characters are its own: on to its end
      if (t.end > p + 1) p = t.end - 1;
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
      if (is_table_fragment(std::u32string_view(st.s).substr(from, to - from))) continue;
      if (!text.empty()) text += '\n';
      text += piece;
      r.sections[k].text_lines.push_back(t.line);
    }
    r.sections[k].text = std::move(text);
  }
  return hits;
}

}  // namespace gk

namespace gk {

void trim_section_tail(Section& s, int sig) {
  // Paragraphs are taken off the end (after the signature line, or page
  // chrome) from the last one back: found without splitting the text.
  if (s.text.empty()) return;
  size_t paras = (size_t)std::count(s.text.begin(), s.text.end(), '\n') + 1;
  if (paras != s.text_lines.size()) return;
  size_t keep = paras;
  size_t end = s.text.size();  // end of paragraph keep-1
  while (keep > 0) {
    size_t start = keep == 1 ? 0 : s.text.rfind('\n', end == 0 ? 0 : end - 1) + 1;
    if (keep > 1 && end == 0) start = 0;
    int line = s.text_lines[keep - 1];
    std::u32string u = utf8::to_u32(std::string_view(s.text).substr(start, end - start));
    if (!((sig > 0 && line >= sig) || is_page_chrome(u))) break;
    --keep;
    end = start == 0 ? 0 : start - 1;
  }
  if (keep == paras) return;
  s.text.resize(keep == 0 ? 0 : end);
  s.text_lines.resize(keep);
}

void trim_section_tails(Report& r) {
  for (Section& s : r.sections)
    if (s.found()) trim_section_tail(s, r.identity.signature_line);
}

}  // namespace gk
