// Generator and garbler: determinism, arithmetic, realism, logged perturbations.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "gen/garble.h"
#include "gen/generator.h"
#include "model/json.h"
#include "render/layout.h"
#include "render/render.h"

namespace {

using namespace gk;
using gen::GarbleOp;
using render::TextLayout;

double v(const Cell& c) { return c.value.value_or(-1); }

TEST(Generator, DeterministicPerSeed) {
  for (uint64_t s : {1ull, 2ull, 99ull, 123456789ull}) {
    auto a = to_json(gen::generate_report(s)).dump();
    auto b = to_json(gen::generate_report(s)).dump();
    EXPECT_EQ(a, b) << s;
  }
  EXPECT_NE(to_json(gen::generate_report(1)).dump(), to_json(gen::generate_report(2)).dump());
}

TEST(Generator, ArithmeticHolds) {
  for (uint64_t s = 0; s < 300; ++s) {
    Report r = gen::generate_report(s);
    const auto& a = r.applications;
    for (int row = 0; row < kT2Rows; ++row) {
      double sum = 0;
      for (int c = 0; c < kT2Cols - 1; ++c) {
        ASSERT_TRUE(a[row][c].value) << s;
        EXPECT_GE(v(a[row][c]), 0);
        sum += v(a[row][c]);
      }
      EXPECT_EQ(sum, v(a[row][kT2Cols - 1])) << "T2-ROW-TOTAL seed " << s << " row " << row;
    }
    for (int c = 0; c < kT2Cols; ++c) {
      double out = 0;
      for (int row = R_GRANTED; row <= R_OTHER_OTHER; ++row) out += v(a[row][c]);
      EXPECT_EQ(out, v(a[R_TOTAL][c])) << "T2-RESULT-SUM seed " << s;
      EXPECT_EQ(v(a[R_NEW][c]) + v(a[R_CARRIED_OVER][c]), v(a[R_TOTAL][c]) + v(a[R_CARRIED_FORWARD][c]))
          << "T2-BALANCE seed " << s;
      EXPECT_GE(v(a[R_CARRIED_FORWARD][c]), 0);
    }
    for (int row = 0; row < kT3Rows; ++row) {
      double sum = 0;
      for (int c = 0; c < kT3Cols - 1; ++c) sum += v(r.appeals[row][c]);
      EXPECT_EQ(sum, v(r.appeals[row][kT3Cols - 1])) << "T3-ROW-TOTAL seed " << s;
    }
    EXPECT_GE(r.year, 2021);
    EXPECT_LE(r.year, 2025);
    EXPECT_FALSE(r.agency.empty());
    // Rendering never refuses a generated record.
    EXPECT_NO_THROW(render::render(r, {}));
  }
}

TEST(Generator, RealisticMagnitudes) {
  int zero = 0, cells = 0, large = 0, empty_reports = 0, fractional_fee = 0;
  std::set<std::string> suffixes;
  for (uint64_t s = 0; s < 400; ++s) {
    Report r = gen::generate_report(s);
    for (const auto& ref : all_cells(r)) {
      ++cells;
      if (v(*ref.cell) == 0) ++zero;
      if (v(*ref.cell) >= 100) ++large;
    }
    if (v(r.applications[R_NEW][6]) == 0) ++empty_reports;
    double fee = v(r.proactive.fees_wan_yuan);
    if (fee != static_cast<long long>(fee)) ++fractional_fee;
    for (const char* suf : {"街道办事处", "人民政府", "局", "委员会", "办公室"})
      if (r.agency.size() > strlen(suf) && r.agency.compare(r.agency.size() - strlen(suf), strlen(suf), suf) == 0)
        suffixes.insert(suf);
  }
  EXPECT_GT(zero, cells * 6 / 10);  // mostly zeros
  EXPECT_GT(large, 20);             // sometimes hundreds
  EXPECT_GT(empty_reports, 20);     // many agencies receive no application
  EXPECT_LT(empty_reports, 300);
  EXPECT_GT(fractional_fee, 5);
  EXPECT_GE(suffixes.size(), 4u);
}

TEST(Generator, TextQuotesTableFigures) {
  int checked = 0;
  for (uint64_t s = 0; s < 100; ++s) {
    Report r = gen::generate_report(s);
    const std::string& s1 = r.sections[0].text;
    double n = v(r.applications[R_NEW][6]);
    std::smatch m;
    if (std::regex_search(s1, m, std::regex("共收到政府信息公开申请([0-9]+)件"))) {
      EXPECT_EQ(std::stod(m[1]), n) << s;
      ++checked;
    } else {
      EXPECT_NE(s1.find("未收到政府信息公开申请"), std::string::npos) << s1;
      EXPECT_EQ(n, 0);
    }
    EXPECT_NE(r.sections[5].text.find("信息处理费"), std::string::npos);
    const std::string& s4 = r.sections[3].text;
    if (std::regex_search(s4, m, std::regex("行政复议([0-9]+)件"))) { EXPECT_EQ(std::stod(m[1]), v(r.appeals[0][4])); }
  }
  EXPECT_GT(checked, 30);
}

render::RenderDoc doc_for(uint64_t seed, TextLayout layout) {
  render::RenderOptions o;
  o.layout = layout;
  return render::build_document(gen::generate_report(seed), o);
}

TEST(Garbler, DeterministicAndLogged) {
  for (uint64_t s = 0; s < 30; ++s) {
    auto d1 = doc_for(s, TextLayout::TabRows), d2 = doc_for(s, TextLayout::TabRows);
    gen::GarbleOptions o;
    o.ops = 4;
    auto g1 = gen::garble(d1, TextLayout::TabRows, s, o);
    auto g2 = gen::garble(d2, TextLayout::TabRows, s, o);
    EXPECT_EQ(render::write_text(d1, TextLayout::TabRows), render::write_text(d2, TextLayout::TabRows));
    EXPECT_EQ(gen::garble_json(g1).dump(), gen::garble_json(g2).dump());
    EXPECT_EQ(g1.applied.size(), 4u);
    auto clean = doc_for(s, TextLayout::TabRows);
    EXPECT_NE(render::write_text(d1, TextLayout::TabRows), render::write_text(clean, TextLayout::TabRows));
  }
}

TEST(Garbler, DropCellRemovesExactlyThatCell) {
  for (uint64_t s = 0; s < 20; ++s) {
    auto d = doc_for(s, TextLayout::TabRows);
    gen::GarbleOptions o;
    o.ops = 2;
    o.allowed = {GarbleOp::DropCell};
    auto g = gen::garble(d, TextLayout::TabRows, s, o);
    ASSERT_EQ(g.applied.size(), 2u);
    EXPECT_EQ(g.lost_cells.size(), 2u);
    std::string text = render::write_text(d, TextLayout::TabRows);
    for (const auto& path : g.lost_cells) {
      // The row of a dropped cell has one field less: 9 TABs instead of 10 fields.
      std::string key = path.substr(13, path.find('[') - 13);
      int row = 0;
      while (kT2RowKeys[row] != key) ++row;
      size_t p = text.find(kT2RowLabels[row]);
      ASSERT_NE(p, std::string::npos);
      std::string line = text.substr(p, text.find('\n', p) - p);
      int tabs = 0;
      for (char ch : line) tabs += ch == '\t';
      int expected = (row == R_NEW || row == R_CARRIED_OVER || row == R_CARRIED_FORWARD) ? 8 : -1;
      if (expected > 0) { EXPECT_EQ(tabs, expected) << line; }
    }
  }
}

TEST(Garbler, OnlyApplicableOps) {
  for (uint64_t s = 0; s < 40; ++s) {
    auto d = doc_for(s, TextLayout::RunTogether);
    gen::GarbleOptions o;
    o.ops = 6;
    auto g = gen::garble(d, TextLayout::RunTogether, s, o);
    for (const auto& a : g.applied) {
      EXPECT_TRUE(gen::garble_applicable(a.op, TextLayout::RunTogether)) << gen::garble_name(a.op);
      EXPECT_NE(a.op, GarbleOp::DropCell);
      EXPECT_NE(a.op, GarbleOp::BlankValue);
    }
    EXPECT_TRUE(g.lost_cells.empty());
  }
  for (int i = 0; i < gen::kGarbleOpCount; ++i) {
    auto op = static_cast<GarbleOp>(i);
    EXPECT_EQ(gen::garble_from_name(gen::garble_name(op)), op);
  }
}

TEST(Garbler, TypoAndHeadingOpsChangeTheText) {
  auto d = doc_for(5, TextLayout::TabRows);
  gen::GarbleOptions o;
  o.ops = 4;
  o.allowed = {GarbleOp::LabelTypo};
  gen::garble(d, TextLayout::TabRows, 5, o);
  std::string t = render::write_text(d, TextLayout::TabRows);
  EXPECT_TRUE(t.find("转结") != std::string::npos || t.find("总记") != std::string::npos ||
              t.find("本年度止件数") != std::string::npos);
  auto d2 = doc_for(6, TextLayout::CellPerLine);
  o.allowed = {GarbleOp::ArabicNumerals};
  o.ops = 1;
  gen::garble(d2, TextLayout::CellPerLine, 6, o);
  std::string t2 = render::write_text(d2, TextLayout::CellPerLine);
  EXPECT_TRUE(std::regex_search(t2, std::regex("\n3、 ?收到和处理政府信息公开申请情况\n")));
}

}  // namespace
