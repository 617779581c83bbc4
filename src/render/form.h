// The blank fill-in form (填报表): the record shape as JSON, or an XLSX workbook
// with the three national tables, standard labels, merged headers and SUM
// formulas for every total, so an agency fills in parts and gets the totals.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/report.h"

namespace gk::render {

// JSON form: parts 0, totals null (computed on render), section texts empty,
// the fee fields of section 六 (fee.notices, fee.notice_amount_yuan,
// fee.collected_yuan) and the signature date (publication_date) empty: render
// leaves what is not filled in as a visible placeholder. `gongkai render` reads it back.
nlohmann::json json_form();
// A filled JSON form (or a record) -> the record, its fee fields put into
// section 六. Throws std::runtime_error (Chinese) on a bad fee field or date.
Report read_json_form(const nlohmann::json& j);
// Is this JSON a fill-in form (rather than a record from gongkai parse)?
bool is_json_form(const nlohmann::json& j);

// XLSX form written to `path`: prints on A4 (landscape, one page wide, each
// table on its own page), numbers validated (non-negative integers; the fee in
// 万元 a non-negative decimal; dates), formulas locked in a protected sheet
// (inputs unlocked, no password). Throws std::runtime_error (Chinese message).
void write_xlsx_form(const std::string& path);

// Read a filled-in XLSX form back into a record: the input cells of the form
// (formula cells are ignored: totals are recomputed on render), agency, year and
// the section texts. Throws std::runtime_error (Chinese) when the bytes are not
// such a form or XLSX support (libzip + pugixml) was not compiled in.
Report read_xlsx_form(std::string_view bytes);

// Sheet cell (0-based row, col) of every record cell in the XLSX form, for readers.
struct FormCellPos { std::string path; int row, col; };
std::vector<FormCellPos> xlsx_form_positions();
inline constexpr int kFormAgencyRow = 2, kFormYearRow = 3, kFormDateRow = 4, kFormValueCol = 1;
// Sheet rows of the three fee fields of section 六 (below table 3), value in kFormValueCol.
struct FeeRows { int notices, notice_amount, collected; };
FeeRows xlsx_fee_rows();

}  // namespace gk::render
