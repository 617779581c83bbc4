// The arithmetic relations of Tables 2 and 3 (format-spec §4.3, §5.2), once,
// as linear equations Σ coef·cell = 0 over the cells of a record. recognize
// (choosing among digit splits), repair (solving for lost cells), check
// (evaluating, with bounds) and render (completing totals) all use these.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/report.h"
#include "model/rules.h"

namespace gk {

struct Term {
  Cell* cell;
  const std::string* path;  // static (t2_path / t3_path)
  int coef;                 // +1 / -1
};

struct Equation {
  Rule kind = Rule::T2_ROW_TOTAL;
  std::string_view rule;  // instance id, e.g. "T2-ROW-TOTAL@new" (static storage)
  std::vector<Term> terms;
  int table = 2;     // 2 or 3
  int col = -1;      // column of a column relation (T2-RESULT-SUM / T2-BALANCE)
  int row = -1;      // row of a row total
  int defines = -1;  // the term the relation defines (its total; 四 for T2-BALANCE)
};

// Relations over the rows the report's template has (Absent rows excluded),
// in the order a person fills the table: row totals of the outcome rows, the
// column sums into （七）总计, the other row totals, the balance, Table 3.
std::vector<Equation> table_equations(Report& r);
// Only the relations of tables the report printed (t2_found / t3_found).
std::vector<Equation> found_table_equations(Report& r);

// How a relation stands on the values it has. Counts are non-negative, so a
// relation with unknown cells can still be decided: it fails when the known
// positive side already exceeds what the rest can hold.
struct Evaluation {
  enum State { Holds, Fails, Open } state = Open;
  bool complete = false;  // every cell known
  double sum = 0;         // Σ coef·value over the known cells
  int unknown = 0;        // cells without a value
  std::vector<const Term*> missing;
  // When it fails with unknown cells: Σ of the known parts and the known
  // total that it exceeds (or the part that would have to be negative).
  bool by_bound = false;
};
Evaluation evaluate(const Equation& e);

// The sides of a relation as printed: for "Σ parts − total = 0" the parts'
// sum and the total (the term it defines); for T2-BALANCE 一 + 二 and （七）+ 四.
struct Sides {
  double left = 0, right = 0;
};
Sides sides(const Equation& e);

// The inequalities of the format, beside the equations: results cannot exceed
// what was available (T2-OUT-LE-AVAIL: （七）总计 ≤ 一 + 二, each column), and
// nothing in force can be fewer than was issued this year (T1-STOCK, for
// 规章 and 行政规范性文件). Σ small ≤ Σ large, decided when every cell is known.
struct Inequality {
  Rule kind = Rule::T2_OUT_LE_AVAIL;
  int index = -1;             // the Table 2 column; for T1-STOCK 0 规章, 1 行政规范性文件
  std::vector<Term> small;    // the side that may not exceed the other
  std::vector<Term> large;
  bool violated() const;      // every cell known and Σ small > Σ large
  double small_sum() const;
  double large_sum() const;
  std::vector<std::string> paths() const;  // small side first, then the large
};
// Over the tables the report printed (T2 only when t2_found).
std::vector<Inequality> table_inequalities(Report& r);

// Fill the totals a record leaves empty from their parts (render, generator),
// and verify the totals it gives. Returns the first relation that the given
// figures contradict, with a Chinese message naming the cells; nothing when
// the record is consistent. A total left open (a part unknown) stays empty.
struct Contradiction {
  Rule rule;
  std::string id;       // instance id
  std::string message;  // Chinese, with the figures
};
std::optional<Contradiction> complete_totals(Report& r);

// The relations evaluated on candidate values, for recognition choosing among
// the ways a run of digits can be split. A scratch record holds the values
// set so far; a relation holds unless the values it has contradict it (with
// the non-negativity bound), so a partial assignment can already be refused.
class RelationProbe {
 public:
  // single_six: the 2019 layout's single （六）其他处理 row (rows 20, 21 absent).
  explicit RelationProbe(bool single_six = false);
  void clear();
  void set_t2_row(int row, const std::vector<double>& values);  // 7 values
  void set_t2_cell(int row, int col, double value);
  void set_t3(const std::vector<double>& values);              // 15 values, row by row
  bool t2_row_holds(int row) const;   // T2-ROW-TOTAL of that row
  bool t2_columns_hold() const;       // every T2-RESULT-SUM and T2-BALANCE
  bool t3_holds() const;              // every T3-ROW-TOTAL

 private:
  Report scratch_;
  std::vector<Equation> eqs_;
  int row_total_[kT2Rows];  // index in eqs_ of each row's T2-ROW-TOTAL, -1 when the row is absent
  bool holds(Rule kind, int row) const;
};

// Chinese label of a cell path for messages: "表二“一、本年新收政府信息公开申请数量”行“自然人”列".
std::string cell_label(const std::string& path);

}  // namespace gk
