// The rendered document before serialisation: title, section headings,
// paragraphs and the three national tables as grids with merged cells.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/report.h"
#include "render/render.h"
#include "util/text.h"

namespace gk::render {

// One origin cell of a grid (a merged cell is one GridCell with spans).
struct GridCell {
  int row = 0, col = 0, rowspan = 1, colspan = 1;
  std::string text;       // may contain '\n' (a wrapped label, garbler)
  bool header = false;    // label / header cell
  std::string path;       // record cell path for value cells ("applications.new[0]"), else empty
  std::string key;        // stable id of a label cell ("t2.row.new", "t2.col.total", …)
  bool dropped = false;   // omitted from text output (garbler: a lost cell)
};

struct Grid {
  std::string id;  // "t1", "t2", "t3"
  int rows = 0, cols = 0;
  std::vector<GridCell> cells;  // row-major order of origin positions
  // Extra text lines emitted after a row in text layouts (page numbers, blank runs).
  std::map<int, std::vector<std::string>> lines_after_row;

  GridCell& add(int r, int c, int rs, int cs, std::string text, bool header,
                std::string path = {}, std::string key = {});
  // The origin cell covering (r, c), or nullptr.
  const GridCell* covering(int r, int c) const;
  GridCell* find_path(const std::string& path);
  GridCell* find_key(const std::string& key);
};

struct Block {
  enum Kind { Title, Heading, Paragraph, Table } kind = Paragraph;
  std::string text;     // title / heading text (without numeral) / paragraph
  std::string numeral;  // heading numeral as printed ("二、", "2、", "")
  int section = 0;      // 1..6 for headings and their content
  Grid grid;            // Table
};

struct RenderDoc {
  std::vector<Block> blocks;
  Grid* table(const std::string& id);
};

// Build the document for a record (totals already completed or kept as printed).
RenderDoc build_document(const Report& r, const RenderOptions& opt);

// The three tables of the 2021 format with their standard labels and merges; a
// record with edition Y2019 gets the 2019 template's Table 1 (4 columns ×
// 18 rows: 第（一）（五）（六）（八）（九）项, cells from proactive and proactive_2019) and
// Table 2 with the single （六）其他处理 row (26 rows; other_no_correction / other_no_fee
// are not printed).
Grid table1_grid(const Report& r);  // 4 columns × 14 rows (format-spec §3.1)
Grid table2_grid(const Report& r);  // 10 columns (3 label + 7 value) × 28 rows (§4.1-4.2)
Grid table3_grid(const Report& r);  // 15 columns × 4 rows (§5.1)

// Narrative used when the record gives none for a section (1..6).
std::string placeholder_text(const Report& r, int section);

// Number as printed: integers plainly, fractions with up to 4 decimals.
using gk::format_number;  // util/text.h

// Writers.
std::string write_text(const RenderDoc& doc, TextLayout layout, bool markdown_headings = false);
std::string write_html(const RenderDoc& doc);
std::string write_docx(const RenderDoc& doc);  // zip bytes; throws std::runtime_error

}  // namespace gk::render
