// The working-day calendar and the 第三十三条 clock: data-driven on
// tests/data/register/clock.tsv (counted by hand across Spring Festivals,
// make-up working days, National Day and the turn of a year), plus the
// calendar file the user updates and its errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "register/calendar.h"
#include "register/table2.h"

namespace {

using namespace gk;
using reg::Calendar;
using reg::Date;

Date d(const std::string& s) {
  auto v = reg::parse_date(s);
  EXPECT_TRUE(v) << s;
  return v.value_or(Date{});
}

// 20 weekdays, holidays ignored: what a clerk counting on a plain calendar gets.
Date weekday_only(Date from, int n) {
  while (n > 0) {
    from = from + 1;
    if (from.weekday() <= 5) --n;
  }
  return from;
}

TEST(RegisterCalendar, ClockAcrossHolidaysAndMakeUpDays) {
  std::ifstream in(std::string(GONGKAI_TEST_DATA) + "/register/clock.tsv");
  ASSERT_TRUE(in);
  std::string line;
  int cases = 0;
  const Calendar& cal = Calendar::builtin();
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream f(line);
    std::string rec, due, ext, naive, what;
    std::getline(f, rec, '\t');
    std::getline(f, due, '\t');
    std::getline(f, ext, '\t');
    std::getline(f, naive, '\t');
    std::getline(f, what);
    auto clock = reg::legal_clock(cal, d(rec));
    EXPECT_EQ(clock.due.iso(), due) << rec << " " << what;
    EXPECT_EQ(clock.extended_due.iso(), ext) << rec << " " << what;
    EXPECT_EQ(weekday_only(d(rec), 20).iso(), naive) << rec;
    EXPECT_NE(due, naive) << "the case should cross a holiday: " << what;
    EXPECT_EQ(cal.working_days_between(d(rec), clock.due), 20);
    ++cases;
  }
  EXPECT_GE(cases, 5);
}

TEST(RegisterCalendar, HolidaysAndMakeUpWorkingDays) {
  const Calendar& cal = Calendar::builtin();
  EXPECT_FALSE(cal.is_working_day(d("2024-02-12")));  // 春节, a Monday
  EXPECT_TRUE(cal.is_working_day(d("2024-02-18")));   // 调休上班, a Sunday
  EXPECT_TRUE(cal.is_working_day(d("2025-02-08")));   // 调休上班, a Saturday
  EXPECT_FALSE(cal.is_working_day(d("2025-02-09")));  // an ordinary Sunday
  EXPECT_TRUE(cal.is_working_day(d("2024-02-09")));   // 除夕 2024 was not a legal holiday
  EXPECT_FALSE(cal.is_working_day(d("2023-01-02")));  // 元旦 2023 (from 2022-12-31)
  for (int y = 2021; y <= 2026; ++y) EXPECT_TRUE(cal.covers(y)) << y;
  // Not covered: refused, never guessed.
  try {
    cal.is_working_day(d("2019-06-03"));
    FAIL() << "2019 is not in the calendar";
  } catch (const reg::CalendarError& e) {
    EXPECT_NE(std::string(e.what()).find("未覆盖 2019 年"), std::string::npos) << e.what();
  }
}

TEST(RegisterCalendar, TheUserUpdatesTheFile) {
  namespace fs = std::filesystem;
  fs::path p = fs::temp_directory_path() / ("gongkai-cal-" + std::to_string(::getpid()) + ".json");
  std::ofstream(p) << R"({"years": {"2027": {"holidays": [["2027-02-05", "2027-02-11", "春节"]],
                                              "workdays": ["2027-02-14"]}}})";
  Calendar cal = Calendar::from_file(p.string());
  EXPECT_TRUE(cal.covers(2027));
  EXPECT_FALSE(cal.covers(2024));
  EXPECT_FALSE(cal.is_working_day(d("2027-02-08")));
  EXPECT_TRUE(cal.is_working_day(d("2027-02-14")));
  // received Thu 2027-02-04: 2/5-2/11 off; 2/12 (1), 2/14 Sun (2), 2/15-19 (3-7), 2/22-26 (8-12),
  // 3/1-5 (13-17), 3/8 (18), 3/9 (19), 3/10 (20)
  EXPECT_EQ(reg::legal_clock(cal, d("2027-02-04")).due.iso(), "2027-03-10");
  // Mistakes in the file are named.
  std::ofstream(p) << R"({"years": {"2027": {"workdays": ["2027-02-15"]}}})";
  try {
    Calendar::from_file(p.string());
    FAIL();
  } catch (const reg::CalendarError& e) {
    EXPECT_NE(std::string(e.what()).find("不是周六或周日"), std::string::npos) << e.what();
  }
  std::ofstream(p) << "{";
  EXPECT_THROW(Calendar::from_file(p.string()), reg::CalendarError);
  fs::remove(p);
}

TEST(RegisterCalendar, OverdueAndDueSoon) {
  reg::Register r;
  r.year = 2024;
  auto add = [&](const char* no, const char* rec, bool ext, int outcome = -1, const char* replied = nullptr) {
    reg::Case c;
    c.case_no = no;
    c.received = d(rec);
    c.extended = ext;
    c.outcome = outcome;
    if (replied) c.replied = d(replied);
    r.cases.push_back(c);
  };
  add("late", "2024-02-05", false);          // due 2024-03-08
  add("extended", "2024-02-05", true);       // due 2024-04-08
  add("soon", "2024-02-26", false);          // due 2024-03-25
  add("fresh", "2024-03-11", false);         // due 2024-04-09
  add("done", "2024-02-05", false, R_GRANTED, "2024-03-11");  // replied one working day late
  auto rows = reg::deadlines(r, Calendar::builtin(), d("2024-03-19"), 5, true);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].c->case_no, "late");
  EXPECT_EQ(rows[0].status, reg::DeadlineRow::Overdue);
  EXPECT_EQ(rows[0].working_days_left, -7);  // 3/11..3/19
  EXPECT_EQ(rows[1].c->case_no, "soon");
  EXPECT_EQ(rows[1].status, reg::DeadlineRow::DueSoon);
  EXPECT_EQ(rows[1].working_days_left, 4);
  EXPECT_EQ(rows[2].c->case_no, "extended");
  EXPECT_EQ(rows[2].status, reg::DeadlineRow::Open);
  EXPECT_EQ(rows[3].c->case_no, "fresh");
  EXPECT_EQ(rows[4].c->case_no, "done");
  EXPECT_EQ(rows[4].status, reg::DeadlineRow::RepliedLate);
}

TEST(RegisterCalendar, Dates) {
  EXPECT_EQ(d("2024年3月8日").iso(), "2024-03-08");
  EXPECT_EQ(d("2024/3/8").iso(), "2024-03-08");
  EXPECT_EQ(d("20240308").iso(), "2024-03-08");
  EXPECT_EQ(d("2024-03-08").weekday(), 5);
  EXPECT_FALSE(reg::parse_date("2024-02-30"));
  EXPECT_FALSE(reg::parse_date("2023-02-29"));
  EXPECT_TRUE(reg::parse_date("2024-02-29"));
  EXPECT_FALSE(reg::parse_date("3月8日"));
  EXPECT_FALSE(reg::parse_date("2024-03"));
  EXPECT_EQ(reg::from_excel_serial(45292).iso(), "2024-01-01");
}

}  // namespace
