// Page geometry -> Document: words with boxes and ruling lines of a page,
// however they were obtained (a PDF text layer through poppler, OCR of a scan
// or an image), laid out into paragraphs and table grids. Independent of
// poppler and tesseract so that it can be unit-tested and fuzzed with
// synthetic pages: pdf_reader.cpp and ocr_reader.cpp fill Page.
//
// One concept per file:
//   layout_rulings.cpp  ruling lines found in a page bitmap
//   layout_lines.cpp    words -> text lines, line text, number / page-number tests
//   layout_bands.cpp    the page's top/bottom bands (page numbers), whether a page may hold a table
//   layout_grid.cpp     ruled grids: rules that meet -> cells, merged cells, cell text, cell boxes
//   layout_unruled.cpp  unruled tables: lines ending in numbers, wrapped labels around them
//   layout_stitch.cpp   emitting into the Document: paragraphs, tables, a table continued on the next page
//   layout_pages.cpp    layout_pages: the pieces of each page in reading order
// Every tolerance is a field of Settings (below).
//
// Source positions: every line, row and cell gets
//   line = page_number * 1000 + line_on_page      (both 1-based)
// where line_on_page is the rank of the text line on that page, counted over
// all words of the page (inside and outside tables) from top to bottom.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "read/document.h"

namespace gk::layout {

// One text box (a word or a run of CJK characters). Coordinates in points,
// origin top-left, y growing downwards.
struct Word {
  std::string text;  // UTF-8
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double font_size = 0;
  bool space_after = false;
  bool vertical = false;  // vertical writing mode or rotated glyphs
  float confidence = -1;  // OCR word confidence 0..1, -1 for a text layer
};

// A ruling line segment (table border), in points. Horizontal: y0 == y1.
struct Segment {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

struct Page {
  double width = 0, height = 0;
  std::vector<Word> words;
  std::vector<Segment> hrules, vrules;
};

// Every tolerance of the layout, in one place. Lengths in points unless
// named otherwise; "em" is the larger font size of the words compared (at
// least min_em).
struct Settings {
  // Rulings (layout_rulings.cpp).
  int dark_grey = 170;               // a pixel darker than this is ink
  int run_join_px = 2;               // runs of adjacent pixel lines whose ends agree this closely form one band
  double max_rule_thickness = 3.0;   // a thicker band is a filled area, not a rule
  double min_hrule_length = 20.0;
  double min_vrule_length = 6.0;
  int min_run_px = 4;                // never shorter than this many pixels
  size_t max_bands = 20000;          // a hostile page: stop collecting
  // Ruled grids (layout_grid.cpp).
  double rule_tol = 2.5;             // rules meet / coincide within this
  size_t max_hrules = 5000, max_vrules = 20000;
  double stroke_max_length = 30.0;   // a vertical run shorter than this inside a word is a glyph stroke
  double stroke_slack = 1.0;
  double closing_vrule_min = 25.0;   // vertical rules this long ending together close a table cut by a page break
  size_t closing_min_rules = 3;
  double closing_min_width = 30.0;
  double sliver = 3.0;               // grid positions closer than this are one (double borders)
  size_t max_grid_rows = 2000, max_grid_cols = 200;
  double min_table_width = 30.0, min_table_height = 10.0;
  double grid_slack = 1.0;           // a word centre this far outside a grid still belongs to it
  double vertical_column_share = 0.5;
  double page_edge = 2.0;            // a rule ending this close to the page edge was cut by it
  double clip_overhang = 6.0;        // rules running this far past the last vertical rule: a clipped table  // vertical glyphs whose centres differ by more than this share of a glyph width are in different columns
  // Text lines (layout_lines.cpp).
  double min_em = 6.0;
  double same_line_centre = 0.45;    // centres within this share of the smaller height: one line
  double ocr_same_line_overlap = 0.5;  // OCR boxes overlapping by more than this share: one line
  double space_gap_em = 0.3;         // a wider gap between words is a space
  double ocr_space_gap_em = 0.2;     // the same between OCR ASCII words
  // Page bands (layout_bands.cpp).
  double default_page_height = 842;  // A4, when the page gives none
  double top_band = 0.12, bottom_band = 0.85;  // shares of the page height: page numbers live above / below
  double table_gap_em = 0.5;         // a wider gap between words on a line may be a cell border
  // Paragraphs and stitching (layout_stitch.cpp).
  double indent_em = 0.6;            // a line starting this far right of the margin is indented
  double same_font_tol = 1.5;
  double reaches_right_em = 1.5;     // a line ending this close to the right margin continues
  double column_match = 3.0;         // column boundaries of a table's two parts agree within this
  // Unruled tables (layout_unruled.cpp).
  double chunk_gap_em = 1.5;         // a wider gap splits a line into cells
  double row_close_heights = 1.5;    // lines of one table: at most this many line heights apart
  double narrow_margin = 2.0;        // a label line ends this far left of the values
  double values_drift = 60.0;        // values starting further from the table's: another table
  size_t max_label_lines_above = 4, max_label_lines_between = 8, max_label_lines_below = 4;
  double marker_above_heights = 0.3;
  double below_heights = 0.5;
  double label_same_line = 0.5;
  double label_overlap = 1.0;
};
inline constexpr Settings kSettings{};

// Find ruling lines in an 8-bit grey bitmap of a page (0 = black).
// `scale` converts pixels to points. Appends to page->hrules / vrules the
// thin dark runs long enough to be table borders (text strokes are removed
// later by requiring rules to meet each other).
void find_rulings(const uint8_t* grey, int width, int height, int stride, double scale, Page* page);

// Whether the page's text layer could lie in a ruled table, so that the page
// must be rendered for its rules (pdf_reader.cpp skips the rendering, most of
// reading a page, when not). Conservative: true as soon as one line has two
// words more than half an em apart (a cell border between them; prose runs
// below a third of an em, table cells tens of ems), is a lone number outside
// the top/bottom band of page numbers (a value centred beside a wrapped
// label), or a word is written vertically (a group label). A table whose
// cells never share a text line with another cell and hold no bare number
// (one column of text in boxes) is missed and read as paragraphs.
bool may_hold_table(const Page& page);

// Boxes (points) of the table cells found on a page (merged cells as one
// box); used by OCR to re-read cells the page pass left empty.
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool has_text = false;  // some word's centre lies inside
};
std::vector<Box> cell_boxes(const Page& page);

// Lay out all pages into `doc` (paragraphs and tables in reading order).
void layout_pages(const std::vector<Page>& pages, Document* doc);

}  // namespace gk::layout
