#include "register/calendar.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace gk::reg {

extern const char* const kBuiltinCalendarJson;  // generated from data/calendar/cn-holidays.json

namespace {

Date need_date(const nlohmann::json& v, const std::string& name, const std::string& where) {
  if (!v.is_string()) throw CalendarError("日历文件“" + name + "”：" + where + " 应为日期字符串（YYYY-MM-DD）");
  auto d = parse_date(v.get<std::string>());
  if (!d) throw CalendarError("日历文件“" + name + "”：" + where + " 的“" + v.get<std::string>() + "”不是有效日期");
  return *d;
}

}  // namespace

const Calendar& Calendar::builtin() {
  static const Calendar cal = from_json(kBuiltinCalendarJson, "内置节假日日历");
  return cal;
}

Calendar Calendar::from_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CalendarError("无法读取日历文件：" + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return from_json(ss.str(), path);
}

Calendar Calendar::from_json(std::string_view text, const std::string& name) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw CalendarError("日历文件“" + name + "”不是有效的 JSON");
  if (!j.contains("years") || !j["years"].is_object())
    throw CalendarError("日历文件“" + name + "”缺少 years（按年份列出放假日与调休上班日）");
  Calendar cal;
  for (auto& [key, y] : j["years"].items()) {
    int year = 0;
    try {
      year = std::stoi(key);
    } catch (...) {
      throw CalendarError("日历文件“" + name + "”：年份“" + key + "”不是数字");
    }
    if (year < 1990 || year > 2200) throw CalendarError("日历文件“" + name + "”：年份“" + key + "”超出范围");
    cal.years_.insert(year);
    const std::string where = key + " 年";
    if (y.contains("holidays")) {
      if (!y["holidays"].is_array()) throw CalendarError("日历文件“" + name + "”：" + where + " 的 holidays 应为列表");
      for (const auto& h : y["holidays"]) {
        if (!h.is_array() || h.size() < 2)
          throw CalendarError("日历文件“" + name + "”：" + where + " 的放假安排应为 [起, 止, 名称]");
        Date a = need_date(h[0], name, where), b = need_date(h[1], name, where);
        if (b < a) throw CalendarError("日历文件“" + name + "”：" + where + " 的放假止日 " + b.iso() + " 早于起日 " + a.iso());
        if (b.days - a.days > 14)
          throw CalendarError("日历文件“" + name + "”：" + where + " 的一段放假超过 15 天（" + a.iso() + " 至 " + b.iso() + "），请核对");
        for (Date d = a; d <= b; d = d + 1) cal.holidays_.insert(d.days);
      }
    }
    if (y.contains("workdays")) {
      if (!y["workdays"].is_array()) throw CalendarError("日历文件“" + name + "”：" + where + " 的 workdays 应为列表");
      for (const auto& w : y["workdays"]) {
        Date d = need_date(w, name, where);
        if (d.weekday() < 6)
          throw CalendarError("日历文件“" + name + "”：调休上班日 " + d.iso() + " 不是周六或周日");
        cal.workdays_.insert(d.days);
      }
    }
  }
  for (int d : cal.holidays_)
    if (cal.workdays_.count(d))
      throw CalendarError("日历文件“" + name + "”：" + Date{d}.iso() + " 既是放假日又是调休上班日");
  if (cal.years_.empty()) throw CalendarError("日历文件“" + name + "”没有任何年份");
  return cal;
}

bool Calendar::is_working_day(Date d) const {
  if (!covers(d.year()))
    throw CalendarError("节假日日历未覆盖 " + std::to_string(d.year()) +
                        " 年，无法计算工作日：请在 data/calendar/cn-holidays.json 中加入国务院办公厅该年的节假日安排，"
                        "并用 --calendar 指定该文件");
  if (holidays_.count(d.days)) return false;
  if (workdays_.count(d.days)) return true;
  return d.weekday() <= 5;
}

Date Calendar::add_working_days(Date from, int n) const {
  Date d = from;
  while (n > 0) {
    d = d + 1;
    if (is_working_day(d)) --n;
  }
  return d;
}

int Calendar::working_days_between(Date from, Date to) const {
  if (to < from) return -working_days_between(to, from);
  int n = 0;
  for (Date d = from + 1; d <= to; d = d + 1)
    if (is_working_day(d)) ++n;
  return n;
}

Clock legal_clock(const Calendar& cal, Date received) {
  Clock c;
  c.due = cal.add_working_days(received, kReplyWorkingDays);
  c.extended_due = cal.add_working_days(c.due, kExtensionWorkingDays);
  return c;
}

}  // namespace gk::reg
