// Generated reports are right by construction: checking them must find no
// errors, and no warnings beyond what the layout itself makes undecidable.
#include <gtest/gtest.h>

#include <map>

#include "gen/generator.h"
#include "pipeline.h"
#include "render/render.h"

namespace {

TEST(NoFalseFindings, GeneratedReportsInEveryTextLayout) {
  using gk::render::TextLayout;
  const TextLayout layouts[] = {TextLayout::TabRows, TextLayout::CellPerLine, TextLayout::Markdown,
                                TextLayout::RunTogether, TextLayout::SpaceSeparated};
  std::map<std::string, int> unexpected;
  for (int i = 0; i < 250; ++i) {
    gk::Report truth = gk::gen::generate_report(5000 + i);
    gk::render::RenderOptions o;
    o.layout = layouts[i % 5];
    std::string text = gk::render::render(truth, o);
    gk::Report r = gk::parse_bytes(text, "gen.txt");
    for (const auto& d : r.diagnostics) {
      if (d.severity == gk::Severity::Note) continue;
      std::string base = d.rule.substr(0, d.rule.find('@'));
      // Run-together digits can have several readings (left null, said so);
      // the generator may give regulations to an agency without that power.
      if (base == "R-SPLIT-AMBIGUOUS" && o.layout == TextLayout::RunTogether) continue;
      if (base == "T1-REG-POWER") continue;
      ++unexpected[base];
      ADD_FAILURE() << "seed " << 5000 + i << " layout " << gk::render::layout_name(o.layout) << ": " << d.rule
                    << " " << d.message;
    }
  }
  EXPECT_TRUE(unexpected.empty());
}

}  // namespace
