// PDF page geometry -> Document. Independent of poppler so that it can be
// unit-tested and fuzzed with synthetic pages: pdf_reader.cpp fills PdfPage
// from poppler (words with boxes, ruling lines found in a rendered bitmap).
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

namespace gk::pdf {

// One poppler text box (a word or a run of CJK characters). Coordinates in
// PDF points, origin top-left, y growing downwards.
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

// The pages of a PDF as pdf_reader.cpp reads their text layer (size and
// words, no rules, no OCR); empty when poppler cannot open the file. Defined
// in pdf_reader.cpp, only when poppler is compiled in (GONGKAI_HAVE_POPPLER).
// For tests of may_hold_table on real files.
std::vector<Page> text_layer_pages(std::string_view bytes);

// Lay out all pages into `doc` (paragraphs and tables in reading order).
void layout_pages(const std::vector<Page>& pages, Document* doc);

}  // namespace gk::pdf
