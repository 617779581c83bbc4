// Which PDF pages are rendered for their table rules (layout::may_hold_table):
// rendering is most of the time a text-layer page takes, so pages of prose
// are not rendered; every page holding a ruled table must be, or its table
// is lost. Real reports (their text layers read by the PDF reader) and
// synthetic pages for the cases the real ones do not show.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "read/format_readers.h"
#include "read/layout.h"
#include "read/reader.h"
#include "pdf_words.h"

#ifndef GONGKAI_TEST_DATA
#define GONGKAI_TEST_DATA "tests/data"
#endif

namespace {

using gk::layout::Page;
using gk::layout::Word;

using gk::test::word;

// Words one after another on a line, `gap` points apart.
void line(Page& p, double x, double y, std::initializer_list<const char*> words, double gap = 2.5) {
  for (const char* t : words) {
    p.words.push_back(word(t, x, y));
    x = p.words.back().x1 + gap;
  }
}

// A page of prose as the reports print it: a centred title, indented
// paragraphs with numbers inside sentences, a heading, a signature and date
// flush right, a page number at the foot.
Page prose_page() {
  Page p;
  p.width = 595;
  p.height = 842;
  line(p, 150, 80, {"某县人民政府", "2023", "年政府信息公开工作年度报告"});
  line(p, 110, 120, {"本报告根据《中华人民共和国政府信息公开条例》要求编制，所列数据的统计期限自"});
  line(p, 90, 140, {"2023", "年", "1", "月", "1", "日起至", "2023", "年", "12", "月", "31", "日止。"});
  line(p, 110, 160, {"一、总体情况"});
  line(p, 110, 180, {"全年通过政府网站主动公开政府信息", "117", "条，依申请公开", "21", "件。"});
  line(p, 380, 700, {"某县人民政府办公室"});
  line(p, 390, 720, {"2024", "年", "1", "月", "20", "日"});
  line(p, 285, 800, {"-", "3", "-"});
  return p;
}

TEST(pdf_table_pages, ProseIsNotRendered) { EXPECT_FALSE(gk::layout::may_hold_table(prose_page())); }

TEST(pdf_table_pages, EmptyPageIsNotRendered) { EXPECT_FALSE(gk::layout::may_hold_table(Page{})); }

// Label and value cells on one line, their texts a cell border apart.
TEST(pdf_table_pages, CellsOnOneLineAreATable) {
  Page p = prose_page();
  line(p, 90, 300, {"行政许可", "2328"}, 40);
  EXPECT_TRUE(gk::layout::may_hold_table(p));
}

// Text filling its cells: only the two cell paddings and the rule between
// the texts (LibreOffice: 0.1 cm each side, 0.6 em at 10 points).
TEST(pdf_table_pages, TightCellsAreATable) {
  Page p = prose_page();
  line(p, 90, 300, {"法人或其他组织", "商业企业", "科研机构"}, 6);
  EXPECT_TRUE(gk::layout::may_hold_table(p));
}

// A value centred beside a label wrapped onto two lines stands on a line of
// its own, between the label's lines.
TEST(pdf_table_pages, LoneNumberIsATableValue) {
  Page p = prose_page();
  line(p, 90, 300, {"（二）部分公开（区分处理的，只计这一情"});
  line(p, 400, 307, {"9"});
  line(p, 90, 314, {"形，不计其他情形）"});
  EXPECT_TRUE(gk::layout::may_hold_table(p));
}

// The same number at the foot of the page is a page number.
TEST(pdf_table_pages, PageNumberIsNotATableValue) {
  Page p = prose_page();
  line(p, 290, 780, {"9"});
  EXPECT_FALSE(gk::layout::may_hold_table(p));
}

// A group label written top to bottom (vertical writing mode).
TEST(pdf_table_pages, VerticalLabelIsATable) {
  Page p = prose_page();
  for (int i = 0; i < 4; ++i) {
    p.words.push_back(word("办", 60, 300 + 12 * i));
    p.words.back().vertical = true;
  }
  EXPECT_TRUE(gk::layout::may_hold_table(p));
}

#if GONGKAI_HAVE_POPPLER

std::vector<bool> rendered_pages(const std::string& file) {
  std::vector<bool> out;
  for (const Page& p : gk::pdf_text_layer_pages(
           gk::slurp_file(std::string(GONGKAI_TEST_DATA) + "/" + file, gk::ReadLimits{}.max_file_bytes)))
    out.push_back(gk::layout::may_hold_table(p));
  return out;
}

// The hongze reports: prose on pages 1 and 5, tables on 2 to 4. Page 2 holds
// only the top of table 2 (two rows of numbers, 8 numeric words) below its
// prose and has fewer numbers than page 1 (15 numeric words, three lines with
// two or more): a rule counting numbers or numeric rows would skip the table
// page and render the prose one.
TEST(pdf_table_pages, HongzeTablePagesAreRendered) {
  EXPECT_EQ(rendered_pages("real/hongze-2023.pdf"), (std::vector<bool>{false, true, true, true, false}));
  EXPECT_EQ(rendered_pages("real/hongze-2024.pdf"), (std::vector<bool>{false, true, true, true, false}));
  // And page 2's rows are read from its rules: a structured table.
  gk::Document doc = gk::read_file(std::string(GONGKAI_TEST_DATA) + "/real/hongze-2023.pdf");
  bool found = false;
  for (auto& b : doc.blocks)
    if (b.kind == gk::DocBlock::Table)
      for (auto& r : b.table.rows)
        if (!r.cells.empty() && r.cells[0].text == "行政规范性文件" && r.line / 1000 == 2) {
          found = true;
          EXPECT_TRUE(b.table.structured);
          ASSERT_EQ(r.cells.size(), 4u);
          EXPECT_EQ(r.cells[2].text, "5");
        }
  EXPECT_TRUE(found);
}

// LibreOffice's PDF of a rendered report: tables on pages 2 and 3 only.
TEST(pdf_table_pages, RenderedReportTablePagesAreRendered) {
  EXPECT_EQ(rendered_pages("rendered/city-2024.pdf"), (std::vector<bool>{false, true, true, false}));
  EXPECT_EQ(rendered_pages("rendered/province-2020.pdf"), (std::vector<bool>{false, true, true}));
  EXPECT_EQ(rendered_pages("formats/ruled-table.pdf"), (std::vector<bool>{true}));
}

#endif

}  // namespace
