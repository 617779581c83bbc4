// THE key test: parse(render(r)) == r, cell by cell, for every text layout and
// output format; and parse(garble(render(r))) == r except the cells the garbler
// destroyed, which must come back null or recovered to the true value.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "gen/garble.h"
#include "gen/generator.h"
#include "pipeline.h"
#include "model/json.h"
#include "render/layout.h"
#include "render/render.h"

namespace {

using namespace gk;
using render::OutputFormat;
using render::TextLayout;

constexpr int kSeeds = 25;

std::string show(const Cell& c) {
  if (!c.value) return "null";
  return render::format_number(*c.value) + "(" + std::string(cell_status_name(c.status)) + ")";
}

// Mismatches between truth and parsed; `lost` cells may be null or the truth.
std::vector<std::string> compare(const Report& truth, const Report& got,
                                 const std::set<std::string>& lost = {}) {
  std::vector<std::string> out;
  if (got.agency != truth.agency) out.push_back("agency: \"" + got.agency + "\" != \"" + truth.agency + "\"");
  if (got.year != truth.year)
    out.push_back("year: " + std::to_string(got.year) + " != " + std::to_string(truth.year));
  auto t = all_cells(truth);
  auto g = all_cells(got);
  for (size_t i = 0; i < t.size() && i < g.size(); ++i) {
    const Cell& want = *t[i].cell;
    const Cell& have = *g[i].cell;
    bool equal = want.value && have.value && std::fabs(*want.value - *have.value) < 1e-9;
    if (equal) continue;
    if (lost.count(t[i].path) && !have.value) continue;
    out.push_back(t[i].path + ": got " + show(have) + ", want " + show(want));
  }
  return out;
}

// Run-together text ("行政规范性文件11525") can be inherently ambiguous: count the
// readings of a digit string as canonical numbers (no leading zeros), where each
// group of `group` numbers ends with its own total when `totals` is set. Capped at 2.
int readings(const std::string& d, size_t pos, int left, int group, bool totals, int in_group,
             long long sum) {
  if (left == 0) return pos == d.size() ? 1 : 0;
  int found = 0;
  for (size_t len = 1; len <= 7 && pos + len <= d.size() && found < 2; ++len) {
    if (len > 1 && d[pos] == '0') break;
    long long v = std::stoll(d.substr(pos, len));
    bool last = in_group == group - 1;
    if (totals && last && v != sum) continue;
    found += readings(d, pos + len, left - 1, group, totals, last ? 0 : in_group + 1,
                      last ? 0 : sum + v);
  }
  return std::min(found, 2);
}

// Cells a parser may leave null in a run-together rendering because the
// concatenated digits have more than one reading consistent with the row totals.
std::set<std::string> ambiguous_run_together(const Report& r) {
  std::set<std::string> out;
  auto digits = [](std::initializer_list<const Cell*> cells) {
    std::string d;
    for (const Cell* c : cells) d += c->value ? render::format_number(*c->value) : "";
    return d;
  };
  auto stock = [&](const char* name, const StockRow& s) {
    if (readings(digits({&s.issued, &s.repealed, &s.in_force}), 0, 3, 3, false, 0, 0) > 1)
      for (const char* f : {".issued", ".repealed", ".in_force"})
        out.insert(std::string("proactive.") + name + f);
  };
  stock("regulations", r.proactive.regulations);
  stock("normative_documents", r.proactive.normative_documents);
  for (int row = 0; row < kT2Rows; ++row) {
    std::string d;
    for (const auto& c : r.applications[row]) d += render::format_number(c.value.value_or(0));
    if (readings(d, 0, kT2Cols, kT2Cols, true, 0, 0) > 1)
      for (int c = 0; c < kT2Cols; ++c) out.insert(t2_path(row, c));
  }
  std::string d;
  for (const auto& row : r.appeals)
    for (const auto& c : row) d += render::format_number(c.value.value_or(0));
  if (readings(d, 0, kT3Rows * kT3Cols, kT3Cols, true, 0, 0) > 1)
    for (int row = 0; row < kT3Rows; ++row)
      for (int c = 0; c < kT3Cols; ++c) out.insert(t3_path(row, c));
  return out;
}

std::string summary(const std::vector<std::string>& v, size_t max = 8) {
  std::string s;
  for (size_t i = 0; i < v.size() && i < max; ++i) s += "\n    " + v[i];
  if (v.size() > max) s += "\n    … " + std::to_string(v.size() - max) + " more";
  return s;
}

struct Case {
  const char* name;
  OutputFormat format;
  TextLayout layout;
  const char* ext;
};

const Case kCases[] = {
    {"txt_tab", OutputFormat::Txt, TextLayout::TabRows, ".txt"},
    {"txt_cell", OutputFormat::Txt, TextLayout::CellPerLine, ".txt"},
    {"txt_md", OutputFormat::Txt, TextLayout::Markdown, ".txt"},
    {"txt_run", OutputFormat::Txt, TextLayout::RunTogether, ".txt"},
    {"txt_space", OutputFormat::Txt, TextLayout::SpaceSeparated, ".txt"},
    {"md", OutputFormat::Md, TextLayout::Markdown, ".md"},
    {"html", OutputFormat::Html, TextLayout::TabRows, ".html"},
    {"docx", OutputFormat::Docx, TextLayout::TabRows, ".docx"},
};

class RoundTrip : public ::testing::TestWithParam<Case> {};

TEST_P(RoundTrip, CellByCell) {
  const Case& c = GetParam();
  int failed = 0;
  std::string report;
  for (uint64_t seed = 0; seed < kSeeds; ++seed) {
    Report truth = gen::generate_report(seed);
    render::RenderOptions opt;
    opt.format = c.format;
    opt.layout = c.layout;
    std::string bytes = render::render(truth, opt);
    std::string name = std::string("roundtrip-") + std::to_string(seed) + c.ext;
    std::vector<std::string> diff;
    try {
      Report got = parse_bytes(bytes, name);
      std::set<std::string> may_be_null;
      if (c.layout == TextLayout::RunTogether && c.format == OutputFormat::Txt)
        may_be_null = ambiguous_run_together(truth);
      diff = compare(truth, got, may_be_null);
    } catch (const std::exception& e) {
      diff.push_back(std::string("parse threw: ") + e.what());
    }
    if (!diff.empty()) {
      ++failed;
      if (failed <= 3) report += "\n  seed " + std::to_string(seed) + ":" + summary(diff);
    }
  }
  EXPECT_EQ(failed, 0) << c.name << ": " << failed << " of " << kSeeds << " reports differ" << report;
}

INSTANTIATE_TEST_SUITE_P(Layouts, RoundTrip, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

class GarbledRoundTrip : public ::testing::TestWithParam<Case> {};

TEST_P(GarbledRoundTrip, RecoversOrLeavesNull) {
  const Case& c = GetParam();
  int failed = 0;
  std::string report;
  for (uint64_t seed = 100; seed < 100 + kSeeds; ++seed) {
    Report truth = gen::generate_report(seed);
    render::RenderOptions opt;
    opt.layout = c.layout;
    render::RenderDoc doc = render::build_document(truth, opt);
    gen::GarbleOptions gopt;
    gopt.ops = 3;
    gen::GarbleResult g = gen::garble(doc, c.layout, seed, gopt);
    std::string text = render::write_text(doc, c.layout);
    std::vector<std::string> diff;
    try {
      Report got = parse_bytes(text, "garbled-" + std::to_string(seed) + ".txt");
      std::set<std::string> may_be_null = g.lost_cells;
      if (c.layout == TextLayout::RunTogether) may_be_null.merge(ambiguous_run_together(truth));
      diff = compare(truth, got, may_be_null);
    } catch (const std::exception& e) {
      diff.push_back(std::string("parse threw: ") + e.what());
    }
    if (!diff.empty()) {
      ++failed;
      if (failed <= 3) {
        report += "\n  seed " + std::to_string(seed) + " ops:";
        for (const auto& a : g.applied) report += " [" + std::string(gen::garble_name(a.op)) + ": " + a.detail + "]";
        report += summary(diff);
      }
    }
  }
  EXPECT_EQ(failed, 0) << c.name << ": " << failed << " of " << kSeeds << " garbled reports differ" << report;
}

const Case kTextCases[] = {
    {"tab", OutputFormat::Txt, TextLayout::TabRows, ".txt"},
    {"cell", OutputFormat::Txt, TextLayout::CellPerLine, ".txt"},
    {"md", OutputFormat::Txt, TextLayout::Markdown, ".txt"},
    {"run", OutputFormat::Txt, TextLayout::RunTogether, ".txt"},
    {"space", OutputFormat::Txt, TextLayout::SpaceSeparated, ".txt"},
};

INSTANTIATE_TEST_SUITE_P(Layouts, GarbledRoundTrip, ::testing::ValuesIn(kTextCases),
                         [](const auto& info) { return std::string(info.param.name); });

// One garble operation at a time, per layout: pinpoints which noise a parser
// does not yet absorb.
struct OpCase {
  TextLayout layout;
  gen::GarbleOp op;
};

std::vector<OpCase> op_cases() {
  std::vector<OpCase> out;
  for (const auto& c : kTextCases)
    for (int i = 0; i < gen::kGarbleDefaultOpCount; ++i) {  // the misalignment faults: pdf_faults_test
      auto op = static_cast<gen::GarbleOp>(i);
      if (gen::garble_applicable(op, c.layout)) out.push_back({c.layout, op});
    }
  return out;
}

class GarbleOpRoundTrip : public ::testing::TestWithParam<OpCase> {};

TEST_P(GarbleOpRoundTrip, SingleOperation) {
  const OpCase& c = GetParam();
  int failed = 0, applied = 0;
  std::string report;
  for (uint64_t seed = 200; seed < 212; ++seed) {
    Report truth = gen::generate_report(seed);
    render::RenderOptions opt;
    opt.layout = c.layout;
    render::RenderDoc doc = render::build_document(truth, opt);
    gen::GarbleOptions gopt;
    gopt.ops = 1;
    gopt.allowed = {c.op};
    gen::GarbleResult g = gen::garble(doc, c.layout, seed, gopt);
    if (g.applied.empty()) continue;
    ++applied;
    std::string text = render::write_text(doc, c.layout);
    std::vector<std::string> diff;
    try {
      Report got = parse_bytes(text, "op-" + std::to_string(seed) + ".txt");
      std::set<std::string> may_be_null = g.lost_cells;
      if (c.layout == TextLayout::RunTogether) may_be_null.merge(ambiguous_run_together(truth));
      diff = compare(truth, got, may_be_null);
    } catch (const std::exception& e) {
      diff.push_back(std::string("parse threw: ") + e.what());
    }
    if (!diff.empty()) {
      ++failed;
      if (failed <= 2) report += "\n  seed " + std::to_string(seed) + " [" + g.applied[0].detail + "]" + summary(diff, 4);
    }
  }
  EXPECT_GT(applied, 0);
  EXPECT_EQ(failed, 0) << failed << " of " << applied << " reports differ" << report;
}

INSTANTIATE_TEST_SUITE_P(Ops, GarbleOpRoundTrip, ::testing::ValuesIn(op_cases()), [](const auto& info) {
  return std::string(render::layout_name(info.param.layout)) + "_" +
         std::string(gen::garble_name(info.param.op));
});

}  // namespace
