// The working-day calendar (法定节假日 and 调休 make-up working days, from the
// State Council's yearly notices, data/calendar/cn-holidays.json, embedded into
// the binary and replaceable by a file the user updates) and the legal clock of
// 《政府信息公开条例》第三十三条: a reply within 20 working days of receipt,
// one extension of at most 20 more working days.
#pragma once

#include <set>
#include <stdexcept>
#include <string>
#include <string_view>

#include "register/date.h"

namespace gk::reg {

struct CalendarError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Calendar {
 public:
  // The calendar shipped with gongkai (data/calendar/cn-holidays.json at build time).
  static const Calendar& builtin();
  // Parse a calendar file's JSON. `name` labels errors. Throws CalendarError (Chinese).
  static Calendar from_json(std::string_view text, const std::string& name);
  static Calendar from_file(const std::string& path);

  bool covers(int year) const { return years_.count(year) > 0; }
  const std::set<int>& years() const { return years_; }
  // Mon–Fri unless a holiday, and the make-up Saturdays and Sundays. Throws
  // CalendarError when the date's year is not covered (never guessed).
  bool is_working_day(Date d) const;
  // The n-th working day after `from` (the day of receipt itself not counted).
  Date add_working_days(Date from, int n) const;
  // Working days in (from, to]; negative when to < from.
  int working_days_between(Date from, Date to) const;

 private:
  std::set<int> years_;
  std::set<int> holidays_, workdays_;  // day numbers
};

inline constexpr int kReplyWorkingDays = 20;      // 第三十三条第二款
inline constexpr int kExtensionWorkingDays = 20;  // 延长的期限最长不得超过20个工作日

struct Clock {
  Date due;           // 20 working days after receipt
  Date extended_due;  // 20 more working days
};
Clock legal_clock(const Calendar& cal, Date received);

}  // namespace gk::reg
