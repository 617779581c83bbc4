// The three national tables as grids with the standard labels and merged
// cells of the 2021 format (format-spec §3.1, §4.1-4.2, §5.1), and of the 2019
// template for records with edition Y2019 (§1.3, §4.4, V23).
#include <cmath>
#include <cstdio>
#include <string>

#include "render/layout.h"

namespace gk::render {

GridCell& Grid::add(int r, int c, int rs, int cs, std::string text, bool header,
                    std::string path, std::string key) {
  GridCell g;
  g.row = r;
  g.col = c;
  g.rowspan = rs;
  g.colspan = cs;
  g.text = std::move(text);
  g.header = header;
  g.path = std::move(path);
  g.key = std::move(key);
  if (r + rs > rows) rows = r + rs;
  if (c + cs > cols) cols = c + cs;
  cells.push_back(std::move(g));
  return cells.back();
}

const GridCell* Grid::covering(int r, int c) const {
  for (const auto& g : cells)
    if (r >= g.row && r < g.row + g.rowspan && c >= g.col && c < g.col + g.colspan) return &g;
  return nullptr;
}

GridCell* Grid::find_path(const std::string& path) {
  for (auto& g : cells)
    if (g.path == path) return &g;
  return nullptr;
}

GridCell* Grid::find_key(const std::string& key) {
  for (auto& g : cells)
    if (g.key == key) return &g;
  return nullptr;
}

Grid* RenderDoc::table(const std::string& id) {
  for (auto& b : blocks)
    if (b.kind == Block::Table && b.grid.id == id) return &b.grid;
  return nullptr;
}

namespace {

std::string cell_text(const Cell& c) { return c.value ? format_number(*c.value) : std::string(); }

}  // namespace

namespace {

// Table 1 of the 2019 template (国办公开办函〔2019〕60号, format-spec §1.3, V23): five
// blocks; 第（一）项 本年新制作/本年新公开/对外公开总数量, 第（五）（六）项 上一年项目数量 /
// 本年增/减 / 处理决定数量, 第（八）项 上一年项目数量 / 本年增/减 (and the fee amount only when
// the record has one), 第（九）项 政府集中采购. Same 4-column grid as the 2021 table.
Grid table1_grid_2019(const Report& r) {
  Grid g;
  g.id = "t1";
  const auto& p = r.proactive;
  const auto& q = r.proactive_2019;
  int row = 0;
  auto block = [&](const char* caption, const char* key) {
    g.add(row++, 0, 1, 4, caption, true, {}, key);
  };
  // Header row: 信息内容 then the column labels; the last label takes the columns left.
  auto head = [&](std::initializer_list<std::pair<const char*, const char*>> labels) {
    g.add(row, 0, 1, 1, "信息内容", true, {}, "t1.head.content");
    int col = 1, left = static_cast<int>(labels.size());
    for (const auto& [text, key] : labels) {
      int span = --left == 0 ? 4 - col : 1;
      g.add(row, col, 1, span, text, true, {}, key);
      col += span;
    }
    ++row;
  };
  // Data row: label then the cells (path, value); the last cell takes the columns left.
  auto data = [&](const char* label, const char* key,
                  std::initializer_list<std::pair<std::string, const Cell*>> cells) {
    g.add(row, 0, 1, 1, label, true, {}, std::string("t1.row.") + key);
    int col = 1, left = static_cast<int>(cells.size());
    for (const auto& [path, cell] : cells) {
      int span = --left == 0 ? 4 - col : 1;
      g.add(row, col, 1, span, cell_text(*cell), false, path);
      col += span;
    }
    ++row;
  };
  const std::string P = "proactive.", Q = "proactive_2019.";
  block("第二十条第（一）项", "t1.block.1");
  head({{"本年新制作数量", "t1.head.issued"}, {"本年新公开数量", "t1.head.published"},
        {"对外公开总数量", "t1.head.in_force"}});
  data("规章", "regulations",
       {{P + "regulations.issued", &p.regulations.issued},
        {Q + "regulations_published", &q.regulations_published},
        {P + "regulations.in_force", &p.regulations.in_force}});
  data("规范性文件", "normative_documents",
       {{P + "normative_documents.issued", &p.normative_documents.issued},
        {Q + "normative_documents_published", &q.normative_published},
        {P + "normative_documents.in_force", &p.normative_documents.in_force}});
  block("第二十条第（五）项", "t1.block.5");
  head({{"上一年项目数量", "t1.head.previous"}, {"本年增/减", "t1.head.change"},
        {"处理决定数量", "t1.head.decisions"}});
  data("行政许可", "licensing",
       {{Q + "licensing_previous_items", &q.licensing_prev},
        {Q + "licensing_change", &q.licensing_change},
        {P + "licensing", &p.licensing}});
  data("其他对外管理服务事项", "other_services",
       {{Q + "other_services_previous_items", &q.other_services_prev},
        {Q + "other_services_change", &q.other_services_change},
        {Q + "other_services", &q.other_services}});
  block("第二十条第（六）项", "t1.block.6");
  head({{"上一年项目数量", "t1.head.previous"}, {"本年增/减", "t1.head.change"},
        {"处理决定数量", "t1.head.decisions"}});
  data("行政处罚", "punishment",
       {{Q + "punishment_previous_items", &q.punishment_prev},
        {Q + "punishment_change", &q.punishment_change},
        {P + "punishment", &p.punishment}});
  data("行政强制", "enforcement",
       {{Q + "enforcement_previous_items", &q.enforcement_prev},
        {Q + "enforcement_change", &q.enforcement_change},
        {P + "enforcement", &p.enforcement}});
  block("第二十条第（八）项", "t1.block.8");
  if (p.fees_wan_yuan.value) {  // not in the template; printed only when the record has it
    head({{"上一年项目数量", "t1.head.previous"}, {"本年增/减", "t1.head.change"},
          {"本年收费金额（单位：万元）", "t1.head.fees"}});
    data("行政事业性收费", "fees",
         {{Q + "fees_previous_items", &q.fees_prev},
          {Q + "fees_change", &q.fees_change},
          {P + "fees_wan_yuan", &p.fees_wan_yuan}});
  } else {
    head({{"上一年项目数量", "t1.head.previous"}, {"本年增/减", "t1.head.change"}});
    data("行政事业性收费", "fees",
         {{Q + "fees_previous_items", &q.fees_prev}, {Q + "fees_change", &q.fees_change}});
  }
  block("第二十条第（九）项", "t1.block.9");
  head({{"采购项目数量", "t1.head.procurement_items"}, {"采购总金额", "t1.head.procurement_amount"}});
  data("政府集中采购", "procurement",
       {{Q + "procurement_items", &q.procurement_items},
        {Q + "procurement_amount_wan_yuan", &q.procurement_amount}});
  return g;
}

}  // namespace

Grid table1_grid(const Report& r) {
  if (r.edition == Edition::Y2019) return table1_grid_2019(r);
  Grid g;
  g.id = "t1";
  const auto& p = r.proactive;
  int row = 0;
  auto block = [&](const char* caption, const char* key) {
    g.add(row++, 0, 1, 4, caption, true, {}, key);
  };
  auto stock = [&](const char* label, const char* name, const StockRow& s) {
    std::string base = std::string("proactive.") + name;
    g.add(row, 0, 1, 1, label, true, {}, std::string("t1.row.") + name);
    g.add(row, 1, 1, 1, cell_text(s.issued), false, base + ".issued");
    g.add(row, 2, 1, 1, cell_text(s.repealed), false, base + ".repealed");
    g.add(row, 3, 1, 1, cell_text(s.in_force), false, base + ".in_force");
    ++row;
  };
  auto single = [&](const char* label, const char* name, const Cell& c) {
    g.add(row, 0, 1, 1, label, true, {}, std::string("t1.row.") + name);
    g.add(row, 1, 1, 3, cell_text(c), false, std::string("proactive.") + name);
    ++row;
  };
  auto head2 = [&](const char* what, const char* key) {
    g.add(row, 0, 1, 1, "信息内容", true, {}, "t1.head.content");
    g.add(row, 1, 1, 3, what, true, {}, key);
    ++row;
  };
  block("第二十条第（一）项", "t1.block.1");
  g.add(row, 0, 1, 1, "信息内容", true, {}, "t1.head.content");
  g.add(row, 1, 1, 1, "本年制发件数", true, {}, "t1.head.issued");
  g.add(row, 2, 1, 1, "本年废止件数", true, {}, "t1.head.repealed");
  g.add(row, 3, 1, 1, "现行有效件数", true, {}, "t1.head.in_force");
  ++row;
  stock("规章", "regulations", p.regulations);
  stock("行政规范性文件", "normative_documents", p.normative_documents);
  block("第二十条第（五）项", "t1.block.5");
  head2("本年处理决定数量", "t1.head.decisions");
  single("行政许可", "licensing", p.licensing);
  block("第二十条第（六）项", "t1.block.6");
  head2("本年处理决定数量", "t1.head.decisions");
  single("行政处罚", "punishment", p.punishment);
  single("行政强制", "enforcement", p.enforcement);
  block("第二十条第（八）项", "t1.block.8");
  head2("本年收费金额（单位：万元）", "t1.head.fees");
  single("行政事业性收费", "fees_wan_yuan", p.fees_wan_yuan);
  return g;
}

Grid table2_grid(const Report& r) {
  Grid g;
  g.id = "t2";
  // Header: corner 3×3, 申请人情况 over the 7 value columns.
  g.add(0, 0, 3, 3, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", true, {},
        "t2.corner");
  g.add(0, 3, 1, 7, "申请人情况", true, {}, "t2.head.applicant");
  g.add(1, 3, 2, 1, kT2ColLabels[0], true, {}, "t2.col.natural_person");
  g.add(1, 4, 1, 5, "法人或其他组织", true, {}, "t2.head.legal");
  g.add(1, 9, 2, 1, kT2ColLabels[6], true, {}, "t2.col.total");
  for (int c = 1; c <= 5; ++c)
    g.add(2, 3 + c, 1, 1, kT2ColLabels[c], true, {}, std::string("t2.col.") + kT2ColKeys[c]);

  // The 2019 template prints （六）其他处理 as one row (R23, other_other): the
  // two rows before it do not exist there (format-spec §4.4).
  const bool single_six = r.edition == Edition::Y2019;
  auto skipped = [&](int row) {
    return single_six && (row == R_OTHER_NO_CORRECTION || row == R_OTHER_NO_FEE);
  };
  auto grid_row = [&](int row) {  // grid row of a record row; R01 is grid row 3
    return 3 + row - (single_six && row > R_OTHER_NO_FEE ? 2 : 0);
  };
  auto values = [&](int row) {
    for (int c = 0; c < kT2Cols; ++c)
      g.add(grid_row(row), 3 + c, 1, 1, cell_text(r.applications[row][c]), false, t2_path(row, c));
  };
  auto label = [&](int row, int col, int cs) {
    g.add(grid_row(row), col, 1, cs, kT2RowLabels[row], true, {},
          std::string("t2.row.") + kT2RowKeys[row]);
  };
  struct Group { int first_row, count; const char* text; const char* key; };
  const Group groups[] = {{R_DENIED_FIRST, 8, "（三）不予公开", "t2.group.denied"},
                          {R_UNABLE_FIRST, 3, "（四）无法提供", "t2.group.unable"},
                          {R_NOTPROC_FIRST, 5, "（五）不予处理", "t2.group.not_processed"},
                          {R_OTHER_NO_CORRECTION, 3, "（六）其他处理", "t2.group.other"}};
  for (int row = 0; row < kT2Rows; ++row) {
    if (skipped(row)) continue;
    if (row == R_NEW || row == R_CARRIED_OVER || row == R_CARRIED_FORWARD) {
      label(row, 0, 3);
    } else {
      if (row == R_GRANTED)
        g.add(grid_row(row), 0, grid_row(R_TOTAL) - grid_row(R_GRANTED) + 1, 1, "三、本年度办理结果",
              true, {}, "t2.group.results");
      if (row == R_GRANTED || row == R_PARTIAL || row == R_TOTAL) {
        label(row, 1, 2);
      } else if (single_six && row == R_OTHER_OTHER) {
        g.add(grid_row(row), 1, 1, 2, "（六）其他处理", true, {}, "t2.group.other");
      } else {
        for (const auto& grp : groups)
          if (grp.first_row == row)
            g.add(grid_row(row), 1, grp.count, 1, grp.text, true, {}, grp.key);
        label(row, 2, 1);
      }
    }
    values(row);
  }
  return g;
}

Grid table3_grid(const Report& r) {
  Grid g;
  g.id = "t3";
  g.add(0, 0, 1, 5, "行政复议", true, {}, "t3.head.review");
  g.add(0, 5, 1, 10, "行政诉讼", true, {}, "t3.head.litigation");
  for (int c = 0; c < kT3Cols; ++c)
    g.add(1, c, 2, 1, kT3ColLabels[c], true, {}, std::string("t3.col.") + kT3ColKeys[c]);
  g.add(1, 5, 1, 5, kT3RowLabels[1], true, {}, "t3.head.litigation_direct");
  g.add(1, 10, 1, 5, kT3RowLabels[2], true, {}, "t3.head.litigation_after_review");
  for (int blk = 1; blk <= 2; ++blk)
    for (int c = 0; c < kT3Cols; ++c)
      g.add(2, blk * 5 + c, 1, 1, kT3ColLabels[c], true, {}, std::string("t3.col.") + kT3ColKeys[c]);
  for (int row = 0; row < kT3Rows; ++row)
    for (int c = 0; c < kT3Cols; ++c) {
      const Cell& cell = r.appeals[row][c];
      g.add(3, row * 5 + c, 1, 1, cell.value ? format_number(*cell.value) : std::string(), false,
            t3_path(row, c));
    }
  return g;
}

}  // namespace gk::render
