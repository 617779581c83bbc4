// Shared pieces of the page layout (layout_*.cpp); not for other stages.
#pragma once

#include <algorithm>
#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "read/layout.h"

namespace gk::layout::detail {

inline const Settings& S = kSettings;

// ---------------------------------------------------------------- text helpers (layout_lines.cpp)

std::string strip_spaces(const std::string& s);
// Join two pieces of text across a line break: no space between CJK, one
// space between ASCII words.
void join_wrapped(std::string& out, const std::string& piece);
// Digits with . , - % only (spaces ignored).
bool is_number_text(const std::string& s);

struct Line {
  std::vector<int> words;  // indices into page words, left to right
  double x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9;
  double font_size = 0;
  int index = 0;  // 1-based line on page
  std::string text;
};

inline double yc(const Word& w) { return (w.y0 + w.y1) / 2; }
inline double xc(const Word& w) { return (w.x0 + w.x1) / 2; }
inline double height(const Word& w) { return std::max(1.0, w.y1 - w.y0); }

// Group words into text lines by vertical centre.
std::vector<Line> make_lines(const std::vector<Word>& words, std::vector<int> idx);
// The text of one line: words joined with a space where the PDF had one or
// where the gap is wide.
std::string line_text(const std::vector<Word>& words, const std::vector<int>& line);
// Lowest OCR confidence of some words, -1 when none is OCR.
float min_confidence(const std::vector<Word>& words, const std::vector<int>& idx);

// ---------------------------------------------------------------- page bands (layout_bands.cpp)

double page_height(const Page& page);
// The line lies in the top or bottom band of the page, where page numbers are printed.
bool in_band(double y0, double y1, double page_height);
// "- 3 -", "—3—", "第 3 页", "第3页 共5页", "3/5", "3"
bool is_page_number(const std::string& text);

// ---------------------------------------------------------------- ruled grids (layout_grid.cpp)

struct Cell {
  int r = 0, c = 0, rs = 1, cs = 1;
  std::vector<int> words;
};

struct Grid {
  double x0, y0, x1, y1;                // bounding box
  std::vector<double> xs, ys;           // boundaries
  std::vector<Cell> cells;              // top-left owners
  std::vector<std::vector<int>> owner;  // [r][c] -> cell index
  // Horizontal rules run on past the last vertical rule to the page edge: the
  // table is wider than the page and cut off there.
  bool clipped_left = false, clipped_right = false;
};

// The ruled tables of a page, top to bottom (words not yet assigned).
std::vector<Grid> find_tables(const Page& page);
// The text of a cell's words: lines joined, vertical writing read right to left.
std::string cell_text(const std::vector<Word>& words, const std::vector<int>& idx);

struct UnionFind {
  std::vector<int> p;
  explicit UnionFind(size_t n) : p(n) { std::iota(p.begin(), p.end(), 0); }
  int find(int x) {
    while (p[x] != x) x = p[x] = p[p[x]];
    return x;
  }
  void unite(int a, int b) { p[find(a)] = find(b); }
};

// ---------------------------------------------------------------- unruled tables (layout_unruled.cpp)

// One row of an unruled table: its cells as word lists (labels, then values)
// and the page line of its values.
struct UnruledRow {
  std::vector<std::vector<int>> cells;
  int line = 0;
};

struct Unruled {
  std::vector<UnruledRow> rows;
  size_t next = 0;  // first body line after the table
};

// The unruled table starting at body[from] (no rows when none does), above y_limit.
Unruled unruled_table(const std::vector<Word>& words, const std::vector<Line>& body, size_t from, double y_limit);

// ---------------------------------------------------------------- stitching (layout_stitch.cpp)

// Emits paragraphs and tables into the Document page after page, joining a
// paragraph's wrapped lines and a table continued on the next page.
struct Builder {
  Document* doc = nullptr;
  std::vector<Word> page_words_;  // words of the page being laid out
  // The open paragraph (index into doc->blocks) and how its last line ended.
  int open_para = -1;
  bool para_reaches_right = false;
  double para_font = 0;
  // The last emitted table, for joining tables split by a page break.
  int last_table = -1;
  int last_table_page = -1;
  std::vector<double> last_xs;
  // per column of the last row: the table row holding the owner cell of that
  // position (-1 when owned from the left), and whether it is merged downwards
  std::vector<int> last_owner_row;
  std::vector<bool> last_owner_vmerged;
  std::map<int, int> carried;  // grid cell id -> owner row continued from the last page
  bool content_since_table = false;

  void text_line(const Line& l, int page_no, double left, double right, bool first_on_page);
  // A continuation whose column boundaries are a subset of the previous
  // part's (a page holding only rows with merged columns): express it on the
  // previous part's columns so both parts share one grid.
  bool remap_columns(Grid& g) const;
  void table(const Page& page, Grid g, int page_no, const std::vector<int>& word_line);
  // Rows of an unruled table: per row, the label cells (one per label column,
  // wrapped lines joined) and the value chunks.
  void chunk_rows(const Page& page, const std::vector<UnruledRow>& rows, const std::vector<int>& word_line,
                  int page_no);
};

}  // namespace gk::layout::detail
