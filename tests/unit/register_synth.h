// A synthetic two-year case register for tests and the benchmark, with the
// table 2 each year must give counted while the cases are made (the truth is
// decided case by case here, not by gk::reg::table2).
#pragma once

#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "register/register.h"

namespace gk::regtest {

using Truth = std::array<std::array<long, kT2Cols>, kT2Rows>;

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A fresh directory of this process under the system's temporary directory.
inline std::filesystem::path temp_dir(const std::string& tag) {
  auto d = std::filesystem::temp_directory_path() / ("gongkai-" + tag + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

struct TwoYears {
  reg::Register first, second;  // years Y-1 and Y
  Truth truth_first{}, truth_second{};
};

inline void tally(Truth& t, int row, int col) {
  t[row][col] += 1;
  t[row][kT2Cols - 1] += 1;
}

// `per_year` new applications in each year; year Y-1 also carries some cases from Y-2.
inline TwoYears make_two_years(int year, int per_year, unsigned seed, const std::string& unit = "测试区人民政府") {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  TwoYears out;
  out.first.unit = out.second.unit = unit;
  out.first.year = year - 1;
  out.second.year = year;
  int serial = 0;
  auto make_case = [&](int y, bool carried) {
    reg::Case c;
    c.case_no = "YS-" + std::to_string(y) + "-" + std::to_string(++serial);
    int day = pick(365);
    c.received = reg::Date::from_ymd(carried ? y - 1 : y, 1, 1) + day;
    c.channel = reg::kChannels[pick(6)];
    int w = pick(100);
    c.applicant = w < 70 ? 0 : 1 + pick(reg::kApplicantTypes - 1);
    c.subject = "申请公开第" + std::to_string(serial) + "号事项的相关文件";
    c.carried_over = carried;
    c.row = 0;
    return c;
  };
  // Close a case with a random outcome on a date after `from` (maybe next year), or leave it open.
  auto close = [&](reg::Case& c, reg::Date from, int pending_pct) {
    if (pick(100) < pending_pct) return;
    c.outcome = reg::kOutcomeFirst + pick(reg::kOutcomeLast - reg::kOutcomeFirst + 1);
    c.replied = from + pick(45);
    c.extended = pick(10) == 0;
    if (c.outcome == R_OTHER_NO_FEE) {
      c.fee_notice = true;
      c.fee_amount = 100 + pick(400);
    } else if (pick(30) == 0) {
      c.fee_notice = true;
      c.fee_paid = true;
      c.fee_amount = 50 + pick(200);
    }
  };
  auto account = [&](Truth& t, const reg::Case& c, int y) {
    tally(t, c.carried_over ? R_CARRIED_OVER : R_NEW, c.applicant);
    bool closed_in_year = c.outcome >= 0 && c.replied && c.replied->year() == y;
    if (closed_in_year) {
      tally(t, c.outcome, c.applicant);
      tally(t, R_TOTAL, c.applicant);
    } else {
      tally(t, R_CARRIED_FORWARD, c.applicant);
    }
  };
  // Year Y-1: a few cases carried from Y-2 (received late in Y-2), then the new ones.
  for (int i = 0; i < per_year / 30; ++i) {
    reg::Case c = make_case(year - 1, true);
    c.received = reg::Date::from_ymd(year - 2, 12, 1) + pick(31);
    close(c, reg::Date::from_ymd(year - 1, 1, 1), 10);
    out.first.cases.push_back(c);
  }
  for (int i = 0; i < per_year; ++i) {
    reg::Case c = make_case(year - 1, false);
    close(c, c.received, 6);
    out.first.cases.push_back(c);
  }
  for (const auto& c : out.first.cases) account(out.truth_first, c, year - 1);
  // Year Y: the cases open at the end of Y-1 come over (closed in Y as recorded,
  // or, when still pending, closed now or left open), then the new ones.
  for (const auto& p : out.first.cases) {
    bool open = p.outcome < 0 || !p.replied || p.replied->year() > year - 1;
    if (!open) continue;
    reg::Case c = p;
    c.carried_over = true;
    if (c.outcome < 0) close(c, reg::Date::from_ymd(year, 1, 1), 25);
    out.second.cases.push_back(c);
  }
  for (int i = 0; i < per_year; ++i) {
    reg::Case c = make_case(year, false);
    close(c, c.received, 6);
    out.second.cases.push_back(c);
  }
  for (const auto& c : out.second.cases) account(out.truth_second, c, year);
  return out;
}

}  // namespace gk::regtest
