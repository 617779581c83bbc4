#include "register/date.h"

#include <cstdio>

namespace gk::reg {

namespace {

int days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void civil_from_days(int z, int* y, int* m, int* d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int yy = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = yy + (*m <= 2);
}

int month_length(int y, int m) {
  static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : len[m - 1];
}

}  // namespace

Date Date::from_ymd(int y, int m, int d) { return Date{days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d))}; }

int Date::year() const {
  int y, m, d;
  civil_from_days(days, &y, &m, &d);
  return y;
}
int Date::month() const {
  int y, m, d;
  civil_from_days(days, &y, &m, &d);
  return m;
}
int Date::day() const {
  int y, m, d;
  civil_from_days(days, &y, &m, &d);
  return d;
}
int Date::weekday() const {
  // 1970-01-01 was a Thursday (4).
  int w = ((days % 7) + 7 + 3) % 7;  // 0 = Monday
  return w + 1;
}

std::string Date::iso() const {
  int y, m, d;
  civil_from_days(days, &y, &m, &d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::string Date::zh() const {
  int y, m, d;
  civil_from_days(days, &y, &m, &d);
  return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
}

std::optional<Date> parse_date(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  int parts[3] = {0, 0, 0};
  int digits[3] = {0, 0, 0};
  int k = 0;
  size_t i = 0;
  bool compact = s.size() == 8;
  for (char c : s)
    if (c < '0' || c > '9') compact = false;
  if (compact) {
    auto num = [&](size_t a, size_t n) {
      int v = 0;
      for (size_t j = a; j < a + n; ++j) v = v * 10 + (s[j] - '0');
      return v;
    };
    parts[0] = num(0, 4), parts[1] = num(4, 2), parts[2] = num(6, 2);
  } else {
    while (i < s.size() && k < 3) {
      if (s[i] >= '0' && s[i] <= '9') {
        if (digits[k] >= 4) return std::nullopt;
        parts[k] = parts[k] * 10 + (s[i] - '0');
        ++digits[k];
        ++i;
        continue;
      }
      if (digits[k] == 0) return std::nullopt;
      // separators: - / . or 年 月 (UTF-8, 3 bytes); 日 ends the date
      std::string_view rest = s.substr(i);
      size_t len = 0;
      if (s[i] == '-' || s[i] == '/' || s[i] == '.') len = 1;
      else if (rest.rfind("年", 0) == 0 || rest.rfind("月", 0) == 0) len = 3;
      else if (rest.rfind("日", 0) == 0 && k == 2 && rest.size() == 3) len = 3;
      else return std::nullopt;
      i += len;
      ++k;
    }
    if (i != s.size()) return std::nullopt;
    if (k < 2 || (k == 2 && digits[2] == 0)) return std::nullopt;
    if (digits[0] != 4) return std::nullopt;
  }
  int y = parts[0], m = parts[1], d = parts[2];
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > month_length(y, m)) return std::nullopt;
  return Date::from_ymd(y, m, d);
}

Date from_excel_serial(long serial) {
  // Serial 25569 = 1970-01-01 (the 1900 system, with its phantom 1900-02-29).
  return Date{static_cast<int>(serial - 25569)};
}

}  // namespace gk::reg
