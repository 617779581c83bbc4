// A ruled table wider than the page (issue 12): its horizontal rules run on to
// the page edge past the last vertical rule the page shows. The table is
// marked clipped (DocTable::clipped_right, a warning in the Document), so
// that the cells beyond the edge are read as unknown; a table that ends
// inside the page is not.
#include <gtest/gtest.h>

#include <string>

#include "pdf_words.h"
#include "read/layout.h"

namespace {

using gk::test::word;

gk::layout::Page page_with_table(double right_rule_end, std::initializer_list<double> vxs) {
  gk::layout::Page page;
  page.width = 400;
  page.height = 842;
  for (double y : {100.0, 120.0, 140.0}) page.hrules.push_back({50, y, right_rule_end, y});
  for (double x : vxs) page.vrules.push_back({x, 100, x, 140});
  auto& ws = page.words;
  ws.push_back(word("标签", 60, 110));
  ws.push_back(word("A", 160, 110));
  ws.push_back(word("B", 260, 110));
  ws.push_back(word("一行", 60, 130));
  ws.push_back(word("7", 160, 130));
  ws.push_back(word("8", 260, 130));
  return page;
}

const gk::DocTable* only_table(const gk::Document& doc) {
  const gk::DocTable* t = nullptr;
  for (auto& b : doc.blocks)
    if (b.kind == gk::DocBlock::Table) {
      EXPECT_EQ(t, nullptr) << "more than one table";
      t = &b.table;
    }
  return t;
}

TEST(pdf_layout_clip, RulesRunningToThePageEdgeMarkTheTableClipped) {
  gk::Document doc;
  gk::layout::layout_pages({page_with_table(400, {50, 150, 250, 350})}, &doc);
  const gk::DocTable* t = only_table(doc);
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->clipped_right);
  EXPECT_FALSE(t->clipped_left);
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[1].cells.size(), 3u);  // the columns the page shows
  ASSERT_EQ(doc.warnings.size(), 1u);
  EXPECT_NE(doc.warnings[0].message.find("表格超出页面"), std::string::npos) << doc.warnings[0].message;
}

TEST(pdf_layout_clip, TableInsideThePageIsNotClipped) {
  gk::Document doc;
  gk::layout::layout_pages({page_with_table(350, {50, 150, 250, 350})}, &doc);
  const gk::DocTable* t = only_table(doc);
  ASSERT_NE(t, nullptr);
  EXPECT_FALSE(t->clipped_right);
  EXPECT_FALSE(t->clipped_left);
  EXPECT_TRUE(doc.warnings.empty());
}

}  // namespace
