// The arithmetic relations of Tables 2 and 3 as linear equations
// Σ coef·cell = 0. Shared by check (evaluate) and repair (solve).
#pragma once

#include <string>
#include <vector>

#include "model/report.h"

namespace gk {

struct Term {
  Cell* cell;
  const std::string* path;  // static (t2_path / t3_path)
  int coef;  // +1 / -1
};

struct Equation {
  std::string rule;  // instance id, e.g. "T2-ROW-TOTAL@new"
  std::vector<Term> terms;
  int table = 2;     // 2 or 3
  int col = -1;      // column for column relations (T2-RESULT-SUM / T2-BALANCE)
  int row = -1;      // row for row totals
};

// Relations over the rows the report's template has (Absent rows excluded).
std::vector<Equation> table_equations(Report& r);

}  // namespace gk
