// The three national tables as grids with the standard labels and merged
// cells of the 2021 format (format-spec §3.1, §4.1-4.2, §5.1).
#include <cmath>
#include <cstdio>
#include <string>

#include "render/layout.h"

namespace gk::render {

std::string format_number(double v) {
  char buf[64];
  if (std::floor(v) == v && std::fabs(v) < 9e15) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%.4f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

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

Grid table1_grid(const Report& r) {
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

  const int first = 3;  // grid row of R01
  auto values = [&](int row) {
    for (int c = 0; c < kT2Cols; ++c)
      g.add(first + row, 3 + c, 1, 1, cell_text(r.applications[row][c]), false, t2_path(row, c));
  };
  auto label = [&](int row, int col, int cs) {
    g.add(first + row, col, 1, cs, kT2RowLabels[row], true, {},
          std::string("t2.row.") + kT2RowKeys[row]);
  };
  struct Group { int first_row, count; const char* text; const char* key; };
  const Group groups[] = {{R_DENIED_FIRST, 8, "（三）不予公开", "t2.group.denied"},
                          {R_UNABLE_FIRST, 3, "（四）无法提供", "t2.group.unable"},
                          {R_NOTPROC_FIRST, 5, "（五）不予处理", "t2.group.not_processed"},
                          {R_OTHER_NO_CORRECTION, 3, "（六）其他处理", "t2.group.other"}};
  for (int row = 0; row < kT2Rows; ++row) {
    if (row == R_NEW || row == R_CARRIED_OVER || row == R_CARRIED_FORWARD) {
      label(row, 0, 3);
    } else {
      if (row == R_GRANTED)
        g.add(first + row, 0, R_TOTAL - R_GRANTED + 1, 1, "三、本年度办理结果", true, {},
              "t2.group.results");
      if (row == R_GRANTED || row == R_PARTIAL || row == R_TOTAL) {
        label(row, 1, 2);
      } else {
        for (const auto& grp : groups)
          if (grp.first_row == row)
            g.add(first + row, 1, grp.count, 1, grp.text, true, {}, grp.key);
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
