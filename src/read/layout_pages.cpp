// layout_pages: each page's words go to the ruled grid holding their centre
// (so wrapped labels, vertical group labels and multi-line header cells each
// become one cell); the other words become lines, the lines of an unruled
// table its rows, the rest paragraphs; page numbers in the top/bottom band
// are dropped. Tables and lines are emitted by their top edge.
#include "read/layout_internal.h"
#include "model/position.h"

namespace gk::layout {

using namespace detail;

void layout_pages(const std::vector<Page>& pages, Document* doc) {
  Builder B;
  B.doc = doc;
  for (size_t p = 0; p < pages.size(); ++p) {
    int page_no = p + 1;
    // Words whose centre lies off the page (the text of table columns cut by
    // the page edge: producers keep it in the text layer) are not printed on
    // the page: they are left out, so that they never stand in for the cells
    // the page does not show.
    Page trimmed;
    size_t off_page = 0;
    if (pages[p].width > 0)
      for (const Word& w : pages[p].words) off_page += xc(w) < 0 || xc(w) > pages[p].width;
    if (off_page) {
      trimmed.width = pages[p].width;
      trimmed.height = pages[p].height;
      trimmed.hrules = pages[p].hrules;
      trimmed.vrules = pages[p].vrules;
      for (const Word& w : pages[p].words)
        if (xc(w) >= 0 && xc(w) <= pages[p].width) trimmed.words.push_back(w);
      doc->warn(Rule::R_TEXT_OFF_PAGE, "第 " + std::to_string(page_no) + " 页有 " + std::to_string(off_page) +
                                                " 处文字位于页面之外（不可见），未读取",
              encode_pos(page_no, 1));
    }
    const Page& page = off_page ? trimmed : pages[p];
    B.page_words_ = page.words;

    // Page-wide line numbering over all words.
    std::vector<int> all(page.words.size());
    std::iota(all.begin(), all.end(), 0);
    std::vector<int> word_line(page.words.size(), 0);
    {
      std::vector<Line> lines = make_lines(page.words, all);
      for (size_t k = 0; k < lines.size(); ++k)
        for (int w : lines[k].words) word_line[w] = k + 1;
    }

    std::vector<Grid> grids = find_tables(page);
    std::vector<int> free_words;
    for (size_t i = 0; i < page.words.size(); ++i) {
      const Word& w = page.words[i];
      double cx = xc(w), cy = yc(w);
      bool placed = false;
      for (auto& g : grids) {
        // In a column cut by the page edge (past the last vertical rule of a
        // clipped table): part of a cell the page does not show whole, not text.
        bool rows = cy >= g.y0 - S.grid_slack && cy <= g.y1 + S.grid_slack;
        if (rows && ((g.clipped_right && cx > g.x1) || (g.clipped_left && cx < g.x0))) {
          placed = true;
          break;
        }
        if (!rows || cx < g.x0 - S.grid_slack || cx > g.x1 + S.grid_slack) continue;
        auto col = std::upper_bound(g.xs.begin(), g.xs.end(), cx) - g.xs.begin() - 1;
        auto row = std::upper_bound(g.ys.begin(), g.ys.end(), cy) - g.ys.begin() - 1;
        col = std::clamp<long>(col, 0, g.xs.size() - 2);
        row = std::clamp<long>(row, 0, g.ys.size() - 2);
        g.cells[g.owner[row][col]].words.push_back(i);
        placed = true;
        break;
      }
      if (!placed) free_words.push_back(i);
    }

    std::vector<Line> lines = make_lines(page.words, free_words);
    for (auto& l : lines) {
      l.index = word_line[l.words.front()];
      l.text = line_text(page.words, l.words);
    }
    // Drop page numbers in the top / bottom band of the page.
    double ph = page_height(page);
    std::vector<Line> body;
    for (auto& l : lines) {
      bool band = in_band(l.y0, l.y1, ph);
      if (band && is_page_number(l.text)) continue;
      if (strip_spaces(l.text).empty()) continue;
      body.push_back(std::move(l));
    }
    double left = 1e9, right = -1e9;
    for (auto& l : body) {
      bool vertical = true;
      for (int w : l.words) vertical = vertical && page.words[w].vertical;
      if (vertical) continue;
      left = std::min(left, l.x0);
      right = std::max(right, l.x1);
    }

    // Merge lines and tables by their top edge.
    size_t li = 0, gi = 0;
    bool first = true;
    while (li < body.size() || gi < grids.size()) {
      bool take_table = gi < grids.size() && (li >= body.size() || grids[gi].y0 <= body[li].y0);
      if (take_table) {
        B.table(page, grids[gi], page_no, word_line);
        ++gi;
      } else {
        // Unruled tables: consecutive lines with >= 3 chunks, >= 2 numeric,
        // and the wrapped label lines around them.
        Unruled u = unruled_table(page.words, body, li, gi < grids.size() ? grids[gi].y0 : 1e18);
        if (!u.rows.empty()) {
          B.chunk_rows(page, u.rows, word_line, page_no);
          li = u.next;
        } else {
          B.text_line(body[li], page_no, left, right, first);
          ++li;
        }
      }
      first = false;
    }
  }
}

}  // namespace gk::layout
