// HTML reader: span expansion, saved web pages, Word-exported GBK HTML, bad input.
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
const std::string kFormats = std::string(GONGKAI_TEST_DATA) + "/formats/";

#if GONGKAI_HAVE_GUMBO

std::vector<const gk::DocTable*> tables(const Document& d) {
  std::vector<const gk::DocTable*> out;
  for (auto& b : d.blocks)
    if (b.kind == DocBlock::Table) out.push_back(&b.table);
  return out;
}

std::vector<std::string> paragraphs(const Document& d) {
  std::vector<std::string> out;
  for (auto& b : d.blocks)
    if (b.kind == DocBlock::Paragraph) out.push_back(b.paragraph.text);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(read_html, SavedPageLayoutTableAndSpans) {
  Document d = gk::read_file(kFormats + "saved-page.html");
  EXPECT_EQ(d.format, "html");
  EXPECT_EQ(d.encoding, "UTF-8");
  auto ps = paragraphs(d);
  EXPECT_TRUE(has(ps, "一、总体情况"));
  EXPECT_TRUE(has(ps, "三、收到和处理政府信息公开申请情况"));
  EXPECT_TRUE(has(ps, "六、其他需要报告的事项"));
  EXPECT_TRUE(has(ps, "2024 年，本机关共收到 政府信息公开申请 3 件。"));
  // The breadcrumb before the report's first table is page furniture, read into doc.meta
  // (issue 13), not a paragraph of the report.
  EXPECT_FALSE(has(ps, "当前位置：首页 > 年度报告"));
  for (auto& p : ps) {
    EXPECT_EQ(p.find("首页 信息公开"), std::string::npos) << "nav dropped";
    EXPECT_EQ(p.find("99"), std::string::npos) << "script dropped";
    EXPECT_EQ(p.find("隐藏"), std::string::npos) << "hidden dropped";
    EXPECT_EQ(p.find("color"), std::string::npos) << "style dropped";
  }
  // The layout table is not a table; the data table is one.
  auto ts = tables(d);
  ASSERT_EQ(ts.size(), 1u);
  const auto& t = *ts[0];
  EXPECT_TRUE(t.structured);
  ASSERT_EQ(t.rows.size(), 6u);
  for (auto& r : t.rows) EXPECT_EQ(r.cells.size(), 10u);
  EXPECT_EQ(t.rows[0].cells[0].colspan, 3);
  EXPECT_EQ(t.rows[0].cells[0].rowspan, 3);
  EXPECT_TRUE(t.rows[1].cells[0].spanned);
  EXPECT_TRUE(t.rows[2].cells[2].spanned);
  EXPECT_EQ(t.rows[1].cells[3].text, "自然人");
  EXPECT_TRUE(t.rows[2].cells[3].spanned);  // 自然人 rowspan 2
  EXPECT_EQ(t.rows[2].cells[4].text, "商业企业");
  EXPECT_EQ(t.rows[2].cells[5].text, "科研机构");
  EXPECT_TRUE(t.rows[2].cells[9].spanned);  // 总计 rowspan 2, at the row end
  // &nbsp; cell is an empty, printed cell
  EXPECT_EQ(t.rows[3].cells[4].text, "");
  EXPECT_FALSE(t.rows[3].cells[4].spanned);
  EXPECT_EQ(t.rows[3].cells[9].text, "3");
  // rowspan 2 group label: second row starts with a spanned position
  EXPECT_EQ(t.rows[4].cells[0].text, "三、本年度办理结果");
  EXPECT_TRUE(t.rows[5].cells[0].spanned);
  EXPECT_EQ(t.rows[5].cells[2].text, "1.属于国家秘密");
  EXPECT_EQ(t.rows[5].cells[3].text, "1");
  // source lines
  EXPECT_GT(t.rows[3].line, t.rows[0].line);
}

TEST(read_html, WordExportGbk) {
  Document d = gk::read_file(kFormats + "word-export-gbk.html");
  EXPECT_EQ(d.encoding, "GB18030");
  auto ps = paragraphs(d);
  EXPECT_TRUE(has(ps, "某街道办事处"));
  EXPECT_TRUE(has(ps, "二、主动公开政府信息情况"));
  auto ts = tables(d);
  ASSERT_EQ(ts.size(), 1u);
  ASSERT_EQ(ts[0]->rows.size(), 2u) << "spacer row dropped";
  const auto& r = ts[0]->rows[1];
  ASSERT_EQ(r.cells.size(), 4u);
  EXPECT_EQ(r.cells[0].text, "规章");
  EXPECT_EQ(r.cells[1].text, "12");  // number split across runs
  EXPECT_EQ(r.cells[2].text, "0");
  EXPECT_EQ(r.cells[3].text, "");
}

TEST(read_html, BadInput) {
  // Colspan bombs are clamped or refused, never allocate without bound.
  std::string bomb = "<html><body><table>";
  for (int i = 0; i < 50; ++i) bomb += "<tr><td colspan=1000 rowspan=65534>x</td></tr>";
  bomb += "</table></body></html>";
  try {
    Document d = gk::read_bytes(bomb, "bomb.html");
    size_t cells = 0;
    for (auto& b : d.blocks)
      for (auto& r : b.table.rows) cells += r.cells.size();
    EXPECT_LE(cells, 1u << 20);
  } catch (const gk::ReadError&) {
  }
  std::string deep = "<html><body>";
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  EXPECT_THROW(gk::read_bytes(deep, "deep.html"), gk::ReadError);
  EXPECT_THROW(gk::read_bytes("<html><body><script>x</script></body></html>", "e.html"), gk::ReadError);
}

#else
TEST(read_html, NotCompiledIn) { GTEST_SKIP() << "gumbo not found at build time"; }
#endif

}  // namespace
