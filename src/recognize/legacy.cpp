#include "recognize/legacy.h"

#include <algorithm>
#include <set>

#include "model/rules.h"
#include "normalize/normalize.h"
#include "recognize/identity.h"
#include "recognize/sections.h"
#include "util/utf8.h"

namespace gk {

namespace {

using U = std::u32string;

bool has(const U& s, const char32_t* k) { return s.find(k) != U::npos; }

int cn_value(char32_t c) {
  static const U d = U"一二三四五六七八九十";
  size_t p = d.find(c);
  return p == U::npos ? 0 : (int)p + 1;
}

// "一、概述" / "十一、…" / "（一）…" at the start of a heading line: its value.
int heading_numeral(const U& t, size_t* len) {
  size_t i = 0;
  int v = 0;
  if (i < t.size() && t[i] == U'十') {
    v = 10;
    ++i;
    if (i < t.size() && cn_value(t[i]) && cn_value(t[i]) < 10) v += cn_value(t[i++]);
  } else if (i < t.size() && cn_value(t[i]) && cn_value(t[i]) < 10) {
    v = cn_value(t[i++]);
    if (i < t.size() && t[i] == U'十') {
      v *= 10;
      ++i;
      if (i < t.size() && cn_value(t[i]) && cn_value(t[i]) < 10) v += cn_value(t[i++]);
    }
  }
  if (!v || i >= t.size() || !(t[i] == U'、' || t[i] == '.' || t[i] == U'．')) return 0;
  *len = i + 1;
  return v;
}

struct KeyName { const char32_t* word; const char* key; };

// Known indicators of the statistics table, most specific first.
const KeyName kStatKeys[] = {
    {U"主动公开规范性文件", "proactive_normative_documents"},
    {U"主动公开文件", "proactive_documents"},
    {U"主动公开政府信息", "proactive_documents"},
    {U"全文电子化", "proactive_electronic"},
    {U"新增行政许可", "proactive_licensing"},
    {U"受理依申请公开", "applications_received"},
    {U"受理政府信息公开申请", "applications_received"},
    {U"申请总数", "applications_received"},
    {U"当面申请", "applications_in_person"},
    {U"传真申请", "applications_by_fax"},
    {U"网上申请", "applications_online"},
    {U"电子邮件申请", "applications_by_email"},
    {U"信函申请", "applications_by_letter"},
    {U"同意部分公开", "partial"},
    {U"部分公开", "partial"},
    {U"同意公开", "granted"},
    {U"不予公开", "denied"},
    {U"信息不存在", "not_held"},
    {U"不属于本行政机关", "not_competent"},
    {U"申请内容不明确", "unclear"},
    {U"行政复议", "review"},
    {U"行政诉讼", "litigation"},
    {U"申诉", "complaints"},
    {U"收取费用", "fees"},
    {U"收费", "fees"},
    {U"机构数", "staff_units"},
    {U"工作人员", "staff"},
};

bool is_unit_word(const U& t) {
  static const U units[] = {U"条", U"件", U"个", U"次", U"万元", U"元", U"人次", U"人", U"项", U"份", U"篇", U"期", U"场", U"余条"};
  for (const auto& u : units)
    if (t == u) return true;
  return false;
}

bool is_number(const U& t, double* v) {
  if (t.empty() || t.size() > 12) return false;
  bool dot = false;
  for (char32_t c : t) {
    if (c == '.' && !dot) dot = true;
    else if (!utf8::is_digit(c)) return false;
  }
  if (t.front() == '.' || t.back() == '.') return false;
  *v = std::stod(utf8::from_u32(t));
  return true;
}

// A statistics-table row's printed name, numbering and "其中：" taken off.
U stat_name(U t) {
  for (const char32_t* pre : {U"其中:", U"其中", U"(其中)"})
    if (t.rfind(pre, 0) == 0) t.erase(0, U(pre).size());
  size_t len = 0;
  if (heading_numeral(t, &len)) t.erase(0, len);
  if (t.size() > 2 && t[0] == '(' && t.find(')') != U::npos && t.find(')') <= 4) t.erase(0, t.find(')') + 1);
  if (t.size() > 2 && utf8::is_digit(t[0]) && (t[1] == '.' || t[1] == U'、')) t.erase(0, 2);
  return t;
}

}  // namespace

bool is_legacy_report(const Stream& st, const Report& r) {
  if (r.year > 0 && r.year < 2019) return true;
  if (r.year >= 2019) return false;
  bool stats = st.c.find(U"政府信息公开情况统计表") != U::npos ||
               (st.c.find(U"指标名称") != U::npos && st.c.find(U"计量单位") != U::npos);
  bool national = st.c.find(U"本年新收") != U::npos || st.c.find(U"申请人情况") != U::npos;
  return stats && !national;
}

void read_legacy(const Stream& st, const Document& doc, Report& r) {
  (void)doc;
  r.edition = Edition::Legacy;
  // The national format's six sections do not apply: what find_sections took
  // for them (and said about their order) is dropped.
  r.diagnostics.clear();
  for (int i = 0; i < 6; ++i) {
    r.sections[i] = Section{};
    r.sections[i].number = i + 1;
  }
  LegacyPart& L = r.legacy;
  L.present = true;
  // The statistics table: from its caption / header on.
  size_t table_c = st.c.find(U"政府信息公开情况统计表");
  size_t hdr = st.c.find(U"指标名称");
  if (hdr != U::npos && (table_c == U::npos || hdr < table_c)) table_c = hdr;
  size_t table_s = table_c == U::npos ? st.s.size() : st.spos(table_c);

  std::set<int> stat_rows;  // rows of the statistics table
  // --- the statistics table: one indicator per row (a table row, or a line
  // whose fields are separated by spaces): name, unit, 本年度, 历年累计.
  if (table_c != U::npos) {
    L.table_found = true;
    L.table_line = st.line_at(table_s);
    bool cumulative = st.c.find(U"历年累计", table_c) != U::npos || st.c.find(U"累计", table_c) != U::npos;
    size_t ti = st.tok[table_s] >= 0 ? (size_t)st.tok[table_s] : st.tokens.size();
    while (ti < st.tokens.size()) {
      int row = st.tokens[ti].row_id;
      std::vector<U> fields;
      int line = st.tokens[ti].line;
      size_t tj = ti;
      for (; tj < st.tokens.size() && st.tokens[tj].row_id == row; ++tj) {
        const Token& t = st.tokens[tj];
        U cell(std::u32string_view(st.s).substr(t.begin, t.end - t.begin));
        if (t.in_table) {
          U c2 = without_spaces(cell);
          if (c2.size() == 1 && (c2[0] == kBlank || c2[0] == kWeakBlank)) c2.clear();
          fields.push_back(c2);
        } else {
          U cur;
          for (char32_t ch : cell) {
            if (ch == ' ' || ch == 0x3000) {
              if (!cur.empty()) fields.push_back(cur);
              cur.clear();
            } else {
              cur.push_back(ch);
            }
          }
          if (!cur.empty()) fields.push_back(cur);
        }
      }
      ti = tj;
      if (fields.empty()) continue;
      U joined;
      for (const auto& f : fields) joined += f;
      if (r.identity.signature_line > 0 && line >= r.identity.signature_line) break;
      if (has(joined, U"指标名称") || has(joined, U"统计表")) {
        stat_rows.insert(row);
        continue;
      }
      // name: the leading non-numeric fields; then unit; then numbers
      U name, unit;
      std::vector<std::pair<bool, double>> nums;  // (printed, value)
      size_t k = 0;
      for (; k < fields.size(); ++k) {
        double v;
        if (is_number(fields[k], &v) || is_unit_word(fields[k]) || fields[k].empty()) break;
        name += fields[k];
      }
      if (k < fields.size() && is_unit_word(fields[k])) unit = fields[k++];
      bool junk = false;
      for (; k < fields.size(); ++k) {
        double v = 0;
        if (fields[k].empty()) continue;  // an empty cell: not printed
        if (is_number(fields[k], &v)) nums.emplace_back(true, v);
        else if (is_unit_word(fields[k]) && unit.empty()) unit = fields[k];
        else junk = true;
      }
      if (name.empty()) continue;
      if (junk && nums.empty()) break;  // the table has ended: a paragraph of text
      if (nums.empty() && unit.empty()) {  // a group heading ("一、主动公开情况")
        if (st.tokens[ti - 1].in_table) stat_rows.insert(row);
        continue;
      }
      stat_rows.insert(row);
      if (false) continue;  // a group heading ("一、主动公开情况")
      LegacyStat stat;
      U nm = stat_name(name);
      stat.name = utf8::from_u32(nm);
      for (const auto& kn : kStatKeys)
        if (nm.find(kn.word) != U::npos) {
          stat.key = kn.key;
          break;
        }
      stat.unit = utf8::from_u32(unit);
      stat.line = line;
      if (!nums.empty()) stat.this_year.set_printed(nums[0].second, line);
      if (nums.size() > 1 && cumulative) stat.cumulative.set_printed(nums[1].second, line);
      L.statistics.push_back(std::move(stat));
    }
  }

  // --- sections: numbered heading lines (一、…十、) in increasing order, the
  // statistics table's rows left out.
  int last = 0;
  for (size_t ti = 0; ti < st.tokens.size(); ++ti) {
    const Token& t = st.tokens[ti];
    if (stat_rows.count(t.row_id)) continue;
    U text = without_spaces(std::u32string_view(st.s).substr(t.begin, t.end - t.begin));
    if (t.in_table || text.size() > 40 || text.size() < 3) {
      if (!L.sections.empty() && !t.in_table && !text.empty() && !is_table_fragment(text)) {
        Section& s = L.sections.back();
        std::string piece = utf8::from_u32(std::u32string_view(st.s).substr(t.begin, t.end - t.begin));
        s.text += (s.text.empty() ? "" : "\n") + piece;
        s.text_lines.push_back(t.line);
      }
      continue;
    }
    size_t len = 0;
    int v = heading_numeral(text, &len);
    bool heading = v == last + 1 && !has(text, U"。") && !has(text, U"，");
    if (heading) {
      Section s;
      s.number = v;
      s.numeral = utf8::from_u32(text.substr(0, len));
      s.heading = utf8::from_u32(text);
      s.numbered = true;
      s.line = t.line;
      L.sections.push_back(std::move(s));
      last = v;
    } else if (!L.sections.empty() && !is_table_fragment(text)) {
      Section& s = L.sections.back();
      s.text += (s.text.empty() ? "" : "\n") + utf8::from_u32(std::u32string_view(st.s).substr(t.begin, t.end - t.begin));
      s.text_lines.push_back(t.line);
    }
  }
  // The signature is not part of the last section.
  if (!L.sections.empty()) trim_section_tail(L.sections.back(), r.identity.signature_line);

  emit(r.diagnostics, Rule::C_EDITION_LEGACY, r.title_line,
       (r.year ? std::to_string(r.year) + " 年度报告" : std::string("该报告")) +
           "早于国家统一格式（2019 年以前的旧版格式），已按旧版读取" +
           (L.table_found ? "章节和政府信息公开情况统计表" : "章节") + "，不适用 2019、2021 版格式的规则");
}

}  // namespace gk
