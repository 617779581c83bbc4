// render(): totals, document, writer — and the names used on the command line.
#include "render/render.h"

#include "render/layout.h"

namespace gk::render {

std::string render(const Report& input, const RenderOptions& opt) {
  Report r = input;
  if (!opt.keep_printed) complete_totals(r);
  RenderDoc doc = build_document(r, opt);
  switch (opt.format) {
    case OutputFormat::Txt: return write_text(doc, opt.layout, false);
    case OutputFormat::Md: return write_text(doc, TextLayout::Markdown, true);
    case OutputFormat::Html: return write_html(doc);
    case OutputFormat::Docx: return write_docx(doc);
  }
  return {};
}

std::optional<TextLayout> layout_from_name(std::string_view n) {
  if (n == "tab") return TextLayout::TabRows;
  if (n == "cell") return TextLayout::CellPerLine;
  if (n == "md") return TextLayout::Markdown;
  if (n == "run") return TextLayout::RunTogether;
  if (n == "space") return TextLayout::SpaceSeparated;
  return std::nullopt;
}

std::string_view layout_name(TextLayout l) {
  switch (l) {
    case TextLayout::TabRows: return "tab";
    case TextLayout::CellPerLine: return "cell";
    case TextLayout::Markdown: return "md";
    case TextLayout::RunTogether: return "run";
    case TextLayout::SpaceSeparated: return "space";
  }
  return "tab";
}

std::optional<OutputFormat> format_from_name(std::string_view n) {
  if (n == "txt" || n == "text") return OutputFormat::Txt;
  if (n == "md" || n == "markdown") return OutputFormat::Md;
  if (n == "html" || n == "htm") return OutputFormat::Html;
  if (n == "docx") return OutputFormat::Docx;
  return std::nullopt;
}

std::string_view format_extension(OutputFormat f) {
  switch (f) {
    case OutputFormat::Txt: return ".txt";
    case OutputFormat::Md: return ".md";
    case OutputFormat::Html: return ".html";
    case OutputFormat::Docx: return ".docx";
  }
  return ".txt";
}

}  // namespace gk::render
