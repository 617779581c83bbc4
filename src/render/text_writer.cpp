// Plain-text and Markdown serialisation of a RenderDoc, one function per
// table layout found in real reports (format-spec §7.3).
#include <string>
#include <vector>

#include "render/layout.h"

namespace gk::render {

namespace {

// Cells of grid row r that start in this row, left to right (origin cells only).
std::vector<const GridCell*> origins_in_row(const Grid& g, int r) {
  std::vector<const GridCell*> out;
  for (int c = 0; c < g.cols; ++c) {
    const GridCell* cell = g.covering(r, c);
    if (cell && cell->row == r && cell->col == c) out.push_back(cell);
  }
  return out;
}

std::string one_line(const std::string& s) {
  std::string out;
  for (char ch : s)
    if (ch != '\n') out += ch;
  return out;
}

// TAB between grid positions; covered positions print empty (V34).
void tab_rows(const Grid& g, std::string& out) {
  for (int r = 0; r < g.rows; ++r) {
    std::string line;
    bool first = true;
    for (int c = 0; c < g.cols; ++c) {
      const GridCell* cell = g.covering(r, c);
      if (cell && cell->dropped && cell->row == r && cell->col == c) continue;
      if (!first) line += '\t';
      first = false;
      if (cell && cell->row == r && cell->col == c) line += one_line(cell->text);
    }
    out += line + "\n";
    if (auto it = g.lines_after_row.find(r); it != g.lines_after_row.end())
      for (const auto& l : it->second) out += l + "\n";
  }
}

// Each cell on its own TAB-prefixed line; a cell covered from above prints a bare
// TAB; a wrapped label continues on lines without TAB (V16, V33).
void cell_per_line(const Grid& g, std::string& out) {
  for (int r = 0; r < g.rows; ++r) {
    for (int c = 0; c < g.cols; ++c) {
      const GridCell* cell = g.covering(r, c);
      if (!cell || cell->col != c) continue;  // horizontally covered
      if (cell->row != r) {
        out += "\t\n";
        continue;
      }
      if (cell->dropped) continue;
      out += "\t" + cell->text + "\n";
    }
    out += "\n";
    if (auto it = g.lines_after_row.find(r); it != g.lines_after_row.end())
      for (const auto& l : it->second) out += l + "\n";
  }
}

void markdown(const Grid& g, std::string& out) {
  for (int r = 0; r < g.rows; ++r) {
    std::string line = "|";
    for (int c = 0; c < g.cols; ++c) {
      const GridCell* cell = g.covering(r, c);
      bool origin = cell && cell->row == r && cell->col == c;
      if (origin && cell->dropped) continue;
      line += " " + (origin ? one_line(cell->text) : std::string()) + " |";
    }
    out += line + "\n";
    if (r == 0) {
      out += "|";
      for (int c = 0; c < g.cols; ++c) out += " --- |";
      out += "\n";
    }
    if (auto it = g.lines_after_row.find(r); it != g.lines_after_row.end())
      for (const auto& l : it->second) out += l + "\n";
  }
}

// Origin cells of a row joined by `sep`; empty cells are skipped.
void joined(const Grid& g, const std::string& sep, std::string& out) {
  for (int r = 0; r < g.rows; ++r) {
    std::string line;
    for (const GridCell* cell : origins_in_row(g, r)) {
      if (cell->dropped || cell->text.empty()) continue;
      if (!line.empty()) line += sep;
      line += one_line(cell->text);
    }
    out += line + "\n";
    if (auto it = g.lines_after_row.find(r); it != g.lines_after_row.end())
      for (const auto& l : it->second) out += l + "\n";
  }
}

}  // namespace

std::string write_text(const RenderDoc& doc, TextLayout layout, bool markdown_headings) {
  std::string out;
  for (const auto& b : doc.blocks) {
    switch (b.kind) {
      case Block::Title:
        out += (markdown_headings ? "# " : "") + b.text + "\n\n";
        break;
      case Block::Heading:
        out += (markdown_headings ? "## " : "") + b.numeral + b.text + "\n\n";
        break;
      case Block::Paragraph:
        out += b.text + "\n\n";
        break;
      case Block::Table:
        switch (layout) {
          case TextLayout::TabRows: tab_rows(b.grid, out); break;
          case TextLayout::CellPerLine: cell_per_line(b.grid, out); break;
          case TextLayout::Markdown: markdown(b.grid, out); break;
          case TextLayout::RunTogether: joined(b.grid, "", out); break;
          case TextLayout::SpaceSeparated: joined(b.grid, " ", out); break;
        }
        out += "\n";
        break;
    }
  }
  return out;
}

}  // namespace gk::render
