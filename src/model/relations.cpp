#include "model/relations.h"

#include <cmath>

#include "util/text.h"

namespace gk {

namespace {

constexpr double kEps = 1e-6;

// A row the report's template does not have: marked Absent by recognition,
// or, in a 2019-edition record made by hand, the two rows that edition folds
// into （六）其他处理 when nothing was given for them.
bool row_absent(const Report& r, int row) {
  if (r.applications[row][0].status == CellStatus::Absent) return true;
  if (r.edition == Edition::Y2019 && (row == R_OTHER_NO_CORRECTION || row == R_OTHER_NO_FEE)) {
    for (const Cell& c : r.applications[row])
      if (c.value) return false;
    return true;
  }
  return false;
}

std::string instance(Rule kind, const char* key) { return std::string(rule_id(kind)) + "@" + key; }

// The instance ids of the equations, made once: every equation of every
// record points at these (Equation::rule).
struct InstanceIds {
  std::string row_total[kT2Rows], result_sum[kT2Cols], balance[kT2Cols], t3_row[kT3Rows];
  InstanceIds() {
    for (int i = 0; i < kT2Rows; ++i) row_total[i] = instance(Rule::T2_ROW_TOTAL, kT2RowKeys[i]);
    for (int i = 0; i < kT2Cols; ++i) result_sum[i] = instance(Rule::T2_RESULT_SUM, kT2ColKeys[i]);
    for (int i = 0; i < kT2Cols; ++i) balance[i] = instance(Rule::T2_BALANCE, kT2ColKeys[i]);
    for (int i = 0; i < kT3Rows; ++i) t3_row[i] = instance(Rule::T3_ROW_TOTAL, kT3RowKeys[i]);
  }
};
const InstanceIds& ids() {
  static const InstanceIds k;
  return k;
}

}  // namespace

namespace {

// The equations of Table 2 (when t2) and Table 3 (when t3), in that order.
std::vector<Equation> equations(Report& r, bool t2, bool t3) {
  std::vector<Equation> eqs;
  eqs.reserve(42);
  // Paths of the cells: the tables of report.cpp, rows of contiguous strings.
  const std::string* p2 = &t2_path(0, 0);
  const std::string* p3 = &t3_path(0, 0);
  auto a2 = [&](int row, int c, int coef) { return Term{&r.applications[row][c], p2 + row * kT2Cols + c, coef}; };
  auto a3 = [&](int row, int c, int coef) { return Term{&r.appeals[row][c], p3 + row * kT3Cols + c, coef}; };
  if (t2) {
    bool absent[kT2Rows];
    int outcome_rows = 0;
    for (int row = 0; row < kT2Rows; ++row) {
      absent[row] = row_absent(r, row);
      if (row >= R_GRANTED && row <= R_OTHER_OTHER && !absent[row]) ++outcome_rows;
    }
    for (int row = 0; row < kT2Rows; ++row) {
      if (absent[row]) continue;
      Equation& e = eqs.emplace_back();
      e.kind = Rule::T2_ROW_TOTAL;
      e.rule = ids().row_total[row];
      e.row = row;
      e.terms.resize(kT2Cols, Term{});
      for (int c = 0; c < kT2Cols - 1; ++c) e.terms[c] = a2(row, c, +1);
      e.terms[kT2Cols - 1] = a2(row, kT2Cols - 1, -1);
      e.defines = kT2Cols - 1;
    }
    for (int c = 0; c < kT2Cols; ++c) {
      Equation& e = eqs.emplace_back();
      e.kind = Rule::T2_RESULT_SUM;
      e.rule = ids().result_sum[c];
      e.col = c;
      e.terms.resize(outcome_rows + 1, Term{});
      size_t k = 0;
      for (int row = R_GRANTED; row <= R_OTHER_OTHER; ++row)
        if (!absent[row]) e.terms[k++] = a2(row, c, +1);
      e.terms[k] = a2(R_TOTAL, c, -1);
      e.defines = (int)k;
    }
    for (int c = 0; c < kT2Cols; ++c) {
      Equation& e = eqs.emplace_back();
      e.kind = Rule::T2_BALANCE;
      e.rule = ids().balance[c];
      e.col = c;
      e.terms = {a2(R_NEW, c, +1), a2(R_CARRIED_OVER, c, +1), a2(R_TOTAL, c, -1), a2(R_CARRIED_FORWARD, c, -1)};
      e.defines = 3;
    }
  }
  if (t3)
    for (int row = 0; row < kT3Rows; ++row) {
      Equation& e = eqs.emplace_back();
      e.kind = Rule::T3_ROW_TOTAL;
      e.rule = ids().t3_row[row];
      e.table = 3;
      e.row = row;
      e.terms.resize(kT3Cols, Term{});
      for (int c = 0; c < kT3Cols - 1; ++c) e.terms[c] = a3(row, c, +1);
      e.terms[kT3Cols - 1] = a3(row, kT3Cols - 1, -1);
      e.defines = kT3Cols - 1;
    }
  return eqs;
}

}  // namespace

std::vector<Equation> table_equations(Report& r) { return equations(r, true, true); }

std::vector<Equation> found_table_equations(Report& r) { return equations(r, r.t2_found, r.t3_found); }

namespace {
double known_sum(const std::vector<Term>& ts, bool& complete) {
  double s = 0;
  for (const auto& t : ts) {
    if (!t.cell->value) complete = false;
    else s += *t.cell->value;
  }
  return s;
}
}  // namespace

double Inequality::small_sum() const {
  bool c = true;
  return known_sum(small, c);
}
double Inequality::large_sum() const {
  bool c = true;
  return known_sum(large, c);
}
bool Inequality::violated() const {
  bool complete = true;
  double s = known_sum(small, complete), l = known_sum(large, complete);
  return complete && s > l + kEps;
}
std::vector<std::string> Inequality::paths() const {
  std::vector<std::string> out;
  for (const auto* side : {&small, &large})
    for (const auto& t : *side) out.push_back(*t.path);
  return out;
}

std::vector<Inequality> table_inequalities(Report& r) {
  static const std::string kStock[2][2] = {
      {"proactive.regulations.issued", "proactive.regulations.in_force"},
      {"proactive.normative_documents.issued", "proactive.normative_documents.in_force"}};
  std::vector<Inequality> out;
  if (r.t2_found)
    for (int c = 0; c < kT2Cols; ++c) {
      Inequality q;
      q.kind = Rule::T2_OUT_LE_AVAIL;
      q.index = c;
      q.small = {{&r.applications[R_TOTAL][c], &t2_path(R_TOTAL, c), +1}};
      q.large = {{&r.applications[R_NEW][c], &t2_path(R_NEW, c), +1},
                 {&r.applications[R_CARRIED_OVER][c], &t2_path(R_CARRIED_OVER, c), +1}};
      out.push_back(std::move(q));
    }
  StockRow* rows[2] = {&r.proactive.regulations, &r.proactive.normative_documents};
  for (int i = 0; i < 2; ++i) {
    Inequality q;
    q.kind = Rule::T1_STOCK;
    q.index = i;
    q.small = {{&rows[i]->issued, &kStock[i][0], +1}};
    q.large = {{&rows[i]->in_force, &kStock[i][1], +1}};
    out.push_back(std::move(q));
  }
  return out;
}

namespace {
// evaluate(e).state == Fails, without gathering the missing terms (the
// recognizer asks this for every candidate split).
bool fails(const Equation& e) {
  double pos = 0, neg = 0;
  int unknown_pos = 0, unknown_neg = 0;
  for (const auto& t : e.terms) {
    if (t.cell->value) (t.coef > 0 ? pos : neg) += std::fabs(t.coef) * *t.cell->value;
    else ++(t.coef > 0 ? unknown_pos : unknown_neg);
  }
  if (unknown_pos + unknown_neg == 0) return std::fabs(pos - neg) >= kEps;
  return (unknown_neg == 0 && pos > neg + kEps) || (unknown_pos == 0 && neg > pos + kEps);
}
}  // namespace

Evaluation evaluate(const Equation& e) {
  Evaluation ev;
  double pos = 0, neg = 0;
  int unknown_pos = 0, unknown_neg = 0;
  for (const auto& t : e.terms) {
    if (t.cell->value) {
      (t.coef > 0 ? pos : neg) += std::fabs(t.coef) * *t.cell->value;
    } else {
      ++(t.coef > 0 ? unknown_pos : unknown_neg);
      ev.missing.push_back(&t);
    }
  }
  ev.sum = pos - neg;
  ev.unknown = unknown_pos + unknown_neg;
  ev.complete = ev.unknown == 0;
  if (ev.complete) {
    ev.state = std::fabs(ev.sum) < kEps ? Evaluation::Holds : Evaluation::Fails;
    return ev;
  }
  // Every cell is a count (≥ 0): pos + U⁺ = neg + U⁻.
  if ((unknown_neg == 0 && pos > neg + kEps) || (unknown_pos == 0 && neg > pos + kEps)) {
    ev.state = Evaluation::Fails;
    ev.by_bound = true;
  }
  return ev;
}

Sides sides(const Equation& e) {
  Sides s;
  for (const auto& t : e.terms)
    if (t.cell->value) (t.coef > 0 ? s.left : s.right) += *t.cell->value;
  return s;
}

namespace {

std::string what_of(const Report& r, const Equation& e) {
  switch (e.kind) {
    case Rule::T2_ROW_TOTAL:
      return std::string("表二“") + kT2RowLabels[e.row] + "”行的总计与各类申请人之和不符";
    case Rule::T2_RESULT_SUM:
      return std::string("表二“（七）总计”行“") + kT2ColLabels[e.col] + "”列与各办理结果之和不符";
    case Rule::T2_BALANCE:
      return std::string("表二“") + kT2ColLabels[e.col] +
             "”列不满足“第一项加第二项之和，等于第三项加第四项之和”";
    default:
      return std::string("表三“") + kT3RowLabels[e.row] + "”的总计与各项结果之和不符";
  }
}

}  // namespace

std::optional<Contradiction> complete_totals(Report& r) {
  std::vector<Equation> eqs = table_equations(r);
  for (bool changed = true; changed;) {
    changed = false;
    for (auto& e : eqs) {
      Evaluation ev = evaluate(e);
      if (ev.complete) {
        if (ev.state == Evaluation::Fails) {
          const Term& t = e.terms[e.defines];
          // Σ coef·v = sum ≠ 0; the defined term would make it 0 at given − sum/coef.
          double given = *t.cell->value, want = given - ev.sum / t.coef;
          return Contradiction{e.kind, std::string(e.rule),
                               what_of(r, e) + "：报表给出 " + format_number(given) + "，按各项计算应为 " +
                                   format_number(want) + "（规则 " + std::string(rule_id(e.kind)) + "）"};
        }
        continue;
      }
      if (ev.unknown != 1 || ev.missing[0] != &e.terms[e.defines]) continue;
      const Term& t = e.terms[e.defines];
      double v = -(ev.sum) / t.coef;
      if (v < -kEps) {
        if (e.kind == Rule::T2_BALANCE) {
          Sides s = sides(e);
          return Contradiction{Rule::T2_OUT_LE_AVAIL, instance(Rule::T2_OUT_LE_AVAIL, kT2ColKeys[e.col]),
                               std::string("表二“") + kT2ColLabels[e.col] + "”列办理结果总数（" +
                                   format_number(s.right) + "）超过本年新收与上年结转之和（" +
                                   format_number(s.left) + "）（规则 " +
                                   std::string(rule_id(Rule::T2_OUT_LE_AVAIL)) + "）"};
        }
        return Contradiction{e.kind, std::string(e.rule), what_of(r, e) + "：按各项计算为负数（规则 " + std::string(e.rule) + "）"};
      }
      t.cell->value = std::fabs(v) < kEps ? 0.0 : v;
      t.cell->status = CellStatus::Printed;
      changed = true;
    }
  }
  return std::nullopt;
}

RelationProbe::RelationProbe(bool single_six) {
  if (single_six)
    for (int c = 0; c < kT2Cols; ++c) {
      scratch_.applications[R_OTHER_NO_CORRECTION][c].status = CellStatus::Absent;
      scratch_.applications[R_OTHER_NO_FEE][c].status = CellStatus::Absent;
    }
  eqs_ = table_equations(scratch_);
  for (int& k : row_total_) k = -1;
  for (size_t k = 0; k < eqs_.size(); ++k)
    if (eqs_[k].kind == Rule::T2_ROW_TOTAL) row_total_[eqs_[k].row] = (int)k;
}

void RelationProbe::clear() {
  for (auto& row : scratch_.applications)
    for (auto& c : row) c.value.reset();
  for (auto& row : scratch_.appeals)
    for (auto& c : row) c.value.reset();
}

void RelationProbe::set_t2_row(int row, const std::vector<double>& v) {
  for (int c = 0; c < kT2Cols && c < (int)v.size(); ++c) scratch_.applications[row][c].value = v[c];
}

void RelationProbe::set_t2_cell(int row, int col, double v) { scratch_.applications[row][col].value = v; }

void RelationProbe::set_t3(const std::vector<double>& v) {
  for (int i = 0; i < kT3Rows * kT3Cols && i < (int)v.size(); ++i) scratch_.appeals[i / kT3Cols][i % kT3Cols].value = v[i];
}

bool RelationProbe::holds(Rule kind, int row) const {
  for (const auto& e : eqs_) {
    if (e.kind != kind || (row >= 0 && e.row != row)) continue;
    if (fails(e)) return false;
  }
  return true;
}

bool RelationProbe::t2_row_holds(int row) const {
  return row < 0 || row >= kT2Rows || row_total_[row] < 0 || !fails(eqs_[row_total_[row]]);
}
bool RelationProbe::t2_columns_hold() const {
  return holds(Rule::T2_RESULT_SUM, -1) && holds(Rule::T2_BALANCE, -1);
}
bool RelationProbe::t3_holds() const { return holds(Rule::T3_ROW_TOTAL, -1); }

std::string cell_label(const std::string& path) {
  auto index = [&](size_t open) { return std::atoi(path.c_str() + open + 1); };
  if (path.rfind("applications.", 0) == 0) {
    size_t open = path.find('[');
    std::string key = path.substr(13, open == std::string::npos ? std::string::npos : open - 13);
    int col = open == std::string::npos ? -1 : index(open);
    for (int i = 0; i < kT2Rows; ++i)
      if (key == kT2RowKeys[i])
        return std::string("表二“") + kT2RowLabels[i] + "”行" +
               (col >= 0 && col < kT2Cols ? std::string("“") + kT2ColLabels[col] + "”列" : std::string());
  }
  if (path.rfind("appeals.", 0) == 0) {
    size_t open = path.find('[');
    std::string key = path.substr(8, open == std::string::npos ? std::string::npos : open - 8);
    int col = open == std::string::npos ? -1 : index(open);
    for (int i = 0; i < kT3Rows; ++i)
      if (key == kT3RowKeys[i])
        return std::string("表三“") + kT3RowLabels[i] + "”" +
               (col >= 0 && col < kT3Cols ? std::string("“") + kT3ColLabels[col] + "”" : std::string());
  }
  static const std::pair<const char*, const char*> t1[] = {
      {"proactive.regulations.issued", "表一“规章”本年制发件数"},
      {"proactive.regulations.repealed", "表一“规章”本年废止件数"},
      {"proactive.regulations.in_force", "表一“规章”现行有效件数"},
      {"proactive.normative_documents.issued", "表一“行政规范性文件”本年制发件数"},
      {"proactive.normative_documents.repealed", "表一“行政规范性文件”本年废止件数"},
      {"proactive.normative_documents.in_force", "表一“行政规范性文件”现行有效件数"},
      {"proactive.licensing", "表一“行政许可”本年处理决定数量"},
      {"proactive.punishment", "表一“行政处罚”本年处理决定数量"},
      {"proactive.enforcement", "表一“行政强制”本年处理决定数量"},
      {"proactive.fees_wan_yuan", "表一“行政事业性收费”本年收费金额（万元）"},
  };
  for (const auto& [p, label] : t1)
    if (path == p) return label;
  return "表格单元格";
}

}  // namespace gk
