// Stable column names for exports: every cell path of the record maps to one
// English snake_case name ("applications.new[0]" -> "applications_new_natural_person")
// and a Chinese label ("申请·一、本年新收政府信息公开申请数量·自然人").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gk::store {

struct CellColumn {
  std::string path;   // record cell path
  std::string name;   // English column name
  std::string label;  // Chinese label
};

// All cells of the record, in record order (the same order as gk::all_cells).
const std::vector<CellColumn>& cell_columns();
// Column name / label for a cell path; the path itself when unknown.
std::string column_name(std::string_view path);
std::string column_label(std::string_view path);
// Position of a cell path in cell_columns() (= in the packed cells); size_t(-1) when unknown.
size_t cell_index(std::string_view path);

}  // namespace gk::store
