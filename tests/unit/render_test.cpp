// Render: totals, refusals by rule id, standard layout, HTML escaping, DOCX structure.
#include <gtest/gtest.h>

#include <string>

#include "gen/generator.h"
#include "model/json.h"
#include "render/layout.h"
#include "render/render.h"

#ifdef GK_RENDER_HAVE_LIBZIP
#include <zip.h>
#endif

namespace {

using namespace gk;
using render::OutputFormat;
using render::RenderError;
using render::TextLayout;

void setv(Cell& c, double v) {
  c.value = v;
  c.status = CellStatus::Printed;
}

// A small record with parts only: 3 natural persons + 1 commercial, 1 carried over.
Report parts_only() {
  Report r;
  r.agency = "测试市测试区测试街道办事处";
  r.year = 2024;
  for (auto& ref : all_cells(r)) setv(*ref.cell, 0);
  for (auto& ref : all_cells(r)) {
    bool total = ref.path.find("[6]") != std::string::npos && ref.path.rfind("applications", 0) == 0;
    if (total || ref.path.rfind("applications.total[", 0) == 0 ||
        ref.path.rfind("applications.carried_forward[", 0) == 0 ||
        (ref.path.rfind("appeals", 0) == 0 && ref.path.find("[4]") != std::string::npos))
      *ref.cell = Cell{};
  }
  setv(r.applications[R_NEW][0], 3);
  setv(r.applications[R_NEW][1], 1);
  setv(r.applications[R_CARRIED_OVER][0], 1);
  setv(r.applications[R_GRANTED][0], 2);
  setv(r.applications[R_GRANTED][1], 1);
  setv(r.applications[R_UNABLE_FIRST][0], 1);
  setv(r.appeals[0][0], 1);
  setv(r.appeals[0][3], 2);
  return r;
}

std::string render_error_rule(const Report& r) {
  try {
    render::RenderOptions o;
    render::render(r, o);
  } catch (const RenderError& e) {
    return e.rule;
  }
  return "";
}

TEST(RenderTotals, ComputedFromParts) {
  Report r = parts_only();
  render::complete_totals(r);
  EXPECT_EQ(*r.applications[R_NEW][6].value, 4);
  EXPECT_EQ(*r.applications[R_CARRIED_OVER][6].value, 1);
  EXPECT_EQ(*r.applications[R_TOTAL][0].value, 3);
  EXPECT_EQ(*r.applications[R_TOTAL][1].value, 1);
  EXPECT_EQ(*r.applications[R_TOTAL][6].value, 4);
  EXPECT_EQ(*r.applications[R_CARRIED_FORWARD][0].value, 1);  // 3 + 1 − 3
  EXPECT_EQ(*r.applications[R_CARRIED_FORWARD][6].value, 1);
  EXPECT_EQ(*r.appeals[0][4].value, 3);
  EXPECT_EQ(*r.appeals[1][4].value, 0);
}

TEST(RenderTotals, ConsistentGivenTotalsAccepted) {
  Report r = parts_only();
  setv(r.applications[R_NEW][6], 4);
  setv(r.applications[R_TOTAL][6], 4);
  EXPECT_EQ(render_error_rule(r), "");
}

TEST(RenderTotals, RefusesRowTotal) {
  Report r = parts_only();
  setv(r.applications[R_NEW][6], 5);
  EXPECT_EQ(render_error_rule(r), "T2-ROW-TOTAL@new");
}

TEST(RenderTotals, RefusesResultSum) {
  Report r = parts_only();
  setv(r.applications[R_TOTAL][0], 7);
  EXPECT_EQ(render_error_rule(r), "T2-RESULT-SUM@natural_person");
}

TEST(RenderTotals, RefusesBalance) {
  Report r = parts_only();
  setv(r.applications[R_CARRIED_FORWARD][1], 2);  // 1 + 0 − 1 = 0, not 2
  EXPECT_EQ(render_error_rule(r), "T2-BALANCE@commercial");
}

TEST(RenderTotals, RefusesMoreResultsThanApplications) {
  Report r = parts_only();
  setv(r.applications[R_GRANTED][2], 1);  // 科研机构: closed 1, received 0
  EXPECT_EQ(render_error_rule(r), "T2-OUT-LE-AVAIL@research");
}

TEST(RenderTotals, RefusesTable3RowTotal) {
  Report r = parts_only();
  setv(r.appeals[2][4], 1);
  EXPECT_EQ(render_error_rule(r), "T3-ROW-TOTAL@litigation_after_review");
}

TEST(RenderTotals, KeepPrintedReproducesNumbers) {
  Report r = parts_only();
  setv(r.applications[R_NEW][6], 99);
  render::RenderOptions o;
  o.keep_printed = true;
  std::string text = render::render(r, o);
  EXPECT_NE(text.find("一、本年新收政府信息公开申请数量\t\t\t3\t1\t0\t0\t0\t0\t99"), std::string::npos) << text;
  // The uncomputed （七）总计 stays blank rather than invented.
  EXPECT_NE(text.find("\t（七）总计\t\t\t\t\t\t\t\t\n"), std::string::npos);
}

TEST(RenderText, StandardHeadingsInOrderAndFeeStatement) {
  Report r = parts_only();
  std::string t = render::render(r, {});
  EXPECT_EQ(t.rfind("测试市测试区测试街道办事处2024年政府信息公开工作年度报告\n", 0), 0u);
  const char* heads[] = {"一、总体情况\n", "二、主动公开政府信息情况\n", "三、收到和处理政府信息公开申请情况\n",
                         "四、政府信息公开行政复议、行政诉讼情况\n", "五、存在的主要问题及改进情况\n",
                         "六、其他需要报告的事项\n"};
  size_t pos = 0;
  for (const char* h : heads) {
    size_t p = t.find(h, pos);
    ASSERT_NE(p, std::string::npos) << h;
    pos = p;
  }
  // No text: a visible placeholder, never a fee claim the record does not make.
  EXPECT_NE(t.find("【待填写：", pos), std::string::npos);
  EXPECT_EQ(t.find(render::kFeeStatement), std::string::npos);
  // Given text replaces the placeholder.
  r.sections[5].text = "本年度收取信息处理费0元。";
  t = render::render(r, {});
  EXPECT_EQ(t.find("【待填写：", t.find("六、其他需要报告的事项")), std::string::npos);
  EXPECT_NE(t.find("本年度收取信息处理费0元。"), std::string::npos);
}

TEST(RenderText, EveryStandardRowLabelPrinted) {
  std::string t = render::render(parts_only(), {});
  for (const char* l : kT2RowLabels) EXPECT_NE(t.find(l), std::string::npos) << l;
  for (const char* l : {"第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项",
                        "本年收费金额（单位：万元）", "行政事业性收费", "未经复议直接起诉", "复议后起诉",
                        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"})
    EXPECT_NE(t.find(l), std::string::npos) << l;
}

TEST(RenderText, Layouts) {
  Report r = parts_only();
  render::RenderOptions o;
  o.layout = TextLayout::RunTogether;
  EXPECT_NE(render::render(r, o).find("\n一、本年新收政府信息公开申请数量3100004\n"), std::string::npos);
  o.layout = TextLayout::SpaceSeparated;
  EXPECT_NE(render::render(r, o).find("\n四、结转下年度继续办理 1 0 0 0 0 0 1\n"), std::string::npos);
  o.layout = TextLayout::Markdown;
  EXPECT_NE(render::render(r, o).find("| 一、本年新收政府信息公开申请数量 |  |  | 3 | 1 | 0 | 0 | 0 | 0 | 4 |"),
            std::string::npos);
  o.layout = TextLayout::CellPerLine;
  std::string c = render::render(r, o);
  EXPECT_NE(c.find("\t一、本年新收政府信息公开申请数量\n\t3\n\t1\n\t0\n\t0\n\t0\n\t0\n\t4\n\n"), std::string::npos);
  // A row under a vertical merge starts with the bare TABs of the covered group cells.
  EXPECT_NE(c.find("\n\t\n\t\n\t2.其他法律行政法规禁止公开\n"), std::string::npos);
}

TEST(RenderText, FractionalFee) {
  Report r = parts_only();
  setv(r.proactive.fees_wan_yuan, 12.3456);
  EXPECT_NE(render::render(r, {}).find("行政事业性收费\t12.3456\t\t\n"), std::string::npos);
  EXPECT_EQ(render::format_number(0.5), "0.5");
  EXPECT_EQ(render::format_number(120), "120");
}

TEST(RenderHtml, EscapedAndMerged) {
  Report r = parts_only();
  r.agency = "<script>alert(\"x\")</script>&局";
  r.sections[0].text = "a < b & c > d 'q'";
  render::RenderOptions o;
  o.format = OutputFormat::Html;
  std::string h = render::render(r, o);
  EXPECT_EQ(h.find("<script>"), std::string::npos);
  EXPECT_NE(h.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;局"), std::string::npos);
  EXPECT_NE(h.find("a &lt; b &amp; c &gt; d &#39;q&#39;"), std::string::npos);
  EXPECT_NE(h.find("<td rowspan=\"3\" colspan=\"3\" class=\"h\">（本列数据的勾稽关系为"), std::string::npos);
  EXPECT_NE(h.find("<td colspan=\"7\" class=\"h\">申请人情况</td>"), std::string::npos);
  EXPECT_NE(h.find("<td rowspan=\"22\" class=\"h\">三、本年度办理结果</td>"), std::string::npos);
  EXPECT_NE(h.find("<td rowspan=\"8\" class=\"h\">（三）不予公开</td>"), std::string::npos);
  EXPECT_NE(h.find("<td colspan=\"10\" class=\"h\">行政诉讼</td>"), std::string::npos);
  EXPECT_NE(h.find("<td colspan=\"4\" class=\"h\">第二十条第（一）项</td>"), std::string::npos);
  EXPECT_NE(h.find("<meta charset=\"utf-8\">"), std::string::npos);
}

TEST(RenderGrid, SpansCoverEveryPositionOnce) {
  Report r = parts_only();
  for (const auto& g : {render::table1_grid(r), render::table2_grid(r), render::table3_grid(r)}) {
    for (int row = 0; row < g.rows; ++row)
      for (int col = 0; col < g.cols; ++col) {
        int n = 0;
        for (const auto& c : g.cells)
          n += row >= c.row && row < c.row + c.rowspan && col >= c.col && col < c.col + c.colspan;
        EXPECT_EQ(n, 1) << g.id << " " << row << "," << col;
      }
  }
  EXPECT_EQ(render::table2_grid(r).rows, 28);
  EXPECT_EQ(render::table2_grid(r).cols, 10);
  EXPECT_EQ(render::table3_grid(r).cols, 15);
  EXPECT_EQ(render::table1_grid(r).rows, 14);
}

#ifdef GK_RENDER_HAVE_LIBZIP
std::string unzip_entry(const std::string& bytes, const char* name) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) return "";
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!za) {
    zip_source_free(src);
    return "";
  }
  std::string out;
  zip_stat_t st;
  if (zip_stat(za, name, 0, &st) == 0) {
    zip_file_t* f = zip_fopen(za, name, 0);
    out.resize(st.size);
    if (f) {
      zip_fread(f, out.data(), st.size);
      zip_fclose(f);
    }
  }
  zip_close(za);
  return out;
}

TEST(RenderDocx, ValidZipWithMergedTables) {
  Report r = parts_only();
  r.agency = "A&B<局>";
  render::RenderOptions o;
  o.format = OutputFormat::Docx;
  std::string d = render::render(r, o);
  ASSERT_GT(d.size(), 100u);
  EXPECT_EQ(d.substr(0, 2), "PK");
  std::string ct = unzip_entry(d, "[Content_Types].xml");
  EXPECT_NE(ct.find("wordprocessingml.document.main+xml"), std::string::npos);
  std::string doc = unzip_entry(d, "word/document.xml");
  ASSERT_FALSE(doc.empty());
  EXPECT_NE(doc.find("<w:tbl>"), std::string::npos);
  EXPECT_NE(doc.find("<w:gridSpan w:val=\"7\"/>"), std::string::npos);  // 申请人情况
  EXPECT_NE(doc.find("<w:gridSpan w:val=\"10\"/>"), std::string::npos); // 行政诉讼
  EXPECT_NE(doc.find("<w:vMerge w:val=\"restart\"/>"), std::string::npos);
  EXPECT_NE(doc.find("<w:vMerge/>"), std::string::npos);
  EXPECT_NE(doc.find("SimSun"), std::string::npos);
  EXPECT_NE(doc.find("A&amp;B&lt;局&gt;"), std::string::npos);
  EXPECT_EQ(doc.find("A&B"), std::string::npos);
  // 3 tables; Table 2 has 28 rows, each with cells covering 10 grid columns.
  size_t n = 0;
  for (size_t p = doc.find("<w:tbl>"); p != std::string::npos; p = doc.find("<w:tbl>", p + 1)) ++n;
  EXPECT_EQ(n, 3u);
  EXPECT_FALSE(unzip_entry(d, "word/styles.xml").empty());
  EXPECT_FALSE(unzip_entry(d, "_rels/.rels").empty());
}
#endif

TEST(RenderCli, LayoutNames) {
  for (const char* n : {"tab", "cell", "md", "run", "space"}) {
    auto l = render::layout_from_name(n);
    ASSERT_TRUE(l);
    EXPECT_EQ(render::layout_name(*l), n);
  }
  EXPECT_FALSE(render::layout_from_name("tabs"));
  EXPECT_FALSE(render::format_from_name("pdf"));
}

}  // namespace
