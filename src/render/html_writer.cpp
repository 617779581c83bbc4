// A single self-contained HTML page: real <table>s with the national
// rowspan/colspan structure; every text is HTML-escaped.
#include <string>

#include "render/layout.h"

#include "util/text.h"

namespace gk::render {

namespace {


void table(const Grid& g, std::string& out) {
  out += "<table class=\"" + g.id + "\">\n";
  for (int r = 0; r < g.rows; ++r) {
    out += "<tr>";
    for (int c = 0; c < g.cols; ++c) {
      const GridCell* cell = g.covering(r, c);
      if (!cell || cell->row != r || cell->col != c) continue;
      out += "<td";
      if (cell->rowspan > 1) out += " rowspan=\"" + std::to_string(cell->rowspan) + "\"";
      if (cell->colspan > 1) out += " colspan=\"" + std::to_string(cell->colspan) + "\"";
      if (cell->header) out += " class=\"h\"";
      out += ">" + gk::xml_escape(cell->text, true) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</table>\n";
}

}  // namespace

std::string write_html(const RenderDoc& doc) {
  std::string title;
  for (const auto& b : doc.blocks)
    if (b.kind == Block::Title) title = b.text;
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
      gk::xml_escape(title, true) +
      "</title>\n<style>\n"
      "body{font-family:SimSun,\"Songti SC\",\"Noto Serif CJK SC\",serif;max-width:60em;margin:2em auto;"
      "line-height:1.8}\n"
      "h1{text-align:center;font-size:1.6em}h2{font-size:1.2em;font-family:SimHei,sans-serif}\n"
      "p{text-indent:2em}\n"
      "table{border-collapse:collapse;margin:1em 0;font-size:.9em}\n"
      "td{border:1px solid #000;padding:2px 4px;text-align:center}\n"
      "td.h{font-weight:normal}\n"
      "</style>\n</head>\n<body>\n";
  for (const auto& b : doc.blocks) {
    switch (b.kind) {
      case Block::Title: out += "<h1>" + gk::xml_escape(b.text, true) + "</h1>\n"; break;
      case Block::Heading: out += "<h2>" + gk::xml_escape(b.numeral + b.text, true) + "</h2>\n"; break;
      case Block::Paragraph: out += "<p>" + gk::xml_escape(b.text, true) + "</p>\n"; break;
      case Block::Table: table(b.grid, out); break;
    }
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace gk::render
