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

// JSON form: parts 0, totals null (computed on render), section texts empty
// except 六 (the 信息处理费 statement). `gongkai render` reads it back.
nlohmann::json json_form();

// XLSX form written to `path`. Throws std::runtime_error (Chinese message).
void write_xlsx_form(const std::string& path);

// Read a filled-in XLSX form back into a record: the input cells of the form
// (formula cells are ignored: totals are recomputed on render), agency, year and
// the section texts. Throws std::runtime_error (Chinese) when the bytes are not
// such a form or XLSX support (libzip + pugixml) was not compiled in.
Report read_xlsx_form(std::string_view bytes);

// Sheet cell (0-based row, col) of every record cell in the XLSX form, for readers.
struct FormCellPos { std::string path; int row, col; };
std::vector<FormCellPos> xlsx_form_positions();
inline constexpr int kFormAgencyRow = 2, kFormYearRow = 3, kFormValueCol = 1;

}  // namespace gk::render
