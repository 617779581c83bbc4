// Table 2 by construction: a generated register of 2,000 applications over two
// years gives the table counted case by case while it was made, with the
// carry-over across the years; through the database, XLSX and CSV the same;
// the table's relations (src/model/relations.h) hold; a report's printed table
// is compared cell by cell.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/relations.h"
#include "register/register.h"
#include "register/store.h"
#include "register/table2.h"
#include "register/workbook.h"
#include "register_synth.h"
#include "store/schema.h"
#include "store_backend.h"

namespace {

using namespace gk;
namespace fs = std::filesystem;

using regtest::slurp;

void expect_table(const reg::Table2& got, const regtest::Truth& want, const std::string& what) {
  for (int r = 0; r < kT2Rows; ++r)
    for (int c = 0; c < kT2Cols; ++c)
      EXPECT_EQ(got[r][c], want[r][c]) << what << ": " << kT2RowLabels[r] << " / " << kT2ColLabels[c];
}

using regtest::temp_dir;

TEST(RegisterTable2, TwoThousandApplicationsOverTwoYears) {
  auto two = regtest::make_two_years(2024, 1000, 7);
  ASSERT_GE(two.first.cases.size() + two.second.cases.size(), 2000u);
  auto first = reg::table2(two.first);
  expect_table(first.cells, two.truth_first, "2023");
  auto second = reg::table2(two.second, &two.first);
  expect_table(second.cells, two.truth_second, "2024");
  EXPECT_TRUE(second.notes.empty()) << second.notes.front();
  // Carry-over: last year's 结转下年度 is this year's 上年结转, column by column.
  for (int c = 0; c < kT2Cols; ++c)
    EXPECT_EQ(second.cells[R_CARRIED_OVER][c], first.cells[R_CARRIED_FORWARD][c]) << kT2ColLabels[c];
  EXPECT_GT(second.cells[R_CARRIED_OVER][kT2Cols - 1], 20);
  // Every relation of the model holds.
  for (const auto* t : {&first.cells, &second.cells}) {
    Report r;
    reg::fill_report(r, *t);
    for (const auto& eq : table_equations(r)) {
      if (eq.table != 2) continue;
      double sum = 0;
      for (const auto& term : eq.terms) sum += term.coef * *term.cell->value;
      EXPECT_EQ(sum, 0) << eq.rule;
    }
  }
}

TEST(RegisterTable2, CarryOverComesFromLastYearsRegister) {
  auto two = regtest::make_two_years(2024, 300, 11);
  auto full = reg::table2(two.second, &two.first);
  // The clerk has not copied the still-pending cases into the new register: they
  // are carried over by construction and counted as still open.
  reg::Register partial = two.second;
  std::vector<reg::Case> kept;
  long dropped = 0;
  for (const auto& c : partial.cases) {
    if (c.carried_over && c.outcome < 0) {
      ++dropped;
      continue;
    }
    kept.push_back(c);
  }
  ASSERT_GT(dropped, 0);
  partial.cases = kept;
  auto t = reg::table2(partial, &two.first);
  EXPECT_EQ(t.cells[R_CARRIED_OVER], full.cells[R_CARRIED_OVER]);
  EXPECT_EQ(t.cells[R_CARRIED_FORWARD], full.cells[R_CARRIED_FORWARD]);
  ASSERT_EQ(t.notes.size(), 1u);
  EXPECT_NE(t.notes[0].find("按上年结转、仍在办理计入"), std::string::npos) << t.notes[0];
  // Without last year's register the dropped cases are simply missing.
  auto alone = reg::table2(partial);
  EXPECT_EQ(alone.cells[R_CARRIED_OVER][kT2Cols - 1], full.cells[R_CARRIED_OVER][kT2Cols - 1] - dropped);
}

TEST(RegisterTable2, RoundTripsThroughXlsxCsvAndTheDatabase) {
  auto two = regtest::make_two_years(2024, 400, 3);
  fs::path dir = temp_dir("register-rt");
  auto want = reg::table2(two.second, &two.first).cells;
  // XLSX
  reg::write_register_xlsx((dir / "2023.xlsx").string(), &two.first);
  reg::write_register_xlsx((dir / "2024.xlsx").string(), &two.second);
  auto read = [&](const fs::path& p, int year) {
    auto v = reg::validate(reg::read_register_bytes(slurp(p), p.string()), "测试区人民政府", year);
    EXPECT_TRUE(v.ok()) << reg::format_errors(v.errors, p.string());
    return v.reg;
  };
  reg::Register x1 = read(dir / "2023.xlsx", 2023), x2 = read(dir / "2024.xlsx", 2024);
  ASSERT_EQ(x2.cases.size(), two.second.cases.size());
  expect_table(reg::table2(x2, &x1).cells, two.truth_second, "xlsx");
  // CSV
  std::ofstream(dir / "2024.csv", std::ios::binary) << reg::register_csv(two.second);
  expect_table(reg::table2(read(dir / "2024.csv", 2024), &x1).cells, two.truth_second, "csv");
  // Database: the previous year is found there.
  {
    store::Db db = store::open_corpus(gk::testing::test_db(dir, "c.db"));
    reg::save_register(db, x1, "2023.xlsx");
    reg::save_register(db, x2, "2024.xlsx");
    reg::save_register(db, x2, "2024.xlsx");  // replaced, not doubled
    auto l1 = reg::load_register(db, "测试区人民政府", 2023);
    auto l2 = reg::load_register(db, "测试区人民政府", 2024);
    ASSERT_TRUE(l1 && l2);
    EXPECT_EQ(l2->cases.size(), two.second.cases.size());
    EXPECT_EQ(reg::table2(*l2, &*l1).cells, want);
    EXPECT_FALSE(reg::load_register(db, "测试区人民政府", 2022));
    auto list = reg::list_registers(db);
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[1].cases, static_cast<long>(two.second.cases.size()));
    EXPECT_EQ(list[1].open, two.truth_second[R_CARRIED_FORWARD][kT2Cols - 1]);
  }
  fs::remove_all(dir);
}

TEST(RegisterTable2, ComparesAPrintedTable) {
  auto two = regtest::make_two_years(2024, 100, 5);
  auto t = reg::table2(two.second, &two.first);
  Report r;
  reg::fill_report(r, t.cells);
  EXPECT_TRUE(reg::compare(t.cells, r).empty());
  // Typed from memory: one cell off by one, one missing.
  *r.applications[R_GRANTED][0].value += 1;
  r.applications[R_PARTIAL][6].value.reset();
  auto d = reg::compare(t.cells, r);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].row, R_GRANTED);
  EXPECT_EQ(d[0].col, 0);
  EXPECT_EQ(*d[0].printed, t.cells[R_GRANTED][0] + 1);
  EXPECT_EQ(d[1].row, R_PARTIAL);
  EXPECT_FALSE(d[1].printed);
}

TEST(RegisterTable2, OutcomesAndApplicantsByEveryName) {
  for (int row = reg::kOutcomeFirst; row <= reg::kOutcomeLast; ++row) {
    EXPECT_EQ(reg::parse_outcome(kT2RowLabels[row]), row) << kT2RowLabels[row];
    EXPECT_EQ(reg::parse_outcome(reg::outcome_name(row)), row) << reg::outcome_name(row);
  }
  EXPECT_EQ(reg::parse_outcome("不予公开-属于国家秘密"), R_DENIED_FIRST);
  EXPECT_EQ(reg::parse_outcome("危及\"三安全一稳定\""), R_DENIED_FIRST + 2);
  EXPECT_EQ(reg::parse_outcome("(二)部分公开"), R_PARTIAL);
  EXPECT_EQ(reg::parse_outcome("办理中"), -1);
  EXPECT_EQ(reg::parse_outcome(""), -1);
  EXPECT_FALSE(reg::parse_outcome("其他"));  // ambiguous without its group
  EXPECT_FALSE(reg::parse_outcome("已办结"));
  for (int c = 0; c < reg::kApplicantTypes; ++c) EXPECT_EQ(reg::parse_applicant(kT2ColLabels[c]), c);
  EXPECT_EQ(reg::parse_applicant("法人或其他组织-商业企业"), 1);
  EXPECT_FALSE(reg::parse_applicant("总计"));
}

}  // namespace
