// DOCX reader: paragraphs, gridSpan / vMerge grids, split runs, WPS files,
// and hostile archives (zip bombs, lying headers, truncation, entities).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "read/format_readers.h"
#include "read/reader.h"

#ifndef GONGKAI_TEST_DATA
#define GONGKAI_TEST_DATA "tests/data"
#endif

namespace {

using gk::DocBlock;
using gk::Document;
const std::string kFormats = std::string(GONGKAI_TEST_DATA) + "/formats/";

#if GONGKAI_HAVE_DOCX

std::vector<std::string> paragraphs(const Document& d) {
  std::vector<std::string> out;
  for (auto& b : d.blocks)
    if (b.kind == DocBlock::Paragraph) out.push_back(b.paragraph.text);
  return out;
}

const gk::DocTable* first_table(const Document& d) {
  for (auto& b : d.blocks)
    if (b.kind == DocBlock::Table) return &b.table;
  return nullptr;
}

TEST(read_docx, ParagraphsInOrder) {
  Document d = gk::read_file(kFormats + "report.docx");
  EXPECT_EQ(d.format, "docx");
  auto ps = paragraphs(d);
  std::vector<std::string> want = {"某区人民政府2024年政府信息公开工作年度报告",
                                   "三、收到和处理政府信息公开申请情况",
                                   "（控件内的段落）",
                                   "保留插入",
                                   "第一行",
                                   "第二行",
                                   "文本框",
                                   "四、政府信息公开行政复议、行政诉讼情况"};
  EXPECT_EQ(ps, want);
  // The table sits between the text box paragraph and the last heading.
  ASSERT_GE(d.blocks.size(), 3u);
  EXPECT_EQ(d.blocks[d.blocks.size() - 2].kind, DocBlock::Table);
  // lines increase
  int last = 0;
  for (auto& b : d.blocks) {
    int l = b.kind == DocBlock::Paragraph ? b.paragraph.line : b.table.rows.front().line;
    EXPECT_GE(l, last);
    last = l;
  }
}

TEST(read_docx, TableGrid) {
  Document d = gk::read_file(kFormats + "report.docx");
  const gk::DocTable* t = first_table(d);
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->structured);
  ASSERT_EQ(t->rows.size(), 4u);
  for (auto& r : t->rows) EXPECT_EQ(r.cells.size(), 10u);
  const auto& r0 = t->rows[0].cells;
  EXPECT_EQ(r0[0].text, "一、本年新收政府信息公开申请数量");
  EXPECT_EQ(r0[0].colspan, 3);
  EXPECT_TRUE(r0[1].spanned);
  EXPECT_TRUE(r0[2].spanned);
  EXPECT_EQ(r0[3].text, "95");  // "9" + "5" in two runs
  EXPECT_EQ(r0[9].text, "95");
  const auto& r1 = t->rows[1].cells;
  EXPECT_EQ(r1[0].text, "三、本年度办理结果");
  EXPECT_EQ(r1[0].rowspan, 3);
  EXPECT_EQ(r1[1].text, "（一）予以公开");  // two paragraphs of one cell, CJK joined
  EXPECT_TRUE(t->rows[2].cells[0].spanned);
  EXPECT_TRUE(t->rows[3].cells[0].spanned);
  EXPECT_EQ(t->rows[2].cells[1].rowspan, 2);
  EXPECT_TRUE(t->rows[3].cells[1].spanned);
  // A printed blank cell stays an empty, non-spanned cell.
  EXPECT_EQ(t->rows[2].cells[4].text, "");
  EXPECT_FALSE(t->rows[2].cells[4].spanned);
  EXPECT_EQ(t->rows[3].cells[2].text, "2.其他法律行政法规禁止公开");
}

TEST(read_docx, WpsGridBeforeAndContinue) {
  Document d = gk::read_file(kFormats + "wps.docx");  // no _rels/.rels either
  const gk::DocTable* t = first_table(d);
  ASSERT_TRUE(t);
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_TRUE(t->rows[0].cells[0].spanned);  // gridBefore
  EXPECT_EQ(t->rows[0].cells[1].text, "行政复议");
  EXPECT_EQ(t->rows[1].cells[0].rowspan, 2);
  EXPECT_TRUE(t->rows[2].cells[0].spanned);
  EXPECT_EQ(t->rows[2].cells[5].text, "0");
}

void expect_error(const std::string& file, const std::string& needle, const gk::ReadLimits& lim = {}) {
  try {
    gk::read_file(kFormats + file, lim);
    ADD_FAILURE() << file << " read without error";
  } catch (const gk::ReadError& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << file << ": " << e.what();
  }
}

TEST(read_docx, HostileArchives) {
  gk::ReadLimits small;
  small.max_entry_bytes = 1 << 20;
  small.max_unpacked_bytes = 8 << 20;
  expect_error("bomb.docx", "压缩炸弹", small);
  expect_error("lying-size.docx", "", small);  // refused by our cap or libzip's checks
  gk::ReadLimits tiny_total;
  tiny_total.max_unpacked_bytes = 1 << 20;
  expect_error("bomb.docx", "压缩炸弹", tiny_total);
  expect_error("truncated.docx", "损坏");
  // With the default limits the 2 MiB document reads.
  EXPECT_NO_THROW(gk::read_file(kFormats + "bomb.docx"));
}

TEST(read_docx, EntitiesAreNotExpanded) {
  Document d = gk::read_file(kFormats + "entities.docx");
  for (auto& p : paragraphs(d)) {
    EXPECT_EQ(p.find("lollol"), std::string::npos) << p;
    EXPECT_EQ(p.find("root:"), std::string::npos) << p;
  }
}

#else
TEST(read_docx, NotCompiledIn) { GTEST_SKIP() << "libzip/pugixml not found at build time"; }
#endif

}  // namespace
