#include "model/relations.h"

namespace gk {

std::vector<Equation> table_equations(Report& r) {
  std::vector<Equation> eqs;
  auto absent = [&](int row) { return r.applications[row][0].status == CellStatus::Absent; };
  eqs.reserve(42);
  for (int row = 0; row < kT2Rows; ++row) {
    if (absent(row)) continue;
    Equation e;
    e.terms.reserve(7);
    e.rule = std::string("T2-ROW-TOTAL@") + kT2RowKeys[row];
    e.row = row;
    for (int c = 0; c < 6; ++c) e.terms.push_back({&r.applications[row][c], &t2_path(row, c), +1});
    e.terms.push_back({&r.applications[row][6], &t2_path(row, 6), -1});
    eqs.push_back(std::move(e));
  }
  for (int c = 0; c < kT2Cols; ++c) {
    Equation e;
    e.terms.reserve(22);
    e.rule = std::string("T2-RESULT-SUM@") + kT2ColKeys[c];
    e.col = c;
    for (int row = R_GRANTED; row <= R_OTHER_OTHER; ++row)
      if (!absent(row)) e.terms.push_back({&r.applications[row][c], &t2_path(row, c), +1});
    e.terms.push_back({&r.applications[R_TOTAL][c], &t2_path(R_TOTAL, c), -1});
    eqs.push_back(std::move(e));
  }
  for (int c = 0; c < kT2Cols; ++c) {
    Equation e;
    e.rule = std::string("T2-BALANCE@") + kT2ColKeys[c];
    e.col = c;
    e.terms = {{&r.applications[R_NEW][c], &t2_path(R_NEW, c), +1},
               {&r.applications[R_CARRIED_OVER][c], &t2_path(R_CARRIED_OVER, c), +1},
               {&r.applications[R_TOTAL][c], &t2_path(R_TOTAL, c), -1},
               {&r.applications[R_CARRIED_FORWARD][c], &t2_path(R_CARRIED_FORWARD, c), -1}};
    eqs.push_back(std::move(e));
  }
  for (int row = 0; row < kT3Rows; ++row) {
    Equation e;
    e.rule = std::string("T3-ROW-TOTAL@") + kT3RowKeys[row];
    e.table = 3;
    e.row = row;
    for (int c = 0; c < 4; ++c) e.terms.push_back({&r.appeals[row][c], &t3_path(row, c), +1});
    e.terms.push_back({&r.appeals[row][4], &t3_path(row, 4), -1});
    eqs.push_back(std::move(e));
  }
  return eqs;
}

}  // namespace gk
