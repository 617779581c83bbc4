// Debug aid, not a check: GK_DUMP=<file> gongkai_tests --gtest_filter=read_dump.*
// (GK_DUMP_SECONDS=<n> raises the read time limit, for OCR on a busy machine)
// prints the Document a reader makes (tables as rows of "|"-separated cells,
// spanned positions as "^").
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "read/reader.h"

TEST(read_dump, Print) {
  const char* path = std::getenv("GK_DUMP");
  if (!path) GTEST_SKIP() << "set GK_DUMP=<file> to print its Document";
  gk::ReadLimits limits;
  if (const char* s = std::getenv("GK_DUMP_SECONDS")) limits.max_seconds = std::atof(s);  // slow OCR
  gk::Document doc = gk::read_file(path, limits);
  std::printf("format=%s encoding=%s blocks=%zu\n", doc.format.c_str(), doc.encoding.c_str(),
              doc.blocks.size());
  for (auto& w : doc.warnings) std::printf("warning: %s %s\n", gk::rule_id(w.rule), w.message.c_str());
  for (auto& b : doc.blocks) {
    if (b.kind == gk::DocBlock::Paragraph) {
      std::printf("P %6d  %s\n", b.paragraph.line, b.paragraph.text.c_str());
      continue;
    }
    std::printf("T structured=%d rows=%zu\n", (int)b.table.structured, b.table.rows.size());
    for (auto& r : b.table.rows) {
      std::printf("  R %6d ", r.line);
      for (auto& c : r.cells) {
        if (c.spanned) std::printf("|^");
        else if (c.rowspan > 1 || c.colspan > 1) std::printf("|%s{%dx%d}", c.text.c_str(), c.rowspan, c.colspan);
        else std::printf("|%s", c.text.c_str());
      }
      std::printf("|\n");
    }
  }
}
