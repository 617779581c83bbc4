#include "register/table2.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace gk::reg {

bool open_at_year_end(const Case& c, int year) {
  return c.outcome < 0 || !c.replied || c.replied->year() > year;
}

Table2Result table2(const Register& reg, const Register* previous) {
  Table2Result out;
  auto count = [&](int row, const Case& c) {
    out.cells[row][c.applicant] += 1;
    out.cells[row][kT2Cols - 1] += 1;
    out.cases[row][c.applicant].push_back(c.case_no);
  };
  std::unordered_map<std::string, const Case*> listed;
  for (const Case& c : reg.cases) {
    listed[c.case_no] = &c;
    count(c.carried_over ? R_CARRIED_OVER : R_NEW, c);
    if (open_at_year_end(c, reg.year)) {
      count(R_CARRIED_FORWARD, c);
    } else {
      count(c.outcome, c);
      count(R_TOTAL, c);
    }
  }

  if (previous) {
    std::vector<std::string> missing;
    std::unordered_map<std::string, const Case*> open_last;
    for (const Case& p : previous->cases)
      if (open_at_year_end(p, previous->year)) {
        open_last[p.case_no] = &p;
        auto it = listed.find(p.case_no);
        if (it == listed.end()) {
          // Carried over by construction, still open: last year's register says so.
          Case c = p;
          c.carried_over = true;
          count(R_CARRIED_OVER, c);
          count(R_CARRIED_FORWARD, c);
          missing.push_back(p.case_no);
        } else if (!it->second->carried_over) {
          out.notes.push_back("申请“" + p.case_no + "”在 " + std::to_string(previous->year) +
                              " 年台账中未办结，本年台账却未标为上年结转");
        }
      }
    if (!missing.empty()) {
      std::string list;
      for (size_t i = 0; i < missing.size() && i < 20; ++i) list += (i ? "、" : "") + missing[i];
      if (missing.size() > 20) list += " 等";
      out.notes.push_back(std::to_string(previous->year) + " 年台账中有 " + std::to_string(missing.size()) +
                          " 件申请年底未办结，本年台账未列出：按上年结转、仍在办理计入（" + list + "）");
    }
    for (const Case& c : reg.cases)
      if (c.carried_over && !open_last.count(c.case_no))
        out.notes.push_back("申请“" + c.case_no + "”标为上年结转，但 " + std::to_string(previous->year) +
                            " 年台账中没有这件未办结的申请");
  }
  return out;
}

std::vector<CellDiff> compare(const Table2& computed, const Report& printed) {
  std::vector<CellDiff> out;
  for (int row = 0; row < kT2Rows; ++row) {
    const Cell& first = printed.applications[row][0];
    if (first.status == CellStatus::Absent) continue;
    for (int col = 0; col < kT2Cols; ++col) {
      const Cell& cell = printed.applications[row][col];
      long want = computed[row][col];
      if (cell.value && std::fabs(*cell.value - static_cast<double>(want)) < 1e-9) continue;
      out.push_back({row, col, cell.value, want});
    }
  }
  return out;
}

void fill_report(Report& r, const Table2& t) {
  for (int row = 0; row < kT2Rows; ++row)
    for (int col = 0; col < kT2Cols; ++col) {
      Cell& c = r.applications[row][col];
      c.value = static_cast<double>(t[row][col]);
      c.status = CellStatus::Printed;
      c.raw.clear();
    }
}

const char* status_name(DeadlineRow::Status s) {
  switch (s) {
    case DeadlineRow::Overdue: return "已逾期";
    case DeadlineRow::DueSoon: return "即将到期";
    case DeadlineRow::Open: return "办理中";
    case DeadlineRow::RepliedLate: return "逾期答复";
    case DeadlineRow::RepliedOnTime: return "按期答复";
  }
  return "";
}

std::vector<DeadlineRow> deadlines(const Register& reg, const Calendar& cal, Date today, int soon,
                                   bool with_replied) {
  std::vector<DeadlineRow> out;
  for (const Case& c : reg.cases) {
    bool open = c.outcome < 0 || !c.replied || *c.replied > today;
    if (!open && !with_replied) continue;
    DeadlineRow d{&c, legal_clock(cal, c.received), {}, 0, DeadlineRow::Open};
    d.due = c.extended ? d.clock.extended_due : d.clock.due;
    if (open) {
      d.working_days_left = cal.working_days_between(today, d.due);
      if (today > d.due) d.status = DeadlineRow::Overdue;
      else if (d.working_days_left <= soon) d.status = DeadlineRow::DueSoon;
    } else {
      d.working_days_left = cal.working_days_between(*c.replied, d.due);
      d.status = *c.replied > d.due ? DeadlineRow::RepliedLate : DeadlineRow::RepliedOnTime;
    }
    out.push_back(d);
  }
  std::stable_sort(out.begin(), out.end(), [](const DeadlineRow& a, const DeadlineRow& b) {
    if (a.status != b.status) return a.status < b.status;
    return a.due < b.due;
  });
  return out;
}

}  // namespace gk::reg
