// Table 2 by construction: every cell counted from the register, so the row
// totals, the （七）总计 row and the balance 一+二 = 三（七）+四 hold by
// construction; and the comparison of a report's printed table 2 with it.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "model/report.h"
#include "register/calendar.h"
#include "register/register.h"

namespace gk::reg {

using Table2 = std::array<std::array<long, kT2Cols>, kT2Rows>;

struct Table2Result {
  Table2 cells{};
  // Cases counted per cell (case numbers), for the web UI's drill-down.
  std::array<std::array<std::vector<std::string>, kT2Cols>, kT2Rows> cases;
  // Notes on the carry-over against last year's register (Chinese).
  std::vector<std::string> notes;
};

// Year Y's table 2 from its register; `previous` is the same unit's register of
// Y-1 when kept: its cases still open on 31 December of Y-1 are this year's
// carry-over; those the year's register does not list are counted as carried
// over and still open (a note says so), and carried rows last year's register
// does not know are noted.
Table2Result table2(const Register& reg, const Register* previous = nullptr);

// Is a case still open on 31 December of the register's year?
bool open_at_year_end(const Case& c, int year);

// Table 2 cells of a report (values; a missing cell is nullopt).
struct CellDiff {
  int row, col;
  std::optional<double> printed;
  long computed;
};
std::vector<CellDiff> compare(const Table2& computed, const Report& printed);

// Put table 2 into a record (cells Printed).
void fill_report(Report& r, const Table2& t);

// Deadlines (第三十三条) of the open cases at `today`.
struct DeadlineRow {
  const Case* c;
  Clock clock;
  Date due;            // the clock that applies (extended when 延期答复)
  int working_days_left;  // negative: overdue by that many working days
  enum Status { Overdue, DueSoon, Open, RepliedLate, RepliedOnTime } status;
};
// Open cases (and, when `with_replied`, replied ones with their punctuality),
// overdue first, then by due date. `soon` = working days that make a case "due soon".
std::vector<DeadlineRow> deadlines(const Register& reg, const Calendar& cal, Date today, int soon,
                                   bool with_replied = false);
const char* status_name(DeadlineRow::Status s);  // 已逾期 / 即将到期 / 办理中 / 逾期答复 / 按期答复

}  // namespace gk::reg
