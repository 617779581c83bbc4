// Totals of the national tables, computed from their parts (format-spec §4.3, §5.2).
// A total that is given and contradicts its parts is refused with the rule id.
#include <cmath>
#include <string>

#include "render/layout.h"
#include "render/render.h"

namespace gk::render {

namespace {

bool same(double a, double b) { return std::fabs(a - b) < 1e-9; }

std::string num(double v) { return format_number(v); }

// Set `total` to `sum` or verify it; throws when the given value differs.
void settle(Cell& total, double sum, const std::string& rule, const std::string& what) {
  if (total.value) {
    if (!same(*total.value, sum))
      throw RenderError(rule, what + "：报表给出 " + num(*total.value) + "，按各项计算应为 " +
                                  num(sum) + "（规则 " + rule + "）");
    return;
  }
  total.value = sum;
  total.status = CellStatus::Printed;
}

// Row total (C7 = C1..C6) of a Table 2 row, when all parts are known.
void t2_row_total(Report& r, int row) {
  auto& cells = r.applications[row];
  double sum = 0;
  for (int c = 0; c < kT2Cols - 1; ++c) {
    if (!cells[c].value) return;
    sum += *cells[c].value;
  }
  settle(cells[kT2Cols - 1], sum, std::string("T2-ROW-TOTAL@") + kT2RowKeys[row],
         std::string("表二“") + kT2RowLabels[row] + "”行的总计与各类申请人之和不符");
}

}  // namespace

void complete_totals(Report& r) {
  // Outcome rows R03..R23: their own 总计 column.
  for (int row = R_GRANTED; row <= R_OTHER_OTHER; ++row) t2_row_total(r, row);
  // （七）总计 = sum of the outcome rows, column by column.
  for (int c = 0; c < kT2Cols; ++c) {
    double sum = 0;
    bool known = true;
    for (int row = R_GRANTED; row <= R_OTHER_OTHER && known; ++row) {
      const Cell& cell = r.applications[row][c];
      // A row absent from this template (2019: single （六）) counts as 0.
      bool absent = cell.status == CellStatus::Absent ||
                    (r.template_year == "2019" && (row == R_OTHER_NO_CORRECTION || row == R_OTHER_NO_FEE));
      if (cell.value) sum += *cell.value;
      else if (!absent) known = false;
    }
    if (!known) continue;
    settle(r.applications[R_TOTAL][c], sum, std::string("T2-RESULT-SUM@") + kT2ColKeys[c],
           std::string("表二“（七）总计”行“") + kT2ColLabels[c] + "”列与各办理结果之和不符");
  }
  t2_row_total(r, R_NEW);
  t2_row_total(r, R_CARRIED_OVER);
  // 四、结转下年度继续办理 = 一 + 二 − （七）.
  for (int c = 0; c < kT2Cols; ++c) {
    const Cell& a = r.applications[R_NEW][c];
    const Cell& b = r.applications[R_CARRIED_OVER][c];
    const Cell& t = r.applications[R_TOTAL][c];
    if (!a.value || !b.value || !t.value) continue;
    double fwd = *a.value + *b.value - *t.value;
    std::string rule = std::string("T2-BALANCE@") + kT2ColKeys[c];
    if (fwd < 0 && !r.applications[R_CARRIED_FORWARD][c].value)
      throw RenderError(rule, std::string("表二“") + kT2ColLabels[c] + "”列办理结果总数（" +
                                  num(*t.value) + "）超过本年新收与上年结转之和（" +
                                  num(*a.value + *b.value) + "）（规则 " + rule + "）");
    settle(r.applications[R_CARRIED_FORWARD][c], fwd, rule,
           std::string("表二“") + kT2ColLabels[c] +
               "”列不满足“第一项加第二项之和，等于第三项加第四项之和”，“四、结转下年度继续办理”");
  }
  // Rows whose totals were given alongside their parts: verify.
  t2_row_total(r, R_TOTAL);
  t2_row_total(r, R_CARRIED_FORWARD);

  // Table 3: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
  for (int row = 0; row < kT3Rows; ++row) {
    auto& cells = r.appeals[row];
    double sum = 0;
    bool known = true;
    for (int c = 0; c < kT3Cols - 1; ++c) {
      if (!cells[c].value) { known = false; break; }
      sum += *cells[c].value;
    }
    if (!known) continue;
    settle(cells[kT3Cols - 1], sum, std::string("T3-ROW-TOTAL@") + kT3RowKeys[row],
           std::string("表三“") + kT3RowLabels[row] + "”的总计与各项结果之和不符");
  }
}

}  // namespace gk::render
