// Data-driven: `gongkai check` must find exactly the real problems of each
// report in tests/data/{seeds,real,layouts,rendered} and nothing else. NAME.expect lists
// "severity RULE-ID" lines: errors and warnings must match exactly (as a
// multiset); listed notes must be present.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "pipeline.h"
#include "test_data.h"

namespace {

using Case = gk::testdata::Case;

std::vector<Case> cases() { return gk::testdata::cases_with(".expect"); }

class Expect : public ::testing::TestWithParam<Case> {};

TEST_P(Expect, DiagnosticsMatch) {
  const Case& c = GetParam();
  if (gk::testdata::office_missing(c.input)) GTEST_SKIP() << "LibreOffice not installed: " << c.input;
  gk::Report r;
  try {
    r = gk::parse_file(c.input);
  } catch (const gk::ReadError& e) {
    if (std::string(e.what()).find("暂不支持") != std::string::npos) GTEST_SKIP() << e.what();
    FAIL() << e.what();
  }
  std::multiset<std::string> want_strict, want_notes, got_strict, got_notes;
  std::ifstream in(c.side);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    (line.rfind("note ", 0) == 0 ? want_notes : want_strict).insert(line);
  }
  for (const auto& d : r.diagnostics) {
    std::string key = std::string(gk::severity_name(d.severity)) + " " + d.rule;
    (d.severity == gk::Severity::Note ? got_notes : got_strict).insert(key);
  }
  std::ostringstream all;
  for (const auto& d : r.diagnostics)
    all << "  " << gk::severity_name(d.severity) << " " << d.rule << " line " << d.line << ": " << d.message << "\n";
  EXPECT_EQ(got_strict, want_strict) << c.input << " diagnostics:\n" << all.str();
  for (const auto& n : want_notes)
    EXPECT_GE(got_notes.count(n), want_notes.count(n)) << c.input << " lacks " << n << "\n" << all.str();
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  return gk::testdata::case_name(info.param.input);
}

INSTANTIATE_TEST_SUITE_P(Data, Expect, ::testing::ValuesIn(cases()), case_name);

}  // namespace
