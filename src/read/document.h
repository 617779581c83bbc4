// The Document: what every reader produces, whatever the input format.
// Paragraphs and table grids in reading order, each piece with its source
// position. Nothing after `read` knows which format the bytes were in.
#pragma once

#include <string>
#include <vector>

#include "model/rules.h"

namespace gk {

struct DocCell {
  std::string text;        // UTF-8, as read (not normalised)
  int line = 0;            // 1-based source line (text) or synthetic line (other formats)
  int rowspan = 1, colspan = 1;
  bool spanned = false;    // a grid position covered by a merged cell to its left/above
  float confidence = -1.f; // OCR confidence 0..1, -1 when not OCR
};

struct DocRow {
  std::vector<DocCell> cells;
  int line = 0;
  // Every cell was printed as a cell of its own (one cell per line): an empty
  // one is a printed blank, not padding.
  bool explicit_cells = false;
};

struct DocTable {
  std::vector<DocRow> rows;
  // true when cells are explicit (HTML <td>, DOCX <w:tc>, a rebuilt PDF grid):
  // an empty cell is then a printed blank. In plain text, empty cells between
  // tabs may be padding from merged columns.
  bool structured = false;
};

struct DocParagraph {
  std::string text;
  int line = 0;
  float confidence = -1.f;
};

struct DocBlock {
  enum Kind { Paragraph, Table } kind = Paragraph;
  DocParagraph paragraph;
  DocTable table;
};

// A non-fatal reader finding (a page skipped, text from OCR): it becomes a
// diagnostic of the record under its own rule.
struct DocWarning {
  Rule rule = Rule::R_PAGE_SKIPPED;
  std::string message;  // Chinese
  int line = 0;         // source position when it has one
};

struct Document {
  std::string path;
  std::string format;    // "text", "html", "docx", "doc", "pdf", "image"
  std::string encoding;  // detected input encoding ("UTF-8", "GB18030", "UTF-16LE", …)
  std::vector<DocBlock> blocks;
  // Lines numbered per page (page * 1000 + line, model/position.h).
  bool paged = false;
  std::vector<DocWarning> warnings;  // non-fatal reader findings

  void add_paragraph(std::string text, int line, float conf = -1.f) {
    DocBlock b;
    b.kind = DocBlock::Paragraph;
    b.paragraph = {std::move(text), line, conf};
    blocks.push_back(std::move(b));
  }
  void warn(Rule rule, std::string message, int line = 0) {
    warnings.push_back({rule, std::move(message), line});
  }
};

}  // namespace gk
