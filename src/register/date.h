// Calendar dates as day numbers (days since 1970-01-01), for the register and
// the 第三十三条 clock. Civil-date conversion after H. Hinnant's algorithms.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gk::reg {

struct Date {
  int days = 0;  // since 1970-01-01
  static Date from_ymd(int y, int m, int d);
  int year() const;
  int month() const;
  int day() const;
  int weekday() const;  // 1 = Monday … 7 = Sunday
  std::string iso() const;  // YYYY-MM-DD
  std::string zh() const;   // 2024年3月8日
  Date operator+(int n) const { return Date{days + n}; }
  auto operator<=>(const Date&) const = default;
};

// "2024-03-08", "2024/3/8", "2024.3.8", "2024年3月8日", "20240308"; an invalid
// day of the month (2月30日) is refused. nullopt when not a date.
std::optional<Date> parse_date(std::string_view s);
// An Excel serial day number (1900 system: 45292 = 2024-01-01).
Date from_excel_serial(long serial);

}  // namespace gk::reg
