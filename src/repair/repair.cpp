// Recovery of lost cells by the tables' own arithmetic.
//
// Unknowns are the cells the layout lost (Missing) or printed as placeholders.
// 1. propagate: an equation with one unknown determines it; an equation whose
//    unknowns all carry the same sign and must sum to 0 makes them all 0
//    (counts are non-negative);
// 2. eliminate: Gauss-Jordan on what is left; a pivot with no free variable
//    in its row is determined;
// 3. verify: every relation touching a rebuilt cell must hold, or the rebuilt
//    values of that table are withdrawn (the printed numbers disagree, and
//    that is the report's error, reported by check).
// A value is taken only when it is a unique non-negative whole number.
#include "repair/repair.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "model/relations.h"
#include "util/text.h"

namespace gk {

namespace {

// Cells the solver may determine: lost or placeholder cells (value null) and
// printed blanks (value 0 by convention, unless the arithmetic says otherwise).
bool unknown(const Cell& c) {
  return (!c.value && (c.status == CellStatus::Missing || c.status == CellStatus::Placeholder)) ||
         c.status == CellStatus::Blank;
}

// The printed label of a term within its relation: the column label in a row
// relation (T2-ROW-TOTAL, T3-ROW-TOTAL), the row label (without its
// parenthesised explanation) in a column relation (T2-RESULT-SUM, T2-BALANCE).
std::string term_label(const Equation& e, const Term& t) {
  const std::string& path = *t.path;
  size_t open = path.find('[');
  int col = open == std::string::npos ? -1 : std::atoi(path.c_str() + open + 1);
  bool t3 = path.rfind("appeals.", 0) == 0;
  if (e.col < 0) {
    if (t3) return col >= 0 && col < kT3Cols ? kT3ColLabels[col] : "";
    return col >= 0 && col < kT2Cols ? kT2ColLabels[col] : "";
  }
  size_t dot = path.find('.');
  std::string key = path.substr(dot + 1, open == std::string::npos ? std::string::npos : open - dot - 1);
  for (int i = 0; i < kT2Rows; ++i)
    if (key == kT2RowKeys[i]) {
      std::string l = kT2RowLabels[i];
      // "（二）部分公开（区分处理的，…）" -> "（二）部分公开"
      size_t from = l.rfind("（", 0) == 0 ? l.find("）") : 0;
      size_t paren = l.find("（", from == std::string::npos ? 0 : from + 1);
      if (paren != std::string::npos && paren > 0) l = l.substr(0, paren);
      return l;
    }
  return "";
}

// One relation used to rebuild `c`, written out with the figures and the
// labels they stand for: "“总计 = 自然人 + …”：35 = 45 − 10（总计 − 其他）".
// Terms that are 0 are left out of the arithmetic (said so). `via` is an
// instance id, or several joined by '+' when elimination combined them.
std::string relation_text(std::vector<Equation>& eqs, const std::string& via, const Cell* c) {
  std::string out;
  size_t from = 0;
  while (from <= via.size()) {
    size_t plus = via.find('+', from);
    std::string id = via.substr(from, plus == std::string::npos ? std::string::npos : plus - from);
    for (const auto& e : eqs) {
      if (e.rule != id) continue;
      // the cell on one side, the rest on the other: c = Σ sign·t
      int coef = 0;
      for (const auto& t : e.terms)
        if (t.cell == c) coef = t.coef;
      std::string nums, labels;
      bool zeros = false, first = true;
      for (int pass = 0; pass < 2; ++pass)  // added terms first, then subtracted ones
        for (const auto& t : e.terms) {
          if (t.cell == c || !t.cell->value) continue;
          int sign = -t.coef * coef;
          if ((pass == 0) != (sign > 0)) continue;
          if (*t.cell->value == 0) { zeros = true; continue; }
          const char* op = sign > 0 ? (first ? "" : " + ") : (first ? "−" : " − ");
          nums += op + format_number(*t.cell->value);
          labels += op + term_label(e, t);
          first = false;
        }
      std::string f = std::string("“") + rule_def(e.kind).formula + "”";
      if (coef && c->value) {
        f += "：" + format_number(*c->value) + " = " + (nums.empty() ? "0" : nums);
        if (!labels.empty()) f += "（" + labels + (zeros ? "，其余各项为 0" : "") + "）";
        else if (zeros) f += "（各项均为 0）";
      }
      out += (out.empty() ? "" : "与") + f;
    }
    if (plus == std::string::npos) break;
    from = plus + 1;
  }
  return out.empty() ? "表内勾稽关系" : out;
}

struct Solver {
  std::vector<Equation>& eqs;
  std::map<Cell*, std::vector<std::string>> via;
  std::vector<Cell*> order;  // cells rebuilt, in order

  bool set(Cell* c, double v, std::string_view rule) {
    if (v < -1e-9 || std::fabs(v - std::round(v)) > 1e-6) return false;
    c->value = std::round(v);
    if (c->value == -0.0) c->value = 0.0;
    c->status = CellStatus::Recovered;
    via[c].emplace_back(rule);
    order.push_back(c);
    return true;
  }

  void propagate() {
    bool changed = true;
    while (changed) {
      changed = false;
      for (auto& e : eqs) {
        double known = 0;
        std::vector<const Term*> unk;
        for (const auto& t : e.terms) {
          if (unknown(*t.cell)) unk.push_back(&t);
          else if (t.cell->value) known += t.coef * *t.cell->value;
          else { unk.clear(); known = NAN; break; }  // an absent/odd cell: skip
        }
        if (std::isnan(known) || unk.empty()) continue;
        if (unk.size() == 1) {
          double v = -known / unk[0]->coef;
          if (set(unk[0]->cell, v, e.rule)) changed = true;
          continue;
        }
        bool same_sign = true;
        for (auto* t : unk) same_sign = same_sign && t->coef == unk[0]->coef;
        if (same_sign && std::fabs(known) < 1e-9) {
          for (auto* t : unk) set(t->cell, 0, e.rule);
          changed = true;
        }
      }
    }
  }

  void eliminate() {
    std::vector<Cell*> vars;
    std::map<Cell*, int> idx;
    for (auto& e : eqs)
      for (auto& t : e.terms)
        if (unknown(*t.cell) && !idx.count(t.cell)) {
          idx[t.cell] = (int)vars.size();
          vars.push_back(t.cell);
        }
    if (vars.empty()) return;
    size_t n = vars.size();
    std::vector<std::vector<double>> rows;
    std::vector<std::vector<std::string>> rules;
    for (auto& e : eqs) {
      std::vector<double> row(n + 1, 0.0);
      bool any = false, bad = false;
      for (auto& t : e.terms) {
        if (unknown(*t.cell)) { row[idx[t.cell]] += t.coef; any = true; }
        else if (t.cell->value) row[n] -= t.coef * *t.cell->value;
        else bad = true;
      }
      if (any && !bad) {
        rows.push_back(row);
        rules.push_back({std::string(e.rule)});
      }
    }
    // Gauss-Jordan
    size_t r = 0;
    std::vector<int> pivot_col;
    for (size_t c = 0; c < n && r < rows.size(); ++c) {
      size_t p = r;
      while (p < rows.size() && std::fabs(rows[p][c]) < 1e-9) ++p;
      if (p == rows.size()) continue;
      std::swap(rows[p], rows[r]);
      std::swap(rules[p], rules[r]);
      double div = rows[r][c];
      for (auto& x : rows[r]) x /= div;
      for (size_t k = 0; k < rows.size(); ++k) {
        if (k == r || std::fabs(rows[k][c]) < 1e-9) continue;
        double f = rows[k][c];
        for (size_t j = 0; j <= n; ++j) rows[k][j] -= f * rows[r][j];
        for (auto& rule : rules[r])
          if (std::find(rules[k].begin(), rules[k].end(), rule) == rules[k].end()) rules[k].push_back(rule);
      }
      pivot_col.push_back((int)c);
      ++r;
    }
    for (size_t k = 0; k < pivot_col.size(); ++k) {
      bool alone = true;
      for (size_t j = 0; j < n; ++j)
        if ((int)j != pivot_col[k] && std::fabs(rows[k][j]) > 1e-9) alone = false;
      if (!alone) continue;
      Cell* c = vars[pivot_col[k]];
      std::string joined;
      for (auto& rule : rules[k]) joined += (joined.empty() ? "" : "+") + rule;
      set(c, rows[k][n], joined);
    }
  }
};

// Trusted ground (issue 12). A relation that already fails on what was
// printed, with printed blanks taken as unknown (so the failure holds whatever
// the lost cells are: by the non-negativity bound, or with every cell known),
// says that the values of its row or column are not where they belong: a row
// shifted one column, a column lost at the page edge. No cell is rebuilt from
// a relation that shares a cell with such a relation, and no cell of one is
// rebuilt. When most rows of Table 2 fail their totals (blanks taken as 0),
// the table as a whole is misaligned: R-TABLE-MISALIGNED, and nothing of
// Table 2 is rebuilt.
struct Ground {
  std::set<const Cell*> tainted;
  bool t2_misaligned = false;
  bool trusted(const Equation& e) const {
    if (e.table == 2 && t2_misaligned) return false;
    for (const auto& t : e.terms)
      if (tainted.count(t.cell)) return false;
    return true;
  }
};

// Printed blanks of the relations, taken for the time of `f` as unknown
// (`as_zero` false) or, when they hold no value, as 0; restored after.
template <class F>
void with_blanks(std::vector<Equation>& eqs, bool as_zero, F f) {
  std::vector<std::pair<Cell*, std::optional<double>>> saved;
  for (auto& e : eqs)
    for (auto& t : e.terms)
      if (t.cell->status == CellStatus::Blank) saved.emplace_back(t.cell, t.cell->value);
  for (auto& [c, v] : saved) c->value = as_zero ? std::optional<double>(v.value_or(0.0)) : std::nullopt;
  f();
  for (auto& [c, v] : saved) c->value = v;
}

// The relations that fail on what was printed, blanks unknown: their cells.
void taint(Ground& g, std::vector<Equation>& eqs) {
  with_blanks(eqs, false, [&] {
    for (auto& e : eqs)
      if (evaluate(e).state == Evaluation::Fails)
        for (auto& t : e.terms) g.tainted.insert(t.cell);
  });
}

// Most Table 2 row totals failing (blanks as 0): R-TABLE-MISALIGNED.
void check_alignment(Report& r, Ground& g, std::vector<Equation>& eqs) {
  int decided = 0, failing = 0, line = 0;
  std::vector<std::string> cells, rows;
  with_blanks(eqs, true, [&] {
    for (auto& e : eqs) {
      if (e.kind != Rule::T2_ROW_TOTAL) continue;
      Evaluation ev = evaluate(e);
      if (ev.state == Evaluation::Open) continue;
      ++decided;
      if (ev.state != Evaluation::Fails) continue;
      ++failing;
      if (rows.size() < 3) rows.push_back(std::string("“") + kT2RowLabels[e.row] + "”");
      for (auto& t : e.terms) {
        cells.push_back(*t.path);
        if (!line && t.cell->line) line = t.cell->line;
      }
    }
  });
  if (failing >= 3 && failing * 2 > decided) {
    g.t2_misaligned = true;
    std::string which;
    for (auto& w : rows) which += (which.empty() ? "" : "、") + w;
    emit(r.diagnostics, Rule::R_TABLE_MISALIGNED, line,
         "表二多数行的算术不成立，疑似错列：" + std::to_string(decided) + " 行中有 " + std::to_string(failing) +
             " 行的“总计”不等于各类申请人之和（如" + which + (failing > 3 ? "等" : "") +
             "），数值可能落在了别的列下；表二的缺失或空白单元格未据此推算")
        .cells(cells);
  }
}

}  // namespace

void repair(Report& r) {
  // Only tables that were found: a missing table is reported as incomplete.
  std::vector<Equation> eqs = found_table_equations(r);
  Ground ground;
  check_alignment(r, ground, eqs);
  std::set<Cell*> unknown_before;
  for (auto& e : eqs)
    for (auto& t : e.terms)
      if (unknown(*t.cell)) unknown_before.insert(t.cell);
  if (unknown_before.empty()) return;
  taint(ground, eqs);
  std::map<Cell*, const std::string*> paths;  // static (t2_path / t3_path)
  for (auto& e : eqs)
    for (auto& t : e.terms) paths[t.cell] = t.path;
  // The solver works only from trusted relations; every relation still
  // verifies what it rebuilt (below).
  std::vector<Equation> usable;
  for (auto& e : eqs)
    if (ground.trusted(e)) usable.push_back(e);
  // Printed blanks are unknowns to the solver; their value 0 is only a default,
  // taken when the arithmetic leaves them open and still holds with 0. A blank
  // that cannot be 0 becomes a lost cell (recovered if determined, else null).
  std::set<Cell*> printed_blank, hard_blanks, blanks;
  std::map<Cell*, Cell> snapshot;
  for (Cell* c : unknown_before) {
    snapshot[c] = *c;
    if (c->status == CellStatus::Blank) printed_blank.insert(c);
  }
  std::unique_ptr<Solver> sp;
  for (int attempt = 0; attempt < 4; ++attempt) {
    for (auto& [c, v] : snapshot) *c = v;
    blanks.clear();
    for (Cell* c : printed_blank) {
      c->value.reset();
      if (hard_blanks.count(c)) c->status = CellStatus::Missing;
      else blanks.insert(c);
    }
    sp = std::make_unique<Solver>(Solver{usable, {}, {}});
    Solver& s = *sp;
    s.propagate();
    s.eliminate();
    std::set<Cell*> defaulted;
    for (Cell* c : blanks)
      if (!c->value) {
        c->value = 0;
        c->status = CellStatus::Blank;
        defaulted.insert(c);
      }
    s.propagate();
    s.eliminate();
    std::set<Cell*> conflict;
    for (auto& e : eqs) {
      double sum = 0;
      bool complete = true;
      std::vector<Cell*> mine;
      for (auto& t : e.terms) {
        if (!t.cell->value) { complete = false; break; }
        sum += t.coef * *t.cell->value;
        if (defaulted.count(t.cell)) mine.push_back(t.cell);
      }
      if (complete && std::fabs(sum) > 1e-6) conflict.insert(mine.begin(), mine.end());
    }
    if (conflict.empty()) break;
    hard_blanks.insert(conflict.begin(), conflict.end());
  }
  Solver& s = *sp;
  // A blank the arithmetic puts at 0 stays a printed blank.
  for (Cell* c : printed_blank)
    if (c->status == CellStatus::Recovered && c->value && *c->value == 0) c->status = CellStatus::Blank;
  s.order.erase(std::remove_if(s.order.begin(), s.order.end(),
                               [](Cell* c) { return c->status != CellStatus::Recovered; }),
                s.order.end());

  // Verify: every relation that touches a rebuilt cell must hold.
  std::set<int> bad_tables;
  for (auto& e : eqs) {
    bool touches = false, complete = true;
    double sum = 0;
    for (auto& t : e.terms) {
      if (t.cell->status == CellStatus::Recovered && s.via.count(t.cell)) touches = true;
      if (!t.cell->value) complete = false;
      else sum += t.coef * *t.cell->value;
    }
    if (touches && complete && std::fabs(sum) > 1e-6) bad_tables.insert(e.table);
  }
  for (Cell* c : s.order) {
    bool t3 = paths[c]->rfind("appeals.", 0) == 0;
    if (!bad_tables.count(t3 ? 3 : 2)) continue;
    if (printed_blank.count(c) && !hard_blanks.count(c)) {  // back to what was printed: a blank
      c->value = 0;
      c->status = CellStatus::Blank;
      continue;
    }
    c->value.reset();
    c->status = c->raw.empty() ? CellStatus::Missing : CellStatus::Placeholder;
  }
  std::set<Cell*> withdrawn;
  for (Cell* c : s.order)
    if (!c->value || (printed_blank.count(c) && c->status == CellStatus::Blank)) withdrawn.insert(c);

  // Diagnostics: one per rebuilt cell; unresolved cells listed per table.
  for (Cell* c : s.order) {
    if (withdrawn.count(c)) continue;
    c->via = s.via[c];
    std::string how;
    for (auto& v : c->via) how += (how.empty() ? "" : "、") + relation_text(eqs, v, c);
    if (printed_blank.count(c))
      emit(r.diagnostics, Rule::R_BLANK_NONZERO, c->line,
           cell_label(*paths[c]) + "原文为空白，但按" + how + "，应为 " + format_number(*c->value) + "，已取该值")
          .cell(*paths[c]);
    else
      emit(r.diagnostics, Rule::R_RECOVERED, c->line,
           cell_label(*paths[c]) + "未能从原文读出，按" + how + "，推算为 " + format_number(*c->value))
          .cell(*paths[c]);
  }
  if (!withdrawn.empty()) {
    std::vector<std::string> cells;
    for (Cell* c : withdrawn) cells.push_back(*paths[c]);
    emit(r.diagnostics, Rule::R_CONFLICT, 0,
         "表内印出的数字互相矛盾，缺失单元格的推算结果未被采用（" + std::to_string(withdrawn.size()) + " 个单元格记为空）")
        .cells(cells);
  }
  std::vector<std::string> unresolved;
  int line = 0;
  for (Cell* c : unknown_before)
    if (!c->value && !withdrawn.count(c)) {
      unresolved.push_back(*paths[c]);
      if (!line) line = c->line;
    }
  if (!unresolved.empty()) {
    std::sort(unresolved.begin(), unresolved.end());
    emit(r.diagnostics, Rule::R_UNRESOLVED, line,
         std::to_string(unresolved.size()) + " 个单元格未能从原文读出，且无法由勾稽关系唯一确定，记为空")
        .cells(unresolved);
  }
}

}  // namespace gk
