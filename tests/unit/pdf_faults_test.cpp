// The misalignment faults of the garbler (issue 12): a Table 2 row printed one
// column to the right (shift_row) and a Table 2 column left out (drop_column),
// what a PDF reader that loses a column boundary, or a table clipped at the
// page edge, produces. Whatever the reader makes of them, no cell may come
// back silently wrong: every value that differs from the truth must be null
// (missing) or named by an error or warning (contradicted). Over 2,400
// garbled reports: both faults, three text layouts, both templates; and over
// 2,000 more with every fault of the garbler drawn at random, in all five
// text layouts.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <set>
#include <string>

#include "gen/garble.h"
#include "gen/generator.h"
#include "model/json.h"
#include "pipeline.h"
#include "render/layout.h"
#include "render/render.h"

namespace {

using namespace gk;
using render::TextLayout;

struct Tally {
  int reports = 0, applied = 0, wrong = 0, caught = 0, silent = 0;
  std::string first;
};

// One garbled report of seed `seed` in `layout`, compared cell by cell with its truth.
void one(uint64_t seed, TextLayout layout, bool t2019, const gen::GarbleOptions& gopt, Tally* t) {
  {
    gen::GenOptions go;
    go.template_2019 = t2019;
    Report truth = gen::generate_report(7000 + seed, go);
    render::RenderOptions ro;
    ro.layout = layout;
    render::RenderDoc doc = render::build_document(truth, ro);
    gen::GarbleResult g = gen::garble(doc, layout, seed, gopt);
    ++t->reports;
    if (g.applied.empty()) return;
    ++t->applied;
    Report got = parse_bytes(render::write_text(doc, layout), "fault-" + std::to_string(seed) + ".txt");
    std::set<std::string> named;
    for (const auto& d : got.diagnostics)
      if (d.severity != Severity::Note) named.insert(d.cells.begin(), d.cells.end());
    auto want = all_cells(truth);
    auto have = all_cells(got);
    ASSERT_EQ(want.size(), have.size());
    for (size_t i = 0; i < want.size(); ++i) {
      const Cell& w = *want[i].cell;
      const Cell& h = *have[i].cell;
      if (!h.value) continue;  // missing: allowed
      if (w.value && std::fabs(*w.value - *h.value) < 1e-9) continue;
      ++t->wrong;
      if (named.count(want[i].path)) {
        ++t->caught;
        continue;
      }
      ++t->silent;
      if (std::getenv("GK_FAULT_DEBUG")) {  // GK_FAULT_DEBUG=1: every silent cell, not only the first
        std::string ops;
        for (const auto& a : g.applied) ops += std::string(gen::garble_name(a.op)) + ",";
        std::printf("SILENT layout=%d seed=%d ops=%s path=%s got=%g truth=%g\n", (int)layout, (int)seed, ops.c_str(),
                    want[i].path.c_str(), *h.value, w.value ? *w.value : -1.0);
      }
      if (t->first.empty())
        t->first = "seed " + std::to_string(7000 + seed) + " [" + g.applied[0].detail + "] " + want[i].path +
                   ": got " + render::format_number(*h.value) + " (" + std::string(cell_status_name(h.status)) +
                   "), truth " + (w.value ? render::format_number(*w.value) : "null");
    }
  }
}

void run(gen::GarbleOp op, TextLayout layout, bool t2019, uint64_t seeds, Tally* t) {
  gen::GarbleOptions gopt;
  gopt.ops = 1;
  gopt.allowed = {op};
  for (uint64_t seed = 0; seed < seeds; ++seed) one(seed, layout, t2019, gopt, t);
}

class MisalignmentFault : public ::testing::TestWithParam<std::tuple<gen::GarbleOp, TextLayout>> {};

TEST_P(MisalignmentFault, NoCellSilentlyWrong) {
  auto [op, layout] = GetParam();
  Tally t;
  run(op, layout, false, 250, &t);
  run(op, layout, true, 150, &t);
  EXPECT_GT(t.applied, t.reports / 2) << "the fault was rarely applicable";
  // drop_column takes the column's header with it: the reader places the
  // values under the columns the header prints and rebuilds the lost one from
  // the row totals, so it may well leave no cell wrong at all.
  if (op == gen::GarbleOp::ShiftRow) EXPECT_GT(t.wrong, 0) << "the fault never produced a wrong cell: it tests nothing";
  EXPECT_EQ(t.silent, 0) << t.silent << " of " << t.wrong << " wrong cells in " << t.applied
                         << " garbled reports are neither null nor named by a finding; first: " << t.first;
  std::printf("%s/%d: %d reports, %d garbled, %d wrong cells, all %d named by a finding\n",
              std::string(gen::garble_name(op)).c_str(), (int)layout, t.reports, t.applied, t.wrong, t.caught);
}

INSTANTIATE_TEST_SUITE_P(
    Faults, MisalignmentFault,
    ::testing::Combine(::testing::Values(gen::GarbleOp::ShiftRow, gen::GarbleOp::DropColumn),
                       ::testing::Values(TextLayout::TabRows, TextLayout::CellPerLine, TextLayout::Markdown)),
    [](const auto& info) {
      return std::string(gen::garble_name(std::get<0>(info.param))) + "_" +
             std::to_string((int)std::get<1>(info.param));
    });

TEST(MisalignmentFault, ShiftRowMovesValuesRight) {
  Report truth = gen::generate_report(7001);
  render::RenderOptions ro;
  ro.layout = TextLayout::TabRows;
  render::RenderDoc doc = render::build_document(truth, ro);
  gen::GarbleOptions gopt;
  gopt.ops = 1;
  gopt.allowed = {gen::GarbleOp::ShiftRow};
  gen::GarbleResult g = gen::garble(doc, TextLayout::TabRows, 1, gopt);
  ASSERT_EQ(g.applied.size(), 1u);
  EXPECT_EQ(g.misplaced_cells.size(), (size_t)kT2Cols);
  EXPECT_TRUE(g.lost_cells.empty());
  // Never drawn unless asked for: the default operations stay the twelve of before.
  gen::GarbleOptions any;
  any.ops = 40;
  for (uint64_t s = 0; s < 20; ++s) {
    render::RenderDoc d = render::build_document(truth, ro);
    for (const auto& a : gen::garble(d, TextLayout::TabRows, s, any).applied) {
      EXPECT_NE(a.op, gen::GarbleOp::ShiftRow);
      EXPECT_NE(a.op, gen::GarbleOp::DropColumn);
    }
  }
}

// Every fault of the garbler, one to three at a time, drawn from all fourteen
// (the misalignment faults included), over 2,000 reports in the five text
// layouts and both templates: no cell silently wrong.
TEST(GarblerFaults, NoCellSilentlyWrongOver2000Reports) {
  const TextLayout layouts[] = {TextLayout::TabRows, TextLayout::CellPerLine, TextLayout::Markdown,
                                TextLayout::RunTogether, TextLayout::SpaceSeparated};
  gen::GarbleOptions gopt;
  for (int i = 0; i < gen::kGarbleOpCount; ++i) gopt.allowed.push_back(static_cast<gen::GarbleOp>(i));
  Tally t;
  for (uint64_t seed = 10000; seed < 12000; ++seed) {
    gopt.ops = 1 + static_cast<int>(seed % 3);
    one(seed, layouts[seed % 5], seed % 4 == 0, gopt, &t);
  }
  EXPECT_EQ(t.reports, 2000);
  EXPECT_GT(t.applied, 1900) << "the faults were rarely applicable";
  EXPECT_GT(t.wrong, 0) << "no fault produced a wrong cell: the test sees nothing";
  EXPECT_EQ(t.silent, 0) << t.silent << " of " << t.wrong << " wrong cells in " << t.applied
                         << " garbled reports are neither null nor named by a finding; first: " << t.first;
  std::printf("all faults: %d reports, %d garbled, %d wrong cells, all %d named by a finding\n", t.reports,
              t.applied, t.wrong, t.caught);
}

}  // namespace
