// Data-driven: `gongkai check` must find exactly the real problems of each
// report in tests/data/{seeds,real,layouts,rendered} and nothing else, each on
// its line and cells. NAME.expect lists one finding a line in the format of
// tests/data/README.md ("error T2-ROW-TOTAL@new line 57 cells …"): errors and
// warnings must match exactly (as a multiset), listed notes must be present.
// GONGKAI_BLESS=1 rewrites each .expect from what the binary finds (review the diff).
#include <gtest/gtest.h>

#include <fstream>

#include "expect_format.h"
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
  gk::testdata::ExpectFile want = gk::testdata::read_expect(c.side);
  for (const auto& e : want.errors) ADD_FAILURE() << e;
  std::vector<gk::testdata::Finding> got = gk::testdata::findings_of(r);
  if (gk::testdata::bless_requested()) {
    std::ofstream(c.side) << gk::testdata::bless(want, got, false);
    want = gk::testdata::read_expect(c.side);
  }
  std::ostringstream all;
  for (const auto& d : r.diagnostics)
    all << "  " << gk::testdata::finding_of(d, r.paged).str() << ": " << d.message << "\n";
  std::vector<std::string> diff = gk::testdata::compare(want.findings, got);
  std::ostringstream d;
  for (const auto& x : diff) d << "  " << x << "\n";
  EXPECT_TRUE(diff.empty()) << c.input << " against " << c.side << ":\n"
                            << d.str() << "all diagnostics:\n"
                            << all.str();
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  return gk::testdata::case_name(info.param.input);
}

INSTANTIATE_TEST_SUITE_P(Data, Expect, ::testing::ValuesIn(cases()), case_name);

}  // namespace
