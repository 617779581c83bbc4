// The report model: the record of one annual report, as defined by
// docs/spec/report-json.md. Every later stage (check, repair, store, export,
// render) works on this struct; nothing here knows how the report was read.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/edition.h"

namespace gk {

// How the value of one table cell came to be.
enum class CellStatus : uint8_t {
  Missing,      // the report does not give it (value is null)
  Printed,      // a number printed in the report
  Blank,        // printed blank in a table that uses blank for zero (value 0)
  Recovered,    // lost by layout noise, rebuilt from the table's arithmetic
  Split,        // printed, but run together with its neighbours; boundary inferred
  Placeholder,  // printed as "-", "/", "—", "无" … (value is null)
  Absent,       // the row does not exist in this report's template (value null)
};

std::string_view cell_status_name(CellStatus s);  // "printed", "blank", …

// What the tables' own arithmetic says of a cell's value (model/verify.h).
enum class Verification : uint8_t { Missing, Consistent, Verified, Contradicted, Recovered };

// Confidence given to an OCR-read value in doubt for a reason besides the
// engine's own score (junk in its cell, values placed by count, relations it
// breaks): under the R-LOW-CONFIDENCE threshold (0.6), so the cell is flagged.
inline constexpr float kOcrDoubtful = 0.5f;

struct Cell {
  std::optional<double> value;  // null when unknown; counts are whole numbers
  CellStatus status = CellStatus::Missing;
  int line = 0;                 // 1-based source line; 0 when unknown
  std::string raw;              // printed text when it is not a plain number
  float confidence = -1.f;      // OCR confidence 0..1, -1 when not OCR-read
  std::vector<std::string> via; // rule instances used to recover / split it
  Verification verification = Verification::Missing;  // set by check (verify_cells)

  bool known() const { return value.has_value(); }
  void set_printed(double v, int ln) { value = v; status = CellStatus::Printed; line = ln; }
};

// Table 2 row keys in table order (R01..R25); also the JSON keys.
inline constexpr int kT2Rows = 25;
inline constexpr int kT2Cols = 7;
extern const std::array<const char*, kT2Rows> kT2RowKeys;
// Chinese labels of the standard (2021) template, for render and messages.
extern const std::array<const char*, kT2Rows> kT2RowLabels;
extern const std::array<const char*, kT2Cols> kT2ColLabels;  // 自然人 … 总计
extern const std::array<const char*, kT2Cols> kT2ColKeys;    // natural_person … total

inline constexpr int kT3Rows = 3;
inline constexpr int kT3Cols = 5;
extern const std::array<const char*, kT3Rows> kT3RowKeys;    // review, litigation_direct, …
extern const std::array<const char*, kT3Rows> kT3RowLabels;  // 行政复议, 未经复议直接起诉, 复议后起诉
extern const std::array<const char*, kT3Cols> kT3ColLabels;  // 结果维持 … 总计
extern const std::array<const char*, kT3Cols> kT3ColKeys;    // upheld … total

// Table 2 row indices used by rules.
enum T2Row : int {
  R_NEW = 0, R_CARRIED_OVER = 1, R_GRANTED = 2, R_PARTIAL = 3,
  R_DENIED_FIRST = 4, R_DENIED_LAST = 11,
  R_UNABLE_FIRST = 12, R_UNABLE_LAST = 14,
  R_NOTPROC_FIRST = 15, R_NOTPROC_LAST = 19,
  R_OTHER_NO_CORRECTION = 20, R_OTHER_NO_FEE = 21, R_OTHER_OTHER = 22,
  R_TOTAL = 23, R_CARRIED_FORWARD = 24,
};

struct StockRow { Cell issued, repealed, in_force; };

struct Proactive {
  StockRow regulations;          // 规章
  StockRow normative_documents;  // 行政规范性文件
  Cell licensing, punishment, enforcement;
  Cell fees_wan_yuan;            // 万元, may be fractional
};

// Figures only the 2019 template (国办公开办函〔2019〕60号) prints.
struct Proactive2019 {
  bool present = false;
  Cell regulations_published, normative_published;  // 本年新公开数量
  Cell licensing_prev, licensing_change;             // 上一年项目数量, 本年增/减
  Cell other_services_prev, other_services_change, other_services;  // 其他对外管理服务事项
  Cell punishment_prev, punishment_change;
  Cell enforcement_prev, enforcement_change;
  Cell fees_prev, fees_change;                       // 行政事业性收费 项目数量
  Cell procurement_items, procurement_amount;        // 第二十条第（九）项 政府集中采购
};

struct Section {
  int number = 0;          // 1..6
  std::string heading;     // as printed (normalised spaces), empty when not found
  int line = 0;            // heading line, 0 when not found
  bool numbered = false;   // printed with its numeral
  std::string numeral;     // the printed numeral, e.g. "二、", "2、"
  std::string text;        // narrative text of the section (tables excluded)
  std::vector<int> text_lines;  // source line of each '\n'-separated paragraph of text
  bool found() const { return line > 0; }
};

enum class Severity : uint8_t { Error, Warning, Note };
std::string_view severity_name(Severity s);     // "error" / "warning" / "note"
std::string_view severity_name_zh(Severity s);  // "错误" / "警告" / "附注"

struct Diagnostic {
  std::string rule;      // stable id, with an @instance suffix where the rule has instances
  Severity severity = Severity::Error;
  std::string message;   // Chinese
  int line = 0;          // source line, 0 when the finding has no single place
  std::vector<std::string> cells;  // cell paths, e.g. "applications.total[6]"
  std::vector<std::string> notes;  // follow-up notes (consequences, evidence)
  std::vector<int> note_lines;     // source line of each note (0: none); empty when no note has one
  bool consequence = false;        // follows from another finding (printed as 附注)
};

// --- identity as read (issue 13): who published the report and when, each
// piece as printed and where it came from. `Report::agency`, `title` and
// `publication_date` keep their meaning; these say more.
struct Identity {
  std::string title_printed;      // the title as printed, wrapped lines joined ("2024 年上海市科委…年度报告")
  std::string title_source;       // "text" (a line of the report), "crawl_header", "html_title", "html_h1"
  std::string agency_printed;     // the agency as the title prints it ("上海市科委"), empty when the title has none
  std::string agency_full;        // the fullest form printed anywhere (signature, preamble): "上海市科学技术委员会"
  std::string agency_normalized;  // analyze_agency(agency).normalized
  std::string agency_source;      // "title", "signature", "crawl_header", "html_source"
  std::string publication_date_source;  // "crawl_header", "html_meta", "page", "signature", empty when none
  std::string signature_agency;   // the agency under the text, as printed
  std::string signature_date;     // the date under the text (YYYY-MM-DD)
  int signature_line = 0;         // first line of the signature block, 0 when none
  std::string url;                // 原文链接 of a crawled copy
};

// --- reports before 2019 (the legacy edition): free-form sections and the
// 政府信息公开情况统计表, kept apart from the national tables.
struct LegacyStat {
  std::string name;  // 指标名称 as printed (normalised), e.g. "主动公开文件数"
  std::string key;   // stable English key when the indicator is a known one, else empty
  std::string unit;  // 计量单位 as printed ("条", "件", "万元"…)
  Cell this_year;    // 本年度
  Cell cumulative;   // 历年累计 (Missing when the table has no such column)
  int line = 0;
};
struct LegacyPart {
  bool present = false;
  std::vector<Section> sections;  // in printed order; number = printed numeral value (0 when none)
  bool table_found = false;
  int table_line = 0;
  std::vector<LegacyStat> statistics;
};

struct Report {
  int schema_version = 1;
  // source
  std::string path, sha256, format = "text", encoding;
  // Lines are numbered per page (line = page * 1000 + line on page, see
  // model/position.h): set by readers of paged formats.
  bool paged = false;
  // identity
  std::string title;
  int title_line = 0;
  std::string agency;
  int agency_line = 0;
  int year = 0;                 // 0 when unknown
  std::string publication_date; // YYYY-MM-DD when printed
  std::string period_start, period_end;  // statistics period when stated (YYYY-MM-DD)
  Edition edition = Edition::Y2021;  // model/edition.h; JSON "template"
  Identity identity;                 // issue 13: identity as read
  LegacyPart legacy;                 // issue 13: Edition::Legacy reports' own part

  Proactive proactive;
  Proactive2019 proactive_2019;
  std::array<std::array<Cell, kT2Cols>, kT2Rows> applications{};
  std::array<std::array<Cell, kT3Cols>, kT3Rows> appeals{};

  // what recognition found
  bool t1_found = false, t2_found = false, t3_found = false;
  int t1_line = 0, t2_line = 0, t3_line = 0;
  bool t2_single_other_row = false;  // （六）其他处理 printed as one row (2019 style)
  std::vector<std::string> label_variants;  // e.g. "转结→结转" seen
  int label_variant_line = 0;                // the first line printing one of them (0: unknown)

  std::array<Section, 6> sections{};
  std::vector<Diagnostic> diagnostics;

  bool has_errors() const;
  bool has_findings() const;  // errors or warnings
};

// Uniform access to every table cell, for JSON, comparison, export and checks.
struct CellRef {
  const std::string& path;  // "proactive.regulations.issued", "applications.new[0]", "appeals.review[4]"
  Cell* cell;
};
std::vector<CellRef> all_cells(Report& r);
struct ConstCellRef {
  const std::string& path;
  const Cell* cell;
};
std::vector<ConstCellRef> all_cells(const Report& r);
// Path of a Table 2 / Table 3 cell.
const std::string& t2_path(int row, int col);
const std::string& t3_path(int row, int col);
// Find a cell by its path; nullptr when the path names no cell.
Cell* find_cell(Report& r, std::string_view path);

}  // namespace gk
