// Data-driven: every report in tests/data/{seeds,real,layouts,rendered} must read
// to its truth file, cell by cell (NAME.truth.json beside NAME.txt / NAME.pdf /
// NAME.doc …). A truth file with "t1_2019" also gives the 2019 template's own
// Table 1 figures (proactive_2019.*), compared the same way.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "pipeline.h"
#include "test_data.h"
#include "model/json.h"

namespace {

using nlohmann::json;

using Case = gk::testdata::Case;

std::vector<Case> cases() { return gk::testdata::cases_with(".truth.json"); }

class Corpus : public ::testing::TestWithParam<Case> {};

TEST_P(Corpus, EveryCellMatchesTruth) {
  const Case& c = GetParam();
  std::ifstream tf(c.side);
  json truth = json::parse(tf);
  if (gk::testdata::office_missing(c.input)) GTEST_SKIP() << "LibreOffice not installed: " << c.input;
  gk::Report r;
  try {
    r = gk::parse_file(c.input);
  } catch (const gk::ReadError& e) {
    std::string msg = e.what();
    if (msg.find("暂不支持") != std::string::npos) GTEST_SKIP() << "no reader for this format yet: " << msg;
    FAIL() << c.input << ": " << msg;
  }
  json rec = gk::to_json(r);
  EXPECT_EQ(rec["agency"], truth["agency"]) << c.input;
  EXPECT_EQ(rec["year"], truth["year"]) << c.input;
  auto expected = gk::testdata::truth_cells(truth);
  int wrong = 0;
  for (const auto& ref : gk::all_cells(r)) {
    auto it = expected.find(ref.path);
    ASSERT_NE(it, expected.end()) << ref.path;
    json got = ref.cell->value ? json(*ref.cell->value) : json(nullptr);
    bool same = (got.is_null() && it->second.is_null()) ||
                (!got.is_null() && !it->second.is_null() && got.get<double>() == it->second.get<double>());
    if (!same) {
      ++wrong;
      ADD_FAILURE() << c.input << " " << ref.path << ": got " << got << " (" << gk::cell_status_name(ref.cell->status)
                    << "), truth " << it->second;
    }
  }
  size_t total = expected.size();
  if (truth.contains("t1_2019")) {
    ASSERT_TRUE(rec.contains("proactive_2019") && rec["proactive_2019"].is_object())
        << c.input << ": not read as a 2019-template report";
    for (auto& [k, want] : truth["t1_2019"].items()) {
      ++total;
      const json& got = rec["proactive_2019"].value(k, json(nullptr));
      bool same = (got.is_null() && want.is_null()) ||
                  (!got.is_null() && !want.is_null() && got.get<double>() == want.get<double>());
      if (!same) {
        ++wrong;
        ADD_FAILURE() << c.input << " proactive_2019." << k << ": got " << got << ", truth " << want;
      }
    }
  }
  EXPECT_EQ(wrong, 0) << c.input << ": " << wrong << " of " << total << " cells differ";
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  return gk::testdata::case_name(info.param.input);
}

INSTANTIATE_TEST_SUITE_P(Data, Corpus, ::testing::ValuesIn(cases()), case_name);

}  // namespace
