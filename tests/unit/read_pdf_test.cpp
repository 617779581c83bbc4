// PDF reader: structural facts of the real hongze reports (reading order,
// one cell per table cell, merged cells, page breaks, page numbers) and
// hand-made fixtures for bad input.
#include <gtest/gtest.h>

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
using gk::DocRow;

const std::string kReal = std::string(GONGKAI_TEST_DATA) + "/real/";
const std::string kFormats = std::string(GONGKAI_TEST_DATA) + "/formats/";

struct Found {
  const gk::DocTable* table = nullptr;
  const DocRow* row = nullptr;
  size_t row_index = 0;
  size_t cell = 0;
};

// The first table row with a cell containing `key`.
Found find_row(const Document& doc, const std::string& key) {
  for (auto& b : doc.blocks) {
    if (b.kind != DocBlock::Table) continue;
    for (size_t r = 0; r < b.table.rows.size(); ++r)
      for (size_t c = 0; c < b.table.rows[r].cells.size(); ++c)
        if (b.table.rows[r].cells[c].text.find(key) != std::string::npos)
          return {&b.table, &b.table.rows[r], r, c};
  }
  return {};
}

// Non-spanned cell texts after the cell holding `key`.
std::vector<std::string> values_after(const Document& doc, const std::string& key) {
  Found f = find_row(doc, key);
  std::vector<std::string> out;
  if (!f.row) return out;
  for (size_t c = f.cell + 1; c < f.row->cells.size(); ++c)
    if (!f.row->cells[c].spanned) out.push_back(f.row->cells[c].text);
  return out;
}

using V = std::vector<std::string>;

bool has_paragraph(const Document& doc, const std::string& text) {
  for (auto& b : doc.blocks)
    if (b.kind == DocBlock::Paragraph && b.paragraph.text == text) return true;
  return false;
}

#if GONGKAI_HAVE_POPPLER

class read_pdf_hongze2024 : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { doc_ = new Document(gk::read_file(kReal + "hongze-2024.pdf")); }
  static void TearDownTestSuite() { delete doc_; }
  static Document* doc_;
};
Document* read_pdf_hongze2024::doc_ = nullptr;

TEST_F(read_pdf_hongze2024, FormatAndHeadings) {
  const Document& doc = *doc_;
  EXPECT_EQ(doc.format, "pdf");
  for (const char* h : {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                        "六、其他需要报告的事项"})
    EXPECT_TRUE(has_paragraph(doc, h)) << h;
}

TEST_F(read_pdf_hongze2024, Table2RowsCarryTheirNumbersInOrder) {
  const Document& doc = *doc_;
  EXPECT_EQ(values_after(doc, "本年新收"), (V{"95", "0", "0", "0", "0", "0", "95"}));
  EXPECT_EQ(values_after(doc, "（一）予以公开"), (V{"50", "0", "0", "0", "0", "0", "50"}));
  // The wrapped label is one cell holding both lines, numbers after it.
  Found partial = find_row(doc, "（二）部分公开");
  ASSERT_TRUE(partial.row);
  EXPECT_NE(partial.row->cells[partial.cell].text.find("计其他情形）"), std::string::npos);
  EXPECT_EQ(values_after(doc, "（二）部分公开"), (V{"9", "0", "0", "0", "0", "0", "9"}));
  EXPECT_EQ(values_after(doc, "1.本机关不掌握相关政府信息"), (V{"31", "0", "0", "0", "0", "0", "31"}));
  Found wrapped = find_row(doc, "5.要求行政机关确认或重");
  ASSERT_TRUE(wrapped.row);
  EXPECT_NE(wrapped.row->cells[wrapped.cell].text.find("已获取信息"), std::string::npos);
  EXPECT_EQ(values_after(doc, "（七）总计"), (V{"", "95", "0", "0", "0", "0", "0", "95"}))
      << "the empty third label cell is printed in this report (truth notes)";
  EXPECT_EQ(values_after(doc, "四、结转下年度继续办理"), (V{"0", "0", "0", "0", "0", "0", "0"}));
}

TEST_F(read_pdf_hongze2024, VerticalGroupLabelIsOneMergedCell) {
  const Document& doc = *doc_;
  Found g = find_row(doc, "三、本年度办理结果");
  ASSERT_TRUE(g.row);
  EXPECT_EQ(g.row->cells[g.cell].text, "三、本年度办理结果");
  EXPECT_GE(g.row->cells[g.cell].rowspan, 20);
  // It heads the row of （一）予以公开 (first row of its span).
  EXPECT_NE(g.row->cells[g.cell + 1].text.find("（一）予以公开"), std::string::npos);
}

TEST_F(read_pdf_hongze2024, TablesSplitByPageBreaksAreJoined) {
  const Document& doc = *doc_;
  Found t2a = find_row(doc, "本年新收");
  Found t2b = find_row(doc, "2.没有现成信息需要另行制作");
  ASSERT_TRUE(t2a.table && t2b.table);
  EXPECT_EQ(t2a.table, t2b.table);
  EXPECT_TRUE(t2a.table->structured);
  EXPECT_EQ(t2a.table->rows.size(), 26u);
  // Continuation rows on page 4: group columns are the merged cells going on.
  EXPECT_TRUE(t2b.row->cells[0].spanned);
  EXPECT_TRUE(t2b.row->cells[1].spanned);
  EXPECT_EQ(t2b.row->line / 1000, 4);
  EXPECT_EQ(t2a.row->line / 1000, 3);
  // Table 1 (pages 2 and 3) is one table too.
  Found t1a = find_row(doc, "行政规范性文件");
  Found t1b = find_row(doc, "行政处罚");
  ASSERT_TRUE(t1a.table && t1b.table);
  EXPECT_EQ(t1a.table, t1b.table);
  EXPECT_EQ(values_after(doc, "行政规范性文件"), (V{"3", "0", "8"}));
  EXPECT_EQ(values_after(doc, "行政处罚"), (V{"2776"}));
  EXPECT_EQ(values_after(doc, "行政事业性收费"), (V{"7545"}));
}

TEST_F(read_pdf_hongze2024, Table3ValuesInOneRow) {
  const Document& doc = *doc_;
  for (auto& b : doc.blocks) {
    if (b.kind != DocBlock::Table) continue;
    for (auto& r : b.table.rows) {
      if (r.cells.size() != 15 || r.cells[0].text != "1") continue;
      V got;
      for (auto& c : r.cells) got.push_back(c.text);
      EXPECT_EQ(got, (V{"1", "1", "0", "0", "2", "1", "0", "0", "0", "1", "2", "0", "1", "0", "3"}));
      return;
    }
  }
  ADD_FAILURE() << "no 15-cell value row";
}

TEST_F(read_pdf_hongze2024, NoPageNumbersAndOrderedLines) {
  const Document& doc = *doc_;
  int last = 0;
  for (auto& b : doc.blocks) {
    if (b.kind == DocBlock::Paragraph) {
      EXPECT_EQ(b.paragraph.text.find("-3-"), std::string::npos);
      EXPECT_NE(b.paragraph.text, "- 3 -");
      EXPECT_GE(b.paragraph.line, last);
      last = b.paragraph.line;
    } else {
      for (auto& r : b.table.rows) {
        EXPECT_GE(r.line, last);
        last = r.line;
        for (auto& c : r.cells) EXPECT_EQ(c.text.find("-4-"), std::string::npos);
      }
    }
  }
  // Body text wrapped over lines (and a page) is one paragraph.
  bool joined = false;
  for (auto& b : doc.blocks)
    if (b.kind == DocBlock::Paragraph &&
        b.paragraph.text.find("答复书模板，使各行政机关答复的方式") != std::string::npos)
      joined = true;
  EXPECT_TRUE(joined);
}

TEST(read_pdf, Hongze2023) {
  Document doc = gk::read_file(kReal + "hongze-2023.pdf");
  EXPECT_EQ(values_after(doc, "本年新收"), (V{"21", "0", "0", "0", "0", "0", "21"}));
  EXPECT_EQ(values_after(doc, "行政事业性收费"), (V{"7730.28"}));
  EXPECT_EQ(values_after(doc, "行政处罚"), (V{"4119"}));
  EXPECT_EQ(values_after(doc, "2.没有现成信息需要另行制作"), (V{"3", "0", "0", "0", "0", "0", "3"}));
  // Page 3 ends the table without a closing rule; 3. continues on page 4.
  Found a = find_row(doc, "2.没有现成信息需要另行制作");
  Found b = find_row(doc, "3.补正后申请内容仍不明确");
  ASSERT_TRUE(a.table && b.table);
  EXPECT_EQ(a.table, b.table);
  EXPECT_EQ(b.row_index, a.row_index + 1);
  EXPECT_TRUE(b.row->cells[1].spanned);
  EXPECT_EQ(values_after(doc, "（七）总计"), (V{"21", "0", "0", "0", "0", "0", "21"}));
}

TEST(read_pdf, RuledFixtureMergedCell) {
  Document doc = gk::read_file(kFormats + "ruled-table.pdf");
  ASSERT_GE(doc.blocks.size(), 3u);
  EXPECT_EQ(doc.blocks[0].kind, DocBlock::Paragraph);
  EXPECT_EQ(doc.blocks[0].paragraph.text, "Title line above the table");
  ASSERT_EQ(doc.blocks[1].kind, DocBlock::Table);
  const auto& t = doc.blocks[1].table;
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[0].cells.size(), 3u);
  EXPECT_EQ(t.rows[2].cells[0].text, "merged");
  EXPECT_EQ(t.rows[2].cells[0].rowspan, 2);
  EXPECT_TRUE(t.rows[3].cells[0].spanned);
  EXPECT_EQ(t.rows[3].cells[1].text, "5");
  EXPECT_EQ(doc.blocks.back().kind, DocBlock::Paragraph);
  EXPECT_EQ(doc.blocks.back().paragraph.text, "Text after the table.");  // "- 1 -" dropped
}

TEST(read_pdf, UnruledTableByColumnGaps) {
  Document doc = gk::read_file(kFormats + "unruled-table.pdf");
  ASSERT_EQ(doc.blocks.size(), 3u);
  EXPECT_EQ(doc.blocks[0].paragraph.text, "Heading of the section");
  ASSERT_EQ(doc.blocks[1].kind, DocBlock::Table);
  const auto& t = doc.blocks[1].table;
  EXPECT_FALSE(t.structured);  // no rules: empty cells cannot be told from padding
  ASSERT_EQ(t.rows.size(), 3u);
  V beta;
  for (auto& c : t.rows[1].cells) beta.push_back(c.text);
  EXPECT_EQ(beta, (V{"Beta row", "40", "0", "40"}));
  EXPECT_EQ(doc.blocks[2].paragraph.text, "Closing sentence of the section.");
}

void expect_read_error(const std::string& file, const std::string& needle) {
  try {
    gk::read_file(kFormats + file);
    ADD_FAILURE() << file << " read without error";
  } catch (const gk::ReadError& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

TEST(read_pdf, BadInput) {
  expect_read_error("encrypted.pdf", "加密");
  expect_read_error("truncated.pdf", "损坏");
  expect_read_error("no-text-layer.pdf", "文字层");
  EXPECT_THROW(gk::read_bytes("%PDF-1.7\n garbage", "x.pdf"), gk::ReadError);
}

#else
TEST(read_pdf, NotCompiledIn) { GTEST_SKIP() << "poppler-cpp not found at build time"; }
#endif

}  // namespace
