// PDF layout of an unruled table whose labels wrap (HTML opened in LibreOffice
// Writer and printed, for one): a row's values are printed on one line, its
// label on lines above and below, group labels in a column of their own. The
// layout must give each row its whole label, whatever side of the values line
// the label's pieces are on. Synthetic page geometry (no PDF, no poppler).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "read/layout.h"
#include "pdf_words.h"

namespace {

using gk::layout::Word;
using V = std::vector<std::string>;

using gk::test::word;

void values(std::vector<Word>& ws, double y, std::initializer_list<const char*> vs) {
  double x = 300;
  for (const char* v : vs) {
    ws.push_back(word(v, x, y));
    x += 50;
  }
}

std::vector<V> table_rows(const gk::Document& doc, size_t* tables) {
  std::vector<V> out;
  *tables = 0;
  for (auto& b : doc.blocks) {
    if (b.kind != gk::DocBlock::Table) continue;
    ++*tables;
    for (auto& r : b.table.rows) {
      V row;
      for (auto& c : r.cells) row.push_back(c.text);
      out.push_back(row);
    }
  }
  return out;
}

TEST(pdf_layout, UnruledTableWrappedLabels) {
  gk::layout::Page page;
  page.width = 595;
  page.height = 842;
  auto& ws = page.words;
  ws.push_back(word("三、收到和处理政府信息公开申请情况如下表所示", 60, 60));
  // A: one line.
  ws.push_back(word("（一）予以公开", 110, 100));
  values(ws, 100, {"1", "2", "3"});
  // B: label centred on its values: a line above, the values line, a line below.
  ws.push_back(word("（二）部分公开（区分", 110, 120));
  ws.push_back(word("处理的，只计这一", 110, 135));
  values(ws, 135, {"4", "5", "6"});
  ws.push_back(word("情形）", 110, 150));
  // C: group label beside the item label on the values line.
  ws.push_back(word("（三）", 60, 170));
  ws.push_back(word("1.属于国家秘密", 110, 170));
  values(ws, 170, {"7", "8", "9"});
  // D: values line without label text; group and item label wrapped around it.
  ws.push_back(word("不予公", 60, 190));
  ws.push_back(word("2.其他法律行政法规禁", 110, 190));
  values(ws, 200, {"10", "11", "12"});
  ws.push_back(word("开", 70, 210));
  ws.push_back(word("止公开", 130, 210));
  // E: label starting on the values line; its last piece is nearer to F's
  // values, but F's label starts right below it, so it ends E's label.
  ws.push_back(word("3.危及“三安全一", 110, 230));
  values(ws, 230, {"13", "14", "15"});
  ws.push_back(word("稳定”", 120, 248));
  ws.push_back(word("4.保护第三方合法权益", 110, 262));
  values(ws, 262, {"16", "17", "18"});
  ws.push_back(word("表格之后的说明文字，说明本表的统计口径和数据来源。", 60, 300));

  gk::Document doc;
  gk::layout::layout_pages({page}, &doc);
  size_t tables = 0;
  std::vector<V> rows = table_rows(doc, &tables);
  EXPECT_EQ(tables, 1u);
  std::vector<V> want = {
      {"（一）予以公开", "1", "2", "3"},
      {"（二）部分公开（区分处理的，只计这一情形）", "4", "5", "6"},
      {"（三）", "1.属于国家秘密", "7", "8", "9"},
      {"不予公开", "2.其他法律行政法规禁止公开", "10", "11", "12"},
      {"3.危及“三安全一稳定”", "13", "14", "15"},
      {"4.保护第三方合法权益", "16", "17", "18"},
  };
  EXPECT_EQ(rows, want);
  ASSERT_GE(doc.blocks.size(), 3u);
  EXPECT_EQ(doc.blocks.front().kind, gk::DocBlock::Paragraph);
  EXPECT_EQ(doc.blocks.back().kind, gk::DocBlock::Paragraph);
  EXPECT_EQ(doc.blocks.back().paragraph.text, "表格之后的说明文字，说明本表的统计口径和数据来源。");
}

// Columns set close together (gaps narrower than 1.5 em): a label followed by
// three or more numbers is still a row.
TEST(pdf_layout, UnruledTableNarrowColumnGaps) {
  gk::layout::Page page;
  page.width = 595;
  page.height = 842;
  auto& ws = page.words;
  for (int r = 0; r < 3; ++r) {
    double y = 100 + 20 * r;
    ws.push_back(word(r == 0 ? "一、本年新收" : r == 1 ? "二、上年结转" : "四、结转下年度", 60, y));
    double x = 150;
    for (const char* v : {"1610", "1265", "1066", "911"}) {
      Word w = word(v, x, y);
      ws.push_back(w);
      x = w.x1 + 8;  // 8 points apart: under 1.5 em
    }
  }
  gk::Document doc;
  gk::layout::layout_pages({page}, &doc);
  size_t tables = 0;
  std::vector<V> rows = table_rows(doc, &tables);
  EXPECT_EQ(tables, 1u);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].front(), "二、上年结转");
  std::string vals;
  for (size_t c = 1; c < rows[1].size(); ++c) vals += (c > 1 ? " " : "") + rows[1][c];
  EXPECT_EQ(vals, "1610 1265 1066 911");
}

}  // namespace

namespace {

// A low ruled row (11 points) holding a "1": the digit's stem is a dark
// vertical run that ends within the rule tolerance of both borders. It is a
// glyph stroke, not a rule: the row keeps its three cells.
TEST(pdf_layout, DigitStrokeInLowRowIsNotARule) {
  gk::layout::Page page;
  page.width = 595;
  page.height = 842;
  for (double y : {100.0, 120.0, 131.0}) page.hrules.push_back({50, y, 350, y});
  for (double x : {50.0, 150.0, 250.0, 350.0}) page.vrules.push_back({x, 100, x, 131});
  page.vrules.push_back({198, 122, 198, 129});  // the stem of the "1" below
  auto& ws = page.words;
  ws.push_back(word("标签", 60, 110));
  ws.push_back(word("A", 160, 110));
  ws.push_back(word("B", 260, 110));
  ws.push_back(word("合计", 60, 125.5));
  Word one = word("1", 195, 125.5);
  one.y0 = 121.5;
  one.y1 = 129.5;
  ws.push_back(one);
  ws.push_back(word("24", 260, 125.5));
  gk::Document doc;
  gk::layout::layout_pages({page}, &doc);
  std::vector<V> rows;
  for (auto& b : doc.blocks)
    if (b.kind == gk::DocBlock::Table)
      for (auto& r : b.table.rows) {
        V row;
        for (auto& c : r.cells)
          if (!c.spanned) row.push_back(c.text);
        rows.push_back(row);
      }
  EXPECT_EQ(rows, (std::vector<V>{{"标签", "A", "B"}, {"合计", "1", "24"}}));
}

}  // namespace
