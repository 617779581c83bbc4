// The checks: every rule of the catalogue that one report can be held to.
#include "check/check.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include "model/agency.h"
#include "model/relations.h"
#include "model/rules.h"
#include "model/sections.h"
#include "model/verify.h"
#include "normalize/normalize.h"
#include "util/text.h"
#include "util/utf8.h"

namespace gk {

namespace {

std::string num(double v) { return format_number(v); }

struct Ctx {
  Report& r;
  AgencyInfo agency;
  DiagBuilder add(Rule rule, std::string msg, int line) { return emit(r.diagnostics, rule, line, std::move(msg)); }
  DiagBuilder add(Rule rule, std::string msg, int line, std::vector<std::string> cells) {
    return std::move(emit(r.diagnostics, rule, line, std::move(msg)).cells(std::move(cells)));
  }
};

bool has(const std::u32string& s, const char32_t* k) { return s.find(k) != std::u32string::npos; }

struct Sentence {
  std::u32string text;
  int line = 0;
  bool has(const char32_t* k) const { return text.find(k) != std::u32string::npos; }
};

// Sentences of one section, each with the line of its paragraph.
std::vector<Sentence> section_sentences(const Section& sec) {
  std::vector<Sentence> out;
  if (!sec.found()) return out;
  std::u32string u = normalize_u32(sec.text);
  size_t para = 0;
  auto line = [&] { return para < sec.text_lines.size() ? sec.text_lines[para] : sec.line; };
  Sentence cur;
  cur.line = line();
  for (char32_t c : u) {
    if (c == U'。' || c == U'；' || c == ';' || c == '\n' || c == U'！' || c == '!') {
      if (!cur.text.empty()) out.push_back(cur);
      cur.text.clear();
      if (c == '\n') ++para;
      cur.line = line();
    } else {
      cur.text.push_back(c);
    }
  }
  if (!cur.text.empty()) out.push_back(cur);
  return out;
}

// The clause (between commas) around position p, for quoting in a message.
std::string clause(const std::u32string& s, size_t p) {
  auto is_break = [](char32_t c) { return c == ',' || c == U'，' || c == ':' || c == U'：'; };
  size_t b = p, e = p;
  while (b > 0 && !is_break(s[b - 1]) && p - b < 30) --b;
  while (e < s.size() && !is_break(s[e]) && e - p < 40) ++e;
  return utf8::from_u32(s.substr(b, e - b));
}

// First "N件/条/个/份" within `window` chars after position p. -1 when none.
long count_after(const std::u32string& s, size_t p, size_t window) {
  size_t end = std::min(s.size(), p + window);
  for (size_t i = p; i < end; ++i) {
    if (!utf8::is_digit(s[i])) continue;
    size_t j = i;
    long v = 0;
    while (j < s.size() && utf8::is_digit(s[j]) && j - i < 9) v = v * 10 + (s[j++] - '0');
    if (j < s.size() && (s[j] == U'件' || s[j] == U'条' || s[j] == U'个' || s[j] == U'份' || s[j] == U'起'))
      return v;
    i = j;
  }
  return -1;
}


// "35 = 45 − 10" style: the two sides of a relation, written out.
std::string parts_text(const Equation& e, bool positive) {
  std::string out;
  for (const auto& t : e.terms) {
    if ((t.coef > 0) != positive) continue;
    if (!out.empty()) out += " + ";
    out += t.cell->value ? num(*t.cell->value) : std::string("？");
  }
  return out;
}

void check_arithmetic(Ctx& cx, Report& r, std::vector<Equation>& eqs) {
  bool row_total_failed = false;  // a T2 row total fails: column sums follow from it
  std::vector<Inequality> out_le_avail;  // columns whose results exceed what was available
  for (auto& q : table_inequalities(r))
    if (q.kind == Rule::T2_OUT_LE_AVAIL && q.violated()) out_le_avail.push_back(std::move(q));
  auto exceeds = [&](int col) {
    return std::any_of(out_le_avail.begin(), out_le_avail.end(), [&](const Inequality& q) { return q.index == col; });
  };
  for (auto& e : eqs) {
    Evaluation ev = evaluate(e);
    if (ev.state == Evaluation::Holds) continue;
    std::vector<std::string> cells;
    int line = 0;
    for (auto& t : e.terms) {
      cells.push_back(*t.path);
      if (!line && t.cell->line) line = t.cell->line;
    }
    const Term& defined = e.terms[e.defines];
    if (defined.cell->line) line = defined.cell->line;
    if (ev.state == Evaluation::Open) {
      std::vector<std::string> missing;
      for (const Term* t : ev.missing) missing.push_back(*t->path);
      std::string labels;
      for (size_t i = 0; i < missing.size() && i < 3; ++i) labels += (i ? "、" : "") + cell_label(missing[i]);
      if (missing.size() > 3) labels += " 等 " + std::to_string(missing.size()) + " 个单元格";
      cx.add(Rule::E_UNEVALUATED, "无法检查“" + std::string(rule_def(e.kind).message) + "”：" + labels + "缺失", 0)
          .instance(e.rule.substr(e.rule.find('@') + 1))
          .cells(missing);
      continue;
    }
    Sides sd = sides(e);
    std::string key(e.rule.substr(e.rule.find('@') + 1));
    // With cells unknown the relation fails by its bound: the known parts
    // already exceed the total (or the total exceeds all the parts can hold).
    std::string bound = ev.by_bound ? "（其余 " + std::to_string(ev.unknown) + " 个单元格缺失，但件数不能为负，已可判定不成立）"
                                    : std::string();
    switch (e.kind) {
      case Rule::T2_ROW_TOTAL:
        row_total_failed = true;
        cx.add(Rule::T2_ROW_TOTAL,
               std::string("表二“") + kT2RowLabels[e.row] + "”一行：各类申请人之和为 " + num(sd.left) +
                   "（" + parts_text(e, true) + "），但“总计”为 " + num(sd.right) + bound,
               line)
            .instance(key)
            .cells(cells);
        break;
      case Rule::T2_RESULT_SUM: {
        auto d = cx.add(Rule::T2_RESULT_SUM,
                        std::string("表二“") + kT2ColLabels[e.col] + "”列：各项办理结果之和为 " + num(sd.left) +
                            "，但“（七）总计”为 " + num(sd.right) + bound +
                            (e.col == 6 && row_total_failed ? "（由上面的行合计错误引起）" : ""),
                        line);
        d.instance(key).cells(cells);
        if (e.col == 6 && row_total_failed) d.consequence();
        break;
      }
      case Rule::T2_BALANCE: {
        // Results beyond what was available: its own rule says it better.
        if (ev.by_bound && exceeds(e.col)) break;
        auto d = cx.add(Rule::T2_BALANCE,
                        std::string("表二“") + kT2ColLabels[e.col] + "”列：一（新收）+ 二（上年结转）= " +
                            num(sd.left) + "，但 三（七）总计 + 四（结转下年度）= " + num(sd.right) + bound +
                            (e.col == 6 && row_total_failed ? "（由上面的行合计错误引起）" : ""),
                        line);
        d.instance(key).cells(cells);
        if (e.col == 6 && row_total_failed) d.consequence();
        break;
      }
      default:
        cx.add(Rule::T3_ROW_TOTAL,
               std::string("表三“") + kT3RowLabels[e.row] + "”：各结果之和为 " + num(sd.left) + "（" +
                   parts_text(e, true) + "），但“总计”为 " + num(sd.right) + bound,
               line)
            .instance(key)
            .cells(cells);
    }
  }
  for (const auto& q : out_le_avail) {  // （七）总计 ≤ 一 + 二: small = {总计}, large = {新收, 上年结转}
    const Cell &t = *q.small[0].cell, &a = *q.large[0].cell, &b = *q.large[1].cell;
    cx.add(Rule::T2_OUT_LE_AVAIL,
           std::string("表二“") + kT2ColLabels[q.index] + "”列：办理结果总数 " + num(q.small_sum()) +
               " 超过本年新收与上年结转之和 " + num(q.large_sum()) + "（" + num(*a.value) + " + " + num(*b.value) + "）",
           t.line ? t.line : a.line)
        .instance(kT2ColKeys[q.index])
        .cells(q.paths());
  }
}

void check_values(Ctx& cx, Report& r) {
  std::vector<std::string> blank_cells, placeholder_cells;
  int first_blank_line = 0;
  for (auto& ref : all_cells(r)) {
    Cell& c = *ref.cell;
    bool t1 = ref.path.rfind("proactive.", 0) == 0;
    bool t2 = ref.path.rfind("applications.", 0) == 0;
    if (c.status == CellStatus::Blank) {
      blank_cells.push_back(ref.path);
      if (!first_blank_line) first_blank_line = c.line;
    }
    if (c.status == CellStatus::Placeholder) {
      placeholder_cells.push_back(ref.path);
      if (!first_blank_line) first_blank_line = c.line;
      cx.add(Rule::R_PLACEHOLDER, cell_label(ref.path) + "填写的是“" + c.raw + "”而不是数字，记为空", c.line)
          .cell(ref.path);
    }
    if (c.confidence >= 0 && c.confidence < 0.6f && c.value)
      cx.add(Rule::R_LOW_CONFIDENCE,
             cell_label(ref.path) + "由文字识别读出（" + num(*c.value) + "），置信度 " +
                 num(std::round(c.confidence * 100)) + "%，请人工核对",
             c.line)
          .cell(ref.path);
    if (!c.value) continue;
    double v = *c.value;
    if (ref.path == "proactive.fees_wan_yuan") {
      if (v < 0) cx.add(Rule::T1_FEE_NUM, "收费金额为负数：" + num(v) + " 万元", c.line).cell(ref.path);
      else if (std::fabs(v * 10000 - std::round(v * 10000)) > 1e-6)
        cx.add(Rule::T1_FEE_PRECISION,
               "收费金额 " + (c.raw.empty() ? num(v) : c.raw) + " 万元细于 1 元，可能把“元”当作了“万元”", c.line)
            .cell(ref.path);
      continue;
    }
    if (v < 0 || std::floor(v) != v)
      cx.add(t1 ? Rule::T1_INT : t2 ? Rule::T2_INT : Rule::T3_INT,
             cell_label(ref.path) + "的值 " + (c.raw.empty() ? num(v) : c.raw) + " 不是非负整数", c.line)
          .cell(ref.path);
  }
  if (!blank_cells.empty() || !placeholder_cells.empty()) {
    std::vector<std::string> cells = blank_cells;
    cells.insert(cells.end(), placeholder_cells.begin(), placeholder_cells.end());
    std::string where;
    for (size_t i = 0; i < cells.size() && i < 3; ++i) where += (i ? "、" : "") + cell_label(cells[i]);
    if (cells.size() > 3) where += " 等";
    cx.add(Rule::C_NO_BLANKS,
           "表格中有 " + std::to_string(blank_cells.size()) + " 个空白单元格" +
               (placeholder_cells.empty() ? std::string()
                                          : "、" + std::to_string(placeholder_cells.size()) + " 个占位符单元格") +
               "（" + where + "），国家格式要求填写 0",
           first_blank_line)
        .cells(cells);
  }
}

void check_completeness(Ctx& cx, Report& r) {
  // A table printed without its heading still counts as its section.
  bool present[6];
  for (int i = 0; i < 6; ++i) present[i] = r.sections[i].found();
  present[1] = present[1] || r.t1_found;
  present[2] = present[2] || r.t2_found;
  present[3] = present[3] || r.t3_found;
  std::string missing;
  for (int i = 0; i < 6; ++i)
    if (!present[i]) missing += (missing.empty() ? "" : "、") + section_heading(i + 1);
  if (!missing.empty()) cx.add(Rule::C_SEC_PRESENT, "缺少以下部分：" + missing, 0);

  std::string odd;
  int line = 0;
  for (int i = 0; i < 6; ++i) {
    const Section& s = r.sections[i];
    if (!s.found()) continue;
    if (s.numeral != section_numeral(i + 1)) {
      odd += (odd.empty() ? "" : "；") + std::string("“") + s.heading + "”";
      if (!line) line = s.line;
    }
  }
  if (!odd.empty()) cx.add(Rule::C_SEC_HEADING, "部分标题未使用“一、…六、”序号：" + odd, line);

  // Tables. Cells that reading lost (already reported by an R-* finding) are
  // not the report's omission.
  std::set<std::string> lost_by_reading;
  for (const auto& d : r.diagnostics)
    if (d.rule == "R-SPLIT-AMBIGUOUS" || d.rule == "R-UNRESOLVED" || d.rule == "R-CONFLICT")
      lost_by_reading.insert(d.cells.begin(), d.cells.end());
  std::vector<std::string> unread;  // cells of the table last counted
  auto count_known = [&](auto pred) {
    int n = 0, known = 0;
    unread.clear();
    for (auto& ref : all_cells(r)) {
      if (!pred(ref.path)) continue;
      if (ref.cell->status == CellStatus::Absent || lost_by_reading.count(ref.path)) continue;
      ++n;
      if (ref.cell->value || ref.cell->status == CellStatus::Placeholder) ++known;
      else unread.push_back(ref.path);
    }
    return std::pair<int, int>(known, n);
  };
  auto [k1, n1] = count_known([](const std::string& p) { return p.rfind("proactive.", 0) == 0; });
  if (!r.t1_found) cx.add(Rule::C_T1_COMPLETE, "未找到表一（主动公开政府信息情况）", r.sections[1].line);
  else if (k1 < n1)
    cx.add(Rule::C_T1_COMPLETE, "表一有 " + std::to_string(n1 - k1) + " 个单元格未能读出", r.t1_line).cells(unread);
  auto [k2, n2] = count_known([](const std::string& p) { return p.rfind("applications.", 0) == 0; });
  if (!r.t2_found) cx.add(Rule::C_T2_COMPLETE, "未找到表二（收到和处理政府信息公开申请情况）", r.sections[2].line);
  else if (k2 < n2)
    cx.add(Rule::C_T2_COMPLETE, "表二有 " + std::to_string(n2 - k2) + " 个单元格缺失（原文未给出且无法推算）", r.t2_line)
        .cells(unread);
  auto [k3, n3] = count_known([](const std::string& p) { return p.rfind("appeals.", 0) == 0; });
  if (!r.t3_found) cx.add(Rule::C_T3_COMPLETE, "未找到表三（行政复议、行政诉讼情况）", r.sections[3].line);
  else if (k3 < n3)
    cx.add(Rule::C_T3_COMPLETE, "表三有 " + std::to_string(n3 - k3) + " 个单元格缺失", r.t3_line).cells(unread);

  if (r.year >= 2021 && (r.edition == Edition::Y2019 || r.t2_single_other_row)) {
    std::string what = r.edition == Edition::Y2019 ? "表一使用了 2019 版格式（本年新制作数量等栏目）"
                                                 : "表二“（六）其他处理”只有一行，未分列 1.逾期不补正、2.逾期未缴费、3.其他";
    cx.add(Rule::C_FORMAT_ERA, std::to_string(r.year) + " 年度报告应使用 2021 版格式，但" + what,
           r.edition == Edition::Y2019 ? r.t1_line : r.t2_line);
  }
  if (!r.label_variants.empty()) {
    std::string v;
    for (auto& x : r.label_variants) v += (v.empty() ? "" : "；") + x;
    cx.add(Rule::C_LABEL_VARIANT, "表格标签与国家格式不一致（已按标准标签识别）：" + v,
           r.label_variant_line ? r.label_variant_line : r.t2_line ? r.t2_line : r.t1_line);
  }
}

void check_compliance(Ctx& cx, Report& r) {
  // Title, agency, year, period, deadline
  std::u32string title = utf8::to_u32(r.title);
  if (r.title.empty()) {
    cx.add(Rule::C_TITLE, "未找到报告标题", 0);
  } else {
    std::vector<std::string> lacks;
    if (!r.year) lacks.push_back("年度");
    if (!has(title, U"政府信息公开")) lacks.push_back("“政府信息公开”");
    if (!has(title, U"年度报告")) lacks.push_back("“年度报告”");
    if (r.agency.empty()) lacks.push_back("机关名称");
    if (!lacks.empty()) {
      std::string l;
      for (auto& x : lacks) l += (l.empty() ? "" : "、") + x;
      cx.add(Rule::C_TITLE, "标题“" + r.title + "”缺少" + l, r.title_line);
    } else if (!has(title, U"政府信息公开工作年度报告")) {
      cx.add(Rule::C_TITLE_NAME, "标题“" + r.title + "”与标准名称“政府信息公开工作年度报告”不一致", r.title_line);
    }
  }
  if (r.agency.empty()) cx.add(Rule::C_AGENCY, "未能从标题或落款识别出机关名称", r.title_line);
  if (!r.period_start.empty()) {
    int py = std::stoi(r.period_start.substr(0, 4));
    if (r.year && py != r.year)
      cx.add(Rule::C_YEAR, "标题年度为 " + std::to_string(r.year) + " 年，但统计期限为 " + r.period_start + " 至 " + r.period_end,
             r.title_line);
    std::string ys = std::to_string(py);
    if (r.period_start != ys + "-01-01" || r.period_end != ys + "-12-31")
      cx.add(Rule::C_PERIOD, "统计期限为 " + r.period_start + " 至 " + r.period_end + "，应为 " + ys + "-01-01 至 " + ys + "-12-31",
             0);
  }
  if (!r.publication_date.empty() && r.year) {
    int py = std::stoi(r.publication_date.substr(0, 4));
    // The report of year Y covers the whole of Y: it can only be signed in Y + 1.
    if (py != r.year + 1)
      cx.add(Rule::C_DATE_YEAR,
             "落款日期 " + r.publication_date + " 不在报告年度（" + std::to_string(r.year) + " 年）的次年", 0);
    else if (std::string deadline = report_deadline(cx.agency, r.year);
             !deadline.empty() && r.publication_date > deadline)
      cx.add(Rule::C_DEADLINE,
             "落款日期 " + r.publication_date + " 晚于条例第四十九条规定的期限 " + deadline + "（" + cx.agency.level + "）",
             0);
  }

  // Section texts
  const Section& s1 = r.sections[0];
  const Section& s5 = r.sections[4];
  const Section& s6 = r.sections[5];
  if (s5.found()) {
    std::u32string t = without_spaces(normalize_u32(s5.text));
    if (t.size() < 10 || t == U"无" || t == U"无。")
      cx.add(Rule::C_S5_CONTENT, "第五部分只有“" + s5.text + "”，未写明存在的问题和改进措施", s5.line);
  }
  if (s6.found()) {
    std::u32string t = normalize_u32(s6.text);
    if (!has(t, U"信息处理费") && !(has(t, U"收费") && has(t, U"信息公开")) && !has(t, U"处理费"))
      cx.add(Rule::C_S6_FEE, "第六部分未说明政府信息公开信息处理费的收取情况（发出收费通知的件数和总金额、实际收取的总金额）",
             s6.line);
  }
  if (s1.found() && is_people_government(cx.agency)) {
    std::u32string t = normalize_u32(s1.text);
    if (!(has(t, U"考核") && (has(t, U"评议") || has(t, U"追究"))))
      cx.add(Rule::C_S1_GOV, "“" + r.agency + "”是人民政府，第一部分应说明工作考核、社会评议和责任追究结果情况", s1.line);
  }
}

void check_text_vs_tables(Ctx& cx, Report& r) {
  // Sentences of each section, normalised once.
  std::array<std::vector<Sentence>, 6> secs;
  for (int i = 0; i < 6; ++i) secs[i] = section_sentences(r.sections[i]);
  auto sentences = [&](std::initializer_list<int> which) {
    std::vector<const Sentence*> out;
    for (int i : which)
      for (const auto& x : secs[i]) out.push_back(&x);
    return out;
  };
  auto new_total = r.applications[R_NEW][6].value;
  auto carried = r.applications[R_CARRIED_OVER][6].value;
  auto closed = r.applications[R_TOTAL][6].value;
  // Applications received, as stated in sections 一 and 三.
  for (const Sentence* sp : sentences({0, 2})) {
    const Sentence& sen = *sp;
    if (!sen.has(U"申请") || sen.has(U"复议") || sen.has(U"诉讼") || sen.has(U"主动公开") || sen.has(U"热线"))
      continue;
    if (sen.has(U"未收到") || sen.has(U"没有收到") || sen.has(U"无依申请")) {
      size_t p = sen.text.find(U"收到");
      if (new_total && *new_total > 0)
        cx.add(Rule::T2_ZERO_CONSISTENT, "正文称“" + clause(sen.text, p) + "”，但表二本年新收申请为 " + num(*new_total) + " 件",
               sen.line, {t2_path(R_NEW, 6)});
      break;
    }
    static const char32_t* verbs[] = {U"收到", U"受理", U"办理", U"接收", U"接到"};
    long n = -1;
    size_t at = 0;
    for (const char32_t* v : verbs) {
      for (size_t p = sen.text.find(v); p != std::u32string::npos && n < 0; p = sen.text.find(v, p + 1)) {
        n = count_after(sen.text, p, 24);
        at = p;
      }
      if (n >= 0) break;
    }
    if (n < 0) continue;
    if (new_total) {
      bool ok = n == *new_total || (carried && n == *new_total + *carried) || (closed && n == *closed);
      if (!ok) {
        // quote the clause holding the number
        size_t q = at;
        while (q < sen.text.size() && !utf8::is_digit(sen.text[q])) ++q;
        cx.add(Rule::X_TEXT_NEW,
               "正文称“" + clause(sen.text, q) + "”，但表二本年新收申请为 " + num(*new_total) + " 件" +
                   (closed ? "、办理结果总计为 " + num(*closed) + " 件" : ""),
               sen.line, {t2_path(R_NEW, 6), t2_path(R_TOTAL, 6)});
      }
    }
    break;  // the first statement of the count is the one checked
  }

  // 规范性文件 figures quoted in sections 一 and 二
  const StockRow& nd = r.proactive.normative_documents;
  for (const Sentence* sp : sentences({0, 1})) {
    const Sentence& sen = *sp;
    if (!sen.has(U"规范性文件")) continue;
    struct K { const char32_t* key; const Cell* cell; const char* path; const char* name; };
    K keys[] = {{U"制发", &nd.issued, "proactive.normative_documents.issued", "本年制发"},
                {U"现行有效", &nd.in_force, "proactive.normative_documents.in_force", "现行有效"},
                {U"废止", &nd.repealed, "proactive.normative_documents.repealed", "本年废止"}};
    for (auto& k : keys) {
      size_t p = sen.text.find(k.key);
      if (p == std::u32string::npos || !k.cell->value) continue;
      long n = count_after(sen.text, p, 14);
      if (n < 0 || n == *k.cell->value) continue;
      cx.add(Rule::T1_TEXT,
             "正文称“" + clause(sen.text, p) + "”，但表一" + k.name + "行政规范性文件为 " + num(*k.cell->value) + " 件",
             sen.line, {k.path});
    }
  }

  // 行政复议 / 行政诉讼 figures quoted in sections 一 and 四
  auto t3_total = [&](int row) { return r.appeals[row][4].value; };
  for (const Sentence* sp : sentences({0, 3})) {
    const Sentence& sen = *sp;
    bool neg = sen.has(U"未发生") || sen.has(U"没有发生") || sen.has(U"未被") || sen.has(U"无行政");
    size_t p = sen.text.find(U"行政复议");
    if (p != std::u32string::npos && t3_total(0)) {
      long n = count_after(sen.text, p, 12);
      if (n < 0 && neg) n = 0;
      if (n >= 0 && n != *t3_total(0))
        cx.add(Rule::T3_TEXT, "正文称“" + clause(sen.text, p) + "”，但表三行政复议总计为 " + num(*t3_total(0)) + " 件",
               sen.line, {t3_path(0, 4)});
    }
    size_t q = sen.text.find(U"行政诉讼");
    if (q != std::u32string::npos && t3_total(1) && t3_total(2)) {
      long n = count_after(sen.text, q, 12);
      if (n < 0 && neg) n = 0;
      double lit = *t3_total(1) + *t3_total(2);
      if (n >= 0 && n != lit)
        cx.add(Rule::T3_TEXT, "正文称“" + clause(sen.text, q) + "”，但表三行政诉讼总计为 " + num(lit) + " 件", sen.line,
               {t3_path(1, 4), t3_path(2, 4)});
    }
  }

  // Fee notices vs Table 2 row （六）2
  const Cell& nofee = r.applications[R_OTHER_NO_FEE][6];
  if (nofee.value && *nofee.value > 0 && r.sections[5].found() &&
      !has(normalize_u32(r.sections[5].text), U"收费通知"))
    cx.add(Rule::X_FEE_T2,
           "表二有 " + num(*nofee.value) + " 件申请因逾期未缴纳费用不再处理，但第六部分未说明发出收费通知的情况",
           r.sections[5].line, {t2_path(R_OTHER_NO_FEE, 6)});
}

void check_plausibility(Ctx& cx, Report& r) {
  const Proactive& p = r.proactive;
  for (const auto& q : table_inequalities(r)) {
    if (q.kind != Rule::T1_STOCK || !q.violated()) continue;
    const Cell &issued = *q.small[0].cell, &in_force = *q.large[0].cell;
    cx.add(Rule::T1_STOCK, std::string("表一") + (q.index == 0 ? "规章" : "行政规范性文件") + "：现行有效 " +
                               num(*in_force.value) + " 件少于本年制发 " + num(*issued.value) + " 件",
           in_force.line, {*q.large[0].path, *q.small[0].path});
  }
  bool reg_any = false;
  for (const Cell* c : {&p.regulations.issued, &p.regulations.repealed, &p.regulations.in_force})
    if (c->value && *c->value > 0) reg_any = true;
  if (reg_any && lacks_rule_making_power(cx.agency))
    cx.add(Rule::T1_REG_POWER, "“" + r.agency + "”没有规章制定权，表一规章件数应为 0", p.regulations.issued.line,
           {"proactive.regulations.issued"});
  if (p.fees_wan_yuan.value && *p.fees_wan_yuan.value > 10000 && is_township_level(cx.agency))
    cx.add(Rule::T1_FEE_UNIT, "收费金额 " + num(*p.fees_wan_yuan.value) + " 万元对乡镇（街道）异常大，可能把“元”当作了“万元”",
           p.fees_wan_yuan.line, {"proactive.fees_wan_yuan"});
}

// An OCR-read number that breaks every relation it is in that can be
// evaluated (its row total, its column sum) may well be misread, however sure
// the engine was: its confidence drops under the R-LOW-CONFIDENCE threshold.
void doubt_ocr_by_arithmetic(Report& r) {
  // Only OCR-read cells carry a confidence: nothing to do for any other report
  // (building the equations and the tally was ~6% of `gongkai check` on text).
  bool ocr = false;
  for (const auto& ref : all_cells(r)) ocr = ocr || ref.cell->confidence >= 0;
  if (!ocr) return;
  std::map<Cell*, std::pair<int, int>> tally;  // relations broken, holding
  for (auto& e : found_table_equations(r)) {
    Evaluation ev = evaluate(e);
    if (!ev.complete) continue;
    bool broken = ev.state == Evaluation::Fails;
    for (auto& t : e.terms) ++(broken ? tally[t.cell].first : tally[t.cell].second);
  }
  for (auto& [c, n] : tally)
    if (c->confidence >= 0 && c->status == CellStatus::Printed && n.first >= 1 && n.second == 0)
      c->confidence = std::min(c->confidence, kOcrDoubtful);
}

}  // namespace

void check(Report& r) {
  Ctx cx{r, analyze_agency(r.agency)};
  // A report of the legacy edition (before 2019) is held to none of the
  // national format's rules; reading has said which edition it is.
  if (r.edition == Edition::Legacy) return;
  doubt_ocr_by_arithmetic(r);
  check_values(cx, r);
  // The relations of the tables printed, once for the arithmetic and the
  // cell verification (checking changes no value or cell status).
  std::vector<Equation> eqs = found_table_equations(r);
  check_arithmetic(cx, r, eqs);
  check_completeness(cx, r);
  check_compliance(cx, r);
  check_text_vs_tables(cx, r);
  check_plausibility(cx, r);
  verify_cells(r, eqs);
  sort_diagnostics(r.diagnostics);
}

}  // namespace gk
