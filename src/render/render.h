// Render: a Report -> the national annual-report layout (2021 format,
// 国办公开办函〔2021〕30号; records with edition Y2019 in the 2019 template,
// 国办公开办函〔2019〕60号) as plain text (several layouts), Markdown, HTML or DOCX.
//
//   Report --complete_totals--> Report --build_document--> RenderDoc --write_*--> bytes
//
// The RenderDoc (layout.h) is the neutral middle: headings, paragraphs and the three
// tables as grids with merged cells. Writers only serialise it; the test generator
// (src/gen) perturbs it between the two steps.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "model/report.h"

namespace gk::render {

enum class OutputFormat { Txt, Md, Html, Docx };

// Plain-text table layouts seen in real reports (format-spec §7.3).
enum class TextLayout {
  TabRows,         // one table row per line, cells separated by TAB (seeds 001/003, V34)
  CellPerLine,     // each cell on its own TAB-prefixed line, rows separated by blank lines (V33)
  Markdown,        // pipe tables (V38)
  RunTogether,     // label and numbers concatenated without separator (HTML-stripping crawlers)
  SpaceSeparated,  // cells separated by one space (V41)
};

struct RenderOptions {
  OutputFormat format = OutputFormat::Txt;
  TextLayout layout = TextLayout::TabRows;  // for Txt; Md always uses Markdown
  bool keep_printed = false;  // reproduce printed numbers, do not compute or check totals
  bool preamble = true;       // statistics-period sentence before section 一
  bool signature = false;     // a fill-in form: the signature (落款) always, its date a placeholder when unfilled
};

// A record whose printed totals contradict their parts. `rule` is the rule id
// of the first failing equation (e.g. "T2-ROW-TOTAL@new"); what() is Chinese.
struct RenderError : std::runtime_error {
  std::string rule;
  RenderError(std::string rule_id, const std::string& message)
      : std::runtime_error(message), rule(std::move(rule_id)) {}
};

// Fill the computable totals (总计 column, （七）总计 row, 四 结转下年度) from their parts and
// verify the totals that are given. Throws RenderError naming the failing rule.
void complete_totals(Report& r);

// Render to bytes (UTF-8 text, or a DOCX zip). Throws RenderError.
std::string render(const Report& r, const RenderOptions& opt);

// Names used on the command line: "tab", "cell", "md", "run", "space".
std::optional<TextLayout> layout_from_name(std::string_view name);
std::string_view layout_name(TextLayout l);
std::optional<OutputFormat> format_from_name(std::string_view name);  // txt md html docx
std::string_view format_extension(OutputFormat f);                    // ".txt" …

// A draft claims nothing the clerk did not say: what the data does not give is
// printed as a visible placeholder, 【待填写：…】, never as boilerplate.
inline constexpr const char* kPlaceholderOpen = "【待填写：";
std::string placeholder(std::string_view what);  // "【待填写：what】"

// The 信息处理费 statement of section 六 as form fields (form.h): 发出收费通知的件数,
// 总金额 and 实际收取的总金额 (元). A field left empty stays a placeholder.
struct FeeFields {
  std::optional<double> notices, notice_amount_yuan, collected_yuan;
  bool any() const { return notices || notice_amount_yuan || collected_yuan; }
};
// The sentence the clerk's numbers make (all zero: "…均为0").
std::string fee_statement(const FeeFields& f);
// Put the fee statement at the head of section 六 (when any field is given).
void apply_fee_fields(Report& r, const FeeFields& f);

// Title from agency and year (placeholders for what is missing).
std::string default_title(const Report& r);
std::string_view standard_heading(int section);  // 1..6, without numeral: "总体情况" …
std::string_view chinese_numeral(int section);   // "一、" …
// A 信息处理费 statement with every figure 0: the generator's stock text (src/gen);
// render never writes it unless the clerk's fee fields say so.
extern const char* const kFeeStatement;

}  // namespace gk::render
