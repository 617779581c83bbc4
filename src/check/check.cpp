// The checks: every rule of the catalogue that one report can be held to.
#include "check/check.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include "model/relations.h"
#include "model/rules.h"
#include "normalize/normalize.h"
#include "util/utf8.h"

namespace gk {

namespace {

std::string num(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string((long long)v);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

struct Ctx {
  Report& r;
  void add(const std::string& rule, std::string msg, int line, std::vector<std::string> cells = {},
           std::vector<std::string> notes = {}, int severity = -1) {
    const RuleDef* def = find_rule(rule);
    Diagnostic d;
    d.rule = rule;
    d.severity = severity >= 0 ? (Severity)severity : (def ? def->severity : Severity::Warning);
    d.message = std::move(msg);
    d.line = line;
    d.cells = std::move(cells);
    d.notes = std::move(notes);
    r.diagnostics.push_back(std::move(d));
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


void check_arithmetic(Ctx& cx, Report& r) {
  std::vector<Equation> eqs = table_equations(r);
  std::map<int, bool> row_total_failed;  // T2 rows whose total fails
  for (auto& e : eqs) {
    if ((e.table == 2 && !r.t2_found) || (e.table == 3 && !r.t3_found)) continue;
    double sum = 0;
    std::vector<std::string> missing;
    for (auto& t : e.terms) {
      if (t.cell->value) sum += t.coef * *t.cell->value;
      else missing.push_back(*t.path);
    }
    if (!missing.empty()) {
      cx.add("E-UNEVALUATED", "无法检查 " + e.rule + "：涉及的单元格缺失", 0, missing);
      continue;
    }
    if (std::fabs(sum) < 1e-6) continue;
    // Compose the message with the printed figures.
    const Term& last = e.terms.back();
    double rhs = *last.cell->value;
    double lhs = rhs + sum;  // Σ positive terms (for sums of the form Σ parts − total)
    std::vector<std::string> cells;
    int line = 0;
    for (auto& t : e.terms) {
      cells.push_back(*t.path);
      if (!line && t.cell->line) line = t.cell->line;
    }
    if (last.cell->line) line = last.cell->line;
    std::string rule_base = e.rule.substr(0, e.rule.find('@'));
    if (rule_base == "T2-ROW-TOTAL") {
      row_total_failed[e.row] = true;
      cx.add(e.rule,
             std::string("表二“") + kT2RowLabels[e.row] + "”一行：各类申请人之和为 " + num(lhs) + "，但“总计”为 " +
                 num(rhs),
             line, cells);
    } else if (rule_base == "T2-RESULT-SUM") {
      bool consequence = e.col == 6 && !row_total_failed.empty();
      cx.add(e.rule,
             std::string("表二“") + kT2ColLabels[e.col] + "”列：各项办理结果之和为 " + num(lhs) + "，但“（七）总计”为 " +
                 num(rhs) + (consequence ? "（由上面的行合计错误引起）" : ""),
             line, cells, {}, consequence ? (int)Severity::Note : -1);
    } else if (rule_base == "T2-BALANCE") {
      double a = *r.applications[R_NEW][e.col].value + *r.applications[R_CARRIED_OVER][e.col].value;
      double b = *r.applications[R_TOTAL][e.col].value + *r.applications[R_CARRIED_FORWARD][e.col].value;
      bool consequence = e.col == 6 && !row_total_failed.empty();
      cx.add(e.rule,
             std::string("表二“") + kT2ColLabels[e.col] + "”列：一（新收）+ 二（上年结转）= " + num(a) +
                 "，但 三（七）总计 + 四（结转下年度）= " + num(b) +
                 (consequence ? "（由上面的行合计错误引起）" : ""),
             line, cells, {}, consequence ? (int)Severity::Note : -1);
      if (b - *r.applications[R_CARRIED_FORWARD][e.col].value > a)
        cx.add(std::string("T2-OUT-LE-AVAIL@") + kT2ColKeys[e.col],
               std::string("表二“") + kT2ColLabels[e.col] + "”列：办理结果总数超过本年新收与上年结转之和", line,
               {t2_path(R_TOTAL, e.col), t2_path(R_NEW, e.col), t2_path(R_CARRIED_OVER, e.col)});
    } else if (rule_base == "T3-ROW-TOTAL") {
      cx.add(e.rule,
             std::string("表三“") + kT3RowLabels[e.row] + "”：各结果之和为 " + num(lhs) + "，但“总计”为 " + num(rhs),
             line, cells);
    }
  }
}

void check_values(Ctx& cx, Report& r) {
  int blanks = 0, placeholders = 0;
  int first_blank_line = 0;
  for (auto& ref : all_cells(r)) {
    Cell& c = *ref.cell;
    bool t1 = ref.path.rfind("proactive.", 0) == 0;
    bool t2 = ref.path.rfind("applications.", 0) == 0;
    const char* tname = t1 ? "T1" : t2 ? "T2" : "T3";
    if (c.status == CellStatus::Blank) {
      ++blanks;
      if (!first_blank_line) first_blank_line = c.line;
    }
    if (c.status == CellStatus::Placeholder) {
      ++placeholders;
      cx.add("R-PLACEHOLDER", "单元格 " + ref.path + " 填写的是“" + c.raw + "”而不是数字，记为空", c.line, {ref.path});
    }
    if (c.confidence >= 0 && c.confidence < 0.6f && c.value)
      cx.add("R-LOW-CONFIDENCE",
             "单元格 " + ref.path + " 由文字识别读出（" + num(*c.value) + "），置信度 " +
                 num(std::round(c.confidence * 100)) + "%，请人工核对",
             c.line, {ref.path});
    if (!c.value) continue;
    double v = *c.value;
    if (ref.path == "proactive.fees_wan_yuan") {
      if (v < 0) cx.add("T1-FEE-NUM", "收费金额为负数：" + num(v), c.line, {ref.path});
      else if (std::fabs(v * 10000 - std::round(v * 10000)) > 1e-6)
        cx.add("T1-FEE-NUM", "收费金额 " + c.raw + " 万元细于 1 元，可能把“元”当作了“万元”", c.line, {ref.path}, {},
               (int)Severity::Warning);
      continue;
    }
    bool change = ref.path.find("_change") != std::string::npos;  // 2019 本年增/减 may be negative
    if (change) continue;
    if (v < 0 || std::floor(v) != v)
      cx.add(std::string(tname) + "-INT",
             "单元格 " + ref.path + " 的值 " + (c.raw.empty() ? num(v) : c.raw) + " 不是非负整数", c.line, {ref.path});
  }
  if (blanks + placeholders > 0)
    cx.add("C-NO-BLANKS",
           "表格中有 " + std::to_string(blanks) + " 个空白单元格" +
               (placeholders ? "、" + std::to_string(placeholders) + " 个占位符单元格" : std::string()) +
               "（按 0 或空值处理），国家格式要求填写 0",
           first_blank_line, {}, {}, blanks + placeholders > 10 ? (int)Severity::Warning : (int)Severity::Note);
}

bool is_government(const std::string& agency) {
  std::u32string a = utf8::to_u32(agency);
  auto ends = [&](const char32_t* s) {
    std::u32string k(s);
    return a.size() >= k.size() && a.compare(a.size() - k.size(), k.size(), k) == 0;
  };
  return ends(U"人民政府");
}

bool is_grassroots(const std::string& agency) {
  std::u32string a = utf8::to_u32(agency);
  return has(a, U"街道") || has(a, U"乡") || has(a, U"镇") || has(a, U"办事处") || has(a, U"社区");
}

void check_completeness(Ctx& cx, Report& r) {
  static const char* names[6] = {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                 "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                                 "六、其他需要报告的事项"};
  // A table printed without its heading still counts as its section.
  bool present[6];
  for (int i = 0; i < 6; ++i) present[i] = r.sections[i].found();
  present[1] = present[1] || r.t1_found;
  present[2] = present[2] || r.t2_found;
  present[3] = present[3] || r.t3_found;
  std::string missing;
  for (int i = 0; i < 6; ++i)
    if (!present[i]) missing += (missing.empty() ? "" : "、") + std::string(names[i]);
  if (!missing.empty()) cx.add("C-SEC-PRESENT", "缺少以下部分：" + missing, 0);

  std::string odd;
  int line = 0;
  for (int i = 0; i < 6; ++i) {
    const Section& s = r.sections[i];
    if (!s.found()) continue;
    static const char* cn[] = {"一、", "二、", "三、", "四、", "五、", "六、"};
    if (s.numeral != cn[i]) {
      odd += (odd.empty() ? "" : "；") + std::string("“") + s.heading + "”";
      if (!line) line = s.line;
    }
  }
  if (!odd.empty()) cx.add("C-SEC-HEADING", "部分标题未使用“一、…六、”序号：" + odd, line);

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
  if (!r.t1_found) cx.add("C-T1-COMPLETE", "未找到表一（主动公开政府信息情况）", r.sections[1].line);
  else if (k1 < n1)
    cx.add("C-T1-COMPLETE", "表一有 " + std::to_string(n1 - k1) + " 个单元格未能读出", r.t1_line, unread);
  auto [k2, n2] = count_known([](const std::string& p) { return p.rfind("applications.", 0) == 0; });
  if (!r.t2_found) cx.add("C-T2-COMPLETE", "未找到表二（收到和处理政府信息公开申请情况）", r.sections[2].line);
  else if (k2 < n2)
    cx.add("C-T2-COMPLETE", "表二有 " + std::to_string(n2 - k2) + " 个单元格缺失（原文未给出且无法推算）", r.t2_line,
           unread);
  auto [k3, n3] = count_known([](const std::string& p) { return p.rfind("appeals.", 0) == 0; });
  if (!r.t3_found) cx.add("C-T3-COMPLETE", "未找到表三（行政复议、行政诉讼情况）", r.sections[3].line);
  else if (k3 < n3)
    cx.add("C-T3-COMPLETE", "表三有 " + std::to_string(n3 - k3) + " 个单元格缺失", r.t3_line, unread);

  if (r.year >= 2021 && (r.template_year == "2019" || r.t2_single_other_row)) {
    std::string what = r.template_year == "2019" ? "表一使用了 2019 版格式（本年新制作数量等栏目）"
                                                 : "表二“（六）其他处理”只有一行，未分列 1.逾期不补正、2.逾期未缴费、3.其他";
    cx.add("C-FORMAT-ERA", std::to_string(r.year) + " 年度报告应使用 2021 版格式，但" + what,
           r.template_year == "2019" ? r.t1_line : r.t2_line);
  }
  if (!r.label_variants.empty()) {
    std::string v;
    for (auto& x : r.label_variants) v += (v.empty() ? "" : "；") + x;
    cx.add("C-LABEL-VARIANT", "表格标签与国家格式不一致（已按标准标签识别）：" + v, r.t2_line ? r.t2_line : r.t1_line);
  }
}

void check_compliance(Ctx& cx, Report& r) {
  // Title, agency, year, period, deadline
  std::u32string title = utf8::to_u32(r.title);
  if (r.title.empty()) {
    cx.add("C-TITLE", "未找到报告标题", 0);
  } else {
    std::vector<std::string> lacks;
    if (!r.year) lacks.push_back("年度");
    if (!has(title, U"政府信息公开")) lacks.push_back("“政府信息公开”");
    if (!has(title, U"年度报告")) lacks.push_back("“年度报告”");
    if (r.agency.empty()) lacks.push_back("机关名称");
    if (!lacks.empty()) {
      std::string l;
      for (auto& x : lacks) l += (l.empty() ? "" : "、") + x;
      cx.add("C-TITLE", "标题“" + r.title + "”缺少" + l, r.title_line);
    } else if (!has(title, U"政府信息公开工作年度报告")) {
      cx.add("C-TITLE", "标题“" + r.title + "”与标准名称“政府信息公开工作年度报告”不一致", r.title_line, {}, {},
             (int)Severity::Note);
    }
  }
  if (r.agency.empty()) cx.add("C-AGENCY", "未能从标题或落款识别出机关名称", r.title_line);
  if (!r.period_start.empty()) {
    int py = std::stoi(r.period_start.substr(0, 4));
    if (r.year && py != r.year)
      cx.add("C-YEAR", "标题年度为 " + std::to_string(r.year) + " 年，但统计期限为 " + r.period_start + " 至 " + r.period_end,
             r.title_line);
    std::string ys = std::to_string(py);
    if (r.period_start != ys + "-01-01" || r.period_end != ys + "-12-31")
      cx.add("C-PERIOD", "统计期限为 " + r.period_start + " 至 " + r.period_end + "，应为 " + ys + "-01-01 至 " + ys + "-12-31",
             0);
  }
  if (!r.publication_date.empty() && r.year) {
    int py = std::stoi(r.publication_date.substr(0, 4));
    if (py != r.year + 1 && py != r.year)
      cx.add("C-YEAR", "落款日期 " + r.publication_date + " 不在报告年度的次年", 0, {}, {}, (int)Severity::Warning);
    else if (py == r.year && r.publication_date < std::to_string(r.year) + "-12-31")
      cx.add("C-YEAR", "落款日期 " + r.publication_date + " 在报告年度结束之前，年度报告应在次年发布", 0, {}, {},
             (int)Severity::Warning);
    else if (py == r.year + 1) {
      bool gov = is_government(r.agency);
      std::string deadline = std::to_string(r.year + 1) + (gov ? "-03-31" : "-01-31");
      if (!is_grassroots(r.agency) && r.publication_date > deadline)
        cx.add("C-DEADLINE", "落款日期 " + r.publication_date + " 晚于规定期限 " + deadline, 0);
    }
  }

  // Section texts
  const Section& s1 = r.sections[0];
  const Section& s5 = r.sections[4];
  const Section& s6 = r.sections[5];
  if (s5.found()) {
    std::u32string t = without_spaces(normalize_u32(s5.text));
    if (t.size() < 10 || t == U"无" || t == U"无。")
      cx.add("C-S5-CONTENT", "第五部分只有“" + s5.text + "”，未写明存在的问题和改进措施", s5.line);
  }
  if (s6.found()) {
    std::u32string t = normalize_u32(s6.text);
    if (!has(t, U"信息处理费") && !(has(t, U"收费") && has(t, U"信息公开")) && !has(t, U"处理费"))
      cx.add("C-S6-FEE", "第六部分未说明政府信息公开信息处理费的收取情况（发出收费通知的件数和总金额、实际收取的总金额）",
             s6.line);
  }
  if (s1.found() && is_government(r.agency)) {
    std::u32string t = normalize_u32(s1.text);
    if (!(has(t, U"考核") && (has(t, U"评议") || has(t, U"追究"))))
      cx.add("C-S1-GOV", "“" + r.agency + "”是人民政府，第一部分应说明工作考核、社会评议和责任追究结果情况", s1.line);
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
        cx.add("T2-ZERO-CONSISTENT", "正文称“" + clause(sen.text, p) + "”，但表二本年新收申请为 " + num(*new_total) + " 件",
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
        cx.add("X-TEXT-NEW",
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
      cx.add("T1-TEXT",
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
        cx.add("T3-TEXT", "正文称“" + clause(sen.text, p) + "”，但表三行政复议总计为 " + num(*t3_total(0)) + " 件",
               sen.line, {t3_path(0, 4)});
    }
    size_t q = sen.text.find(U"行政诉讼");
    if (q != std::u32string::npos && t3_total(1) && t3_total(2)) {
      long n = count_after(sen.text, q, 12);
      if (n < 0 && neg) n = 0;
      double lit = *t3_total(1) + *t3_total(2);
      if (n >= 0 && n != lit)
        cx.add("T3-TEXT", "正文称“" + clause(sen.text, q) + "”，但表三行政诉讼总计为 " + num(lit) + " 件", sen.line,
               {t3_path(1, 4), t3_path(2, 4)});
    }
  }

  // Fee notices vs Table 2 row （六）2
  const Cell& nofee = r.applications[R_OTHER_NO_FEE][6];
  if (nofee.value && *nofee.value > 0 && r.sections[5].found() &&
      !has(normalize_u32(r.sections[5].text), U"收费通知"))
    cx.add("X-FEE-T2",
           "表二有 " + num(*nofee.value) + " 件申请因逾期未缴纳费用不再处理，但第六部分未说明发出收费通知的情况",
           r.sections[5].line, {t2_path(R_OTHER_NO_FEE, 6)});
}

void check_plausibility(Ctx& cx, Report& r) {
  const Proactive& p = r.proactive;
  auto stock = [&](const StockRow& s, const char* name, const char* path) {
    if (s.issued.value && s.in_force.value && *s.in_force.value < *s.issued.value)
      cx.add("T1-STOCK", std::string("表一") + name + "：现行有效 " + num(*s.in_force.value) + " 件少于本年制发 " +
                             num(*s.issued.value) + " 件",
             s.in_force.line, {std::string(path) + ".in_force", std::string(path) + ".issued"});
  };
  stock(p.regulations, "规章", "proactive.regulations");
  stock(p.normative_documents, "行政规范性文件", "proactive.normative_documents");
  bool reg_any = false;
  for (const Cell* c : {&p.regulations.issued, &p.regulations.repealed, &p.regulations.in_force})
    if (c->value && *c->value > 0) reg_any = true;
  std::u32string a = utf8::to_u32(r.agency);
  bool low_level = is_grassroots(r.agency) || has(a, U"县") ||
                   (has(a, U"区") && !has(a, U"自治区"));
  if (reg_any && low_level)
    cx.add("T1-REG-POWER", "“" + r.agency + "”没有规章制定权，表一规章件数应为 0", p.regulations.issued.line,
           {"proactive.regulations.issued"});
  if (p.fees_wan_yuan.value && *p.fees_wan_yuan.value > 10000 && is_grassroots(r.agency))
    cx.add("T1-FEE-UNIT", "收费金额 " + num(*p.fees_wan_yuan.value) + " 万元对乡镇（街道）异常大，可能把“元”当作了“万元”",
           p.fees_wan_yuan.line, {"proactive.fees_wan_yuan"});
}

// An OCR-read number that breaks every relation it is in that can be
// evaluated (its row total, its column sum) may well be misread, however sure
// the engine was: its confidence drops under the R-LOW-CONFIDENCE threshold.
void doubt_ocr_by_arithmetic(Report& r) {
  std::map<Cell*, std::pair<int, int>> tally;  // relations broken, holding
  for (auto& e : table_equations(r)) {
    if ((e.table == 2 && !r.t2_found) || (e.table == 3 && !r.t3_found)) continue;
    double sum = 0;
    bool complete = true;
    for (auto& t : e.terms) {
      if (!t.cell->value) complete = false;
      else sum += t.coef * *t.cell->value;
    }
    if (!complete) continue;
    bool broken = std::fabs(sum) >= 1e-6;
    for (auto& t : e.terms) ++(broken ? tally[t.cell].first : tally[t.cell].second);
  }
  for (auto& [c, n] : tally)
    if (c->confidence >= 0 && c->status == CellStatus::Printed && n.first >= 1 && n.second == 0)
      c->confidence = std::min(c->confidence, kOcrDoubtful);
}

}  // namespace

void check(Report& r) {
  Ctx cx{r};
  // A report of the legacy edition (before 2019) is held to none of the
  // national format's rules; reading has said which edition it is.
  if (r.template_year == "legacy") return;
  doubt_ocr_by_arithmetic(r);
  check_values(cx, r);
  check_arithmetic(cx, r);
  check_completeness(cx, r);
  check_compliance(cx, r);
  check_text_vs_tables(cx, r);
  check_plausibility(cx, r);
  // Order like a compiler: by line, errors before notes on the same line.
  std::stable_sort(r.diagnostics.begin(), r.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    int la = a.line ? a.line : 1 << 30, lb = b.line ? b.line : 1 << 30;
    if (la != lb) return la < lb;
    return (int)a.severity < (int)b.severity;
  });
}

}  // namespace gk
