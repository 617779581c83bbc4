// Stitching: paragraphs and tables emitted into the Document in reading
// order. A line that reaches the right margin continues into a following
// non-indented line of the same font. A table that ends a page and one that
// starts the next page with the same column boundaries are one table: rows
// are appended, and an empty top cell under a vertically merged cell is
// marked spanned (the merged cell continues).
#include <cmath>

#include "read/layout_internal.h"
#include "model/position.h"

namespace gk::layout::detail {

void Builder::text_line(const Line& l, int page_no, double left, double right, bool first_on_page) {
  int line_no = page_no * 1000 + l.index;
  bool indented = l.x0 > left + S.indent_em * std::max(S.min_em, l.font_size);
  bool same_font = para_font > 0 && std::abs(l.font_size - para_font) <= S.same_font_tol;
  float conf = min_confidence(page_words_, l.words);
  if (open_para >= 0 && para_reaches_right && !indented && same_font) {
    DocParagraph& p = doc->blocks[open_para].paragraph;
    join_wrapped(p.text, l.text);
    if (conf >= 0 && (p.confidence < 0 || conf < p.confidence)) p.confidence = conf;
  } else {
    doc->add_paragraph(l.text, line_no, conf);
    open_para = doc->blocks.size() - 1;
  }
  para_reaches_right = l.x1 >= right - S.reaches_right_em * std::max(S.min_em, l.font_size);
  para_font = l.font_size;
  content_since_table = true;
}

bool Builder::remap_columns(Grid& g) const {
  if (last_xs.size() <= g.xs.size() || g.xs.size() < 2) return false;
  std::vector<int> to(g.xs.size());
  for (size_t i = 0; i < g.xs.size(); ++i) {
    auto it = std::find_if(last_xs.begin(), last_xs.end(),
                           [&](double x) { return std::abs(x - g.xs[i]) <= S.column_match; });
    if (it == last_xs.end()) return false;
    to[i] = it - last_xs.begin();
  }
  if (to.front() != 0 || to.back() != (int)last_xs.size() - 1) return false;
  int nr = g.ys.size() - 1, nc = last_xs.size() - 1;
  std::vector<std::vector<int>> owner(nr, std::vector<int>(nc, -1));
  for (size_t id = 0; id < g.cells.size(); ++id) {
    Cell& c = g.cells[id];
    int c0 = to[c.c], c1 = to[c.c + c.cs];
    c.c = c0;
    c.cs = c1 - c0;
    for (int r = c.r; r < c.r + c.rs; ++r)
      for (int k = c0; k < c1; ++k) owner[r][k] = id;
  }
  g.xs = last_xs;
  g.owner.swap(owner);
  return true;
}

void Builder::table(const Page& page, Grid g, int page_no, const std::vector<int>& word_line) {
  open_para = -1;
  if (last_table >= 0 && !content_since_table && last_table_page == page_no - 1) remap_columns(g);
  int nr = g.ys.size() - 1, nc = g.xs.size() - 1;
  // Rows of the grid become DocRows; every grid position is one DocCell.
  auto line_of_y = [&](double y) {
    // 1-based page line of the first word at or below y
    int best = 0;
    double best_y = 1e18;
    for (size_t i = 0; i < page.words.size(); ++i) {
      double c = yc(page.words[i]);
      if (c >= y && c < best_y) { best_y = c; best = word_line[i]; }
    }
    return best ? best : 1;
  };
  DocTable t;
  t.structured = true;
  t.clipped_left = g.clipped_left;
  t.clipped_right = g.clipped_right;
  if (g.clipped_left || g.clipped_right)
    doc->warn(Rule::R_TABLE_CLIPPED,
              "第 " + std::to_string(page_no) + " 页的表格超出页面，" +
                  (g.clipped_right ? (g.clipped_left ? "左右两侧" : "右侧") : "左侧") + "部分列不可见，这些单元格按未知处理",
              encode_pos(page_no, 1));
  for (int r = 0; r < nr; ++r) {
    DocRow row;
    int row_line = 0;
    for (int c = 0; c < nc; ++c) {
      DocCell cell;
      int id = g.owner[r][c];
      const Cell& owner = g.cells[id];
      if (owner.r != r || owner.c != c) {
        cell.spanned = true;
      } else {
        cell.rowspan = owner.rs;
        cell.colspan = owner.cs;
        cell.text = cell_text(page.words, owner.words);
        cell.confidence = min_confidence(page.words, owner.words);
        int ln = 0;
        for (int w : owner.words)
          if (!ln || word_line[w] < ln) ln = word_line[w];
        if (ln) {
          cell.line = page_no * 1000 + ln;
          if (!row_line || cell.line < row_line) row_line = cell.line;
        }
      }
      row.cells.push_back(std::move(cell));
    }
    if (!row_line) row_line = page_no * 1000 + line_of_y(g.ys[r]);
    row.line = row_line;
    for (auto& cell : row.cells)
      if (!cell.line) cell.line = row_line;
    t.rows.push_back(std::move(row));
  }

  bool continues = last_table >= 0 && !content_since_table && last_table_page == page_no - 1 &&
                   last_xs.size() == g.xs.size();
  if (continues)
    for (size_t i = 0; i < g.xs.size(); ++i)
      if (std::abs(last_xs[i] - g.xs[i]) > S.column_match) continues = false;
  int base = 0;
  if (continues) {
    DocTable& prev = doc->blocks[last_table].table;
    base = prev.rows.size();
    // An empty cell at the top of the continuation below a label cell or a
    // vertically merged cell is that merged cell going on across the page
    // break: mark it spanned and extend the owner's rowspan.
    if (!t.rows.empty())
      for (int c = 0; c < nc; ++c) {
        DocCell& top = t.rows[0].cells[c];
        if (top.spanned || !top.text.empty() || last_owner_row[c] < 0) continue;
        const Cell& o = g.cells[g.owner[0][c]];
        DocCell& prev_owner = prev.rows[last_owner_row[c]].cells[c];
        if (prev_owner.colspan != o.cs) continue;
        bool label = !prev_owner.text.empty() && !is_number_text(prev_owner.text);
        // Below a header cell over a column of numbers (本年增/减 over the
        // 2019 Table 1's figures), an empty top cell is a blank value of a
        // sparse table, not the header going on: the column holds numbers
        // further down this page.
        bool value_column = false;
        for (size_t rr = 1; rr < t.rows.size() && !value_column; ++rr)
          value_column = c < (int)t.rows[rr].cells.size() && !t.rows[rr].cells[c].spanned &&
                         is_number_text(t.rows[rr].cells[c].text);
        if (value_column && !last_owner_vmerged[c]) continue;
        // Labels go on across a page break in the left columns only: right of
        // a cell the top row prints itself (its own row label), an empty cell
        // is that row's blank, not a label going on -- unless the cell above
        // is already merged over rows.
        bool text_left = false;
        for (int k = 0; k < c && !text_left; ++k)
          text_left = !t.rows[0].cells[k].spanned && !t.rows[0].cells[k].text.empty();
        if (text_left && !last_owner_vmerged[c]) continue;
        if (!label && !last_owner_vmerged[c]) continue;
        prev_owner.rowspan += o.rs;
        for (int rr = 0; rr < o.rs; ++rr)
          for (int cc = c; cc < c + o.cs; ++cc) t.rows[rr].cells[cc].spanned = true;
        carried[g.owner[0][c]] = last_owner_row[c];
      }
    for (auto& row : t.rows) prev.rows.push_back(std::move(row));
    prev.clipped_left = prev.clipped_left || t.clipped_left;
    prev.clipped_right = prev.clipped_right || t.clipped_right;
  } else {
    DocBlock b;
    b.kind = DocBlock::Table;
    b.table = std::move(t);
    doc->blocks.push_back(std::move(b));
    last_table = doc->blocks.size() - 1;
  }
  // Owners of the last row's positions, for the next page.
  last_owner_row.assign(nc, -1);
  last_owner_vmerged.assign(nc, false);
  if (nr > 0)
    for (int c = 0; c < nc; ++c) {
      int id = g.owner[nr - 1][c];
      const Cell& o = g.cells[id];
      if (o.c != c) continue;
      auto it = carried.find(id);
      last_owner_row[c] = it != carried.end() ? it->second : base + o.r;
      last_owner_vmerged[c] = o.rs > 1 || it != carried.end();
    }
  carried.clear();
  last_table_page = page_no;
  last_xs = g.xs;
  content_since_table = false;
}

void Builder::chunk_rows(const Page& page, const std::vector<UnruledRow>& rows, const std::vector<int>& word_line,
                int page_no) {
  open_para = -1;
  DocBlock b;
  b.kind = DocBlock::Table;
  b.table.structured = false;
  for (const UnruledRow& r : rows) {
    DocRow row;
    row.line = page_no * 1000 + r.line;
    for (const auto& cell_words : r.cells) {
      int ln = 0;
      for (int w : cell_words)
        if (!ln || word_line[w] < ln) ln = word_line[w];
      DocCell cell{cell_text(page.words, cell_words), ln ? page_no * 1000 + ln : row.line};
      cell.confidence = min_confidence(page.words, cell_words);
      row.cells.push_back(std::move(cell));
    }
    b.table.rows.push_back(std::move(row));
  }
  doc->blocks.push_back(std::move(b));
  last_table = -1;
  content_since_table = true;
}

}  // namespace gk::layout::detail
