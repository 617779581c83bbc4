// Debug aid, not a check: GK_DUMP=<file>[:<file>...] gongkai_tests --gtest_filter=read_dump.*
// (GK_DUMP_SECONDS=<n> raises the read time limit, for OCR on a busy machine)
// prints the Document a reader makes (tables as rows of "|"-separated cells,
// spanned positions as "^"). GK_DUMP_FULL=1 adds every field (cell lines,
// confidences, explicit rows): two dumps of the same files compare readers
// before and after a change byte for byte.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "read/reader.h"

namespace {

void dump(const std::string& path, const gk::ReadLimits& limits, bool full) {
  gk::Document doc;
  try {
    doc = gk::read_file(path, limits);
  } catch (const std::exception& e) {
    std::printf("file=%s error: %s\n", path.c_str(), e.what());
    return;
  }
  std::printf("file=%s format=%s encoding=%s blocks=%zu\n", path.c_str(), doc.format.c_str(),
              doc.encoding.c_str(), doc.blocks.size());
  for (auto& w : doc.warnings) std::printf("warning: %s %s\n", gk::rule_id(w.rule), w.message.c_str());
  for (auto& b : doc.blocks) {
    if (b.kind == gk::DocBlock::Paragraph) {
      if (full) std::printf("P %6d c=%.3f  %s\n", b.paragraph.line, b.paragraph.confidence, b.paragraph.text.c_str());
      else std::printf("P %6d  %s\n", b.paragraph.line, b.paragraph.text.c_str());
      continue;
    }
    std::printf("T structured=%d rows=%zu\n", (int)b.table.structured, b.table.rows.size());
    for (auto& r : b.table.rows) {
      std::printf("  R %6d%s ", r.line, full && r.explicit_cells ? " explicit" : "");
      for (auto& c : r.cells) {
        if (c.spanned) std::printf("|^");
        else if (c.rowspan > 1 || c.colspan > 1) std::printf("|%s{%dx%d}", c.text.c_str(), c.rowspan, c.colspan);
        else std::printf("|%s", c.text.c_str());
        if (full) std::printf("@%d c=%.3f", c.line, c.confidence);
      }
      std::printf("|\n");
    }
  }
}

}  // namespace

TEST(read_dump, Print) {
  const char* paths = std::getenv("GK_DUMP");
  if (!paths) GTEST_SKIP() << "set GK_DUMP=<file> to print its Document";
  gk::ReadLimits limits;
  if (const char* s = std::getenv("GK_DUMP_SECONDS")) limits.max_seconds = std::atof(s);  // slow OCR
  bool full = std::getenv("GK_DUMP_FULL") != nullptr;
  std::string all = paths;
  for (size_t b = 0; b <= all.size();) {
    size_t e = all.find(':', b);
    if (e == std::string::npos) e = all.size();
    if (e > b) dump(all.substr(b, e - b), limits, full);
    b = e + 1;
  }
}
